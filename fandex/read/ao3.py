"""AO3 downloads (HTML, and the same pages inside AO3's EPUB).

AO3 writes one structure everywhere: ``div#preface`` (``p.message`` with the work's
URL, ``dl.tags`` with typed ``dt``/``dd`` pairs, ``h1`` title, ``div.byline``,
"Summary" and "Notes" blockquotes), chapters as ``div.meta.group`` (``h2.heading``
plus the chapter's own summary and notes) followed by ``div.userstuff``, chapter end
notes in ``div#endnotesN``, and ``div#afterword`` with the work's end notes.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

import lxml.etree as etree

from fandex.errors import ReadError
from fandex.read import fandex_export, sniff
from fandex.read.document import RawChapter, RawDocument
from fandex.read.htmltext import blocks_of, inner_html, parse_html, tag_of, text_of
from fandex.read.sitepage import classes as classes  # the readers' one reading of class

# AO3's dt labels (singular and plural forms both occur) -> fandex tag type.
TAG_LABELS = {
    "rating": "rating",
    "ratings": "rating",
    "archive warning": "warning",
    "archive warnings": "warning",
    "category": "category",
    "categories": "category",
    "fandom": "fandom",
    "fandoms": "fandom",
    "relationship": "relationship",
    "relationships": "relationship",
    "character": "character",
    "characters": "character",
    "additional tags": "freeform",
}
# The languages AO3 names in a download -> ISO 639-1 (the rest are kept as written).
LANGUAGES = {
    "english": "en", "español": "es", "français": "fr", "deutsch": "de", "italiano": "it",
    "português brasileiro": "pt-BR", "português europeu": "pt-PT", "русский": "ru",
    "中文-普通话 國語": "zh", "日本語": "ja", "polski": "pl", "nederlands": "nl",
    "svenska": "sv", "suomi": "fi", "dansk": "da", "norsk": "no", "한국어": "ko",
    "tiếng việt": "vi", "bahasa indonesia": "id", "türkçe": "tr", "čeština": "cs",
}  # fmt: skip
_STATS = re.compile(
    r"(Published|Updated|Completed|Words|Chapters|Comments|Kudos|Bookmarks|Hits):\s*"
    r"([^\s].*?)(?=\s*(?:Published|Updated|Completed|Words|Chapters|Comments|Kudos|"
    r"Bookmarks|Hits):|\s*$)",
    re.S,
)
_CHAPTER_PREFIX = re.compile(r"^Chapter\s+\d+\s*:\s*(?=\S)", re.I)


def _tag_lists(root: Any) -> list[Any]:
    return [dl for dl in root.iter("dl") if "tags" in classes(dl)]


def _typed(dl: Any) -> bool:
    labels = {" ".join(dt.text_content().split()).rstrip(":").lower() for dt in dl.iter("dt")}
    return bool(labels & {"fandom", "fandoms", "rating", "archive warning"})


def is_ao3(root: Any) -> bool:
    """True when the page carries AO3's preface structure: ``div#preface`` with a tag
    list or AO3's message, or (in EPUBs that lost the id) a ``dl.tags`` of AO3 labels."""
    for el in root.iter("div"):
        if el.get("id") == "preface":
            if _tag_lists(el) or "Archive of Our Own" in el.text_content():
                return True
            break
    return any(_typed(dl) for dl in _tag_lists(root))


def find_preface(root: Any) -> Any | None:
    """``div#preface``, or the block around AO3's tag list when the id is missing."""
    for el in root.iter("div"):
        if el.get("id") == "preface":
            return el
    for dl in _tag_lists(root):
        if _typed(dl):
            parent = dl.getparent()
            # The tag list sits in div.meta next to the title and byline; take that div.
            while parent is not None and not list(parent.iter("h1")):
                parent = parent.getparent()
            return parent if parent is not None else dl.getparent()
    return None


def labelled_blockquotes(container: Any) -> dict[str, str]:
    """``{"Summary": text, "Notes": text}``: AO3 puts a label paragraph before each
    blockquote of author text."""
    out: dict[str, str] = {}
    label: str | None = None
    for el in container.iter():
        tag = tag_of(el)
        if tag in ("p", "h2", "h3", "div") and "userstuff" not in classes(el) and len(el) <= 1:
            text = " ".join(el.text_content().split()).rstrip(":")
            if text and len(text) < 40:
                label = text
                continue
        if tag == "blockquote" and label:
            out.setdefault(label, text_of(el))
            label = None
    return out


def preface_metadata(preface: Any) -> dict[str, Any]:
    """Title, authors, summary, notes, typed tags and stats from ``div#preface``."""
    meta: dict[str, Any] = {"tags": [], "fields": {}, "producer": "ao3"}
    for a in preface.iter("a"):
        href = a.get("href") or ""
        if "/works/" in href:
            meta["url"] = href
            break
    for dl in preface.iter("dl"):
        if "tags" in classes(dl):
            _read_tags(dl, meta)
            break
    h1 = next(preface.iter("h1"), None)
    if h1 is not None and h1.text_content().strip():
        meta["title"] = " ".join(h1.text_content().split())
    else:
        msg = next((p for p in preface.iter("p") if "message" in classes(p)), None)
        bold = next(msg.iter("b"), None) if msg is not None else None
        if bold is not None and bold.text_content().strip():
            meta["title"] = " ".join(bold.text_content().split())
    byline = next((d for d in preface.iter("div") if "byline" in classes(d)), None)
    if byline is not None:
        meta["authors"] = _authors(byline)
    quotes = labelled_blockquotes(preface)
    if "Summary" in quotes:
        meta["summary"] = quotes["Summary"]
    if "Notes" in quotes:
        meta["notes_begin"] = quotes["Notes"]
    return meta


def _read_tags(dl: Any, meta: dict[str, Any]) -> None:
    label = ""
    for el in dl:
        tag = tag_of(el)
        if tag == "dt":
            label = " ".join(el.text_content().split()).rstrip(":").strip()
        elif tag == "dd" and label:
            value = " ".join(el.text_content().split())
            key = label.lower()
            if key in TAG_LABELS:
                names = [" ".join(a.text_content().split()) for a in el.iter("a")]
                if not names:
                    names = [n.strip() for n in value.split(",")]
                meta["tags"].extend((TAG_LABELS[key], n) for n in names if n)
                meta["fields"][label] = ", ".join(n for n in names if n)
            elif key == "stats":
                _read_stats(el.text_content(), meta)
            else:
                meta["fields"][label] = value
                if key == "language":
                    meta["language"] = LANGUAGES.get(value.lower(), value)
                elif key == "series":
                    links = [a.text_content().strip() for a in el.iter("a")]
                    meta["series"] = links[0] if links else value
                    meta["fields"][label] = series_places(value, links)
            label = ""


def series_places(text: str, names: list[str]) -> str:
    """``Part N of Name`` for each series link ``names`` the field ``text`` places.

    AO3's older pages wrote ``Part 1 of the Name series``, where the words around the
    link are not the series' name; the link is.

    >>> series_places("Part 1 of the Counting Drabbles series", ["Counting Drabbles"])
    'Part 1 of Counting Drabbles'
    """
    text = " ".join(text.split())
    places = []
    for name in names:
        m = re.search(rf"\bPart\s+(\d+)\s+of\s+(?:the\s+)?{re.escape(name)}", text, re.I)
        if m:
            places.append(f"Part {m.group(1)} of {name}")
    return "; ".join(places) if places else text


def _read_stats(text: str, meta: dict[str, Any]) -> None:
    stats = {k: " ".join(v.split()) for k, v in _STATS.findall(text)}
    meta["fields"].update(stats)
    if "Published" in stats:
        meta["published"] = stats["Published"]
    if "Completed" in stats:
        meta["updated"] = stats["Completed"]
        meta["status"] = "complete"
    elif "Updated" in stats:
        meta["updated"] = stats["Updated"]
    chapters = stats.get("Chapters", "")
    done, _, total = chapters.partition("/")
    if total.strip() == "?" or (total.strip().isdigit() and done.strip() != total.strip()):
        meta["status"] = "wip"
    elif total.strip().isdigit() and done.strip() == total.strip():
        meta["status"] = "complete"


# An author link's href: /users/USER/pseuds/PSEUD (absolute or not, maybe URL-quoted).
_PSEUD_HREF = re.compile(r"/users/([^/?#]+)/pseuds/([^/?#]+)")


def author_name(a: Any) -> str:
    """The name an AO3 author link shows, as the pseud: AO3 writes a pseud that is not the
    account's name as "Pseud (user)", linking /users/user/pseuds/Pseud; the pseud is the
    creator's name ("IncompleteSentanc (Erava)" -> "IncompleteSentanc"). A name without
    such a link, or whose brackets are not that account, is kept as written.

    >>> from lxml import html
    >>> author_name(html.fragment_fromstring(
    ...     '<a href="/users/Erava/pseuds/Incomplete%20S">Incomplete S (Erava)</a>'))
    'Incomplete S'
    >>> author_name(html.fragment_fromstring('<a href="/users/X/pseuds/X">X (Ed.)</a>'))
    'X (Ed.)'
    """
    name = " ".join(a.text_content().split())
    found = _PSEUD_HREF.search(a.get("href") or "")
    if found is None:
        return name
    user, pseud = (unquote(part).replace("+", " ") for part in found.groups())
    if name.casefold() == f"{pseud} ({user})".casefold():
        return pseud
    return name


def _authors(byline: Any) -> list[str]:
    linked = [author_name(a) for a in byline.iter("a")]
    if linked:
        return [a for a in linked if a]
    text = re.sub(r"^\s*by\s+", "", " ".join(byline.text_content().split()), flags=re.I)
    return [a.strip() for a in re.split(r",\s*|\s+and\s+", text) if a.strip()]


def rel_authors(root: Any) -> list[str]:
    """The authors AO3's preface links with ``rel="author"``, in any of its parts: calibre
    renames the byline's class and may split the preface over two pages, the byline in
    the second (an AO3 HTML download converted to EPUB lost its author so)."""
    names: list[str] = []
    for div in root.iter("div"):
        if div.get("id") != "preface":
            continue
        for a in div.iter("a"):
            name = author_name(a)
            if "author" in (a.get("rel") or "").split() and name and name not in names:
                names.append(name)
    return names


def chapters(root: Any) -> list[RawChapter]:
    """Chapters in document order; a work without chapter headings is one chapter."""
    out: list[RawChapter] = []
    walker = etree.iterwalk(root, events=("start",))
    for _event, el in walker:
        tag = tag_of(el)
        if tag != "div":
            continue
        cls, ident = classes(el), el.get("id") or ""
        if ident in ("preface", "afterword"):
            walker.skip_subtree()
        elif "meta" in cls and "group" in cls:
            out.append(_chapter_head(el))
            walker.skip_subtree()
        elif ident.startswith("endnotes"):
            notes = labelled_blockquotes(el)
            if out:
                out[-1].notes_end = next(iter(notes.values()), None) or text_of(el)
            walker.skip_subtree()
        elif "userstuff" in cls:
            if ident == "chapters" and _has_chapter_meta(el):
                continue  # the wrapper of a multi-chapter work: look inside
            if not out or out[-1].blocks:
                out.append(RawChapter(title=None))
            landmarks = set(el.xpath('.//*[contains(concat(" ", @class, " "), " landmark ")]'))
            out[-1].blocks = blocks_of(el, skip=landmarks)
            out[-1].html = inner_html(el)
            walker.skip_subtree()
    return [c for c in out if c.blocks or c.title]


def _has_chapter_meta(el: Any) -> bool:
    return any("meta" in classes(d) and "group" in classes(d) for d in el.iter("div"))


def _chapter_head(meta: Any) -> RawChapter:
    heading = next((h for h in meta.iter("h2", "h3") if "heading" in classes(h)), None)
    if heading is None:
        heading = next(meta.iter("h2", "h3"), None)
    title = " ".join(heading.text_content().split()) if heading is not None else None
    if title:
        title = _CHAPTER_PREFIX.sub("", title)
    quotes = labelled_blockquotes(meta)
    return RawChapter(
        title=title or None,
        summary=quotes.get("Chapter Summary") or quotes.get("Summary"),
        notes_begin=quotes.get("Chapter Notes") or quotes.get("Notes"),
    )


def afterword_notes(root: Any) -> str | None:
    """The work's end notes from ``div#afterword``."""
    for el in root.iter("div"):
        if el.get("id") == "afterword":
            quotes = labelled_blockquotes(el)
            return quotes.get("End Notes") or None
    return None


def read_ao3_root(root: Any, fmt: str) -> RawDocument:
    """A document from a parsed AO3 page (or the joined pages of an AO3 EPUB)."""
    preface = find_preface(root)
    meta: dict[str, Any] = preface_metadata(preface) if preface is not None else {"producer": "ao3"}
    if not meta.get("authors") and (linked := rel_authors(root)):
        meta["authors"] = linked
    fandex_export.recognise(preface, meta)
    end = afterword_notes(root)
    if end:
        meta["notes_end"] = end
    chs = chapters(root)
    if not chs:
        raise ReadError("the AO3 download has no chapter text")
    return RawDocument(format=fmt, chapters=chs, metadata=meta)


class Ao3HtmlReader:
    """AO3's own HTML download."""

    name = "ao3-html"
    extensions = (".html", ".htm")

    def sniff(self, head: bytes, filename: str) -> float:
        """0.95 for HTML carrying AO3's preface; 0 otherwise."""
        if sniff.html_score(head) <= 0:
            return 0.0
        if b"archiveofourown.org" in head and (b'id="preface"' in head or b"dl class" in head):
            return 0.95
        return 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Read the download; ReadError when it carries no AO3 structure."""
        root = parse_html(data)
        if not is_ao3(root):
            raise ReadError("not an AO3 download (no preface with tags)")
        return read_ao3_root(root, "html")
