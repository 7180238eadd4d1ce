"""eFiction story pages saved from a browser: ``viewstory.php`` (one chapter, or the
story's index), and the printable page (``action=printable``, every chapter).

eFiction (the PHP archive script behind hundreds of fandom archives) prints a story's
facts as a run of labels: ``<span class="label">Rated:</span> NC-17<br>``, then
Categories, Characters, the archive's own classes (Genres, Warnings, Pairings), Series,
Chapters, Completed, Word count, Published and Updated. Those are read as stated header
fields. ``#pagetitle`` holds "Title by Author"; notes sit in ``div.notes`` boxes; the
chapter is ``#story`` on a chapter page, and ``div.chaptertitle`` + ``div.chapter``
pairs on the printable page. An index page (metadata and a chapter list, no chapter)
reads as a document with no story, which the importer skips.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import Any

import lxml.html

from fandex.parse import values
from fandex.read.document import Block, RawChapter, RawDocument
from fandex.read.htmltext import (
    blocks_of,
    by_id,
    inner_html,
    parse_html,
    squashed_text,
    tag_of,
    text_of,
)
from fandex.read.marked import MarkedPageReader
from fandex.read.pagemeta import without_heading
from fandex.read.sitefandom import site_fandom
from fandex.read.sitepage import classes as _classes
from fandex.vocab import names
from fandex.vocab.ao3 import load_toml

_SNIFF_MARK = re.compile(
    rb"""class\s*=\s*["']?(?:label|chaptertitle|noteinfo)\b|id\s*=\s*["']?(?:pagetitle|pagelinks)\b""",
    re.IGNORECASE,
)
_SNIFF_TEXT = re.compile(_SNIFF_MARK.pattern.decode(), re.IGNORECASE)
_NOTE_LABEL = re.compile(r"notes?\s*:?\s*$", re.IGNORECASE)
# Values that say a field is empty ("Series: None", "Challenges: None").
_EMPTY = frozenset({"none", "n/a", "-", ""})
_KEEP_NONE = frozenset({"warnings", "warning"})  # "Warnings: None" says something
_BY = re.compile(r"\s+by\s+[^\n]{1,80}$")


@cache
def _byline_end() -> re.Pattern[str]:
    """A byline word ending a text ("Title by", "Titel von"): header.toml [byline]."""
    words = load_toml("header.toml")["byline"]["words"]
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:^|\s)(?:{alt})\s*$", re.IGNORECASE)


@cache
def _note_words() -> dict[str, tuple[str, ...]]:
    table = load_toml("header.toml")["note_labels"]
    return {k: tuple(w.casefold() for w in v) for k, v in table.items()}


def is_note_label(label: str) -> bool:
    """Whether a short label names a note box ("Kapitel Bemerkung", "Story Notes").

    >>> is_note_label("Kapitel Abschlussbemerkung"), is_note_label("Warning")
    (True, False)
    """
    words = re.findall(r"[\w/]+", label.casefold())
    notes = _note_words()["note"]
    return 0 < len(words) <= 4 and any(w.startswith(notes) or w.endswith(notes) for w in words)


def note_kind(label: str) -> str:
    """Whose note a box's label names: ``"story"``, ``"end"`` (the chapter's end
    notes) or ``"chapter"``.

    >>> note_kind("Story Notes:"), note_kind("Kapitel Abschlussbemerkung:"), note_kind("A/N")
    ('story', 'end', 'chapter')
    """
    words = re.findall(r"\w+", label.casefold())
    for kind in ("story", "end"):
        if any(w.startswith(_note_words()[kind]) for w in words):
            return kind
    return "chapter"


def read_efiction_title(root: Any, meta: dict[str, Any]) -> None:
    """eFiction's ``div#pagetitle``: "<a viewstory>Title</a> by <a viewuser>Author</a>";
    a skin without it heads the page ``<h3>Title by <a viewuser>Author</a></h3>``."""
    title_div = by_id(root, "pagetitle")
    if title_div is None:
        title_div = _byline_heading(root)
        if title_div is None:
            return
        lead = " ".join((title_div.text or "").split())
        title = _byline_end().sub("", lead).strip()
        if title:
            meta["title"] = title
    for a in title_div.iter("a"):
        href = a.get("href") or ""
        if "viewstory.php" in href and "title" not in meta:
            meta["title"] = " ".join(a.text_content().split())
        elif "viewuser.php" in href:
            meta.setdefault("authors", []).append(" ".join(a.text_content().split()))
    if meta:
        meta["producer"] = "efiction"
    title_div.drop_tree()


def _byline_heading(root: Any) -> Any | None:
    """The first heading that reads "Title by <a viewuser.php>Author</a>" (the title
    may be a link to the story, the byline word the archive's language's: "von")."""
    for el in root.iter("h1", "h2", "h3", "h4"):
        user = next((a for a in el.iter("a") if "viewuser.php" in (a.get("href") or "")), None)
        if user is None:
            continue
        before = user.getprevious()
        lead = (before.tail if before is not None else el.text) or ""
        if _byline_end().search(lead):
            return el
    return None


def _is_label(el: Any) -> bool:
    return tag_of(el) == "span" and "label" in _classes(el)


def _value_after(span: Any) -> tuple[str, list[str]]:
    """The text after a label span up to the next label or the line's ``<br>``, and the
    texts of the links in it (eFiction links each category, character and class)."""
    parts = [span.tail or ""]
    links: list[str] = []
    for sib in span.itersiblings():
        if _is_label(sib) or any(_is_label(d) for d in sib.iter("span")):
            break
        if tag_of(sib) == "br":
            if "".join(parts).strip():
                break
            continue
        parts.append(sib.text_content())
        parts.append(sib.tail or "")
        links += [t for a in sib.iter("a") if (t := squashed_text(a))]
    return " ".join("".join(parts).split()), links


def labelled_fields(root: Any) -> list[tuple[str, str, list[str]]]:
    """The story's labelled facts ``(label, value, link texts)`` in page order, note box
    titles and empty values ("Series: None") left out."""
    out: list[tuple[str, str, list[str]]] = []
    for span in root.iter("span"):
        if not _is_label(span):
            continue
        label = squashed_text(span).rstrip(":").strip()
        if not label or _NOTE_LABEL.search(label):
            continue
        value, links = _value_after(span)
        if value.casefold() in _EMPTY and label.casefold() not in _KEEP_NONE:
            continue
        out.append((label, value, links))
    return out


def stated_fields(fields: list[tuple[str, str, list[str]]], meta: dict[str, Any]) -> None:
    """The facts as header fields, with eFiction's meanings: "Series" is the story's
    series, not a TV series; "Categories" are fandoms on a multi-fandom archive but the
    archive's own themes on a single-fandom one, so a category becomes a fandom only
    when a fandom pack knows it, an AO3 category when it is one ("Slash"), its fandom
    and character when it names a pack's character ("Tenth Doctor" on a Doctor Who
    archive, which files stories by era), and a freeform tag otherwise."""
    stated: list[tuple[str, str]] = []
    for label, value, links in fields:
        key = label.casefold()
        if key == "summary":
            meta["summary"] = value
        elif key == "series":
            meta["series"] = value
        elif key in ("categories", "category"):
            items = links or [value]
            for item in items:
                if values.category_of(item) or (
                    not values.is_known_fandom(item) and names.character_fandom(item)
                ):
                    # An AO3 category, or a character or era the archive files by: the
                    # header's Category reading gives its fandom and character.
                    stated.append(("Category", item))
                elif values.is_known_fandom(item):
                    stated.append(("Fandom", item))
                else:
                    stated.append(("Tags", item))
        else:
            stated.append((label, value))
    meta["stated_fields"] = stated


def _note_boxes(root: Any) -> list[tuple[str, Any]]:
    """``(label, noteinfo element)`` for every notes box, in page order."""
    out: list[tuple[str, Any]] = []
    for info in root.iter("div"):
        if "noteinfo" not in _classes(info):
            continue
        box = info.getparent()
        label = ""
        while box is not None and not label:
            title = next((d for d in box.iter() if "title" in _classes(d) or _is_label(d)), None)
            label = squashed_text(title) if title is not None else ""
            box = box.getparent() if not label else box
        out.append((label.casefold(), info))
    return out


def _notes(root: Any, meta: dict[str, Any]) -> tuple[str | None, str | None]:
    """The story's notes into ``meta``; the chapter's own begin and end notes returned."""
    begin = end = None
    for label, info in _note_boxes(root):
        text = text_of(info) or None
        kind = note_kind(label)
        if kind == "story":
            meta["notes_begin"] = text
        elif kind == "end":
            end = text
        else:
            begin = text
    return begin, end


# A quoted note's own label: a short phrase ending in a colon, first in the quote.
_QUOTE_LABEL = re.compile(r"^\s*(?P<label>[^\n:]{1,40}):\s*")


def _quoted_notes(story: Any, meta: dict[str, Any]) -> tuple[str | None, str | None]:
    """A skin without notes boxes sets the notes as ``<blockquote>`` beside the story's
    div: one before it is the chapter's begin notes (the story's when its label says
    so: "Story Notes:"), one after it (``End notes: ...``) the end notes. The label is
    the box's, not the note's."""
    begin: list[str] = []
    end: list[str] = []
    story_notes: list[str] = []

    def unlabelled(quote: Any) -> tuple[str, str]:
        text = text_of(quote)
        m = _QUOTE_LABEL.match(text)
        if m is None or not is_note_label(m.group("label")):
            return "", text  # "Warning: ..." is the note's own first line
        return m.group("label"), text[m.end() :].strip()

    for sib in story.itersiblings(preceding=True):
        if tag_of(sib) == "blockquote":
            label, text = unlabelled(sib)
            (story_notes if note_kind(label) == "story" else begin).insert(0, text)
        elif tag_of(sib) not in ("br",):
            break
    for sib in story.itersiblings():
        if tag_of(sib) == "blockquote":
            end.append(unlabelled(sib)[1])
        elif tag_of(sib) not in ("br",):
            break
    if any(story_notes):
        meta["notes_begin"] = "\n\n".join(t for t in story_notes if t)
    return ("\n\n".join(t for t in begin if t) or None, "\n\n".join(t for t in end if t) or None)


def _chapter_title(root: Any) -> str | None:
    """The chapter a chapter page holds: the jump menu's chosen option."""
    for option in root.iter("option"):
        if option.get("selected") is None:
            continue
        # The option's value is the chapter's URL, or (eFiction's own jump menu) its
        # number, with the URL built in the select's onChange.
        select = next((a for a in option.iterancestors("select")), None)
        where = " ".join(
            [option.get("value") or ""]
            + (
                [select.get("onchange") or "", select.get("name") or ""]
                if select is not None
                else []
            )
        )
        if "chapter" in where.casefold():
            return re.sub(r"^\d+\.\s*", "", squashed_text(option)) or None
    return None


def _printable_chapters(root: Any) -> list[RawChapter]:
    """Chapters of the printable page: each ``div.chaptertitle`` with the notes and the
    ``div.chapter`` after it."""
    chapters: list[RawChapter] = []
    for head in root.iter("div"):
        if "chaptertitle" not in _classes(head):
            continue
        title = _BY.sub("", squashed_text(head)) or None
        chapter = RawChapter(title=title)
        for sib in head.itersiblings():
            cls = _classes(sib)
            if "chaptertitle" in cls:
                break
            if "chapter" in cls:
                chapter.blocks = blocks_of(sib)
                chapter.html = inner_html(sib)
            elif "notes" in cls:
                text = text_of(next((d for d in sib.iter() if "noteinfo" in _classes(d)), sib))
                if chapter.blocks:
                    chapter.notes_end = text or None
                else:
                    chapter.notes_begin = text or None
        if chapter.blocks:
            chapters.append(chapter)
    return chapters


# reviews.php: "Reviews for <Story> by <Author>" over each review's "Reviewer:" label.
_REVIEWS_TITLE = re.compile(r"^\s*reviews?\s+(?:for|of)\b", re.IGNORECASE)


def _reviews_page(root: Any) -> bool:
    """Whether the page is eFiction's page of a story's reviews."""
    head = by_id(root, "pagetitle")
    if head is not None and _REVIEWS_TITLE.match(squashed_text(head)):
        return True
    labels = [el for el in root.iter("span") if "label" in _classes(el)]
    return sum(1 for el in labels if squashed_text(el).rstrip(": ").casefold() == "reviewer") >= 2


def read_efiction(root: Any, html: str = "") -> RawDocument:
    """An eFiction story page: its labelled facts, notes and chapter text (none on an
    index page). ``html``, the page's text, may hold where it was saved from."""
    meta: dict[str, Any] = {"fields": {}}
    read_efiction_title(root, meta)
    meta["producer"] = "efiction"
    fields = labelled_fields(root)
    stated_fields(fields, meta)
    if fandom := site_fandom(root, html):
        # "Categories: Multi-Era" on "A Doctor Who Fanfiction Archive": the site's
        # fandom, when the page states none.
        meta["fallback_tags"] = [("fandom", fandom)]
    meta["fields"] = {label: value for label, value, _ in fields}
    chapters = _printable_chapters(root)
    if chapters:
        _notes_outside_chapters(root, meta)
        # A skin that prints its facts as bold labels ("<b>Rating:</b> Teen") leaves no
        # label spans: the lines above the chapters are the story's header, read as one.
        preface = [] if fields else _preface_blocks(root)
        return RawDocument(format="html", blocks=preface, chapters=chapters, metadata=meta)
    story = by_id(root, "story")
    begin, end = _notes(root, meta)
    if story is not None and begin is None and end is None:
        begin, end = _quoted_notes(story, meta)
    blocks = blocks_of(story) if story is not None else []
    if not blocks:
        # No chapter on the page: what it shows is the story's index, kept as its text
        # (the importer skips the page, or keeps it flagged as metadata only).
        if _listed_stories(root) >= 2 and "title" not in meta:
            # No story's page title and several stories linked: an author's page or a
            # category's listing (A Teaspoon's author page lists each story's block).
            meta["page_kind"] = "a list of stories"
            return RawDocument(
                format="html", blocks=_index_blocks(root, stories=True), metadata=meta
            )
        meta["page_kind"] = "a page of reviews" if _reviews_page(root) else "a story index page"
        return RawDocument(format="html", blocks=_index_blocks(root), metadata=meta)
    shown = next((d for d in root.iter("div") if "chaptertitle" in _classes(d)), None)
    title = _chapter_title(root) or (_BY.sub("", squashed_text(shown)) if shown is not None else "")
    if title:
        meta["chapter_title"] = title
        # The chapter's title shown over its text (eFiction 3's own skin prints it bold
        # and centred inside div#story) is the title, not the story's first line.
        blocks = without_heading(blocks, title)
    if begin:
        meta["notes_begin"] = (
            f"{meta['notes_begin']}\n\n{begin}" if meta.get("notes_begin") else begin
        )
    if end:
        meta["notes_end"] = end
    return RawDocument(format="html", blocks=blocks, metadata=meta)


_SID = re.compile(r"viewstory\.php\?(?:[^#]*?&(?:amp;)?)?sid=(\d+)")


def _listed_stories(root: Any) -> int:
    """How many stories the page links to (an author's page, a category's listing)."""
    return len({m.group(1) for a in root.iter("a") if (m := _SID.search(a.get("href") or ""))})


def _index_blocks(root: Any, *, stories: bool = False) -> list[Block]:
    """The lines of the page's chapter list (else its summary), for an index page;
    with ``stories``, the lines linking the stories a listing shows."""
    seen: list[Any] = []
    for a in root.iter("a"):
        href = a.get("href") or ""
        if "viewstory.php" in href and ("chapter=" in href or stories):
            line = a.getparent()
            while line is not None and tag_of(line) not in ("p", "li", "div", "td", "body"):
                line = line.getparent()
            if line is not None and all(line is not s for s in seen):
                seen.append(line)
    blocks = [b for el in seen for b in blocks_of(el)]
    if blocks:
        return blocks
    return [Block("paragraph", v) for k, v, _ in labelled_fields(root) if k.casefold() == "summary"]


def _preface_blocks(root: Any) -> list[Block]:
    """The blocks of the box holding the first chapter, up to that chapter's title (the
    story's facts on a printable page); notes boxes and the title box left out."""
    first = next((d for d in root.iter("div") if "chaptertitle" in _classes(d)), None)
    box = first.getparent() if first is not None else None
    if box is None:
        return []
    holder = lxml.html.Element("div")
    for el in list(box):
        if el is first:
            break
        cls = _classes(el)
        if "notes" in cls or el.get("id") == "pagetitle":
            continue
        holder.append(copy.deepcopy(el))
    return blocks_of(holder)


def _notes_outside_chapters(root: Any, meta: dict[str, Any]) -> None:
    for label, info in _note_boxes(root):
        if "story" in label:
            meta["notes_begin"] = text_of(info) or None
            return


class EfictionPageReader(MarkedPageReader):
    """An eFiction ``viewstory.php`` page (chapter, index or printable) saved from a
    browser: above the generic HTML reader when it links ``viewstory.php`` and has
    eFiction's label, page title or chapter title markup."""

    name = "efiction-page"
    extensions = (".html", ".htm", ".php")
    score = 0.92
    sites = (b"viewstory.php",)
    mark = _SNIFF_MARK

    def read_root(self, root: Any) -> RawDocument | None:
        return read_efiction(root)

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Read the page, with the address its first bytes may say it was saved from."""
        return read_efiction(parse_html(data), data[:4096].decode("latin-1"))


def is_efiction_page(text: str) -> bool:
    """Whether a page's text (all of it, not only the first bytes) has eFiction's story
    links and its label, page title or chapter title markup."""
    return "viewstory.php" in text and _SNIFF_TEXT.search(text) is not None


__all__ = [
    "EfictionPageReader",
    "is_efiction_page",
    "labelled_fields",
    "read_efiction",
    "read_efiction_title",
]
