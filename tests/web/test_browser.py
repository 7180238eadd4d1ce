"""End-to-end in Debian's Chromium: import, filter, read, "why this tag?", accept.

Every page is screenshotted under test-artifacts/screenshots/ (desktop, phone width
and dark theme) so a person can look at them.
"""

from __future__ import annotations

import io
import json
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fandex.library import Library

from .browser import live_server, screenshot
from .conftest import lantern, rain

pytestmark = pytest.mark.browser

HEADER = "Title: {title}\nAuthor: {author}\nFandom: Harbour Tales\nPairing: {ship}\n{extra}\n\n"
FICS = {
    "lighthouse.txt": HEADER.format(
        title="The Lighthouse Keeper", author="June Harrow", ship="Ana/Bo",
        extra="Rating: General Audiences\nWarnings: No Archive Warnings Apply",
    ) + (
        "Ana climbed the lighthouse stairs every evening to light the lamp.\n\n"
        "Bo waited at the bottom with two cups of tea. His grandfather had died that winter, "
        "and the funeral had been small and quiet; Bo still wore a mourning band, and the "
        "grief came back at dusk. They talked about him as the light swept "
        "the water.\n\nIn the morning the boats came home, and Ana and Bo walked back along "
        "the harbour wall together.\n"
    ),
    "storm.txt": HEADER.format(
        title="Storm Wall", author="June Harrow", ship="Ana/Bo",
        extra="Rating: Teen And Up Audiences\nWarnings: Graphic Depictions Of Violence",
    ) + (
        "The storm broke the harbour wall in the night.\n\nAna and Bo carried sandbags until "
        "dawn. A fisherman was hurt when a beam fell, and they bandaged his arm.\n"
    ),
    "tea.txt": HEADER.format(
        title="Quiet Tea", author="Pell Brook", ship="Cy/Di", extra="Rating: General Audiences"
    ) + "Cy made the tea too strong again. Di drank it anyway and said nothing.\n",
}  # fmt: skip


def _zip(tmp_path: Path) -> Path:
    path = tmp_path / "harbour-fics.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in FICS.items():
            zf.writestr(f"fics/{name}", text)
    path.write_bytes(buf.getvalue())
    return path


def _api(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as resp:  # the local test server only
        return json.load(resp)


def test_import_filter_read_why_accept(page: Any, tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "e2e.db")
    with live_server(lib, tmp_path / "uploads") as base:
        # 1. Import a zip through the upload form and watch the progress.
        page.goto(base + "/import")
        screenshot(page, "import-empty")
        page.get_by_label("Files or zip archives").set_input_files(str(_zip(tmp_path)))
        page.get_by_role("button", name="Import").click()
        page.wait_for_selector("[data-import-job][data-state=done]", timeout=60_000)
        assert page.locator("table.results tbody tr").count() == 3
        assert page.locator("tr.st-imported").count() == 3
        screenshot(page, "import-done")

        # 2. Filter by a relationship and exclude a warning, from the sidebar.
        page.get_by_role("link", name="See the library").click()
        page.get_by_role("link", name="Include relationship Ana/Bo").click()
        assert page.locator("ol.works > li").count() == 2
        page.get_by_role("link", name="Exclude warning Graphic Depictions Of Violence").click()
        titles = page.locator("ol.works h2").all_inner_texts()
        assert titles == ["The Lighthouse Keeper"]
        # The query box shows the same state the sidebar made.
        q = page.get_by_label("Search the library").input_value()
        assert 'relationship:"Ana/Bo"' in q and '-warning:"Graphic Depictions Of Violence"' in q
        screenshot(page, "listing-filtered")

        # 3. Open the work, 4. follow "why this tag?" on a guessed tag.
        page.get_by_role("link", name="The Lighthouse Keeper").click()
        screenshot(page, "work")
        why = page.locator("a.tag.guessed + .conf + a.why-link").first
        tag_name = why.get_attribute("aria-label").removeprefix("Why this tag: ").rstrip("?")
        why.click()
        page.wait_for_selector("#why")
        mark = page.locator(".chapters mark").first
        assert mark.is_visible() and mark.inner_text().strip()
        screenshot(page, "work-why")

        # 5. Accept it; 6. the API shows it as the user's.
        page.get_by_role("button", name=f"Accept “{tag_name}”").click()
        assert page.get_by_role("status").inner_text().startswith("Accepted")
        work_id = page.url.split("/works/")[1].split("?")[0]
        record = _api(f"{base}/api/works/{work_id}?text=0")
        accepted = [t for t in record["tags"] if t["name"] == tag_name]
        assert accepted and accepted[0]["source"] == "user"
        screenshot(page, "work-accepted")
    lib.close()


@pytest.fixture
def demo_server(tmp_path: Path) -> Iterator[str]:
    lib = Library.open(tmp_path / "demo.db")
    lib.save(lantern())
    lib.save(rain())
    with live_server(lib, tmp_path / "uploads") as base:
        yield base
    lib.close()


PAGES = [
    ("listing", "/"),
    ("reader", "/works/aa11bb22cc33dd44?why=relationship:Mara/Tomas"),
    ("reader-full", "/works/aa11bb22cc33dd44?view=full"),
    ("reader-hostile-html", "/works/ee55ff66aa77bb88"),
    ("review", "/review"),
    ("import", "/import"),
    ("blocklist", "/blocklist"),
    ("stats", "/stats"),
]


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_renders_without_script_errors(
    browser: Any, demo_server: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: errors.append("dialog: " + d.message))
    for name, url in PAGES:
        page.goto(demo_server + url)
        assert page.locator("h1").first.is_visible()
        # Nothing wider than the screen: usable at phone width without side-scrolling.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} overflows by {overflow}px at {width}px"
        screenshot(page, f"{name}-{width}")
    context.close()
    assert errors == []


def test_reading_settings_are_remembered(page: Any, demo_server: str) -> None:
    page.goto(demo_server + "/works/aa11bb22cc33dd44")
    page.get_by_text("Reading settings").click()
    page.get_by_label("Theme").select_option("dark")
    page.get_by_label("Font size").select_option("135")
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.get_by_label("Font size", exact=True).input_value() == "135"
    size = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--reader-size')"
    )
    assert size.strip() == "135%"
    page.goto(demo_server + "/")  # the theme follows the reader to every page
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    screenshot(page, "listing-dark")
    page.goto(demo_server + "/works/aa11bb22cc33dd44?why=relationship:Mara/Tomas")
    screenshot(page, "reader-dark")


def test_keyboard_reaches_content_and_filters(page: Any, demo_server: str) -> None:
    page.goto(demo_server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    # The jump is a same-page navigation; on a busy machine the next key can beat it.
    page.wait_for_function("location.hash === '#main'")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "q"
    # An include link in the sidebar is reachable and works from the keyboard.
    link = page.get_by_role("link", name="Include fandom Harbour Tales")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=*")
    assert "fandom" in page.get_by_label("Search the library").input_value()


def test_evidence_link_moves_focus_to_the_passage(page: Any, demo_server: str) -> None:
    page.goto(demo_server + "/works/aa11bb22cc33dd44?why=relationship:Mara/Tomas")
    page.get_by_role("link", name="Show the passage in chapter 1").click()
    assert page.evaluate("document.activeElement.id") == "ev-0"
    page.get_by_role("link", name="Show the passage in chapter 2").click()
    page.wait_for_url("**chapter=2*")
    assert page.evaluate("document.activeElement.id") == "ev-1"
    assert page.evaluate("document.activeElement.textContent") == "Tomas"


def test_arrow_keys_turn_chapters(page: Any, demo_server: str) -> None:
    page.goto(demo_server + "/works/aa11bb22cc33dd44")
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**chapter=2")
    assert page.get_by_role("heading", name="Chapter 2: Later").is_visible()
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**chapter=1")
    # Typing in a field does not turn the page.
    page.get_by_label("Chapter", exact=True).first.focus()
    page.keyboard.press("ArrowRight")
    assert page.url.endswith("chapter=1")
