"""A PDF's positioned lines -> paragraphs and headings.

A PDF keeps no paragraphs, only lines placed on pages. They are rebuilt the way a
reader's eye does it, from the geometry alone:

- **Page furniture.** A line at a page's top or bottom whose text (digits set aside)
  comes back on most pages is a running header or footer (a browser's date and URL, a
  converter's title line); a bare number there ("12", "Page 3 of 9", "- iv -") is a
  page number. Both are dropped.
- **Wrapped lines.** A line ends where the text column ends only when the next word
  would not fit: when the line's end, a space and the next line's first word reach
  past the column's right edge, the break was the layout's and the lines are joined;
  any other break (a short line) was the author's and ends the paragraph. The same
  test joins a paragraph across a page break.
- **Paragraph breaks.** A wider gap than the text's own line spacing, a first-line
  indent, or a change of type size starts a new paragraph.
- **Hyphens.** A line ending in a hyphen before a lower-case letter was hyphenated by
  the layout only if the joined word is a word (it is used whole elsewhere in the
  text, or is a common English word, and the hyphenated form is not used elsewhere):
  then the hyphen goes; otherwise it stays ("Wen-" + "li", "2023-08-" + "23"). A soft
  hyphen the PDF marks as such always goes.
- **Headings.** Lines in type clearly larger than the body's are headings, a level per
  size; consecutive heading lines of one size are one heading.
- **Centred lines.** Three lines or more that share a centre and not a left edge are
  a centred block: a line is wrapped when the next one's first word would not fit in
  the block's widest line, and a line starting further in is no indent.
- **Printed web pages.** A float a browser painted before the lines over it is put
  where it stands; on a printed page (:mod:`fandex.read.pdfpage`), a line ending in
  one link and the next opening with another, and a line set in or out by an em and
  a half (a label over its value), start blocks.

Everything here is arithmetic on :class:`Line` values, so it is tested without a PDF.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from fandex.read.document import Block, Span
from fandex.vocab.ao3 import load_toml

__all__ = ["Line", "Paragraphs", "blocks_of_lines", "drop_furniture", "floats_in_place", "unspaced"]


@dataclass(slots=True)
class Line:
    """One line of text as the PDF places it (PDF units, y grows upwards)."""

    page: int
    text: str
    x0: float
    x1: float
    bottom: float
    size: float  # the height of the line's type
    first_word: float = 0.0  # the width of the line's first word
    em: tuple[tuple[int, int], ...] = ()  # stretches of ``text`` set in italic type
    links: tuple[tuple[int, int], ...] = ()  # stretches of ``text`` a link covers
    # The links under the line's first and last words (-1: none), numbered on its page.
    link_ends: tuple[int, int] = (-1, -1)


# Lines either side of a line that show the column it is set in.
_WINDOW = 6
# A line in type this much larger than the body's is a heading.
_HEADING_RATIO = 1.18
# Type sizes closer than this share a heading level.
_SIZE_STEP = 0.06
# A gap wider than the usual gap between paragraphs by more than this many lines sets a
# line apart, as three blank lines do in plain text (one empty paragraph does not).
_WIDE_LINES = 2.2
# Lines of one heading are at most this many times their type's height apart.
_HEADING_SPACING = 1.6
# A gap this many times the text's usual line spacing starts a paragraph.
_GAP_RATIO = 1.35
# How far (in ems) a line may fall short of the right edge and still be "full".
_SLACK_EM = 0.6
# Lines whose centres are this many ems apart or less are set centred on one axis.
_CENTRE_EM = 0.2
# On a printed page, a line set this many ems left or right of the one before starts
# a block (a label's value set in under it, the next label set out again).
_STEP_EM = 1.5
# A first-line indent is this many ems or more (and at most _INDENT_MAX).
_INDENT_MIN, _INDENT_MAX = 0.8, 6.0
# Header and footer lines are looked for among this many lines at each page's edges.
_EDGE_LINES = 2
# Share of pages a repeated edge line must be on to be furniture.
_REPEAT_SHARE = 0.5
_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:page|p\.|seite|pág\.?|página)?\s*(?:\d{1,5}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:of|/|von|de|sur)\s*\d{1,5})?[\W_]*$",
    re.I,
)
_DIGITS = re.compile(r"\d+")
_SOFT_HYPHENS = ("\u00ad", "\x02")
_HYPHENS = ("-", "\u2010")
_DASHES = ("\u2014", "\u2015")
_WORD_END = re.compile(r"([^\W\d_]+)$")
_WORD_START = re.compile(r"^([^\W\d_]+)")


@cache
def _common_words() -> frozenset[str]:
    return frozenset(load_toml("common_words.toml")["words"])


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def _key(line: Line) -> tuple[str, int]:
    return _DIGITS.sub("#", " ".join(line.text.split()).casefold()), round(line.bottom / 4)


def drop_furniture(pages: list[list[Line]]) -> tuple[list[list[Line]], int]:
    """``pages`` without running headers, footers and page numbers, and how many
    lines were dropped. Headings are never furniture (a chapter title opening each
    page of short chapters)."""
    if not pages:
        return pages, 0
    body = _median([ln.size for page in pages for ln in page]) or 1.0
    edges: list[list[Line]] = []
    for page in pages:
        by_height = sorted(page, key=lambda ln: -ln.bottom)
        top, bottom = by_height[:_EDGE_LINES], by_height[-_EDGE_LINES:]
        edge = [*top, *(ln for ln in bottom if ln not in top)]
        edges.append([ln for ln in edge if ln.size < body * _HEADING_RATIO])
    # A running line comes back in the same place: its text (numbers aside) and height.
    counts = Counter(k for edge in edges for k in {_key(ln) for ln in edge})
    need = max(2, round(_REPEAT_SHARE * len(pages) + 0.01))
    repeated = {k for k, n in counts.items() if n >= need}
    dropped = 0
    out: list[list[Line]] = []
    for page, edge in zip(pages, edges, strict=True):
        gone = {
            id(ln)
            for ln in edge
            if _key(ln) in repeated or (_PAGE_NUMBER.match(ln.text) and _apart(ln, page))
        }
        dropped += len(gone)
        out.append([ln for ln in page if id(ln) not in gone])
    return out, dropped


def floats_in_place(pages: list[list[Line]]) -> tuple[list[list[Line]], int]:
    """``pages`` with each line a browser painted out of its place put where it stands,
    and how many were moved. A printed web page's float (FanFiction.net's chapter menu
    set right of the story's first lines) comes first in the page's text though it
    stands under the lines after it; a line that opens the page, or that does not go
    on from the line before it, and stands under the next line, is put before the
    first line under it. A column's last line goes on from the line over it and stays."""
    out: list[list[Line]] = []
    moved = 0
    for page in pages:
        lines = list(page)
        for k in range(len(lines) - 1):
            ln, nxt = lines[k], lines[k + 1]
            if nxt.bottom <= ln.bottom + 1.5 * max(ln.size, nxt.size):
                continue
            if k and _goes_on(lines[k - 1], ln):
                continue
            under = next(
                (
                    j
                    for j in range(k + 1, len(lines))
                    if lines[j].bottom < ln.bottom - 0.3 * ln.size
                ),
                len(lines),
            )
            lines.insert(under - 1, lines.pop(k))
            moved += 1
        out.append(lines)
    return out, moved


def _goes_on(prev: Line, line: Line) -> bool:
    """``line`` is the next line of ``prev``'s column: just under it, beside it."""
    drop = prev.bottom - line.bottom
    return 0 < drop <= 2.5 * max(prev.size, line.size) and line.x0 < prev.x1 and prev.x0 < line.x1


def _apart(line: Line, page: list[Line]) -> bool:
    """No line of ``page`` sits a line's height above or below ``line``: a page number
    stands apart from the text ("3/3" wrapped from "Chapters:" does not)."""
    return not any(
        0.2 * line.size < abs(o.bottom - line.bottom) < 1.6 * max(line.size, o.size)
        for o in page
        if o is not line
    )


class _Layout:
    """What the whole text's lines say about its column and spacing."""

    def __init__(self, lines: list[Line]) -> None:
        sizes = Counter(round(ln.size, 1) for ln in lines for _ in range(len(ln.text)))
        self.body = sizes.most_common(1)[0][0] if sizes else 1.0
        body_lines = [ln for ln in lines if self.is_body(ln)] or lines
        ends = sorted(ln.x1 for ln in body_lines)
        # The right edge: where the longer lines end (a few overlong ones left out).
        self.right = ends[int(0.9 * (len(ends) - 1))] if ends else 0.0
        self.left = sorted(ln.x0 for ln in body_lines)[len(body_lines) // 20] if body_lines else 0
        # The line spacing: the short steps between lines (most steps are between
        # paragraphs where most paragraphs are one line long, as in dialogue).
        steps = sorted(
            a.bottom - b.bottom
            for a, b in pairwise(body_lines)
            if a.page == b.page and 0.9 * a.size <= a.bottom - b.bottom < 3 * a.size
        )
        self.spacing = steps[len(steps) // 5] if steps else 1.2 * self.body
        # The gap between paragraphs, where the layout spaces them: a gap much wider
        # than that sets a line apart (a title, a section's start).
        gaps = [
            a.bottom - b.bottom
            for a, b in pairwise(lines)
            if a.page == b.page and a.bottom - b.bottom > _GAP_RATIO * self.spacing
        ]
        self.wide = (_median(gaps) if gaps else self.spacing) + _WIDE_LINES * self.spacing
        self.levels = sorted(
            {round(ln.size, 1) for ln in lines if self.is_heading_size(ln.size)}, reverse=True
        )

    def is_body(self, ln: Line) -> bool:
        return abs(ln.size - self.body) <= _SIZE_STEP * self.body

    def is_heading_size(self, size: float) -> bool:
        return size >= _HEADING_RATIO * self.body

    def level(self, size: float) -> int:
        for k, s in enumerate(self.levels):
            if abs(size - s) <= _SIZE_STEP * s:
                return min(k + 1, 6)
        return 6

    def right_of(self, lines: list[Line], k: int) -> float:
        """The right edge of the column line ``k`` is set in: where its neighbours of the
        same type and indent end, when two or more end there (a quotation set narrower
        than the text), else the text's right edge (a poem's lines end anywhere)."""
        ln = lines[k]
        near = [
            o.x1
            for o in lines[max(0, k - _WINDOW) : k + _WINDOW + 1]
            if o.page == ln.page
            and abs(o.size - ln.size) <= _SIZE_STEP * ln.size
            and o.x0 >= ln.x0 - ln.size
        ]
        edge = max(near, default=self.right)
        if sum(1 for x in near if x >= edge - 1.5 * ln.size) >= 2:
            return edge
        return self.right

    def _centred_edge(self, lines: list[Line], k: int) -> float | None:
        """The right edge of the centred block line ``k`` is in (a web page's centred
        header: "Fandom: ..." over "Written for: ..." over "by ..."), or None. The
        block is the run of lines about ``k`` that share its centre, not a left edge;
        a line is wrapped when the next one's first word would not fit in the widest's
        width."""
        ln = lines[k]
        centre = (ln.x0 + ln.x1) / 2

        def shares(o: Line) -> bool:
            return (
                o.page == ln.page
                and abs(o.size - ln.size) <= _SIZE_STEP * ln.size
                and abs((o.x0 + o.x1) / 2 - centre) <= _CENTRE_EM * ln.size
            )

        a = k
        while a > max(0, k - _WINDOW) and shares(lines[a - 1]):
            a -= 1
        b = k
        while b + 1 < min(len(lines), k + _WINDOW + 1) and shares(lines[b + 1]):
            b += 1
        run = lines[a : b + 1]
        # Centred, not left-aligned: the run's lines start in two places or more.
        if len(run) < 3 or len({round(o.x0 / ln.size) for o in run}) < 2:
            return None
        # The widest line's width, measured from this line's start: a centred line
        # ends short of the block's right edge by half what it lacks of the width.
        return ln.x0 + max(o.x1 - o.x0 for o in run)

    def full(self, prev: Line, cur: Line, right: float) -> bool:
        """``prev`` ended because ``cur``'s first word would not fit after it."""
        space = 0.25 * prev.size
        return prev.x1 + space + cur.first_word >= right - _SLACK_EM * prev.size

    def breaks(
        self, prev: Line, cur: Line, right: float, *, centred: bool = False
    ) -> tuple[bool, bool]:
        """(a new block starts at ``cur``, with a wide gap before it); ``centred``: the
        lines are set centred (a line starting further in is no indent)."""
        heading = self.is_heading_size(prev.size), self.is_heading_size(cur.size)
        if heading[0] != heading[1] or abs(prev.size - cur.size) > _SIZE_STEP * prev.size:
            return True, True
        if heading[0]:
            # A heading wrapped over lines (centred, so never "full"), spaced by its own
            # type's height, not the body's.
            drop = prev.bottom - cur.bottom
            new = prev.page != cur.page or not 0 < drop <= _HEADING_SPACING * prev.size
            return new, new
        if prev.page == cur.page:
            drop = prev.bottom - cur.bottom
            if drop <= 0 or drop > _GAP_RATIO * max(self.spacing, 0.8 * prev.size):
                return True, drop > self.wide
        indent = (cur.x0 - prev.x0) / max(cur.size, 1.0)
        if (
            not centred
            and _INDENT_MIN <= indent <= _INDENT_MAX
            and abs(prev.x0 - self.left) < cur.size
        ):
            return True, False
        return not self.full(prev, cur, right), False


def _join(text: str, line: str, words: frozenset[str]) -> str:
    """``line`` added to a paragraph's ``text``: after a space, or glued where the line
    before ended in a hyphen (kept unless the joined word is a word)."""
    if not text:
        return line
    if text.endswith(_SOFT_HYPHENS):
        return text.rstrip("".join(_SOFT_HYPHENS)) + line
    if text.endswith(_HYPHENS) and len(text) > 1 and text[-2].isalnum():
        head, tail = _WORD_END.search(text[:-1]), _WORD_START.match(line)
        if head and tail and line[0].islower():
            whole = (head.group(1) + tail.group(1)).casefold()
            split = f"{head.group(1)}-{tail.group(1)}".casefold()
            if whole in words and split not in words:
                return text[:-1] + line
        return text + line
    if unspaced(text[-1]) or unspaced(line[0]):
        return text + line  # Chinese and Japanese lines wrap between characters
    if line.startswith(_DASHES) and not text.endswith(_DASHES):
        # A layout may break before an em dash: "lying" / "— he" was "lying— he".
        return text + line
    return text + " " + line


def unspaced(char: str) -> bool:
    """A character of a script written without spaces between words (CJK ideographs,
    kana, their full-width punctuation)."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x2FFFF
    )


def _vocabulary(lines: list[Line]) -> frozenset[str]:
    """Words used whole in the text, hyphenated pairs used mid-line, and the common
    English words: what a joined or a hyphenated form is checked against."""
    found: set[str] = set()
    for ln in lines:
        found.update(w.casefold() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", ln.text))
    return frozenset(found) | _common_words()


def _links_apart(prev: Line, cur: Line) -> bool:
    """``prev`` ends in one link and ``cur`` opens with another: a printed page's
    menu items or tags, one a line, not one sentence wrapped."""
    last, first = prev.link_ends[1], cur.link_ends[0]
    return last >= 0 and first >= 0 and (prev.page != cur.page or last != first)


def blocks_of_lines(lines: list[Line], *, links_apart: bool = False) -> list[Block]:
    """Paragraph and heading blocks rebuilt from ``lines`` in reading order. Where no
    type is larger than the body's, a block after a wide gap carries ``attrs["gap"]``
    (chapter titles set apart are found by it, as in plain text, whose "gap" is three
    blank lines or more); where headings are set large, they are the titles, and a
    line set apart in body type is only a line set apart (a quotation, a message).
    With ``links_apart`` (a printed web page's lines), a line ending in a link and the
    next opening with another are two blocks."""
    return Paragraphs(lines).blocks(links_apart=links_apart)


class Paragraphs:
    """``lines`` measured once (their column, spacing, where the layout breaks them),
    to be made into blocks one way or the other (:func:`blocks_of_lines`)."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.layout = _Layout(lines) if lines else None
        self.words = _vocabulary(lines) if lines else frozenset()
        layout = self.layout
        self.centred = [layout._centred_edge(lines, k) for k in range(len(lines))] if layout else []
        self.cuts = (
            [
                layout.breaks(p, c, self._right(k), centred=self.centred[k] is not None)
                for k, (p, c) in enumerate(pairwise(lines))
            ]
            if layout is not None
            else []
        )

    def _stepped(self, k: int, first: Line) -> bool:
        """Line ``k + 1`` starts an em and a half or more left or right of line ``k``,
        and not as a paragraph's lines after an indented first line do, nor as a
        centred block's lines do: a printed page's label over its value set in
        ("Published:" over "2019-11-27"), the value over the next label."""
        prev, cur, layout = self.lines[k], self.lines[k + 1], self.layout
        step = cur.x0 - prev.x0
        if layout is None or abs(step) < _STEP_EM * cur.size:
            return False
        if step < 0 and prev is first and layout.full(prev, cur, layout.right):
            return False  # an indented first line runs to the text's edge
        return self.centred[k] is None

    def _right(self, k: int) -> float:
        """The right edge line ``k`` is measured against: its centred block's width, or
        its column's edge."""
        centred = self.centred[k]
        if centred is not None:
            return centred
        assert self.layout is not None
        return self.layout.right_of(self.lines, k)

    def blocks(self, *, links_apart: bool = False) -> list[Block]:
        """The blocks (see :func:`blocks_of_lines`)."""
        lines, layout = self.lines, self.layout
        if not lines or layout is None:
            return []
        blocks: list[Block] = []
        text, em = _stripped(lines[0])
        first, gap = lines[0], False
        for k, ((prev, cur), (new, wide)) in enumerate(
            zip(pairwise(lines), self.cuts, strict=True)
        ):
            line, line_em = _stripped(cur)
            if new or (links_apart and (_links_apart(prev, cur) or self._stepped(k, first))):
                blocks.append(_block(text, first, layout, gap, em))
                text, em, first, gap = line, line_em, cur, wide
            else:
                text = _join(text, line, self.words)
                # The line is always added whole at the paragraph's end (a hyphen or
                # soft hyphen before it may go): its italics move with it.
                at = len(text) - len(line)
                em = [(a, min(b, at), kind) for a, b, kind in em if a < at]
                em += [(at + a, at + b, kind) for a, b, kind in line_em]
        blocks.append(_block(text, first, layout, gap, em))
        if layout.levels:
            for b in blocks:
                b.attrs.pop("gap", None)
        return [b for b in blocks if b.text]


# A stretch of a line's or a block's text and its kind ("em", "link").
_Mark = tuple[int, int, str]


def _stripped(line: Line) -> tuple[str, list[_Mark]]:
    """The line's text stripped, its italic and link stretches moved with it."""
    text = line.text.strip()
    lead = len(line.text) - len(line.text.lstrip())
    marks = [(a, b, "em") for a, b in line.em] + [(a, b, "link") for a, b in line.links]
    return text, [(a - lead, b - lead, kind) for a, b, kind in marks if b - lead > 0]


def _block(text: str, first: Line, layout: _Layout, gap: bool, em: list[_Mark]) -> Block:
    attrs = {"gap": 1} if gap else {}
    text, spans = _squashed(text, em)
    if layout.is_heading_size(first.size):
        return Block("heading", text, level=layout.level(first.size), attrs=attrs)
    return Block("paragraph", text, attrs=attrs, spans=spans)


def _squashed(text: str, em: list[_Mark]) -> tuple[str, list[Span]]:
    """``text`` with its runs of white space made one space and its ends stripped, and
    the italic and link stretches ``em`` as spans of the text so made (adjacent ones of
    a kind joined)."""
    squashed = " ".join(text.split())
    if not em:
        return squashed, []
    # Where each character of ``text`` lands in ``squashed``.
    where: list[int] = []
    at, space = 0, False
    for ch in text:
        if ch.isspace():
            space = at > 0
            where.append(at)
            continue
        if space:
            at += 1
            space = False
        where.append(at)
        at += 1
    where.append(at)
    spans: list[Span] = []
    last: dict[str, Span] = {}
    for a, b, kind in sorted(em, key=lambda m: (m[0], m[1])):
        if not 0 <= a < b <= len(text):
            continue
        start, end = where[a], min(where[b - 1] + 1, len(squashed))
        while start < end and squashed[start] == " ":
            start += 1
        if start >= end:
            continue
        before = last.get(kind)
        # Italics run on over the spaces between words; a link ends where it ends.
        if before is not None and start <= before.end + (kind == "em"):
            before.end = max(before.end, end)
        else:
            last[kind] = Span(start, end, kind)
            spans.append(last[kind])
    return squashed, spans
