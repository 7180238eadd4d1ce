"""Whether a cue the lexicon found is an event in the story's present, done to someone.

The context rules (:mod:`fandex.tag.context_rules`) read the few words before a cue. An
archive warning asks more of its strongest cues, and only of those few, so the checks
here may read a sentence or a chapter:

- **reported speech**: a death told in dialogue ("He died at the falls," she said) is
  news of a death, not one on the page;
- **narration tense**: in a story told in the present tense ("Lily watches the
  stairs"), a simple past ("she died when her son was a baby") is before the story; in
  one told in the past, a sentence in the past perfect ("after Christopher died, Martin
  had nurtured his anger") is;
- **a named person**: the event's sentence, or the one before it, names someone (a
  capitalised word that is not an ordinary English word: "Perhaps" is not a name).

>>> text = "Mara held his hand. He died before dawn."
>>> names_someone(text, text.index("died"))
True
>>> names_someone("When I died, nobody noticed.", 7)
False
"""

from __future__ import annotations

import re

from fandex.tag.aliases import CAP_WORD
from fandex.tag.context_rules import default_rules
from fandex.tag.lowercase import COMMON, is_lowercased
from fandex.tag.mentions import in_dialogue

_SENTENCE_END = re.compile(r"[.!?\n]")
# A verb form that tells of the past: a regular past, or the irregular ones death and
# violence cues are written with.
_PAST = re.compile(
    r"\b(?:\w\w+ed|was|were|been|took|drew|bled|fell|lay|froze|shot|struck|slain|burnt|"
    r"left|lost|broke|drowned|hung)\b"
)
# "she says", "he walks", "they are" against "she said", "he walked", "they were": told
# by the verb after a third-person subject, outside dialogue.
_SUBJECT_VERB = re.compile(r"\b(?:he|she|it|they)\s+(\w+)", re.IGNORECASE)
_PRESENT_IRREGULAR = frozenset({"is", "are", "has", "have", "does", "do", "goes", "says"})
_PAST_IRREGULAR = frozenset(
    {"was", "were", "had", "did", "said", "went", "came", "saw", "took", "felt", "knew",
     "thought", "made", "got", "told", "left", "stood", "sat", "ran", "gave", "found",
     "heard", "held", "kept", "began", "turned", "looked", "smiled", "nodded"}
)  # fmt: skip
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
_TENSE_SAMPLE = 20_000


def narrated_in_present(text: str) -> bool:
    """Whether the narration of ``text`` (dialogue left out) is in the present tense.

    >>> narrated_in_present("She walks to the door. He looks up and smiles. She sits.")
    True
    >>> narrated_in_present('She walked to the door. "He is here," he said. She sat.')
    False
    """
    narration = _QUOTED.sub(" ", text[:_TENSE_SAMPLE])
    present = past = 0
    for m in _SUBJECT_VERB.finditer(narration):
        verb = m.group(1).lower()
        if verb in _PAST_IRREGULAR or (verb.endswith("ed") and len(verb) > 3):
            past += 1
        elif verb in _PRESENT_IRREGULAR or (verb.endswith("s") and not verb.endswith("ss")):
            present += 1
    return present >= 3 and present > 2 * past


def _sentence_start(text: str, pos: int) -> int:
    if pos <= 0:
        return 0
    return max(text.rfind(ch, 0, pos) for ch in ".!?\n") + 1


def names_someone(text: str, start: int) -> bool:
    """Whether the sentence around ``start``, or the sentence before it, names a person."""
    lo = _sentence_start(text, _sentence_start(text, start) - 1)
    m = _SENTENCE_END.search(text, start)
    hi = m.start() if m else len(text)
    return any(
        w != "I" and w.lower().rstrip("’'s") not in COMMON and w.lower() not in COMMON
        for w in CAP_WORD.findall(text, lo, hi)
    )


_HAD = re.compile(r"\bhad\b|['’]d\b", re.IGNORECASE)


def past_perfect(text: str, start: int) -> bool:
    """Whether the sentence around ``start`` is told in the past perfect ("had died",
    "he'd been hurt", "had long since gone").

    >>> past_perfect("After Kit died, Martin had nurtured his anger.", 10)
    True
    >>> past_perfect("Kit died. Martin had nurtured his anger.", 4)
    False
    """
    lo = _sentence_start(text, start)
    m = _SENTENCE_END.search(text, start)
    hi = m.start() if m else len(text)
    low = text[lo:hi].lower()
    rules = default_rules()
    return any(
        rules.rules[rules.contracted(low, h.end())].kind == "backstory" for h in _HAD.finditer(low)
    )


def in_story_present(text: str, start: int, term: str, present_tense: bool) -> bool:
    """Whether the cue ``term`` at ``start`` of ``text`` happens on the page, now, to a
    named person (see the module docstring)."""
    if in_dialogue(text, start):
        return False
    if _PAST.search(term) and (present_tense or past_perfect(text, start)):
        return False
    # A lower-case text capitalises no name; the other checks must do.
    return is_lowercased(text[max(0, start - 2000) : start + 2000]) or names_someone(text, start)
