"""deviantART deviation pages saved from a browser (``<user>.deviantart.com/art/<name>-<id>``).

A deviation page (the classic "v7" layout, as the Archive's own importer met it) holds:

- the deviation's box (``div.journal`` inside the display pane): a ``div.metadata`` with
  the title in an ``h2`` and the artist in ``li.author`` ("by ~<a class="u">user</a>"),
  then, for literature, the text in a ``div.text``;
- the artist's comments under it (``#artist-comments``): the title again in an ``h1``
  with "by ~user", and the description in a ``div.text``;
- around them the site's chrome: "More Like This" thumbnails, share buttons (the Tumblr
  one carries the text again, url-encoded), details and statistics, other deviations.

A picture's page has no text box, only the image in its display pane: it is reported as
a page with no story (an art page), not as a story made of the thumbnails' captions. A
page with neither (a layout this reader does not know) is left to the generic reader.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.read.document import RawDocument
from fandex.read.htmltext import blocks_of, by_id
from fandex.read.sitepage import (
    canonical,
    classes,
    first_with_class,
    meta_content,
    summary_text,
    text,
)

# The deviation's own address: "<user>.deviantart.com/art/<name>-<id>" (or the newer
# "deviantart.com/<user>/art/<name>-<id>").
_ART_URL = re.compile(r"^https?://(?:[\w-]+\.)?deviantart\.com/(?:[\w-]+/)?art/[^/]+-\d+", re.I)
# "<title> by ~<user> on deviantART": the page title when the boxes are missing.
_PAGE_TITLE = re.compile(
    r"^(?P<title>.+?)\s+by\s+[~*=`!@$^+#]?(?P<user>[\w-]+)\s+on\s+deviantART\s*$", re.I
)
_ART_KIND = "a deviantART picture page (an image, no story text)"


def _address(root: Any) -> str | None:
    """The deviation's address: the canonical link, else ``og:url``."""
    for url in (canonical(root), meta_content(root, "og:url")):
        if url and _ART_URL.match(url):
            return url
    return None


def _deviation_box(root: Any) -> Any | None:
    """The deviation's own box: the display pane's ``div.journal``, else the ``div``
    that holds ``div.metadata``."""
    pane = by_id(root, "gmi-ResourcePageDisplayPane")
    scope = pane if pane is not None else root
    box = first_with_class(scope, "journal", tag="div")
    if box is None:
        meta = first_with_class(root, "metadata", tag="div")
        box = meta.getparent() if meta is not None else None
    return box


def _literature(box: Any) -> Any | None:
    """The literature's text box inside the deviation's box (not the artist's comments)."""
    return next(
        (d for d in box.iter("div") if "text" in classes(d) and "block" not in classes(d)),
        None,
    )


def _title_and_artist(root: Any, box: Any | None) -> tuple[str | None, str | None]:
    title = artist = None
    if box is not None:
        info = first_with_class(box, "metadata", tag="div")
        if info is not None:
            title = text(next(info.iter("h2"), None)) or None
            author = first_with_class(info, "author", tag="li")
            if author is not None:
                artist = (
                    text(next((a for a in author.iter("a") if "u" in classes(a)), None)) or None
                )
    if title is None:
        title = meta_content(root, "og:title")
    if title is None or artist is None:
        m = _PAGE_TITLE.match(text(next(root.iter("title"), None)))
        if m:
            title = title or m.group("title")
            artist = artist or m.group("user")
    return title, artist


def _description(root: Any) -> str | None:
    """The artist's comments under the deviation (its description)."""
    comments = by_id(root, "artist-comments")
    if comments is None:
        return None
    box = next((d for d in comments.iter("div") if "text" in classes(d)), None)
    return summary_text(box) or None


def _shows_picture(root: Any) -> bool:
    """Whether the deviation's display pane (``#gmi-ResourcePageDisplayPane``, or the
    newer layout's ``data-hook="art_stage"``) shows an image."""
    pane = by_id(root, "gmi-ResourcePageDisplayPane")
    if pane is None:
        pane = next((el for el in root.iter() if el.get("data-hook") == "art_stage"), None)
    return pane is not None and next(pane.iter("img"), None) is not None


def read_deviantart(root: Any) -> RawDocument | None:
    """A deviantART deviation page, or None when the page is not one."""
    url = _address(root)
    if url is None:
        return None
    box = _deviation_box(root)
    title, artist = _title_and_artist(root, box)
    meta: dict[str, Any] = {"producer": "deviantart", "fields": {}, "url": url}
    if title:
        meta["title"] = title
    if artist:
        meta["authors"] = [artist]
    if description := _description(root):
        meta["summary"] = description
    body = _literature(box) if box is not None else None
    blocks = blocks_of(body) if body is not None else []
    if not any(b.text.strip() for b in blocks):
        if not _shows_picture(root):
            return None  # a layout this reader does not know: the generic reader's turn
        meta["page_kind"] = _ART_KIND
        return RawDocument(format="html", blocks=[], metadata=meta)
    meta["single_chapter"] = True
    return RawDocument(format="html", blocks=blocks, metadata=meta)


__all__ = ["read_deviantart"]
