"""Who tells the story: the grammatical person of its narration.

A story told in the first person ("I watch him do it") or the second ("you dropping it
because he kissed the back of your neck") has a lead who is a pronoun, not a name: the
romance read from a sentence's pronouns alone may then be the narrator's, given to a
named character who stands near. The person is read from the narration only (quoted
speech is left out: everyone says "I" in dialogue), as the share of its words that are
first- or second-person pronouns.
"""

from __future__ import annotations

import re

from fandex.model import Work
from fandex.tag.mentions import in_dialogue

_FIRST = re.compile(r"\b(?:I|me|my|mine|myself)\b")
_SECOND = re.compile(r"\b(?:you|your|yours|yourself)\b", re.I)
_WORD = re.compile(r"\b\w+\b")
# Pronouns of a person per hundred words of narration from which it is the narrator's:
# a third-person story quotes a letter or a thought now and then ("I shall not," she
# thought), a first-person one says "I" every few words.
PERSON_RATE = 1.5
_SAMPLE = 60000  # characters read per chapter: the person is clear long before


def narrated_by_pronoun(work: Work) -> bool:
    """Whether ``work`` is told in the first or second person (see the module)."""
    first = second = words = 0
    for ch in work.chapters:
        text = ch.text[:_SAMPLE]
        words += len(_WORD.findall(text))
        first += sum(not in_dialogue(text, m.start()) for m in _FIRST.finditer(text))
        second += sum(not in_dialogue(text, m.start()) for m in _SECOND.finditer(text))
    if words == 0:
        return False
    return 100 * max(first, second) / words >= PERSON_RATE
