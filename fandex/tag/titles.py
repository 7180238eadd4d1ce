"""A person called by a title: "the Captain" is Captain Vire once the text names her so.

English names a person by office ("Captain Annick Vire", "Dr. Okafor") and then often
by the office alone: "the Captain", "the doctor". The rule read here, as a reader would:
where the work names exactly one person with a title (the title word, or its
abbreviation, written before the name), "the T" (the same title after "the", any case)
stands for that person in every chapter that also names them. Two captains make "the
Captain" no one's; a title never written before a name ("the captain of the team") is
no one's; "the T of" and "the T's office" are an office or a place, not the person on
stage. Titles that are also everyday words ("the general idea") count only capitalised.

The titles are data (``fandex/vocab/titles.toml``). Both mention routes use this module:
the pack route (:mod:`fandex.tag.characters` adds the hits to a character's mentions) and
the names no pack knows (:mod:`fandex.tag.romance_people` adds the spans to where
characters are named). Nothing is read unless a title stands before a capitalised word.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from fandex.tag.aliases import CAP_WORD, Alias, Hit, alias_index, cap_words_of
from fandex.tag.lowercase import COMMON_WORDS
from fandex.tag.mentions import WORDS
from fandex.tag.textmemo import TextMemo

_DATA = tomllib.loads(
    (Path(__file__).resolve().parent.parent / "vocab" / "titles.toml").read_text("utf-8")
)
# A written form before a name ("Dr.", "Captain") -> its title ("doctor", "captain").
FORMS: dict[str, str] = {f: key for key, forms in _DATA["forms"].items() for f in forms}
CAPITAL_ONLY = frozenset(_DATA["capital_only"]["titles"])
_PLACES_AFTER = frozenset(_DATA["places_after"]["words"])
# Words that follow a title and name no person ("Doctor Who" is a show, "Captain I"...).
_NOT_NAMES = frozenset(WORDS["not_names"]) | frozenset(WORDS["titles"])
# ... and the most frequent English words, after a title in a heading ("The Captain Takes
# a Prize") when they are none of the characters' names.
_FREQUENT = frozenset(COMMON_WORDS[:1500])

# A title written before a capitalised word. Each branch opens with a literal capital and
# only then looks behind it (not inside a word), so the engine skips to candidates in C.
_BY_FIRST: dict[str, list[str]] = {}
for _f in sorted(FORMS, key=len, reverse=True):
    _BY_FIRST.setdefault(_f[0], []).append(re.escape(_f[1:]))
_TITLE_NAME = re.compile(
    "("
    + "|".join(f"{c}(?<![\\w'’.-]{c})(?:{'|'.join(rest)})" for c, rest in sorted(_BY_FIRST.items()))
    + r")(?![\w'’-])[ \t]+(?=[A-ZÀ-ÖØ-Þ])"
)
# Each form as the token CAP_WORD reads where _TITLE_NAME finds it (before a space, and
# after no word character, apostrophe, "." or "-"): "Dr." is the token "Dr".
_FORM_WORDS = frozenset(m.group() for f in FORMS if (m := CAP_WORD.match(f + " ")) is not None)
_POSSESSIVE = re.compile(r"['’]s$")
# What may follow "the T": a possessive and the word after it, or "of".
_AFTER = re.compile(r"(['’]s)?[ \t]+([\w'’]+)")

# The alias a title mention is found under (one per title, made once).
_ALIASES: dict[str, Alias] = {}


def _alias(text: str) -> Alias:
    """The alias of a title ("the Captain") or an epithet ("the angel")."""
    a = _ALIASES.get(text)
    if a is None:
        a = _ALIASES[text] = Alias(text, "the ", text[4:], "")
    return a


# Every chapter of a work is asked of once per reading of its names (the character
# tagger's, and each of the relationship tagger's): kept for a whole novel's chapters.
_MEMO_SIZE, _MEMO_CHARS = 4096, 8_000_000
_found: TextMemo[list[tuple[str, int, str]]] = TextMemo(_MEMO_SIZE, _MEMO_CHARS)


def _titles_before_names(text: str) -> list[tuple[str, int, str]]:
    """(title, where the name starts, its first word) for every title before a name in
    ``text``; remembered for the last texts (several readers ask of the same one)."""
    got = _found.get(text)
    if got is not None:
        return got
    out: list[tuple[str, int, str]] = []
    words = cap_words_of(text)
    # A title before a name is a capitalised word of its own (the alias scan's tokens):
    # most texts hold none of them, and are then not searched.
    if words is None or not _FORM_WORDS.isdisjoint(words):
        out = _titles_in(text)
    return _found.put(text, out)


def _titles_in(text: str) -> list[tuple[str, int, str]]:
    out: list[tuple[str, int, str]] = []
    for m in _TITLE_NAME.finditer(text):
        word_m = CAP_WORD.match(text, m.end())
        if word_m is not None:
            out.append((FORMS[m.group(1)], m.end(), _POSSESSIVE.sub("", word_m.group())))
    return out


def titled_people(
    texts: Mapping[int, str], person_at: Callable[[int, int, str], str | None]
) -> dict[str, str]:
    """Title -> the one person the work names with it ("captain" -> "Annick Vire").

    ``person_at(chapter, start, word)`` says who the name starting at ``start`` (its
    first word ``word``) is, or None for someone who is none of the characters: he is
    still a second person with the title, so "the Captain" is then no one's.

    >>> titled_people({1: "Captain Vire waved. Dr. Okafor and Dr. Ruiz came."},
    ...               lambda ch, s, w: {"Vire": "Annick Vire", "Okafor": "Ada Okafor"}.get(w))
    {'captain': 'Annick Vire'}
    """
    carriers: dict[str, set[str]] = {}
    for ch, text in texts.items():
        for key, start, word in _titles_before_names(text):
            if word in _NOT_NAMES:
                continue
            who = person_at(ch, start, word)
            if who is None and word.lower() in _FREQUENT:
                continue
            carriers.setdefault(key, set()).add(who if who is not None else "\0" + word)
    out: dict[str, str] = {}
    for key, people in carriers.items():
        (who,) = people if len(people) == 1 else ("\0",)
        if not who.startswith("\0"):
            out[key] = who
    return out


_the_patterns: dict[frozenset[tuple[str, str]], re.Pattern[str]] = {}


def _the_pattern(words: Mapping[str, str]) -> re.Pattern[str]:
    key = frozenset(words.items())
    pat = _the_patterns.get(key)
    if pat is None:
        alt = "|".join(
            re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(words, key=len, reverse=True)
        )
        pat = re.compile(r"[Tt](?<![\w'’-][Tt])he[ \t]+(" + alt + r")(?![\w-])")
        if len(_the_patterns) > 64:
            _the_patterns.clear()
        _the_patterns[key] = pat
    return pat


def title_mentions(text: str, keys: frozenset[str]) -> list[tuple[int, int, str]]:
    """Where ``text`` calls someone "the T" for a title of ``keys``, as sorted (start,
    end, title): not "the T of" (an office: "the captain of the team"), not "the T's"
    place ("the doctor's office"), not "the T" before a name ("the Doctor Okafor" is
    found under the name).

    >>> t = "The Captain smiled. The captain of the guard left the doctor's office."
    >>> [t[a:b] for a, b, _k in title_mentions(t, frozenset({"captain", "doctor"}))]
    ['The Captain']
    """
    memo = _title_found.get(text)
    if memo is None:
        memo = _title_found.put(text, {})
    got = memo.get(keys)
    if got is not None:
        return got
    words: dict[str, str] = {}
    for k in keys:
        words[k.capitalize()] = k
        if k not in CAPITAL_ONLY:
            words[k] = k
    got = memo[keys] = the_mentions(text, words)
    return got


# title_mentions' answers per text and titles (shared lists: read them, never change
# them): each reading of a work's names asks of every chapter naming a titled person.
_title_found: TextMemo[dict[frozenset[str], list[tuple[int, int, str]]]] = TextMemo(
    _MEMO_SIZE, _MEMO_CHARS
)


def the_mentions(text: str, words: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """Where ``text`` writes "the W" for a word (or words) of ``words`` (as written ->
    its key), as sorted (start, end, key), except "the W of", "the W's" place and "the
    W" before a name (see :func:`title_mentions`)."""
    out: list[tuple[int, int, str]] = []
    # Every match holds a word's first word as written: a text without any (most
    # chapters, for most titles) is not searched. The pattern opens with "the", and a
    # search tries it at every "t" of a chapter; str.find skips in C.
    if not any(w.split(" ", 1)[0] in text for w in words):
        return out
    for m in _the_pattern(words).finditer(text):
        after = _AFTER.match(text, m.end())
        if after is not None:
            nxt = after.group(2)
            if after.group(1):
                if nxt.lower() in _PLACES_AFTER:
                    continue
            elif nxt == "of" or (nxt[0].isupper() and nxt not in _NOT_NAMES):
                continue
        written = " ".join(m.group(1).split())
        out.append((m.start(), m.end(), words[written]))
    return out


def title_uses(
    texts: Mapping[int, str],
    person_at: Callable[[int, int, str], str | None],
    named_in: Callable[[str, int], bool],
    known: Callable[[], Mapping[int, list[tuple[int, int]]]],
) -> dict[str, list[tuple[int, int, int, str]]]:
    """Person -> where the work calls them "the T", as (chapter, start, end, title).

    ``person_at`` is as for :func:`titled_people`; ``named_in(person, chapter)``: whether
    the chapter names the person (a chapter that never does may have its own captain);
    ``known()``: per chapter, the sorted spans of names already found (never taken again:
    a pack's "the Doctor" is a name of its own), asked for only once a title is owned.
    """
    out: dict[str, list[tuple[int, int, int, str]]] = {}
    people = titled_people(texts, person_at)
    # Both asked for only where the text says "the T" at all (title_mentions is kept per
    # text, named_in searches a chapter): most chapters never do, and most readings of a
    # work's names then sort no spans.
    taken: Mapping[int, list[tuple[int, int]]] | None = None
    for key, name in people.items():
        keys = frozenset({key})
        for ch, text in texts.items():
            found = title_mentions(text, keys)
            if not found or not named_in(name, ch):
                continue
            if taken is None:
                taken = known()
            for s, e, k in found:
                if not _overlaps(taken.get(ch, []), s, e):
                    out.setdefault(name, []).append((ch, s, e, k))
    return out


def add_title_hits(
    texts: Mapping[int, str],
    hits_of: Mapping[str, list[Hit]],
    epithets: Mapping[str, str] | None = None,
) -> None:
    """Add to each character's hits (``hits_of``: name -> hits, in scan order) where the
    text calls them by their title ("the Captain") or by an epithet of their pack
    (``epithets``: "the angel" -> "Aziraphale (Good Omens)", see :func:`pack_epithets`)
    in a chapter that names them, in place, kept in scan order.

    The pack route: a name's hits say who it is, and a title before a word no hit starts
    at is someone else's.
    """
    spans: dict[int, list[tuple[int, int, str]]] | None = None

    def all_spans() -> dict[int, list[tuple[int, int, str]]]:
        """Per chapter, the sorted (start, end, name) of every hit; built only for a work
        that writes a title before a name or says "the T" (and then once)."""
        nonlocal spans
        if spans is None:
            spans = {}
            get = spans.get
            for n, hs in hits_of.items():
                for h in hs:
                    lst = get(h.chapter)
                    if lst is None:
                        lst = spans[h.chapter] = []
                    lst.append((h.start, h.end, n))
            for lst in spans.values():
                lst.sort()
        return spans

    def person_at(ch: int, start: int, _word: str) -> str | None:
        return _covering(all_spans().get(ch, []), start)

    def named() -> dict[int, list[tuple[int, int]]]:
        # (The spans sorted with their names are sorted by start and end.)
        return {ch: [(s, e) for s, e, _n in lst] for ch, lst in all_spans().items()}

    chapters: dict[str, set[int]] = {}

    def named_in(name: str, ch: int) -> bool:
        got = chapters.get(name)
        if got is None:
            got = chapters[name] = {h.chapter for h in hits_of.get(name, ())}
        return ch in got

    uses = title_uses(texts, person_at, named_in, named)
    found: dict[str, list[Hit]] = {
        name: [Hit(ch, s, e, _alias("the " + k.capitalize())) for ch, s, e, k in got]
        for name, got in uses.items()
    }
    words: dict[str, str] = {}  # an epithet as written ("angel", "Angel") -> the epithet
    for phrase, name in (epithets or {}).items():
        if hits_of.get(name):
            rest = phrase[4:]
            words[rest] = words[rest[0].upper() + rest[1:]] = phrase
    if words:
        taken = named()
        for ch, text in texts.items():
            for s, e, phrase in the_mentions(text, words):
                name = (epithets or {})[phrase]
                if named_in(name, ch) and not _overlaps(taken.get(ch, []), s, e):
                    found.setdefault(name, []).append(Hit(ch, s, e, _alias(phrase)))
    for name, extra in found.items():
        hits = hits_of[name]
        hits.extend(extra)
        hits.sort(key=lambda h: (h.chapter, h.start))


_epithets: dict[frozenset[int], tuple[object, dict[str, str]]] = {}


def pack_epithets(packs: frozenset[int]) -> dict[str, str]:
    """Epithet -> character, for the packs (indices into the alias index's packs) of a
    work's own fandoms: an epithet two of their characters have is no one's."""
    index = alias_index()
    got = _epithets.get(packs)
    if got is not None and got[0] is index:
        return got[1]
    owners: dict[str, set[str]] = {}
    for i in packs:
        for c in index.packs[i].characters:
            for ep in c.epithets:
                owners.setdefault(ep, set()).add(c.name)
    out = {ep: next(iter(names)) for ep, names in owners.items() if len(names) == 1}
    if len(_epithets) > 256:
        _epithets.clear()
    _epithets[packs] = (index, out)
    return out


def _covering(spans: list[tuple[int, int, str]], at: int) -> str | None:
    """The person of the span (sorted (start, end, name)) holding ``at``: a pack's alias
    may hold the title itself ("Captain Kirk", "Detective Inspector Lestrade")."""
    i = bisect_right(spans, (at, 1 << 62, ""))
    return spans[i - 1][2] if i > 0 and spans[i - 1][1] > at else None


def _overlaps(known: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether ``[s, e)`` overlaps one of ``known`` (sorted, not overlapping each other)."""
    i = bisect_right(known, (s, -1))
    return (i > 0 and known[i - 1][1] > s) or (i < len(known) and known[i][0] < e)


def add_title_spans(
    texts: Mapping[int, str],
    spans: dict[int, list[tuple[int, int, str]]],
    forms: Mapping[str, str],
) -> None:
    """Add to ``spans`` (per chapter, (start, end, name) of the characters named there)
    where the text calls one by their title, in place (each list is left unsorted, as
    the caller sorts them). ``forms`` maps the name words of characters no pack knows to
    their name; a pack character is known by a span starting after the title."""

    # Sorted once per chapter, and the names seen there once: title_uses asks of every
    # title before a name and of every chapter (``spans`` only grows after it returns).
    ordered: dict[int, list[tuple[int, int, str]]] = {}
    names_there: dict[int, set[str]] = {}

    def person_at(ch: int, start: int, word: str) -> str | None:
        if word in forms:
            return forms[word]
        got = ordered.get(ch)
        if got is None:
            got = ordered[ch] = sorted(spans.get(ch, []))
        return _covering(got, start)

    names_of: dict[str, list[str]] = {}
    for f, n in forms.items():
        names_of.setdefault(n, []).append(f)

    def named_in(name: str, ch: int) -> bool:
        there = names_there.get(ch)
        if there is None:
            there = names_there[ch] = {n for _s, _e, n in spans.get(ch, [])}
        if name in there:
            return True
        text = texts[ch]
        return any(w in text for w in names_of.get(name) or name.split())

    def known() -> Mapping[int, list[tuple[int, int]]]:
        return _Starts(spans, ordered)

    for name, found in title_uses(texts, person_at, named_in, known).items():
        for ch, s, e, _k in found:
            spans.setdefault(ch, []).append((s, e, name))


class _Starts(Mapping[int, list[tuple[int, int]]]):
    """Per chapter, the sorted (start, end) of ``spans`` (chapter -> (start, end, name)),
    made only for the chapters asked of (a novel has hundreds, "the T" is said in a few),
    from the chapter's sorted spans in ``ordered`` when they are there."""

    def __init__(
        self,
        spans: Mapping[int, list[tuple[int, int, str]]],
        ordered: Mapping[int, list[tuple[int, int, str]]],
    ) -> None:
        self._spans, self._ordered = spans, ordered
        self._made: dict[int, list[tuple[int, int]]] = {}

    def __getitem__(self, ch: int) -> list[tuple[int, int]]:
        got = self._made.get(ch)
        if got is None:
            lst = self._spans[ch]  # (a KeyError for a chapter with none, as a dict's)
            srt = self._ordered.get(ch)
            # (Spans sorted with their names are sorted by start and end.)
            got = self._made[ch] = (
                [(s, e) for s, e, _n in srt]
                if srt is not None
                else sorted([(s, e) for s, e, _n in lst])
            )
        return got

    def __iter__(self) -> Iterator[int]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)
