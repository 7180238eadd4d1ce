"""AsianFanfics story and chapter pages saved from a browser.

An AsianFanfics page holds, outside the story:

- the story's title in ``h1#story-title`` and, on a chapter page, the chapter's in
  ``h1#chapter-title``;
- the story's facts in ``footer.main-meta``: small label spans ("Author(s)", "Tags",
  "Characters", "Published", "Updated", "Completed") beside their values: author links
  to ``/profile/view/N``, tag links, the characters as text, ``<time datetime>`` stamps;
- the description (``div#story-description``), the chapter menu
  (``select[name=chapter-nav]``) and the chapter's text in ``div#user-submitted-body``;
  votes, subscribers and views around it.

Tags are the site's free tags: kept as freeform tags, one a fandom pack knows as the
fandom when the page states none.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.parse.dates import parse_date
from fandex.read.blogcard import known_fandoms
from fandex.read.document import RawDocument
from fandex.read.htmltext import by_id
from fandex.read.sitepage import chapter_page, classes, text

_PROFILE = re.compile(r"/profile/view/\d+")


def _labelled(meta_box: Any) -> dict[str, Any]:
    """Label (lower case) -> the element holding the label and its value."""
    out: dict[str, Any] = {}
    for span in meta_box.iter("span"):
        label = text(span).casefold()
        if label and len(label) <= 30 and label not in out and span.getparent() is not None:
            out[label] = span
    return out


def _date(label_span: Any | None) -> str | None:
    holder = label_span.getparent() if label_span is not None else None
    stamp = next(holder.iter("time"), None) if holder is not None else None
    if stamp is None:
        return None
    return parse_date(str(stamp.get("datetime") or text(stamp))[:10])


def read_aff(root: Any) -> RawDocument | None:
    """An AsianFanfics page, or None when the page is not one."""
    body = by_id(root, "user-submitted-body")
    if body is None:
        return None
    meta: dict[str, Any] = {"producer": "asianfanfics", "fields": {}}
    if title := text(by_id(root, "story-title")):
        meta["title"] = title
    if chapter := text(by_id(root, "chapter-title")):
        meta["chapter_title"] = chapter
    box = next((f for f in root.iter("footer", "div") if "main-meta" in classes(f)), None)
    if box is not None:
        spans = _labelled(box)
        authors = [
            text(a) for a in box.iter("a") if _PROFILE.search(a.get("href") or "") and text(a)
        ]
        if authors:
            meta["authors"] = list(dict.fromkeys(authors))
        for label, key in (("published", "published"), ("updated", "updated")):
            if iso := _date(spans.get(label)):
                meta[key] = iso
        meta["status"] = "complete" if "completed" in spans else "wip"
        tag_span = spans.get("tags")
        if tag_span is not None:
            names = [text(a) for a in tag_span.getparent().iter("a") if text(a)]
            fandoms = known_fandoms(names)
            if fandoms:
                meta["fallback_tags"] = fandoms
            free = [n for n in dict.fromkeys(names) if ("fandom", n) not in fandoms]
            if free:
                meta["tags"] = [("freeform", n) for n in free]
        who = spans.get("characters")
        if who is not None and (cast := " ".join((who.tail or "").split()).strip(" :")):
            meta["stated_fields"] = [("Characters", cast)]
    if (summary := text(by_id(root, "story-description"))) and len(summary) < 5000:
        meta["summary"] = summary
    return chapter_page(body, root, meta, "asianfanfics.com")


__all__ = ["read_aff"]
