"""The streaming dump reader: MySQL dump syntax, chunk boundaries, damage."""

from __future__ import annotations

import io

import pytest

from fandex.read.archives import mysqldump
from fandex.read.archives.mysqldump import DumpSink, Value, scan_dump


class Collect(DumpSink):
    def __init__(self) -> None:
        self.tables: dict[str, list[str]] = {}
        self.rows: dict[str, list[list[Value]]] = {}
        self.columns: dict[str, list[str] | None] = {}
        self.cut: list[tuple[str | None, str]] = []

    def create_table(self, table: str, columns: list[str]) -> None:
        self.tables[table] = columns

    def rows_of(self, table: str, columns: list[str] | None, rows: list[list[Value]]) -> None:
        self.rows.setdefault(table, []).extend(rows)
        self.columns[table] = columns

    def truncated(self, table: str | None, detail: str) -> None:
        self.cut.append((table, detail))


def scan(data: bytes) -> Collect:
    sink = Collect()
    scan_dump(io.BytesIO(data), sink)
    return sink


def test_dump_reads_escapes_nulls_numbers_and_literals() -> None:
    sink = scan(
        b"INSERT INTO `t` (`a`,`b`,`c`) VALUES "
        b"(1,'It\\'s \\\"x\\\"\\nnew\\\\line',NULL),"
        b"(-2.5,'a''b',0x4869),(3,_binary 'bin',X'4F4B'),(4,\"dq\",b'11');"
    )
    assert sink.rows["t"] == [
        [1, 'It\'s "x"\nnew\\line', None],
        [-2.5, "a'b", "Hi"],
        [3, "bin", "OK"],
        [4, "dq", 3],
    ]
    assert sink.columns["t"] == ["a", "b", "c"]


def test_dump_skips_comments_directives_and_other_statements() -> None:
    sink = scan(
        b"-- header; with a semicolon\n# Sequel Pro comment\n/*!40101 SET NAMES utf8 */;\n"
        b"LOCK TABLES `t` WRITE;\nSET @x = 'a;b';\n"
        b"CREATE TABLE `p_t` (\n  `id` int(11) NOT NULL,\n  `s` varchar(9) DEFAULT 'x;y'\n);\n"
        b"INSERT INTO p_t VALUES\n\t(1,'one; (two)'),\n\t(2,'three');\nUNLOCK TABLES;\n"
    )
    assert sink.tables == {"p_t": ["id", "s"]}
    assert sink.rows["p_t"] == [[1, "one; (two)"], [2, "three"]]
    assert sink.columns["p_t"] is None
    assert sink.cut == []


def test_dump_values_cut_by_chunk_boundaries_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mysqldump, "CHUNK", 7)
    text = "x" * 50 + "\\'" + "é" * 30
    sink = scan(
        f"INSERT INTO t VALUES (1,'{text}'),(2,'b');\nINSERT INTO t VALUES (3,'c');".encode()
    )
    assert [r[0] for r in sink.rows["t"]] == [1, 2, 3]
    assert sink.rows["t"][0][1] == "x" * 50 + "'" + "é" * 30


def test_dump_decodes_legacy_bytes_per_value() -> None:
    sink = scan(b"INSERT INTO t VALUES ('caf\xe9','caf\xc3\xa9');")
    assert sink.rows["t"] == [["café", "café"]]


def test_truncated_dump_keeps_rows_before_the_cut_and_says_where() -> None:
    sink = scan(b"INSERT INTO `t` VALUES (1,'a'),(2,'b'),(3,'unfinish")
    assert sink.rows["t"] == [[1, "a"], [2, "b"]]
    assert sink.cut and sink.cut[0][0] == "t" and "ends inside" in sink.cut[0][1]


def test_create_table_columns_come_from_sqlglot_or_the_fallback() -> None:
    ok = mysqldump.create_columns(b"CREATE TABLE `x` (`a` int, `b` text) ENGINE=MyISAM;")
    odd = mysqldump.create_columns(
        b"CREATE TABLE `y` (\n  `a` int(11) WEIRD_THING(((,\n  `b` text\n);"
    )
    assert ok == ("x", ["a", "b"])
    assert odd == ("y", ["a", "b"])
