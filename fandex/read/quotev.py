"""Quotev story pages saved from a browser.

A Quotev story page holds, outside the story (the shape FanFicFare's adapter and other
public scrapers select, older and newer):

- the story's title in the header's ``h1`` (``#quizHeaderTitle`` inside the result box),
  its authors in ``div.quizAuthorList`` (Quotev shows "Anonymous" when none is linked),
  the description in ``div#qdesct``;
- a line of facts: the published and updated times, elements with a ``ts`` attribute
  (seconds since 1970: ``span.q_time`` once, ``<time>`` now), "· Completed", counts of
  words, chapters and reads; the stamps may sit one element below the line;
- the story's tags, ``div.quizBoxTags`` links or ``/search/`` links (where a fan names the
  fandom), beside the site's shelf (``/stories/c/``, ``/fiction/``);
- the chapter list (``div#rselect`` links, or ``select[name=rid]``), the page's own
  chapter title (``#quizSubtitle``), and the chapter's text in ``div#rescontent``;
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
from fandex.read.sitepage import canonical, chapter_page, classes, summary_text, text

_TAG_LINK = re.compile(r"(?:^|quotev\.com)/search/", re.IGNORECASE)
_COMPLETED = re.compile(r"(?:^|·)\s*completed\s*(?:·|$)", re.IGNORECASE)


def _iso(ts: str | None) -> str | None:
    try:
        return dt.datetime.fromtimestamp(float(ts or ""), tz=dt.UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return None


def _chapter_title(root: Any) -> str | None:
    """The chapter this page holds: its subtitle, the chapter menu's chosen entry, the
    chapter list's one entry, or the entry that links the page's own address."""
    if subtitle := text(by_id(root, "quizSubtitle")):
        return subtitle
    menu = next((s for s in root.iter("select") if s.get("name") == "rid"), None)
    chosen = (
        next((o for o in menu.iter("option") if o.get("selected") is not None), None)
        if menu is not None
        else None
    )
    if chosen is not None and text(chosen):
        return text(chosen)
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


def _says_completed(stamp: Any) -> bool:
    """Whether the line of facts a time stamp sits in says "· completed": the stamp's
    parent, or its grandparent when the stamp is wrapped ("<span>Published <time>")."""
    holder = stamp.getparent()
    for _ in range(2):
        if holder is None:
            return False
        if _COMPLETED.search(text(holder)):
            return True
        holder = holder.getparent()
    return False


def _tag_links(root: Any) -> list[Any]:
    """The story's tag links: the header's tag box, and links into the site's search."""
    boxed = [a for d in root.iter("div") if "quizBoxTags" in classes(d) for a in d.iter("a")]
    searched = [a for a in root.iter("a") if _TAG_LINK.search(a.get("href") or "")]
    return boxed + [a for a in searched if a not in boxed]


def read_quotev(root: Any) -> RawDocument | None:
    """A Quotev story page, or None when the page is not one."""
    body = by_id(root, "rescontent")
    box = next((d for d in root.iter("div") if "result" in classes(d)), None)
    if box is None:
        box = by_id(root, "quizHeaderTitle")
    if body is None or box is None:
        return None
    meta: dict[str, Any] = {"producer": "quotev", "fields": {}}
    header = by_id(root, "quizHeaderTitle")
    heading = next((h for h in (header if header is not None else box).iter("h1") if text(h)), None)
    if heading is not None:
        meta["title"] = text(heading)
    names = next((d for d in root.iter("div") if "quizAuthorList" in classes(d)), None)
    if names is not None:
        authors = [text(a) for a in names.iter("a") if text(a)]
        if authors:
            meta["authors"] = authors
    if (summary := summary_text(by_id(root, "qdesct"))) and len(summary) < 5000:
        meta["summary"] = summary
    times = [el for el in root.iter("span", "time") if el.get("ts")]
    for key, stamp in zip(("published", "updated"), times, strict=False):
        if iso := _iso(stamp.get("ts")):
            meta[key] = iso
    if times:
        meta["status"] = "complete" if _says_completed(times[0]) else "wip"
    tags: list[tuple[str, str]] = []
    for a in _tag_links(root):
        name = text(a)
        if name:
            kind = "fandom" if values.is_known_fandom(name) else "freeform"
            if (kind, name) not in tags:
                tags.append((kind, name))
    if tags:
        meta["tags"] = tags
    if chapter := _chapter_title(root):
        meta["chapter_title"] = chapter
    return chapter_page(body, root, meta, "quotev.com")


__all__ = ["read_quotev"]
