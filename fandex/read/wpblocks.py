"""WordPress posts in a block theme (Twenty Twenty-Two and later, their children).

A block theme marks no ``hentry``: the single post's page is built of blocks whose
classes say what they hold: ``h1.wp-block-post-title``, ``div.wp-block-post-date`` (a
``<time datetime>``), ``div.wp-block-post-author-name`` (or the older
``p.wp-block-post-author__name``), ``div.wp-block-post-terms`` (category and tag links,
``rel="tag"``, a prefix "in "), and the post in ``div.wp-block-post-content``. The date,
"by", author and category blocks sit together in a row above the post; read here, that
row is taken out of the page so that the post's own header opens the text.

A page with several post contents (the blog's front page, an archive) is no one post's:
it gives nothing.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.read.blogcard import post_filing
from fandex.read.htmltext import squashed_text
from fandex.read.sitepage import classes, first_with_class, with_class

_AUTHOR = ("wp-block-post-author-name", "wp-block-post-author__name")
_META = frozenset({"wp-block-post-date", "wp-block-post-author-name", "wp-block-post-author"})
_TERMS = "wp-block-post-terms"
# A row of post facts is short; a longer element is the page's, not the row.
_ROW_WORDS = 40
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _one_post(root: Any) -> Any | None:
    """The page's one post content, or None (no block post, or several)."""
    contents = with_class(root, "wp-block-post-content")
    return contents[0] if len(contents) == 1 else None


def block_post(root: Any) -> dict[str, Any]:
    """What a block theme's single post page says about the post: its title, author,
    date (fallbacks a story's own header wins over) and filing; {} when the page is
    not one post."""
    if _one_post(root) is None:
        return {}
    out: dict[str, Any] = {}
    titles = with_class(root, "wp-block-post-title")
    if len(titles) == 1 and 0 < len(squashed_text(titles[0])) <= 200:
        out["fallback_title"] = squashed_text(titles[0])
    for name in _AUTHOR:
        el = first_with_class(root, name)
        if el is not None and 0 < len(squashed_text(el)) <= 80:
            out["fallback_authors"] = [squashed_text(el)]
            break
    date = first_with_class(root, "wp-block-post-date")
    stamp = next(date.iter("time"), None) if date is not None else None
    if stamp is not None and _DAY.match(str(stamp.get("datetime") or "")):
        out["published"] = str(stamp.get("datetime"))[:10]
    links = (
        squashed_text(a)
        for terms in with_class(root, _TERMS)
        for a in terms.iter("a")
        if "tag" in (a.get("rel") or "").lower().split()
    )
    out.update(post_filing(links))
    return out


def _row(el: Any, post: Any) -> Any:
    """The widest short element around ``el`` that holds neither the post nor its
    title: the row of date, "by", author and categories."""
    row = el
    parent = el.getparent()
    while parent is not None and parent.tag != "body":
        inside = set(parent.iterdescendants())
        if post in inside or any("wp-block-post-title" in classes(d) for d in inside):
            break
        if len(squashed_text(parent).split()) > _ROW_WORDS:
            break
        row, parent = parent, parent.getparent()
    return row


def drop_block_meta(root: Any) -> int:
    """Remove, in place, the single post's rows of facts (date, author, categories and
    tags) read by :func:`block_post`; returns how many elements went."""
    post = _one_post(root)
    if post is None:
        return 0
    marked = [
        el
        for el in root.iter()
        if isinstance(el.tag, str)
        and (classes(el) & _META or _TERMS in classes(el))
        and len(squashed_text(el).split()) <= _ROW_WORDS
        and post not in set(el.iterancestors())
    ]
    doomed: list[Any] = []
    for el in marked:
        row = _row(el, post)
        if not any(d is row or d in set(row.iterancestors()) for d in doomed):
            doomed = [d for d in doomed if row not in set(d.iterancestors())] + [row]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    return len(doomed)


__all__ = ["block_post", "drop_block_meta"]
