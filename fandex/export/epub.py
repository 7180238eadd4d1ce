"""EPUB 3 export: an AO3-style title page, one document per chapter, a nav TOC.

Written with :mod:`zipfile` and Jinja2 templates (no AGPL EPUB library). The title page
is AO3's download preface (``div#preface`` with a ``dl.tags`` list of typed tags,
summary and notes blockquotes), so fandex's AO3 reader, other AO3-aware tools and
people read the tags back. The result passes ``epubcheck``.

>>> from fandex.model import Chapter, Work
>>> data = build_epub(Work(title="T", authors=["A"], chapters=[Chapter(1, text="Hi.")]))
>>> data[:2], data[30:38]
(b'PK', b'mimetype')
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from fandex.export.render import render, stylesheet
from fandex.export.tags import Threshold
from fandex.export.view import AFTERWORD_FILE, WorkView, work_view
from fandex.model import Work

OEBPS = "OEBPS/"
_COVER_TYPES = {b"\x89PNG": ("image/png", "png"), b"\xff\xd8\xff": ("image/jpeg", "jpg")}


@dataclass(frozen=True)
class Cover:
    """A cover image for the EPUB (PNG or JPEG bytes)."""

    data: bytes
    media_type: str
    href: str

    @classmethod
    def from_bytes(cls, data: bytes) -> Cover:
        """Recognise PNG or JPEG; :class:`ValueError` for anything else."""
        for magic, (media_type, ext) in _COVER_TYPES.items():
            if data.startswith(magic):
                return cls(data, media_type, f"cover.{ext}")
        raise ValueError("a cover must be a PNG or JPEG image")


def book_identifier(work: Work) -> str:
    """A stable ``urn:uuid`` for the work (same work id, same identifier)."""
    key = work.id or "\x1f".join([work.title, *work.authors])
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'fandex:work:' + key)}"


def _page(view: WorkView, part: str, page_title: str, **extra: object) -> bytes:
    return render(
        "page.xhtml",
        w=view,
        part=part,
        page_title=page_title,
        preface_file="preface.xhtml",
        afterword_file=AFTERWORD_FILE,
        **extra,
    ).encode("utf-8")


def build_epub(
    work: Work,
    *,
    min_confidence: Threshold = None,
    cover: bytes | None = None,
    modified: datetime | None = None,
) -> bytes:
    """The EPUB 3 file for ``work`` as bytes.

    ``min_confidence`` sets which inferred tags are exported (see
    :mod:`fandex.export.tags`); ``modified`` defaults to now (tests pin it).
    """
    view = work_view(work, epub=True, min_confidence=min_confidence)
    cover_item = Cover.from_bytes(cover) if cover else None
    stamp = (modified or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    identifier = book_identifier(work)
    opf = render(
        "content.opf",
        w=view,
        identifier=identifier,
        description=work.summary or "",
        modified=stamp,
        cover=cover_item,
    )
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        # The OCF rule: "mimetype" first, stored uncompressed, no extra field.
        zf.writestr(zipfile.ZipInfo("mimetype"), b"application/epub+zip", zipfile.ZIP_STORED)
        zf.writestr("META-INF/container.xml", render("container.xml"))
        zf.writestr(OEBPS + "content.opf", opf)
        zf.writestr(OEBPS + "nav.xhtml", render("nav.xhtml", w=view))
        # The NCX is EPUB 2's table of contents; older readers still look for it.
        zf.writestr(OEBPS + "toc.ncx", render("toc.ncx", w=view, identifier=identifier))
        zf.writestr(OEBPS + "style.css", stylesheet())
        if cover_item is not None:
            zf.writestr(OEBPS + cover_item.href, cover_item.data)
            zf.writestr(
                OEBPS + "cover.xhtml",
                _page(view, "cover", "Cover", cover_href=cover_item.href),
            )
        zf.writestr(OEBPS + "preface.xhtml", _page(view, "preface", view.title))
        for chapter in view.chapters:
            zf.writestr(
                OEBPS + chapter.file,
                _page(view, "chapter", chapter.toc_title, c=chapter),
            )
        if view.has_afterword:
            zf.writestr(OEBPS + AFTERWORD_FILE, _page(view, "afterword", "Afterword"))
    return buf.getvalue()


def write_epub(
    work: Work,
    path: str | Path,
    *,
    min_confidence: Threshold = None,
    cover: bytes | None = None,
) -> Path:
    """Write :func:`build_epub` output to ``path``; returns the path."""
    out = Path(path)
    out.write_bytes(build_epub(work, min_confidence=min_confidence, cover=cover))
    return out
