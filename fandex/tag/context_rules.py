"""What the words around a cue say about it: negated, hypothetical, backstory or on the page.

"He didn't hit her" is no violence; "I'll kill you" is a threat, not a death; "her father
had died years ago" is backstory. The rules look only inside the cue's clause (up to the
last punctuation mark or clause word such as "but" or "when") at a few words before the
cue, with the word lists of ``fandex/vocab/cues/context.toml``. They are deliberately
simple: they run on every hit and must keep the scan fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from fandex.tag.cues_lexicon import load_context

ON_PAGE = "on-page"
NEGATED = "negated"
HYPOTHETICAL = "hypothetical"
BACKSTORY = "backstory"

_WORDS = re.compile(r"[a-z'’]+")
# Clause ends: sentence punctuation, dashes, quotes and line breaks.
_BOUNDARY = ".!?;:\n\"“”—()"
_LOOKBACK = 90


@dataclass(frozen=True)
class Rule:
    """One kind of context: the words that signal it, how far back, and its weight factor."""

    words: frozenset[str]
    suffixes: tuple[str, ...]
    span: int
    factor: float

    def matches(self, words: list[str]) -> bool:
        for w in words[-self.span :]:
            if w in self.words or (self.suffixes and w.endswith(self.suffixes)):
                return True
        return False


@dataclass(frozen=True)
class ContextRules:
    """The three rules plus the words that end a clause."""

    negation: Rule
    hypothetical: Rule
    backstory: Rule
    breakers: frozenset[str]

    def classify(self, text: str, start: int) -> tuple[str, float]:
        """Say how the cue at ``start`` of lower-cased ``text`` is used, and its weight factor.

        >>> rules = default_rules()
        >>> rules.classify("he didn't hit her", 10)
        ('negated', 0.0)
        >>> rules.classify("he hit her", 3)
        ('on-page', 1.0)
        """
        lo = max(0, start - _LOOKBACK)
        window = text[lo:start].replace("’", "'")
        cut = max(window.rfind(ch) for ch in _BOUNDARY)
        if cut >= 0:
            window = window[cut + 1 :]
        words = _WORDS.findall(window)
        for i in range(len(words) - 1, -1, -1):
            if words[i] in self.breakers:
                words = words[i + 1 :]
                break
        if not words:
            return ON_PAGE, 1.0
        if self.negation.matches(words):
            return NEGATED, self.negation.factor
        if self.hypothetical.matches(words):
            return HYPOTHETICAL, self.hypothetical.factor
        if self.backstory.matches(words):
            return BACKSTORY, self.backstory.factor
        return ON_PAGE, 1.0


def _rule(table: dict[str, Any], default_span: int, default_factor: float) -> Rule:
    return Rule(
        words=frozenset(str(w).replace("’", "'") for w in table.get("words", [])),
        suffixes=tuple(str(s) for s in table.get("suffixes", [])),
        span=int(table.get("span", default_span)),
        factor=float(table.get("factor", default_factor)),
    )


@cache
def default_rules() -> ContextRules:
    """The built-in rules from ``context.toml``, loaded once."""
    data = load_context()
    return ContextRules(
        negation=_rule(data.get("negation", {}), 3, 0.0),
        hypothetical=_rule(data.get("hypothetical", {}), 6, 0.35),
        backstory=_rule(data.get("backstory", {}), 4, 0.5),
        breakers=frozenset(data.get("breakers", [])),
    )
