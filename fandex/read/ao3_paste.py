"""An AO3 work page copied from the browser and pasted into a text file or a document.

What a reader selects on a work page and pastes keeps the page's words in its order,
not its markup::

    Rating:
        General Audiences
    Archive Warning:
        No Archive Warnings Apply
    Fandom:
        Star Trek: The Original Series
    ...
    Stats:
        Published: 2019-03-02 Words: 1,200 Chapters: 1/1
    The Quiet Harbour
    Marigold
    Summary:
    ...
    Notes:
    <one or more paragraphs>
    (See the end of the work for more notes.)
    Work Text:
    <the work>
    Notes:
    <the end notes>

AO3's "Archive Warning" label (no other archive's) over its hidden "Work Text:" /
"Chapter Text" headings says what the file is. The tag list is AO3's typed tags (a value
may hold a colon: "Star Trek: The Original Series"), the title and creator lines follow
it, the work's Summary and Notes run to the next label or to the text's heading, however
many paragraphs they hold; each "Chapter Text" opens a chapter whose title is the
"Chapter N: ..." line over its notes; a "Notes:" label after the text is end notes when
the page announced them ("See the end of the work for more notes").
"""

from __future__ import annotations

import re
from typing import Any

from fandex.read.ao3 import TAG_LABELS
from fandex.read.ao3_text import PREFACE_LABELS, store_field
from fandex.read.document import Block, RawChapter, RawDocument

# The page's first AO3 label lies within the first blocks (site chrome may come first).
_LOOK = 300
_LABEL_ALT = "|".join(re.escape(x) for x in sorted(PREFACE_LABELS, key=len, reverse=True))
# As AO3 writes a label: capitalised ("series: X" is a tag's name, not the Series field).
_RUN_ON = re.compile(rf"(?:^|(?<=\s))(?=(?-i:[A-Z]))({_LABEL_ALT})\s*:\s*", re.I | re.M)
_STATS_LABELS = ("published", "updated", "completed", "words", "chapters", "comments")
_STAT_LINE = re.compile(rf"^\s*({'|'.join(_STATS_LABELS)}|kudos|bookmarks|hits)\s*:", re.I)
_LANDMARKS = frozenset({"work text", "chapter text"})
_JUMP = re.compile(
    r"^\s*\(?\s*see the end of the (?P<what>work|chapter) for (?:more )?notes\.?\s*\)?", re.I
)
_SECTIONS = frozenset({"summary", "notes"})
# "Summary:" over its text, or "Summary: The text" on one line.
_SECTION = re.compile(r"^\s*(summary|notes)(?:\s*:)?[ \t]*(?:$|\n\s*|(?<=:)\s*(?=\S))", re.I)
_CHAPTER = re.compile(r"^chapter\s+\d+\s*(?::\s*\S.*)?$", re.I)
# A title or a byline is a short line; a longer one is prose.
_MAX_LINE_WORDS = 15


def _first_line(block: Block) -> str:
    return block.text.strip().split("\n", 1)[0].strip()


def _label(line: str) -> str:
    return line.strip().rstrip(":").strip().casefold()


def _is_landmark(block: Block) -> bool:
    return "\n" not in block.text.strip() and _label(block.text) in _LANDMARKS


def _split_heads(blocks: list[Block]) -> list[Block]:
    """``blocks`` with a text heading, a section label or a chapter heading that opens
    a paragraph ("Work Text:" over the text's first line) set apart as its own block."""
    out: list[Block] = []
    for b in blocks:
        head, sep, rest = b.text.strip().partition("\n")
        key = _label(head)
        if sep and rest.strip() and (key in _LANDMARKS or _CHAPTER.match(head.strip())):
            out += [Block(b.kind, head.strip()), Block(b.kind, rest.strip())]
        else:
            out.append(b)
    return out


# The page's buttons under the work, copied with it: never the author's words.
_CHROME = re.compile(
    r"^(?:actions|kudos|leave kudos|bookmark|share|comments?|back to top|"
    r"subscribe|download|entire work|next chapter|previous chapter|hide comments|"
    r"kudos\s*[♥❤]?|comments?\s*\(\d+\)|chapter index)\s*[↑→←]?\s*$",
    re.I,
)


# The page's part after the work (a saved page, not a selection, has it): its "Actions"
# heading over the "Top" link, kudos and comments, then the site's footer.
_FEEDBACK = re.compile(r"^actions$", re.I)
_AFTER_FEEDBACK = re.compile(r"^(?:\S\s*)?top$|^kudos\b|^comments\b", re.I)
# AO3's kudos line: user names (no spaces) and guests, never an author's sentence.
_KUDOS = re.compile(
    r"^(?:[\w\-.]+(?:,\s*|,?\s+and\s+))*(?:[\w\-.]+|\d+\s+guests?)\s+left kudos on this work!$"
)


def _drop_chrome(blocks: list[Block]) -> list[Block]:
    """``blocks`` without the page's trailing buttons ("Kudos", "Bookmark", ...), and
    without all that follows the work on a whole saved page (its "Actions" heading over
    the "Top" link, the comments, the footer)."""
    for k in range(len(blocks) - 1, 0, -1):
        text = " ".join(blocks[k].text.split())
        if _KUDOS.match(text) or (
            k + 1 < len(blocks)
            and _FEEDBACK.match(text)
            and _AFTER_FEEDBACK.match(blocks[k + 1].text.strip())
        ):
            blocks = blocks[:k]
            break
    end = len(blocks)
    while end > 0:
        lines = [ln.strip() for ln in blocks[end - 1].text.split("\n") if ln.strip()]
        if not lines or not all(_CHROME.match(ln) for ln in lines):
            break
        end -= 1
    return blocks[:end]


def _pasted_page(blocks: list[Block]) -> tuple[int, int] | None:
    """``(first tag block, first landmark)`` when ``blocks`` read as a pasted work page:
    AO3's "Archive Warning" label among the first blocks and a text heading after it."""
    start = None
    for k, b in enumerate(blocks[:_LOOK]):
        labels = {m.group(1).casefold() for m in _RUN_ON.finditer(b.text)}
        if labels & {"archive warning", "archive warnings"}:
            start = k
            break
    if start is None:
        return None
    # The tag list may run over blocks before the warning ("Rating:" alone, then its value).
    while start > 0:
        if _RUN_ON.match(blocks[start - 1].text.strip()):
            start -= 1
        elif start > 1 and _label(blocks[start - 2].text) in PREFACE_LABELS:
            start -= 2
        else:
            break
    landmark = next((k for k in range(start, len(blocks)) if _is_landmark(blocks[k])), None)
    return None if landmark is None else (start, landmark)


# How far past a notes paragraph the page's jump line may still close that section.
_JUMP_LOOK = 8


def _preface_end(blocks: list[Block], k: int) -> int:
    """Where the text starts after the Summary and Notes sections from block ``k``,
    when the page's hidden text heading was not copied: each section runs one paragraph
    (a label alone over it, or its text on the label's line), or on to the jump line
    ("See the end of the work for more notes") that closes AO3's notes."""
    while k < len(blocks):
        text = blocks[k].text.strip()
        if _JUMP.match(text):
            k += 1
            continue
        m = _SECTION.match(text)
        if m is None:
            break
        k += 1 if text[m.end() :].strip() else 2
        jump = next(
            (j for j in range(k, min(k + _JUMP_LOOK, len(blocks))) if _JUMP.match(blocks[j].text)),
            None,
        )
        if jump is not None and not any(_SECTION.match(b.text.strip()) for b in blocks[k:jump]):
            k = jump
    return min(k, len(blocks))


def _with_landmarks(blocks: list[Block]) -> list[Block]:
    """``blocks`` with the "Work Text:" heading a copy left out put back: over the text
    after the title, byline and preface sections, and after each "Chapter N: ..."
    heading's own sections further on."""
    start = next(
        (
            k
            for k, b in enumerate(blocks[:_LOOK])
            if _RUN_ON.search(b.text)
            and {m.group(1).casefold() for m in _RUN_ON.finditer(b.text)}
            & {"archive warning", "archive warnings"}
        ),
        None,
    )
    if start is None:
        return blocks
    meta: dict[str, Any] = {"tags": [], "fields": {}}
    i = _tags(blocks, start, len(blocks), meta)
    if not any(str(k).casefold() in _STATS_LABELS for k in meta["fields"]):
        return blocks  # no stats: not a work page's tag list
    i = _title_and_creators(blocks, i, len(blocks), {})
    top = _preface_end(blocks, i)
    if top >= len(blocks):
        return blocks
    out = [*blocks[:top], Block("paragraph", "Work Text:")]
    k = top
    while k < len(blocks):
        out.append(blocks[k])
        if _CHAPTER.match(blocks[k].text.strip()) and "\n" not in blocks[k].text.strip():
            end = _preface_end(blocks, k + 1)
            out += blocks[k + 1 : end]
            out.append(Block("paragraph", "Chapter Text"))
            k = end
            continue
        k += 1
    return out


def _tags(blocks: list[Block], i: int, end: int, meta: dict[str, Any]) -> int:
    """AO3's tag list from block ``i``: labels and values in one block or spread over
    several (a converter writes each tag of a list on its own line, or a label at the
    end of the line before: "Explicit Archive Warning:"); the stats last. Returns the
    block after it."""
    lines: list[str] = []
    while i < end:
        text = blocks[i].text.strip()
        if not lines and not _RUN_ON.match(text):
            break
        if lines and not (
            _RUN_ON.search(text)
            or _STAT_LINE.match(text)
            or _open(lines[-1])
            or _more_labels(blocks, i, end)
        ):
            break
        lines += [ln.strip() for ln in text.split("\n") if ln.strip()]
        i += 1
    parts = _RUN_ON.split("\n".join(lines))
    for k in range(1, len(parts) - 1, 2):
        label, value = parts[k], parts[k + 1]
        if label.casefold() in TAG_LABELS:
            # One tag a line, or a line of tags; AO3's tags hold no comma.
            names = [n.strip() for line in value.split("\n") for n in line.split(",")]
            value = ", ".join(n for n in names if n)
        store_field(label, " ".join(value.split()), meta)
    return i


def _open(line: str) -> bool:
    """A line ending with a label whose value is on the next line."""
    return line.endswith(":") and bool(_RUN_ON.search(line) or _STAT_LINE.match(line))


# How far the lines of one tag list (one tag a line) may run before the next label.
_LIST_LOOK = 60


def _more_labels(blocks: list[Block], i: int, end: int) -> bool:
    """Whether block ``i`` is one more tag of a list written one tag a line: short
    single lines from it up to a line with the next label."""
    for j in range(i, min(end, i + _LIST_LOOK)):
        text = blocks[j].text.strip()
        if _RUN_ON.search(text) or _STAT_LINE.match(text):
            return True
        if "\n" in text or not _short(text):
            return False
    return False


def _short(line: str) -> bool:
    return 0 < len(line.split()) <= _MAX_LINE_WORDS and not line.endswith((".", ",", ";"))


def _title_and_creators(blocks: list[Block], i: int, end: int, meta: dict[str, Any]) -> int:
    """The work's title and its creators' line under the tag list."""
    lines: list[str] = []
    while i < end and len(lines) < 2:
        if blocks[i].kind == "rule" and not lines:
            i += 1  # the page's line under its stats (a Word file's bordered paragraph)
            continue
        block_lines = [ln.strip() for ln in blocks[i].text.strip().split("\n") if ln.strip()]
        if not block_lines or _SECTION.match(block_lines[0]) or _JUMP.match(block_lines[0]):
            break
        if len(block_lines) > 2 or not all(_short(ln) for ln in block_lines):
            break
        lines += block_lines
        i += 1
    if lines:
        meta["title"] = lines[0]
    if len(lines) > 1:
        who = re.sub(r"^\s*by\s+", "", lines[1], flags=re.I)
        meta["authors"] = [a.strip() for a in re.split(r",\s*|\s+and\s+", who) if a.strip()]
    return i


def _sections(blocks: list[Block], stop: int) -> tuple[dict[str, str], set[str], int]:
    """Summary and Notes sections of blocks[:stop] (each label on its own line, its
    text on the lines and paragraphs after it), the jump lines seen ("work",
    "chapter"), and where the first section starts (``stop`` if none)."""
    found: dict[str, list[str]] = {}
    jumps: set[str] = set()
    current: list[str] | None = None
    first = stop
    for k in range(stop):
        text = blocks[k].text.strip()
        if (m := _SECTION.match(text)) is not None:
            first = min(first, k)
            current = found.setdefault(m.group(1).casefold(), [])
            text = text[m.end() :].strip()
        if (m := _JUMP.match(text)) is not None:
            jumps.add(m.group("what").casefold())
            text = text[m.end() :].strip()
        if current is not None and text:
            current.append(text)
    return {k: "\n\n".join(v) for k, v in found.items() if v}, jumps, first


def _end_notes(body: list[Block], wanted: int) -> tuple[list[Block], list[str]]:
    """``(text, notes)``: the last ``wanted`` "Notes:" sections of a chapter's body, the
    ones the page announced, are notes, not story."""
    cuts = [
        k
        for k, b in enumerate(body)
        if (m := _SECTION.match(b.text.strip())) is not None and m.group(1).casefold() == "notes"
    ]
    if not wanted or not cuts:
        return body, []
    cuts = cuts[-wanted:]
    notes: list[str] = []
    for n, c in enumerate(cuts):
        upto = cuts[n + 1] if n + 1 < len(cuts) else len(body)
        text = body[c].text.strip()
        m = _SECTION.match(text)
        parts = [
            text[m.end() :].strip() if m else "",
            *(b.text.strip() for b in body[c + 1 : upto]),
        ]
        notes.append("\n\n".join(p for p in parts if p))
    return body[: cuts[0]], notes


# A saved work page's <title>, which a converter keeps as the book's title:
# "Title - creators - fandoms [Archive of Our Own]" (a chapter's page puts "Chapter N"
# after the title).
_SITE_TITLE = "[Archive of Our Own]"
_CHAPTER_SEGMENT = re.compile(r"^chapters?\s+\d+(?:-\d+)?$", re.I)
# How far past the page's first AO3 label the work's title line may stand.
_TITLE_LOOK = 120


def _names(text: str) -> set[str]:
    return {n.strip().casefold() for n in re.split(r",\s*|\s+and\s+", text) if n.strip()}


def _set_title_apart(blocks: list[Block], page_title: str) -> list[Block]:
    """``blocks`` with the work's title set apart where a converter ran it into the
    line before (the stats: calibre's RTF) or the creators' line after it (its FB2).
    The page's ``<title>`` says what the title is: the line's text it opens with, up to
    one of its " - " (a title may hold one), the creators' names after it."""
    segments = page_title[: -len(_SITE_TITLE)].strip().split(" - ")
    first = next(
        (k for k, b in enumerate(blocks[:_LOOK]) if "archive warning" in b.text.casefold()),
        None,
    )
    if first is None or len(segments) < 2:
        return blocks
    for n in range(1, len(segments)):
        title, later = " - ".join(segments[:n]), segments[n:]
        if len(later) > 1 and _CHAPTER_SEGMENT.match(later[0]):
            later = later[1:]  # "Title - Chapter 2 - creators - ...", "Chapters 1-3"
        after = later[0]
        for k in range(first, min(len(blocks), first + _TITLE_LOOK)):
            text = " ".join(blocks[k].text.split())
            if text == title:
                return blocks
            if text.endswith(" " + title) and _RUN_ON.search(text):
                head = Block(blocks[k].kind, text[: -len(title)].strip())
                return [*blocks[:k], head, Block("paragraph", title), *blocks[k + 1 :]]
            if text.startswith(title + " ") and _names(text[len(title) :]) == _names(after):
                rest = Block("paragraph", text[len(title) :].strip())
                return [*blocks[:k], Block("paragraph", title), rest, *blocks[k + 1 :]]
    return blocks


# The most words an unannounced "Notes:" section at a chapter's end holds.
_MAX_TAIL_NOTE_WORDS = 200


def _tail_notes(body: list[Block]) -> bool:
    """Whether ``body`` ends with a short section under AO3's own "Notes:" label (the
    label alone on its line, as the page's heading is)."""
    for k in range(len(body) - 1, 0, -1):
        if body[k].text.strip() == "Notes:":
            after = sum(len(b.text.split()) for b in body[k + 1 :])
            return 0 < after <= _MAX_TAIL_NOTE_WORDS
    return False


def unpaste(doc: RawDocument) -> RawDocument:
    """``doc`` read as a pasted AO3 work page when it is one; otherwise unchanged."""
    if doc.chapters or not doc.blocks:
        return doc
    if not any("archive warning" in b.text.casefold() for b in doc.blocks[:_LOOK]):
        return doc  # most files: one look decides
    blocks = _split_heads(doc.blocks)
    page_title = next(
        (
            str(doc.metadata[k])
            for k in ("title", "fallback_title")
            if str(doc.metadata.get(k, "")).endswith(_SITE_TITLE)
        ),
        "",
    )
    if page_title:
        blocks = _set_title_apart(blocks, page_title)
    found = _pasted_page(blocks)
    if found is None:
        blocks = _with_landmarks(blocks)
        found = _pasted_page(blocks)
    if found is None:
        return doc
    blocks = _drop_chrome(blocks)
    start, first_mark = found
    meta: dict[str, Any] = {"tags": [], "fields": {}, "producer": "ao3"}
    i = _tags(blocks, start, first_mark, meta)
    i = _title_and_creators(blocks, i, first_mark, meta)
    marks = [k for k in range(first_mark, len(blocks)) if _is_landmark(blocks[k])]
    # Each chapter's heading ("Chapter 2: Ebb") is the last one before its text heading.
    heads: list[int | None] = []
    prev = i
    for m in marks:
        head = next(
            (k for k in range(m - 1, prev - 1, -1) if _CHAPTER.match(_first_line(blocks[k]))),
            None,
        )
        heads.append(head)
        prev = m + 1
    work_top = heads[0] if heads[0] is not None else first_mark
    preface = blocks[i:work_top]
    sections, work_jumps, _ = _sections(preface, len(preface))
    if "summary" in sections:
        meta["summary"] = sections["summary"]
    if "notes" in sections:
        meta["notes_begin"] = sections["notes"]
    chapters: list[RawChapter] = []
    for n, m in enumerate(marks):
        head = heads[n]
        top = head + 1 if head is not None else m
        pre = blocks[top:m]
        chapter_sections, jumps, _ = _sections(pre, len(pre))
        nxt = heads[n + 1] if n + 1 < len(marks) else None
        upto = nxt if nxt is not None else (marks[n + 1] if n + 1 < len(marks) else len(blocks))
        body = list(blocks[m + 1 : upto])
        last = n == len(marks) - 1
        wanted = ("chapter" in jumps) + (last and "work" in work_jumps)
        # A short "Notes:" section closing a chapter before the next one's heading is
        # its end notes; closing the work, only where no notes above could announce it.
        silent = not last or not ("notes" in chapter_sections or "notes" in sections)
        if not wanted and silent and _tail_notes(body):
            wanted = 1
        body, notes = _end_notes(body, wanted)
        chapter = RawChapter(title=_first_line(blocks[head]) if head is not None else None)
        chapter.summary = chapter_sections.get("summary")
        chapter.notes_begin = chapter_sections.get("notes")
        if notes and last and "work" in work_jumps:
            meta["notes_end"] = notes.pop()
        chapter.notes_end = "\n\n".join(notes) or None
        chapter.blocks = body
        if body:
            chapters.append(chapter)
    if not chapters:
        return doc
    merged = {**doc.metadata, **meta}
    return RawDocument(
        format=doc.format, chapters=chapters, metadata=merged, notices=list(doc.notices)
    )


__all__ = ["unpaste"]
