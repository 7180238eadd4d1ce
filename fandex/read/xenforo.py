"""Story threads on XenForo forums (SpaceBattles, Sufficient Velocity, Questionable
Questing and their kin) saved from a browser: a thread page or its reader mode.

A forum story is a thread whose opening poster posts the chapters; the board marks
them with threadmarks ("Threadmarks: Chapter 3"). The page names its software on the
``<html>`` element (``id="XF"``, XenForo 2; ``id="XenForo"``, XenForo 1), and holds:

- the thread's title (``h1.p-title-value``; XenForo 1 ``div.titleBar h1``) after any
  prefix labels ("Worm", "Complete"), which are kept as fields, not the title;
- the thread starter (``div.p-description a.username``; ``#pageDescription``);
- the thread's tags (``a.tagItem``; ``ul.tagList a.tag``), stated by the thread;
- on the threadmarks and reader pages, the listing's header
  (``div.threadmarkListingHeader``): the story's description in its ``bbWrapper`` and
  its stats (``dt``/``dd``), among them "Status" (Complete, Ongoing, Incomplete, Hiatus;
  Questionable Questing's "Index progress");
- posts (``article.message--post``; ``li.message``) with the poster (``data-author``),
  a threadmark label, the date, and the text (``div.bbWrapper``;
  ``blockquote.messageText``) between the board's furniture.

The chapters are the threadmarked posts; a page with none holds the thread starter's
posts. Replies by other members, signatures, reactions, "Click to expand..." and
"Last edited" lines are the board's, not the story.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.parse.dates import parse_date
from fandex.read.document import Block, RawChapter, RawDocument
from fandex.read.htmltext import blocks_of
from fandex.read.marked import MarkedPageReader
from fandex.read.sitepage import (
    canonical,
    classes,
    first_with_class,
    meta_content,
    summary_text,
    text,
)

_MARK = re.compile(rb"""<html\b[^>]{0,400}\bid\s*=\s*["']?(?:XF|XenForo)\b""", re.IGNORECASE)
_SITES = (b'id="XF"', b'id="XenForo"', b"id='XF'", b"id=XF", b"XenForo")
_THREADMARK = re.compile(r"^\s*Threadmarks?\s*:?\s*", re.IGNORECASE)
# "Title | SpaceBattles", "Title | Sufficient Velocity": the board's name after a bar.
_BOARD_SUFFIX = re.compile(r"\s+\|\s+[^|]{2,60}$")
# A board's "Click to expand..." link and the quote titles around quoted posts.
_FURNITURE = ("bbCodeBlock-expandLink", "bbCodeBlock-shrinkLink", "messageTextEndMarker")
# Prefix labels a board puts before a title that say how the thread stands.
_STATUS_LABELS = {"complete": "complete", "completed": "complete", "ongoing": "wip"}
# The threadmark listing's "Status" values (SpaceBattles, Sufficient Velocity).
_LISTING_STATUS = {
    "complete": "complete",
    "completed": "complete",
    "ongoing": "wip",
    "incomplete": "wip",
    "hiatus": "wip",
}
_STATUS_TERMS = frozenset({"status", "index progress"})


def _title(root: Any, meta: dict[str, Any]) -> None:
    """The thread's title without its prefix labels (kept as the "Prefix" field)."""
    h1 = first_with_class(root, "p-title-value", tag="h1")
    if h1 is None:
        bar = first_with_class(root, "titleBar")
        h1 = next(bar.iter("h1"), None) if bar is not None else None
    prefixes: list[str] = []
    if h1 is not None:
        for label in [el for el in h1.iter("span", "a") if classes(el) & {"label", "prefix"}]:
            if text(label):
                prefixes.append(text(label))
            label.drop_tree()  # its tail, the title's text, stays
        for el in [el for el in h1.iter("span") if "label-append" in classes(el)]:
            el.drop_tree()
        title = text(h1)
    else:
        title = _BOARD_SUFFIX.sub("", text(next(root.iter("title"), None)))
    if title:
        meta["title"] = title
    if prefixes:
        meta["fields"]["Prefix"] = ", ".join(prefixes)
        status = [_STATUS_LABELS[p.casefold()] for p in prefixes if p.casefold() in _STATUS_LABELS]
        if status:
            meta["status"] = status[0]


def _listing_header(root: Any, meta: dict[str, Any]) -> None:
    """The description and status the threadmark listing's header states."""
    header = first_with_class(root, "threadmarkListingHeader")
    if header is None:
        return
    described = first_with_class(header, "bbWrapper")
    if (summary := summary_text(described)) and len(summary) < 5000:
        meta["summary"] = summary
    for term in header.iter("dt"):
        value = term.getnext()
        if text(term).casefold() not in _STATUS_TERMS or value is None or value.tag != "dd":
            continue
        status = _LISTING_STATUS.get(text(value).split(" ")[0].casefold())
        if status:
            meta["status"] = status
        break


def _starter(root: Any) -> str | None:
    """The thread starter named under the title."""
    box = first_with_class(root, "p-description")
    if box is None:
        box = next((el for el in root.iter() if el.get("id") == "pageDescription"), None)
    if box is None:
        return None
    user = next((a for a in box.iter("a") if "username" in classes(a) and text(a)), None)
    return text(user) if user is not None else None


def _tags(root: Any) -> list[str]:
    """The thread's tags (XenForo 2 ``a.tagItem``, XenForo 1 ``ul.tagList a.tag``)."""
    found = [a for a in root.iter("a") if "tagItem" in classes(a)]
    if not found:
        lists = [ul for ul in root.iter("ul", "dl", "div") if "tagList" in classes(ul)]
        found = [a for ul in lists for a in ul.iter("a") if "tag" in classes(a)]
    names: list[str] = []
    for a in found:
        name = text(a)
        if name and name not in names:
            names.append(name)
    return names


def _posts(root: Any) -> list[Any]:
    """The page's posts, none inside another: XenForo 2 writes ``<article class="message
    message--post" data-content="post-N">`` (add-ons and skins a ``div``), XenForo 1
    ``<li id="post-N" class="message">``."""
    posts: list[Any] = []
    for el in root.iter("article", "div", "li"):
        if "message" not in classes(el) and "message--post" not in classes(el):
            continue
        marked = (el.get("data-content") or "").startswith("post-") or (
            el.get("id") or ""
        ).startswith(("post-", "js-post-"))
        if not marked:
            continue
        # Elements come in document order: one inside the last post taken is part of it.
        if posts and any(a is posts[-1] for a in el.iterancestors()):
            continue
        posts.append(el)
    return posts


def _body(post: Any) -> Any | None:
    body = first_with_class(post, "bbWrapper")
    if body is None:
        body = first_with_class(post, "messageText")
    return body


def _label(post: Any) -> str | None:
    """The post's threadmark label, or None when it has no threadmark."""
    label = first_with_class(post, "threadmarkLabel")
    if label is None:
        marker = first_with_class(post, "threadmarker")
        if marker is not None:
            label = first_with_class(marker, "label")
            if label is None:
                label = marker
    if label is None:
        return None
    name = _THREADMARK.sub("", text(label)).strip()
    return name or None


def _sticky(post: Any) -> bool:
    return bool(classes(post) & {"sticky-container", "message--staffPost"})


def _post_date(post: Any) -> str | None:
    stamp = next((t for t in post.iter("time") if "u-dt" in classes(t)), None)
    if stamp is None:
        stamp = next(post.iter("time"), None)
    if stamp is not None:
        return parse_date((stamp.get("datetime") or "")[:10]) or parse_date(text(stamp))
    shown = first_with_class(post, "DateTime")
    return parse_date(shown.get("title") or text(shown)) if shown is not None else None


def _post_blocks(body: Any) -> list[Block]:
    """The post's text without the board's quote and spoiler furniture."""
    doomed = [el for el in body.iter() if isinstance(el.tag, str) and classes(el) & set(_FURNITURE)]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    return blocks_of(body)


def read_thread(root: Any) -> RawDocument | None:
    """The story on a XenForo thread page, or None when the page holds no posts."""
    posts = _posts(root)
    meta: dict[str, Any] = {"producer": "xenforo", "fields": {}}
    _title(root, meta)
    _listing_header(root, meta)
    starter = _starter(root)
    if not posts:
        marks = [d for d in root.iter("div") if "structItem--threadmark" in classes(d)]
        if marks:
            # The thread's threadmarks page: its chapter list, kept as the page's text.
            meta["page_kind"] = "a story index page"
            titles = [first_with_class(d, "structItem-title") for d in marks]
            lines = [Block("paragraph", text(t)) for t in titles if t is not None and text(t)]
            return RawDocument(format="html", blocks=lines, metadata=meta)
        return None
    marked = [(p, _label(p)) for p in posts if not _sticky(p)]
    chosen: list[tuple[Any, str | None]] = [(p, label) for p, label in marked if label]
    if not chosen:
        owner = starter or (marked[0][0].get("data-author") if marked else None)
        chosen = [(p, None) for p, _ in marked if owner and p.get("data-author") == owner]
    chapters: list[RawChapter] = []
    for post, label in chosen:
        body = _body(post)
        if body is None:
            continue
        blocks = _post_blocks(body)
        if any(b.text.strip() for b in blocks):
            chapters.append(RawChapter(title=label, blocks=blocks))
    if not chapters:
        return None
    author = starter or chosen[0][0].get("data-author")
    if author:
        meta["authors"] = [str(author).strip()]
    when = _post_date(chosen[0][0])
    if when:
        meta["published"] = when
    tags = _tags(root)
    if tags:
        meta["fields"]["Tags"] = ", ".join(tags)
        meta["stated_fields"] = [("Tags", ", ".join(tags))]
    url = canonical(root)
    if url and "/threads/" in url:
        meta["url"] = url
    board = meta_content(root, "og:site_name")
    if board:
        meta["fields"]["Board"] = board
    return RawDocument(format="html", chapters=chapters, metadata=meta)


class XenForoThreadReader(MarkedPageReader):
    """A XenForo story thread (SpaceBattles, Sufficient Velocity...) saved from a
    browser: above the generic HTML reader when the page's ``<html>`` names XenForo."""

    name = "xenforo"
    score = 0.94
    sites = _SITES
    mark = _MARK
    missing = "not a XenForo thread page (no posts)"

    def read_root(self, root: Any) -> RawDocument | None:
        return read_thread(root)


__all__ = ["XenForoThreadReader", "read_thread"]
