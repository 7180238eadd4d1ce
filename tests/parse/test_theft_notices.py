"""A web-serial site's anti-theft line (hidden on the site, shown by a downloader that
drops the stylesheet) is not the story's; a story's own line about a theft stays."""

from __future__ import annotations

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import read_bytes

PARA = (
    "The ferry came in late, its one lantern swinging like a slow bell over the black "
    "water of the harbour, and Ila counted the lanterns on the pier again."
)


def _text(middle: str) -> str:
    page = f"<h1>Low Water</h1><div><p>{PARA}</p><div class='x9f2'>{middle}</div><p>{PARA}</p>"
    return build_work(clean(read_bytes(f"{page}</div>".encode(), "serial.html"))).text


def test_a_sites_stolen_copy_notice_between_paragraphs_is_left_out() -> None:
    for notice in (
        "If you spot this story on Amazon, know that it has been stolen. Report the violation.",
        "This tale has been unlawfully lifted from Royal Road; report any sightings.",
    ):
        text = _text(notice)
        assert "Amazon" not in text and "Royal Road" not in text
        assert text.count("The ferry came in late") == 2


def test_a_storys_own_theft_stays() -> None:
    line = "Someone had stolen the keeper's lamp, and nobody would report it to the harbourmaster."
    assert line in _text(line)
