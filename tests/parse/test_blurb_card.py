"""A work's blurb kept apart from the story (its tag list, pairing, a line of summary, a
prompt's name) is no story; a drabble under the same tag list is one."""

from __future__ import annotations

from fandex.clean import clean
from fandex.parse import build_work
from fandex.parse.nonstory import judge
from fandex.read import read_bytes

CARD = (
    "<p>Wren/Sedge</p><hr/><p>The keeper lends her lamp to the ferry one winter night.</p>"
    "<hr/><p>Lighthouse Week 2023, Winter, Lamps, Found Family, Hurt/Comfort, Fluff</p>"
    "<hr/><p>For Lighthouse Week, Day 3: Dark</p>"
)
DRABBLE = (
    "The ferry came in late, its one lantern swinging like a slow bell over the black "
    "water, and Ila counted the lamps along the quay as she always did. One was dark. "
    "She took her own lamp down from its hook, crossed the wet stones and hung it in the "
    "empty bracket, and the keeper, watching from the tower, said nothing at all that "
    "night or the next, but in the morning there were two lamps lit where one had been."
)


def _verdict(page: str) -> str | None:
    doc = clean(read_bytes(page.encode(), "card.html"))
    return judge(build_work(doc), doc)


def test_a_blurb_card_without_a_story_is_the_works_notes() -> None:
    assert _verdict(CARD) == "no story text, looks like a work's notes (its tags and summary)"


def test_a_drabble_under_its_tag_list_is_a_story() -> None:
    assert _verdict(CARD + f"<hr/><p>{DRABBLE}</p>") is None


def test_a_fifty_word_drabble_under_a_tag_list_is_a_story() -> None:
    drabble = " ".join(DRABBLE.split()[:50])
    page = f"<p>Lighthouse Week 2023, Winter, Lamps, Found Family, Fluff</p><p>{drabble}</p>"
    assert _verdict(page) is None
