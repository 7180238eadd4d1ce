"""calibre's ``metadata.opf`` beside a book: the record calibre writes with a book it
saves to disk ("Author/Title (12)/Title - Author.epub" and ``metadata.opf``), read as
the same overlay a calibre library gives (:func:`fandex.read.calibre.overlay_of`).

The OPF holds calibre's record of the book: ``dc:title``, ``dc:creator`` (role
``aut``), ``dc:description`` (the comments, HTML), ``dc:date``, ``dc:language``,
``dc:identifier`` (``opf:scheme="url"``...), ``dc:subject`` (tags), the series as
``<meta name="calibre:series">`` / ``calibre:series_index``, and custom columns as
``<meta name="calibre:user_metadata:#label" content="{json}">``. It describes the
book files of its folder only when they are one book (formats of one stem): such a
folder is a catalogue (:data:`fandex.read.discover.CATALOGUES`) of that one book.

>>> opf_overlay(Path("/no/such/folder/story.epub")) is None
True
>>> detect(Path("/no/such/folder"))
False
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from fandex.read.calibre import CalibreBook, column_meanings, overlay_of
from fandex.read.discover import Candidate, Limits, hidden

__all__ = ["OPF_NAME", "detect", "expand", "opf_overlay"]

OPF_NAME = "metadata.opf"
_DC = "{http://purl.org/dc/elements/1.1/}"
_OPF = "{http://www.idpf.org/2007/opf}"
# Book files calibre saves beside the record; another file in the folder (a cover)
# does not make the folder two books.
_BOOK_SUFFIXES = frozenset(
    {".epub", ".html", ".htm", ".htmlz", ".txt", ".docx", ".odt", ".rtf", ".mobi", ".azw3", ".pdf"}
)
_MAX_OPF = 2 * 1024 * 1024
# An OPF is untrusted XML: no entities, no network, no DTD.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _books(folder: Path) -> list[Path] | None:
    """The book files of a saved book's folder, or None when it is not one (no
    record, a sub-folder, files of more than one stem)."""
    try:
        if not (folder / OPF_NAME).is_file() or (folder / "metadata.db").exists():
            return None
        entries = [p for p in folder.iterdir() if not hidden(p.name)]
    except OSError:
        return None
    if any(p.is_dir() for p in entries):
        return None
    books = sorted(p for p in entries if p.suffix.lower() in _BOOK_SUFFIXES and p.is_file())
    return books if books and len({p.stem for p in books}) == 1 else None


def detect(folder: Path) -> bool:
    """Whether ``folder`` is one book calibre saved to disk, with its ``metadata.opf``."""
    return _books(folder) is not None


def expand(folder: Path, limits: Limits) -> Iterator[Candidate]:
    """The book's files, each with calibre's record of it as an overlay."""
    for book in _books(folder) or []:
        yield Candidate(str(book), fs_path=book, overlay=opf_overlay(book))


def opf_overlay(book: Path) -> dict[str, Any] | None:
    """The overlay from the ``metadata.opf`` beside ``book``, or None (no record, a
    folder of several books, an unreadable record)."""
    opf = book.parent / OPF_NAME
    try:
        if not opf.is_file() or opf.stat().st_size > _MAX_OPF:
            return None
        stems = {
            p.stem
            for p in book.parent.iterdir()
            if p.suffix.lower() in _BOOK_SUFFIXES and p.is_file()
        }
        if stems != {book.stem}:
            return None
        root = etree.fromstring(opf.read_bytes(), _PARSER)
        record = _record(root)
        return overlay_of(record, column_meanings()) if record is not None else None
    except Exception:  # a damaged record leaves the book as its file says
        return None


def _texts(root: Any, name: str) -> list[str]:
    return [" ".join((el.text or "").split()) for el in root.iter(_DC + name) if el.text]


def _metas(root: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in root.iter(_OPF + "meta", "meta"):
        name, content = el.get("name"), el.get("content")
        if name and content is not None:
            out.setdefault(name, content)
    return out


def _record(root: Any) -> CalibreBook | None:
    titles = _texts(root, "title")
    if not titles:
        return None
    metas = _metas(root)
    authors = [
        " ".join((el.text or "").split())
        for el in root.iter(_DC + "creator")
        if (el.get(_OPF + "role") or el.get("role") or "aut") == "aut" and (el.text or "").strip()
    ]
    identifiers: dict[str, str] = {}
    for el in root.iter(_DC + "identifier"):
        scheme = (el.get(_OPF + "scheme") or el.get("scheme") or "").casefold()
        text = (el.text or "").strip()
        if scheme and text and scheme not in ("calibre", "uuid"):
            identifiers.setdefault(scheme, text)
    uuid = next(
        (
            (el.text or "").strip()
            for el in root.iter(_DC + "identifier")
            if (el.get(_OPF + "scheme") or "").casefold() == "uuid"
        ),
        None,
    )
    calibre_id = next(
        (
            (el.text or "").strip()
            for el in root.iter(_DC + "identifier")
            if (el.get(_OPF + "scheme") or "").casefold() == "calibre"
        ),
        "",
    )
    book = CalibreBook(
        id=int(calibre_id) if calibre_id.isdigit() else 0,
        title=titles[0],
        path="",
        uuid=uuid,
        authors=authors,
    )
    book.series = metas.get("calibre:series") or None
    try:
        book.series_index = float(metas["calibre:series_index"])
    except (KeyError, ValueError):
        book.series_index = None
    book.tags = _texts(root, "subject")
    book.identifiers = identifiers
    descriptions = [el.text for el in root.iter(_DC + "description") if el.text]
    book.comments = descriptions[0] if descriptions else None
    book.languages = _texts(root, "language")
    dates = _texts(root, "date")
    book.pubdate = _date(dates[0]) if dates else None
    for name, content in metas.items():
        if name.startswith("calibre:user_metadata:#"):
            _custom(book, name.removeprefix("calibre:user_metadata:#"), content)
    return book


def _date(text: str) -> str | None:
    day = text[:10]
    # calibre writes "no date" as the year 101.
    if len(day) != 10 or not day[:4].isdigit() or day < "1900":
        return None
    return day


def _custom(book: CalibreBook, label: str, content: str) -> None:
    """One custom column's JSON record (``#value#``, ``datatype``, ``name``)."""
    data = json.loads(content)
    if not isinstance(data, dict) or data.get("datatype") == "composite":
        return
    value = data.get("#value#")
    if value is None or value == "" or value == []:
        return
    values = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    book.custom[label] = (str(data.get("datatype") or "text"), values)
    book.column_names[label] = str(data.get("name") or label)
