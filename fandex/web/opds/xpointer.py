"""A KOReader XPointer into an EPUB fandex made: where a chapter position lies.

KOReader (crengine) names a place in an EPUB as ``/body/DocFragment[N]/body/...``:
the N-th file of the spine, then the element path inside its body, each step named
by its element and, when it has siblings of the same name, its 1-based index among
them. fandex's EPUB has the preface first and then one file per chapter
(:data:`fandex.library.sync.SPINE_BEFORE_CHAPTERS`); the position within a chapter
picks one of its paragraphs.
"""

from __future__ import annotations

import posixpath
import zipfile
from io import BytesIO
from typing import Any

from lxml import etree

from fandex.library.sync import SPINE_BEFORE_CHAPTERS
from fandex.model import Work

_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)


def spine_files(zf: zipfile.ZipFile) -> list[str]:
    """The EPUB's spine as paths inside the zip, in reading order."""
    container = etree.fromstring(zf.read("META-INF/container.xml"), _PARSER)
    rootfile = container.find(f".//{_CONTAINER}rootfile")
    if rootfile is None:
        return []
    opf_path = rootfile.get("full-path", "")
    opf = etree.fromstring(zf.read(opf_path), _PARSER)
    hrefs = {i.get("id"): i.get("href") for i in opf.iter(f"{_OPF}item")}
    base = posixpath.dirname(opf_path)
    return [
        posixpath.join(base, hrefs[ref.get("idref")])
        for ref in opf.iter(f"{_OPF}itemref")
        if ref.get("idref") in hrefs
    ]


def _local(el: Any) -> str:
    return str(etree.QName(el).localname)


def element_path(el: Any, stop: Any) -> str:
    """crengine's path of ``el`` below ``stop`` (``/div/div[2]/p[5]``)."""
    parts: list[str] = []
    while el is not None and el is not stop:
        parent = el.getparent()
        name = _local(el)
        same = [c for c in parent if isinstance(c.tag, str) and _local(c) == name]
        parts.append(f"/{name}[{same.index(el) + 1}]" if len(same) > 1 else f"/{name}")
        el = parent
    return "".join(reversed(parts))


def xpointer_for(epub: bytes, work: Work, chapter: int, position: float) -> str | None:
    """The XPointer of the paragraph ``position`` (0..1) into chapter ``chapter`` of
    ``epub`` (made from ``work``); None when the EPUB has no such chapter."""
    indexes = [c.index for c in work.chapters]
    if chapter not in indexes:
        return None
    fragment = SPINE_BEFORE_CHAPTERS + indexes.index(chapter) + 1
    try:
        with zipfile.ZipFile(BytesIO(epub)) as zf:
            spine = spine_files(zf)
            if fragment > len(spine):
                return None
            page = etree.fromstring(zf.read(spine[fragment - 1]), _PARSER)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError):
        return None
    body = next(
        (el for el in page.iter() if isinstance(el.tag, str) and _local(el) == "body"), None
    )
    start = f"/body/DocFragment[{fragment}]/body"
    if body is None:
        return None
    paragraphs = [el for el in body.iter() if isinstance(el.tag, str) and _local(el) == "p"]
    if not paragraphs:
        return start
    pick = paragraphs[min(len(paragraphs) - 1, max(0, int(position * len(paragraphs))))]
    return start + element_path(pick, body)


__all__ = ["element_path", "spine_files", "xpointer_for"]
