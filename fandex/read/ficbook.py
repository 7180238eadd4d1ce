"""Ficbook (Книга Фанфиков, ficbook.net) story and chapter pages saved from a browser.

Ficbook is the largest Russian archive. A story's page (``/readfic/<id>``, a one-shot's
text on it; a chapter's ``/readfic/<id>/<part>``) holds, outside the story, in the shape
public scrapers of the site select (FanFicFare's adapter):

- the title in ``section.chapter-info h1`` (a ``<sup>`` of "+" marks beside it is not
  part of it), the author in ``a.creator-username`` (a second one, marked "бета", is
  the beta reader);
- the story's header: fandom links (``/fanfiction/...``), the direction badge
  (``div.badge-with-icon.direction-*``: Джен, Слэш, Гет, Фемслэш...: AO3's categories),
  the rating badge (``div.badge-rating-*``: G, PG-13, R, NC-17, NC-21), the status badge
  (``badge-status-finished`` is complete);
- ``div.description``: ``<strong>Label:</strong>`` then a ``div`` of its value:
  "Пэйринг и персонажи" (pairs in ``a.pairing-highlight`` or written with "/", the rest
  characters), "Метки" (tags), "Описание" (summary), "Посвящение" (dedication),
  "Примечания" (the story's notes), read through the header vocabulary;
- the chapter's text in ``div#content``, its notes in ``div.part-comment-top`` and
  ``div.part-comment-bottom``; a story's page with a chapter list
  (``ul.list-of-fanfic-parts``) and no text is its index.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from fandex.parse.labels import field_for
from fandex.read.document import Block, RawChapter, RawDocument
from fandex.read.htmltext import blocks_of, by_id
from fandex.read.sitepage import canonical, classes, first_with_class, summary_text, text

_SITE = re.compile(r"^https?://(?:www\.)?ficbook\.net/", re.IGNORECASE)
_FANDOM_HREF = re.compile(r"/fanfiction/\w")
_BADGE = re.compile(r"^badge-(rating|status)-(.+)$")
_PAIRS_LABEL = re.compile(r"^\s*пэйринг и персонажи\s*$", re.IGNORECASE)
_ASSISTANTS = ("бета", "гамма")  # a creator marked so helped; the author is the other
_FINISHED = "finished"


def _site_page(root: Any) -> bool:
    return (
        first_with_class(root, "creator-username", tag="a") is not None
        or first_with_class(root, "chapter-info") is not None
        or bool(_SITE.match(canonical(root) or ""))
    )


def _title(root: Any) -> str:
    info = first_with_class(root, "chapter-info")
    head = next(info.iter("h1"), None) if info is not None else None
    if head is None:
        head = next((h for h in root.iter("h1") if h.get("itemprop") == "name"), None)
    if head is None:
        return ""
    head = copy.deepcopy(head)
    for sup in list(head.iter("sup")):
        sup.drop_tree()
    return text(head)


def _authors(root: Any) -> list[str]:
    """The creators not marked as helpers (the role word sits beside the link)."""
    out: list[str] = []
    for a in root.iter("a"):
        if "creator-username" not in classes(a) or not text(a):
            continue
        box = a.getparent()
        role = text(box).replace(text(a), "").casefold() if box is not None else ""
        if not any(w in role for w in _ASSISTANTS) and text(a) not in out:
            out.append(text(a))
    return out


def _badges(root: Any) -> dict[str, str]:
    """``{"rating": "PG-13", "status": "finished", "direction": "Джен"}``."""
    out: dict[str, str] = {}
    for el in root.iter("div"):
        cls = classes(el)
        for c in cls:
            m = _BADGE.match(c)
            if m:
                out.setdefault(m.group(1), text(el) if m.group(1) == "rating" else m.group(2))
        if "badge-with-icon" in cls and any(c.startswith("direction") for c in cls):
            label = first_with_class(el, "badge-text")
            out.setdefault("direction", text(label if label is not None else el))
    return out


def _described(root: Any) -> list[tuple[str, Any]]:
    """``(label, value element)`` for every ``<strong>Label:</strong>`` of the header."""
    out: list[tuple[str, Any]] = []
    for box in root.iter("div"):
        if "description" not in classes(box):
            continue
        for strong in box.iter("strong"):
            label = text(strong).rstrip(":").strip()
            value = strong.getnext()
            if label and value is not None:
                out.append((label, value))
    return out


def _pairs_and_people(value: Any) -> tuple[list[str], list[str]]:
    pairs: list[str] = []
    people: list[str] = []
    for a in value.iter("a"):
        name = text(a)
        if name:
            (pairs if "pairing-highlight" in classes(a) or "/" in name else people).append(name)
    return pairs, people


def _facts(root: Any, meta: dict[str, Any]) -> list[tuple[str, str]]:
    stated: list[tuple[str, str]] = []
    fandoms = [text(a) for a in root.iter("a") if _FANDOM_HREF.search(a.get("href") or "")]
    if fandoms := [f for f in dict.fromkeys(fandoms) if f]:
        stated.append(("Фэндом", ", ".join(fandoms)))
    badges = _badges(root)
    if badges.get("direction"):
        stated.append(("Направленность", badges["direction"]))
    if badges.get("rating"):
        stated.append(("Рейтинг", badges["rating"]))
    if "status" in badges:
        meta["status"] = "complete" if badges["status"] == _FINISHED else "wip"
    for label, value in _described(root):
        if _PAIRS_LABEL.match(label):
            pairs, people = _pairs_and_people(value)
            if pairs:
                stated.append(("Пэйринг", ", ".join(pairs)))
            if people:
                stated.append(("Персонажи", ", ".join(people)))
            continue
        field = field_for(label)
        if field == "summary":
            meta["summary"] = summary_text(value)
        elif field == "notes":
            meta["notes_begin"] = summary_text(value) or None
        elif field == "genre":
            tags = [text(a) for a in value.iter("a") if text(a)]
            stated.append((label, ", ".join(tags) if tags else text(value)))
        elif field in ("dedication", "warning", "disclaimer", "beta", "archive"):
            stated.append((label, summary_text(value)))
    return stated


def _note(root: Any, name: str) -> str | None:
    """A chapter's note box without its "Примечания:" caption."""
    box = first_with_class(root, name)
    if box is None:
        return None
    box = copy.deepcopy(box)
    for caption in list(box.iter("strong")):
        if text(caption).endswith(":"):
            caption.drop_tree()
    return summary_text(box) or None


_BLOCK_TAGS = ("p", "div", "br", "blockquote", "ul", "ol", "table")


def _split_text(text: str | None) -> tuple[str | None, list[str]]:
    """A text node cut at its line breaks: the part before the first, then the rest."""
    if not text or "\n" not in text:
        return text, []
    lines = text.split("\n")
    return lines[0], lines[1:]


def _lines_as_paragraphs(body: Any) -> Any:
    """The text box with each line break a paragraph break. Ficbook writes a chapter as
    plain lines (each led by a run of non-breaking spaces) that its style sheet shows
    line by line (``white-space: pre-line``); read as HTML they would run together into
    one paragraph. A box that marks its paragraphs (``<p>``, ``<br>``) is left alone."""
    if any(el.tag in _BLOCK_TAGS for el in body.iterdescendants() if isinstance(el.tag, str)):
        return body
    if "\n" not in body.text_content().strip():
        return body
    box = copy.deepcopy(body)

    def breaks() -> list[Any]:
        return [box.makeelement("br", {}), box.makeelement("br", {})]

    def insert_lines(parent: Any, index: int, lines: list[str]) -> None:
        for line in lines:
            first, second = breaks()
            second.tail = line
            parent.insert(index, first)
            parent.insert(index + 1, second)
            index += 2

    head, rest = _split_text(box.text)
    box.text = head
    insert_lines(box, 0, rest)
    for child in [c for c in box if c.tag != "br"]:
        head, rest = _split_text(child.tail)
        child.tail = head
        insert_lines(box, box.index(child) + 1, rest)
    return box


def read_ficbook(root: Any) -> RawDocument | None:
    """A Ficbook story or chapter page, or None when the page is not one."""
    if not _site_page(root):
        return None
    meta: dict[str, Any] = {"producer": "ficbook", "language": "ru", "fields": {}}
    if title := _title(root):
        meta["title"] = title
    if authors := _authors(root):
        meta["authors"] = authors
    stated = _facts(root, meta)
    if stated:
        meta["stated_fields"] = stated
        meta["fields"].update(dict(stated))
    url = canonical(root)
    if url and _SITE.match(url):
        meta["url"] = url
    body = by_id(root, "content")
    blocks = blocks_of(_lines_as_paragraphs(body)) if body is not None else []
    if body is None or not any(b.text.strip() for b in blocks):
        if body is None and first_with_class(root, "list-of-fanfic-parts") is None:
            return None
        # The story's page listing its chapters: its summary kept as the text.
        meta["page_kind"] = "a story index page"
        index = [Block("paragraph", meta["summary"])] if meta.get("summary") else []
        parts = first_with_class(root, "list-of-fanfic-parts")
        if parts is not None:
            index += [Block("paragraph", text(a)) for a in parts.iter("a") if text(a)]
        return RawDocument(format="html", blocks=index, metadata=meta)
    meta["single_chapter"] = True
    article = body.getparent()
    heading = next(article.iter("h2"), None) if article is not None else None
    chapter_title = text(heading) if heading is not None else None
    if chapter_title:
        meta["chapter_title"] = chapter_title
    chapter = RawChapter(
        title=chapter_title,
        blocks=blocks,
        notes_begin=_note(root, "part-comment-top"),
        notes_end=_note(root, "part-comment-bottom"),
    )
    return RawDocument(format="html", chapters=[chapter], metadata=meta)


__all__ = ["read_ficbook"]
