"""Plain text: decode whatever encoding the file is in, rejoin hard-wrapped lines,
keep the author's emphasis conventions as spans."""

from __future__ import annotations

import re

from fandex.errors import ReadError
from fandex.read import fff_text, sniff
from fandex.read.document import Block, RawDocument
from fandex.read.emphasis import apply_conventions, find_conventions
from fandex.read.encoding import decode
from fandex.read.frames import unframe
from fandex.read.mailpost import unmail
from fandex.read.unwrap import paragraphs

__all__ = ["TextReader", "decode", "read_text"]


class TextReader:
    """Reads ``.txt`` files (and any text that no richer reader claims)."""

    name = "txt"
    extensions = (".txt", ".text", "")

    def sniff(self, head: bytes, filename: str) -> float:
        """0.5 for a ``.txt`` name, 0.1 for other text; 0 for binary bytes."""
        if sniff.looks_binary(head):
            return 0.0
        return 0.5 if filename.lower().endswith((".txt", ".text")) else 0.1

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Decode and split into paragraph blocks; ReadError when there is no text.
        A mail or Usenet post's headers are taken off (:mod:`fandex.read.mailpost`)."""
        post = unmail(data)
        if post is None:
            text, encoding = decode(data)
            return read_text(text, encoding)
        body_text, body, fallback = post
        if body_text is not None:
            text, encoding = body_text, "mail"
        else:
            text, encoding = decode(body)
        doc = read_text(text, encoding)
        doc.metadata.update(fallback)
        return doc


# Blank lines before a paragraph that mark a new section (converters put three or more
# between a book's parts and one between paragraphs).
_WIDE_GAP = 3


def _norm(s: str) -> str:
    return " ".join(s[:80].split())[:24]


def _mark_gaps(text: str, blocks: list[Block]) -> None:
    """Mark blocks that follow a wide gap of blank lines (``attrs["gap"] = True``)."""
    if _WIDE.search(text) is None:
        return  # most texts have none: one scan decides
    wide = [
        _norm(chunk)
        for gap, chunk in zip(["", *_GAPS.findall(text)], _GAPS.split(text), strict=False)
        if gap.count("\n") - 1 >= _WIDE_GAP and chunk.strip()
    ]
    firsts = [_norm(b.text) for b in blocks]
    at = 0
    for head in wide:
        # Chunks and paragraphs run in the same order; a chunk split into several
        # paragraphs (or dropped as empty) is simply passed over.
        for j in range(at, min(len(blocks), at + 400)):
            if firsts[j] == head:
                blocks[j].attrs["gap"] = True
                at = j + 1
                break


_GAPS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
# A line written as a Markdown heading ("### Prologue"): html2text, and so FanFicFare's
# text download, writes a chapter's own headings so. A reader sees the words.
_HASH_HEADING = re.compile(r"(#{1,6})[ \t]+([^\s#].{0,120}?)[ \t#]*")
_MAX_HEADING_WORDS = 12


_MAX_TITLE_PAGE_WORDS = 12


def _drop_title_repeat(blocks: list[Block]) -> list[Block]:
    """``blocks`` without a title printed again under its title page ("Moth" / "Sedge" /
    "Moth": a converted book's title page, then the text's own title heading)."""
    if len(blocks) < 4:
        return blocks
    first, second, third = (" ".join(b.text.split()) for b in blocks[:3])
    if (
        first
        and first == third
        and "\n" not in blocks[1].text.strip()
        and all(len(t.split()) <= _MAX_TITLE_PAGE_WORDS for t in (first, second))
        and not first.endswith((".", ",", ";"))
    ):
        return [blocks[0], blocks[1], *blocks[3:]]
    return blocks


def _unhash_headings(blocks: list[Block]) -> None:
    """Take the ``#`` marks off one-line paragraphs written as Markdown headings; a lone
    ``#`` ("# of days") only when the text writes two or more such headings."""
    found = [
        (b, m)
        for b in blocks
        if "\n" not in b.text
        and (m := _HASH_HEADING.fullmatch(b.text.strip())) is not None
        and len(m.group(2).split()) <= _MAX_HEADING_WORDS
    ]
    singles = sum(1 for _b, m in found if len(m.group(1)) == 1)
    for block, m in found:
        if len(m.group(1)) > 1 or singles > 1:
            block.text = m.group(2)


_WIDE = re.compile(rf"\n(?:[ \t]*\n){{{_WIDE_GAP}}}")

# A converter's contents list (calibre's TXT output with its inline table of contents)
# heads the file, one entry a line, often bulleted, then a wide gap before the book.
_CONTENTS_LABEL = re.compile(r"(?:table\s+of\s+)?contents\s*:?", re.I)
_ENTRY = re.compile(r"(?:[*•\-–]\s+)?\S.{0,120}")
_MAX_ENTRY_WORDS = 16
_MAX_ENTRIES = 2000


def _drop_leading_contents(blocks: list[Block]) -> list[Block]:
    """``blocks`` without a contents list that opens the text and is closed by a wide
    gap: what comes before the title is no header, and its entries ("Title Page",
    "Page 3") are the converter's, not the story's headings."""
    if len(blocks) < 3:
        return blocks
    first = blocks[0].text.strip().split("\n")
    if not _CONTENTS_LABEL.fullmatch(first[0].strip()):
        return blocks
    entries = first[1:]
    end = 1
    while end < len(blocks) and end <= _MAX_ENTRIES and not blocks[end].attrs.get("gap"):
        entries += blocks[end].text.strip().split("\n")
        end += 1
    if end >= len(blocks) or not entries:
        return blocks  # no gap closes it: not a converter's list
    short = all(
        _ENTRY.fullmatch(e.strip())
        and len(e.split()) <= _MAX_ENTRY_WORDS
        and not e.rstrip().endswith((".", ",", ";"))
        for e in entries
    )
    return blocks[end:] if short else blocks


# A list's item: a bullet and a space before its words (not a scene break's "* * *").
_BULLET = re.compile(r"[*•]\s+(?![*•\s]*$)\S.*")


def _join_bullets(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each run of two or more bulleted one-line paragraphs joined into
    one block, a line an item: calibre's text writes a list's items (and the lines of
    a paragraph broken by ``<br>``) a blank line apart, where the page and every other
    reader keep them one block."""
    out: list[Block] = []
    run: list[Block] = []
    for block in [*blocks, None]:
        text = block.text.strip() if block is not None else ""
        if (
            block is not None
            and "\n" not in text
            and _BULLET.fullmatch(text)
            and not (run and block.attrs.get("gap"))
        ):
            run.append(block)
            continue
        if len(run) > 1:
            out.append(
                Block("paragraph", "\n".join(b.text.strip() for b in run), attrs=run[0].attrs)
            )
        else:
            out += run
        run = [block] if block is not None and _BULLET.fullmatch(text) and "\n" not in text else []
        if block is not None and not run:
            out.append(block)
    return out


# A heading line in wrapped text (pandoc's plain output writes a heading as a line of
# its own): short, capitalised, no end punctuation, over a paragraph of prose.
_HEADING_LINE = re.compile(r"[A-Z0-9\"'‘“(\[].{0,80}[\w)\]?!\"'’”]")
_LABEL_LINE = re.compile(r"[A-Za-z][A-Za-z0-9 '/&.-]{0,28}:(?:\s|$)")
_MAX_HEADING_LINE_WORDS = 8
_MIN_PROSE_WORDS = 25
# Headings are few among paragraphs: at most one in this many blocks.
_HEADING_SHARE = 3


def _wrapped_headings(blocks: list[Block], width: int) -> None:
    """In hard-wrapped text, mark as headings the one-line paragraphs that read as
    titles over prose: two or more of them, each short, capitalised, without end
    punctuation, and each over a wrapped paragraph of prose (a line of dialogue or a
    sound ends in punctuation, and a header's lines carry labels)."""
    found = []
    for k, b in enumerate(blocks[:-1]):
        text = b.text.strip()
        if "\n" in text or not _HEADING_LINE.fullmatch(text) or _LABEL_LINE.match(text):
            continue
        if len(text.split()) > _MAX_HEADING_LINE_WORDS or text.endswith(
            ("?", "!", '"', "”", "'", "’")
        ):
            continue
        nxt = blocks[k + 1].text
        if len(nxt.split()) < _MIN_PROSE_WORDS or len(nxt) < width:
            continue
        found.append(b)
    if len(found) >= 2 and len(found) * _HEADING_SHARE <= len(blocks):
        for b in found:
            b.kind = "heading"
            b.level = 2
            # One of a run of like headings: the first is a chapter's, not the title.
            b.attrs["run"] = True


# RTF's paragraph and line marks left in a text copied out of an RTF file's source.
_RTF_MARK = re.compile(r"[ \t]*\\(?:par|line|pard)\b[ \t]*(?=\n|$)", re.M)
_MIN_RTF_MARKS = 3


def _rtf_leftovers(text: str) -> str:
    """``text`` with line-closing ``\\par`` / ``\\line`` marks taken off, when three or
    more lines close so (a reader sees the paragraph break, not the mark)."""
    if "\\par" not in text and "\\line" not in text:
        return text
    if len(_RTF_MARK.findall(text, 0, 200_000)) < _MIN_RTF_MARKS:
        return text
    return _RTF_MARK.sub("", text)


def read_text(text: str, encoding: str = "utf-8") -> RawDocument:
    """Turn already-decoded plain text into a document (also used for plain .html
    that is really text wrapped in ``<pre>``)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = unframe(_rtf_leftovers(text))
    paras, width = paragraphs(text)
    blocks = [Block("paragraph", p) for p in paras]
    _mark_gaps(text, blocks)
    blocks = _join_bullets(_drop_title_repeat(_drop_leading_contents(blocks)))
    _unhash_headings(blocks)
    if not blocks:
        raise ReadError("the file has no text")
    meta: dict[str, object] = {"encoding": encoding}
    if (front := fff_text.title_page(blocks)) is not None:
        # FanFicFare's text download: its title page read as its EPUB's is.
        meta.update(front[0])
        blocks = blocks[front[1] :]
    notices: list[str] = []
    if width:
        _wrapped_headings(blocks, width)
        meta["wrap_width"] = width
        notices.append(f"rejoined lines hard-wrapped at {width} columns")
    conventions = find_conventions(blocks)
    apply_conventions(blocks, conventions)
    if conventions:
        meta["conventions"] = conventions
    return RawDocument(format="txt", blocks=blocks, metadata=meta, notices=notices)
