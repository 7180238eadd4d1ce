"""FicWad story and chapter pages saved from a browser.

A FicWad page holds, inside ``div#story`` (the shape FanFicFare's adapter selects):

- the story's card, ``div.storylist``: the title as the ``h4`` link, the author as the
  ``span.author`` link into ``/a/``, the summary in ``blockquote.summary``, and one line
  of facts, ``p.meta``: "Category: <fandom link> - Rating: PG - Genres: ... -
  Characters: ... - Warnings: <span.story-warnings of [!] links titled with the
  warning> - Chapters: 2 - Published: 2009-05-01 - Updated: ... - 1,240 words -
  Complete";
- a chapter page's menu of the story's chapters (a ``<select>``, its chosen option the
  page's chapter) and the chapter's text in ``div#storytext``;
- the story's page lists its chapters in ``ul.storylist`` instead, with no text.

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
        if m := _FACT.match(part):
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


def read_ficwad(root: Any) -> RawDocument | None:
    """A FicWad story or chapter page, or None when the page is not one."""
    story = by_id(root, "story")
    card = _card(story) if story is not None else None
    author = (
        next((a for a in card.iter("a") if (a.get("href") or "").startswith("/a/")), None)
        if card is not None
        else None
    )
    if story is None or card is None or author is None:
        return None
    meta: dict[str, Any] = {"producer": "ficwad", "fields": {}, "authors": [text(author)]}
    heading = next((h for h in card.iter("h4") if text(h)), None)
    if heading is not None:
        meta["title"] = text(heading)
    quote = next((q for q in card.iter("blockquote") if "summary" in classes(q)), None)
    if summary := summary_text(quote):
        meta["summary"] = summary
    line = next((p for p in card.iter("p") if "meta" in classes(p)), None)
    if line is not None:
        stated, facts = _facts(line)
        meta["stated_fields"] = stated
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
    chapter = chapter_menu_choice(story)
    doc = chapter_page(body, root, meta, "ficwad.com")
    if doc is not None and chapter:
        doc.metadata["chapter_title"] = chapter
        doc.blocks = without_heading(doc.blocks, chapter)
    return doc


__all__ = ["read_ficwad"]
