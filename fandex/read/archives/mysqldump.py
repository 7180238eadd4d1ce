"""A streaming reader of MySQL dump files: no database server, flat memory.

:func:`scan_dump` walks a ``.sql`` dump (mysqldump, phpMyAdmin, Sequel Pro, eFiction's
own backup) statement by statement and hands each ``CREATE TABLE`` (its columns, read
with sqlglot) and each batch of ``INSERT`` rows to a :class:`DumpSink`. The file is read
in chunks; only the statement being read is in memory, so a dump of many gigabytes
costs what its largest value costs.

What it understands: multi-row ``INSERT``/``REPLACE`` with or without a column list,
``'...'`` and ``"..."`` strings with backslash escapes and doubled quotes, ``NULL``,
numbers, ``0x..``/``X'..'``/``b'..'`` literals, charset introducers (``_binary '...'``,
``_utf8mb4 '...'``), ``--``, ``#`` and ``/* */`` comments (``/*!40101 ... */``
directives are skipped), ``LOCK TABLES``, ``SET``, ``USE`` and anything else it does not
need (skipped to its ``;``, quotes respected). A dump that stops in the middle of a
statement is reported through :meth:`DumpSink.truncated` with the table it was in; the
rows read before the cut are kept.

Text values are decoded one by one: UTF-8 when the bytes are UTF-8, else Windows-1252
(what old archives wrote), so one odd story does not garble the rest.

>>> class Rows(DumpSink):
...     def __init__(self): self.rows = []
...     def rows_of(self, table, columns, rows): self.rows += rows
>>> sink = Rows()
>>> scan_dump(io.BytesIO(b"INSERT INTO `t` VALUES (1,'It\\\\'s',NULL),(2,'a''b',0x4869);"), sink)
>>> sink.rows
[[1, "It's", None], [2, "a'b", 'Hi']]
"""

from __future__ import annotations

import io
import re
from typing import BinaryIO

import sqlglot
from sqlglot import exp

__all__ = ["DumpSink", "Value", "decode_text", "scan_dump"]

Value = str | int | float | None

CHUNK = 4 * 1024 * 1024
# One statement (or one value) bigger than this is refused: the dump is damaged or hostile.
MAX_STATEMENT = 512 * 1024 * 1024

_WS_COMMENTS = re.compile(
    rb"(?:\s+|--(?:[ \t][^\n]*)?(?:\n|\Z)|#[^\n]*(?:\n|\Z)|/\*.*?\*/|;)*", re.DOTALL
)
_NAME = rb"(?:`(?:[^`]|``)+`|\"[^\"]+\"|[\w$]+)"
_INSERT = re.compile(
    rb"(?:INSERT|REPLACE)\s+(?:(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE)\s+)*(?:INTO\s+)?"
    rb"(?P<name>" + _NAME + rb"(?:\s*\.\s*" + _NAME + rb")?)\s*"
    rb"(?:\((?P<cols>[^)]*)\)\s*)?VALUES?\s*",
    re.IGNORECASE,
)
_CREATE = re.compile(rb"CREATE\s+(?:TEMPORARY\s+)?TABLE\b", re.IGNORECASE)
# A whole statement up to its ';', strings and quoted names kept whole.
_STATEMENT = re.compile(
    rb"(?:[^;'\"`]+|'[^'\\]*(?:(?:\\.|'')[^'\\]*)*'|\"[^\"\\]*(?:(?:\\.|\"\")[^\"\\]*)*\""
    rb"|`[^`]*`)*;",
    re.DOTALL,
)
_STR1 = rb"'[^'\\]*(?:(?:\\.|'')[^'\\]*)*'"
_STR2 = rb"\"[^\"\\]*(?:(?:\\.|\"\")[^\"\\]*)*\""
_VALUE = (
    rb"_\w+\s*(?:" + _STR1 + rb"|0x[0-9A-Fa-f]*)"
    rb"|" + _STR1 + rb"|" + _STR2 + rb"|NULL\b|0x[0-9A-Fa-f]*|[xX]'[0-9A-Fa-f]*'|[bB]'[01]*'"
    rb"|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|TRUE\b|FALSE\b"
    rb"|\w+(?:\(\s*\))?"  # CURRENT_TIMESTAMP, NOW(): kept as their name
)
_VALUE_RE = re.compile(_VALUE, re.DOTALL | re.IGNORECASE)
_TUPLE = re.compile(
    rb"\(\s*(?:(?:" + _VALUE + rb")\s*(?:,\s*(?:" + _VALUE + rb")\s*)*)?\)",
    re.DOTALL | re.IGNORECASE,
)
_AFTER_TUPLE = re.compile(rb"\s*([,;])?\s*", re.DOTALL)
_ESCAPE = re.compile(rb"\\(.)", re.DOTALL)
_ESCAPES = {
    b"0": b"\x00",
    b"n": b"\n",
    b"r": b"\r",
    b"t": b"\t",
    b"b": b"\b",
    b"Z": b"\x1a",
    b"%": b"\\%",  # MySQL keeps the backslash of \% and \_
    b"_": b"\\_",
}


class DumpSink:
    """What a dump's statements are handed to; override what you need."""

    def wants(self, table: str) -> bool:
        """Whether the rows of ``table`` should be decoded at all (skipping is faster)."""
        return True

    def create_table(self, table: str, columns: list[str]) -> None:
        """A ``CREATE TABLE`` with its column names in order."""

    def table_charset(self, table: str, charset: str) -> None:
        """The character set a ``CREATE TABLE`` declares (MySQL's name, e.g. ``latin1``)."""

    def rows_of(self, table: str, columns: list[str] | None, rows: list[list[Value]]) -> None:
        """A batch of rows of ``table``; ``columns`` when the INSERT named them."""

    def truncated(self, table: str | None, detail: str) -> None:
        """The dump stops inside a statement (``table`` when it was an INSERT)."""


def decode_text(data: bytes) -> str:
    """Bytes of a text value: UTF-8 when they are, else Windows-1252 (latin-1 for the
    five bytes it leaves undefined).

    >>> decode_text("café".encode()), decode_text("café".encode("cp1252"))
    ('café', 'café')
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def table_name(raw: bytes) -> str:
    """``db.`table``` or `` `table` `` -> ``table`` (the last part, unquoted)."""
    name = decode_text(raw).rsplit(".", 1)[-1].strip()
    if name[:1] in '`"' and name[-1:] == name[:1]:
        name = name[1:-1].replace("``", "`")
    return name


def _columns(raw: bytes) -> list[str]:
    return [table_name(part) for part in raw.split(b",") if part.strip()]


def _unquote(token: bytes) -> str:
    quote = token[:1]
    body = token[1:-1]
    if b"\\" in body:
        body = _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)
    if quote + quote in body:
        body = body.replace(quote + quote, quote)
    return decode_text(body)


def convert(token: bytes) -> Value:
    """One literal of a VALUES tuple as a Python value.

    >>> [convert(t) for t in (b"NULL", b"-12", b"1.5", b"X'4869'", b"_binary 'ok'", b"b'101'")]
    [None, -12, 1.5, 'Hi', 'ok', 5]
    """
    first = token[:1]
    if first in (b"'", b'"'):
        return _unquote(token)
    if first == b"_":
        rest = (
            token.split(None, 1)[1]
            if b" " in token or b"\t" in token
            else token[token.find(b"'") :]
        )
        if rest[:2].lower() == b"0x":
            return decode_text(bytes.fromhex(rest[2:].decode("ascii")))
        return _unquote(rest.strip())
    low = token.lower()
    if low == b"null":
        return None
    if low.startswith(b"0x"):
        return decode_text(bytes.fromhex(token[2:].decode("ascii")))
    if low.startswith(b"x'"):
        return decode_text(bytes.fromhex(token[2:-1].decode("ascii")))
    if low.startswith(b"b'"):
        return int(token[2:-1] or b"0", 2)
    if low in (b"true", b"false"):
        return int(low == b"true")
    try:
        return int(token)
    except ValueError:
        pass
    try:
        return float(token)
    except ValueError:
        return decode_text(token)


_CHARSET = re.compile(r"\)[^()]*?\b(?:CHARSET|CHARACTER\s+SET)\s*=?\s*(\w+)[^()]*$", re.I)


def table_charset(statement: bytes) -> str | None:
    """The character set a CREATE TABLE declares for the table (after its column list).

    >>> table_charset(b"CREATE TABLE t (a text) ENGINE=MyISAM DEFAULT CHARSET=latin1;")
    'latin1'
    """
    m = _CHARSET.search(decode_text(statement))
    return m.group(1).lower() if m else None


def create_columns(statement: bytes) -> tuple[str, list[str]] | None:
    """The table and column names of a CREATE TABLE statement (sqlglot, MySQL dialect)."""
    text = decode_text(statement).rstrip().rstrip(";")
    try:
        tree = sqlglot.parse_one(text, read="mysql")
    except (sqlglot.errors.ParseError, sqlglot.errors.TokenError, ValueError):
        return _create_columns_fallback(text)
    table = tree.find(exp.Table)
    cols = [c.name for c in tree.find_all(exp.ColumnDef)]
    if table is None or not cols:
        return _create_columns_fallback(text)
    return table.name, cols


_FALLBACK_TABLE = re.compile(
    r"CREATE\s+(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\S+)", re.I
)
_FALLBACK_COL = re.compile(r"^\s*`([^`]+)`\s+\w", re.M)


def _create_columns_fallback(text: str) -> tuple[str, list[str]] | None:
    """Dialect corners sqlglot refuses: backquoted column lines are enough."""
    m = _FALLBACK_TABLE.search(text)
    cols = _FALLBACK_COL.findall(text)
    if not m or not cols:
        return None
    return table_name(m.group(1).encode()), cols


class _Reader:
    """A growing window on the file: ``buf[pos:]`` is what is left to read."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.buf = b""
        self.pos = 0
        self.eof = False

    def more(self) -> bool:
        """Read on (as much again as is pending, so a long value costs linear time);
        False at the end of the file."""
        if self.eof:
            return False
        pending = len(self.buf) - self.pos
        if pending > MAX_STATEMENT:
            raise DumpError("a statement larger than 512 MB; the dump is damaged")
        data = self.fh.read(max(CHUNK, pending))
        if not data:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + data
        self.pos = 0
        return True

    def match(self, pattern: re.Pattern[bytes], horizon: int) -> re.Match[bytes] | None:
        """``pattern`` at the current position, reading on while the match could still
        grow or could still appear (up to ``horizon`` bytes ahead)."""
        while True:
            m = pattern.match(self.buf, self.pos)
            if m is not None and (m.end() < len(self.buf) or self.eof):
                return m
            if m is None and (self.eof or len(self.buf) - self.pos >= horizon):
                return None
            if not self.more():
                return pattern.match(self.buf, self.pos)

    def at_end(self) -> bool:
        while self.pos >= len(self.buf):
            if not self.more():
                return True
        return False


class DumpError(ValueError):
    """The dump cannot be read on (a statement past every bound)."""


_HEADER_HORIZON = 1024 * 1024
_TUPLE_HORIZON = 64 * 1024 * 1024


def scan_dump(fh: BinaryIO, sink: DumpSink, *, batch: int = 500) -> None:
    """Read the dump ``fh`` and feed ``sink`` (see :class:`DumpSink`)."""
    r = _Reader(fh)
    while True:
        m = r.match(_WS_COMMENTS, _HEADER_HORIZON)
        if m is not None:
            r.pos = m.end()
        if r.at_end():
            return
        ins = r.match(_INSERT, _HEADER_HORIZON)
        if ins is not None:
            r.pos = ins.end()
            table = table_name(ins.group("name"))
            cols = _columns(ins.group("cols")) if ins.group("cols") is not None else None
            if not _values(r, sink, table, cols, batch):
                return
            continue
        head = r.buf[r.pos : r.pos + 64]
        stmt = r.match(_STATEMENT, MAX_STATEMENT)
        if stmt is None:
            sink.truncated(None, "the dump ends inside a statement")
            return
        r.pos = stmt.end()
        if _CREATE.match(head):
            found = create_columns(stmt.group(0))
            if found is not None:
                sink.create_table(*found)
                charset = table_charset(stmt.group(0))
                if charset:
                    sink.table_charset(found[0], charset)


def _values(r: _Reader, sink: DumpSink, table: str, cols: list[str] | None, batch: int) -> bool:
    """Read the tuples of one INSERT; False when the dump ends inside it."""
    wanted = sink.wants(table)
    rows: list[list[Value]] = []

    def flush() -> None:
        if rows:
            sink.rows_of(table, cols, list(rows))
            rows.clear()

    while True:
        m = r.match(_TUPLE, _TUPLE_HORIZON)
        if m is None:
            flush()
            if r.eof:
                sink.truncated(table, "the dump ends inside an INSERT")
                return False
            # A row no reader could make sense of: skip to the end of this statement.
            sink.truncated(table, "an unreadable row; the rest of that INSERT was skipped")
            return _skip_statement(r, sink)
        if wanted:
            body = m.group(0)
            rows.append([convert(t) for t in _VALUE_RE.findall(body, 1, len(body) - 1)])
            if len(rows) >= batch:
                flush()
        r.pos = m.end()
        sep = r.match(_AFTER_TUPLE, _HEADER_HORIZON)
        assert sep is not None  # the pattern matches the empty string
        r.pos = sep.end()
        if sep.group(1) == b";":
            flush()
            return True
        if sep.group(1) is None:
            flush()
            if r.at_end():
                sink.truncated(table, "the dump ends inside an INSERT")
                return False
            sink.truncated(table, "an INSERT is cut short")
            return True


def _skip_statement(r: _Reader, sink: DumpSink) -> bool:
    stmt = r.match(_STATEMENT, MAX_STATEMENT)
    if stmt is None:
        return False
    r.pos = stmt.end()
    return True


def scan_bytes(data: bytes, sink: DumpSink) -> None:
    """:func:`scan_dump` over bytes in memory (tests, small dumps)."""
    scan_dump(io.BytesIO(data), sink)
