"""Twisting the Hellmouth (tthfanfic.org) chapter pages saved from a browser.

TtH is a Buffy the Vampire Slayer crossover archive. A chapter page
(``/Story-N-M/Author+Title.htm``) holds:

- the story's title in an ``h2``, the author linking ``/AuthorStories-N``;
- a stats table (``table.verticaltable``): a row of headings (Category, Genres, Rating,
  Chapters, Words, Recs, Reviews, Hits, Published, Updated, Complete) over a row of
  values; read by heading, not position;
- the category trail (``/Category-N`` links): the fandoms the story is filed under, with
  TtH's own sorting categories between them ("BtVS/AtS Non-Crossover", "General",
  "Non-BtVS/AtS Stories", "Xander-Centered", "Pairing: Willow");
- the chapter menu (``select[name=chapnav]``) and the chapter in
  ``div#storyinnerbody``, which opens with the chapter's title in an ``h3``.

A story filed under another fandom's category is a crossover with Buffy unless TtH
files it as a non-BtVS story. Ratings are TtH's FR7-FR21, read through the rating
vocabulary.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.parse.dates import parse_date
from fandex.read.document import RawDocument
from fandex.read.htmltext import blocks_of, by_id
from fandex.read.marked import MarkedPageReader
from fandex.read.sitepage import canonical, classes, text

_SITES = (b"tthfanfic", b"Twisting the Hellmouth", b"Twisting The Hellmouth")
_MARK = re.compile(rb"""storyinnerbody|class\s*=\s*["']?verticaltable|/AuthorStories-\d""")
_BTVS = "Buffy the Vampire Slayer"
# TtH's sorting categories, which are no fandom.
_SORTING = re.compile(
    r"^(?:general|other|btvs/ats non-crossover|non-btvs/ats stories|non-btvs crossovers|"
    r"non-btvs/ats crossovers|misc\w*|.*-centered|pairing:.*|"
    # TtH's top-level shelves, above the fandoms: "Television > Once Upon a Time".
    r"television|literature|movies|anime|games|comics|cartoons|music|theatre|theater|"
    r"real person fiction|web|crossovers?|btvs|ats)$",
    re.IGNORECASE,
)
_NON_BTVS = re.compile(r"non-btvs", re.IGNORECASE)
_OWN = re.compile(r"btvs/ats non-crossover", re.IGNORECASE)
# "3 Mar 10", "3\xa0Mar\xa010": TtH's short dates.
# 'This story is No. 13 in the series "The "On" Series". You may wish...': a title may
# hold quotes, so the name runs to the last quote before the full stop.
_SERIES = re.compile(r'This story is No\.\s*(\d+) in the series\s*["“](.+)["”]\.', re.IGNORECASE)
_SUMMARY = re.compile(r"^\s*Summary:\s*(.+)$", re.IGNORECASE | re.DOTALL)
# "(Current Donor)Listener": the site's donor badge before a name.
_DONOR = re.compile(r"^\s*\((?:current|past)\s+donor\)\s*", re.IGNORECASE)
_SHORT_DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2})$")


def _stats(root: Any) -> dict[str, str]:
    """The stats table's values by their headings."""
    table = next((t for t in root.iter("table") if "verticaltable" in classes(t)), None)
    if table is None:
        return {}
    rows = [r for r in table.iter("tr")]
    heads = next((r for r in rows if any(True for _ in r.iter("th"))), None)
    values = next((r for r in rows if r is not heads and any(True for _ in r.iter("td"))), None)
    if heads is None or values is None:
        return {}
    names = [text(th) for th in heads.iter("th")]
    cells = [text(td) for td in values.iter("td")]
    return {n: v for n, v in zip(names, cells, strict=False) if n and v}


def _date(shown: str) -> str | None:
    m = _SHORT_DATE.match(" ".join(shown.split()))
    if m:
        shown = f"{m.group(1)} {m.group(2)} 20{m.group(3)}"
    return parse_date(shown)


def _fandoms(root: Any) -> list[str]:
    """The fandoms the category trail files the story under."""
    names = [text(a) for a in root.iter("a") if re.match(r"^/?Category-\d", a.get("href") or "")]
    names = [n for n in names if n]
    fandoms = [n for n in names if not _SORTING.match(n)]
    if any(_OWN.search(n) for n in names):
        return [_BTVS]
    if names and not any(_NON_BTVS.search(n) for n in names):
        fandoms.insert(0, _BTVS)  # filed under another fandom: a crossover with Buffy
    out: list[str] = []
    for f in fandoms:
        if f not in out:
            out.append(f)
    return out


def _summary(root: Any, body: Any) -> str | None:
    """The "Summary: ..." the page shows above the chapter (outside its text)."""
    inside = set(body.iter())
    for el in root.iter("div", "p", "span", "td"):
        first = el[0] if len(el) else None
        opening = (el.text or "").strip() or (
            (first.text or "") if first is not None and isinstance(first.tag, str) else ""
        )
        if not opening.lstrip().lower().startswith("summary") or el in inside:
            continue
        m = _SUMMARY.match(text(el))
        if m and len(m.group(1)) < 3000:
            return m.group(1).strip()
    return None


def read_tth(root: Any) -> RawDocument | None:
    """A Twisting the Hellmouth chapter page, or None when the page is not one."""
    body = by_id(root, "storyinnerbody")
    if body is None:
        body = next((d for d in root.iter("div") if "storybody" in classes(d)), None)
    author = next(
        (a for a in root.iter("a") if "/AuthorStories-" in (a.get("href") or "") and text(a)), None
    )
    if body is None or author is None:
        return None
    meta: dict[str, Any] = {"producer": "tth", "fields": {}, "stated_fields": [], "tags": []}
    meta["authors"] = [_DONOR.sub("", text(author))]
    heading = next((h for h in root.iter("h2") if text(h)), None)
    if heading is not None:
        meta["title"] = text(heading)
    stats = _stats(root)
    meta["fields"].update(stats)
    if stats.get("Rating"):
        meta["stated_fields"].append(("Rating", stats["Rating"]))
    if stats.get("Complete"):
        meta["status"] = "complete" if stats["Complete"].casefold() == "yes" else "wip"
    for label, key in (("Published", "published"), ("Updated", "updated")):
        if stats.get(label) and (iso := _date(stats[label])):
            meta[key] = iso
    meta["tags"] = [("fandom", f) for f in _fandoms(root)]
    for p in root.iter("p"):
        if m := _SERIES.search(text(p)):
            meta["series"] = [{"name": m.group(2), "position": int(m.group(1))}]
            break
    summary = _summary(root, body)
    if summary:
        meta["summary"] = summary
    heads = [h for h in body.iter("h3") if text(h)]
    chapter = None
    if len(heads) <= 1:
        meta["single_chapter"] = True
        select = next((s for s in root.iter("select") if s.get("name") == "chapnav"), None)
        chosen = (
            next((o for o in select.iter("option") if o.get("selected") is not None), None)
            if select is not None
            else None
        )
        if heads:
            chapter = text(heads[0])
            heads[0].drop_tree()  # the chapter's title, not its text
        elif chosen is not None:
            chapter = re.sub(r"^\d+\.\s*", "", text(chosen))
    blocks = blocks_of(body)
    if not any(b.text.strip() for b in blocks):
        return None
    if chapter:
        meta["chapter_title"] = chapter
    url = canonical(root)
    if url and "tthfanfic.org" in url:
        meta["url"] = url
    return RawDocument(format="html", blocks=blocks, metadata=meta)


class TthPageReader(MarkedPageReader):
    """A Twisting the Hellmouth chapter page saved from a browser."""

    name = "tth"
    score = 0.95
    sites = _SITES
    mark = _MARK
    missing = "not a Twisting the Hellmouth chapter page (no story text)"

    def read_root(self, root: Any) -> RawDocument | None:
        return read_tth(root)


__all__ = ["TthPageReader", "read_tth"]
