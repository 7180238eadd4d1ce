"""Header labels that name where a story lives, as downloaders write them."""

from __future__ import annotations

from fandex.parse.sourceids import source_ids_for


def test_fichub_original_source_line_gives_the_story_ids() -> None:
    # FicHub's introduction page (FicHub/fichub.net templates/epub_introduction.html):
    # "Original source: <a href=URL>URL</a>".
    ids = source_ids_for({}, {"Original source": "https://archiveofourown.org/works/4242"})
    assert ids["ao3"] == "4242"


def test_a_url_under_another_label_is_not_the_story_address() -> None:
    assert source_ids_for({}, {"Inspired by": "https://archiveofourown.org/works/4242"}) == {}
