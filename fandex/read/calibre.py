"""calibre libraries: each book's file, with calibre's record of it as an overlay.

A folder holding calibre's ``metadata.db`` is a calibre library. Its database is
opened **read-only** (SQLite ``mode=ro``: nothing is written, no journal is created)
and read in one short pass into memory, then closed before any book file is opened,
so calibre is never kept waiting on a lock. Each book becomes one candidate: its best
file (EPUB, else HTML, TXT, DOCX, ODT, RTF) as the bytes, and an overlay
(:mod:`fandex.parse.overlay`) with what calibre holds: title, authors, series and
index, tags, identifiers (the story URL), dates, comments, languages and custom
columns (FanFicFare's, mapped by :data:`COLUMNS_FILE`; see
``fandex/vocab/calibre_columns.toml``). A book without a readable format is a
candidate with an error, so the import reports it.

>>> detect(Path("/no/such/library"))
False
"""

from __future__ import annotations

import os
import re
import sqlite3
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fandex.errors import ReadError, reason
from fandex.parse.dates import map_language, map_status
from fandex.parse.values import map_rating, map_warnings, split_list
from fandex.read.discover import Candidate, Limits
from fandex.read.epub_opf import placeholders
from fandex.read.htmltext import parse_html, text_of
from fandex.vocab.ao3 import canonical_category, canonical_rating, canonical_warning, load_toml

__all__ = ["CalibreBook", "detect", "expand", "read_library"]

# Formats fandex reads, best first (calibre names formats in upper case).
FORMATS: tuple[str, ...] = ("EPUB", "HTML", "HTMLZ", "TXT", "DOCX", "ODT", "RTF", "FB2")
READABLE = frozenset({"EPUB", "HTML", "TXT", "DOCX", "ODT", "RTF"})
COLUMNS_FILE = "calibre_columns.toml"
TAG_MEANINGS = ("fandom", "relationship", "character", "warning", "rating", "category", "freeform")


def detect(folder: Path) -> bool:
    """Whether ``folder`` is a calibre library (it holds calibre's ``metadata.db``)."""
    return (folder / "metadata.db").is_file()


@dataclass
class CalibreBook:
    """One book as calibre records it."""

    id: int
    title: str
    path: str
    uuid: str | None = None
    authors: list[str] = field(default_factory=list)
    series: str | None = None
    series_index: float | None = None
    tags: list[str] = field(default_factory=list)
    identifiers: dict[str, str] = field(default_factory=dict)
    comments: str | None = None
    languages: list[str] = field(default_factory=list)
    pubdate: str | None = None
    modified: str | None = None
    formats: dict[str, str] = field(default_factory=dict)  # FORMAT -> file name stem
    # custom column label -> (datatype, values as strings)
    custom: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    column_names: dict[str, str] = field(default_factory=dict)  # label -> shown name

    def best_file(self, library: Path) -> Path | None:
        for fmt in FORMATS:
            if fmt in self.formats and fmt in READABLE:
                return library / self.path / f"{self.formats[fmt]}.{fmt.lower()}"
        return None


# -- reading the database ---------------------------------------------------------------


def _connect(db: Path) -> sqlite3.Connection:
    # mode=ro: SQLite opens the file read-only and never writes it (nor a journal).
    uri = f"file:{quote(str(db.resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=10, check_same_thread=False)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _date(value: Any) -> str | None:
    text = str(value or "")[:10]
    # calibre stores "no date" as the year 101.
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", text) or text < "1900":
        return None
    return text


def read_library(folder: Path) -> list[CalibreBook]:
    """Every book of the calibre library at ``folder`` (read in one pass, read-only)."""
    db = folder / "metadata.db"
    try:
        conn = _connect(db)
    except sqlite3.Error as exc:
        raise ReadError(f"cannot open calibre library {folder}: {exc}") from exc
    try:
        return _read(conn)
    except sqlite3.Error as exc:
        raise ReadError(f"cannot read calibre library {folder}: {exc}") from exc
    finally:
        conn.close()


def _read(conn: sqlite3.Connection) -> list[CalibreBook]:
    books: dict[int, CalibreBook] = {}
    for bid, title, path, pubdate, modified, sidx, uuid in conn.execute(
        "SELECT id, title, path, pubdate, last_modified, series_index, uuid FROM books ORDER BY id"
    ):
        books[bid] = CalibreBook(
            bid,
            title or "Untitled",
            path or "",
            uuid=uuid,
            pubdate=_date(pubdate),
            modified=_date(modified),
            series_index=float(sidx) if sidx is not None else None,
        )

    def each(sql: str) -> Iterator[tuple[Any, ...]]:
        for row in conn.execute(sql):
            if row[0] in books:
                yield row

    for bid, name in each(
        "SELECT l.book, a.name FROM books_authors_link l JOIN authors a ON a.id = l.author"
        " ORDER BY l.id"
    ):
        books[bid].authors.append(name.replace("|", ","))
    for bid, name in each(
        "SELECT l.book, s.name FROM books_series_link l JOIN series s ON s.id = l.series"
    ):
        books[bid].series = name
    for bid, name in each(
        "SELECT l.book, t.name FROM books_tags_link l JOIN tags t ON t.id = l.tag ORDER BY l.id"
    ):
        books[bid].tags.append(name)
    for bid, kind, value in each("SELECT book, type, val FROM identifiers"):
        books[bid].identifiers[str(kind)] = str(value)
    for bid, text in each("SELECT book, text FROM comments"):
        books[bid].comments = text
    for bid, code in each(
        "SELECT l.book, g.lang_code FROM books_languages_link l"
        " JOIN languages g ON g.id = l.lang_code ORDER BY l.item_order"
    ):
        books[bid].languages.append(code)
    for bid, fmt, name in each("SELECT book, format, name FROM data"):
        books[bid].formats[str(fmt).upper()] = name
    _read_custom(conn, books)
    return list(books.values())


def _read_custom(conn: sqlite3.Connection, books: dict[int, CalibreBook]) -> None:
    columns = conn.execute(
        "SELECT id, label, name, datatype, normalized FROM custom_columns WHERE mark_for_delete = 0"
    ).fetchall()
    for cid, label, name, datatype, normalized in columns:
        cid = int(cid)
        if datatype == "composite":
            continue  # a template over other fields: nothing stored
        if normalized:
            sql = (
                f"SELECT l.book, v.value FROM books_custom_column_{cid}_link l"
                f" JOIN custom_column_{cid} v ON v.id = l.value ORDER BY l.id"
            )
        else:
            sql = f"SELECT book, value FROM custom_column_{cid}"
        values: dict[int, list[str]] = defaultdict(list)
        for bid, value in conn.execute(sql):
            if bid in books and value is not None:
                values[bid].append(str(value))
        for bid, found in values.items():
            books[bid].custom[label] = (datatype, found)
            books[bid].column_names[label] = name


# -- calibre's record as an overlay -------------------------------------------------------


def _key(label: str) -> str:
    return re.sub(r"[\s_#-]+", "", label.casefold())


def column_meanings(config_home: str | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """``(by label, by shown name)``: the shipped mapping, the user's file over it."""
    data = load_toml(COLUMNS_FILE)
    labels = {_key(k): v for k, v in data.get("labels", {}).items()}
    names = {k.casefold(): v for k, v in data.get("names", {}).items()}
    home = config_home or os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    user = Path(home) / "fandex" / COLUMNS_FILE
    if user.is_file():
        try:
            mine = tomllib.loads(user.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ReadError(f"{user}: {exc}") from exc
        labels.update({_key(k): str(v) for k, v in mine.get("labels", {}).items()})
        names.update({k.casefold(): str(v) for k, v in mine.get("names", {}).items()})
    return labels, names


def _items(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        out += [x for x in split_list(v, on_and=False) if x] if "," in v else [v.strip()]
    return [x for x in out if x]


def _plain(html_or_text: str) -> str:
    if "<" in html_or_text and ">" in html_or_text:
        return text_of(parse_html(html_or_text)).strip()
    return html_or_text.strip()


# A title calibre took from a file name: no spaces, words joined by underscores.
_FILE_STEM = re.compile(r"[\w.\-]*_[\w.\-]*")


def overlay_of(
    book: CalibreBook, meanings: tuple[dict[str, str], dict[str, str]]
) -> dict[str, Any]:
    """The overlay for one book (see :mod:`fandex.parse.overlay`)."""
    labels, names = meanings
    tags: list[list[str]] = []
    out: dict[str, Any] = {"source": "calibre"}
    unset = placeholders()
    # calibre fills what it was not told: "Unknown" for the author, the file's name for
    # the title ("my_fic_v2"). Those are no statement; the file's own header may say.
    if book.title.casefold() not in unset["titles"] and not _FILE_STEM.fullmatch(book.title):
        out["title"] = book.title
    authors = [a for a in book.authors if a.casefold() not in unset["authors"]]
    if authors:
        out["authors"] = authors
    fields: dict[str, str] = {"book id": str(book.id)}
    if book.series:
        out["series"] = [{"name": book.series, "position": book.series_index}]
    if book.comments:
        out["summary"] = _plain(book.comments)
    if book.pubdate:
        out["published"] = book.pubdate
    if book.languages:
        out["language"] = map_language(book.languages[0]) or book.languages[0]
    ids: dict[str, str] = {}
    url = book.identifiers.get("url") or book.identifiers.get("uri")
    if url:
        out["url"] = url
    for kind in ("ao3", "ffnet", "fanfiction"):
        if book.identifiers.get(kind, "").isdigit():
            ids["ao3" if kind == "ao3" else "ffnet"] = book.identifiers[kind]
    typed: set[str] = set()
    for label, (datatype, values) in book.custom.items():
        meaning = labels.get(_key(label)) or names.get(book.column_names.get(label, "").casefold())
        field = f"calibre:#{label}"
        if meaning is None:
            fields[f"#{label}"] = ", ".join(values)
            continue
        if meaning == "fandom_or_category":
            items = _items(values)
            meaning = (
                "category" if items and all(canonical_category(i) for i in items) else "fandom"
            )
        if meaning in TAG_MEANINGS:
            for name in _typed(meaning, values):
                tags.append([name[0], name[1], field])
                typed.add(name[1].casefold())
        elif meaning == "status":
            status = _status(datatype, values)
            if status:
                out["status"] = status
        elif meaning in ("published", "updated"):
            date = _date(values[0])
            if date:
                out[meaning] = date
        elif meaning == "url":
            out.setdefault("url", values[0])
        elif meaning == "summary":
            out.setdefault("summary", _plain(values[0]))
        elif meaning == "series":
            out.setdefault("series", [{"name": values[0], "position": None}])
        else:  # words, chapters, site: kept as fields
            fields[meaning] = values[0]
    for tag in book.tags:
        if tag.casefold() in typed:
            continue
        guess = _vocabulary_tag(tag)
        if guess == ("status", "complete") or guess == ("status", "wip"):
            out.setdefault("status", guess[1])
        elif guess is not None:
            tags.append([guess[0], guess[1], "calibre:tags"])
        else:
            tags.append(["freeform", tag, "calibre:tags"])
    if book.uuid:
        fields["uuid"] = book.uuid
    out["tags"] = tags
    out["fields"] = fields
    out["source_ids"] = ids
    return out


def _typed(meaning: str, values: list[str]) -> list[tuple[str, str]]:
    if meaning == "rating":
        rating = map_rating(values[0]) if values else None
        return [("rating", rating.rating)] if rating else []
    if meaning == "warning":
        found: list[tuple[str, str]] = []
        for item in _items(values):
            known = canonical_warning(item)
            found += (
                [("warning", known)] if known else [(w.type, w.name) for w in map_warnings(item)]
            )
        return found
    if meaning == "category":
        return [("category", c) for i in _items(values) if (c := canonical_category(i))]
    if meaning == "relationship":
        # A pairing is one tag even when it holds a comma ("A, B & C" stays whole).
        return [("relationship", v.strip()) for v in values if v.strip()]
    return [(meaning, v) for v in _items(values)]


def _status(datatype: str, values: list[str]) -> str | None:
    if datatype == "bool":
        return "complete" if values[0] in ("1", "True", "true") else "wip"
    return map_status(values[0])


def _vocabulary_tag(tag: str) -> tuple[str, str] | None:
    """A calibre tag that is exactly a word of AO3's vocabulary or a status."""
    if (r := canonical_rating(tag)) is not None:
        return ("rating", r)
    if (w := canonical_warning(tag)) is not None:
        return ("warning", w)
    if (c := canonical_category(tag)) is not None:
        return ("category", c)
    if tag.casefold() in ("completed", "complete", "in-progress", "in progress", "wip"):
        return ("status", map_status(tag) or "wip")
    return None


def expand(folder: Path, limits: Limits) -> Iterator[Candidate]:
    """One candidate per book of the calibre library at ``folder``."""
    try:
        books = read_library(folder)
        meanings = column_meanings()
    except ReadError as exc:
        yield Candidate(str(folder / "metadata.db"), error=str(exc))
        return
    for book in books:
        file = book.best_file(folder)
        where = folder / book.path
        if file is None:
            have = ", ".join(sorted(book.formats)) or "none"
            yield Candidate(
                str(where),
                error=f"calibre book {book.id} has no EPUB, HTML, TXT or DOCX file (has: {have})",
            )
            continue
        try:
            overlay = overlay_of(book, meanings)
        except Exception as exc:  # one book's odd record (hostile comments...) fails alone
            yield Candidate(str(file), error=f"calibre's record of it: {reason(exc)}")
            continue
        yield Candidate(str(file), fs_path=file, overlay=overlay)
