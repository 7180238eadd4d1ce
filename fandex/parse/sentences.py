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

from fandex.parse.values import map_warnings, split_list

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

# "This story contains graphic violence.", "Please note: this fic deals with character
# death". No opening quote: a character saying it is story.
_CONTAINS = re.compile(
    r"^[*_~\[(\s-]*(?:(?:please\s+)?(?:note|be\s+aware|be\s+warned)\s*(?:that\s+|:\s*|,\s*)?)?"
    rf"(?:this|my)\s+(?:(?:whole|entire|complete)\s+)?{_WORK}\s+"
    r"(?:(?:may|will|does|also|might|do)\s+)?(?:also\s+)?"
    r"(?:contains?|includes?|deals?\s+with|depicts?|features?|involves?|has|have)\s+"
    r"(?P<value>[^.!?;:\"“”]{1,160}?)\s*[.!]?[\])*_~\s]*$",
    re.IGNORECASE,
)
# Narration, not a list of content: a pronoun or a speech verb.
_NARRATION = re.compile(
    r"\b(?:i|he|she|they|we|you|him|her|them|his|their|our|your|me|us|said|says|asked)\b",
    re.IGNORECASE,
)
# "a major character death", "scenes of violence": the item without its article.
_ARTICLE = re.compile(
    r"^(?:an?|some|the|(?:graphic\s+)?(?:scenes?|depictions?|descriptions?|themes?)\s+of)\s+",
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
    m = _CONTAINS.match(line.strip())
    if m is None or _NARRATION.search(m.group("value")):
        return None
    items = [_ARTICLE.sub("", item) for item in split_list(m.group("value"))]
    value = ", ".join(item for item in items if item)
    if not any(w.type == "warning" for w in map_warnings(value)):
        return None
    return value


__all__ = ["rated_sentence", "warning_sentence"]
