"""Stated tags written as a sentence about the work, in a header.

``This story is rated R for violence.`` states a rating and ``This fic contains graphic
violence.`` states an archive warning, as plainly as ``Rating: R`` / ``Warnings: graphic
violence`` would. The subject must be the work itself ("this story", "my fic"), so a
film "rated R" or a box that "contains" something in the story is not read; and a
warning sentence counts only when what it names is an AO3 archive warning and reads as
a list of content, not as narration (no pronouns, no speech).
"""

from __future__ import annotations

import re
from functools import cache

from fandex.parse.values import map_warnings, split_list
from fandex.vocab.ao3 import load_toml

_WORK = (
    r"(?:story|stories|fic|fics|fanfic|fan\s*fic|fanfiction|fan\s+fiction|ficlet|drabble|"
    r"chapter|chapters|work|piece|part|one[\s-]?shot|series|installment|instalment|entry|"
    r"post|collection|tale)"
)

# "This story is rated R for violence.", "This fic has been rated PG-13".
_RATED = re.compile(
    rf"^[\W_]*(?:this|(?:this|the|my|our)\s+(?:(?:whole|entire|complete)\s+)?{_WORK})\s+"
    r"(?:is|are|has\s+been|have\s+been|was|will\s+be)\s+"
    r"(?:currently\s+|now\s+|officially\s+)?rated\s+(?:as\s+|at\s+|an?\s+)?"
    r"(?P<value>[^\s.,;:!?()]+(?:\s+[^\s.,;:!?()]+){0,2}?)\s*"
    r"(?=$|[.,;:!?(]|\s+(?:for|because|due|as|with|but|and|so|to|on|in|overall)\b)",
    re.IGNORECASE,
)


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@cache
def _contains() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The warning sentence ("This story contains graphic violence.", "Please note: this
    fic deals with character death"; no opening quote: a character saying it is story)
    and an item's opener ("a", "scenes of")."""
    table = load_toml("warnings.toml")["sentence"]
    sentence = re.compile(
        r"^[*_~\[(\s-]*(?:(?:please\s+)?(?:note|be\s+aware|be\s+warned)\s*(?:that\s+|:\s*|,\s*)?)?"
        rf"(?:this|my)\s+(?:(?:whole|entire|complete)\s+)?{_WORK}\s+(?:also\s+)?"
        rf"(?:{_alternation(table['verbs'])})\s+"
        r"(?P<value>[^.!?;:\"“”]{1,160}?)\s*[.!]?[\])*_~\s]*$",
        re.IGNORECASE,
    )
    opener = re.compile(rf"^(?:{_alternation(table['item_openers'])})\s+", re.IGNORECASE)
    return sentence, opener


# Narration, not a list of content: a pronoun or a speech verb.
_NARRATION = re.compile(
    r"\b(?:i|he|she|they|we|you|him|her|them|his|their|our|your|me|us|said|says|asked)\b",
    re.IGNORECASE,
)


def rated_sentence(line: str) -> str | None:
    """The rating a sentence about the work states, else None.

    >>> rated_sentence("This story is rated PG-13 for language.")
    'PG-13'
    >>> rated_sentence("The film was rated R.") is None
    True
    """
    if "rated" not in line.casefold() or len(line) > 300:
        return None
    m = _RATED.match(line.strip())
    return m.group("value") if m else None


def warning_sentence(line: str) -> str | None:
    """The warning list a sentence about the work states, when it names an archive
    warning; else None.

    >>> warning_sentence("This story contains graphic violence and a major character death.")
    'graphic violence, major character death'
    >>> warning_sentence("This story contains a lighthouse and two cats.") is None
    True
    >>> warning_sentence("This fic contains violence, she said, and closed the book.") is None
    True
    """
    if len(line) > 300:
        return None
    sentence, opener = _contains()
    m = sentence.match(line.strip())
    if m is None or _NARRATION.search(m.group("value")):
        return None
    items = [opener.sub("", item) for item in split_list(m.group("value"))]
    value = ", ".join(item for item in items if item)
    if not any(w.type == "warning" for w in map_warnings(value)):
        return None
    return value


__all__ = ["rated_sentence", "warning_sentence"]
