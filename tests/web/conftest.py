"""Fixtures for the web tests: a small library of hand-written, tame works."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from fandex.library import Library
from fandex.model import Chapter, Evidence, Footnote, Source, Tag, Work
from fandex.web.app import create_app

LANTERN_CH1 = (
    "The lantern hung in the window of the shop.\n\n"
    "Mara lit it every evening at six. The harbour saw it and the boats came home."
)
LANTERN_CH2 = (
    "Years later the shop was closed.\n\nTomas found the lantern in a box, wrapped in old paper.[1]"
)


def lantern() -> Work:
    """Two chapters, a footnote, an inferred relationship with evidence, a flag."""
    w = Work(
        id="aa11bb22cc33dd44",
        title="The Harbour Lantern",
        authors=["Quill Writer"],
        summary="A lantern, a shop, a harbour.",
        notes_begin="Written for a prompt about light.",
        notes_end="Thanks for reading!",
        language="en",
        status="complete",
        published="2004-05-06",
        chapters=[
            Chapter(1, "Evening", LANTERN_CH1),
            Chapter(2, "Later", LANTERN_CH2),
        ],
        footnotes=[Footnote("1", "Newspaper, from the harbour gazette.")],
        source=Source("lantern.txt", "txt", "a" * 64, "2026-01-02T03:04:05Z"),
    )
    w.add_tag(Tag("fandom", "Harbour Tales", evidence=[Evidence(field="Fandom")]))
    w.add_tag(Tag("rating", "General Audiences"))
    w.add_tag(Tag("category", "F/M"))
    w.add_tag(Tag("character", "Mara"))
    start = LANTERN_CH1.index("Mara lit it")
    w.add_tag(
        Tag(
            "relationship",
            "Mara/Tomas",
            source="inferred",
            confidence=0.72,
            tagger="relationships",
            evidence=[
                Evidence(chapter=1, start=start, end=start + 25, quote="Mara lit it every evening"),
                Evidence(chapter=2, start=34, end=39, quote="Tomas"),
            ],
        )
    )
    w.add_tag(Tag("freeform", "Lanterns", source="inferred", confidence=0.95, tagger="topics"))
    w.flags.append(
        {
            "kind": "possible-missing-warning",
            "warning": "Major Character Death",
            "confidence": 0.8,
            "tagger": "warnings",
            "message": "a death on the page",
            "evidence": [{"chapter": 2, "start": 0, "end": 11, "quote": "Years later"}],
        }
    )
    return w


def rain() -> Work:
    """One chapter with hostile HTML, a stated warning."""
    w = Work(
        id="ee55ff66aa77bb88",
        title="Rain <script>alert(1)</script>",
        authors=["Second Author"],
        status="wip",
        chapters=[
            Chapter(
                1,
                None,
                "It rained. They waited under the awning.",
                html=(
                    '<p onclick="alert(1)">It rained.</p><script>alert(2)</script>'
                    '<a href="javascript:alert(3)">link</a><style>body{display:none}</style>'
                    '<iframe src="https://example.com"></iframe>'
                    '<svg><animate onbegin="alert(4)"/></svg><img src=x onerror="alert(5)">'
                    "<p>They waited under the awning.</p>"
                ),
            )
        ],
        source=Source("rain.html", "html", "b" * 64, "2026-01-03T03:04:05Z"),
    )
    w.add_tag(Tag("fandom", "Harbour Tales"))
    w.add_tag(Tag("rating", "Teen And Up Audiences"))
    w.add_tag(Tag("warning", "Graphic Depictions Of Violence"))
    w.add_tag(Tag("relationship", "Ana & Bo"))
    w.add_tag(Tag("freeform", "Rain", source="inferred", confidence=0.4, tagger="topics"))
    return w


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "web.db")
    library.save(lantern())
    library.save(rain())
    yield library
    library.close()


@pytest.fixture
def client(lib: Library, tmp_path: Path) -> Iterator[TestClient]:
    # Wait for facet counts, so every page's sidebar is complete (the not-waiting path
    # has its own tests).
    app = create_app(lib, upload_dir=tmp_path / "uploads", facet_wait=None)
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        yield c


def csrf_of(client: TestClient) -> str:
    """Visit a page so the client holds a CSRF cookie; return its value."""
    client.get("/import")
    value = client.cookies.get("fandex_csrf")
    assert value
    return value


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright (skipped, or failed in CI, without them)."""
    from .browser import CHROMIUM, CHROMIUM_ARGS, require_browser

    sync_api = require_browser()
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A desktop-sized page that fails its test if the page logs an error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()
    assert errors == [], f"the page logged errors: {errors}"
