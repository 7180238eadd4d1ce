"""A relative called by a kin word: "'Uncle,' Zuko muttered", "'Mum, stop,' said Ada".

In a line of dialogue, a kin word set off as a form of address (at the opening of what
is said, or after a comma, and followed by a comma, a stop or the end of the quote) is
what the speaker calls the one spoken to: an uncle, an aunt, a parent, a grandparent, or
(called so only by an uncle or an aunt) a nephew or a niece.
In a story of two (:func:`fandex.tag.relationships.relatives_at_centre`), a lead who
calls someone so twice, the other lead near, with no one else on the page as much, is
the other lead's relative (once may be a parent on the telephone).
"Father", "Mother", "Sister" and "Brother" are left out: a priest, a nun or a monk is
called so as often; so are endearments ("babe", "love").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from fandex.model import Work
from fandex.tag.mentions import in_dialogue
from fandex.tag.romance_dialogue import narrated_near, paragraph_of
from fandex.tag.romance_people import character_positions
from fandex.vocab.ao3 import load_toml

_CALLS = load_toml("kin.toml")["calls"]
_KIN_CALLS = "|".join((*_CALLS["capitalised"], *_CALLS["any_case"]))
# Words that are kin words however written ("Sit down, nephew."): the others are calls
# only capitalised ("mum" is a word).
_ANY_CASE = frozenset(w.lower() for w in _CALLS["any_case"])
# Set off at the opening of what is said or after a comma, and closed by a comma, a stop,
# a dash or the quote's end: "Uncle," / "Oh, Mum." / "Fine, Dad!"
_CALL = re.compile(
    r"(?:[\"“‘]|,[ \t]+)(?:(?:oh|ah|well|no|yes|please|come on)[ \t,]+)?"
    rf"({_KIN_CALLS})(?=[ \t]*(?:[,.!?…—–]|-{{2}}|[\"”’]))",
    re.I,
)
# How far around a call the one called is (its speaker is named within its paragraph,
# as romance_dialogue reads a line's speaker: paragraph_of).
SCENE = 600
# Calls needed: a single "Mum" may be said to a parent on the telephone, with the other
# lead in the room.
MIN_CALLS = 2


def calls_kin(work: Work, people: tuple[str, str]) -> bool:
    """Whether one of ``people`` calls someone by a kin word in a line of dialogue they
    are the speaker of (the character the narration names nearest it, within its
    paragraph; or, where it names none, both named near it), the other named near it, in
    ``MIN_CALLS`` lines.

    >>> from fandex.model import Chapter, Tag
    >>> t = 'Iroh bought tea.\\n"Uncle," Zuko muttered, "the lanterns."\\n"Uncle!" Zuko said.'
    >>> w = Work(chapters=[Chapter(1, text=t)])
    >>> w.tags += [Tag("character", "Zuko"), Tag("character", "Iroh")]
    >>> calls_kin(w, ("Iroh", "Zuko")), calls_kin(w, ("Iroh", "Katara"))
    (True, False)
    """
    positions: dict[int, list[tuple[int, int, str]]] | None = None
    calls: set[tuple[int, int]] = set()  # the lines that call (one count a line)
    for ch in work.chapters:
        text = ch.text
        pos: list[tuple[int, int, str]] | None = None
        starts: list[int] = []
        for m in _CALL.finditer(text):
            at = m.start(1)
            if not (text[at].isupper() or m.group(1).lower() in _ANY_CASE) or not in_dialogue(
                text, at
            ):
                continue  # "mum" in lower case is a word; a call is capitalised
            if pos is None:
                # Read only once a line calls someone (most works have no such line).
                if positions is None:
                    positions = character_positions(work)
                pos = positions.get(ch.index, [])
                starts = [p[0] for p in pos]
            lo, hi = paragraph_of(text, at, at)
            said_by = narrated_near(text, at, pos, starts, lo, hi)
            if said_by and min(said_by)[1] not in people:
                continue  # said by someone else
            # The one called is on the page: the other of the two is named near the
            # line (a parent on the telephone is nobody of the story's two); a line whose
            # speaker is not named ('"Uncle," he said.') is one of the two's when both
            # are named near it.
            near = pos[bisect_left(starts, at - SCENE) : bisect_right(starts, at + SCENE)]
            if said_by:
                speaker = min(said_by)[1]
                wanted = {people[1] if speaker == people[0] else people[0]}
            else:
                wanted = set(people)
            if wanted <= {n for _s, _e, n in near}:
                calls.add((ch.index, text.rfind("\n", 0, at)))
                if len(calls) >= MIN_CALLS:
                    return True
    return False
