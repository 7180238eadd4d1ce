"""What the words around a cue say about it: negated, hypothetical, backstory or on the page.

"He didn't hit her" is no violence; "I'll kill you" is a threat, not a death; "her father
had died years ago" is backstory. The rules look only inside the cue's clause (back to
the last punctuation mark or clause word such as "but" or "when"), at most ``reach``
characters before the cue, for the words of ``fandex/vocab/cues/context.toml``.

They are deliberately simple, and fast: one trie-shaped regular expression pass per
text finds every clause mark and context word; each cue is then classified by binary
search, a few microseconds per cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

from fandex.tag.cues_lexicon import load_context, trie_pattern

ON_PAGE = "on-page"
NEGATED = "negated"
HYPOTHETICAL = "hypothetical"
BACKSTORY = "backstory"

# Clause ends: sentence punctuation, dashes, quotes, brackets and line breaks.
# (A straight apostrophe is no boundary: it is also the one in "didn't".)
_MARKS = '.!?;:\n"“”—()'


@dataclass(frozen=True)
class Rule:
    """One kind of context: how far back its words reach, and its weight factor."""

    kind: str
    reach: int
    factor: float


@dataclass(frozen=True)
class ContextRules:
    """The three rules (checked in order), and one pattern for all their words and the
    clause boundaries; ``kinds`` maps a matched word to its rule (-1: a boundary)."""

    rules: tuple[Rule, ...]
    marks: re.Pattern[str]
    words: re.Pattern[str]
    kinds: dict[str, int]
    lookback: int

    def prepare(self, text: str) -> Classifier:
        """Index a lower-cased text (two regex passes); classify its cues with the result."""
        # Punctuation marks are the most frequent matches: collect them in C speed.
        marks = [m.end() for m in self.marks.finditer(text)]
        breaks: list[int] = []
        ends: tuple[list[int], ...] = tuple([] for _ in self.rules)
        kinds = self.kinds
        for m in self.words.finditer(text):
            kind = kinds.get(m.group(), -1)
            (breaks if kind < 0 else ends[kind]).append(m.end())
        return Classifier(self.rules, marks, breaks, ends)

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
        lo = max(0, start - self.lookback)
        return self.prepare(text[lo:start]).at(start - lo)


class Classifier:
    """Context lookups for one indexed text (see :meth:`ContextRules.prepare`)."""

    __slots__ = ("breaks", "ends", "marks", "rules")

    def __init__(
        self,
        rules: tuple[Rule, ...],
        marks: list[int],
        breaks: list[int],
        ends: tuple[list[int], ...],
    ) -> None:
        self.rules = rules
        self.marks = marks
        self.breaks = breaks
        self.ends = ends

    def at(self, start: int) -> tuple[str, float]:
        """The context kind and weight factor of a cue beginning at ``start``."""
        i = bisect_right(self.marks, start) - 1
        clause = self.marks[i] if i >= 0 else 0
        i = bisect_right(self.breaks, start) - 1
        if i >= 0 and self.breaks[i] > clause:
            clause = self.breaks[i]
        for rule, ends in zip(self.rules, self.ends, strict=True):
            j = bisect_left(ends, max(clause, start - rule.reach))
            # A context word ends in [lo, start]: it precedes the cue inside its clause.
            if j < len(ends) and ends[j] <= start:
                return rule.kind, rule.factor
        return ON_PAGE, 1.0


_RULES = (
    ("negation", NEGATED, 20, 0.0),
    ("hypothetical", HYPOTHETICAL, 40, 0.35),
    ("backstory", BACKSTORY, 30, 0.5),
)


def build_rules(data: dict[str, Any]) -> ContextRules:
    """Compile parsed ``context.toml`` data into one pattern and a word -> rule table."""
    rules: list[Rule] = []
    kinds: dict[str, int] = {}
    words: set[str] = set()
    suffixes: set[str] = set()
    for idx, (key, kind, reach, factor) in enumerate(_RULES):
        table = data.get(key, {})
        rules.append(Rule(kind, int(table.get("reach", reach)), float(table.get("factor", factor))))
        for w in [*table.get("words", []), *table.get("suffixes", [])]:
            w = str(w).replace("’", "'").lower()
            kinds.setdefault(w, idx)  # a word in two lists belongs to the first rule
            kinds.setdefault(w.replace("'", "’"), idx)
        words |= {str(w).replace("’", "'").lower() for w in table.get("words", [])}
        suffixes |= {str(s).replace("’", "'").lower() for s in table.get("suffixes", [])}
    breakers = {str(w).lower() for w in data.get("breakers", [])} - set(kinds)
    # One trie over every word; suffixes ("n't", "'ll") on their own, never as "\w+n't",
    # which backtracks at every letter and is many times slower.
    alts = [trie_pattern(sorted(words | breakers))]
    alts += [re.escape(s).replace("'", "['’]") + r"(?!\w)" for s in sorted(suffixes)]
    return ContextRules(
        rules=tuple(rules),
        marks=re.compile("[" + re.escape(_MARKS) + "]"),
        words=re.compile("|".join(alts)),
        kinds=kinds,
        lookback=max(r.reach for r in rules),
    )


@cache
def default_rules() -> ContextRules:
    """The built-in rules from ``context.toml``, loaded once."""
    return build_rules(load_context())
