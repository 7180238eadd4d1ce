"""Archives that file stories by a character or an era of the canon ("Categories:
Tenth Doctor" on a Doctor Who archive) and name their fandom in the site's name ("A
Doctor Who Fanfiction Archive"): the category is the fandom's and one of its people, not
a fandom of that name; the site's name gives the fandom when the page states none.

The canon is invented ("Lantern Street", whose Keeper has numbered incarnations), in a
user pack written for these tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pages import tags, work_of

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.vocab.names import resolve_character
from fandex.vocab.packs import reset_cache

FANDOM = "Lantern Street - Wren Calloway"
PACK = f"""
schema = 1
fandom = "{FANDOM}"
aliases = ["Lantern Street"]
characters = [
  {{ name = "Ada Finch", gender = "F", aliases = ["Ada"] }},
  {{ name = "Second Keeper", gender = "M", aliases = ["The Keeper (2nd)"] }},
  {{ name = "Third Keeper", gender = "F", aliases = ["The Keeper (3rd)"] }},
]
"""
STORY = "The ledger had been wrong for three weeks, and Ada checked the columns again."


@pytest.fixture(autouse=True)
def lantern_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "lantern_street.toml").write_text(PACK, encoding="utf-8")
    monkeypatch.setenv("FANDEX_PACKS", str(folder))
    reset_cache()
    yield
    reset_cache()


def test_an_era_category_is_the_fandoms_character_not_a_fandom() -> None:
    w = work_of("efiction_era_categories.html")
    assert tags(w, "fandom") == [FANDOM]
    assert "Second Keeper" in tags(w, "character")
    assert "Second Keeper" not in tags(w, "freeform")


def test_a_numbered_incarnation_in_the_characters_field_is_that_incarnation() -> None:
    assert resolve_character("The Keeper (3rd)") == "Third Keeper"
    assert "Ada Finch" in tags(work_of("efiction_era_categories.html"), "character")


def test_the_sites_name_gives_the_fandom_when_the_page_states_none() -> None:
    w = work_of("efiction_site_named_fandom.html")
    assert tags(w, "fandom") == [FANDOM]
    assert "Multi-Era" in tags(w, "freeform")


def test_a_site_name_no_pack_knows_gives_no_fandom() -> None:
    page = Path(__file__).parent / "fixtures" / "pages" / "efiction_site_named_fandom.html"
    data = page.read_bytes().replace(b"Lantern Street Fanfiction", b"Harbour Tales Fanfiction")
    w = build_work(clean(read_bytes(data, "p.html")))
    assert tags(w, "fandom") == []


@pytest.mark.parametrize(
    "category",
    ["Second Keeper", "Second Keeper, Lantern Street"],
)
def test_a_downloaders_category_line_with_an_era_is_one_fandom(category: str) -> None:
    """A downloader's title page copies the archive's categories ("Category: Tenth
    Doctor, Doctor Who"); a header in a text file may too."""
    text = f"Title: The Ledger\nAuthor: Marram\nCategory: {category}\n\n{STORY}"
    w = build_work(clean(read_bytes(text.encode(), "ledger.txt")))
    assert tags(w, "fandom") == [FANDOM]
    assert tags(w, "character") == ["Second Keeper"]


def test_a_one_word_alias_is_no_era_category() -> None:
    """ "Category: Ada" names no one by itself: it stays the archive's label."""
    text = f"Title: The Ledger\nAuthor: Marram\nCategory: Ada\n\n{STORY}"
    w = build_work(clean(read_bytes(text.encode(), "ledger.txt")))
    assert "Ada Finch" not in tags(w, "character")
