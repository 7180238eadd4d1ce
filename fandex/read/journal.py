"""Journal entries saved from LiveJournal, Dreamwidth and their clones (InsaneJournal,
Dreamwidth's ``?format=light``), where a lot of older fan fiction was first posted.

The page wraps one entry in chrome: the journal's header and sidebar, the poster's
icon and name, mood/music/location lines, entry tags, "Post a new comment" links and
the comment threads. The fic is inside the entry's body (``div.entry-content`` and its
older names), usually under its own header (``Title: / Fandom: / Pairing: / Rating:``)
which the parse stage reads like any story header. The entry's subject and poster are
kept as fallbacks: a header's ``Title:`` and ``Author:`` win over them.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.errors import ReadError
from fandex.parse.dates import parse_date
from fandex.parse.labels import field_for
from fandex.parse.lines import parts_line
from fandex.parse.values import map_rating
from fandex.read.blogcard import known_fandoms
from fandex.read.document import Block, RawDocument
from fandex.read.htmltext import blocks_of
from fandex.read.htmltext import squashed_text as _text
from fandex.read.journal_fill import comment_fill
from fandex.read.marked import MarkedPageReader
from fandex.read.sitepage import classes as _classes

# The entry body's class in Dreamwidth, LiveJournal (old and new site styles, S2
# layouts) and their clones.
_BODY_CLASSES = (
    "entry-content",
    "entry_text",
    "entry-text",
    "entrytext",
    "asset-body",
    "b-singlepost-body",
    "aentry-post__text",
    # S2 layouts' own names: Smooth Sailing and Nebula, Dear Diary and The Boxer,
    # Tranquility II and Cuteness Attack, Gradient Strip.
    "entryText",
    "entrycontent",
    "entry-item",
    "contentbody",
)
_TITLE_CLASSES = ("entry-title", "subject", "b-singlepost-title", "aentry-post__title")
# Other layouts name the subject "entry-subject", "entryHeader-subject", "entrysubject".
_SUBJECTISH = re.compile(r"subject$", re.IGNORECASE)
# The entry's furniture some layouts put inside the entry body: its tag list and the
# mood/music/location block ("currents", "CurrentStuff", "entryMetadata", Dreamwidth's
# "metadata"), left out of the text.
_FURNITURE = re.compile(r"^(?:ljtags|entry-tags|tag|currents?|currentstuff|\w*metadata)$", re.I)
# A closing paragraph of such lines typed by the layout without a class.
_CURRENT_LINE = re.compile(
    r"^\s*(?:current\s+)?(?:mood|music|location|tags)\s*:\s*\S", re.IGNORECASE
)
_STRICT_CURRENT_LINE = re.compile(r"^\s*current\s+(?:mood|music|location)\s*:\s*\S", re.I)


def currents_block(block: Block, *, strict: bool = False) -> bool:
    """Whether ``block`` is nothing but a journal's "Current Mood: / Current Music:"
    lines (``strict``: each line says "Current", as LiveJournal's old styles print
    them; else "Mood:", "Music:" and "Tags:" lines count too)."""
    line = _STRICT_CURRENT_LINE if strict else _CURRENT_LINE
    lines = [ln for ln in block.text.split("\n") if ln.strip()]
    return bool(lines) and all(line.match(ln) for ln in lines)


_POSTER_CLASSES = ("entry-poster", "poster", "b-singlepost-author", "aentry-head__author")
# The entry's date: Dreamwidth and old LiveJournal styles, LiveJournal's 2013 and 2017
# site styles.
_DATE_CLASSES = ("datetime", "entry-date", "b-singlepost-author-date", "aentry-head__date")
# Other layouts' date boxes: "date", "entryHeaderDate", "entry_date".
_DATEISH = re.compile(r"date$", re.IGNORECASE)
_SITES = (b"dreamwidth", b"livejournal", b"insanejournal", b"lj:user", b"ljuser")
_BODY_MARK = re.compile(
    rb"class\s*=\s*[\"'][^\"']*\b(?:"
    + b"|".join(re.escape(c.encode()) for c in _BODY_CLASSES)
    + rb")\b"
)
# "[FIC]", "[TEST]" tags and a "Fic:" lead-in before a subject's title, also one naming
# the fandom or the form ("SPN fic:", "Merlin drabble:", "New fic:").
_SUBJECT_TAGS = re.compile(
    r"^\s*(?:\[[^\]]{1,30}\]\s*)+"
    r"|^\s*(?:[^\W\d][\w .'&+-]{0,40}?\s+)?(?:fic|fanfic|ficlet|drabble|fanfiction)\s*:\s*",
    re.I,
)
# "Ebb (2/3)", "Ebb [Part 1 of 3]": the part count is the post's, not the title's.
_PART_COUNT = re.compile(r"\s*[\[(]\s*(?:part\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3}\s*[\])]\s*$", re.I)


def _first(root: Any, names: tuple[str, ...]) -> Any | None:
    """The first element carrying one of the class ``names``, outside comment threads."""
    wanted = set(names)
    for el in root.iter():
        if isinstance(el.tag, str) and _classes(el) & wanted and not _in_comment(el):
            return el
    return None


def _first_classed(root: Any, pattern: re.Pattern[str], outside: Any) -> Any | None:
    """The first element with a class matching ``pattern``, outside comment threads and
    neither inside nor holding ``outside`` (the entry's body)."""
    for el in root.iter():
        if not isinstance(el.tag, str) or not any(pattern.search(c) for c in _classes(el)):
            continue
        if el is outside or any(a is outside for a in el.iterancestors()):
            continue
        if any(a is el for a in outside.iterancestors()) or _in_comment(el):
            continue
        return el
    return None


def _all(root: Any, names: tuple[str, ...]) -> list[Any]:
    """Every element carrying one of the class ``names``, outside comment threads, none
    inside another."""
    wanted = set(names)
    out: list[Any] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or not _classes(el) & wanted:
            continue
        # Elements come in document order: one inside an earlier match is inside the
        # last match taken.
        inside = bool(out) and any(a is out[-1] for a in el.iterancestors())
        if not inside and not _in_comment(el):
            out.append(el)
    return out


# Containers a journal's old "light" layout puts an entry in, without a class to say so.
_BOXES = ("div", "td", "blockquote", "article", "section")
# A container holding this share of its parent's text is where the text is.
_DOMINANT = 0.6


def _text_len(el: Any, seen: dict[Any, int]) -> int:
    """Characters a reader sees in ``el`` (scripts and styles are not text), counted
    once per element."""
    if el not in seen:
        texts = el.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")
        seen[el] = len(" ".join(" ".join(texts).split()))
    return seen[el]


def _unmarked_body(root: Any) -> Any | None:
    """The entry of a page whose layout names no entry class (LiveJournal's old
    ``?format=light``: the poster line, the navigation, then a bare ``<div>`` holding
    subject and text): walk down from the body into the box that holds most of the
    text, while one does."""
    node = next(root.iter("body"), None)
    if node is None:
        return None
    seen: dict[Any, int] = {}
    for _depth in range(12):
        total = _text_len(node, seen)
        if total == 0:
            return None
        boxes = [c for c in node.iterdescendants(*_BOXES) if not _in_comment(c)]
        best = max(boxes, key=lambda b: _text_len(b, seen), default=None)
        if best is None or _text_len(best, seen) < _DOMINANT * total:
            break
        node = best
    return None if node.tag == "body" else node


def _in_comment(el: Any) -> bool:
    node = el.getparent()
    while node is not None:
        ident = f"{node.get('id') or ''} {node.get('class') or ''}".lower()
        if "comment" in ident and "entry" not in ident:
            return True
        node = node.getparent()
    return False


_WROTE = re.compile(r"\)\s*wrote\b", re.IGNORECASE)


def is_journal_page(root: Any) -> bool:
    """A page of LiveJournal's code (LiveJournal, Dreamwidth, InsaneJournal...) in any
    layout: its entry opens with the poster's byline, "name (<user link>) wrote"."""
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("lj:user") and not _in_comment(el):
            parent = el.getparent()
            if parent is not None and _WROTE.search(parent.text_content()):
                return True
    return False


def part_links(block: Block) -> bool:
    """Whether ``block`` is a line linking a story's parts ("Part One | Part Two | Part
    Three", "<< Part 1 | Masterpost | Part 3 >>"): two or more such items, parted by
    bars or bullets, one at least a link.

    >>> from fandex.read.document import Span
    >>> part_links(Block("paragraph", "Part One | Part Two", spans=[Span(0, 8, "link")]))
    True
    >>> part_links(Block("paragraph", "Part One | Part Two"))
    False
    """
    return any(s.kind == "link" for s in block.spans) and parts_line(block.text)


def clean_subject(subject: str) -> str:
    """An entry subject as a title: without "[FIC]" style tags or a "Fic:" lead-in.

    >>> clean_subject("[TEST][FIC] Importing Test"), clean_subject("Fic: Low Tide")
    ('Importing Test', 'Low Tide')
    >>> clean_subject("SPN fic: Repave (2/3)"), clean_subject("New ficlet: Ebb")
    ('Repave', 'Ebb')
    """
    return " ".join(_PART_COUNT.sub("", _SUBJECT_TAGS.sub("", subject, count=1)).split())


_TAIL = re.compile(r"\s*[(\[]([^()\[\]]{1,160})[)\]]\s*$")
_FIELD_LINE = re.compile(r"^\s*[^\W\d][\w /'()&-]{0,30}:\s*(\S.*)$")
_HEAD_LINES = 25  # an entry's header runs this many lines at most


def _header_values(blocks: list[Any]) -> str:
    """The values of the "Label: value" lines that open an entry, one a line."""
    lines = [ln for b in blocks for ln in b.text.split("\n")][:_HEAD_LINES]
    return "\n".join(m.group(1) for ln in lines if (m := _FIELD_LINE.match(ln)))


def without_stated_tail(subject: str, head: str) -> str:
    """A subject without its trailing "(Fandom, Pairing, Rating)" when the entry's own
    header states each of those parts (``head``: its values, a line each): the
    poster's summary of the header, not the title.

    >>> without_stated_tail("Ebb (Harbour Tales, PG)", "Harbour Tales, PG-13")
    'Ebb'
    >>> without_stated_tail("Untitled (Again)", "Fandom: Harbour Tales")
    'Untitled (Again)'

    With no header to check against, a tail of two or more parts, one of them a
    rating code, is the poster's summary too:

    >>> without_stated_tail("Ebb (Harbour Tales, PG)", "")
    'Ebb'
    """
    folded = head.casefold()
    m = _TAIL.search(subject)
    if m is not None and m.start() > 0:
        parts = [p.strip() for p in re.split(r"[,;|]", m.group(1)) if p.strip()]
        if _stated_parts(parts, folded, 2):
            return subject[: m.start()].strip()
    # The same tail unbracketed, after a bar or a semicolon: "Ebb | Harbour Tales | PG",
    # "Repave (remix); Dean/Sister, Sam; R".
    for sep in (" | ", "; "):
        first, _, rest = subject.partition(sep)
        parts = [p.strip() for p in re.split(r"[,;|]", rest) if p.strip()]
        if first.strip() and _stated_parts(parts, folded, 1):
            return first.strip()
    return subject


def _stated_parts(parts: list[str], folded_head: str, least: int) -> bool:
    """Whether a subject's tail ``parts`` restate the header: each part is in it, or
    there are at least ``least`` parts and one is a rating code."""
    if not parts:
        return False
    if all(p.casefold() in folded_head for p in parts):
        return True
    return len(parts) >= least and any(_RATING_CODE.fullmatch(p) and map_rating(p) for p in parts)


def without_fandom_lead(subject: str, fandoms: list[str]) -> str:
    """A subject without the fandom the entry's header states leading it ("Harbour
    Tales - Ebb", "Harbour Tales: Ebb").

    >>> without_fandom_lead("Harbour Tales - Ebb", ["Harbour Tales"])
    'Ebb'
    >>> without_fandom_lead("Ebb - a study", ["Harbour Tales"])
    'Ebb - a study'
    """
    for fandom in fandoms:
        m = re.match(
            rf"\s*{re.escape(fandom.strip())}\s*(?:[-–—:|/]|\bfic\b)\s*(\S.*)$", subject, re.I
        )
        if fandom.strip() and m:
            return m.group(1).strip()
    return subject


def _stated_fandoms(blocks: list[Any]) -> list[str]:
    """The values of the "Fandom:" lines that open an entry."""
    lines = [ln for b in blocks for ln in b.text.split("\n")][:_HEAD_LINES]
    out: list[str] = []
    for ln in lines:
        label, sep, value = ln.partition(":")
        if sep and value.strip() and field_for(label.strip()) == "fandom":
            out.extend(v.strip() for v in re.split(r"[,/;]", value) if v.strip())
    return out


# A rating as a subject's tail gives it: "PG", "NC-17", "R", "FRT", "Teen" (a short code).
_RATING_CODE = re.compile(r"[A-Za-z][\w+-]{0,5}")


def poster(root: Any, body: Any) -> str | None:
    """The entry's poster: the journal user named in the entry's byline."""
    box = _first(root, _POSTER_CLASSES)
    scopes = [box] if box is not None else []
    scopes.append(root)
    for scope in scopes:
        for el in scope.iter():
            if not isinstance(el.tag, str) or el is body:
                continue
            name = el.get("lj:user") or el.get("data-ljuser")
            if name and not _in_comment(el):
                return str(name).strip()
    if box is not None:
        bold = next((b for b in box.iter("b") if _text(b)), None)
        if bold is not None:
            return _text(bold)
    return None


# A page with this many entries is a journal's list of entries (its recent entries, a
# tag's page, a day's page), not one post.
_LIST_ENTRIES = 3


def read_entry(root: Any, *, unmarked: bool = False) -> RawDocument | None:
    """The entry of a journal page, or None when the page holds none. With
    ``unmarked``, a page whose layout names no entry class is read from the box that
    holds its text."""
    bodies = _all(root, _BODY_CLASSES)
    if len(bodies) >= _LIST_ENTRIES:
        meta: dict[str, Any] = {"producer": "journal", "page_kind": "a journal's list of entries"}
        return RawDocument(format="html", blocks=blocks_of(bodies[0]), metadata=meta)
    body = bodies[0] if bodies else (_unmarked_body(root) if unmarked else None)
    if body is None:
        return None
    furniture = {
        el
        for el in body.iterdescendants()
        if isinstance(el.tag, str) and any(_FURNITURE.match(c) for c in _classes(el))
    }
    blocks = blocks_of(body, skip=furniture)
    while blocks and (currents_block(blocks[-1]) or part_links(blocks[-1])):
        blocks.pop()  # a closing "Current Mood: / Current Music:" paragraph
    while blocks and part_links(blocks[0]):
        blocks.pop(0)  # "Part One | Part Two | Part Three" over a series' part
    if not blocks:
        raise ReadError("the journal entry has no text")
    meta = {"producer": "journal", "fields": {}}
    who = poster(root, body)
    fill = comment_fill(root, blocks)
    if fill is not None:
        # A prompt meme's thread: the story is the fill in the comments, not the entry.
        blocks = fill.blocks
        meta["fields"]["Fill parts"] = str(fill.parts)
        if fill.title:
            meta["fallback_title"] = fill.title
        who = fill.poster
    title = _first(root, _TITLE_CLASSES)
    if title is None:
        title = _first_classed(root, _SUBJECTISH, body)
    subject = _text(title) if title is not None else ""
    if not subject:
        page_title = next(root.iter("title"), None)
        subject = _text(page_title) if page_title is not None else ""
        # The page's <title> is "journal | subject" (Dreamwidth) or "journal: subject"
        # (LiveJournal); the journal's name is not the entry's subject.
        subject = (
            re.sub(rf"^\s*{re.escape(who or '')}\s*(?:\||:)\s*", "", subject)
            if who
            else (subject.split(" | ", 1)[-1])
        )
    if subject and fill is None:
        meta["fields"]["Subject"] = subject
        title_text = without_stated_tail(clean_subject(subject), _header_values(blocks))
        title_text = without_fandom_lead(title_text, _stated_fandoms(blocks))
        meta["fallback_title"] = title_text or subject
    if who:
        meta["fields"]["Poster"] = who
        meta["fallback_authors"] = [who]
    stamp = _first(root, _DATE_CLASSES)
    if stamp is None:
        stamp = _first_classed(root, _DATEISH, body)
    if stamp is not None and (iso := parse_date(_text(stamp))):
        meta["published"] = iso
    tags = _first(root, ("tag", "ljtags", "entry-tags"))
    links = list(tags.iter("a")) if tags is not None else []
    if not links:
        # Every layout marks the entry's tag links rel="tag", whatever box holds them.
        links = [a for a in root.iter("a") if a.get("rel") == "tag" and not _in_comment(a)]
    if links:
        names = [_text(a) for a in links if _text(a)]
        if names:
            meta["fields"]["Entry tags"] = ", ".join(names)
            if fandoms := known_fandoms(names):
                meta["fallback_tags"] = fandoms
    return RawDocument(format="html", blocks=blocks, metadata=meta)


class JournalReader(MarkedPageReader):
    """A LiveJournal or Dreamwidth entry page saved from a browser: above the generic
    HTML reader, below the AO3 and FanFiction.net ones."""

    name = "journal"
    score = 0.93
    sites = _SITES
    mark = _BODY_MARK
    missing = "not a journal entry page (no entry text)"

    def read_root(self, root: Any) -> RawDocument | None:
        return read_entry(root)


__all__ = [
    "JournalReader",
    "clean_subject",
    "currents_block",
    "is_journal_page",
    "poster",
    "read_entry",
    "without_stated_tail",
]
