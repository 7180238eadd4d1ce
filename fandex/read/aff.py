"""AsianFanfics story and chapter pages saved from a browser.

An AsianFanfics page holds, outside the story, in one of two layouts.

The layout public scrapers knew until 2026 (FanFicFare's adapter):

- the story's title in ``h1#story-title`` and, on a chapter page, the chapter's in
  ``h1#chapter-title``;
- the story's facts in ``footer.main-meta``: small label spans ("Author(s)", "Tags",
  "Characters", "Published", "Updated", "Completed") beside their values: author links
  to ``/profile/view/N``, tag links, the characters as text, ``<time datetime>`` stamps
  whose ``datetime`` is written "2014-Mar-02";
- the description (``div#story-description``), the chapter menu
  (``select[name=chapter-nav]``) and the chapter's text in ``div#user-submitted-body``;
  votes, subscribers and views around it.

The 2026 redesign (utility classes only): the story's ``<header>`` (the one holding an
``h1``) with the title, author links to ``/profile/u/<name>``, a "Completed" span and
``<time datetime>`` stamps (first published, last updated); the table of contents as
``a[data-toc-chapter]`` rows ("0" the foreword), rendered twice (sidebar and mobile
sheet); the chapter's text loaded into ``div#bodyText`` (``#user-submitted-body`` inside
it when the loaded fragment keeps it).

Tags are the site's free tags: kept as freeform tags, one a fandom pack knows as the
fandom when the page states none.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from fandex.parse.dates import parse_date
from fandex.read.blogcard import known_fandoms
from fandex.read.document import RawDocument
from fandex.read.htmltext import by_id
from fandex.read.sitepage import canonical, chapter_page, classes, summary_text, text

_PROFILE = re.compile(r"/profile/(?:view/\d+|u/[^/?#]+)")
# The site's own stamp, "2014-Mar-02", which the date parser reads as a year alone.
_MONTH_STAMP = re.compile(r"^(\d{4})-([A-Za-z]{3,9})-(\d{1,2})\b")


def _labelled(meta_box: Any) -> dict[str, Any]:
    """Label (lower case) -> the element holding the label and its value."""
    out: dict[str, Any] = {}
    for span in meta_box.iter("span"):
        label = text(span).casefold()
        if label and len(label) <= 30 and label not in out and span.getparent() is not None:
            out[label] = span
    return out


def _stamp_date(stamp: Any) -> str | None:
    """A ``<time>``'s day: its ``datetime`` (ISO or the site's "2014-Mar-02"), else its text."""
    raw = str(stamp.get("datetime") or "").strip()
    if m := _MONTH_STAMP.match(raw):
        return parse_date(f"{m.group(3)} {m.group(2)} {m.group(1)}")
    if re.match(r"^\d{4}-\d{2}-\d{2}", raw):
        return parse_date(raw[:10])
    return parse_date(text(stamp)) if text(stamp) else None


def _date(label_span: Any | None) -> str | None:
    holder = label_span.getparent() if label_span is not None else None
    stamp = next(holder.iter("time"), None) if holder is not None else None
    return _stamp_date(stamp) if stamp is not None else None


def _authors(scope: Any) -> list[str]:
    names = [text(a) for a in scope.iter("a") if _PROFILE.search(a.get("href") or "") and text(a)]
    return list(dict.fromkeys(names))


def _main_meta(root: Any, box: Any, meta: dict[str, Any]) -> None:
    """The facts of the older layout's ``footer.main-meta`` (dates looked for in the
    whole page: their labels may sit outside the footer)."""
    spans = _labelled(box)
    if authors := _authors(box):
        meta["authors"] = authors
    page_spans = _labelled(root)
    for label, key in (("published", "published"), ("updated", "updated")):
        span = spans.get(label)
        if iso := _date(span if span is not None else page_spans.get(label)):
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


def _story_header(root: Any) -> Any | None:
    """The redesign's story header: the first ``<header>`` holding an ``h1`` (the
    language bar's and the site menu's hold none)."""
    return next((h for h in root.iter("header") if next(h.iter("h1"), None) is not None), None)


def _toc_title(root: Any) -> str | None:
    """The chapter this page holds, from the redesign's table of contents: the row the
    page marks current, else the row linking the page's own address."""
    rows = [a for a in root.iter("a") if (a.get("data-toc-chapter") or "").strip().isdigit()]
    rows = [a for a in rows if a.get("data-toc-chapter").strip() != "0"]  # the foreword
    url = canonical(root)
    path = urlsplit(url).path.rstrip("/") if url else ""
    mine = next((a for a in rows if a.get("aria-current")), None)
    if mine is None and path:
        mine = next(
            (a for a in rows if urlsplit(a.get("href") or "").path.rstrip("/") == path), None
        )
    if mine is None:
        return None
    label = next((s for s in mine.iter() if "truncate" in classes(s)), None)
    if label is not None and text(label):
        return text(label)
    return " ".join(_shown_text(mine).split()) or None


def _shown_text(el: Any) -> str:
    """An element's text without what it hides from screen readers (the row's number
    badge)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.get("aria-hidden") != "true":
            parts.append(_shown_text(child))
        parts.append(child.tail or "")
    return " ".join(parts)


def _redesign_header(header: Any, meta: dict[str, Any]) -> None:
    """Title, authors, status and dates from the redesign's story header."""
    if title := text(next(header.iter("h1"), None)):
        meta["title"] = title
    if authors := _authors(header):
        meta["authors"] = authors
    spans = {text(s).casefold() for s in header.iter("span")}
    meta["status"] = "complete" if "completed" in spans else "wip"
    days = [d for t in header.iter("time") if (d := _stamp_date(t))]
    if days:
        meta["published"] = days[0]
        if len(days) > 1:
            meta["updated"] = days[-1]


def read_aff(root: Any) -> RawDocument | None:
    """An AsianFanfics page, or None when the page is not one."""
    body = by_id(root, "user-submitted-body")
    if body is None:
        # The redesign's reading pane, on a page that is the site's own.
        url = canonical(root) or ""
        body = by_id(root, "bodyText") if "asianfanfics.com" in url else None
    if body is None:
        return None
    meta: dict[str, Any] = {"producer": "asianfanfics", "fields": {}}
    box = next((f for f in root.iter("footer", "div") if "main-meta" in classes(f)), None)
    header = _story_header(root) if by_id(root, "story-title") is None else None
    if title := text(by_id(root, "story-title")):
        meta["title"] = title
    if box is not None:
        _main_meta(root, box, meta)
    elif header is not None:
        _redesign_header(header, meta)
    if chapter := text(by_id(root, "chapter-title")) or _toc_title(root):
        meta["chapter_title"] = chapter
    if (summary := summary_text(by_id(root, "story-description"))) and len(summary) < 5000:
        meta["summary"] = summary
    return chapter_page(body, root, meta, "asianfanfics.com")


__all__ = ["read_aff"]
