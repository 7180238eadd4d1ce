"""In Debian's Chromium: reading badges in the listing, saved searches in the sidebar,
and the web reader remembering where you stopped and taking you back there.

Screenshots go to test-artifacts/screenshots/ (reading-*.png)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fandex.library import Library, reading
from fandex.model import Chapter, Tag, Work

from .browser import (
    SCREENSHOTS,
    live_server,
    screenshot,
)
from .conftest import lantern, rain

pytestmark = pytest.mark.browser


def _long_work() -> Work:
    """Three long chapters, so a place in a chapter is a real scroll position."""

    def chapter(n: int) -> str:
        return "\n\n".join(
            f"Paragraph {p} of chapter {n}. The tide came in over the harbour stones, and "
            "the keeper counted the boats one by one as the lamp turned above the water."
            for p in range(1, 61)
        )

    w = Work(
        id="1234567890abcdef",
        title="The Long Tide",
        authors=["Sea Writer"],
        summary="A keeper counts the boats.",
        status="complete",
        language="en",
        chapters=[Chapter(i, f"Tide {i}", chapter(i)) for i in (1, 2, 3)],
    )
    w.add_tag(Tag("fandom", "Harbour Tales"))
    w.add_tag(Tag("rating", "General Audiences"))
    return w


def test_badges_saved_searches_and_resume(page: Any, tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "reading.db")
    lib.save(lantern())
    lib.save(rain())
    lib.save(_long_work())
    reading.mark(lib, "ee55ff66aa77bb88", "read")
    reading.set_rating(lib, "ee55ff66aa77bb88", 4)
    with live_server(lib, tmp_path / "uploads") as base:
        # Save a search from the sidebar; it is listed there and leads back to it.
        page.goto(base + "/?q=" + "keeper")
        page.get_by_label("Save this search as").fill("Keepers")
        page.get_by_role("button", name="Save", exact=True).click()
        assert page.get_by_role("status").inner_text().startswith("Saved the search")
        page.goto(base + "/")
        sidebar = page.locator("section.saved-searches")
        assert sidebar.get_by_role("link", name="Keepers").is_visible()
        screenshot(page, "reading-saved-search-sidebar")
        sidebar.get_by_role("link", name="Keepers").click()
        assert page.locator("ol.works h2").all_inner_texts() == ["The Long Tide"]

        # Read into chapter 2 and stop two thirds of the way down.
        page.goto(base + "/works/1234567890abcdef?chapter=2")
        section = page.locator("#chapter-2")
        box = section.bounding_box()
        target = box["y"] + 0.66 * (box["height"] - 900)
        page.evaluate(f"window.scrollTo(0, {target})")
        page.wait_for_selector("[data-recorded^='2:']", timeout=10_000)
        recorded = float(
            page.locator("[data-recorded]").get_attribute("data-recorded").split(":")[1]
        )
        assert 0.55 < recorded < 0.77
        screenshot(page, "reading-stopped-in-chapter-2")

        # The listing shows what is read and where the reader stopped.
        page.goto(base + "/")
        tide = page.locator("#work-1234567890abcdef")
        badge = tide.locator(".badge.progress")
        assert "stopped in chapter 2" in badge.inner_text()
        assert "Read" in page.locator("#work-ee55ff66aa77bb88 .badge.read").inner_text()
        assert page.locator("#work-ee55ff66aa77bb88 .badge.rating").inner_text() == "★★★★☆"
        assert page.locator("#work-aa11bb22cc33dd44 .reading-badges").count() == 0
        screenshot(page, "reading-listing-badges")

        # Opening the work again (no chapter asked) resumes in chapter 2, at the place.
        tide.get_by_role("link", name="The Long Tide").click()
        page.wait_for_selector("[data-resumed='1']")
        assert page.locator("#chapter-2").count() == 1 and page.locator("#chapter-1").count() == 0
        y = page.evaluate("window.scrollY")
        box = page.locator("#chapter-2").bounding_box()
        top = box["y"] + y
        assert abs((y - top) / (box["height"] - 900) - recorded) < 0.03
        screenshot(page, "reading-resumed")
        page.screenshot(path=str(SCREENSHOTS / "reading-resumed-viewport.png"))  # what one sees

        # Marks from the reading panel.
        page.get_by_role("button", name="Mark for Later").click()
        page.goto(base + "/")
        assert tide.locator(".badge.later").inner_text() == "Marked for Later"
        screenshot(page, "reading-marked-for-later")
    lib.close()
