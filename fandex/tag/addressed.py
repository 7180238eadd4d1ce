"""Where a name is spoken to, and a script's capitalised speakers: signs a name is a
person on the stage, for a work whose fandom has no pack.

Two people alone in a scene seldom say "Soledad said": they talk, and call each other by
name ('"Two years, Soledad."', '"...Ottie."'). A transcript or a play writes who speaks
in capitals ("STAN: Good morning, Morwenna."). A name heard so is someone in the scene,
as one seen speaking or acting is (:mod:`fandex.tag.unknown_cast` reads both).
"""

from __future__ import annotations

import re

from fandex.tag.mentions import in_dialogue
from fandex.vocab.ao3 import load_toml

_NOT_PEOPLE = load_toml("not_people.toml")
# Labels that name a role, not a person ("CALLER:", "HOST:", "Q:").
ROLES = frozenset(_NOT_PEOPLE["roles"])
# Oaths and sounds said as a name is ('"Jesus, Eric."', '"Mm."'): no one spoken to.
NOT_SPOKEN_TO = frozenset(_NOT_PEOPLE["oaths"]) | frozenset(_NOT_PEOPLE["interjections"])

# Before a name spoken to: a comma, a dash ('"Oh, that's — Ottie, that's good."') or an
# ellipsis; or the opening of what is said, when the name is all of its first sentence
# ('"Ferdinand."', '"...Soledad?"': '"Judas," said Prudie' may be an oath).
_BEFORE = re.compile(r"(?:,|—|--|\.\.\.|…)[ \t]*$")
_OPENING = re.compile(r"[\"“‘](?:\.\.\.|…)?[ \t]*$")
_ALONE = re.compile(r"[ \t]*(?:[.?!…]|—|--)")
# After it: the end of the sentence, or a comma that no "and" or "or" follows ("Me, Ola,
# and Fraser" lists three people; "Ola, you came" speaks to one).
_AFTER = re.compile(r"[ \t]*(?:[.?!…]|,(?![ \t]+(?:and|or|&)\b)|—|--)")
# A line of a transcript, a play or a chat: who says it opens it, then a colon.
_LABELLED_LINE = re.compile(r"[ \t>*_]*[A-Z][\w .'’-]{0,30}?[*_]*:[ \t]")
# A speaker in capitals opening a line: "STAN:", "**MO:**", "INGRID HALVORSEN-MBEKI:",
# "RUFUS OKAFOR (shore manager):".
_CAPS_LABEL = re.compile(
    r"^[ \t>*_]*([A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2})(?: \([^)\n]{0,40}\))?[*_]*:[*_]*[ \t]",
    re.M,
)


def spoken_to(text: str, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` is said to someone: set off as one calls a
    person, in quoted speech or in a line a speaker's label opens; no oath or sound
    (:data:`NOT_SPOKEN_TO`: '"Jesus, Eric."', '"Mm."').

    >>> t = '"Two years, Soledad. Sit." Me, Ola, and Fraser.\\nMO: Morning, Stan.'
    >>> spoken_to(t, 12, 19), spoken_to(t, 31, 34), spoken_to(t, 61, 65)
    (True, False, True)
    """
    if text[start:end] in NOT_SPOKEN_TO:
        return False
    if _OPENING.search(text, max(0, start - 5), start) is not None:
        return _ALONE.match(text, end) is not None
    if _BEFORE.search(text, max(0, start - 5), start) is None:
        return False
    if _AFTER.match(text, end) is None:
        return False
    if in_dialogue(text, start):
        return True
    line = text.rfind("\n", 0, start) + 1
    return _LABELLED_LINE.match(text, line, start) is not None


def caps_speakers(text: str) -> dict[str, list[tuple[int, int]]]:
    """The speakers a script or a transcript names in capitals at its lines' heads, as
    names are written ("STAN:" -> "Stan", "O'HARA:" -> "O'Hara"), with where each label
    stands. A text that writes one name so, or few lines, is no script: a shout ("STOP:
    ...") is no speaker.

    >>> got = caps_speakers("MO: Hello.\\nSTAN: Hi.\\nMO: Well?\\nSTAN: Well.")
    >>> sorted((k, len(v)) for k, v in got.items()), got["Mo"][0]
    ([('Mo', 2), ('Stan', 2)], (0, 2))
    """
    got: dict[str, list[tuple[int, int]]] = {}
    for m in _CAPS_LABEL.finditer(text):
        got.setdefault(m.group(1).title(), []).append(m.span(1))
    return got if len(got) >= 2 and sum(map(len, got.values())) >= 4 else {}
