"""Quotev story pages saved from a browser.

A Quotev story page holds, outside the story:

- the story's title in the result box's ``h1``, its authors in ``div.quizAuthorList``
  (Quotev shows "Anonymous" when none is linked), the description in ``div#qdesct``;
- a line of facts: the published and updated times as ``span.q_time`` with a ``ts``
  attribute (seconds since 1970), "completed", counts of words, chapters and reads;
- the story's tags as ``/search/`` links (where a fan names the fandom) beside the
  site's shelf (``/stories/c/``, "Fanfiction");
- the chapter list (``div#rselect``) and the chapter's text in ``div#rescontent``;
  favourite and comment buttons around it.

A tag a fandom pack knows is the fandom; the others are freeform tags.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from fandex.parse import values
from fandex.read.document import RawDocument
from fandex.read.htmltext import by_id
from fandex.read.sitepage import canonical, chapter_page, classes, text

_TAG_LINK = re.compile(r"(?:^|quotev\.com)/search/", re.IGNORECASE)
_COMPLETED = re.compile(r"(?:^|·)\s*completed\s*(?:·|$)", re.IGNORECASE)


def _iso(ts: str | None) -> str | None:
    try:
        return dt.datetime.fromtimestamp(float(ts or ""), tz=dt.UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return None


def _chapter_title(root: Any) -> str | None:
    """The chapter this page holds: the chapter list's one entry, or the entry that
    links the page's own address."""
    box = by_id(root, "rselect")
    if box is None:
        return None
    links = [a for a in box.iter("a") if "javascript" not in (a.get("href") or "") and text(a)]
    if len(links) == 1:
        return text(links[0])
    url = canonical(root)
    path = urlsplit(url).path.rstrip("/") if url else ""
    for a in links:
        if path and urlsplit(a.get("href") or "").path.rstrip("/") == path:
            return text(a)
    return None


def read_quotev(root: Any) -> RawDocument | None:
    """A Quotev story page, or None when the page is not one."""
    body = by_id(root, "rescontent")
    box = next((d for d in root.iter("div") if "result" in classes(d)), None)
    if body is None or box is None:
        return None
    meta: dict[str, Any] = {"producer": "quotev", "fields": {}}
    heading = next((h for h in box.iter("h1") if text(h)), None)
    if heading is not None:
        meta["title"] = text(heading)
    names = next((d for d in box.iter("div") if "quizAuthorList" in classes(d)), None)
    if names is not None:
        authors = [text(a) for a in names.iter("a") if text(a)]
        if authors:
            meta["authors"] = authors
    if (summary := text(by_id(root, "qdesct"))) and len(summary) < 5000:
        meta["summary"] = summary
    times = [s for s in root.iter("span") if "q_time" in classes(s)]
    for key, span in zip(("published", "updated"), times, strict=False):
        if iso := _iso(span.get("ts")):
            meta[key] = iso
    if times:
        facts = times[0].getparent()
        line = text(facts) if facts is not None else ""
        meta["status"] = "complete" if _COMPLETED.search(line) else "wip"
    tags: list[tuple[str, str]] = []
    for a in root.iter("a"):
        name = text(a)
        if name and _TAG_LINK.search(a.get("href") or ""):
            kind = "fandom" if values.is_known_fandom(name) else "freeform"
            if (kind, name) not in tags:
                tags.append((kind, name))
    if tags:
        meta["tags"] = tags
    if chapter := _chapter_title(root):
        meta["chapter_title"] = chapter
    return chapter_page(body, root, meta, "quotev.com")


__all__ = ["read_quotev"]
