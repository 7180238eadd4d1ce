"""Tumblr posts saved from a blog's page: Tumblr's own marks (og:site_name, the
SocialMediaPosting) pick the page; the post's header lines are the story's header, the
blog a fallback author; the theme's header, notes and tag list are left out; a blog's
index page and pages that only link Tumblr are not taken."""

from __future__ import annotations

import re

import pytest
from pages import doc_of, first_words, last_words, page_bytes, tags, work_of

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import choose_reader, read_bytes
from fandex.vocab import names


@pytest.fixture(autouse=True)
def _names_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Invented fandoms: names stay as stated (the packs are another module's data)."""
    monkeypatch.setattr(names, "resolve_character", lambda n, fandoms=None: " ".join(n.split()))
    monkeypatch.setattr(names, "resolve_ship", lambda n, fandoms=None: None)


def test_tumblr_reader_takes_the_post_page() -> None:
    assert choose_reader(page_bytes("tumblr_post.html"), "p.html").name == "tumblr"


def test_posts_header_lines_are_the_stated_fields() -> None:
    w = work_of("tumblr_post.html")
    assert w.title == "The Lamp Room"
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert tags(w, "rating") == ["Teen And Up Audiences"]
    assert tags(w, "relationship") == ["Corran/Ila"]


def test_blog_is_the_fallback_author_and_the_post_date_is_kept() -> None:
    w = work_of("tumblr_post.html")
    assert w.authors == ["quietharbourwrites"]
    assert w.published == "2022-03-14"
    fields = doc_of("tumblr_post.html").metadata["fields"]
    assert fields["Tags"] == "harbour tales, my writing, fic, ila/corran"


def test_an_author_line_wins_over_the_blog() -> None:
    page = page_bytes("tumblr_post.html").replace(
        b"<br>Rating: T", b"<br>Author: Wren Calloway<br>Rating: T"
    )
    assert build_work(clean(read_bytes(page, "p.html"))).authors == ["Wren Calloway"]


def test_text_is_the_post_without_theme_notes_or_tags() -> None:
    w = work_of("tumblr_post.html")
    assert first_words(w) == "ila carried the oil can up the spiral"
    assert last_words(w) == "and watched the beam reach the far buoy"
    for chrome in ("requests open", "42 notes", "reblogged", "#harbour tales", "Archive", "Theme"):
        assert chrome not in w.text


def test_blog_index_is_not_read_as_a_post() -> None:
    doc = read_bytes(page_bytes("tumblr_blog_index.html"), "i.html")
    assert doc.metadata.get("producer") != "tumblr"


def test_page_with_a_tumblr_share_link_is_not_a_tumblr_post() -> None:
    """FanFiction.net's page links Tumblr in its share box."""
    assert choose_reader(page_bytes("ffn_new_layout.html"), "f.html").name == "ffn-page"
    assert choose_reader(page_bytes("lj_entry.html"), "l.html").name != "tumblr"


def test_photo_post_is_not_a_story_nor_the_themes_chrome() -> None:
    page = re.sub(
        rb"<h2>The Lamp Room</h2>.*?far buoy.</p>",
        b'<div class="media"><img src="https://64.media.example/harbour.jpg" alt=""></div>',
        page_bytes("tumblr_post.html"),
        flags=re.S,
    )
    doc = read_bytes(page, "p.html")
    assert doc.metadata["producer"] == "tumblr"
    assert "photo" in doc.metadata["page_kind"]


def test_another_sites_social_media_posting_is_not_a_tumblr_post() -> None:
    page = (
        page_bytes("tumblr_post.html")
        .replace(b'content="Tumblr"', b'content="Harbour Forum"')
        .replace(b'content="tumblr"', b'content="harbourforum"')
        .replace(b"tumblr.com", b"harbour.example")
    )
    assert read_bytes(page, "p.html").metadata.get("producer") != "tumblr"
