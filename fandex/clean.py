"""The clean stage: repair text damage before any parsing.

Mojibake is repaired with ftfy ("donâ€™t" -> "don't"; quotes are straightened, which
is also what lets the parser and search treat ’ and ' alike), control characters,
zero-width marks and soft hyphens are removed, non-breaking spaces and tabs become
spaces, runs of spaces collapse and lines are trimmed. Spans keep pointing at the same
words: text is repaired piece by piece between span boundaries.

Hard-wrapped plain text is rejoined by the txt reader (:mod:`fandex.read.unwrap`),
which is the only stage that still sees the original line structure.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

import ftfy
from ftfy.badness import is_bad
from ftfy.chardata import CONTROL_CHARS, LIGATURES, WIDTH_MAP
from ftfy.fixes import (
    fix_character_width,
    fix_latin_ligatures,
    fix_line_breaks,
    fix_surrogates,
    remove_control_chars,
    uncurl_quotes,
)

from fandex.errors import ReadError
from fandex.read.document import Block, RawChapter, RawDocument, Span

__all__ = ["clean", "clean_block", "clean_text"]

_CONFIG = ftfy.TextFixerConfig(unescape_html=False, normalization="NFC", explain=False)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Runs of spaces, or any odd space; a lone plain space (nearly all of them) is not
# matched, which keeps this substitution cheap.
_SPACES = re.compile(
    r" [ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+"
    r"|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000][ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*"
)
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_EDGE = re.compile(r"[ \t]*\n[ \t]*")


def _char_class(codepoints: list[int]) -> re.Pattern[str]:
    """A regex matching any of ``codepoints`` (as ranges, so the class stays small)."""
    ranges: list[tuple[int, int]] = []
    for cp in sorted(set(codepoints)):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    body = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[{body}]")


# Mojibake of UTF-8 read as cp1252/latin-1 always shows one of the characters those
# encodings give the bytes 0xC2-0xF4 (or C1 controls, or U+FFFD); text without any of
# them skips ftfy's costly badness check. UTF-8 read as mac-roman is caught by its two
# commonest lead bytes, 0xE2 -> "‚" (curly quotes, dashes) and 0xC3 -> "√" (accents).
_MOJIBAKE_HINT = _char_class(
    [ord(bytes([b]).decode("cp1252", "ignore") or "\x00") for b in range(0xC2, 0xF5)]
    + list(range(0xC2, 0xF5))
    + list(range(0x80, 0xA0))
    + [0xFFFD, 0x1B, 0x201A, 0x221A]
)
# Characters ftfy's table-driven fixes would change; text without them skips translate().
_TABLE_CHARS = _char_class(
    [int(k) for k in CONTROL_CHARS] + [int(k) for k in LIGATURES] + [int(k) for k in WIDTH_MAP]
)


# Every character some fix below would change, but for curly quotes (handled apart):
# one search for these replaces half a dozen passes over clean text.
_NEEDS_WORK = re.compile(
    _TABLE_CHARS.pattern[:-1]
    + "\x00-\x1f\x7f\u00a0\u00ad\u0085\u2000-\u200d\u2028\u2029\u202f\u205f"
    + "\u2060\u3000\ufeff\ud800-\udfff]"
)


def _light_fix(text: str) -> str:
    text = fix_line_breaks(fix_surrogates(text))
    if _TABLE_CHARS.search(text):
        text = remove_control_chars(fix_character_width(fix_latin_ligatures(text)))
    return text


def clean_text(text: str, *, keep_spacing: bool = False) -> str:
    """Repair one piece of text (mojibake, invisible marks, odd spaces).

    >>> clean_text("donâ€™t\u00a0 go")
    "don't go"
    """
    ascii_only = text.isascii()
    if not ascii_only and _MOJIBAKE_HINT.search(text) and (is_bad(text) or "\x1b" in text):
        text = ftfy.fix_text(text, _CONFIG)
    elif not ascii_only:
        # No mojibake to undo: ftfy's cheap fixes alone, several times faster than a
        # full fix_text call per paragraph.
        if _NEEDS_WORK.search(text):
            text = _light_fix(text)
        text = uncurl_quotes(text)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    if "  " not in text and not _NEEDS_WORK.search(text):
        return text  # nothing left to tidy (the common case)
    if not ascii_only:
        text = _INVISIBLE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ASCII_CONTROLS.sub("", text)
    if keep_spacing:
        return text.replace("\u00a0", " ")
    text = _SPACES.sub(" ", text)
    if "\n" in text:
        text = _LINE_EDGE.sub("\n", text)
    return text


def clean_block(block: Block) -> None:
    """Repair ``block`` in place, keeping its spans on the same words."""
    keep = block.kind == "pre"
    if not block.spans:
        block.text = clean_text(block.text, keep_spacing=keep)
        if not keep:
            block.text = block.text.strip()
        return
    cuts = sorted({0, len(block.text)} | {p for s in block.spans for p in (s.start, s.end)})
    cuts = [c for c in cuts if 0 <= c <= len(block.text)]
    new_pos: dict[int, int] = {0: 0}
    pieces: list[str] = []
    length = 0
    for a, b in itertools.pairwise(cuts):
        piece = clean_text(block.text[a:b], keep_spacing=keep)
        # Two pieces each ending/starting with a space would double it at the seam.
        if not keep and piece.startswith(" ") and pieces and pieces[-1].endswith((" ", "\n")):
            piece = piece[1:]
        pieces.append(piece)
        length += len(piece)
        new_pos[b] = length
    text = "".join(pieces)
    lead = len(text) - len(text.lstrip()) if not keep else 0
    stripped = text.strip() if not keep else text
    spans = []
    for s in block.spans:
        start = min(max(new_pos.get(s.start, 0) - lead, 0), len(stripped))
        end = min(max(new_pos.get(s.end, length) - lead, 0), len(stripped))
        if end > start:
            spans.append(Span(start, end, s.kind, s.href))
    block.text, block.spans = stripped, spans


def _clean_blocks(blocks: list[Block]) -> list[Block]:
    out = []
    for block in blocks:
        if block.text:
            clean_block(block)
        if block.text or block.kind == "rule":
            out.append(block)
    return out


def _clean_chapter(ch: RawChapter) -> None:
    ch.blocks = _clean_blocks(ch.blocks)
    if ch.title:
        ch.title = clean_text(ch.title).strip() or None
    for name in ("summary", "notes_begin", "notes_end"):
        value = getattr(ch, name)
        if value:
            setattr(ch, name, clean_text(value).strip() or None)


def clean(doc: RawDocument) -> RawDocument:
    """Repair every block, chapter note and metadata string of ``doc`` in place.

    Raises :class:`ReadError` when nothing readable is left (a file of control
    characters or invisible marks is as empty as an empty file).
    """
    doc.blocks = _clean_blocks(doc.blocks)
    for ch in doc.chapters:
        _clean_chapter(ch)
    meta = doc.metadata
    for key in ("title", "summary", "notes_begin", "notes_end", "series"):
        if isinstance(meta.get(key), str):
            meta[key] = clean_text(meta[key]).strip()
    if isinstance(meta.get("authors"), list):
        meta["authors"] = [clean_text(a).strip() for a in meta["authors"] if str(a).strip()]
    if isinstance(meta.get("tags"), list):
        meta["tags"] = [(t, clean_text(n).strip()) for t, n in meta["tags"] if str(n).strip()]
    if not any(b.text for b in doc.all_blocks()) and not meta.get("page_kind"):
        # Only control characters, invisible marks or spaces: nothing a person could read.
        # (A page the reader knew, an index or a notice, is reported for what it is.)
        raise ReadError("the file has no readable text")
    return doc
