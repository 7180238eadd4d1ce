"""FanFiction.net (and FictionPress) chapter pages saved from the mobile site,
``m.fanfiction.net``: a plainer page than the desktop one, in this shape::

    <div id=top><div align=center><a href='/'>FanFiction</a> > <a href='/book/'>Books</a>
      > <a href='/book/Harbour-Tales/'>Harbour Tales</a></div></div>
    <div id=content><div align=center><b>Title</b> by <a href='/u/123/Name'>Name</a></div>
    ... Rated: T, English, Romance & Drama, Ila M., Words: 4k+, ... (when shown)
    Chapter 2: The Ferry<br></div>
    <div role='main' ...><div class='storycontent nocopy' id='storycontent'>...</div></div>
    <div align=center>&#171; Prev ... Ch 2 of <a href='/s/1234567/12/'>12</a> Next &#187;</div>

The title is the first bold line of ``#content`` and the author its ``/u/`` link; the
fandom is the breadcrumb's last link into a fandom's listing, as on the 2011 desktop
layout; the metadata line, where the page shows one, is read as the desktop one is
(its parts separated by " - " or, on the older mobile page, by commas with genres
joined by "&"). The chapter is ``#storycontent``; its title is the "Chapter N: ..." line
above it, or the chapter menu's chosen entry.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.read import ffn
from fandex.read.document import RawDocument
from fandex.read.htmltext import blocks_of, by_id
from fandex.read.marked import MarkedPageReader
from fandex.read.sitepage import canonical, text

_SITES = (b"fanfiction.net", b"fictionpress.com", b"FanFiction", b"FictionPress")
_MARK = re.compile(rb"""id\s*=\s*["']?storycontent\b""")
_CHAPTER_LINE = re.compile(r"(?:^|\n)\s*(Chapter\s+\d{1,4}\s*:\s*[^\n]{1,200}?)\s*(?:\n|$)")
_RATED = re.compile(r"Rated:\s*(?:Fiction\s+)?\S{1,3}\s*[,-]\s")
# The label before a dated span; the current mobile line writes "Published: May 31, 2011
# Updated: Mar 14, 2017", dates holding commas and no separator between them.
_STAMP_LABEL = re.compile(r"\b(published|updated)\s*:\s*$", re.IGNORECASE)


def _metadata_line(content: Any, story: Any) -> Any | None:
    """The element holding the "Rated: ..." line, outside the story."""
    inside = set(story.iter())
    for el in content.iter("div", "span", "td", "p"):
        if el in inside:
            continue
        own = (el.text or "") + "".join((c.tail or "") for c in el)
        if "Rated:" in own and _RATED.search(text(el)) and len(text(el)) < 1000:
            return el
    return None


def _stamps(line: Any) -> list[tuple[str, Any]]:
    """The line's dated spans with their labels: ``("Published", span)`` for
    "Published: <span data-xutime=...>May 31, 2011</span>"."""
    out: list[tuple[str, Any]] = []
    for span in line.iter("span"):
        if not (span.get("data-xutime") or "").isdigit():
            continue
        before = span.getprevious()
        lead = (before.tail if before is not None else span.getparent().text) or ""
        m = _STAMP_LABEL.search(lead)
        if m:
            out.append((m.group(1).capitalize(), span))
    return out


def _read_comma_line(line_text: str, meta: dict[str, Any]) -> None:
    """The older mobile line: "Rated: T, English, Romance & Drama, Ila M. & Tam, Words:
    4k+, ..." read as the desktop line by writing its separators as the desktop's."""
    parts = [p.strip() for p in line_text.split(", ") if p.strip()]
    out: list[str] = []
    people: list[str] = []
    for i, part in enumerate(parts):
        label = part.partition(":")[0]
        genres = ffn.split_genres(part.replace(" & ", "/"))
        if (":" in part and 0 < len(label) < 20) or part.casefold() == "complete":
            if people:
                out.append(", ".join(people))
                people = []
            out.append(part)
        elif i == 1 or genres is not None:
            out.append(part.replace(" & ", "/") if genres else part)
        else:
            people.append(part.replace(" & ", ", "))
    if people:
        out.append(", ".join(people))
    ffn.read_details_text(" - ".join(out), meta)


def read_mobile(root: Any) -> RawDocument | None:
    """A mobile FanFiction.net chapter page, or None when the page is not one."""
    story = by_id(root, "storycontent")
    content = by_id(root, "content")
    if story is None or content is None:
        return None
    author = next(
        (a for a in content.iter("a") if "/u/" in (a.get("href") or "") and text(a)), None
    )
    if author is None:
        return None  # not the site's page: the site's page names its author's profile
    blocks = blocks_of(story)
    if not any(b.text.strip() for b in blocks):
        return None
    meta: dict[str, Any] = {
        "producer": "ffnet",
        "fields": {},
        "tags": [],
        "stated_fields": [],
        "single_chapter": True,
        "authors": [text(author)],
    }
    title = next(
        (b for b in content.iter("b") if text(b) and story not in set(b.iterancestors())), None
    )
    if title is not None:
        meta["title"] = text(title)
    line = _metadata_line(content, story)
    if line is not None:
        shown = text(line)
        shown = shown[shown.index("Rated:") :]
        stamps = _stamps(line)
        for label, span in stamps:
            # Read from the span itself: its shown date ("May 31, 2011") holds a comma.
            shown = re.sub(rf"\s*,?\s*{label}:\s*{re.escape(text(span))}", "", shown, flags=re.I)
        if " - " in shown:
            ffn.read_details_text(shown, meta)
        else:
            _read_comma_line(shown, meta)
        for label, span in stamps:
            if iso := ffn.stamped_date(span):
                meta[label.casefold()] = iso
    meta["tags"][:0] = [("fandom", f) for f in ffn.breadcrumb_fandoms(root)]
    summary = ffn.described_summary(root)
    if summary:
        meta["summary"] = summary
    chapter = ffn.chapter_title(root)
    if not chapter:
        before = []
        for el in content.iter():
            if el is story:
                break
            before.append((el.text or "") + "\n" + (el.tail or ""))
        found = _CHAPTER_LINE.findall("\n".join(before))
        if found:
            chapter = " ".join(found[-1].split())  # the line nearest the text
    if chapter:
        meta["chapter_title"] = chapter
    url = canonical(root)
    if url and "/s/" in url:
        meta["url"] = url
    return RawDocument(format="html", blocks=blocks, metadata=meta)


class FfnMobilePageReader(MarkedPageReader):
    """A chapter page saved from m.fanfiction.net (or FictionPress's mobile site)."""

    name = "ffn-mobile"
    score = 0.95
    sites = _SITES
    mark = _MARK
    missing = "not a mobile FanFiction.net chapter page (no story text)"

    def read_root(self, root: Any) -> RawDocument | None:
        return read_mobile(root)


__all__ = ["FfnMobilePageReader", "read_mobile"]
