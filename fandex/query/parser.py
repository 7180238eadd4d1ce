"""Parse a query string into query objects (see ``docs/query.md`` for the grammar).

::

    query    := or_expr
    or_expr  := and_expr ("OR" and_expr)*
    and_expr := unary+                      terms side by side must all hold
    unary    := ("-" | "NOT") unary | "(" or_expr ")" | term
    term     := "quoted phrase" | word | field ":" value ("," value)*

>>> parse('ship:Spuffy -warning:noncon words:>3000').describe()
'relationship Buffy Summers/Spike and not warning Rape/Non-Con and more than 3,000 words'
"""

from __future__ import annotations

import datetime as dt
import re

from fandex.errors import QueryError
from fandex.library import fts
from fandex.query import reading as reading_fields
from fandex.query import values as v
from fandex.query.lexer import Token, Value, tokenize
from fandex.query.nodes import (
    All,
    AuthorIs,
    Complete,
    DateIn,
    Flagged,
    HasSource,
    Language,
    Not,
    Number,
    Query,
    Suspected,
    TagIs,
    Text,
    conjoin,
    disjoin,
)
from fandex.query.series import series_query

TAG_FIELDS: dict[str, str] = {
    "fandom": "fandom",
    "character": "character",
    "relationship": "relationship",
    "ship": "relationship",
    "rating": "rating",
    "warning": "warning",
    "category": "category",
    "tag": "freeform",
    "freeform": "freeform",
}
OTHER_FIELDS = (
    "title",
    "author",
    "words",
    "chapters",
    "complete",
    "lang",
    "language",
    "source",
    "imported",
    "published",
    "updated",
    "suspect",
    "flagged",
    "series",
)
FIELDS: frozenset[str] = (
    frozenset(TAG_FIELDS) | frozenset(OTHER_FIELDS) | frozenset(reading_fields.FIELDS)
)

MAX_DEPTH = 32
MAX_TERMS = 256
_SOURCES = ("stated", "inferred", "learned", "user")
# flagged: VALUE -> the flag type it selects (None: any flag).
_FLAGGED: dict[str, str | None] = {
    "warning": "warning",
    "warnings": "warning",
    "rating": "rating",
    "ratings": "rating",
    "yes": None,
    "any": None,
}


def parse(query: str) -> Query:
    """The query objects for ``query``; raises :class:`QueryError` when it is malformed."""
    return _Parser(query).parse()


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = tokenize(query, FIELDS)
        self.i = 0
        self.depth = 0
        self.terms = 0

    def error(self, message: str, pos: int) -> QueryError:
        return QueryError(f"{message} at character {pos + 1}", pos, self.query)

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def parse(self) -> Query:
        if not self.tokens:
            return All()
        q = self.or_expr()
        tok = self.peek()
        if tok is not None:  # only a stray ")" can stop or_expr early
            raise self.error("')' without a matching '('", tok.pos)
        return q

    def or_expr(self) -> Query:
        parts = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.i += 1
            nxt = self.peek()
            if nxt is None or nxt.kind in ("OR", "RPAREN"):
                raise self.error("'OR' needs something after it", tok.pos)
            parts.append(self.and_expr())
        return disjoin(parts)

    def and_expr(self) -> Query:
        parts: list[Query] = []
        start = self.peek()
        while (tok := self.peek()) is not None and tok.kind not in ("OR", "RPAREN"):
            if tok.kind == "AND":
                self.i += 1
                continue
            parts.append(self.unary())
        if not parts and start is not None and start.kind == "OR":
            raise self.error("'OR' needs something before it", start.pos)
        return conjoin(parts)

    def unary(self) -> Query:
        tok = self.tokens[self.i]
        if tok.kind in ("NEG", "NOT"):
            self.i += 1
            nxt = self.peek()
            if nxt is None or nxt.kind in ("OR", "RPAREN", "AND"):
                raise self.error(f"nothing to exclude after '{tok.text}'", tok.pos)
            with _Deeper(self, tok):
                inner = self.unary()
            return All() if isinstance(inner, All) else Not(inner)
        if tok.kind == "LPAREN":
            self.i += 1
            with _Deeper(self, tok):
                inner = self.or_expr()
            close = self.peek()
            if close is None or close.kind != "RPAREN":
                raise self.error("'(' is never closed", tok.pos)
            self.i += 1
            return inner
        self.i += 1
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise self.error(f"too many terms (the limit is {MAX_TERMS})", tok.pos)
        if tok.kind == "PHRASE":
            return _text([tok.text], quoted=True)
        if tok.kind == "WORD":
            return _text([tok.text], quoted=False)
        return self.field(tok)

    def field(self, tok: Token) -> Query:
        alternatives: list[Query] = []
        for val in tok.values:
            if not val.text.strip():
                raise self.error(f"empty value for '{tok.text}:'", val.pos)
            alternatives.append(self.one_value(tok.text, val))
        if tok.text in TAG_FIELDS and TAG_FIELDS[tok.text] not in ("rating",):
            merged = _merge_tags(alternatives)
            if merged is not None:
                return merged
        return disjoin(alternatives)

    def one_value(self, name: str, val: Value) -> Query:
        text = val.text.strip()
        if name == "title":
            return _text([text], quoted=val.quoted, column="title")
        if name == "author":
            if not val.quoted and "*" in text:
                return AuthorIs((), (text,))
            return AuthorIs((text,))
        if name in ("words", "chapters"):
            low, high = self.number_range(text, val.pos)
            return Number(name, low, high, _comparison_words(text))
        if name == "complete":
            yes = text.lower() in ("yes", "y", "true", "1")
            if not yes and text.lower() not in ("no", "n", "false", "0"):
                raise self.error("complete: takes yes or no", val.pos)
            return Complete() if yes else Not(Complete())
        if name in ("lang", "language"):
            exact, prefix = v.language_names(text)
            return Language(tuple(exact), prefix, text)
        if name == "source":
            if text.lower() not in _SOURCES:
                raise self.error(f"source: takes one of {', '.join(_SOURCES)}", val.pos)
            return HasSource(text.lower())
        if name == "suspect":
            return self.suspect(text, val)
        if name == "flagged":
            key = text.lower()
            if key in ("no", "none"):
                return Not(Flagged())
            if key not in _FLAGGED:
                raise self.error("flagged: takes warning, rating, yes or no", val.pos)
            return Flagged(type=_FLAGGED[key])
        if name == "series":
            return series_query(text, quoted=val.quoted)
        if name in ("imported", "published", "updated"):
            low_d, high_d = self.date_range(text, val.pos)
            return DateIn(name, low_d, high_d, _comparison_words(text, dates=True))
        if name in reading_fields.FIELDS:
            try:
                return reading_fields.parse_value(name, text)
            except ValueError as exc:
                raise self.error(str(exc), val.pos) from None
        return self.tag_value(TAG_FIELDS[name], text, val)

    def tag_value(self, type_: str, text: str, val: Value) -> Query:
        if type_ == "rating":
            return self.rating(text, val)
        if type_ == "warning":
            found = v.resolve_warning(text)
            if not found:
                raise self.error(
                    f"unknown warning '{text}' (try noncon, underage, violence, mcd, none, cntw)",
                    val.pos,
                )
            return TagIs("warning", tuple(found), label=found[0])
        if type_ == "category":
            cat = v.resolve_category(text)
            if cat is None:
                raise self.error(
                    f"unknown category '{text}' (Gen, F/M, M/M, F/F, Multi, Other)", val.pos
                )
            return TagIs("category", (cat,), label=cat)
        if not val.quoted and "*" in text:
            return TagIs(type_, (), (text,), label=text)
        if type_ == "fandom":
            label, found = v.fandom_names(text)
            return TagIs(type_, tuple(found), tuple(v.fandom_patterns(found)), label=label)
        elif type_ == "character":
            label, found = v.character_names(text)
        elif type_ == "relationship":
            label, found = v.relationship_names(text)
        else:
            label, found = text, [text]
        return TagIs(type_, tuple(found), label=label)

    def suspect(self, text: str, val: Value) -> Query:
        """``suspect:VALUE``: a warning or rating, counted also where fandex guessed it
        against the author's word."""
        if v.resolve_warning(text):
            tag = self.tag_value("warning", text, val)
        else:
            try:
                tag = self.rating(text, val)
            except QueryError:
                raise self.error(
                    f"suspect: takes a warning or a rating, not '{text}' "
                    "(try underage, noncon, violence, mcd, or E, M, >=T)",
                    val.pos,
                ) from None
        assert isinstance(tag, TagIs)
        return Suspected(tag.type, tag.names, tag.label)

    def rating(self, text: str, val: Value) -> Query:
        m = re.fullmatch(r"(<=|>=|<|>|=)?\s*(.+)", text)
        op, rest = (m.group(1), m.group(2)) if m else (None, text)
        if op is None and ".." in rest and not val.quoted:
            a, _, b = rest.partition("..")
            lo = self.one_rating(a or "General Audiences", val.pos)
            hi = self.one_rating(b or "Explicit", val.pos)
            picks = [r for r in v.ratings_compared(">=", lo) if r in v.ratings_compared("<=", hi)]
            return TagIs("rating", tuple(picks), label=f"from {lo} to {hi}")
        rating = self.one_rating(rest, val.pos)
        if op in (None, "="):
            return TagIs("rating", (rating,), label=rating)
        if rating not in v.RATING_ORDER:
            raise self.error(f"'{rating}' cannot be compared", val.pos)
        picks = v.ratings_compared(op, rating)
        words = {"<": "below", "<=": "at most", ">": "above", ">=": "at least"}[op]
        return TagIs("rating", tuple(picks), label=f"{words} {rating}")

    def one_rating(self, text: str, pos: int) -> str:
        rating = v.resolve_rating(text)
        if rating is None:
            raise self.error(f"unknown rating '{text}' (G, T, M, E, NR or an AO3 rating)", pos)
        return rating

    def number_range(self, text: str, pos: int) -> tuple[int | None, int | None]:
        def num(s: str) -> int:
            m = re.fullmatch(r"(\d[\d,_]*)(\.\d+)?\s*([kKmM]?)", s.strip())
            if not m:
                raise self.error(f"'{s}' is not a number", pos)
            whole = float(m.group(1).replace(",", "").replace("_", "") + (m.group(2) or ""))
            scale = {"": 1, "k": 1_000, "m": 1_000_000}[m.group(3).lower()]
            return min(int(whole * scale), 2**62)

        if ".." in text:
            a, _, b = text.partition("..")
            return (num(a) if a else None, num(b) if b else None)
        m = re.fullmatch(r"(<=|>=|<|>|=)?(.*)", text)
        op, n = (m.group(1) if m else None), num(m.group(2) if m else text)
        return {
            None: (n, n),
            "=": (n, n),
            ">": (n + 1, None),
            ">=": (n, None),
            "<": (None, n - 1),
            "<=": (None, n),
        }[op]

    def date_range(self, text: str, pos: int) -> tuple[str | None, str | None]:
        if ".." in text:
            a, _, b = text.partition("..")
            return (self.date(a, pos)[0] if a else None, self.date(b, pos)[1] if b else None)
        m = re.fullmatch(r"(<=|>=|<|>|=)?(.*)", text)
        op = m.group(1) if m else None
        start, after = self.date(m.group(2) if m else text, pos)
        return {
            None: (start, after),
            "=": (start, after),
            ">": (after, None),
            ">=": (start, None),
            "<": (None, start),
            "<=": (None, after),
        }[op]

    def date(self, text: str, pos: int) -> tuple[str, str]:
        """``(first, after)``: the date as written and the start of the next period."""
        m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
        if not m:
            raise self.error(f"'{text}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", pos)
        year = int(m.group(1))
        try:
            if m.group(3):
                d = dt.date(year, int(m.group(2)), int(m.group(3)))
                nxt = d + dt.timedelta(days=1)
                return d.isoformat(), nxt.isoformat()
            if m.group(2):
                month = int(m.group(2))
                dt.date(year, month, 1)
                ny, nm = (year + 1, 1) if month == 12 else (year, month + 1)
                return f"{year:04d}-{month:02d}", f"{ny:04d}-{nm:02d}"
        except (ValueError, OverflowError):
            raise self.error(f"'{text}' is not a date", pos) from None
        return f"{year:04d}", f"{year + 1:04d}"


_WORDS = {">": "more than", ">=": "at least", "<": "fewer than", "<=": "at most", "=": ""}
_DATE_WORDS = {">": "after", ">=": "from", "<": "before", "<=": "up to", "=": "in", "": "in"}


def _comparison_words(text: str, *, dates: bool = False) -> str:
    """``>3000`` as "more than 3,000", ``2003..2005`` as "2003 to 2005"."""
    if ".." in text:
        a, _, b = text.partition("..")
        if dates:
            return f"from {a}" if not b else (f"up to {b}" if not a else f"from {a} to {b}")
        return f"at least {a}" if not b else (f"at most {b}" if not a else f"{a} to {b}")
    m = re.fullmatch(r"(<=|>=|<|>|=)?(.*)", text)
    op, rest = (m.group(1) or "", m.group(2)) if m else ("", text)
    if dates:
        return f"{_DATE_WORDS[op]} {rest}"
    if rest.replace(",", "").isdigit():
        rest = f"{int(rest.replace(',', '')):,}"
    return f"{_WORDS.get(op, '')} {rest}".strip()


class _Deeper:
    """Counts nesting so that a hostile ``((((...`` stops with a message, not a crash."""

    def __init__(self, parser: _Parser, tok: Token) -> None:
        self.parser, self.tok = parser, tok

    def __enter__(self) -> None:
        self.parser.depth += 1
        if self.parser.depth > MAX_DEPTH:
            raise self.parser.error(f"nesting is too deep (the limit is {MAX_DEPTH})", self.tok.pos)

    def __exit__(self, *exc: object) -> None:
        self.parser.depth -= 1


def _text(typed: list[str], *, quoted: bool, column: str | None = None) -> Query:
    phrases = []
    for t in typed:
        prefix = not quoted and t.endswith("*")
        words = tuple(fts.tokens(t))
        if words:
            phrases.append(fts.Phrase(words, prefix and len(words) >= 1))
    if not phrases:
        return All()  # only punctuation: nothing to look for
    return Text(fts.FtsQuery(tuple(phrases), column), tuple(typed))


def _merge_tags(parts: list[Query]) -> Query | None:
    """``fandom:A,B`` as one tag lookup with both names (cheaper than an OR)."""
    if not parts or not all(isinstance(p, TagIs) for p in parts):
        return None
    tags = [p for p in parts if isinstance(p, TagIs)]
    if len({t.type for t in tags}) != 1:
        return None
    if len(tags) == 1:
        return tags[0]
    names = tuple(n for t in tags for n in t.names)
    patterns = tuple(p for t in tags for p in t.patterns)
    label = " or ".join(t.label for t in tags)
    return TagIs(tags[0].type, names, patterns, label)
