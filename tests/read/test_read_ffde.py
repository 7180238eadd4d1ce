"""FanFiktion.de chapter pages: title and author from the story card, genres and the
P-rating after the arrow, dates and status by their icons' titles, the topic trail's
deepest category as the fandom, the selected chapter's title, and no site chrome in the
text."""

from __future__ import annotations

from pages import doc_of, first_words, last_words, page_bytes, tags, work_of

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import read_bytes


def test_card_gives_title_author_language_and_chapter() -> None:
    w = work_of("ffde_chapter.html")
    assert (w.title, w.authors, w.language) == ("Die Furt", ["Wren Calloway"], "de")
    assert [c.title for c in w.chapters] == ["Hochwasser"]


def test_rating_genres_dates_status_and_fandom() -> None:
    w = work_of("ffde_chapter.html")
    assert tags(w, "rating") == ["Mature"]  # P16
    assert sorted(tags(w, "freeform")) == ["Abenteuer", "Drama"]
    assert tags(w, "fandom") == ["Leuchtturmwärter"]
    assert (w.published, w.updated, w.status) == ("2014-03-02", "2014-03-09", "complete")


def test_text_is_the_chapter_only() -> None:
    w = work_of("ffde_chapter.html")
    assert first_words(w, 4) == "ila wartete am ufer"
    assert last_words(w, 3) == "an seinem pfosten"
    for chrome in ("Login", "Review", "Impressum", "weiter", "P16"):
        assert chrome not in w.text
    assert doc_of("ffde_chapter.html").metadata["producer"] == "fanfiktion.de"


def test_icons_inside_their_own_spans_and_a_paused_story() -> None:
    # The icon and its value wrapped together ("<span><span title=erstellt/> 1.2.2015</span>").
    page = page_bytes("ffde_chapter.html").decode()
    page = page.replace(
        '<span class="fas fa-calendar" title="erstellt"></span> 02.03.2014',
        '<span><span class="fas fa-calendar" title="erstellt"></span> 01.02.2015</span>',
    ).replace('title="Fertiggestellt"', 'title="Pausiert"')
    w = build_work(clean(read_bytes(page.encode(), "kapitel.html")))
    assert (w.published, w.status) == ("2015-02-01", "wip")


def test_a_card_heading_without_a_link_is_the_title() -> None:
    page = page_bytes("ffde_chapter.html").decode()
    page = page.replace('<a href="/s/5f00aa/1/Die-Furt">Die Furt</a>', "Die Furt")
    w = build_work(clean(read_bytes(page.encode(), "kapitel.html")))
    assert (w.title, w.authors) == ("Die Furt", ["Wren Calloway"])


# ffde_story_card.html follows the site's real card (as FanFicFare's adapter and scrapy
# spiders of the archive select it): a trail whose last step is the story, an unlinked
# h4.huge-font title, the pairing type after the rating, character badges, dates in
# their own divs, a search form's select before the chapter menu.


def test_the_trail_ends_in_the_story_so_the_fandom_is_the_step_before() -> None:
    w = work_of("ffde_story_card.html")
    assert tags(w, "fandom") == ["Leuchtturmwärter"]
    assert w.title == "Der Pegel"


def test_rating_is_read_when_the_pairing_type_follows_it() -> None:
    w = work_of("ffde_story_card.html")
    assert tags(w, "rating") == ["Teen And Up Audiences"]  # P12
    assert sorted(tags(w, "freeform")) == ["Freundschaft", "Schmerz/Trost"]
    assert tags(w, "category") == ["F/M"]  # Het


def test_badges_summary_in_arbeit_and_the_chapter_menu() -> None:
    w = work_of("ffde_story_card.html")
    assert sorted(tags(w, "character")) == ["Ila", "Tom"]
    assert w.summary == "Ila misst jeden Morgen den Pegel am Steg."
    assert (w.published, w.updated, w.status) == ("2016-05-14", "2016-06-30", "wip")
    assert [c.title for c in w.chapters] == ["Die Messlatte"]  # select#kA, not the search form
    assert first_words(w, 3) == "die messlatte stand"
    for chrome in ("Kapitel erstellt", "Empfehlungen", "Reviews", "Bücher"):
        assert chrome not in w.text


def test_the_no_description_placeholder_is_no_summary() -> None:
    page = page_bytes("ffde_story_card.html").decode()
    page = page.replace(
        "Ila misst jeden Morgen den Pegel am Steg.",
        "(Der Autor hat keine Kurzbeschreibung zu dieser Geschichte verfasst.)",
    )
    w = build_work(clean(read_bytes(page.encode(), "kapitel.html")))
    assert w.summary is None


def test_an_unknown_pairing_word_is_not_a_category() -> None:
    page = page_bytes("ffde_story_card.html").decode().replace("/ P12 / Het", "/ P12 / Sonstiges")
    w = build_work(clean(read_bytes(page.encode(), "kapitel.html")))
    assert tags(w, "category") == [] and tags(w, "fandom") == ["Leuchtturmwärter"]
    assert tags(w, "rating") == ["Teen And Up Audiences"]
