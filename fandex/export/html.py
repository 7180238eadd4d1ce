"""HTML export: one self-contained file per work (inline CSS, no scripts, no images).

The page has the same structure as an AO3 HTML download (``#preface`` with
``dl.tags``, ``#chapters``, ``#afterword``) plus a table of contents, so it reads well
offline and AO3-aware tools read the tags back. Chapter HTML is sanitised with ``nh3``.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from fandex.export.render import render, stylesheet
from fandex.export.tags import Threshold
from fandex.export.view import work_view
from fandex.model import Work


def build_html(work: Work, *, min_confidence: Threshold = None) -> str:
    """The work as one HTML document.

    >>> from fandex.model import Chapter, Work
    >>> "<h1>A &amp; B</h1>" in build_html(Work(title="A & B", chapters=[Chapter(1, text="x")]))
    True
    """
    view = work_view(work, epub=False, min_confidence=min_confidence)
    byline = ", ".join(view.authors)
    return render(
        "work.html",
        w=view,
        page_title=f"{view.title} - {byline}" if byline else view.title,
        css=Markup(stylesheet()),
        preface_file="",
        afterword_file="",
    )


def write_html(work: Work, path: str | Path, *, min_confidence: Threshold = None) -> Path:
    """Write :func:`build_html` output to ``path`` (UTF-8); returns the path."""
    out = Path(path)
    out.write_text(build_html(work, min_confidence=min_confidence), encoding="utf-8")
    return out
