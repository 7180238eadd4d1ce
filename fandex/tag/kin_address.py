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
# (The opening is one character class, a comma then needing its spaces, so the engine
# skips in C to a quote or a comma: a third faster than r"(?:[\"“‘]|,[ \t]+)".)
_CALL = re.compile(
    r"[\"“‘,](?:(?<=,)[ \t]+|(?<=[\"“‘]))(?:(?:oh|ah|well|no|yes|please|come on)[ \t,]+)?"
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


_KIN = load_toml("kin.toml")
# A relative owned by a pronoun, "her little sister", "his brother's shoulder", "their
# dad": in a story of two, with one lead named in its sentence and the other near, the
# two are that kin (:func:`owns_kin`). Cousins and in-laws are left out, and so is a kin
# word a name follows ("her sister Clara" is Clara, read by fandex/tag/kinship.py).
_OWNED_WORDS = "|".join(
    sorted((w for w in _KIN["relatives"] if w != "cousin"), key=len, reverse=True)
)
_MODIFIERS = "|".join(sorted(_KIN["modifiers"], key=len, reverse=True))
# (Read as r"\b(his|her|their)...", re.I: the first letter is matched in every case
# outside re.I and the word's start checked behind it, so the engine skips in C to an h
# or a t rather than trying the whole pattern at every position; twice as fast.)
_OWNED = re.compile(
    r"([hHtT](?<!\w.)(?i:(?<=h)is|(?<=h)er|(?<=t)heir))"
    rf"(?i:[ \t]+(?:(?:{_MODIFIERS})[ \t-]+){{0,2}}({_OWNED_WORDS})s?\b"
    r"(?![ \t]*(?:-|in[ \t-]law|in[ \t]arms|in[ \t]all[ \t]but)))"
    # Only a kin word that closes its phrase or owns something ("her little sister.",
    # "her sister's back"), not one a word follows: "her sister was waiting", "rang her
    # mother" bring in a relative the story does not name as often as they mean the
    # other lead (over the spent sets reading those too found one friendship by luck,
    # "rang her mother", and made one wrong, "her sister was waiting with a coat").
    r"(?![ \t]+\w)"
)
# "Their" owns only a relative both share: a parent or a grandparent, not a child (a
# couple's "their son").
_SHARED = frozenset(
    {"mother", "father", "mom", "mum", "dad", "mama", "papa", "grandmother", "grandfather"}
    | {"grandma", "grandpa", "granddad", "gran", "aunt", "auntie", "uncle"}
)
_SENTENCE_END = re.compile(r"[.!?\n]")
MIN_OWNED = 2


def owns_kin(
    work: Work, people: tuple[str, str], need: int = MIN_OWNED, told: bool = False
) -> bool:
    """Whether, in ``need`` sentences, one of ``people`` is named and a relative is
    owned by a pronoun ("Marguerite looked at her little sister", "Jane tucked a lock
    behind her sister's ear"; "their dad", a parent both share), no one else is named in
    the sentence, and the other of the two is named near it: in a story of two, the
    relative is the other lead. ``need``: the sentences asked for (``MIN_OWNED`` by
    default); ``told``: only sentences of the narration (a line of dialogue may speak of
    anyone's mother, "He thinks you're his mother").

    >>> from fandex.model import Chapter, Tag
    >>> t = "Ada looked at her little sister. Ben laughed. Ada took her sister's coat."
    >>> w = Work(chapters=[Chapter(1, text=t)])
    >>> w.tags += [Tag("character", "Ada"), Tag("character", "Ben")]
    >>> owns_kin(w, ("Ada", "Ben")), owns_kin(w, ("Ada", "Cal"))
    (True, False)
    """
    positions: dict[int, list[tuple[int, int, str]]] | None = None
    found: set[tuple[int, int]] = set()
    for ch in work.chapters:
        text = ch.text
        pos: list[tuple[int, int, str]] = []
        starts: list[int] = []
        for m in _OWNED.finditer(text):
            if m.group(1).lower() == "their" and m.group(2).lower() not in _SHARED:
                continue  # "their son": a couple's child as often
            if told and in_dialogue(text, m.start()):
                continue  # "He thinks you're his mother": whose, a line may not say
            if positions is None:
                positions = character_positions(work)
            if not starts:
                pos = positions.get(ch.index, [])
                starts = [p[0] for p in pos]
            at = m.start()
            lo = max(
                (e.end() for e in _SENTENCE_END.finditer(text, max(0, at - 300), at)),
                default=max(0, at - 300),
            )
            end = _SENTENCE_END.search(text, m.end())
            hi = end.start() if end else len(text)
            inside = pos[bisect_left(starts, lo) : bisect_right(starts, hi)]
            here = {n for _s, _e, n in inside}
            if not here or not here <= set(people):
                continue  # nobody of the two, or someone else, in the sentence
            if (
                m.group(1).lower() != "their"
                and len(here) > 1
                and not _owner_then_kin(inside, at, m.end())
            ):
                continue  # "Ada and Ben ... her sister": whose, it does not say
            near = {
                n
                for _s, _e, n in pos[
                    bisect_left(starts, at - SCENE) : bisect_right(starts, at + SCENE)
                ]
            }
            if set(people) <= near:
                found.add((ch.index, lo))
                if len(found) >= need:
                    return True
    return False


def _owner_then_kin(inside: list[tuple[int, int, str]], at: int, end: int) -> bool:
    """Whether the names of a sentence (``inside``) are one person before the owned kin
    word (at ``at``, ending at ``end``) and the other after it: "Citlali rubs her
    sister's back while Yaretzi cries" (the owner is the one named before the pronoun,
    the relative the one named after). "Ada and Ben ... her sister" says no owner.
    """
    before = {n for s, _e, n in inside if s < at}
    after = {n for s, _e, n in inside if s >= end}
    return len(before) == 1 and len(after) == 1 and before != after


_TITLES = frozenset((*_CALLS["capitalised"], *load_toml("kin.toml")["titles"]["words"]))


def titled_kin(people: tuple[str, ...]) -> bool:
    """Whether a name of ``people`` opens with a kin word the story names them by
    ("Uncle Iroh", "Mémé Ottilie"; ``kin.toml`` ``calls`` and ``titles``): in a story of
    two, the other lead's relative.

    >>> titled_kin(("Mémé Ottilie", "Rémy")), titled_kin(("Ada", "Ben")), titled_kin(("Pa",))
    (True, False, False)
    """
    return any(len(n.split()) > 1 and n.split()[0] in _TITLES for n in people)


def named_together(work: Work, people: tuple[str, str]) -> bool:
    """Whether some paragraph of ``work`` names both of ``people``: kin read only from
    what one calls or owns ("Nan", "her brother") is the other lead's only where the two
    are on the page together (a call may be a name, "'Nan,' he said", and the brother
    someone never on the page).

    >>> from fandex.model import Chapter, Tag
    >>> w = Work(chapters=[Chapter(1, text="Ada rang.\\nBen ate. Ada slept.\\nCal left.")])
    >>> w.tags += [Tag("character", n) for n in ("Ada", "Ben", "Cal")]
    >>> named_together(w, ("Ada", "Ben")), named_together(w, ("Ada", "Cal"))
    (True, False)
    """
    positions = character_positions(work)
    for ch in work.chapters:
        paragraphs: dict[str, set[int]] = {n: set() for n in people}
        para = last = 0
        for s, _e, n in positions.get(ch.index, []):  # (sorted: paragraphs counted once)
            para, last = para + ch.text.count("\n", last, s), s
            if n in paragraphs:
                paragraphs[n].add(para)
        if paragraphs[people[0]] & paragraphs[people[1]]:
            return True
    return False
