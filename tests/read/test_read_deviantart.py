"""deviantART deviation pages saved from a browser: a literature deviation is its text
box with the title and artist from the deviation's card and the artist's comments as the
description; a picture's page is no story, not a story made of thumbnail captions."""

from __future__ import annotations

from pages import doc_of, first_words, last_words, page_bytes, verdict, work_of

from fandex.read import read_bytes


def test_literature_page_gives_title_artist_and_description() -> None:
    w = work_of("deviantart_literature.html")
    assert w.title == "The Lamplighter's Round"
    assert w.authors == ["quillwren"]
    assert w.summary == "A short piece about the last lamplighter in a harbour town."
    assert doc_of("deviantart_literature.html").metadata["url"].endswith("-123456789")


def test_literature_text_is_the_deviation_box_only() -> None:
    w = work_of("deviantart_literature.html")
    assert len(w.chapters) == 1
    assert first_words(w) == "the lamps came on one by one along"
    assert last_words(w) == "the boats could see the harbour mouth again"
    for chrome in ("More Like This", "Sunset Study", "Share on Tumblr", "No Comments", "Views"):
        assert chrome not in w.text


def test_picture_page_is_not_a_story() -> None:
    doc = doc_of("deviantart_picture.html")
    assert doc.metadata["title"] == "Harbour at Dusk"
    assert "picture" in doc.metadata["page_kind"]
    assert verdict("deviantart_picture.html") is not None


def test_unknown_layout_without_a_picture_is_left_to_the_generic_reader() -> None:
    page = page_bytes("deviantart_picture.html").replace(
        b'<img id="gmi-ResViewSizer_img"', b"<span"
    )
    doc = read_bytes(page, "page.html")
    assert doc.metadata.get("producer") != "deviantart"
