"""Quiet by default, in Debian's Chromium: the author's tags and what fandex noticed are
shown apart, a blurb carries only the warnings and a few notes, the work page lists
every guess with its evidence, and a guess against the author never hides a work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fandex.library import Library
from fandex.model import Chapter, Evidence, Source, Tag, Work

from .browser import live_server, screenshot

pytestmark = pytest.mark.browser

TEXT = "The convoy crossed the dark between two stations.\n\nAboard, they argued about maps."
NOTES = [
    ("Space Travel", 0.97), ("Arguments", 0.93), ("Maps", 0.91), ("Stations", 0.88),
    ("Convoys", 0.84), ("Navigation", 0.8), ("Night Shifts", 0.77), ("Rations", 0.72),
    ("Crew Rivalry", 0.7), ("Engines", 0.66), ("Radio Silence", 0.63), ("Stars", 0.61),
]  # fmt: skip


def _guess(type_: str, name: str, conf: float, tagger: str = "content-notes") -> Tag:
    ev = [Evidence(chapter=1, start=0, end=10, quote="The convoy")]
    return Tag(type_, name, "inferred", conf, ev, tagger)


def rich() -> Work:
    """A richly tagged work: the author's rating and warnings, many notes, two guesses
    against the author."""
    w = Work(
        id="1111222233334444",
        title="Convoy Between Stations",
        authors=["Orbit Pen"],
        chapters=[Chapter(1, "Departure", TEXT)],
        source=Source("convoy.html", "html", "c" * 64, "2026-01-05T00:00:00Z"),
    )
    for tag in [
        Tag("rating", "Teen And Up Audiences"),
        Tag("warning", "No Archive Warnings Apply"),
        Tag("fandom", "Drift Stations"),
        *[Tag("freeform", n) for n in ("Slow Burn", "Found Family", "Ships", "Banter")],
        *[_guess("freeform", n, c) for n, c in NOTES],
        _guess("warning", "Underage Sex", 0.8, "warnings"),
        _guess("rating", "Explicit", 0.9, "rating"),
    ]:
        w.add_tag(tag)
    return w


def plain() -> Work:
    """A work that says nothing of warnings: fandex's guess counts and is shown."""
    w = Work(
        id="5555666677778888",
        title="Quiet Relay",
        authors=["Orbit Pen"],
        chapters=[Chapter(1, None, TEXT)],
        source=Source("relay.txt", "txt", "d" * 64, "2026-01-06T00:00:00Z"),
    )
    w.add_tag(Tag("fandom", "Drift Stations"))
    w.add_tag(_guess("warning", "Major Character Death", 0.7, "warnings"))
    w.add_tag(_guess("freeform", "Grief", 0.9))
    return w


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    lib = Library.open(tmp_path / "quiet.db")
    lib.save(rich())
    lib.save(plain())
    with live_server(lib, tmp_path / "uploads") as base:
        yield base
    lib.close()


def _blurb(page: Any, work_id: str) -> Any:
    return page.locator(f"#work-{work_id}")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_blurb_keeps_the_authors_tags_apart_and_fandexs_notes_few(
    browser: Any, server: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(server + "/?sort=title")
    rich_blurb = _blurb(page, "1111222233334444")
    authors = rich_blurb.locator("ul.tags[aria-label=Tags] a.tag")
    assert authors.count() == 5  # the warning and four additional tags, all the author's
    assert rich_blurb.locator("ul.tags[aria-label=Tags] a.tag.guessed").count() == 0
    noticed = rich_blurb.locator(".noticed")
    assert noticed.locator("a.tag").all_inner_texts() == ["Space Travel", "Arguments", "Maps"]
    assert noticed.locator("a.more").inner_text() == "and 9 more"
    # The guess against the author is a flag, never one of the work's tags.
    banner = rich_blurb.locator(".missing-warning")
    assert "Underage Sex" in banner.inner_text()
    assert "Underage Sex" not in noticed.inner_text() + authors.all_inner_texts()[0]
    assert rich_blurb.locator(".sq.rating-teen").count() == 1
    # Where the author said nothing, fandex's warning leads the notes.
    other = _blurb(page, "5555666677778888").locator(".noticed a.tag").all_inner_texts()
    assert other == ["Major Character Death", "Grief"]
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    screenshot(page, f"quiet-listing-{width}")
    page.close()


def test_the_work_page_lists_every_guess_apart_with_its_evidence(browser: Any, server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/")
    _blurb(page, "1111222233334444").locator("a.more").click()
    section = page.locator("section#noticed")
    assert section.is_visible()
    names = section.locator("dd.freeform a.tag").all_inner_texts()
    assert names == [n for n, _c in NOTES]
    assert page.locator("dl.work-meta").first.locator("a.tag.guessed").count() == 0
    assert "reads as Explicit" in section.locator("dd.disagrees").inner_text()
    screenshot(page, "quiet-work-noticed")
    section.locator("dd.disagrees a.why-link").click()
    page.wait_for_selector("#why")
    assert "Explicit" in page.locator("#why h2").inner_text()
    assert page.locator(".chapters mark").first.inner_text().strip() == "The convoy"
    screenshot(page, "quiet-work-why-rating")
    page.close()


def test_a_guess_against_the_author_never_hides_a_work_unless_asked(
    browser: Any, server: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})

    def titles(q: str) -> list[str]:
        page.goto(server + "/")
        page.get_by_label("Search the library").fill(q)
        page.get_by_role("button", name="Search").click()
        page.wait_for_load_state()
        return sorted(page.locator("ol.works h2").all_inner_texts())

    assert titles("-rating:E") == ["Convoy Between Stations", "Quiet Relay"]
    assert titles('warning:"Underage Sex"') == []
    assert titles('suspect:"Underage Sex"') == ["Convoy Between Stations"]
    assert titles("-warning:mcd") == ["Convoy Between Stations"]
    screenshot(page, "quiet-suspect-search")
    page.close()
