"""A wiki's page (MediaWiki: light-novel translation wikis) read without its furniture:
the contents box and its "[hide]", the "[edit]" links beside headings, the picture
gallery's captions and the "Retrieved from" line are not the story."""

from __future__ import annotations

from pages import first_words, last_words, work_of

from fandex.read import read_bytes


def test_wiki_page_text_starts_at_the_story() -> None:
    w = work_of("wiki_novel_volume.html")
    assert first_words(w) == "the clock in the harbour tower had lost"
    assert last_words(w) == "keeper left and still it kept on ticking"
    for furniture in ("[hide]", "Contents", "Map of the bay", "edit", "Retrieved from", "Novels"):
        assert furniture not in w.text


def test_wiki_headings_lose_their_edit_links() -> None:
    w = work_of("wiki_novel_volume.html")
    assert all("edit" not in (c.title or "") for c in w.chapters)


def test_wiki_tagline_is_not_a_byline() -> None:
    assert work_of("wiki_novel_volume.html").authors == []


def test_a_story_box_classed_content_sub_is_kept() -> None:
    page = (
        b"<html><head><title>The Harbour Clock</title></head><body>"
        b"<div class='content sub'><p>The clock in the harbour tower lost an hour every "
        b"night, and the keeper wound it back each morning without a word.</p>"
        b"<p>On the seventh night it stopped, and the keeper sat down to wait.</p></div>"
        b"</body></html>"
    )
    doc = read_bytes(page, "story.html")
    assert "lost an hour every night" in " ".join(b.text for b in doc.all_blocks())
