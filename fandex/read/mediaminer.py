"""MediaMiner fan fiction pages saved from a browser.

A MediaMiner story or chapter page holds (the shape FanFicFare's adapter selects):

- ``h1#post-title``: "<Fandom> Fan Fiction ❯ <Title>"; the page's ``<title>`` adds
  "❯ <Chapter>" on a chapter page;
- ``div#post-rating``: "[ T - Teen: ... ]";
- ``div.post-meta``: the author (a ``/user_info.php/N`` link), the fandom (``/fanfic/a/``
  links), genres (``/fanfic/src.php/g/`` links) and "|"-parted facts: "Uploaded On:" or
  "Latest Revision:", "Words:", "Status: Completed", then "Summary: ...";
- the chapter's text in ``div#fanfic-text``; the story's page lists the chapters instead.

Ads, share buttons, the chapter links and reviews around the text are not read.

The 2015 layout (FanFicFare's adapter of that time, JimmXinu/FanFicFare
adapter_mediaminerorg.py history) has the title alone in ``h1#post-title``, the rating
in ``h3#post-rating``, the author as a ``/fanfic/src.php/u/N`` link and the fandom as
``/fanfic/src.php/a/N`` links; both layouts are read, and the first layout (a table,
no post-title) by :mod:`fandex.read.mediaminer_old`.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.parse.dates import parse_date
from fandex.read.document import Block, RawDocument
from fandex.read.htmltext import by_id
from fandex.read.mediaminer_old import STAMP, SUMMARY, links, read_mediaminer_old
from fandex.read.pagemeta import without_heading
from fandex.read.sitepage import chapter_page, classes, text

_ARROW = "❯"
_AUTHOR_LINK = re.compile(r"/user_info\.php/\d|/fanfic/src\.php/u/\d")
_RATING = re.compile(r"^\[?\s*(?P<r>[^:\]]+?)\s*(?::.*)?\]?$")


def read_mediaminer(root: Any) -> RawDocument | None:
    """A MediaMiner story or chapter page, or None when the page is not one."""
    heading = by_id(root, "post-title")
    facts = next((d for d in root.iter("div") if "post-meta" in classes(d)), None)
    if heading is None or facts is None:
        return read_mediaminer_old(root)  # the first layout, before post-title
    author = next((a for a in facts.iter("a") if _AUTHOR_LINK.search(a.get("href") or "")), None)
    if author is None:
        return None  # a blog theme's post-title and post-meta, not MediaMiner's
    meta: dict[str, Any] = {"producer": "mediaminer", "fields": {}, "stated_fields": []}
    # "<Fandom> Fan Fiction ❯ <Title>" (❯ <Chapter> on some chapter pages), or the
    # title alone.
    crumbs = [p.strip() for p in text(heading).split(_ARROW)]
    title = crumbs[1] if len(crumbs) > 1 else crumbs[0]
    if title:
        meta["title"] = title
    if text(author):
        meta["authors"] = [text(author)]
    stated: list[tuple[str, str]] = meta["stated_fields"]
    if m := _RATING.match(text(by_id(root, "post-rating"))):
        stated.append(("Rating", m.group("r")))
    for label, prefixes in (
        ("Fandom", ("/fanfic/a/", "/fanfic/src.php/a/")),
        ("Genre", ("/fanfic/src.php/g/",)),
    ):
        if names := links(facts, prefixes):
            stated.append((label, ", ".join(names)))
    line = text(facts)
    if m := SUMMARY.search(line):
        meta["summary"] = m.group("s").strip()
    for m in STAMP.finditer(line):
        key = "published" if m.group("label") == "Uploaded On" else "updated"
        if iso := parse_date(m.group("date")):
            meta[key] = iso
    meta["status"] = "complete" if "Status: Completed" in line else "wip"
    body = by_id(root, "fanfic-text")
    if body is None:
        # The story's page: its summary kept as the text, reported as an index.
        meta["page_kind"] = "a story index page"
        blocks = [Block("paragraph", meta.get("summary") or title or "index")]
        return RawDocument(format="html", blocks=blocks, metadata=meta)
    page_title = next(root.iter("title"), None)
    pieces = text(page_title).split("|")[0].split(_ARROW) if page_title is not None else []
    doc = chapter_page(body, root, meta, "mediaminer.org")
    if len(crumbs) >= 3:
        pieces = crumbs
    if doc is not None and len(pieces) >= 3 and (chapter := pieces[-1].strip()):
        doc.metadata["chapter_title"] = chapter
        doc.blocks = without_heading(doc.blocks, chapter)
    return doc


__all__ = ["read_mediaminer"]
