"""An AO3 download that lost its markup: the same work as text, a Word file or RTF.

Converters (calibre turning AO3's HTML into .txt, .docx or .rtf) and fans copying a
download into a word processor keep AO3's words but not its structure::

    The World In Its Circular Way
    Posted originally on the Archive of Our Own at http://archiveofourown.org/works/1.
    Rating:
    General Audiences
    Archive Warning:
    Creator Chose Not To Use Archive Warnings
    ...
    Stats:
    Published: 2023-05-25 Completed: 2023-05-31 Words: 11,326 Chapters: 2/2
    The World In Its Circular Way
    by natsinator
    Summary
    ...
    Notes
    ...
    <the work>
    End Notes
    ...
    Please drop by the archive and comment to let the author know if you enjoyed their work!

AO3's line after the title says what the file is. The tag list is read as AO3's typed
tags (a label on its own line and its value on the next, or all labels run together on
one line), the title and byline, the summary and notes as such; chapters where the file
still marks them (headings, AO3's "Chapter Summary" / "Chapter Notes" labels); the end
notes and AO3's closing request are not story.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.model import count_words
from fandex.read import ao3
from fandex.read.document import Block, RawChapter, RawDocument

_MARK = re.compile(r"posted\s+originally\s+on\s+the\s+archive\s+of\s+our\s+own", re.I)
_LOOK = 8  # AO3's line comes right after the title
# The labels of AO3's preface: its tag list and the lines under it (also read where the
# preface was pasted into another site's story box, fandex.read.pasted_preface).
PREFACE_LABELS = (
    *ao3.TAG_LABELS,
    "language",
    "series",
    "collections",
    "stats",
)
_LABEL_ALT = "|".join(re.escape(x) for x in sorted(PREFACE_LABELS, key=len, reverse=True))
_LABEL = re.compile(rf"^\s*({_LABEL_ALT})\s*:\s*(.*)$", re.I | re.S)
# Run together on one line, a label is one as AO3 writes it, capitalised: "series: A
# Wheel Inside a Wheel" is an additional tag of that name, not the Series field.
_RUN_ON = re.compile(rf"(?<!\S)(?=(?-i:[A-Z]))({_LABEL_ALT})\s*:\s*", re.I)
_BY = re.compile(r"^\s*by\s+(?P<who>\S.{0,200})$", re.I)
_JUMP = re.compile(
    r"^\s*\(?\s*see the end of the (?:work|chapter) for (?:more )?notes\.?\s*\)?\s*", re.I
)
_CLOSING = re.compile(
    r"^\s*please drop by the archive and comment to let the (?:author|creator)s? know", re.I
)
_SECTIONS = {"summary", "notes", "chapter summary", "chapter notes", "chapter end notes"}
_END_NOTES = {"end notes", "afterword"}
# AO3 caps a summary at 1250 characters: a longer run is the story beginning.
_MAX_SUMMARY = 1250
# How far a chapter's notes may run before AO3's "See the end of the chapter" line.
_NOTE_RUN = 12


def _text(block: Block) -> str:
    return " ".join(block.text.split())


def _label(text: str) -> str:
    return text.strip().rstrip(":").strip().casefold()


def unflatten(doc: RawDocument) -> RawDocument:
    """``doc`` read as an AO3 download when AO3's "Posted originally on the Archive of
    Our Own" line opens it; otherwise ``doc`` unchanged."""
    if doc.chapters or not doc.blocks:
        return doc
    if not marked(doc.blocks):
        return doc
    blocks = _explode(doc.blocks)
    mark = next((i for i, b in enumerate(blocks[: _LOOK * 4]) if _MARK.search(b.text)), None)
    if mark is None:
        return doc
    meta: dict[str, Any] = {"tags": [], "fields": {}, "producer": "ao3"}
    before = _MARK.split(blocks[mark].text, 1)[0].strip()
    title = before or (_text(blocks[mark - 1]) if mark else "")
    if title:
        meta["title"] = " ".join(title.split())
    i = _tags(blocks, mark + 1, meta)
    i = _byline(blocks, i, meta)
    i = _preface(blocks, i, meta)
    end = _afterword(blocks, i, meta)
    chapters = _chapters(blocks[i:end])
    stated = str(meta.get("fields", {}).get("Chapters", "")).partition("/")[0].strip()
    if len(chapters) > 1 and stated.isdigit() and int(stated) != len(chapters):
        # Short lines set apart inside the text (a chat's messages) passed for titles:
        # the titles AO3 itself marks (a heading, "Chapter 2", a title over "Chapter
        # Notes") may be the work's chapters alone.
        chapters = _chapters(blocks[i:end], strict=True)
    if len(chapters) > 1 and stated.isdigit() and int(stated) != len(chapters):
        # The marks found are not the work's chapters (short lines set apart by blank
        # lines inside the text): one chapter is the honest reading.
        chapters = [_one(chapters)]
    if not chapters:
        return doc
    only = chapters[0]
    if len(chapters) == 1 and only.title and only.title.casefold() == title.casefold():
        # A one-chapter work's heading repeating the title (AO3's hidden "toc-heading",
        # shown by a word processor) is no chapter title.
        only.title = None
    merged = {**doc.metadata, **meta}
    return RawDocument(
        format=doc.format, chapters=chapters, metadata=merged, notices=list(doc.notices)
    )


def marked(blocks: list[Block]) -> bool:
    """Whether AO3's "Posted originally on the Archive of Our Own" line is among the
    first blocks: an AO3 download, whatever became of its markup."""
    return any(_MARK.search(b.text) for b in blocks[:_LOOK])


def _marker_line(line: str) -> bool:
    """A line of AO3's furniture: its mark, a label, a section heading, a byline, the
    jump line."""
    text = " ".join(line.split())
    return bool(
        _MARK.search(text)
        or _LABEL.match(text)
        or _label(text) in _SECTIONS | _END_NOTES
        or _BY.match(text)
        or _JUMP.match(text)
    )


# A section's label after a tab that ran it into the line before ("by Quill Writer
# <tab> Summary": calibre's RTF ends a block with a tab where the next begins).
_TAB_LABEL = re.compile(r"[ \t]*\t[ \t]*(?=(?:summary|notes)\s*:?\s*$)", re.I | re.M)


def _explode(blocks: list[Block]) -> list[Block]:
    """``blocks`` with AO3's furniture set one line a block where a copy ran it together
    without blank lines ("Rating:" / "General Audiences" / ..., "Summary" over the
    summary, "End Notes" over the notes): a block is split when its first line, or
    (in the preface) any line, is furniture."""
    out: list[Block] = []
    for k, b in enumerate(blocks):
        lines = [ln for ln in _TAB_LABEL.sub("\n", b.text).split("\n") if ln.strip()]
        if lines and (jump := _JUMP.match(lines[0])) and lines[0][jump.end() :].strip():
            # The jump line run into the heading after it (calibre's RTF).
            lines[:1] = [lines[0][: jump.end()], lines[0][jump.end() :]]
        split = len(lines) > 1 and (
            _marker_line(lines[0]) or (k < _LOOK and any(_marker_line(ln) for ln in lines))
        )
        if split:
            out += [Block(b.kind, ln.strip(), attrs=dict(b.attrs)) for ln in lines]
        else:
            out.append(b)
    return out


def _one(chapters: list[RawChapter]) -> RawChapter:
    blocks: list[Block] = []
    for c in chapters:
        if c.title and blocks:
            blocks.append(Block("paragraph", c.title))
        blocks += c.blocks
    return RawChapter(title=chapters[0].title, blocks=blocks)


def _pairs(text: str) -> list[tuple[str, str]]:
    """``[(label, value)]`` of one block: "Rating: G" or all labels run together (only
    at capitalised labels, see ``_RUN_ON``)."""
    parts = _RUN_ON.split(text)
    return [(parts[k], parts[k + 1].strip()) for k in range(1, len(parts) - 1, 2)]


def _tags(blocks: list[Block], i: int, meta: dict[str, Any]) -> int:
    while i < len(blocks):
        text = _text(blocks[i])
        if not _LABEL.match(text):
            break
        pairs = _pairs(text)
        if len(pairs) == 1 and not pairs[0][1] and i + 1 < len(blocks):
            # "Rating:" on its line, "General Audiences" on the next.
            pairs = [(pairs[0][0], _text(blocks[i + 1]))]
            i += 1
        for label, value in pairs:
            store_field(label, value, meta)
        i += 1
    return i


def store_field(label: str, value: str, meta: dict[str, Any]) -> None:
    """One labelled line of AO3's preface into ``meta``: a tag list as typed tags, the
    stats, the language and series, every field under its label."""
    key = label.casefold()
    if key in ao3.TAG_LABELS:
        names = [n.strip() for n in value.split(",") if n.strip()]
        meta["tags"].extend((ao3.TAG_LABELS[key], n) for n in names)
        meta["fields"][label] = ", ".join(names)
    elif key == "stats":
        ao3._read_stats(value, meta)
    else:
        meta["fields"][label] = value
        if key == "language":
            meta["language"] = ao3.LANGUAGES.get(value.casefold(), value)
        elif key == "series":
            meta["series"] = value


def _byline(blocks: list[Block], i: int, meta: dict[str, Any]) -> int:
    title = str(meta.get("title", "")).casefold()
    if i < len(blocks) and _text(blocks[i]).casefold() == title:
        i += 1
    if i < len(blocks) and (m := _BY.match(_text(blocks[i]))):
        meta["authors"] = [a.strip() for a in re.split(r",\s*|\s+and\s+", m.group("who"))]
        i += 1
    return i


def _preface(blocks: list[Block], i: int, meta: dict[str, Any]) -> int:
    """The work's summary and notes (each under its own label line)."""
    while i < len(blocks) and _label(blocks[i].text) in ("summary", "notes"):
        key = "summary" if _label(blocks[i].text) == "summary" else "notes_begin"
        i += 1
        taken: list[str] = []
        while i < len(blocks):
            text = blocks[i].text.strip()
            if _label(text) in _SECTIONS or blocks[i].kind == "heading":
                break
            if _titles_chapter(blocks, i):
                break  # the first chapter's title over its "Chapter Notes"
            if _JUMP.match(text):
                rest = _JUMP.sub("", text, count=1).strip()
                if rest:  # the jump line glued to the story's first line
                    blocks[i] = Block(blocks[i].kind, rest, spans=[])
                else:
                    i += 1
                break
            if taken and sum(len(t) for t in taken) + len(text) > _MAX_SUMMARY:
                break
            taken.append(text)
            i += 1
        if taken:
            meta[key] = "\n\n".join(taken)
    return i


def _afterword(blocks: list[Block], start: int, meta: dict[str, Any]) -> int:
    """Where the work's text ends: before AO3's end notes and its closing request."""
    end = len(blocks)
    while end > start and (
        not blocks[end - 1].text.strip() or _CLOSING.match(blocks[end - 1].text)
    ):
        end -= 1
    for k in range(end - 1, start, -1):
        if _label(blocks[k].text) in _END_NOTES:
            notes = [b.text.strip() for b in blocks[k + 1 : end] if b.text.strip()]
            if notes:
                meta["notes_end"] = "\n\n".join(notes)
            return k
    return end


def _titles_chapter(blocks: list[Block], k: int) -> bool:
    """A title-like line right over AO3's "Chapter Summary" or "Chapter Notes" label:
    the title of the chapter they belong to."""
    return (
        k + 1 < len(blocks)
        and _label(blocks[k + 1].text) in ("chapter summary", "chapter notes")
        and _title_like(blocks[k])
    )


def _chapters(blocks: list[Block], strict: bool = False) -> list[RawChapter]:
    """Chapters where the file still marks them: headings, titles set apart by blank
    lines, or AO3's chapter labels with the chapter's title on the line before; else
    the whole text is one chapter. ``strict``: only headings, "Chapter N" lines and
    titles over AO3's chapter labels, not lines set apart by blank lines."""
    titled: dict[int, bool] = {}
    # Bold lines are the headings only in a file that marks none as a heading.
    bold = not any(b.kind == "heading" for b in blocks)
    for k, b in enumerate(blocks):
        label = _label(b.text)
        if strict:
            numbered = _title_like(b) and ao3._CHAPTER_PREFIX.match(_text(b)) is not None
            if b.kind == "heading" or numbered or _titles_chapter(blocks, k):
                titled[k] = True
            continue
        if b.kind == "heading" or _set_apart(blocks, k) or (bold and _all_strong(b)):
            titled[k] = True
        elif (
            label in ("chapter summary", "chapter notes")
            and k
            and (k - 1) not in titled
            and _title_like(blocks[k - 1])
            and not any(j in titled for j in (k - 2, k - 3))
        ):
            titled[k - 1] = True
    starts = sorted(titled)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    out: list[RawChapter] = []
    for n, s in enumerate(starts):
        part = blocks[s : starts[n + 1] if n + 1 < len(starts) else len(blocks)]
        chapter = RawChapter(title=None)
        if part and titled.get(s):
            # "Chapter 2: Morning" is titled "Morning", as AO3's own readers title it.
            chapter.title = ao3._CHAPTER_PREFIX.sub("", _text(part[0])) or None
            part = part[1:]
        chapter.blocks = _chapter_body(part, chapter)
        if chapter.blocks:
            out.append(chapter)
    return out


def _all_strong(block: Block) -> bool:
    """A title-like line set all in bold: AO3's chapter heading where a converter wrote
    it as a bold paragraph (calibre's FictionBook of a download keeps one section)."""
    text = block.text.strip()
    strong = [s for s in block.spans if s.kind == "strong"]
    return (
        bool(text)
        and _title_like(block)
        and any(
            s.start <= block.text.find(text[:1]) and s.end >= len(block.text.rstrip())
            for s in strong
        )
    )


def _set_apart(blocks: list[Block], k: int) -> bool:
    """A chapter's title in plain text: a short line with wide gaps of blank lines
    before and after it (a scene-break line is not one)."""
    b = blocks[k]
    after = blocks[k + 1] if k + 1 < len(blocks) else None
    return (
        bool(b.attrs.get("gap"))
        and after is not None
        and bool(after.attrs.get("gap"))
        and _title_like(b)
        and any(c.isalnum() for c in b.text)
    )


def _title_like(block: Block) -> bool:
    text = block.text.strip()
    return (
        0 < count_words(text) <= 15
        and len(text) <= 150
        and "\n" not in text
        and not _JUMP.match(text)
        and not text.endswith((".", '"', "”", ",", ";"))
        and _label(text) not in _SECTIONS | _END_NOTES
    )


def _chapter_body(part: list[Block], chapter: RawChapter) -> list[Block]:
    """A chapter's text without its summary, notes and end notes (one paragraph each,
    AO3's jump line ending the notes)."""
    body: list[Block] = []
    k = 0
    while k < len(part):
        label = _label(part[k].text)
        if label in ("chapter summary", "chapter notes") and k + 1 < len(part):
            note = part[k + 1].text.strip()
            if _JUMP.match(note) and not _JUMP.sub("", note, count=1).strip():
                k += 2
                continue
            # The notes run to AO3's jump line when it follows soon, else one paragraph.
            jump = next(
                (
                    j
                    for j in range(k + 1, min(len(part), k + _NOTE_RUN))
                    if _JUMP.match(part[j].text)
                ),
                None,
            )
            upto = jump if jump is not None and label == "chapter notes" else k + 2
            note = "\n\n".join(b.text.strip() for b in part[k + 1 : upto] if b.text.strip())
            if label == "chapter summary":
                chapter.summary = note
            else:
                chapter.notes_begin = note
            k = upto
            if k < len(part) and _JUMP.match(part[k].text):
                k += 1
            continue
        if label == "chapter end notes":
            rest = [b.text.strip() for b in part[k + 1 :] if b.text.strip()]
            chapter.notes_end = "\n\n".join(rest) or None
            break
        body.append(part[k])
        k += 1
    return body


__all__ = ["PREFACE_LABELS", "marked", "unflatten"]
