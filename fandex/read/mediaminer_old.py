"""MediaMiner pages of the first layout (about 2002-2011), before ``h1#post-title``.

The shape FanFicFare's first MediaMiner adapter read (JimmXinu/FanFicFare,
fanficdownloader/adapters/adapter_mediaminerorg.py):

- a ``td.ffh`` cell: "<Title>: <Chapter>" and a ``font.smtxt`` "[ P - Pre-Teen ]"
  rating (with ``colspan`` the cell holds the title alone); the page's ``<title>``
  reads "MediaMiner: <Title> ( Chapter 2 )" or "MediaMiner - Fan Fic: <Title>";
- a ``tr[bgcolor=#EEEED4]`` row of facts: the author (a ``/fanfic/src.php/u/N`` link),
  the fandom (``/fanfic/src.php/a/`` links), genres (``/fanfic/src.php/g/``),
  "Latest Revision:" or "Uploaded On:", "Words:", "Status: Completed", "Summary: ...";
- a ``select[name=cid]`` of chapters, "Long Ones ( Chapter 2 ) [May 20, 2009]";
- the text after ``<a name="fic_c">``: ``div[align=left]`` paragraphs, or on the
  oldest pages loose text and ``<br>`` up to the chapter links and footer.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import lxml.html

from fandex.parse.dates import parse_date
from fandex.read.document import RawDocument
from fandex.read.pagemeta import without_heading
from fandex.read.sitepage import chapter_page, classes, text

_AUTHOR_LINK = re.compile(r"/fanfic/src\.php/u/\d")
_PAGE_TITLE = re.compile(r"^MediaMiner(?:\s*-\s*Fan Fic)?\s*:\s*(?P<t>.+?)(?:\s*\(\s*[^()]*\))?$")
_OPTION = re.compile(r"^(?P<name>.*?)\s*(?:\(\s*[^()]*\)\s*)?\[(?P<date>[^\]]+)\]$")
# (Both layouts' facts read the same way: SUMMARY, STAMP and links serve read_mediaminer too.)
SUMMARY = re.compile(r"\bSummary:\s*(?P<s>.+)$", re.DOTALL)
STAMP = re.compile(r"(?P<label>Uploaded On|Latest Revision):\s*(?P<date>[A-Za-z]+ \d{1,2}, \d{4})")
_RATING = re.compile(r"^\[\s*(?P<r>[^:\]]+?)\s*(?::[^\]]*)?\]$")
# What sits among the text on the oldest pages: headers, chapter links, the footer.
_CHROME_CLASSES = frozenset({"ffh", "acl", "footer", "tbbrdr"})


def _facts_row(root: Any) -> Any | None:
    return next(
        (tr for tr in root.iter("tr") if (tr.get("bgcolor") or "").upper() == "#EEEED4"), None
    )


def links(root: Any, prefix: str | tuple[str, ...]) -> list[str]:
    """The texts of the links under ``root`` whose address opens with ``prefix``, once
    each, in order."""
    found = [text(a) for a in root.iter("a") if (a.get("href") or "").startswith(prefix)]
    return list(dict.fromkeys(n for n in found if n))


def _title_and_chapter(root: Any, cell: Any) -> tuple[str, str | None]:
    """The story's title and the chapter's, from the ``td.ffh`` cell (the page's
    ``<title>`` when the cell gives none)."""
    holder = copy.deepcopy(cell)
    for font in list(holder.iter("font")):
        font.drop_tree()
    shown = text(holder)
    if holder.get("colspan") or ":" not in shown:
        title, chapter = shown, None
    else:
        title, _, chapter = shown.rpartition(":")
    page = next(root.iter("title"), None)
    if not title.strip() and page is not None and (m := _PAGE_TITLE.match(text(page))):
        title = m.group("t")
    return title.strip(), (chapter or "").strip() or None


def _text_after_anchor(anchor: Any) -> Any:
    """The story after ``<a name="fic_c">``: its ``div[align=left]`` paragraphs, else
    everything after the anchor in the page without the site's boxes."""
    holder = lxml.html.Element("div")
    paragraphs = [
        d for d in anchor.itersiblings() if d.tag == "div" and d.get("align", "").lower() == "left"
    ]
    if paragraphs:
        for d in paragraphs:
            p = lxml.html.Element("p")
            p.text, p[:] = d.text, [copy.deepcopy(c) for c in d]
            holder.append(p)
        return holder
    holder.text = anchor.tail
    el = anchor
    while el is not None and el.tag not in ("body", "html"):
        for sib in el.itersiblings():
            if isinstance(sib.tag, str) and (
                classes(sib) & _CHROME_CLASSES or sib.tag in ("form", "select", "script")
            ):
                continue
            holder.append(copy.deepcopy(sib))
        el = el.getparent()
    return holder


def read_mediaminer_old(root: Any) -> RawDocument | None:
    """A first-layout MediaMiner chapter page, or None when the page is not one."""
    cell = next((td for td in root.iter("td") if "ffh" in classes(td)), None)
    facts = _facts_row(root)
    anchor = next((a for a in root.iter("a") if a.get("name") == "fic_c"), None)
    if cell is None or facts is None or anchor is None:
        return None
    author = next((a for a in root.iter("a") if _AUTHOR_LINK.search(a.get("href") or "")), None)
    if author is None:
        return None
    meta: dict[str, Any] = {"producer": "mediaminer", "fields": {}, "stated_fields": []}
    title, chapter = _title_and_chapter(root, cell)
    if title:
        meta["title"] = title
    if text(author):
        meta["authors"] = [text(author)]
    stated: list[tuple[str, str]] = meta["stated_fields"]
    rating = next((f for f in cell.iter("font") if "smtxt" in classes(f)), None)
    if rating is not None and (m := _RATING.match(text(rating))):
        stated.append(("Rating", m.group("r")))
    for label, prefix in (("Fandom", "/fanfic/src.php/a/"), ("Genre", "/fanfic/src.php/g/")):
        if names := links(facts, prefix):
            stated.append((label, ", ".join(names)))
    line = text(facts)
    if m := SUMMARY.search(line):
        meta["summary"] = m.group("s").strip()
    if (m := STAMP.search(line)) and (iso := parse_date(m.group("date"))):
        meta["updated"] = iso
    if "Status:" in line:  # a one-shot's row may say nothing of it
        meta["status"] = "complete" if "Status: Completed" in line else "wip"
    options = [
        (o, m)
        for o in root.iter("option")
        if (o.getparent() is not None and o.getparent().get("name") == "cid")
        and (m := _OPTION.match(text(o)))
    ]
    if options and (first := parse_date(options[0][1].group("date"))):
        meta["published"] = first
    elif "updated" in meta:
        meta["published"] = meta.pop("updated")
    picked = next((m for o, m in options if o.get("selected") is not None), None)
    if picked is not None and picked.group("name").strip():
        chapter = picked.group("name").strip()
    doc = chapter_page(_text_after_anchor(anchor), root, meta, "mediaminer.org")
    if doc is not None and chapter and chapter != title:
        doc.metadata["chapter_title"] = chapter
        doc.blocks = without_heading(doc.blocks, chapter)
    return doc


__all__ = ["read_mediaminer_old"]
