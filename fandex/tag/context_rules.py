"""What the words around a cue say about it: negated, hypothetical, backstory or on the page.

"He didn't hit her" is no violence; "I'll kill you" is a threat, not a death; "her father
had died years ago" is backstory. A contracted "'d" is read as English reads it: "had"
before a past participle ("he'd been killed": backstory), "would" before a bare verb
("he'd kill him": hypothetical). A context word counts for a cue when it ends at most
``reach`` characters before the cue and inside the cue's clause (after the last
punctuation mark or clause word such as "but" or "when"). A time phrase that *follows* an
on-page cue in its sentence ("died three years ago", "died when she was six") also makes
it backstory. The word lists are in ``fandex/vocab/cues/context.toml``.

They are deliberately simple, and fast: the context words ride in the cue scanner's own
regular expression (:mod:`fandex.tag.cues_lexicon`), so a text is scanned once, and a
:class:`Tracker` remembers, as the scan moves forward, where each kind of context word
was last seen; clause marks and clause words are looked for only between a context word
and the cue it may change.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

from fandex.errors import ConfigError
from fandex.tag.cue_terms import expand, trie_pattern
from fandex.tag.termscan import TermScan

ON_PAGE = "on-page"
NEGATED = "negated"
HYPOTHETICAL = "hypothetical"
BACKSTORY = "backstory"

# Clause ends: sentence punctuation, dashes, quotes, brackets and line breaks.
# (A straight apostrophe is no boundary: it is also the one in "didn't".)
_MARKS = '.!?;:\n"“”—()'

_RULES = (
    ("negation", NEGATED, 20, 0.0),
    ("hypothetical", HYPOTHETICAL, 40, 0.35),
    ("backstory", BACKSTORY, 30, 0.5),
)
_HYPOTHETICAL = 1  # index of the hypothetical rule in _RULES
_BACKSTORY = 2  # index of the backstory rule in _RULES
# The kind of a contracted "'d" word until the word after it says "had" or "would".
CONTRACTED = len(_RULES)
# A sentence's end: a following time phrase past it dates another sentence.
_SENTENCE = re.compile(r"[.!?;\n]")
_AGES = tuple(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen".split()
) + tuple(str(n) for n in range(1, 19))


@dataclass(frozen=True)
class Rule:
    """One kind of context: how far back its words reach, and its weight factor."""

    kind: str
    reach: int
    factor: float


@dataclass(frozen=True)
class ContextRules:
    """The rules (checked in order), their words (word -> rule index), clause patterns."""

    rules: tuple[Rule, ...]
    kinds: dict[str, int]
    marks: re.Pattern[str]
    breakers: re.Pattern[str]
    words: re.Pattern[str]
    # Backstory time phrases that follow a cue, and how far after it they may start.
    after: re.Pattern[str] = re.compile(r"(?!)")
    after_reach: int = 0
    # What follows a contracted "'d" when it stands for "had" (see :meth:`contracted`).
    had_next: re.Pattern[str] = re.compile(r"(?!)")
    # The time phrases of ``after`` (for :meth:`dated_starts`).
    after_terms: tuple[str, ...] = ()

    @cached_property
    def _after_scan(self) -> TermScan:
        # Prefixes: a phrase cut by the end of the search (``after_reach``) still matches
        # there, so no string may ask for the character after a whole phrase.
        return TermScan((t, True) for t in self.after_terms)

    def dated_starts(self, body: str) -> list[int] | None:
        """Where in a lower-cased text a time phrase of :meth:`dated_after` may start
        (sorted offsets, a superset), read from ``body``, the text behind one space (as
        the cue scan reads it); None when Vectorscan cannot say. :meth:`dated_after`
        finds no phrase for a cue ending at ``end`` unless one of them lies in
        ``[end, end + after_reach)``: most cues need no search.

        >>> rules = default_rules()
        >>> text = "his mother died three years ago."
        >>> starts = rules.dated_starts(" " + text)
        >>> starts is None or text.index("years") in starts
        True
        """
        if not self.after_terms:
            return []
        # Each string starts at the character before its phrase: in ``body``, one before
        # the text's offset of that character, so at the phrase's offset in the text.
        return self._after_scan.starts(body)

    def contracted(self, text: str, end: int) -> int:
        """The rule index of a contracted "'d" word ending at ``end`` of lower-cased
        ``text``: backstory when a past participle follows ("had"), else hypothetical.

        >>> rules = default_rules()
        >>> rules.rules[rules.contracted("he'd been killed", 4)].kind
        'backstory'
        >>> rules.rules[rules.contracted("she'd already died", 5)].kind
        'backstory'
        >>> rules.rules[rules.contracted("he'd kill him", 4)].kind
        'hypothetical'
        """
        return _BACKSTORY if self.had_next.match(text, end) else _HYPOTHETICAL

    def dated_after(self, text: str, end: int) -> tuple[str, float] | None:
        """Backstory (kind, factor) when a time phrase follows the cue ending at ``end``
        of lower-cased ``text`` within its sentence, else None.

        >>> default_rules().dated_after("his mother died three years ago.", 15)
        ('backstory', 0.5)
        >>> default_rules().dated_after("his mother died. that was years ago.", 15) is None
        True
        """
        m = self.after.search(text, end, end + self.after_reach)
        if m is None or _SENTENCE.search(text, end, m.start()):
            return None
        rule = self.rules[_BACKSTORY]
        return rule.kind, rule.factor

    def tracker(self, text: str) -> Tracker:
        """A tracker for one lower-cased text; feed it context words in text order."""
        return Tracker(self, text)

    def kind_of(self, word: str) -> int | None:
        """The rule index of a context word, else None."""
        kind = self.kinds.get(word)
        if kind is None and "’" in word:
            kind = self.kinds.get(word.replace("’", "'"))
        return kind

    def classify(self, text: str, start: int) -> tuple[str, float]:
        """Say how the cue at ``start`` of lower-cased ``text`` is used, and its factor.

        >>> rules = default_rules()
        >>> rules.classify("he didn't hit her", 10)
        ('negated', 0.0)
        >>> rules.classify("he hit her", 3)
        ('on-page', 1.0)
        >>> rules.classify("if he hit her, she left", 7)
        ('hypothetical', 0.35)
        """
        window = text[: max(0, start)]
        tracker = self.tracker(window)
        for m in self.words.finditer(window):
            kind = self.kind_of(m.group())
            if kind == CONTRACTED:
                kind = self.contracted(text, m.end())
            if kind is not None:
                tracker.word(kind, m.end())
        return tracker.at(start)


class Tracker:
    """Context state while scanning one text forward (see :meth:`ContextRules.tracker`)."""

    __slots__ = ("breakers", "last", "marks", "reach", "rules", "text")

    def __init__(self, rules: ContextRules, text: str) -> None:
        self.rules = rules.rules
        self.breakers = rules.breakers
        self.marks = rules.marks
        self.text = text
        self.last = [-(10**9)] * len(self.rules)
        # The longest reach: a cue with no context word this close is on the page.
        self.reach = max((r.reach for r in self.rules), default=0)

    def word(self, kind: int, end: int) -> None:
        """A context word of rule ``kind`` ends at ``end``."""
        self.last[kind] = end

    def at(self, start: int) -> tuple[str, float]:
        """The context kind and weight factor of a cue beginning at ``start``."""
        for rule, end in zip(self.rules, self.last, strict=True):
            # The word counts inside the cue's clause only: no clause mark and no clause
            # word ("but", "when") between it and the cue. Both are looked for only here,
            # in the few characters between a context word and its cue: scanning a whole
            # text for them would slow every text.
            if (
                end <= start
                and start - end <= rule.reach
                and not self.marks.search(self.text, end, start)
                and not self.breakers.search(self.text, end, start)
            ):
                return rule.kind, rule.factor
        return ON_PAGE, 1.0


def build_rules(data: dict[str, Any]) -> ContextRules:
    """Compile parsed ``context.toml`` data."""
    rules: list[Rule] = []
    kinds: dict[str, int] = {}
    for idx, (key, kind, reach, factor) in enumerate(_RULES):
        table = data.get(key, {})
        rules.append(Rule(kind, int(table.get("reach", reach)), float(table.get("factor", factor))))
        for w in table.get("words", []):
            # A word in two lists belongs to the first rule; both apostrophes are keys so
            # the scanner's hot loop never normalises.
            plain = str(w).replace("’", "'").lower()
            kinds.setdefault(plain, idx)
            kinds.setdefault(plain.replace("'", "’"), idx)
    contracted = data.get("contracted", {})
    for w in contracted.get("words", []):
        plain = str(w).replace("’", "'").lower()
        kinds.setdefault(plain, CONTRACTED)
        kinds.setdefault(plain.replace("'", "’"), CONTRACTED)
    breakers = sorted({str(w).lower() for w in data.get("breakers", [])} - set(kinds))
    back = data.get("backstory", {})
    after = sorted(
        {
            phrase
            for term in back.get("after", [])
            for age_term in _with_ages(str(term).lower())
            for phrase in expand(age_term)
        }
    )
    return ContextRules(
        rules=tuple(rules),
        kinds=kinds,
        marks=re.compile("[" + re.escape(_MARKS) + "]"),
        breakers=re.compile(trie_pattern(breakers)),
        words=re.compile(trie_pattern(sorted(k for k in kinds if "’" not in k))),
        after=re.compile(trie_pattern(after)),
        after_reach=int(back.get("after_reach", 0)) if after else 0,
        had_next=_had_next(contracted),
        after_terms=tuple(after),
    )


def _had_next(table: dict[str, Any]) -> re.Pattern[str]:
    """What follows "'d" meaning "had": perhaps an adverb, then a past participle (a word
    of four letters or more ending in -ed but not -eed, or a listed irregular one)."""
    participles = [str(w).lower() for w in table.get("participles", [])]
    adverbs = [str(w).lower() for w in table.get("adverbs", [])]
    if not participles:
        return re.compile(r"(?!)")
    adverb = rf"(?:{trie_pattern(adverbs)}\s+)?" if adverbs else ""
    regular = r"\b\w{2,}(?<!e)ed\b"
    return re.compile(rf"\s+{adverb}(?:{regular}|{trie_pattern(participles)}\b)")


def _with_ages(term: str) -> list[str]:
    """``@age`` stands for the ages one to eighteen, in words and digits."""
    if "@age" not in term:
        return [term]
    return [term.replace("@age", age) for age in _AGES]


def load_context() -> dict[str, Any]:
    """The context word lists (negation, hypotheticals, backstory) from ``context.toml``."""
    text = resources.files("fandex.vocab").joinpath("cues", "context.toml").read_text("utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cue file context.toml: {exc}") from None


@cache
def default_rules() -> ContextRules:
    """The built-in rules from ``context.toml``, loaded once."""
    return build_rules(load_context())
