"""XenForo story threads (SpaceBattles, Sufficient Velocity and the like) saved from a
browser: threadmarked posts are the chapters, the thread starter the author, the
thread's tags stated; replies and the board's furniture are not the story."""

from __future__ import annotations

import re

from pages import doc_of, page_bytes, tags, verdict, work_of

from fandex.clean import clean
from fandex.parse import build_work
from fandex.parse.nonstory import judge
from fandex.read import choose_reader, read_bytes


def test_xenforo_reader_takes_both_versions_thread_pages() -> None:
    for name in ("xenforo2_thread.html", "xenforo1_thread.html"):
        assert choose_reader(page_bytes(name), name).name == "xenforo"


def test_threadmarked_posts_are_the_chapters() -> None:
    w = work_of("xenforo2_thread.html")
    assert w.title == "The Quiet Depot"
    assert w.authors == ["Marnie Oak"]
    assert [c.title for c in w.chapters] == ["Chapter 1: Night Shift", "Chapter 2: Day Shift"]
    assert w.chapters[0].text.startswith("The depot clerk logged the last bus")
    assert w.chapters[1].text.endswith("Nobody came for it that week either.")
    assert w.published == "2021-03-04"


def test_replies_signatures_and_furniture_are_left_out() -> None:
    w = work_of("xenforo2_thread.html")
    for chrome in ("Nice start", "Click to expand", "Last edited", "My other stories", "#1"):
        assert chrome not in w.text


def test_prefix_label_is_a_field_and_tags_are_stated() -> None:
    w = work_of("xenforo2_thread.html")
    assert doc_of("xenforo2_thread.html").metadata["fields"]["Prefix"] == "Original"
    assert tags(w, "freeform") == ["Original", "Slice of Life"]


def test_xenforo1_thread_reads_threadmark_prefix_and_status() -> None:
    w = work_of("xenforo1_thread.html")
    assert (w.title, w.authors) == ("Harbour Lights", ["Tess Alder"])
    assert [c.title for c in w.chapters] == ["Part One"]
    assert w.status == "complete"
    assert "Lovely little piece" not in w.text


def test_without_threadmarks_the_starters_posts_are_the_story() -> None:
    page = re.sub(
        rb'<div class="message-cell message-cell--threadmark-header">.*?</div>',
        b"",
        page_bytes("xenforo2_thread.html"),
    )
    doc = read_bytes(page, "t.html")
    assert [c.title for c in doc.chapters] == [None, None]
    assert "Nice start" not in doc.text


def test_forum_listing_is_not_a_story() -> None:
    assert verdict("xenforo_forum_list.html") is not None


def test_a_threads_threadmarks_page_is_its_index_not_a_failed_file() -> None:
    """The threadmarks page lists the chapters (a row each, no post): an index the
    import skips with a reason, not "no readable text"."""
    row = (
        '<div class="structItem structItem--threadmark"><div class="structItem-title">'
        '<a href="/threads/lantern.1/post-{n}">Chapter {n}</a></div>'
        '<dl class="pairs"><dt>Word Count</dt><dd>2,104</dd></dl></div>'
    )
    page = (
        '<html id="XF"><head><title>Lantern | Threadmarks | Forums</title></head><body>'
        '<h1 class="p-title-value">Lantern</h1><div class="block-body">'
        + "".join(row.format(n=n) for n in (1, 2, 3))
        + "</div></body></html>"
    )
    doc = clean(read_bytes(page.encode(), "marks.html"))
    assert judge(build_work(doc), doc) == "no story text, looks like a story index page"
    assert "Chapter 2" in doc.text


def test_page_naming_xenforo_without_its_markup_is_any_page() -> None:
    page = page_bytes("xenforo2_thread.html").replace(b'id="XF"', b'id="site"')
    assert choose_reader(page, "t.html").name != "xenforo"


def test_a_skin_writing_posts_as_divs_is_read_too() -> None:
    page = (
        b'<html id="XF"><head><title>Low Water | Board</title></head><body>'
        b'<h1 class="p-title-value">Low Water</h1>'
        b'<div class="p-description"><a class="username" href="/members/ona.1/">Ona</a></div>'
        b'<div class="message js-post" data-author="Ona" data-content="post-7">'
        b'<div class="bbWrapper">The tide went out further than anyone remembered.</div></div>'
        b'<div class="message js-post" data-author="Someone" data-content="post-8">'
        b'<div class="bbWrapper">Following.</div></div></body></html>'
    )
    doc = read_bytes(page, "t.html")
    assert doc.metadata["producer"] == "xenforo"
    assert [c.blocks[0].text for c in doc.chapters] == [
        "The tide went out further than anyone remembered."
    ]


# The reader and threadmarks pages head the posts with the listing's header, as public
# scrapers of the boards select it: the description in
# .threadmarkListingHeader-extraInfoChild .bbWrapper, the stats as dt/dd pairs.
_LISTING = (
    '<div class="block threadmarkListingHeader"><div class="threadmarkListingHeader-main">'
    '<div class="threadmarkListingHeader-content threadmarkListingHeader-content--info">'
    '<dl class="pairs pairs--rows threadmarkListingHeader-stats"><dt>Status</dt><dd>{status}</dd>'
    '</dl><dl class="pairs pairs--rows"><dt>Watchers</dt><dd>41</dd></dl></div>'
    '<div class="threadmarkListingHeader-extraInfoChild"><div class="bbWrapper">'
    "A depot clerk keeps the night ledger.<br>Updates on Fridays.</div></div></div></div>"
)


def _with_listing(status: str) -> bytes:
    page = page_bytes("xenforo2_thread.html").decode()
    at = page.index('<div class="block block--messages">')
    return (page[:at] + _LISTING.format(status=status) + page[at:]).encode()


def test_the_listing_header_gives_description_and_status() -> None:
    w = build_work(clean(read_bytes(_with_listing("Ongoing"), "reader.html")))
    assert w.summary is not None
    assert w.summary.split() == "A depot clerk keeps the night ledger. Updates on Fridays.".split()
    assert w.status == "wip"
    assert "night ledger" not in w.text and "Watchers" not in w.text
    done = build_work(clean(read_bytes(_with_listing("Complete"), "reader.html")))
    assert done.status == "complete"
