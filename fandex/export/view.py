"""What the export templates see: a work laid out as AO3 lays out a download.

One :class:`WorkView` feeds the EPUB (one file per chapter) and the HTML export (one
file); only the link targets differ, which :func:`work_view` decides from ``epub``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from markupsafe import Markup

from fandex.export.markup import Link, locate_footnotes, text_to_paragraphs
from fandex.export.tags import Threshold, by_author, exportable_tags, tag_groups, threshold_for
from fandex.export.xhtml import html_to_xhtml
from fandex.model import Chapter, SeriesEntry, Tag, Work
from fandex.review import flag_tag
from fandex.tag.reconcile import deciding

_BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
AFTERWORD_FILE = "afterword.xhtml"


@cache
def _language_names() -> dict[str, str]:
    text = resources.files("fandex.export").joinpath("languages.toml").read_text("utf-8")
    names: dict[str, str] = tomllib.loads(text)["names"]
    return names


def language_code(value: str | None) -> str | None:
    """A BCP 47 code for ``value`` (a code already, or a language name), else None.

    >>> language_code("English"), language_code("pt-BR"), language_code("Klingon")
    ('en', 'pt-BR', None)
    """
    if not value or not value.strip():
        return None
    value = value.strip()
    named = _language_names().get(value.casefold())
    if named:
        return named
    return value if _BCP47.match(value) else None


def iso_date(value: str | None) -> str | None:
    """``value`` if it is a W3C date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), else None."""
    if value and _DATE.match(value[:10]):
        return value[:10]
    return None


def chapter_heading(chapter: Chapter, position: int) -> str:
    """AO3's chapter heading: ``Chapter 2`` or ``Chapter 2: The Title``."""
    return f"Chapter {position}: {chapter.title}" if chapter.title else f"Chapter {position}"


def paragraphs(text: str | None) -> Markup:
    """A plain-text field (summary, notes) as paragraphs; empty Markup when blank."""
    return text_to_paragraphs(text) if text and text.strip() else Markup("")


@dataclass
class ChapterView:
    """One chapter as the templates show it: heading, notes and body markup."""

    position: int  # 1-based reading order
    heading: str | None  # None for a single untitled chapter, as AO3 does
    toc_title: str
    file: str  # the EPUB content document; "" in the HTML export
    summary: Markup
    notes_begin: Markup
    notes_end: Markup
    body: Markup


@dataclass
class FootnoteView:
    """One footnote with its number (for ids), mark, text and back link."""

    number: int
    mark: str
    text: Markup
    back_href: str | None  # to the reference in the chapter, when it was found


@dataclass
class FlagView:
    """A guess fandex holds against the author's word (a possible missing warning, a
    rating that disagrees), as the title page's "fandex noticed" section lists it."""

    kind: str
    type: str
    name: str
    source: str
    confidence: float
    stated: str


def _flag_views(work: Work, min_confidence: Threshold) -> list[FlagView]:
    """The flags that name a guess sure enough to export, one per name."""
    out: list[FlagView] = []
    seen: set[tuple[str, str]] = set()
    for flag in work.flags:
        tag = flag_tag(flag)
        if tag is None or tag.key in seen or work.find_tag(tag.type, tag.name) is not None:
            continue
        if tag.confidence < threshold_for(tag.type, min_confidence):
            continue
        seen.add(tag.key)
        stated = [t.name for t in work.tags if t.type == tag.type and deciding(t)]
        out.append(
            FlagView(
                kind=str(flag.get("kind", "")),
                type=tag.type,
                name=tag.name,
                source=tag.source,
                confidence=tag.confidence,
                stated=", ".join(stated),
            )
        )
    return out


@dataclass
class WorkView:
    """The whole work as the templates show it (see :func:`work_view`)."""

    title: str
    authors: list[str]
    language: str | None  # as the work states it, shown in the tag list
    lang: str  # BCP 47 for xml:lang / dc:language ("und" when unknown)
    tags: list[Tag]
    groups: list[tuple[str, str, list[Tag]]]  # the author's (and a person's) tags
    noticed: list[tuple[str, str, list[Tag]]]  # fandex's guesses, with their confidence
    flags: list[FlagView]
    series: list[SeriesEntry]
    stats: str
    summary: Markup
    notes: Markup
    endnotes: Markup
    chapters: list[ChapterView]
    footnotes: list[FootnoteView]
    epub: bool
    published: str | None = None

    @property
    def has_afterword(self) -> bool:
        return bool(self.endnotes or self.footnotes)

    def href(self, file: str, anchor: str) -> str:
        """A link to ``anchor`` in ``file`` (the same document in the HTML export)."""
        return f"{file}#{anchor}" if self.epub else f"#{anchor}"


def _stats(work: Work) -> str:
    parts: list[str] = []
    published, updated = iso_date(work.published), iso_date(work.updated)
    if published:
        parts.append(f"Published: {published}")
    if updated and updated != published:
        parts.append(f"{'Completed' if work.status == 'complete' else 'Updated'}: {updated}")
    parts.append(f"Words: {work.words:,}")
    n = len(work.chapters)
    # AO3 writes done/total; "n/n" would claim a work complete when fandex does not know.
    total = {"wip": "/?", "complete": f"/{n}"}.get(work.status or "", "")
    parts.append(f"Chapters: {n}{total}")
    return " ".join(parts)


def work_view(work: Work, *, epub: bool, min_confidence: Threshold = None) -> WorkView:
    """Lay ``work`` out for the templates; ``epub`` decides file names and link targets."""
    tags = exportable_tags(work, min_confidence)
    files = [f"chapter-{i:03d}.xhtml" if epub else "" for i in range(1, len(work.chapters) + 1)]
    refs = locate_footnotes(work)
    links: dict[int, list[Link]] = {}
    footnotes: list[FootnoteView] = []
    for number, note in enumerate(work.footnotes, start=1):
        ref = refs.get(number)
        back = None
        if ref is not None:
            target = f"{AFTERWORD_FILE}#fn-{number}" if epub else f"#fn-{number}"
            links.setdefault(ref.chapter, []).append(
                Link(ref.start, ref.end, target, f"fnref-{number}", "noteref")
            )
            back = f"{files[ref.chapter]}#fnref-{number}" if epub else f"#fnref-{number}"
        footnotes.append(FootnoteView(number, note.mark, paragraphs(note.text), back))

    multi = len(work.chapters) > 1
    chapters: list[ChapterView] = []
    for pos, ch in enumerate(work.chapters):
        heading = chapter_heading(ch, pos + 1) if multi or ch.title else None
        if ch.html and ch.html.strip():
            body = html_to_xhtml(ch.html)
        else:
            body = text_to_paragraphs(
                ch.text, sorted(links.get(pos, []), key=lambda k: k.start), epub=epub
            )
        chapters.append(
            ChapterView(
                position=pos + 1,
                heading=heading,
                toc_title=heading or work.title,
                file=files[pos],
                summary=paragraphs(ch.summary),
                notes_begin=paragraphs(ch.notes_begin),
                notes_end=paragraphs(ch.notes_end),
                body=body,
            )
        )
    return WorkView(
        title=work.title or "Untitled",
        authors=list(work.authors),
        language=work.language,
        lang=language_code(work.language) or "und",
        tags=tags,
        groups=tag_groups([t for t in tags if by_author(t)]),
        noticed=tag_groups([t for t in tags if not by_author(t)]),
        flags=_flag_views(work, min_confidence),
        series=list(work.series),
        stats=_stats(work),
        summary=paragraphs(work.summary),
        notes=paragraphs(work.notes_begin),
        endnotes=paragraphs(work.notes_end),
        chapters=chapters,
        footnotes=footnotes,
        epub=epub,
        published=iso_date(work.published),
    )
