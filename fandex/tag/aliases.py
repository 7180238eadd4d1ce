"""The alias index of the packs in use, and the scan that finds its names in a text.

Every alias, place and term of every pack is indexed by its first capitalised word
("Wyndam-Pryce", "Slayer" for "the Slayer"). A text is scanned once with a single
regular expression for capitalised words; each word is looked up in a dict and the
few candidate aliases that start with it are checked in place. That keeps the scan
linear in the text and independent of how many packs are installed, and the index is
built once per process (:func:`fandex.vocab.packs.cached`), not once per work.

Its own module because both the normal scan of a work (:mod:`fandex.tag.mentions`) and
the scan of lower-case chapters (:mod:`fandex.tag.lowercase`) build on it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import NamedTuple

from fandex.tag.textmemo import TextMemo
from fandex.vocab.packs import Pack, cached, fandom_key

# The capital comes first so the regex engine can jump between candidates; the
# lookbehind then rejects capitals inside words ("McCoy" is one word, not two). The
# repeats are possessive ("*+"): nothing follows them, so giving back a character never
# makes a match, and the engine keeps no state to try (a twelfth less time per token).
CAP_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![\w'’][A-ZÀ-ÖØ-Þ])\w*+(?:['’.-]\w+)*+")
_group = re.Match.group


@dataclass(frozen=True)
class Target:
    """What an alias can mean: a character, place or term of one pack."""

    pack: int  # index into the pack list
    kind: str  # "character" | "place" | "term"
    name: str  # canonical character name, or the place/term itself
    ambiguous: bool = False
    guest: bool = False  # a visitor from a related fandom (see Character.guest)


@dataclass
class Alias:
    """An alias as the scanner checks it: lead words, first capitalised word, the rest."""

    text: str
    prefix: str
    first: str
    rest: str
    targets: list[Target] = field(default_factory=list)

    @property
    def plural_ok(self) -> bool:
        return all(t.kind != "character" for t in self.targets)


# An alias as scan_text checks it: the alias, first word, rest, prefix, whether plain.
_Plan = list[tuple[Alias, str, str, str, bool]]
# A candidate word's aliases as scan_text reads them (see there): all of them, those
# with no rest to check, the first two characters of the others' rests, the length of
# the word's key, and the alias taken at once when no longer one can follow.
_PlanEntry = tuple[_Plan, _Plan, frozenset[str], int, "Alias | None"]
# Words remembered per index at most (a library's vocabulary; then forgotten at once).
_MEMO_MAX = 100_000


@dataclass
class AliasIndex:
    """Every alias of a pack set, by first capitalised word, longest alias first."""

    packs: list[Pack]
    by_first: dict[str, list[Alias]]
    first_words: frozenset[str]
    # How many pack families an alias string belongs to (distinctiveness is the inverse).
    spread: dict[str, int]
    # What scan_text works out per capitalised word from the index alone, kept from text
    # to text (a novel's chapters, a library's works repeat the same names): a candidate
    # word's plan, and the known front part of a joined word ("Xander's" -> "Xander").
    plans: dict[str, _PlanEntry] = field(default_factory=dict, repr=False, compare=False)
    fronts: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)


def build_index(packs: Sequence[Pack]) -> AliasIndex:
    """Compile the alias index of ``packs`` (use :func:`alias_index` for the cached one)."""
    aliases: dict[str, Alias] = {}

    def add(text: str, target: Target) -> None:
        m = CAP_WORD.search(text)
        if m is None:
            return
        a = aliases.get(text)
        if a is None:
            a = Alias(text, text[: m.start()], m.group(), text[m.end() :])
            aliases[text] = a
        if target not in a.targets:
            a.targets.append(target)

    for i, pack in enumerate(packs):
        for c in pack.characters:
            for n in c.names:
                add(n, Target(i, "character", c.name, n in c.ambiguous, c.guest))
        for p in pack.places:
            add(p, Target(i, "place", p))
        for t in pack.terms:
            add(t, Target(i, "term", t))
    by_first: dict[str, list[Alias]] = {}
    for a in aliases.values():
        by_first.setdefault(a.first, []).append(a)
    for lst in by_first.values():
        lst.sort(key=lambda a: -len(a.text))
    family = _families(packs)
    spread = {a.text: len({family[t.pack] for t in a.targets}) for a in aliases.values()}
    return AliasIndex(list(packs), by_first, frozenset(by_first), spread)


def _families(packs: Sequence[Pack]) -> list[int]:
    """For each pack, the smallest index of the packs related to it (Buffy and Angel
    are one family), so names they share still count as distinctive of the family."""
    keys = {fandom_key(p.fandom): i for i, p in enumerate(packs)}
    family = list(range(len(packs)))
    for i, p in enumerate(packs):
        for r in p.related:
            j = keys.get(fandom_key(r))
            if j is not None:
                root = min(family[i], family[j])
                family[i] = family[j] = root
    return family


def alias_index() -> AliasIndex:
    """The alias index of the packs in use, compiled once per process."""
    index: AliasIndex = cached("alias-index", build_index)
    return index


class Hit(NamedTuple):
    """One alias found in one chapter (``start``/``end`` are offsets into its text)."""

    chapter: int  # chapter.index
    start: int
    end: int
    alias: Alias


# tuple.__new__ builds a Hit in C: a main character is found thousands of times in a
# novel, and Hit(...) goes through a Python-level __new__.
_new = tuple.__new__


def scan_text(text: str, chapter: int, index: AliasIndex) -> tuple[list[Hit], int]:
    """Find every alias of ``index`` in ``text``; returns the hits and the word count.

    The capitalised words are collected in C, intersected with the index (a set
    operation), and only the tokens that hold a word that can start an alias reach
    Python code (:func:`name_matches`), so it runs once per name, not once per word.
    """
    tokens = list(CAP_WORD.finditer(text))
    words = list(map(_group, tokens))
    distinct = set(words)
    _cap_words.put(text, distinct)
    present = index.first_words & distinct
    key_of: dict[str, str] = {}
    fronts = index.fronts
    if len(fronts) > _MEMO_MAX:
        fronts.clear()
    for w in distinct - present:
        if w[-1] == "s" and w[:-1] in index.first_words:
            key_of[w] = w[:-1]  # a plural ("Dementors"); only places and terms take one
        elif "'" in w or "’" in w or "-" in w or "." in w:
            if w in fronts:
                key = fronts[w]
            else:
                key = fronts[w] = _shorter_key(w, index.first_words)
            if key is not None:
                key_of[w] = key
    if not present and not key_of:
        return [], len(words)
    by_first = index.by_first
    # Per candidate word, its aliases (longest first) with the fields the loop reads,
    # unpacked once per text rather than once per hit; and the same without the aliases
    # whose rest ("Buffy| Summers") cannot follow because its first two characters do not.
    # ``sure``: the alias found wherever no longer one can follow, when the first of the
    # short ones is the word itself (the loop below would take it at once).
    # A word's key follows from the word and the index alone, so its plan is kept.
    memo = index.plans
    if len(memo) > _MEMO_MAX:
        memo.clear()
    plans: dict[str, _PlanEntry] = {}
    for w in present | set(key_of):
        plan = memo.get(w)
        if plan is None:
            key = key_of.get(w, w)
            full = [
                (a, a.first, a.rest, a.prefix, not a.rest and not a.prefix) for a in by_first[key]
            ]
            short = [p for p in full if len(p[2]) < 2]
            sure = short[0][0] if short and short[0][4] and short[0][1] == w else None
            heads = frozenset(p[2][:2] for p in full if len(p[2]) >= 2)
            plan = memo[w] = (full, short, heads, len(key), sure)
        plans[w] = plan
    # Per distinct token holding a candidate word (see :func:`name_matches`): where in
    # it the word starts, the word, and its plan; one lookup per hit, and the loop below
    # reads the tokens itself (a generator's tuple per hit cost a fifth of the scan).
    # A token with a ``sure`` alias (most hits: a lead's first name) is also in
    # ``quick``, with the little its usual hit needs: unless a longer alias's start
    # follows (``heads``), the hit is that alias, the token itself.
    found: dict[str, tuple[int, str, _Plan, _Plan, frozenset[str], int, Alias | None]] = {}
    quick: dict[str, tuple[int, int, frozenset[str], Alias]] = {}
    # Only a candidate word itself, or a token joined by "." or "-", can hold one.
    joined = [t for t in distinct if "-" in t or "." in t]
    for t in (distinct & plans.keys()).union(joined):
        got = _match_in_token(t, plans)
        if got is not None:
            plan = plans[got[1]]
            if plan[4] is not None:
                quick[t] = (got[0], got[0] + plan[3], plan[2], plan[4])
            found[t] = (got[0], got[1], *plan)
    hits: list[Hit] = []
    append = hits.append
    n = len(text)
    last_end = 0
    for tok, t in compress(zip(tokens, words, strict=True), map(found.__contains__, words)):
        q = quick.get(t)
        if q is not None:
            begin = tok.start()
            if begin + q[0] < last_end:
                continue
            after = begin + q[1]
            if not q[2] or text[after : after + 2] not in q[2]:
                # The hit ends where its token does, before the next token starts: no
                # later hit can overlap it, so ``last_end`` need not move.
                append(_new(Hit, (chapter, begin + q[0], tok.end(), q[3])))
                continue
        offset, word, full, short, heads, first_len, sure = found[t]
        s = tok.start() + offset
        if s < last_end:
            continue
        found_end = tok.end()
        after = s + first_len
        if heads and text[after : after + 2] in heads:
            candidates = full
        elif sure is not None:
            append(_new(Hit, (chapter, s, found_end, sure)))
            last_end = found_end
            continue
        else:
            candidates = short
        for a, first, rest, prefix, simple in candidates:
            if simple and word == first:
                # The pattern already matched the whole word: nothing left to check.
                append(_new(Hit, (chapter, s, found_end, a)))
                last_end = found_end
                break
            if rest and not text.startswith(rest, after):
                continue
            end = after + len(rest)
            if end < n and (text[end].isalnum() or text[end] == "_") and a.text[-1].isalnum():
                if not (a.plural_ok and text[end] == "s" and not _is_word(text, end + 1)):
                    continue
                end += 1
            if prefix:
                p0 = s - len(prefix)
                if p0 < 0 or text[p0:s].lower() != prefix.lower() or _is_word(text, p0 - 1):
                    continue
                s_hit = p0
            else:
                s_hit = s
            append(_new(Hit, (chapter, s_hit, end, a)))
            last_end = end
            break
    return hits, len(words)


# The distinct capitalised words of the last few texts scanned (the text kept to check
# identity): other readers of the same chapter ask whether a word is there at all.
_cap_words: TextMemo[set[str]] = TextMemo(16)


def cap_words_of(text: str) -> set[str] | None:
    """The distinct :data:`CAP_WORD` tokens of ``text``, if :func:`scan_text` read it
    lately (else None); the set is shared: read it, never change it."""
    return _cap_words.get(text)


def name_matches(
    text: str, tokens: Sequence[re.Match[str]], words: Collection[str]
) -> Iterator[tuple[int, str, int]]:
    """``(start, word, end)`` where one of ``words`` (capitalised words) stands whole in
    ``text``: the matches ``words_pattern(words).finditer(text)`` gives, in order,
    without compiling a pattern for every text. ``tokens`` are ``text``'s
    :data:`CAP_WORD` matches.

    A word that ends a name (:data:`NAME_END`) ends where a token ends: inside a token
    a word character or a joined "'x", ".x", "-x" follows, and a token stops only where
    none does. So a match is a whole token, or the part of one after a "." or "-"
    ("Wan" in "Obi-Wan"), and depends only on the token's string: each distinct string
    is looked at once, and the tokens are then only looked up."""
    strings = [tok.group() for tok in tokens]
    return _token_matches(tokens, strings, set(strings), words)


def _token_matches(
    tokens: Sequence[re.Match[str]],
    strings: Sequence[str],
    distinct: Collection[str],
    words: Collection[str],
) -> Iterator[tuple[int, str, int]]:
    """:func:`name_matches` given the tokens' strings and the set of them."""
    found: dict[str, tuple[int, str]] = {}
    for t in distinct:
        got = _match_in_token(t, words)
        if got is not None:
            found[t] = got
    # Only the tokens that hold a match reach Python code; the rest are skipped in C.
    for tok, t in compress(zip(tokens, strings, strict=True), map(found.__contains__, strings)):
        offset, word = found[t]
        yield tok.start() + offset, word, tok.end()


def _match_in_token(token: str, words: Collection[str]) -> tuple[int, str] | None:
    """Where in a :data:`CAP_WORD` token a name of ``words`` ends it: the whole token,
    else the rest after its first "." or "-" that is one ((offset, word), or None)."""
    if token in words:
        return 0, token
    for i, ch in enumerate(token[:-1]):
        if ch in ".-" and token[i + 1 :] in words:
            return i + 1, token[i + 1 :]
    return None


def _shorter_key(word: str, keys: frozenset[str]) -> str | None:
    """ "Xander's" -> "Xander", "Obi-Wan's" -> "Obi-Wan": the longest known front part."""
    cut = len(word)
    while True:
        cut = max(word.rfind(c, 0, cut) for c in "'’-.")
        if cut <= 0:
            return None
        if word[:cut] in keys:
            return word[:cut]


_pattern_cache: dict[tuple[frozenset[str], str], re.Pattern[str]] = {}
# After a capitalised name: no word character, and no "'s"/".x"/"-x" continuing it.
NAME_END = r"(?![\w]|['’.-]\w)"


def words_pattern(words: frozenset[str], end: str = NAME_END) -> re.Pattern[str]:
    """A pattern matching exactly these whole words, each followed by ``end`` (cached)."""
    pat = _pattern_cache.get((words, end))
    if pat is None:
        # Each word opens with its first letter and checks the character before it only
        # then ("not inside a word"): a pattern whose every branch starts with a literal
        # lets the regex engine skip to the next candidate in C.
        alt = "|".join(
            re.escape(w[0]) + r"(?<![\w'’].)" + re.escape(w[1:])
            for w in sorted(words, key=len, reverse=True)
        )
        pat = re.compile(rf"(?:{alt}){end}")
        if len(_pattern_cache) > 256:
            _pattern_cache.clear()
        _pattern_cache[(words, end)] = pat
    return pat


def _is_word(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")
