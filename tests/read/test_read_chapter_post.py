"""A story's own site posts each chapter as a post titled "Prologue" or "Chapter 2": the
post's title is the chapter's, and the page's title ("Prologue – Gull Count") names the
story."""

from __future__ import annotations

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes

POST = """<!DOCTYPE html><html><head><title>{page} &#8211; Gull Count</title>
<meta name="generator" content="WordPress 6.4.2" /></head>
<body class="single single-post"><header><p class="site-title">Gull Count</p></header>
<article class="post hentry"><header class="entry-header"><h1 class="entry-title">{page}</h1>
<span class="byline"> by <span class="author vcard">
<a class="url fn n" href="/author/wren/">Wren</a></span></span>
</header><div class="entry-content">
<p>The lighthouse keeper counted the gulls every morning before the kettle boiled.</p>
<p>She wrote the numbers in the log and went down to the boats.</p>
</div></article></body></html>"""


def _work(page: str) -> Work:
    return build_work(clean(read_bytes(POST.format(page=page).encode(), "post.html")))


def test_a_post_titled_prologue_is_the_chapter_of_the_story_the_page_names() -> None:
    w = _work("Prologue")
    assert (w.title, w.authors) == ("Gull Count", ["Wren"])
    assert [c.title for c in w.chapters] == ["Prologue"]
