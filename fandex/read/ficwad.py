"""FicWad story and chapter pages saved from a browser.

A FicWad page holds, inside ``div#story`` (the shape FanFicFare's adapter selects):

- the story's card, ``div.storylist``: the title as the ``h4`` link, the author as the
  ``span.author`` link into ``/a/``, the summary in ``blockquote.summary``, and one line
  of facts, ``p.meta``: "Category: <fandom link> - Rating: PG - Genres: ... -
  Characters: ... - Warnings: <span.story-warnings of [!] links titled with the
  warning> - Chapters: 2 - Published: 2009-05-01 - Updated: ... - 1,240 words -
  Complete";
- a chapter page's menu of the story's chapters (``form[name=chapterlist]``'s
  ``<select>``, a "Story Index" option first, its chosen option the page's chapter) and
  the chapter's text in ``div#storytext``;
- the story's page lists its chapters in ``ul.storylist`` instead, with no text (a
  one-chapter story's page holds the text itself).

On a chapter page of a story of several chapters, each chapter is an entry of its own:
the card is the chapter's (its ``h4`` the chapter's title) and the story's title is the
last link of the ``h2`` crumb trail over it, "Categories > Movies > <fandom> > <story>"
(the layout FanFicFare's adapter and WebToEpub's parser and tests read,
JimmXinu/FanFicFare adapter_ficwadcom.py, dteviot/WebToEpub FicwadParser.js). A page
with the menu but no card still gives the crumbs' story and fandom.

The facts are stated fields; the site's header, crumbs, reviews and footer are not read.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.parse.dates import parse_date
from fandex.read.document import RawDocument
from fandex.read.htmltext import blocks_of, by_id
from fandex.read.pagemeta import chapter_menu_choice, without_heading
from fandex.read.sitepage import chapter_page, classes, summary_text, text

_FACT = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,20}):\s*(.*?)\s*$")
_WORDS = re.compile(r"^\s*[\d,]+\s+words?\s*$", re.IGNORECASE)
# Warning links that only say how much the story spoils, not what it holds.
_SPOILER = re.compile(r"spoiler", re.IGNORECASE)
_FIELD = {"Category": "Fandom", "Genres": "Genre", "Characters": "Characters"}
_STORY_LINK = re.compile(r"^/story/\d+/?$")
_CATEGORY_LINK = re.compile(r"^/category/\d+/?$")


def _card(story: Any) -> Any | None:
    return next((d for d in story.iter("div") if "storylist" in classes(d)), None)


def _facts(meta_line: Any) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The facts line read as ``(stated fields, other facts)``: the warnings from their
    links' titles, the rest split at its " - " separators."""
    stated: list[tuple[str, str]] = []
    box = next((s for s in meta_line.iter("span") if "story-warnings" in classes(s)), None)
    if box is not None:
        named = [str(a.get("title") or "").strip() for a in box.iter("a")]
        warnings = [w for w in named if w and not _SPOILER.search(w)]
        if warnings:
            stated.append(("Warnings", ", ".join(warnings)))
    facts: dict[str, str] = {}
    for part in text(meta_line).split(" - "):
        if (m := _FACT.match(part)) and m.group(1).strip() != "Warnings":
            facts[m.group(1).strip()] = m.group(2)
        elif _WORDS.match(part):
            facts["Words"] = part.strip()
        elif part.strip().casefold() == "complete":
            facts["Complete"] = "Yes"
    for label, field in _FIELD.items():
        if facts.get(label):
            stated.append((field, facts[label]))
    if facts.get("Rating"):
        stated.append(("Rating", facts["Rating"]))
    return stated, facts


def _crumbs(story: Any) -> tuple[str | None, str | None]:
    """``(story title, fandom)`` from the ``h2`` crumb trail over a chapter page: its
    last link into ``/story/`` and its last link into ``/category/``."""
    trail = next((h for h in story.iter("h2")), None)
    if trail is None:
        return None, None
    links = list(trail.iter("a"))
    title = [text(a) for a in links if _STORY_LINK.match(a.get("href") or "")]
    fandom = [text(a) for a in links if _CATEGORY_LINK.match(a.get("href") or "")]
    return (title[-1] if title else None), (fandom[-1] if fandom else None)


def read_ficwad(root: Any) -> RawDocument | None:
    """A FicWad story or chapter page, or None when the page is not one."""
    story = by_id(root, "story")
    if story is None:
        return None
    card = _card(story)
    author = (
        next((a for a in card.iter("a") if (a.get("href") or "").startswith("/a/")), None)
        if card is not None
        else None
    )
    chapter = chapter_menu_choice(story)
    crumb_title, crumb_fandom = _crumbs(story)
    # A chapter of several: the crumbs name the story, the card the chapter.
    of_several = chapter is not None and crumb_title is not None
    if author is None and not (of_several and by_id(root, "storytext") is not None):
        return None
    meta: dict[str, Any] = {"producer": "ficwad", "fields": {}}
    if author is not None:
        meta["authors"] = [text(author)]
    heading = next((h for h in card.iter("h4") if text(h)), None) if card is not None else None
    if of_several:
        meta["title"] = crumb_title
        if crumb_fandom:
            meta["stated_fields"] = [("Fandom", crumb_fandom)]
    elif heading is not None:
        meta["title"] = text(heading)
    quote = (
        next((q for q in card.iter("blockquote") if "summary" in classes(q)), None)
        if card is not None
        else None
    )
    if summary := summary_text(quote):
        # A chapter's own card describes the chapter: the story's summary only when
        # nothing else is said.
        meta["fallback_summary" if of_several else "summary"] = summary
    line = (
        next((p for p in card.iter("p") if "meta" in classes(p)), None)
        if card is not None
        else None
    )
    if line is not None:
        stated, facts = _facts(line)
        if any(label == "Fandom" for label, _ in stated):
            meta.pop("stated_fields", None)
        meta["stated_fields"] = [*meta.get("stated_fields", []), *stated]
        meta["fields"].update(facts)
        for label, key in (("Published", "published"), ("Updated", "updated")):
            if facts.get(label) and (iso := parse_date(facts[label])):
                meta[key] = iso
        meta["status"] = "complete" if facts.get("Complete") else "wip"
    body = by_id(root, "storytext")
    if body is None:
        listing = next((u for u in story.iter("ul") if "storylist" in classes(u)), None)
        if listing is None:
            return None
        meta["page_kind"] = "a story index page"
        blocks = blocks_of(quote) if quote is not None else []
        return RawDocument(format="html", blocks=blocks, metadata=meta)
    if of_several and heading is not None:
        chapter = text(heading)
    doc = chapter_page(body, root, meta, "ficwad.com")
    if doc is not None and chapter:
        doc.metadata["chapter_title"] = chapter
        doc.blocks = without_heading(doc.blocks, chapter)
    return doc


__all__ = ["read_ficwad"]
