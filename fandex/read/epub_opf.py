"""What an EPUB's package file (OPF) states about its book: title, authors, language,
summary, dates, subjects, address and series, with a converter's placeholders ("Unknown")
and build stamps left out. Read by :mod:`fandex.read.epub`; ``book`` is its parsed book
(``opf``, ``dc(name)``, ``dc_text(name)``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from fandex.read.htmltext import parse_html, text_of
from fandex.vocab.ao3 import load_toml

_OPF = "{http://www.idpf.org/2007/opf}"
# Language values that state none: a POSIX locale leaked by a converter run without one
# ("C"), and ISO 639's undetermined, no-content and multiple codes.
_NO_LANGUAGE = frozenset({"c", "posix", "c.utf-8", "c.utf8", "und", "zxx", "mul"})


def _modified(book: Any) -> str:
    """The OPF's ``dcterms:modified`` stamp: when the file was last built."""
    if book.opf is None:
        return ""
    for el in book.opf.iter(_OPF + "meta", "meta"):
        if el.get("property") == "dcterms:modified":
            return (el.text or "").strip()
    return ""


@cache
def placeholders() -> dict[str, frozenset[str]]:
    """What converters write where a book states no title or author (header.toml
    [placeholders]: "titles", "authors", and "pdf" for a PDF's document information),
    read once."""
    return {k: frozenset(v) for k, v in load_toml("header.toml")["placeholders"].items()}


def opf_metadata(book: Any) -> dict[str, Any]:
    """Title, authors, language, summary, dates and subjects from the OPF."""
    meta: dict[str, Any] = {}
    unset = placeholders()
    titles = [t for t in book.dc_text("title") if t.casefold() not in unset["titles"]]
    if titles:
        meta["title"] = titles[0]
    # EPUB 3 states a creator's role in a meta that refines it ("#c2" is the "ill").
    refined = {
        (el.get("refines") or "").lstrip("#"): (el.text or "").strip()
        for el in (book.opf.iter(_OPF + "meta", "meta") if book.opf is not None else ())
        if el.get("property") == "role" and el.get("refines")
    }
    authors = [
        " ".join((el.text or "").split())
        for el in book.dc("creator")
        if (el.get(_OPF + "role") or el.get("role") or refined.get(el.get("id") or "") or "aut")
        == "aut"
        and (el.text or "").strip()
        and " ".join((el.text or "").split()).casefold() not in unset["authors"]
    ]
    if authors:
        meta["authors"] = authors
    langs = [lang for lang in book.dc_text("language") if lang.casefold() not in _NO_LANGUAGE]
    if langs:
        meta["language"] = langs[0]
    desc = book.dc("description")
    if desc and (desc[0].text or "").strip():
        raw = desc[0].text or ""
        meta["summary"] = text_of(parse_html(raw)) if "<" in raw else raw.strip()
    built = _modified(book)
    for el in book.dc("date"):
        event = (el.get(_OPF + "event") or el.get("event") or "").lower()
        if built and (el.text or "").strip() == built:
            continue  # stamped when the book was made (Pandoc, Sigil), not published
        value = (el.text or "").strip()[:10]
        # "creation" is when the book was built (FanFicFare's packaging), not the story.
        if event == "modification":
            meta["updated"] = value
        elif value and event in ("", "publication", "published") and "published" not in meta:
            meta["published"] = value
    subjects = book.dc_text("subject")
    if subjects:
        meta["fields"] = {"Subjects": ", ".join(subjects)}
    for src in book.dc_text("source") + book.dc_text("identifier"):
        # EPUB 3 books write the story's address as an identifier "URL:https://...".
        src = re.sub(r"^(?:url|uri):\s*", "", src, flags=re.I)
        if src.startswith("http"):
            meta["url"] = src
            break
    series = opf_series(book.opf)
    if series:
        meta["series"] = series
    return meta


def opf_series(opf: Any) -> list[dict[str, Any]]:
    """Series places an OPF states: calibre's ``calibre:series`` and
    ``calibre:series_index`` metas (FanFicFare and calibre write them), and EPUB 3's
    ``belongs-to-collection`` with its ``group-position``."""
    if opf is None:
        return []
    out: list[dict[str, Any]] = []
    named = {
        el.get("name"): (el.get("content") or "").strip()
        for el in opf.iter(_OPF + "meta", "meta")
        if el.get("name")
    }
    if named.get("calibre:series"):
        out.append(
            {
                "name": named["calibre:series"],
                "position": _number(named.get("calibre:series_index")),
            }
        )
    refines: dict[str, str] = {}
    for el in opf.iter(_OPF + "meta", "meta"):
        if el.get("property") == "group-position" and el.get("refines"):
            refines[el.get("refines", "").lstrip("#")] = (el.text or "").strip()
    for el in opf.iter(_OPF + "meta", "meta"):
        if el.get("property") == "belongs-to-collection" and (el.text or "").strip():
            out.append(
                {"name": el.text.strip(), "position": _number(refines.get(el.get("id") or ""))}
            )
    return out


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


__all__ = ["opf_metadata", "opf_series", "placeholders"]
