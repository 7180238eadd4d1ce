"""Plain text lines -> paragraphs: rejoin hard-wrapped lines, keep real line breaks.

Mailing-list and old archive text was wrapped at ~70-80 columns. A wrapper breaks a
line only when the next word would not fit, so a break is *forced* when the line's
length plus a space plus the next line's first word exceeds the wrap width; any other
break (a poem's line, a letter's "Love,") was typed on purpose and is kept.
"""

from __future__ import annotations

import itertools
import re

_BLANK = re.compile(r"\n[ \t\f\v]*\n")
_FIRST_WORD = re.compile(r"\S+")
_INDENT = re.compile(r"^(?:\t| {2,})\S")
# A header line: a short label and a colon ("TITLE:", "Rating:", "E-MAIL:").
_LABELLED = re.compile(r"\s*[A-Za-z][A-Za-z0-9 '/&.-]{0,28}:(?:\s|$)")
# Lines longer than this cannot come from a wrapper: one paragraph per line.
LONG_LINE = 100


def chunks(text: str) -> list[list[str]]:
    """Split ``text`` at blank lines into chunks of lines (right-stripped)."""
    out: list[list[str]] = []
    for chunk in _BLANK.split(text):
        lines = [line.rstrip() for line in chunk.split("\n")]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        if lines:
            out.append(lines)
    return out


def wrap_width(parts: list[list[str]]) -> int | None:
    """The column the text was wrapped at, or None if it was not hard-wrapped.

    Wrapped text has most non-final lines of its prose paragraphs ending within a few
    columns of one width; header lines and poems (chunks of only short lines) are left
    out of the count, and widths under 55 are taken for verse, not a wrapper.
    """
    lens = sorted(len(line.strip()) for c in parts for line in c[:-1] if line.strip())
    if len(lens) < 4:
        return _few_lines_width(parts)
    width = lens[int(0.95 * (len(lens) - 1))]
    if not 55 <= width <= LONG_LINE:
        return None
    prose = [
        len(line.strip())
        for c in parts
        if len(c) > 1 and max(len(line.strip()) for line in c) >= width - 15
        for line in c[:-1]
        # A header's labelled lines ("RATING: PG") are short by nature, not kept breaks.
        if not _LABELLED.match(line)
    ]
    near = sum(1 for n in prose if n >= width - 15)
    return width if len(prose) >= 3 and near >= 0.7 * len(prose) else None


# A short text has too few lines to count; each break must then show the wrapper.
_MIN_WRAP = 55
_FEW_LINES = 2


def _few_lines_width(parts: list[list[str]]) -> int | None:
    """The wrap width of a text with only a few broken lines (a drabble's two
    paragraphs): every break is one a wrapper at the longest line's width was forced
    to make (the next word would not have fit), and every broken line is prose-long."""
    pairs = [
        (line.strip(), nxt.strip())
        for c in parts
        if not any(_LABELLED.match(line) for line in c)  # a header's lines are no prose
        for line, nxt in itertools.pairwise(c)
        if line.strip() and nxt.strip()
    ]
    if len(pairs) < _FEW_LINES:
        return None
    width = max(len(line) for line, _ in pairs)
    if not _MIN_WRAP <= width <= LONG_LINE:
        return None
    for line, nxt in pairs:
        m = _FIRST_WORD.search(nxt)
        if len(line) < _MIN_WRAP or m is None or len(line) + 1 + len(m.group()) <= width:
            return None
    return width


def paragraphs(text: str) -> tuple[list[str], int | None]:
    """Paragraph texts of ``text`` (``\\n`` only) and the wrap width found.

    Kept line breaks stay inside a paragraph as ``\\n``.

    >>> paragraphs("A short line\\nand another\\n\\nNext.")[0]
    ['A short line\\nand another', 'Next.']
    """
    parts = chunks(text)
    width = wrap_width(parts)
    total_lines = sum(len(c) for c in parts)
    # Text with paragraphs in blank-line-separated chunks keeps in-chunk breaks as line
    # breaks; text that never uses blank lines marks paragraphs by a short line instead.
    blank_separated = len(parts) > 1 and len(parts) * 15 >= total_lines
    out: list[str] = []
    for lines in parts:
        if width is not None:
            out.extend(_rejoin(lines, width, split_kept=not blank_separated))
        elif any(len(line) > LONG_LINE for line in lines):
            out.extend(line.strip() for line in lines if line.strip())
        else:
            out.append("\n".join(line.strip() for line in lines))
    return out, width


# How far short of the wrap width a line broken mid-sentence may end (hand wrapping and
# wrappers that count a margin leave lines a few columns short).
_SHORT_OF_WIDTH = 8


def _mid_sentence(line: str, nxt: str, width: int) -> bool:
    """A long line that stops mid-sentence ("...and after a" over "while he told"):
    no end punctuation, and the next line goes on in lower case."""
    return len(line) >= width - _SHORT_OF_WIDTH and line[-1:].isalnum() and nxt[:1].islower()


def _rejoin(lines: list[str], width: int, *, split_kept: bool) -> list[str]:
    paras: list[str] = []
    current = lines[0].strip()
    for prev, line in itertools.pairwise(lines):
        stripped = line.strip()
        if not stripped:
            continue
        m = _FIRST_WORD.search(stripped)
        first = len(m.group()) if m else 0
        forced = len(prev.strip()) + 1 + first > width or _mid_sentence(
            prev.strip(), stripped, width
        )
        new_para = bool(_INDENT.match(line)) and not _INDENT.match(prev)
        if forced and not new_para:
            current += " " + stripped
        elif split_kept or new_para:
            paras.append(current)
            current = stripped
        else:
            current += "\n" + stripped
    paras.append(current)
    return paras
