"""Full-text query expressions: phrases, an optional column, prefix words; rendered for
FTS5 (:func:`fts5_expression`) and PostgreSQL (:func:`tsquery_literal`) alike.

Nothing from a user's query reaches SQL except as bound parameters, and every FTS
operator is stripped by :func:`fandex.library.fts.tokens.tokens` before a phrase is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fandex.library.fts.tokens import COLUMNS, PG_WEIGHT


@dataclass(frozen=True)
class Phrase:
    """Consecutive words; ``prefix`` makes the last word match any word it starts."""

    words: tuple[str, ...]
    prefix: bool = False

    def matches(self, seq: Sequence[str]) -> bool:
        """Whether the token sequence ``seq`` contains this phrase."""
        n = len(self.words)
        if n == 0:
            return True
        head, last = list(self.words[:-1]), self.words[-1]
        for i in range(len(seq) - n + 1):
            if n > 1 and (seq[i] != head[0] or list(seq[i : i + n - 1]) != head):
                continue
            tok = seq[i + n - 1]
            if tok == last or (self.prefix and tok.startswith(last)):
                return True
        return False


@dataclass(frozen=True)
class FtsQuery:
    """Every phrase must occur (in ``column`` when given, else in any column).

    ``column`` names one column, or several separated by spaces (``"title summary"``:
    each phrase in either)."""

    phrases: tuple[Phrase, ...]
    column: str | None = None

    def columns(self) -> tuple[str, ...]:
        """The columns a phrase may occur in."""
        return tuple(self.column.split()) if self.column else COLUMNS

    def matches(self, cols: dict[str, list[str]]) -> bool:
        seqs = [cols[c] for c in self.columns()]
        return all(any(p.matches(s) for s in seqs) for p in self.phrases)

    def in_columns(self, column: str) -> FtsQuery:
        """The same phrases, found only in ``column`` (one or several, as above)."""
        return FtsQuery(self.phrases, column)


def any_of(queries: Iterable[FtsQuery]) -> list[FtsQuery]:
    """Drop empty queries (no words left after folding)."""
    return [q for q in queries if q.phrases]


def fts5_expression(queries: Sequence[FtsQuery]) -> str:
    """An FTS5 MATCH string: the queries OR'ed, each an AND of quoted phrases.

    Tokens hold only letters and digits, so quoting them cannot be escaped from.
    """

    def phrase(p: Phrase) -> str:
        return '"' + " ".join(p.words) + '"' + (" *" if p.prefix else "")

    def one(q: FtsQuery) -> str:
        body = " AND ".join(phrase(p) for p in q.phrases)
        if not q.column:
            return f"({body})"
        cols = q.columns()
        return f"{cols[0]} : ({body})" if len(cols) == 1 else f"{{{' '.join(cols)}}} : ({body})"

    return " OR ".join(one(q) for q in queries)


def tsquery_literal(queries: Sequence[FtsQuery]) -> str:
    """A PostgreSQL ``tsquery`` literal with the same meaning as :func:`fts5_expression`."""

    def word(w: str, last: bool, p: Phrase, col: str | None) -> str:
        suffix = ""
        if col:
            suffix += "".join(PG_WEIGHT[c] for c in col.split())
        if last and p.prefix:
            suffix += "*"
        return f"'{w}'" + (f":{suffix}" if suffix else "")

    def phrase(p: Phrase, col: str | None) -> str:
        n = len(p.words)
        return "(" + " <-> ".join(word(w, i == n - 1, p, col) for i, w in enumerate(p.words)) + ")"

    def one(q: FtsQuery) -> str:
        return "(" + " & ".join(phrase(p, q.column) for p in q.phrases) + ")"

    return " | ".join(one(q) for q in queries)


__all__ = [
    "FtsQuery",
    "Phrase",
    "any_of",
    "fts5_expression",
    "tsquery_literal",
]
