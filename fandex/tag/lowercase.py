"""Pack names in all-lower-case chapters ("buffy looked at spike and sighed.").

The alias scan (:mod:`fandex.tag.aliases`) looks for capitalised words, so a chapter
written, or produced by a tool, in lower case would name nobody. Such a chapter is
told apart cheaply: it has few capitalised words besides "I" (normal prose has 20-60
per 1,000 characters) and under a quarter of its sentences open with a capital other
than "I" (normal prose: 96-100% do; lower-cased AO3 passages, "I" kept or not: none).

For that chapter only, aliases are found case-insensitively, with the same offsets as
the original text (evidence quotes stay right). A lower-case alias is believed unless
it reads as an ordinary word:

- a character's name after an article, a possessive or a number ("the spike", "two
  summers") is a word (places and terms take articles: "the tardis");
- an alias made only of common English words ("will", "faith"; the list is
  fandex/vocab/common_words.toml) or that its pack marks ambiguous ("peaches") counts
  only where a person verb follows ("dawn sighed"), where it attributes a line of speech
  ('"a hat," angel repeated') or a speech verb comes before and the clause ends ("said
  faith."): a bare singular noun doing that is a name. "i will have faith that dawn
  comes" names nobody. One with lead words ("the master", "the woman") never counts:
  "the woman said" is a person, not necessarily this one;
- a word that goes on as a contraction ("don't") is another word.

A mention written with the alias's own capitals is taken as the normal scan would.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from fandex.model import pieces
from fandex.tag.aliases import Alias, AliasIndex, Hit, words_pattern
from fandex.vocab.ao3 import load_toml

_VOCAB = Path(__file__).resolve().parent.parent / "vocab"
_DATA = tomllib.loads((_VOCAB / "lowercase.toml").read_text("utf-8"))
# Most frequent first: the first entries are the function words.
# (Read through load_toml, whose parse the header's bare-name check shares.)
COMMON_WORDS: tuple[str, ...] = tuple(load_toml("common_words.toml")["words"])
COMMON = frozenset(COMMON_WORDS) | frozenset(_DATA["also_common"])
PERSON_VERBS = frozenset(_DATA["person_verbs"])
SPEECH_BEFORE = frozenset(_DATA["speech_before"])
WORD_BEFORE = frozenset(_DATA["word_before"]) | frozenset(_DATA["quantity_words"])
# An alias is looked for by its first word that is not one of these: "will graham" by
# "graham". One made only of them ("Will", "All Might") would be checked at nearly every
# word of a lower-case text; it is left to capitalised text.
_TOO_FREQUENT = frozenset(COMMON_WORDS[:300])

# Thresholds, from measurement: the 19 fixtures of bench/eval_taggers.py (normal prose)
# and 1,223 lower-case AO3 passages (shared evaluation data, not in the repository), also
# with "i" capitalised. Capitalised words per 1,000 characters: normal prose 20.7-57.8.
MAX_CAPS_PER_1000 = 15.0
# Share of sentence starts (not counting "I") that are capitals: normal prose 0.96-1.00;
# every lower-case passage 0.00, with or without "I" capitalised.
MAX_CAPITAL_STARTS = 0.25
MIN_STARTS = 3
# Capitalised words per word in normal English prose (fixtures: 0.11-0.22). A lower-case
# chapter's count is estimated with it, so the fandom tagger's coverage test keeps its
# meaning.
CAPITALISED_SHARE = 0.15

# The first letter of a sentence: after . ! ? … (and closing quotes), or a line break.
_START = re.compile(r"(?:[.!?…][\"”’')\]]*\s+|\n\s*)[\"“‘'(*_]*([^\W\d_])([^\W\d_]?)")
_WORD = re.compile(r"\w+")
_NEXT = re.compile(r"[ \t]+([\w'’]+)")


def sentence_starts(text: str) -> tuple[int, int]:
    """How many sentences of ``text`` open with a capital, and with a lower-case letter.

    Letters without case (CJK) are not counted, nor is the pronoun "I" (capitalised
    wherever it stands, so it tells nothing).
    """
    upper = lower = 0
    for ch, nxt in _START.findall(text):
        if ch.isupper():
            if ch != "I" or nxt:
                upper += 1
        elif ch.islower():
            lower += 1
    return upper, lower


def is_lowercased(text: str, cap_words: int | None = None) -> bool:
    """Whether ``text`` is written (nearly) all in lower case.

    ``cap_words`` (the scan's count of capitalised words) makes the common answer, no,
    cost nothing.

    >>> is_lowercased("buffy sighed. spike left. giles read. willow typed.")
    True
    >>> is_lowercased("Buffy sighed. Spike left. Giles read. Willow typed.")
    False
    """
    if cap_words is None:
        cap_words = sum(1 for w in _WORD.findall(text) if w[0].isupper())
    # Only a fast way out for normal prose; the sentence starts decide. "I" (and "It",
    # "In": an overcount that only costs time) says nothing: a lower-case writer may keep it.
    cap_words -= text.count(" I")
    if cap_words > 3 and cap_words * 1000 > MAX_CAPS_PER_1000 * len(text):
        return False
    upper, lower = sentence_starts(text)
    if upper + lower < MIN_STARTS:
        return False
    return upper < MAX_CAPITAL_STARTS * (upper + lower)


def estimated_cap_words(text: str) -> int:
    """How many capitalised words ``text`` would have, were it written normally."""
    words = text.count(" ") + text.count("\n") + 1
    return round(CAPITALISED_SHARE * words)


@dataclass(frozen=True, slots=True)
class LowerAlias:
    """An alias as the lower-case scan checks it: lead words, key word, the rest."""

    alias: Alias
    key: str  # its first word that is not too frequent to look for ("slayer", "graham")
    before: str  # lower-cased, what comes before the key ("the ", "will ")
    after: str  # lower-cased, the rest after the key ("-pryce", " summers")
    core: str  # the alias from its capitalised word on, as written ("Slayer")
    core_at: int  # where the core starts in the alias (after its lead words)
    gated: bool  # reads as an ordinary word unless the context says person
    named: bool  # names a character (names take no article; "the tardis" is fine)
    alnum_end: bool  # ends with a letter or digit (then no word may run on after it)


@dataclass
class LowerIndex:
    """The aliases of an :class:`AliasIndex` by lower-case key word, longest first."""

    by_key: dict[str, list[LowerAlias]]
    keys: frozenset[str]
    # Per key, its aliases whose rest is under two characters (in the same order), and
    # the first two characters of the others' rests: where the text goes on otherwise,
    # none of the others can match, and only the short ones are tried.
    short: dict[str, list[LowerAlias]] = field(default_factory=dict)
    heads: dict[str, frozenset[str]] = field(default_factory=dict)


def common_word_alias(text: str) -> bool:
    """Whether an alias is made only of common words ("Dead Boy", "the Doctor", "Will").

    A hyphenated compound ("Spider-Man", "Two-Face") is a coinage, not a phrase.
    """
    if "-" in text:
        return False
    words = _WORD.findall(text.lower())
    return bool(words) and all(w in COMMON or len(w) == 1 for w in words)


def build_lower_index(index: AliasIndex) -> LowerIndex:
    """Compile the lower-case view of ``index`` (use :func:`lower_index` for the cached one)."""
    by_key: dict[str, list[LowerAlias]] = {}
    for aliases in index.by_first.values():
        for a in aliases:
            if "(" in a.text:
                continue  # a disambiguated canonical name ("Gaius (Merlin)") is not prose
            low = lower_same_length(a.text)
            # Keyed on its first word that is not among the most frequent ("will graham"
            # on "graham"); an alias of such words only ("Will") is left out.
            m = next(
                (w for w in _WORD.finditer(low, len(a.prefix)) if w.group() not in _TOO_FREQUENT),
                None,
            )
            if m is None:
                continue
            key = m.group()
            la = LowerAlias(
                alias=a,
                key=key,
                before=low[: m.start()],
                after=low[m.end() :],
                core=a.first + a.rest,
                core_at=len(a.prefix),
                gated=any(t.ambiguous for t in a.targets) or common_word_alias(a.text),
                named=any(t.kind == "character" for t in a.targets),
                alnum_end=a.text[-1].isalnum(),
            )
            by_key.setdefault(key, []).append(la)
    for lst in by_key.values():
        lst.sort(key=lambda la: -len(la.alias.text))
    short = {k: [la for la in lst if len(la.after) < 2] for k, lst in by_key.items()}
    heads = {
        k: frozenset(la.after[:2] for la in lst if len(la.after) >= 2) for k, lst in by_key.items()
    }
    return LowerIndex(by_key, frozenset(by_key), short, heads)


# Holding the alias index keeps its id from being reused while cached.
_index_cache: dict[int, tuple[AliasIndex, LowerIndex]] = {}


def lower_index(index: AliasIndex) -> LowerIndex:
    """The lower-case view of ``index``, compiled once per alias index."""
    got = _index_cache.get(id(index))
    if got is not None and got[0] is index:
        return got[1]
    if len(_index_cache) > 8:
        _index_cache.clear()
    built = build_lower_index(index)
    _index_cache[id(index)] = (index, built)
    return built


def lower_same_length(text: str) -> str:
    """``text`` lower-cased, one character for one, so offsets stay the same."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters grow when lower-cased ("İ"); keep their first character.
    return "".join(ch.lower()[0] for ch in text)


def scan_lower(text: str, chapter: int, index: AliasIndex) -> tuple[list[Hit], int]:
    """Find the aliases of ``index`` in a lower-case ``text``; hits and estimated count.

    The count is :func:`estimated_cap_words`: what the normal scan would have counted.
    """
    li = lower_index(index)
    low = lower_same_length(text)
    distinct: set[str] = set()
    for piece in pieces(low):  # not a list of every word of a long text at once
        distinct.update(_WORD.findall(piece))
    present = li.keys & distinct
    plural: dict[str, str] = {}
    for w in distinct - present:
        if len(w) > 2 and w[-1] == "s" and w[:-1] in li.keys:
            plural[w] = w[:-1]  # "hellmouths"; only places and terms take one
    hits: list[Hit] = []
    if not present and not plural:
        return hits, estimated_cap_words(text)
    n = len(text)
    last_end = 0
    by_key, short, heads = li.by_key, li.short, li.heads
    for m in words_pattern(frozenset(present | set(plural)), r"(?!\w)").finditer(low):
        s = m.start()
        if s < last_end:
            continue
        word = m.group()
        key = plural.get(word)
        found_end = m.end()
        # A plural takes no rest; otherwise an alias with a longer rest can only match
        # where the text goes on with its first two characters.
        if key is not None:
            candidates = short[key]
        elif low[found_end : found_end + 2] in heads[word]:
            candidates = by_key[word]
        else:
            candidates = short[word]
        for la in candidates:
            end = found_end
            after = la.after
            if key is not None:
                if after or not la.alias.plural_ok:
                    continue
            elif after:
                if not low.startswith(after, end):
                    continue
                end += len(after)
                if end < n and (low[end].isalnum() or low[end] == "_") and la.alnum_end:
                    continue
            if end < n and low[end] in "'’" and _joined(low, end):
                continue
            s_hit = s
            before = la.before
            if before:
                s_hit = s - len(before)
                if s_hit < 0 or low[s_hit:s] != before:
                    continue
                if s_hit > 0 and (low[s_hit - 1].isalnum() or low[s_hit - 1] == "_"):
                    continue
            if not text.startswith(la.core, s_hit + la.core_at) and not _reads_as_name(
                low, s_hit, end, la
            ):
                continue
            hits.append(Hit(chapter, s_hit, end, la.alias))
            last_end = end
            break
    return hits, estimated_cap_words(text)


def _reads_as_name(low: str, start: int, end: int, la: LowerAlias) -> bool:
    """Whether the lower-case mention ``[start, end)`` names what its alias names.

    (A mention written with the alias's capitals never gets here: it is taken as the
    normal scan takes it.)
    """
    prev = _word_before(low, start)
    if la.named and (prev in WORD_BEFORE or prev[-1:].isdigit()):
        return False
    if not la.gated:
        return True
    if la.before:
        # "the doctor said", "the woman said": with its article a common-word alias is a
        # person, not necessarily this one; only its capitals would tell.
        return False
    m = _NEXT.match(low, end)
    nxt = m.group(1) if m is not None else ""
    if nxt in PERSON_VERBS:
        return True  # "dawn sighed"
    if _after_dialogue(low, start) and nxt.endswith("ed"):
        return True  # '"a hat," angel repeated'
    if prev in SPEECH_BEFORE:
        # "said faith." / "said faith quietly"
        return (end < len(low) and low[end] in ".,!?;") or nxt.endswith("ly")
    return False


def _word_before(low: str, start: int) -> str:
    """The blank-separated token just before ``start`` ("" when over 12 characters).

    Cheaper than :func:`fandex.tag.mentions.previous_word`, and runs once per mention;
    the words it is compared with are short.
    """
    e = start
    while e > 0 and low[e - 1] in " \t":
        e -= 1
    lo = e - 13 if e > 13 else 0
    b = low.rfind(" ", lo, e)
    if b < 0:
        b = low.rfind("\n", lo, e)
        if b < 0 and lo > 0:
            return ""
    token = low[b + 1 : e]
    return token[token.rfind("\n") + 1 :] if "\n" in token else token


def _after_dialogue(low: str, start: int) -> bool:
    """Whether ``start`` follows the closing quote of a line of speech ('"no," ...')."""
    i = start - 1
    while i >= 0 and low[i] in " \t":
        i -= 1
    return i >= 1 and low[i] in "\"”’'" and low[i - 1] in ",!?…—-"


def _joined(low: str, end: int) -> bool:
    """Whether the word goes on past ``end`` as a contraction: "don't", "ron't".

    A name goes on as "xander's", "buffy'll" or "kakashi-sensei"; never with "'t".
    """
    return low.startswith(("'t", "’t"), end) and not (end + 2 < len(low) and low[end + 2].isalnum())


__all__ = [
    "COMMON",
    "LowerAlias",
    "LowerIndex",
    "build_lower_index",
    "common_word_alias",
    "estimated_cap_words",
    "is_lowercased",
    "lower_index",
    "lower_same_length",
    "scan_lower",
    "sentence_starts",
]
