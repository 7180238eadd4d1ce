"""One work as one downloadable file, for the web work page and scripts.

>>> from fandex.model import Chapter, Work
>>> f = export_file(Work(title="T", authors=["A"], chapters=[Chapter(1, text="x")]), "html")
>>> f.name, f.media_type
('A - T.html', 'text/html; charset=utf-8')
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from fandex.errors import FandexError
from fandex.export.ao3records import ao3_record, check_limits
from fandex.export.epub import build_epub
from fandex.export.html import build_html
from fandex.export.naming import DEFAULT_TEMPLATE, render_name, template_values
from fandex.export.tags import Threshold
from fandex.model import Work

MEDIA_TYPES = {
    "epub": "application/epub+zip",
    "html": "text/html; charset=utf-8",
    "ao3": "application/json",
}


@dataclass(frozen=True)
class ExportedFile:
    """A file ready to send: a safe file name, its media type and its bytes."""

    name: str
    media_type: str
    data: bytes


def export_file(
    work: Work,
    fmt: str,
    *,
    template: str = DEFAULT_TEMPLATE,
    min_confidence: Threshold = None,
) -> ExportedFile:
    """``work`` as an EPUB, an HTML page, or (``ao3``) a preview of its AO3 import record
    with the AO3 limits it breaks (``{"record": ..., "breaches": [...]}``): a record to
    look at, not a request (AO3 imports through ``fandex export --format ao3``, which
    writes the chapter pages its API fetches, or the Open Doors tables)."""
    if fmt == "epub":
        data = build_epub(work, min_confidence=min_confidence)
    elif fmt == "html":
        data = build_html(work, min_confidence=min_confidence).encode("utf-8")
    elif fmt == "ao3":
        record = ao3_record(work, min_confidence=min_confidence)
        breaches = [{"limit": b.limit, "detail": b.detail} for b in check_limits(record)]
        payload = {"record": record, "breaches": breaches}
        data = json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
    else:
        raise FandexError(f"unknown export format {fmt!r}; use epub, html or ao3")
    ext = "json" if fmt == "ao3" else fmt
    name = render_name(template, template_values(work), ext)
    # A download is one file: a template's folders become part of the name.
    return ExportedFile(name.replace("/", " - "), MEDIA_TYPES[fmt], data)
