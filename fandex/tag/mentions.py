"""Finding pack names in text: one compiled index per pack set, one pass per chapter.

Every alias, place and term of every pack is indexed by its first capitalised word
("Wyndam-Pryce", "Slayer" for "the Slayer"). A chapter is scanned once with a single
regular expression for capitalised words; each word is looked up in a dict and the
few candidate aliases that start with it are checked in place. That keeps the scan
linear in the text and independent of how many packs are installed, and it is built
once per process (:func:`fandex.vocab.packs.cached`), not once per work.

The scan of a work is cached too, so the fandom, character and relationship taggers
share it. A chapter written all in lower case is scanned case-insensitively instead
(:mod:`fandex.tag.lowercase`), with a guard against names that are common words.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fandex.model import Evidence, Work
from fandex.vocab.packs import Pack, cached, fandom_key

# The capital comes first so the regex engine can jump between candidates; the
# lookbehind then rejects capitals inside words ("McCoy" is one word, not two).
CAP_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![\w'’][A-ZÀ-ÖØ-Þ])\w*(?:['’.-]\w+)*")
_SENTENCE_END = ".!?:…"
_SKIP_BACK = " \t\r\"“”‘'(*_—–-"
WORDS: dict[str, list[str]] = tomllib.loads(
    (Path(__file__).resolve().parent.parent / "vocab" / "mention_words.toml").read_text("utf-8")
)
DETERMINERS = frozenset(WORDS["determiners"])
SUBJECT_PRONOUNS = frozenset(WORDS["subject_pronouns"])
SPEECH_VERBS = frozenset(WORDS["speech_verbs"])
ACTION_VERBS = frozenset(WORDS["action_verbs"]) | SPEECH_VERBS


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


@dataclass
class AliasIndex:
    """Every alias of a pack set, by first capitalised word, longest alias first."""

    packs: list[Pack]
    by_first: dict[str, list[Alias]]
    first_words: frozenset[str]
    # How many pack families an alias string belongs to (distinctiveness is the inverse).
    spread: dict[str, int]


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


@dataclass(slots=True)
class Hit:
    """One alias found in one chapter (``start``/``end`` are offsets into its text)."""

    chapter: int  # chapter.index
    start: int
    end: int
    alias: Alias


@dataclass
class Scan:
    """Every alias hit of a work, per chapter, plus how many capitalised words it has."""

    hits: list[Hit]
    cap_words: int
    texts: dict[int, str]
    # Results the taggers derive from the scan, shared between them (see characters).
    derived: dict[object, object] = field(default_factory=dict)
    # Chapters written all in lower case, scanned case-insensitively (see lowercase).
    lowercased: frozenset[int] = frozenset()


def hits_by_alias(scan: Scan) -> dict[int, list[Hit]]:
    """The scan's hits grouped by alias (``id`` of the alias), each group in scan order.

    Computed once per scan: the fandom and character taggers both work per alias.
    """
    got = scan.derived.get("by-alias")
    if isinstance(got, dict):
        return got
    by_alias: dict[int, list[Hit]] = {}
    for hit in scan.hits:
        group = by_alias.get(id(hit.alias))
        if group is None:
            by_alias[id(hit.alias)] = [hit]
        else:
            group.append(hit)
    scan.derived["by-alias"] = by_alias
    return by_alias


# An alias as scan_text checks it: the alias, first word, rest, prefix, whether plain.
_Plan = list[tuple[Alias, str, str, str, bool]]


def scan_text(text: str, chapter: int, index: AliasIndex) -> tuple[list[Hit], int]:
    """Find every alias of ``index`` in ``text``; returns the hits and the word count.

    The capitalised words are collected in C (``findall``), intersected with the index
    (a set operation), and only the words that can start an alias are then found with
    a small per-text pattern, so Python code runs once per name, not once per word.
    """
    words = CAP_WORD.findall(text)
    distinct = set(words)
    present = index.first_words & distinct
    key_of: dict[str, str] = {}
    for w in distinct - present:
        if w[-1] == "s" and w[:-1] in index.first_words:
            key_of[w] = w[:-1]  # a plural ("Dementors"); only places and terms take one
        elif "'" in w or "’" in w or "-" in w or "." in w:
            key = _shorter_key(w, index.first_words)
            if key is not None:
                key_of[w] = key
    if not present and not key_of:
        return [], len(words)
    by_first = index.by_first
    # Per candidate word, its aliases (longest first) with the fields the loop reads,
    # unpacked once per text rather than once per hit; and the same without the aliases
    # whose rest ("Buffy| Summers") cannot follow because its first two characters do not.
    plans: dict[str, tuple[_Plan, _Plan, frozenset[str], int]] = {}
    for w in present | set(key_of):
        key = key_of.get(w, w)
        full = [(a, a.first, a.rest, a.prefix, not a.rest and not a.prefix) for a in by_first[key]]
        short = [p for p in full if len(p[2]) < 2]
        plans[w] = (full, short, frozenset(p[2][:2] for p in full if len(p[2]) >= 2), len(key))
    hits: list[Hit] = []
    n = len(text)
    last_end = 0
    for m in words_pattern(frozenset(plans)).finditer(text):
        s = m.start()
        if s < last_end:
            continue
        word = m.group()
        full, short, heads, first_len = plans[word]
        after = s + first_len
        for a, first, rest, prefix, simple in full if text[after : after + 2] in heads else short:
            if simple and word == first:
                # The pattern already matched the whole word: nothing left to check.
                hits.append(Hit(chapter, s, m.end(), a))
                last_end = m.end()
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
            hits.append(Hit(chapter, s_hit, end, a))
            last_end = end
            break
    return hits, len(words)


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


# Holding the work and its texts keeps their ids from being reused while cached.
_scan_cache: dict[int, tuple[Work, tuple[str, ...], AliasIndex, Scan]] = {}
_SCAN_CACHE_SIZE = 8


def scan_work(work: Work, index: AliasIndex | None = None) -> Scan:
    """Scan every chapter of ``work`` (cached while its chapter texts stay the same)."""
    index = index or alias_index()
    texts = tuple(c.text for c in work.chapters)
    got = _scan_cache.get(id(work))
    if (
        got is not None
        and got[0] is work
        and got[2] is index
        and len(got[1]) == len(texts)
        and all(a is b for a, b in zip(got[1], texts, strict=True))
    ):
        return got[3]
    # Imported here: the lower-case scan builds on this module's index and hits.
    from fandex.tag.lowercase import is_lowercased, scan_lower

    hits: list[Hit] = []
    cap_words = 0
    lowercased: set[int] = set()
    for c in work.chapters:
        h, n = scan_text(c.text, c.index, index)
        # A chapter with (almost) no capitals names nobody for the scan above.
        if is_lowercased(c.text, n):
            h, n = scan_lower(c.text, c.index, index)
            lowercased.add(c.index)
        hits += h
        cap_words += n
    scan = Scan(
        hits, cap_words, {c.index: c.text for c in work.chapters}, lowercased=frozenset(lowercased)
    )
    if len(_scan_cache) >= _SCAN_CACHE_SIZE:
        _scan_cache.pop(next(iter(_scan_cache)))
    _scan_cache[id(work)] = (work, texts, index, scan)
    return scan


# --- context around a mention -------------------------------------------------------


def sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a paragraph or a quotation."""
    i = start - 1
    while i >= 0 and text[i] in _SKIP_BACK:
        if text[i] == "\n":
            return True
        if text[i] in '"“' and i > 0 and text[i - 1] in " \n\t(":
            return True  # an opening quote: the first word of speech
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] == "\n"


def previous_word(text: str, start: int) -> str:
    """The word just before ``start`` (lowercased), or "" at a sentence edge."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    j = i
    while j >= 0 and (text[j].isalpha() or text[j] in "'’"):
        j -= 1
    return text[j + 1 : i + 1].lower()


_NEXT_WORD = re.compile(r"(?:['’]s)?[\s,]*([\w'’]+)")


def next_word(text: str, end: int) -> str:
    """The word just after ``end`` (skipping a possessive and a comma)."""
    m = _NEXT_WORD.match(text, end)
    return m.group(1) if m else ""


def in_dialogue(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside quoted speech within its paragraph."""
    para = text.rfind("\n", 0, pos) + 1
    seg = text[para:pos]
    opened = seg.count("“") - seg.count("”")
    if opened > 0:
        return True
    return seg.count('"') % 2 == 1


def quote(text: str, start: int, end: int, width: int = 50) -> str:
    """A short quote around ``[start, end)`` for evidence (one line, at most ~150 chars)."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    q = " ".join(text[a:b].split())
    return ("…" if a > 0 else "") + q + ("…" if b < len(text) else "")


def evidence_for(scan: Scan, chapter: int, start: int, end: int) -> Evidence:
    """Evidence pointing at ``[start, end)`` of ``chapter``."""
    text = scan.texts.get(chapter, "")
    return Evidence(chapter=chapter, start=start, end=end, quote=quote(text, start, end))


def hits_between(hits: Sequence[Hit], starts: Sequence[int], lo: int, hi: int) -> Sequence[Hit]:
    """The hits (sorted by start, ``starts`` their starts) that begin within ``[lo, hi)``."""
    return hits[bisect_left(starts, lo) : bisect_right(starts, hi - 1)]
