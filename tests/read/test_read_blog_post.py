"""A blog post (WordPress's markup: one hentry, its entry-meta line, category and tag
links; or a block theme's post blocks): the post's date-and-byline line is not story, its
categories are the blog's filing (tags), and a tag naming a known fandom is the fandom."""

from __future__ import annotations

from pages import first_words, last_words, page_bytes, tags, verdict, work_of

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import read_bytes


def test_the_posts_own_header_is_read_past_its_byline_line() -> None:
    w = work_of("wp_blog_post.html")
    assert (w.title, w.authors, w.published) == ("The Ford Keeper", ["Wren"], "2014-03-02")
    assert tags(w, "rating") == ["Teen And Up Audiences"]
    assert tags(w, "warning") == ["No Archive Warnings Apply"]
    assert first_words(w, 4) == "the ferry did not"
    assert "Posted on" not in w.text
    assert verdict("wp_blog_post.html") is None


def test_categories_are_the_blogs_filing_not_fandoms() -> None:
    w = work_of("wp_blog_post.html")
    fandoms = tags(w, "fandom")
    assert len(fandoms) == 1 and fandoms[0].startswith("Sherlock")  # the header's
    assert {"Fic", "Drabbles", "Rivers"} <= set(tags(w, "freeform"))


def test_a_tag_link_naming_a_known_fandom_is_the_fandom() -> None:
    page = page_bytes("wp_blog_post.html").decode().replace("<p>Fandom: Sherlock<br>", "<p>")
    page = page.replace('rel="tag">rivers</a>', 'rel="tag">Doctor Who</a>')
    w = build_work(clean(read_bytes(page.encode(), "post.html")))
    fandoms = tags(w, "fandom")
    assert len(fandoms) == 1 and fandoms[0].startswith("Doctor Who")
    assert "Fic" in tags(w, "freeform")


def test_the_posts_stated_fandom_wins_over_a_fandom_tag() -> None:
    page = page_bytes("wp_blog_post.html").decode()
    page = page.replace('rel="tag">rivers</a>', 'rel="tag">Doctor Who</a>')
    w = build_work(clean(read_bytes(page.encode(), "post.html")))
    fandoms = tags(w, "fandom")
    assert len(fandoms) == 1 and fandoms[0].startswith("Sherlock")


# wp_block_theme_post.html follows a block theme's single post (Twenty Twenty-Four's
# blocks, as saved pages of such themes show them): no hentry; the title, date, "by",
# author and category blocks in a row above div.wp-block-post-content; tag links in a
# post-terms block after it.


def test_block_theme_post_gives_title_author_date_and_filing() -> None:
    w = work_of("wp_block_theme_post.html")
    assert (w.title, w.authors, w.published) == ("The Ford Keeper", ["Wren"], "2014-03-02")
    fandoms = tags(w, "fandom")
    assert len(fandoms) == 1 and fandoms[0].startswith("Sherlock")
    assert sorted(tags(w, "freeform")) == ["Drabble", "Fic", "Rivers"]


def test_block_theme_post_header_is_read_and_the_facts_row_is_not_text() -> None:
    w = work_of("wp_block_theme_post.html")
    assert tags(w, "rating") == ["Teen And Up Audiences"]
    assert first_words(w, 4) == "the ferry did not"
    assert last_words(w, 3) == "ferryman was back"
    for chrome in ("March 2, 2014", "Wren", "Leave a Reply", "drabble", "Designed with"):
        assert chrome not in w.text


def test_a_block_theme_page_of_several_posts_is_no_one_posts() -> None:
    page = page_bytes("wp_block_theme_post.html").decode()
    second = '<div class="wp-block-post-content"><p>Another post, about the weather.</p></div>'
    page = page.replace('<div class="taxonomy-post_tag', second + '<div class="taxonomy-post_tag')
    doc = clean(read_bytes(page.encode(), "index.html"))
    assert "fallback_authors" not in doc.metadata and "published" not in doc.metadata


# wp_twentytwenty_post.html follows Twenty Twenty's post meta (the theme's template, as
# public copies of it print it): "li.post-author > span.meta-text: By <a>Name</a>" and
# "li.post-date" showing the date with no stamp, each after a screen-reader label.


def test_twenty_twenty_post_meta_gives_author_and_date() -> None:
    w = work_of("wp_twentytwenty_post.html")
    assert (w.title, w.authors, w.published) == ("The Ford Keeper", ["Wren"], "2014-03-02")
    assert tags(w, "rating") == ["Teen And Up Audiences"]
    assert first_words(w, 4) == "the ferry did not"
    for chrome in ("Post author", "March 2", "2 Comments", "Lovely", "Powered by"):
        assert chrome not in w.text


def test_a_post_date_without_a_year_is_not_a_date() -> None:
    page = page_bytes("wp_twentytwenty_post.html").decode().replace("March 2, 2014", "March 2")
    assert build_work(clean(read_bytes(page.encode(), "p.html"))).published is None
