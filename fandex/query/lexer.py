"""Split a query string into tokens, each with its position (for error messages).

Tokens: ``(`` ``)``, ``-`` (negation at the start of a term), the keywords ``OR``,
``AND``, ``NOT`` (upper case), quoted phrases, bare words, and ``field:value,value``
terms. Curly quotes count as quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fandex.errors import QueryError

MAX_LENGTH = 10_000

OPEN_QUOTES = '"“„'
CLOSE_QUOTES = {'"': '"', "“": "”", "„": "“"}
_STOP = set("()") | set(OPEN_QUOTES) | {"”"}
_FIELD = re.compile(r"([A-Za-z_]+):")


@dataclass(frozen=True)
class Value:
    """One value of a field term; ``quoted`` values are taken literally (no ``*``, ``..``)."""

    text: str
    quoted: bool
    pos: int


@dataclass(frozen=True)
class Token:
    kind: str  # LPAREN RPAREN NEG OR AND NOT PHRASE WORD FIELD
    text: str
    pos: int
    values: tuple[Value, ...] = ()


def _quoted(query: str, i: int) -> tuple[str, int]:
    """The text of the quoted string starting at ``i`` and the index after it."""
    close = CLOSE_QUOTES[query[i]]
    end = query.find(close, i + 1)
    if close != '"':  # tolerate a curly opening with a straight close
        straight = query.find('"', i + 1)
        if end < 0 or 0 <= straight < end:
            end = straight
    if end < 0:
        raise QueryError(f"unclosed quote at character {i + 1}", i, query)
    return query[i + 1 : end], end + 1


def _bare(query: str, i: int, stop: set[str]) -> int:
    n = len(query)
    while i < n and not query[i].isspace() and query[i] not in stop:
        i += 1
    return i


def tokenize(query: str, fields: frozenset[str]) -> list[Token]:
    """Tokens of ``query``; ``fields`` are the names accepted before a colon."""
    if len(query) > MAX_LENGTH:
        raise QueryError(
            f"query is too long ({len(query):,} characters; the limit is {MAX_LENGTH:,})",
            MAX_LENGTH,
            query[: MAX_LENGTH + 20],
        )
    out: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c == "(":
            out.append(Token("LPAREN", c, i))
            i += 1
        elif c == ")":
            out.append(Token("RPAREN", c, i))
            i += 1
        elif c == "-" and (i + 1 >= n or query[i + 1].isspace() or query[i + 1] in ")-"):
            # A dash on its own ("well - known", "--") is punctuation, not a negation.
            j = _bare(query, i, _STOP)
            out.append(Token("WORD", query[i:j], i))
            i = j
        elif c == "-":
            out.append(Token("NEG", c, i))
            i += 1
        elif c in OPEN_QUOTES:
            text, j = _quoted(query, i)
            out.append(Token("PHRASE", text, i))
            i = j
        elif c == "”":
            raise QueryError(f"closing quote without an opening one at character {i + 1}", i, query)
        else:
            m = _FIELD.match(query, i)
            if m:
                name = m.group(1).lower()
                if name not in fields:
                    raise QueryError(
                        f"unknown field '{m.group(1)}' at character {i + 1} "
                        f"(fields: {', '.join(sorted(fields))}; quote text to search for it)",
                        i,
                        query,
                    )
                values, j = _values(query, m.end(), name)
                out.append(Token("FIELD", name, i, tuple(values)))
                i = j
                continue
            j = _bare(query, i, _STOP)
            word = query[i:j]
            kind = word if word in ("OR", "AND", "NOT") else "WORD"
            out.append(Token(kind, word, i))
            i = j
    return out


def _values(query: str, i: int, name: str) -> tuple[list[Value], int]:
    """``v1,v2,"v 3"`` after ``name:`` starting at ``i``."""
    values: list[Value] = []
    n = len(query)
    while True:
        if i >= n or query[i].isspace() or query[i] in "()":
            raise QueryError(f"'{name}:' needs a value at character {i + 1}", i, query)
        if query[i] in OPEN_QUOTES:
            text, j = _quoted(query, i)
            values.append(Value(text, True, i))
        else:
            j = _bare(query, i, _STOP | {","})
            values.append(Value(query[i:j], False, i))
        i = j
        if i < n and query[i] == ",":
            i += 1
            continue
        return values, i
