"""AO3's structure after calibre: classes renamed, the work split over several pages.

An AO3 EPUB converted by calibre (or an AO3 HTML download turned into an EPUB) keeps
AO3's ids (``#preface``, ``#chapters``, ``#endnotesN``, ``#afterword``) and element
shapes but renames every class ("meta group", "userstuff", "tags" become
``calibre1``...), and splits the book into pages: one ``div#chapters`` per page, the
preface cut in two. Read by shape instead: the preface's ``dl`` of AO3 labels, each
chapter's heading, its "Chapter Summary" / "Chapter Notes" label-and-blockquote pairs,
the text, the ``#endnotesN`` block, the afterword.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.etree as etree

from fandex.errors import ReadError
from fandex.read import ao3
from fandex.read.document import RawChapter, RawDocument
from fandex.read.htmltext import blocks_of, inner_html, tag_of, text_of

_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
_CHAPTER_PREFIX = re.compile(r"^Chapter\s+\d+\s*:\s*(?=\S)", re.I)
_MAX_LABEL = 40
_LANDMARKS = frozenset({"work text", "chapter text"})


def _landmark(el: Any) -> bool:
    """AO3's hidden "Work Text:" heading over a one-chapter work's text."""
    return " ".join(el.text_content().split()).casefold().rstrip(":") in _LANDMARKS


def _by_id(root: Any, prefix: str) -> list[Any]:
    return [el for el in root.iter("div") if (el.get("id") or "").startswith(prefix)]


def _label_before(el: Any) -> str | None:
    """The short label paragraph right before a blockquote ("Chapter Notes")."""
    prev = el.getprevious()
    if prev is None or tag_of(prev) not in ("p", "div", "h3", "h4", "h5"):
        return None
    text = " ".join(prev.text_content().split()).rstrip(":")
    return text if 0 < len(text) <= _MAX_LABEL else None


def _preface(prefaces: list[Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {"tags": [], "fields": {}, "producer": "ao3"}
    for div in prefaces:
        for dl in div.iter("dl"):
            labels = {
                " ".join(dt.text_content().split()).rstrip(":").lower() for dt in dl.iter("dt")
            }
            if labels & set(ao3.TAG_LABELS):
                ao3._read_tags(dl, meta)
        part = ao3.preface_metadata(div)
        for key in ("title", "authors", "summary", "notes_begin", "url"):
            if part.get(key) and not meta.get(key):
                meta[key] = part[key]
        for a in div.iter("a"):
            if a.get("rel") == "author" and not meta.get("authors"):
                meta["authors"] = [ao3.author_name(a)]
    return meta


def _chapters(containers: list[Any]) -> list[RawChapter]:
    out: list[RawChapter] = []

    def current() -> RawChapter:
        if not out:
            out.append(RawChapter(title=None))
        return out[-1]

    for container in containers:
        walker = etree.iterwalk(container, events=("start",))
        for _event, el in walker:
            if el is container:
                continue
            tag = tag_of(el)
            ident = el.get("id") or ""
            if tag in _HEADINGS:
                title = _CHAPTER_PREFIX.sub("", " ".join(el.text_content().split()))
                if not _landmark(el):
                    out.append(RawChapter(title=title or None))
                walker.skip_subtree()
            elif tag == "blockquote":
                label = (_label_before(el) or "").casefold()
                if "summary" in label:
                    current().summary = text_of(el)
                elif label:
                    current().notes_begin = text_of(el)
                walker.skip_subtree()
            elif tag == "div" and "endnotes" in ident:
                # A download's "endnotes1", a work page's "chapter_1_endnotes".
                quotes = list(el.iter("blockquote"))
                if out and quotes:
                    out[-1].notes_end = text_of(quotes[0])
                walker.skip_subtree()
            elif (
                tag == "div"
                and any(tag_of(c) == "p" for c in el)
                and not any(
                    tag_of(c) == "blockquote" or (tag_of(c) in _HEADINGS and not _landmark(c))
                    for c in el
                )
            ):
                chapter = current()
                chapter.blocks += blocks_of(el, skip={c for c in el if tag_of(c) in _HEADINGS})
                chapter.html = (chapter.html or "") + inner_html(el)
                walker.skip_subtree()
    return [c for c in out if c.blocks]


def read_split_ao3(root: Any, fmt: str) -> RawDocument:
    """A document from AO3 pages whose classes are gone; ReadError if no text is found."""
    meta = _preface(_by_id(root, "preface"))
    for div in _by_id(root, "afterword"):
        quotes = ao3.labelled_blockquotes(div)
        if quotes.get("End Notes"):
            meta["notes_end"] = quotes["End Notes"]
    chapters = _chapters(_by_id(root, "chapters"))
    if not chapters:
        raise ReadError("the AO3 download has no chapter text")
    return RawDocument(format=fmt, chapters=chapters, metadata=meta)


# A work page's tag list names at least this many of AO3's tag labels.
_MIN_LABELS = 3


def _meta_list(root: Any) -> Any | None:
    """The work page's tag list: the first ``dl`` whose terms are AO3's tag labels."""
    for dl in root.iter("dl"):
        labels = {" ".join(dt.text_content().split()).rstrip(":").lower() for dt in dl.iter("dt")}
        if len(labels & set(ao3.TAG_LABELS)) >= _MIN_LABELS:
            return dl
    return None


def is_work_page(root: Any) -> bool:
    """Whether ``root`` is an AO3 work page whose classes calibre renamed: AO3's
    ``div#workskin`` (ids survive a conversion) and its tag list."""
    return any(el.get("id") == "workskin" for el in root.iter("div")) and (
        _meta_list(root) is not None
    )


def read_work_page(root: Any, fmt: str) -> RawDocument:
    """An AO3 work page (``/works/N`` saved from a browser) that calibre converted, read
    by AO3's ids and shapes: the tag list, the preface over ``div#chapters`` (its
    ``h2`` title, ``rel=author`` links, labelled summary and notes), the chapters and
    ``div#work_endnotes``. The site's menus, kudos and comments stand outside them.
    ReadError when no chapter text is found."""
    dl = _meta_list(root)
    meta: dict[str, Any] = {"tags": [], "fields": {}, "producer": "ao3"}
    if dl is not None:
        ao3._read_tags(dl, meta)
    skins = [el for el in root.iter("div") if el.get("id") == "workskin"]
    boxes = [el for el in root.iter("div") if el.get("id") == "chapters"]
    for skin in skins:
        heading = next(skin.iter("h2"), None)
        if heading is None or any(box in heading.iterancestors() for box in boxes):
            continue  # a part of the page holding no preface, or a chapter's heading
        preface = heading.getparent()
        meta["title"] = " ".join(heading.text_content().split())
        # The byline's links; the notes' "Inspired by ... by <a rel=author>" name others.
        authors = [
            ao3.author_name(a)
            for a in preface.iter("a")
            if a.get("rel") == "author"
            and not any(tag_of(up) in ("blockquote", "ul") for up in a.iterancestors())
        ]
        if authors:
            meta["authors"] = authors
        labelled = ao3.labelled_blockquotes(preface)
        if labelled.get("Summary"):
            meta["summary"] = labelled["Summary"]
        if labelled.get("Notes"):
            meta["notes_begin"] = labelled["Notes"]
        break
    ends = [el for el in root.iter("div") if el.get("id") == "work_endnotes"]
    quotes = [q for el in ends for q in el.iter("blockquote")]
    if quotes:
        meta["notes_end"] = text_of(quotes[0])
    chapters = _chapters(boxes)
    if not chapters:
        raise ReadError("the AO3 work page has no chapter text")
    return RawDocument(format=fmt, chapters=chapters, metadata=meta)


__all__ = ["is_work_page", "read_split_ao3", "read_work_page"]
