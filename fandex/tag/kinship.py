"""Kinship the text states between two named characters: never a couple.

Relatives are known from a pack's ``family`` data or a shared family name; in an
original work, or where one sister is named by her first name only, only the text says
so. A kin word (``fandex/vocab/kin.toml``: sister, brother, mother, cousin, ...) ties two
named people when the sentence says whose relative a named person is:

- a possessive: "Ada's sister Clara", "Ada's little sister, Clara,", "Clara, Ada's
  sister,", "Clara was Ada's sister";
- a pronoun: "her sister Clara", "Clara, her sister,", "Tom is his brother": the owner is
  the nearest name before it in its paragraph (inside a quotation: in that quotation)
  whose gender fits the pronoun, and no guess when a name of unknown gender comes first;
  "their mother, Ruth" is the mother of the last two named, as "A and B";
- the first person: "my sister Clara" in a line of dialogue is the speaker's sister
  when the line says who speaks ("said Ada", or the one name its paragraph gives outside
  the quotation); in the narration, the narrator's, when the narrator says their name
  ("My name is Ada") and is one of the story's leads;
- two named together: "Ada and Clara were sisters".

The named relative must stand right beside the kin word ("her sister Clara", "her
sister, Clara,"), so a third party ("her sister's friend Clara", "her sister, Clara
said,") ties no one. In-laws and figures of speech ("sister-in-law", "brothers in
arms") are not relatives; a step- or half-sibling is. Conservative by design: a missed
kinship leaves a wrong guess possible, a wrong one would hide a real couple.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from fandex.model import Work
from fandex.tag.mentions import SPEECH_VERBS
from fandex.tag.propernames import merge_spans
from fandex.tag.romance_people import character_positions, together
from fandex.tag.romance_scan import cues
from fandex.tag.termscan import matches_at
from fandex.vocab.ao3 import load_toml
from fandex.vocab.names import known_character

_KIN = load_toml("kin.toml")
_MODS = "|".join(sorted((re.escape(m) for m in _KIN["modifiers"]), key=len, reverse=True))
_NOT_AFTER = tuple(_KIN["not_after"])

# What stands before a kin word: its owner and up to two modifiers ("her little", "Ada's
# twin", "my half-").
_OWNER = re.compile(
    r"(?:(?<![\w'’])(her|his|my|our|their)|(['’]s))\s+(?:(?:" + _MODS + r")(?:\s+|-))"
    r"{0,2}\Z",
    re.I,
)
# Right after a named relative set off by a comma: the apposition closes ("her sister,
# Clara, came"), not a clause ("her sister, Clara said,").
_CLOSE = re.compile(r"\s*(?:[,.;:!?)\]—–\"”’']|\Z|\n)")
_POSSESSIVE = re.compile(r"['’]s\b")
_IS = re.compile(r"\s+(?:is|was)\s+\Z|,\s+\Z", re.I)
_ARE = re.compile(r"\s+(?:are|were|had been|have been)\s+(?:(?:" + _MODS + r")(?:\s+|-))?\Z", re.I)
_GENDER = {"her": "F", "his": "M"}
# Between a name and a pronoun, someone else it may stand for: a relative clause ("the
# child, who ... his father") or a person no name is given ("the boy", "a woman").
_OTHER_PERSON = re.compile(
    r"\b(?:who|whom|whose)\b|\b(?:the|a|an|another|that|this)\s+(?:[\w-]+\s+)?(?:"
    + "|".join(_KIN["people"])
    + r")s?\b",
    re.I,
)
# How far back in its paragraph a pronoun's owner is looked for, and the text around a
# kin word read for names.
REACH = 600
_QUOTES = {'"': '"', "“": "”", "‘": "’", "'": "'"}
_SPEECH = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
_SAID_AFTER = re.compile(r"\s*,?\s*(?:" + _SPEECH + r")\s+", re.I)
_SAID_BEFORE = re.compile(r"\s+(?:" + _SPEECH + r")[,:]?\s*", re.I)
_I_SAID = re.compile(r"\s*,?\s*(?:I\s+(?:" + _SPEECH + r")|(?:" + _SPEECH + r")\s+I)\b")
# "my name is", "my name's", "call me", "I'm", "I am" before a capital: the pattern opens
# with their first letters and only then looks behind them (not inside a word), so the
# engine skips to candidates in C, where a leading \b was tried at every word of a novel.
_MY_NAME = re.compile(
    r"[MmCcI](?<!\w.)(?:(?<=[Mm])y name(?: is|'s)|(?<=[Cc])all me|(?<=I)(?:'m|’m| am))"
    r"\s+(?=[A-Z])"
)
# What opens every match of _MY_NAME, and the lead letters that may stand before it
# ("" when the opening holds its lead): found with str.find, in C, where the regex
# stopped at every "m", "c" and "I" of every chapter.
_MY_NAME_OPENINGS = (("y name", "Mm"), ("all me", "Cc"), ("I'm", ""), ("I’m", ""), ("I am", ""))


def names_said(text: str) -> list[int]:
    """Where each match of :data:`_MY_NAME` in ``text`` ends, in order: the ends
    ``_MY_NAME.finditer(text)`` gives, the regex tried only where an opening stands."""
    starts: list[int] = []
    for opening, leads in _MY_NAME_OPENINGS:
        back = 1 if leads else 0
        at = text.find(opening, back)
        while at != -1:
            if not leads or text[at - 1] in leads:
                starts.append(at - back)
            at = text.find(opening, at + 1)
    if not starts:
        return []
    starts.sort()
    return [m.end() for m in matches_at(_MY_NAME, text, starts)]


def quotation(text: str, lo: int, at: int) -> tuple[int, int] | None:
    """The quotation around ``at`` in the paragraph starting at ``lo``, as (start of its
    opening mark, end of its closing mark), else None. A straight single quote between
    two letters is an apostrophe ("Ada's"), and one after a letter with no quotation open
    is too ("the boys' room")."""
    closing = ""
    start = -1
    i = lo
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    while i < end:
        ch = text[i]
        prev = text[i - 1] if i > lo else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if closing and ch == closing and not (ch in "'’" and prev.isalpha() and nxt.isalpha()):
            if start <= at < i:
                return start, i + 1
            closing = ""
        elif not closing and ch in _QUOTES and not (ch == "'" and prev.isalnum()):
            closing, start = _QUOTES[ch], i
        i += 1
    return (start, end) if closing and start <= at else None


def _speaker(
    text: str, q: tuple[int, int], para: list[tuple[int, int, str]], kin: str
) -> str | None:
    """Who speaks a quotation: a name attributed right after or before it ("'...,' said
    Ada", "Ada said, '...'"), or the one name its paragraph gives outside quotations."""
    for s, e, n in para:
        if s >= q[1]:
            # "'...,' said Ada" or "'...,' Ada said"; a name after the line alone may be
            # the one who answers.
            if _SAID_AFTER.fullmatch(text, q[1], s) or (
                not text[q[1] : s].strip(" ,") and _SAID_BEFORE.match(text, e)
            ):
                return n
            break
    before = [p for p in para if p[1] <= q[0]]
    if before and _SAID_BEFORE.fullmatch(text, before[-1][1], q[0]):
        return before[-1][2]
    outside = {
        n for s, _e, n in para if n != kin and quotation(text, _para_start(text, s), s) is None
    }
    return next(iter(outside)) if len(outside) == 1 else None


def _para_start(text: str, at: int) -> int:
    return max(text.rfind("\n", 0, at) + 1, at - REACH)


def _owner_by_pronoun(
    text: str,
    at: int,
    pronoun: str,
    before: list[tuple[int, int, str]],
    kin: str,
    gender: dict[str, str],
) -> str | None:
    """The nearest name before a pronoun whose gender fits it; none past a name whose
    gender is not known (it may be the one meant)."""
    want = _GENDER[pronoun]
    for _s, e, n in reversed(before):
        if n == kin:
            continue
        if _OTHER_PERSON.search(text, e, at):
            return None  # "Sherlock's son, who ... like his father": the son's
        g = gender.get(n, "U")
        if g == want:
            return n
        if g not in ("M", "F"):
            return None
    return None


def _owners(
    text: str,
    owner: re.Match[str],
    k_start: int,
    kin: str,
    pos: list[tuple[int, int, str]],
    starts: list[int],
    gender: dict[str, str],
    narrator: str | None,
) -> list[str]:
    """Whose relative the kin word at ``k_start`` says ``kin`` is."""
    o_start = owner.start()
    if owner.group(2):  # "Ada's sister"
        at = _possessor(o_start, pos, starts)
        return [at[1]] if at else []
    word = owner.group(1).lower()
    p_lo = _para_start(text, o_start)
    q = quotation(text, p_lo, o_start)
    lo = q[0] if q else p_lo
    before = pos[bisect_left(starts, lo) : bisect_left(starts, o_start)]
    if word in _GENDER:
        found = _owner_by_pronoun(text, o_start, word, before, kin, gender)
        return [found] if found else []
    if word == "their":
        # The two named last, as "A and B", in the paragraph.
        others = [p for p in before if p[2] != kin]
        return sorted(together(text, others[-2:]))
    # "my", "our": the speaker of the quotation, or the narrator.
    if q is None:
        return [narrator] if narrator else []
    p_hi = text.find("\n", k_start)
    p_hi = len(text) if p_hi < 0 else p_hi
    para = pos[bisect_left(starts, p_lo) : bisect_right(starts, p_hi)]
    who = _speaker(text, q, para, kin)
    return [who] if who else []


def _named_after(
    text: str, k_end: int, pos: list[tuple[int, int, str]], starts: list[int], plural: bool
) -> list[str]:
    """The relatives named right after a kin word ("her sister Clara", "her sister,
    Clara,"; after a plural, "his brothers Tom and Sam")."""
    out: list[str] = []
    at = k_end
    i = bisect_left(starts, at)
    while i < len(pos):
        s, e, n = pos[i]
        gap = text[at:s]
        if out and gap not in (", ", " and ", ", and ", " & "):
            break
        if not out and (gap not in (" ", ", ") or (gap == ", " and not _CLOSE.match(text, e))):
            break
        if _POSSESSIVE.match(text, e):
            break  # "his son Mycroft's umbrella": the umbrella is Mycroft's
        out.append(n)
        if not plural:
            break
        at, i = e, i + 1
    return out


def _possessor(
    at: int, pos: list[tuple[int, int, str]], starts: list[int]
) -> tuple[int, str] | None:
    """The name (its start, the character) that ends at ``at``, before an "'s"."""
    hit = [
        (s, n) for s, e, n in pos[bisect_left(starts, at - 60) : bisect_left(starts, at)] if e == at
    ]
    return hit[-1] if hit else None


def _named_before(
    text: str, o_start: int, k_end: int, pos: list[tuple[int, int, str]], starts: list[int]
) -> str | None:
    """The relative named before its owner: "Clara, her sister,", "Clara was Ada's
    sister"."""
    i = bisect_left(starts, o_start - 60)
    before = pos[i : bisect_left(starts, o_start)]
    if not before:
        return None
    _s, e, n = before[-1]
    m = _IS.fullmatch(text, e, o_start)
    if m is None or (m.group().strip() == "," and not _CLOSE.match(text, k_end)):
        return None
    return n


def narrator_of(work: Work, leads: Iterable[str]) -> str | None:
    """The narrator of a first-person story who says their name ("My name is Ada",
    "'I'm Ada,' I said"), when that is one of ``leads`` and only one."""
    wanted = set(leads)
    # (One the character tagger found by the name others call them.)
    called = [t.name for t in work.tags_of("character") if t.attrs.get("narrator")]
    if len(called) == 1 and called[0] in wanted:
        return called[0]
    seen: set[str] = set()
    said = {ch.index: names_said(ch.text) for ch in work.chapters}
    said = {i: says for i, says in said.items() if says}
    if not said:
        return None
    # One reading of the work's names for every chapter where someone says theirs, not one
    # per chapter: each reading goes over the whole work (a novel has hundreds).
    regions = {i: merge_spans([(at, at + 60) for at in says]) for i, says in said.items()}
    positions = character_positions(work, regions)
    for ch in work.chapters:
        says = said.get(ch.index)
        if not says:
            continue
        text = ch.text
        for s, _e, n in positions.get(ch.index, []):
            if n not in wanted or s not in says:
                continue
            q = quotation(text, _para_start(text, s), s)
            if q is None or _I_SAID.match(text, q[1]):
                seen.add(n)
    return next(iter(seen)) if len(seen) == 1 else None


def stated_kin(
    work: Work,
    gender: dict[str, str],
    leads: Iterable[str] = (),
    hits: dict[int, list[tuple[int, int, bool]]] | None = None,
) -> set[frozenset[str]]:
    """Every two named characters the text says are relatives (see the module); ``leads``:
    the characters a first-person narrator may be; ``hits``: per chapter, the kin words
    the romance scan met (:attr:`fandex.tag.romance.Romance.kin`), when the caller has
    them."""
    if hits is None:
        hits = {}
        for ch in work.chapters:
            for _ in cues(ch.text, None, hits.setdefault(ch.index, [])):
                pass
    found: dict[int, list[tuple[int, int, bool]]] = {}
    for ch in work.chapters:
        text = ch.text
        # "her sister's friend", "sister-in-law", "brothers in arms": no one's relative.
        kept = [
            h
            for h in hits.get(ch.index, [])
            if text[h[1] : h[1] + 1] not in ("'", "’", "-")
            and not any(text.startswith(x, h[1]) for x in _NOT_AFTER)
        ]
        if kept:
            found[ch.index] = kept
    if not found:
        return set()
    regions = {i: [(max(0, s - REACH), e + 120) for s, e, _p in hits] for i, hits in found.items()}
    positions = character_positions(work, {i: merge_spans(r) for i, r in regions.items()})
    # The narrator is looked for only when the narration speaks of "my sister".
    narrator: list[str | None] = []
    out: set[frozenset[str]] = set()
    for ch in work.chapters:
        pos = positions.get(ch.index, [])
        if not pos:
            continue
        starts = [p[0] for p in pos]
        text = ch.text
        for k_start, k_end, plural in found.get(ch.index, []):
            owner = _OWNER.search(text, max(0, k_start - 40), k_start)
            if owner is None:
                kin_pair = _pair_are(text, k_start, pos, starts) if plural else None
                if kin_pair:
                    out.add(kin_pair)
                continue
            named = _named_after(text, k_end, pos, starts, plural)
            if not named:
                who = _possessor(owner.start(), pos, starts) if owner.group(2) else None
                o_start = who[0] if who else owner.start()
                before = _named_before(text, o_start, k_end, pos, starts)
                named = [before] if before else []
            if (
                named
                and owner.group(1)
                and owner.group(1).lower() in ("my", "our")
                and not narrator
            ):
                narrator.append(narrator_of(work, leads))
            me = narrator[0] if narrator else None
            for kin in named:
                for o in _owners(text, owner, k_start, kin, pos, starts, gender, me):
                    if o != kin:
                        out.add(frozenset((o, kin)))
    return out


def _pair_are(
    text: str, k_start: int, pos: list[tuple[int, int, str]], starts: list[int]
) -> frozenset[str] | None:
    """ "Ada and Clara were sisters": the two named together just before."""
    i = bisect_left(starts, k_start - 80)
    before = pos[i : bisect_left(starts, k_start)]
    if not before or not _ARE.fullmatch(text, before[-1][1], k_start):
        return None
    pair = together(text, before)
    return frozenset(pair) if pair and before[-1][2] in pair else None


def shared_family_name(work: Work, pairs: Iterable[tuple[str, ...]]) -> set[frozenset[str]]:
    """Pairs of ``pairs`` the text names as one family by a coordination: "Clara and
    Hattie Wren" gives Clara the family name of Hattie Wren, so the two share it, as two
    characters named "Ada Hart" and "Ben Hart" do (:func:`fandex.tag.relationships.relatives`).
    Only for a pair of one given name and one full name, neither a pack's character (pack
    characters who share a name may be married; "Bill and Fleur Weasley")."""
    out: set[frozenset[str]] = set()
    for pair in pairs:
        if len(pair) != 2 or any(known_character(p) for p in pair):
            continue
        short = [p for p in pair if len(p.split()) == 1]
        full = [p for p in pair if len(p.split()) >= 2]
        if len(short) != 1 or len(full) != 1:
            continue
        given, rest = full[0].split(maxsplit=1)
        said = re.compile(rf"\b{re.escape(short[0])} and {re.escape(given)} {re.escape(rest)}\b")
        if any(said.search(ch.text) for ch in work.chapters):
            out.add(frozenset(pair))
    return out
