"""AO3 work pages saved from a browser ("Save page as" on ``/works/N``), not downloads.

The page wraps the work in site chrome (header, navigation, login and search forms,
kudos, comments, footer). Only four places hold the work: ``dl.work.meta.group`` (typed
tags, language, series, stats), ``div#workskin > div.preface.group`` (title, byline,
summary, notes), ``div#chapters`` (the text) and ``div.afterword`` (the work's end
notes). Everything is read from those by class, so chrome never reaches the text. The
metadata matches what :mod:`fandex.read.ao3` gives for the same work's download.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.errors import ReadError
from fandex.model import TAG_TYPES
from fandex.read import ao3, ao3_gates, sniff
from fandex.read.document import RawChapter, RawDocument
from fandex.read.htmltext import blocks_of, inner_html, parse_html, text_of
from fandex.read.sitepage import canonical, saved_from

# A dd's class that names its tag type (AO3 uses fandex's own type names).
_TAG_CLASSES = frozenset(TAG_TYPES)
_META_MARK = re.compile(rb"""class\s*=\s*["']work meta group["']""")
_AO3_MARKS = (b"archiveofourown", b"Archive of Our Own", b'id="workskin"')
# AO3's interstitial for works rated Mature/Explicit or unrated: saving it instead of
# the work is a common mistake, and read as a plain page it would import as a "work".
_ADULT_GATE = re.compile(
    rb"""class\s*=\s*["']caution["'][^>]*>\s*This work could have adult content"""
)
_CHAPTER_INDEX = re.compile(rb"""class\s*=\s*["']chapter index group["']""")
# The work's own preface (title and byline headings) inside #workskin: a saved page
# trimmed of its tag list (by the reader, a clipping tool, a "simplify page" view)
# still shows it.
_BYLINE_MARK = re.compile(rb"""class\s*=\s*["']byline heading["']""")
_WORK_HREF = re.compile(r"^(https?://[^/\s]+)?/works/(\d+)")
_AO3 = "https://archiveofourown.org"
_AO3_NAMES = (b"archiveofourown", b"Archive of Our Own", b"ao3.org")
_HOST = re.compile(r"^https?://[^/\s]+")


def _has(el: Any, *names: str) -> bool:
    return set(names) <= ao3.classes(el)


def _first(root: Any, tag: str, *names: str) -> Any | None:
    return next((el for el in root.iter(tag) if _has(el, *names)), None)


def _by_id(root: Any, ident: str) -> Any | None:
    return next((el for el in root.iter() if el.get("id") == ident), None)


def _clean(text: str) -> str:
    return " ".join(text.split())


def find_meta(root: Any) -> Any | None:
    """The page's ``dl.work.meta.group``, or None when this is not an AO3 work page."""
    return _first(root, "dl", "work", "meta", "group")


def _quote(module: Any | None) -> str | None:
    """The author text of a summary/notes module (its ``blockquote.userstuff``)."""
    if module is None:
        return None
    quote = _first(module, "blockquote", "userstuff")
    text = text_of(quote) if quote is not None else ""
    return text or None


def meta_list(dl: Any) -> dict[str, Any]:
    """Typed tags, language, series and stats from ``dl.work.meta.group``."""
    meta: dict[str, Any] = {"tags": [], "fields": {}, "producer": "ao3"}
    label = ""
    for el in dl:
        if not isinstance(el.tag, str):
            continue
        if el.tag == "dt":
            label = _clean(el.text_content()).rstrip(":").strip()
            continue
        if el.tag != "dd":
            continue
        cls = ao3.classes(el)
        kind = next((c for c in sorted(cls) if c in _TAG_CLASSES), None)
        if kind is None:
            kind = ao3.TAG_LABELS.get(label.lower())
        if kind is not None:
            names = [_clean(a.text_content()) for a in el.iter("a")]
            names = [n for n in names if n]
            meta["tags"].extend((kind, n) for n in names)
            meta["fields"][label or kind.title()] = ", ".join(names)
        elif "stats" in cls:
            # The inner dl's labels and values run together in text_content(); space them.
            text = " ".join(_clean(x.text_content()) for x in el.iter("dt", "dd") if x is not el)
            ao3._read_stats(text or el.text_content(), meta)
        elif "series" in cls:
            _series(el, meta)
        elif "language" in cls:
            value = _clean(el.text_content())
            meta["fields"][label or "Language"] = value
            meta["language"] = ao3.LANGUAGES.get(value.lower(), el.get("lang") or value)
        elif label:
            meta["fields"][label] = _clean(el.text_content())
        label = ""
    return meta


def _series(dd: Any, meta: dict[str, Any]) -> None:
    """The series name and its "Part 2 of Name" line; the previous/next links are chrome."""
    positions = [p for p in dd.iter("span") if "position" in ao3.classes(p)]
    if positions:
        meta["fields"]["Series"] = "; ".join(
            ao3.series_places(p.text_content(), [_clean(a.text_content()) for a in p.iter("a")])
            for p in positions
        )
    names = [_clean(a.text_content()) for a in dd.iter("a") if "/series/" in (a.get("href") or "")]
    if names:
        meta["series"] = names[0]


def preface(root: Any, meta: dict[str, Any]) -> None:
    """Title, authors, summary and notes from the work's own preface group."""
    skin = _by_id(root, "workskin")
    scope = skin if skin is not None else root
    group = next(
        (
            d
            for d in scope.iter("div")
            if _has(d, "preface", "group") and not ao3.classes(d) & {"chapter", "afterword"}
        ),
        None,
    )
    if group is None:
        return
    title = _first(group, "h2", "title")
    if title is not None and _clean(title.text_content()):
        meta["title"] = _clean(title.text_content())
    byline = _first(group, "h3", "byline")
    if byline is not None:
        authors = [ao3.author_name(a) for a in byline.iter("a") if a.get("rel") == "author"]
        meta["authors"] = [a for a in authors if a] or ao3._authors(byline)
    summary = _quote(_first(group, "div", "summary", "module"))
    if summary:
        meta["summary"] = summary
    notes = _quote(_first(group, "div", "notes", "module"))
    if notes:
        meta["notes_begin"] = notes


def _end_notes(root: Any) -> str | None:
    """The work's end notes: ``div#work_endnotes`` (in ``div.afterword``)."""
    module = _by_id(root, "work_endnotes")
    if module is None:
        after = _first(root, "div", "afterword")
        module = _first(after, "div", "end", "notes") if after is not None else None
    return _quote(module)


def _text_chapter(body: Any, title: str | None = None) -> RawChapter:
    # "Chapter Text" / "Work Text:" landmarks are screen-reader labels, not story.
    for landmark in list(body.iter("h3")):
        if _has(landmark, "landmark") and landmark.getparent() is not None:
            landmark.drop_tree()
    return RawChapter(title=title, blocks=blocks_of(body), html=inner_html(body))


def _chapter(div: Any) -> RawChapter:
    prefaces = [d for d in div if isinstance(d.tag, str) and _has(d, "chapter", "preface")]
    body = next((d for d in div.iter("div") if _has(d, "userstuff")), None)
    head = prefaces[0] if prefaces else None
    title = None
    if head is not None:
        h = _first(head, "h3", "title")
        if h is None:
            h = next(head.iter("h3"), None)
        if h is not None:
            title = ao3._CHAPTER_PREFIX.sub("", _clean(h.text_content())) or None
    chapter = _text_chapter(body, title) if body is not None else RawChapter(title=title)
    for group in prefaces:
        for module in group.iter("div"):
            if not _has(module, "module"):
                continue
            if _has(module, "end", "notes"):
                chapter.notes_end = chapter.notes_end or _quote(module)
            elif _has(module, "notes"):
                chapter.notes_begin = chapter.notes_begin or _quote(module)
            elif _has(module, "summary"):
                chapter.summary = chapter.summary or _quote(module)
    return chapter


def chapters(root: Any) -> list[RawChapter]:
    """The chapters on the page: every ``div.chapter`` of an "Entire Work" or chapter
    page, or the one ``div.userstuff`` of a one-chapter work."""
    box = _by_id(root, "chapters")
    if box is None:
        return []
    divs = [
        d
        for d in box.iter("div")
        if _has(d, "chapter") and (d.get("id") or "").startswith("chapter-")
    ]
    if divs:
        found = [_chapter(d) for d in divs]
    else:
        body = next((d for d in box.iter("div") if _has(d, "userstuff")), None)
        found = [_text_chapter(body if body is not None else box)]
    return [c for c in found if c.blocks]


def _site(data: bytes, root: Any) -> str | None:
    """The archive the page's relative links point into: its canonical address's host,
    else AO3 when the page names AO3. The archive software runs other archives too
    (SquidgeWorld's): a page naming none of them says no host, and its work ids are
    not AO3's."""
    found = _HOST.match(canonical(root) or "")
    if found:
        return found.group(0)
    return _AO3 if any(m in data for m in _AO3_NAMES) else None


def _url(data: bytes, root: Any) -> str | None:
    """The work's address: from the browser's "saved from" comment, else the page's
    own work links (relative on AO3), else the kudos form's work id."""
    work = _WORK_HREF.match(saved_from(data[:4096].decode("latin-1")) or "")
    if work and work.group(1):
        return f"{work.group(1)}/works/{work.group(2)}"
    site = _site(data, root)
    nav = _first(root, "ul", "work", "navigation")
    for el in nav.iter("a") if nav is not None else ():
        work = _WORK_HREF.match(el.get("href") or "")
        if work and (work.group(1) or site):
            return f"{work.group(1) or site}/works/{work.group(2)}"
    kudo = next((i for i in root.iter("input") if i.get("name") == "kudo[commentable_id]"), None)
    if site and kudo is not None and (kudo.get("value") or "").isdigit():
        return f"{site}/works/{kudo.get('value')}"
    return None


def read_page(data: bytes) -> RawDocument:
    """A document from a saved AO3 work page; ReadError when it is not one."""
    root = parse_html(data)
    dl = find_meta(root)
    if dl is None:
        # A page saved in place of the work: the adult-content warning, the chapter index.
        gate = ao3_gates.adult_gate(root) or ao3_gates.chapter_index(root)
        if gate is not None:
            return gate
        if _by_id(root, "workskin") is None:
            raise ReadError("not a saved AO3 work page (no work meta list)")
    # No tag list, the work's preface still in #workskin: the page without its tags.
    meta: dict[str, Any] = (
        meta_list(dl) if dl is not None else {"tags": [], "fields": {}, "producer": "ao3"}
    )
    preface(root, meta)
    url = _url(data, root)
    if url:
        meta["url"] = url
    end = _end_notes(root)
    if end:
        meta["notes_end"] = end
    chs = chapters(root)
    if not chs:
        raise ReadError("the saved AO3 page has no chapter text")
    notices = []
    done = meta["fields"].get("Chapters", "").partition("/")[0].strip()
    if done.isdigit() and int(done) > len(chs):
        notices.append(
            f"the page holds {len(chs)} of the work's {done} posted chapters; "
            "save the 'Entire Work' page to import all of it"
        )
    return RawDocument(format="html", chapters=chs, metadata=meta, notices=notices)


class Ao3PageReader:
    """An AO3 work page saved from a browser."""

    name = "ao3-page"
    extensions = (".html", ".htm", ".xhtml")

    def sniff(self, head: bytes, filename: str) -> float:
        """0.97 for HTML carrying AO3's ``dl.work.meta.group`` (or AO3's adult-content
        gate or chapter index, to name them as no work), or the work's byline inside
        ``#workskin`` (a page saved without its tag list): above the AO3 download reader,
        whose looser test also matches these pages, and the generic HTML one."""
        if sniff.html_score(head) <= 0 or not any(m in head for m in _AO3_MARKS):
            return 0.0
        marks = (_META_MARK, _ADULT_GATE, _CHAPTER_INDEX)
        if any(m.search(head) for m in marks):
            return 0.97
        return 0.97 if b'id="workskin"' in head and _BYLINE_MARK.search(head) else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Read the page; ReadError when it is not an AO3 work page or has no text."""
        return read_page(data)


__all__ = ["Ao3PageReader", "chapters", "find_meta", "meta_list", "preface", "read_page"]
