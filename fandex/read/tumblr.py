"""Tumblr posts saved from a blog's own page (``blog.tumblr.com/post/N/slug``).

Every blog has its own theme, so the post's box has no one name; what Tumblr itself
writes into every post page does: ``og:site_name`` "Tumblr", a schema.org
``SocialMediaPosting`` (the blog as author, the date), the post's tags in ``<meta
name=keywords>`` and its address (``tumblr.com/<blog>/<id>``). The post is the box that
holds most of the page's text once the theme's furniture is gone: the blog's header and
description, navigation, the notes (likes and reblogs), the tag list and the pagination.

A fic posted on Tumblr states its facts in its own header lines (``Title: / Fandom: /
Rating:``), which the parse stage reads as any story's header; the blog and the date
are kept as fallbacks, the tags as a field. A blog's index page (many posts, no single
post's marks) is left to the generic reader.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fandex.parse.dates import parse_date
from fandex.read.blogcard import known_fandoms
from fandex.read.document import Block, RawDocument
from fandex.read.htmltext import blocks_of
from fandex.read.marked import MarkedPageReader
from fandex.read.sitepage import canonical, meta_content

_SITES = (b"tumblr",)
_MARK = re.compile(
    rb"""SocialMediaPosting|og:site_name["']\s+content=["']Tumblr|\.tumblr\.com/post/\d""",
    re.IGNORECASE,
)
# Theme furniture around a post, by class or id words.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:notes?|tags?|tagged|pagination|pagenav|nav|navigation|menu|header|"
    r"description|sidebar|footer|meta|datenotes|permalink|reblog\w*|like\w*|share|"
    r"search|sfm|ask|credit|iframe|controls?|tmblr-iframe)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CHROME_TAGS = frozenset({"nav", "footer", "form", "aside", "iframe"})
_BOXES = ("div", "article", "section", "main", "li", "td")
_DOMINANT = 0.6
_POST_PATH = re.compile(r"tumblr\.com/(?:post/\d+|[\w-]+/\d+)")


def _posting(root: Any) -> dict[str, Any]:
    """The page's schema.org SocialMediaPosting, or {}."""
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if "SocialMediaPosting" not in raw or len(raw) > 50_000:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        if isinstance(data, dict):
            return data
    return {}


def _furniture(el: Any) -> bool:
    ident = f"{el.get('id') or ''} {el.get('class') or ''}"
    return bool(ident.strip()) and _FURNITURE.search(ident) is not None


def _text_lengths(body: Any) -> dict[Any, int]:
    """Characters of text under each element (scripts and styles are not text), counted
    in one pass from the leaves up, so a large page costs no more than its size."""
    elements = list(body.iter())  # held, so lxml hands back the same element objects
    sizes: dict[Any, int] = {}
    for el in reversed(elements):
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            sizes[el] = 0
            continue
        n = len((el.text or "").strip())
        for child in el:
            n += sizes.get(child, 0) + len((child.tail or "").strip())
        sizes[el] = n
    return sizes


def _post_box(root: Any) -> Any | None:
    """The box holding most of the page's text, walked down from the body."""
    node = next(root.iter("body"), None)
    if node is None:
        return None
    sizes = _text_lengths(node)
    for _depth in range(16):
        total = sizes.get(node, 0)
        if total == 0:
            return None
        best = max(node.iterdescendants(*_BOXES), key=lambda b: sizes.get(b, 0), default=None)
        if best is None or sizes.get(best, 0) < _DOMINANT * total:
            break
        node = best
    return node


def read_post(root: Any) -> RawDocument | None:
    """A Tumblr post page, or None when the page is not one post."""
    posting = _posting(root)
    url = canonical(root) or meta_content(root, "og:url") or ""
    if not posting and not _POST_PATH.search(url):
        return None  # a blog's index, or another site's page that names Tumblr
    site = (meta_content(root, "og:site_name", "twitter:site") or "").casefold()
    if (
        site != "tumblr"
        and "tumblr.com/" not in url
        and "tumblr.com" not in str(posting.get("url"))
    ):
        return None  # another site's post (forums and journals write SocialMediaPosting too)
    body = next(root.iter("body"), None)
    if body is None:
        return None
    doomed = [
        e
        for e in body.iter()
        if isinstance(e.tag, str) and (e.tag in _CHROME_TAGS or _furniture(e))
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    meta: dict[str, Any] = {"producer": "tumblr", "fields": {}}
    box = _post_box(root)
    blocks = blocks_of(box) if box is not None else []
    if not any(b.text.strip() for b in blocks):
        # One post's page with no words once the theme is gone: a photo, a video, an
        # audio post. Not a story, and not the theme's chrome read as one either.
        meta["page_kind"] = "a Tumblr post with no text (a photo or media post)"
        shown = meta_content(root, "og:title", "twitter:title") or url or "Tumblr post"
        return RawDocument(format="html", blocks=[Block("paragraph", shown)], metadata=meta)
    blog = posting.get("author")
    if isinstance(blog, dict):
        blog = blog.get("name")
    if isinstance(blog, str) and blog.strip():
        meta["fallback_authors"] = [blog.strip()]
        meta["fields"]["Blog"] = blog.strip()
    when = posting.get("datePublished")
    if isinstance(when, str) and (iso := parse_date(when[:10])):
        meta["published"] = iso
    first = next((b for b in blocks if b.text.strip()), None)
    if first is not None and first.kind == "heading":
        meta["fallback_title"] = " ".join(first.text.split())  # a text post's own title
    keywords = meta_content(root, "keywords")
    if keywords:
        names = [k.strip() for k in keywords.split(",") if k.strip()]
        meta["fields"]["Tags"] = ", ".join(names)
        if fandoms := known_fandoms(names):
            meta["fallback_tags"] = fandoms
    if url:
        meta["url"] = url
    return RawDocument(format="html", blocks=blocks, metadata=meta)


class TumblrPostReader(MarkedPageReader):
    """A Tumblr post saved from its blog's page: above the generic HTML reader when the
    page carries Tumblr's own post marks."""

    name = "tumblr"
    score = 0.93
    sites = _SITES
    mark = _MARK
    missing = "not a Tumblr post page"

    def read_root(self, root: Any) -> RawDocument | None:
        return read_post(root)


__all__ = ["TumblrPostReader", "read_post"]
