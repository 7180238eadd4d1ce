"""FanFiktion.de chapter pages saved from a browser.

FanFiktion.de is the largest German archive. A chapter page (``/s/<id>/<n>/<Title>``)
holds, outside the story:

- the topic trail (``#ffcbox-story-topic-1``): "Fanfiction / Shelf / Fandom", whose last
  step is the fandom;
- the story card (``div.story-left``): the title (a heading, linking ``/s/<id>/``), the author
  linking ``/u/<name>``, a line of genres and the rating after an arrow icon
  ("Abenteuer, Drama / P16"), and icons whose ``title`` names what follows them:
  "erstellt" (published), "aktualisiert" (updated), "Fertiggestellt" (complete),
  "Pausiert" or "Abgebrochen" (stopped);
- the chapter menu (a ``select`` of "1. Title" options) and the chapter in
  ``div#storytext``.

Ratings are the archive's age marks (P6-P18, P18-AVL), read through the rating
vocabulary; the page is German.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.parse.dates import parse_date
from fandex.read.document import RawDocument
from fandex.read.htmltext import by_id
from fandex.read.sitepage import chapter_page, classes, text

_STORY_LINK = re.compile(r"^(?:https?://[^/]*)?/s/[0-9a-f]+/", re.IGNORECASE)
_AUTHOR_LINK = re.compile(r"^(?:https?://[^/]*)?/u/", re.IGNORECASE)
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")
# "Abenteuer, Drama / P16": genres, then the rating after the last slash.
_GENRES_RATING = re.compile(r"^(?P<genres>.*?)\s*/\s*(?P<rating>P\d{1,2}(?:-AVL)?)\s*$", re.I)
_CHAPTER_NUMBER = re.compile(r"^\d+\.\s*")
_STOPPED = frozenset({"pausiert", "abgebrochen"})


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


def _genres_and_rating(card: Any) -> tuple[list[str], str | None]:
    arrow = next((s for s in card.iter("span") if "fa-angle-right" in classes(s)), None)
    if arrow is None:
        return [], None
    m = _GENRES_RATING.match(_icon_text(arrow))
    if m is None:
        return [], None
    genres = [g.strip() for g in m.group("genres").split(",") if g.strip()]
    return genres, m.group("rating")


def _fandom(root: Any) -> str | None:
    trail = by_id(root, "ffcbox-story-topic-1")
    if trail is None:
        return None
    steps = [text(a) for a in trail.iter("a") if text(a)]
    # "Fanfiction / Shelf / Fandom": the steps above the fandom are the site's shelves.
    return steps[-1] if len(steps) >= 3 else None


def read_ffde(root: Any) -> RawDocument | None:
    """A FanFiktion.de chapter page, or None when the page is not one."""
    body = by_id(root, "storytext")
    card = next((d for d in root.iter("div") if "story-left" in classes(d)), None)
    if body is None or card is None:
        return None
    meta: dict[str, Any] = {"producer": "fanfiktion.de", "language": "de", "fields": {}}
    title = next((a for a in card.iter("a") if _STORY_LINK.match(a.get("href") or "")), None)
    if title is None:  # a card whose heading links nothing
        title = next((h for h in card.iter("h1", "h2", "h3", "h4") if text(h)), None)
    if title is not None and text(title):
        meta["title"] = text(title)
    author = next((a for a in card.iter("a") if _AUTHOR_LINK.match(a.get("href") or "")), None)
    if author is not None and text(author):
        meta["authors"] = [text(author)]
    stated: list[tuple[str, str]] = []
    genres, rating = _genres_and_rating(card)
    if rating:
        stated.append(("Rating", rating))
    if genres:
        stated.append(("Genre", ", ".join(genres)))
    icons = _by_icon_title(card)
    for label, key in (("erstellt", "published"), ("aktualisiert", "updated")):
        m = _DATE.search(icons.get(label, ""))
        if m and (iso := parse_date(m.group(0))):
            meta[key] = iso
    if "fertiggestellt" in icons:
        meta["status"] = "complete"
    elif _STOPPED & icons.keys():
        meta["status"] = "wip"
    if fandom := _fandom(root):
        meta["tags"] = [("fandom", fandom)]
    if stated:
        meta["stated_fields"] = stated
        meta["fields"].update(dict(stated))
    select = next(iter(root.iter("select")), None)
    options = list(select.iter("option")) if select is not None else []
    chosen = next((o for o in options if o.get("selected") is not None), None)
    if chosen is not None and text(chosen):
        meta["chapter_title"] = _CHAPTER_NUMBER.sub("", text(chosen)) or text(chosen)
    return chapter_page(body, root, meta, "fanfiktion.de")


__all__ = ["read_ffde"]
