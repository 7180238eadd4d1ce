"""AO3 pages a fan saves in place of a work, or beside one: none holds the story.

- The adult-content warning (``p.caution`` "This work could have adult content", then
  the work's blurb, ``li.work.blurb``): shown before a Mature, Explicit or unrated
  work, saved by a browser that never chose "Yes, Continue".
- The chapter index (``/works/N/navigate``: ``h2`` "Chapter Index for *Title* by
  *author*" over ``ol.chapter.index``): a list of chapter links and dates.
- AO3's error pages (Error 404, the 444 "heavy load" page) and its log-in page (where a
  work for logged-in users sends a reader who is not).
- Pages around works: a list of work blurbs (``li.blurb.group``, role "article": a
  series, a tag's or a user's works, bookmarks), a work's comments
  (``#comments_placeholder``), a user's profile, a tag's page, the notice that a work
  is not revealed yet.

Each is read as a document with no text whose ``page_kind`` says what it is, so the
importer skips it with that reason (or keeps it as a metadata-only record when asked),
and with what the page says of the work (title, authors, the blurb's tags and summary).
"""

from __future__ import annotations

import re
from typing import Any

from fandex.read import ao3
from fandex.read.document import RawDocument
from fandex.read.htmltext import by_id, squashed_text, text_of
from fandex.read.sitepage import classes, first_with_class, with_class

GATE_KIND = (
    "AO3's adult-content warning saved in place of the work "
    "(choose 'Yes, Continue' on AO3, then save that page)"
)
INDEX_KIND = "AO3's chapter index of a work (its chapter links, not its text)"
LIST_KIND = "AO3's list of works (their blurbs, not a work's text)"
COMMENTS_KIND = "AO3's comments on a work (not its text)"
PROFILE_KIND = "AO3's user profile"
TAG_KIND = "AO3's page about a tag"
LOGIN_KIND = "AO3's log-in page (the work is for logged-in users: log in, then save it)"
UNREVEALED_KIND = "AO3's notice that the work is not revealed yet (its collection is hidden)"
# "This work is part of an ongoing challenge and will be revealed soon", "... is part of
# a collection that has not been revealed".
_UNREVEALED = re.compile(
    r"\bthis work is part of an? (?:ongoing challenge|collection that has not been revealed)",
    re.I,
)
_GATE_TEXT = re.compile(r"^\s*this work (?:could|potentially) ha(?:ve|s) adult content", re.I)
_INDEX_HEAD = re.compile(r"^\s*chapter index for\b", re.I)
_WORK_HREF = re.compile(r"^(?:https?://[^/\s]+)?/works/\d+$")
# The blurb's tag classes (``li.warnings``, ``li.relationships``...) -> fandex's types.
_BLURB_TAGS = {
    "warnings": "warning",
    "relationships": "relationship",
    "characters": "character",
    "freeforms": "freeform",
}
# The required-tag symbols: each ``span`` names its tags in its ``title``, comma-parted.
_SYMBOLS = {"rating": "rating", "category": "category"}


def _work_link(el: Any) -> Any | None:
    """The first link under ``el`` to a work itself (``/works/N``, not a chapter)."""
    return next((a for a in el.iter("a") if _WORK_HREF.match(a.get("href") or "")), None)


def _authors(el: Any) -> list[str]:
    names = [ao3.author_name(a) for a in el.iter("a") if a.get("rel") == "author"]
    return [n for n in names if n]


def blurb_metadata(blurb: Any) -> dict[str, Any]:
    """Title, authors, typed tags and summary from an AO3 work blurb (``li.work``)."""
    meta: dict[str, Any] = {"tags": [], "fields": {}, "producer": "ao3"}
    head = first_with_class(blurb, "heading", tag="h4")
    if head is not None:
        _title_and_authors(head, meta)
    tags: list[tuple[str, str]] = []
    fandoms = first_with_class(blurb, "fandoms", tag="h5")
    for a in fandoms.iter("a") if fandoms is not None else ():
        tags.append(("fandom", squashed_text(a)))
    required = first_with_class(blurb, "required-tags", tag="ul")
    for span in required.iter("span") if required is not None else ():
        kind = next((_SYMBOLS[c] for c in classes(span) if c in _SYMBOLS), None)
        if kind is not None:
            tags.extend((kind, t.strip()) for t in (span.get("title") or "").split(","))
    box = first_with_class(blurb, "tags", tag="ul")
    for li in box.iter("li") if box is not None else ():
        kind = next((_BLURB_TAGS[c] for c in classes(li) if c in _BLURB_TAGS), None)
        if kind is not None:
            tags.extend((kind, squashed_text(a)) for a in li.iter("a"))
    meta["tags"] = [(kind, name) for kind, name in tags if name]
    summary = first_with_class(blurb, "summary", tag="blockquote")
    if summary is not None and text_of(summary).strip():
        meta["summary"] = text_of(summary).strip()
    link = _work_link(head) if head is not None else None
    if link is not None and (link.get("href") or "").startswith("http"):
        meta["url"] = link.get("href")
    return meta


def adult_gate(root: Any) -> RawDocument | None:
    """AO3's adult-content warning as a document with no text, or None when the page
    is not one."""
    caution = next(
        (p for p in with_class(root, "caution", tag="p") if _GATE_TEXT.match(p.text_content())),
        None,
    )
    if caution is None:
        return None
    blurb = first_with_class(root, "work", "blurb", tag="li")
    if blurb is None:
        blurb = first_with_class(root, "work", tag="li")
    meta = blurb_metadata(blurb) if blurb is not None else {"producer": "ao3"}
    meta["page_kind"] = GATE_KIND
    return RawDocument(format="html", metadata=meta)


def listing(root: Any) -> RawDocument | None:
    """An AO3 page that holds no work (its error and log-in pages) or lists works or
    talks about one without holding it (a series, a tag's or a user's works, bookmarks,
    a work's comments, a user's profile, a tag's page, an unrevealed work's notice) as
    a document with no text, or None when the page holds a work or is none of these."""
    if by_id(root, "workskin") is not None or by_id(root, "chapters") is not None:
        return None
    main = by_id(root, "main")
    main_classes = classes(main) if main is not None else set()
    head = first_with_class(main, "heading", tag="h2") if main is not None else None
    said = squashed_text(head) if head is not None else ""
    blurbs = [
        li
        for li in root.iter("li")
        if li.get("role") == "article" and {"blurb", "group"} <= classes(li)
    ]
    if {"system", "errors"} <= main_classes:
        kind = f"AO3's error page ({said or 'an error'})"  # "Error 404", "Error 444"
    elif "sessions-new" in main_classes:
        kind = LOGIN_KIND
    elif blurbs:
        kind = LIST_KIND
    elif any(_UNREVEALED.search(d.text_content()) for d in with_class(root, "notice", tag="div")):
        kind = UNREVEALED_KIND
    elif by_id(root, "comments_placeholder") is not None:
        kind = COMMENTS_KIND
    elif (home := first_with_class(root, "home", "profile", tag="div")) is not None:
        kind = TAG_KIND if "tag" in classes(home) else PROFILE_KIND
    else:
        return None
    meta: dict[str, Any] = {"producer": "ao3", "page_kind": kind}
    if said:
        meta["fallback_title"] = said
    return RawDocument(format="html", metadata=meta)


def chapter_index(root: Any) -> RawDocument | None:
    """AO3's chapter index (``/works/N/navigate``) as a document with no text, or None
    when the page is not one."""
    if first_with_class(root, "chapter", "index", tag="ol") is None:
        return None
    head = next((h for h in root.iter("h2") if _INDEX_HEAD.match(h.text_content())), None)
    if head is None:
        return None
    meta: dict[str, Any] = {"producer": "ao3", "page_kind": INDEX_KIND}
    _title_and_authors(head, meta)
    return RawDocument(format="html", metadata=meta)


def _title_and_authors(head: Any, meta: dict[str, Any]) -> None:
    """The work's title (its link's text) and authors from a heading that names them."""
    link = _work_link(head)
    if link is not None and (title := squashed_text(link)):
        meta["title"] = title
    authors = _authors(head)
    if authors:
        meta["authors"] = authors


__all__ = [
    "COMMENTS_KIND",
    "GATE_KIND",
    "INDEX_KIND",
    "LIST_KIND",
    "LOGIN_KIND",
    "PROFILE_KIND",
    "TAG_KIND",
    "UNREVEALED_KIND",
    "adult_gate",
    "blurb_metadata",
    "chapter_index",
    "listing",
]
