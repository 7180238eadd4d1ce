"""FanFiktion.de chapter pages saved from a browser.

FanFiktion.de is the largest German archive. A chapter page (``/s/<id>/<n>/<Title>``)
holds, outside the story:

- the topic trail (``#ffcbox-story-topic-1``): "Fanfiction / Shelf / Fandom / Title", its
  category links (``/c/``) after the first two the fandom (the deepest one), its last
  step the story itself;
- the story card (``div.story-left``): the title (``h4.huge-font``, perhaps linking
  ``/s/<id>/``), the author linking ``/u/<name>``, the short description
  (``#story-summary-inline``, a placeholder sentence when there is none), the characters as
  ``span.badge-character``, a line "Geschichte > Abenteuer, Drama / P16 / Het": the genres,
  the rating and the pairing type after an arrow icon, and icons whose ``title`` names what
  follows them: "erstellt" (published), "aktualisiert" (updated), "Fertiggestellt"
  (complete), "in Arbeit", "Pausiert" or "Abgebrochen" (unfinished);
- the chapter menu (``select#kA`` of "1. Title" options) and the chapter in
  ``div#storytext``.

The shape is the one public scrapers of the site select (FanFicFare's adapter, scrapy
spiders of the archive). Ratings are the archive's age marks (P6-P18, P18-AVL), read
through the rating vocabulary; the page is German.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.parse import values
from fandex.parse.dates import parse_date
from fandex.read.document import RawDocument
from fandex.read.htmltext import by_id
from fandex.read.sitepage import chapter_page, classes, summary_text, text

_STORY_LINK = re.compile(r"^(?:https?://[^/]*)?/s/[0-9a-f]+/", re.IGNORECASE)
_AUTHOR_LINK = re.compile(r"^(?:https?://[^/]*)?/u/", re.IGNORECASE)
_CATEGORY_LINK = re.compile(r"/c/\d+", re.IGNORECASE)
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")
# "Abenteuer, Drama / P16 / Het": parts split on a spaced slash (a genre holds an unspaced
# one, "Schmerz/Trost"); the rating is the part that is an age mark.
_PART_SPLIT = re.compile(r"\s+/\s+")
_RATING = re.compile(r"^P\d{1,2}(?:-AVL)?$", re.IGNORECASE)
_CHAPTER_NUMBER = re.compile(r"^\d+\.\s*")
_UNFINISHED = frozenset({"in arbeit", "pausiert", "abgebrochen"})
# The card's words when the author wrote no description.
_NO_SUMMARY = re.compile(r"^\(?\s*der autor hat keine kurzbeschreibung", re.IGNORECASE)


def _icon_text(icon: Any) -> str:
    """The text an icon labels: what follows it up to the next element."""
    return " ".join((icon.tail or "").split())


def _by_icon_title(card: Any) -> dict[str, str]:
    """Icon ``title`` (lower case) -> the text after the icon."""
    out: dict[str, str] = {}
    for span in card.iter("span"):
        title = (span.get("title") or "").strip().casefold()
        if title and title not in out:
            out[title] = _icon_text(span)
    return out


def _genres_rating_pairing(card: Any) -> tuple[list[str], str | None, str | None]:
    """The genres, the age mark and the pairing type after the card's arrow icon."""
    arrow = next((s for s in card.iter("span") if "fa-angle-right" in classes(s)), None)
    if arrow is None:
        return [], None, None
    parts = [p.strip() for p in _PART_SPLIT.split(_icon_text(arrow)) if p.strip()]
    at = next((i for i, p in enumerate(parts) if _RATING.match(p)), None)
    if at is None:
        return [], None, None
    genres = [g.strip() for g in " / ".join(parts[:at]).split(",") if g.strip()]
    pairing = parts[at + 1] if at + 1 < len(parts) else None
    return genres, parts[at], pairing


def _fandom(root: Any) -> str | None:
    """The deepest category of the topic trail below the site's two shelves."""
    trail = by_id(root, "ffcbox-story-topic-1")
    if trail is None:
        return None
    links = [a for a in trail.iter("a") if text(a)]
    shelves = [a for a in links if _CATEGORY_LINK.search(a.get("href") or "")]
    if not shelves:  # a trail saved without its addresses: every step but the story's
        shelves = [a for a in links if not _STORY_LINK.match(a.get("href") or "")]
    # "Fanfiction / Shelf / Fandom": the first two steps are the site's shelves.
    return text(shelves[-1]) if len(shelves) >= 3 else None


def _title(card: Any) -> str | None:
    heading = next(
        (h for h in card.iter("h1", "h2", "h3", "h4") if "huge-font" in classes(h)), None
    )
    if heading is None:
        heading = next((a for a in card.iter("a") if _STORY_LINK.match(a.get("href") or "")), None)
    if heading is None:  # a card whose heading is classed and linked otherwise
        heading = next((h for h in card.iter("h1", "h2", "h3", "h4") if text(h)), None)
    return text(heading) or None


def _chapter_menu(root: Any) -> Any | None:
    menu = next((s for s in root.iter("select") if s.get("id") == "kA"), None)
    return menu if menu is not None else next(iter(root.iter("select")), None)


def read_ffde(root: Any) -> RawDocument | None:
    """A FanFiktion.de chapter page, or None when the page is not one."""
    body = by_id(root, "storytext")
    card = next((d for d in root.iter("div") if "story-left" in classes(d)), None)
    if body is None or card is None:
        return None
    meta: dict[str, Any] = {"producer": "fanfiktion.de", "language": "de", "fields": {}}
    if title := _title(card):
        meta["title"] = title
    author = next((a for a in card.iter("a") if _AUTHOR_LINK.match(a.get("href") or "")), None)
    if author is not None and text(author):
        meta["authors"] = [text(author)]
    summary = summary_text(by_id(root, "story-summary-inline"))
    if summary and len(summary) < 5000 and not _NO_SUMMARY.match(summary):
        meta["summary"] = summary
    stated: list[tuple[str, str]] = []
    genres, rating, pairing = _genres_rating_pairing(card)
    if rating:
        stated.append(("Rating", rating))
    if genres:
        stated.append(("Genre", ", ".join(genres)))
    if pairing and values.category_of(pairing):
        stated.append(("Category", pairing))
    cast = [text(s) for s in card.iter("span") if "badge-character" in classes(s) and text(s)]
    if cast:
        stated.append(("Characters", ", ".join(dict.fromkeys(cast))))
    icons = _by_icon_title(card)
    for label, key in (("erstellt", "published"), ("aktualisiert", "updated")):
        m = _DATE.search(icons.get(label, ""))
        if m and (iso := parse_date(m.group(0))):
            meta[key] = iso
    if "fertiggestellt" in icons:
        meta["status"] = "complete"
    elif _UNFINISHED & icons.keys():
        meta["status"] = "wip"
    if fandom := _fandom(root):
        meta["tags"] = [("fandom", fandom)]
    if stated:
        meta["stated_fields"] = stated
        meta["fields"].update(dict(stated))
    select = _chapter_menu(root)
    options = list(select.iter("option")) if select is not None else []
    chosen = next((o for o in options if o.get("selected") is not None), None)
    if chosen is not None and text(chosen):
        meta["chapter_title"] = _CHAPTER_NUMBER.sub("", text(chosen)) or text(chosen)
    return chapter_page(body, root, meta, "fanfiktion.de")


__all__ = ["read_ffde"]
