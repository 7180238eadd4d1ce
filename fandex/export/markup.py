"""Text and chapter markup for exports: paragraphs, footnote links, sanitised HTML.

Everything here returns :class:`markupsafe.Markup` that is well-formed XHTML as well
as valid HTML, so the EPUB and the HTML export share one set of templates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import nh3
from markupsafe import Markup, escape

from fandex.model import Work

# Characters XML 1.0 forbids; a stray one in a chapter would make the EPUB unreadable.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# What an exported chapter may contain: text structure only. No images, scripts,
# styles or ids (our own ids must stay unique; a remote image breaks the EPUB).
ALLOWED_TAGS: set[str] = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "div", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "ol", "p",
    "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}, "abbr": {"title"}}
_SAFE_HREF = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot carry."""
    return _XML_INVALID.sub("", text)


def _keep_attribute(tag: str, attr: str, value: str) -> str | None:
    # Relative and fragment links would point at files or ids the export lacks.
    if attr == "href" and not _SAFE_HREF.match(value.strip()):
        return None
    return value


def sanitise_html(html: str) -> str:
    """Chapter HTML reduced to :data:`ALLOWED_TAGS` (``nh3``), external links only."""
    return nh3.clean(
        xml_safe(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        link_rel=None,
        strip_comments=True,
    )


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in re.finditer(r"\n[ \t]*\n\s*", text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


@dataclass(frozen=True)
class Link:
    """A stretch ``[start, end)`` of a chapter's text that becomes a link."""

    start: int
    end: int
    href: str
    id: str
    role: str  # "noteref"


def text_to_paragraphs(text: str, links: Sequence[Link] = (), *, epub: bool = False) -> Markup:
    """Plain text (paragraphs at blank lines) as ``<p>`` elements, line breaks as ``<br/>``.

    ``links`` (sorted, non-overlapping offsets into ``text``) become footnote references.

    >>> str(text_to_paragraphs("One\\ntwo.\\n\\nThree & four."))
    '<p>One<br/>two.</p>\\n<p>Three &amp; four.</p>'
    """
    out: list[Markup] = []
    for start, end in _paragraph_spans(text):
        if not text[start:end].strip():
            continue
        pieces: list[Markup] = []
        pos = start
        for link in links:
            if link.start < start or link.end > end:
                continue
            pieces.append(_lines(text[pos : link.start]))
            attrs = f' epub:type="{link.role}"' if epub else ""
            pieces.append(
                Markup('<a id="{}" href="{}" role="doc-{}"{}>{}</a>').format(
                    link.id,
                    link.href,
                    link.role,
                    Markup(attrs),
                    xml_safe(text[link.start : link.end]),
                )
            )
            pos = link.end
        pieces.append(_lines(text[pos:end]))
        out.append(Markup("<p>{}</p>").format(Markup("").join(pieces)))
    return Markup("\n").join(out)


def _lines(text: str) -> Markup:
    return Markup("<br/>").join(escape(xml_safe(line)) for line in text.split("\n"))


@dataclass(frozen=True)
class NoteRef:
    """Where footnote ``number`` (1-based) is referenced: chapter position and offsets."""

    number: int
    chapter: int  # 0-based position in work.chapters
    start: int
    end: int


def _mark_pattern(mark: str) -> re.Pattern[str]:
    m = re.escape(mark)
    bracketed = rf"\[{m}\]|\({m}\)|\{{{m}\}}"
    if mark.isalnum():
        return re.compile(bracketed)
    # A bare symbol mark ("*", "†") counts only straight after a word or punctuation,
    # so a "* * *" scene break is not taken for a reference.
    return re.compile(rf"{bracketed}|(?<=[\w.,;:!?'\"”’)]){m}")


def locate_footnotes(work: Work) -> dict[int, NoteRef]:
    """Find each footnote's reference in the chapters, in order.

    Footnotes are matched in sequence (each after the previous one's reference), so a
    work whose chapters each restart at ``[1]`` links every note to its own chapter.
    A footnote whose mark is not found is listed without a link.
    """
    found: dict[int, NoteRef] = {}
    cursor = (0, 0)
    for number, note in enumerate(work.footnotes, start=1):
        if not note.mark.strip():
            continue
        pattern = _mark_pattern(note.mark.strip())
        ch_pos, offset = cursor
        while ch_pos < len(work.chapters):
            chapter = work.chapters[ch_pos]
            if chapter.html:
                # HTML chapters are shown as written; offsets into .text do not apply.
                ch_pos, offset = ch_pos + 1, 0
                continue
            match = pattern.search(chapter.text, offset)
            if match:
                found[number] = NoteRef(number, ch_pos, match.start(), match.end())
                cursor = (ch_pos, match.end())
                break
            ch_pos, offset = ch_pos + 1, 0
    return found
