"""The story's structure: chapters and parts, scene breaks, end markers, end notes,
footnote legends.

Input is the list of blocks after the header. Chapter headings ("Chapter 3 - The Long
Night", "Part 2:", "~ 2 ~", "II.") start chapters; symbol lines become the scene break
``* * *``; an end marker ("The End", "TBC") closes the story, and what follows it, or
closing text addressed to readers (an A/N, a bracketed note, a plea for feedback, a
recap of where the story sits in canon), becomes end notes rather than story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from fandex.model import Chapter, Footnote, count_words
from fandex.parse.chapter_head import NOTE_START as _NOTE_START
from fandex.parse.chapter_head import chapter_head as _chapter_head
from fandex.parse.chapter_head import is_break as _is_break
from fandex.parse.chapter_head import labelled_head as _labelled_head
from fandex.parse.contents import find_contents, fold, heading_keys
from fandex.parse.dates import parse_date
from fandex.parse.endmatter import (
    end_chapters,
    end_heading,
)
from fandex.parse.header_block import HeaderField
from fandex.parse.labels import field_for, match_label
from fandex.parse.lines import (
    chapter_heading,
    end_marker,
    footnote_legend,
    separators_only,
    work_status,
)
from fandex.parse.nonstory import has_stat
from fandex.parse.story_tail import legend_block, split_tail
from fandex.parse.titleline import byline, title_case_enough
from fandex.read.document import Block, RawChapter

SCENE_BREAK = "* * *"


@dataclass
class Structure:
    """Chapters, plus what closes the story: end notes, trailing fields, footnotes."""

    chapters: list[Chapter] = field(default_factory=list)
    notes_end: str | None = None
    status: str | None = None  # from an end marker: "complete" | "wip"
    fields: list[HeaderField] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    # Text between the header and a table of contents: the card's tail, not story.
    front: list[str] = field(default_factory=list)


# A row of rule characters under a heading line this long at least is its underline.
_UNDERLINE_CHARS = 3


def _heading_of(block: Block) -> tuple[str, Block | None] | None:
    """A chapter heading block: its title and any story text in the same block."""
    text = block.text.strip()
    if not text:
        return None
    if block.kind == "heading":
        return " ".join(text.split()), None
    lines = text.split("\n")
    title = chapter_heading(lines[0])
    if title is None:
        return None
    if len(lines) == 1:
        return title, None
    second = lines[1].strip()
    rest = "\n".join(lines[2:]).strip()
    if separators_only(second) and len(second) >= _UNDERLINE_CHARS:
        # "Chapter 1: Quotes" over a row of dashes: the heading underlined, no name.
        return title, Block("paragraph", rest) if rest else None
    if len(lines) >= 2 and 0 < len(second.split()) <= 10 and not second.endswith((".", ",")):
        # "Chapter 3" over "The Long Night"
        title = f"{title}: {second.strip(' ~*=-')}"
        return title, Block("paragraph", rest) if rest else None
    return title, Block("paragraph", "\n".join(lines[1:]).strip())


def _paragraphs(blocks: Sequence[Block]) -> list[str]:
    """Chapter paragraphs with breaks normalised; no break at either end or twice."""
    out: list[str] = []
    for block in blocks:
        if _is_break(block):
            if out and out[-1] != SCENE_BREAK:
                out.append(SCENE_BREAK)
            continue
        text = block.text.strip("\n")
        if text.strip():
            out.append(text)
    while out and out[-1] == SCENE_BREAK:
        out.pop()
    return out


def _split_chapters(
    blocks: Sequence[Block], titles: Sequence[str] = ()
) -> list[tuple[str | None, list[Block]]]:
    """Chapters at heading blocks; with a contents list, at its entries only."""
    chapters: list[tuple[str | None, list[Block]]] = []
    current: list[Block] = []
    title: str | None = None
    # The line taken as the subtitle of a number-only heading, and that heading: kept
    # until the chapter closes, when a chapter with almost no text gets the line back.
    named: tuple[str, Block] | None = None
    wanted = [fold(t) for t in titles]

    def close() -> None:
        nonlocal named
        if named is not None and _too_short_for_a_name(current):
            chapters.append((named[0], [named[1], *current]))
        else:
            chapters.append((title, current))
        named = None

    for block in blocks:
        heading: tuple[str, Block | None] | None = None
        if titles:
            lines = [ln for ln in block.text.split("\n") if ln.strip()]
            line_key, block_key = heading_keys(block)
            if block_key and block_key in wanted[:2]:
                # The next entry (or the one after, if a chapter was left out).
                wanted = wanted[wanted.index(block_key) + 1 :]
                heading = (" ".join(block.text.split()), None)
            elif line_key and line_key in wanted[:2]:
                wanted = wanted[wanted.index(line_key) + 1 :]
                rest = "\n".join(lines[1:]).strip()
                heading = (" ".join(lines[0].split()), Block("paragraph", rest) if rest else None)
        else:
            heading = _heading_of(block)
        if heading is not None:
            if (current and any(not _is_break(b) for b in current)) or (
                title is not None and end_heading(title)
            ):
                # A notes heading ("Author's notes") over topics stays: it says what
                # the text under it is.
                close()
                title = None
            elif title is not None:
                # A heading with nothing under it before the next ("Book 1" over
                # "Chapter 1: The Ford", a "Prologue" part over its first section) is
                # no chapter of its own: it names the next one's part.
                title = _under_part(title, heading[0])
                heading = (title, heading[1])
                named = None
            title, opening = heading
            current = [opening] if opening else []
            continue
        if not current and named is None and title is not None and _subtitle(title, block):
            # "Chapter 2" over "The Ferry", each a paragraph of its own: one heading.
            named = (title, block)
            title = f"{title.strip()}: {' '.join(block.text.split())}"
            continue
        current.append(block)
    if current or title is not None:
        close()
    return chapters


# Words a chapter must hold after a scene break under its name for the name to stand: a
# shorter one is a one-line scene, a break and a line ("Chapter 1" over "Some text",
# "* * *", "More text").
_NAMED_MIN_WORDS = 12


def _too_short_for_a_name(body: Sequence[Block]) -> bool:
    """Whether the line under a number-only heading is the chapter's text, not its name:
    nothing follows it, or a scene break and a line or two."""
    words = sum(count_words(b.text) for b in body if not _is_break(b))
    return words == 0 or (_is_break(body[0]) and words < _NAMED_MIN_WORDS)


_SUBTITLE_WORDS = 8
_MAX_CARD_LINES = 2


def _repeated_heading(
    parts: list[tuple[str | None, list[Block]]],
) -> tuple[list[tuple[str | None, list[Block]]], list[str]]:
    """The chapters without an opening one that only holds a title card and whose
    heading the next chapter repeats, and the card's lines.

    A converted e-book's chapter is headed twice, by its file's heading and by the line
    the text itself opens with, and the work's title may stand between them in bold
    ("# Chapter 1: Ice" / "**Gull Count**" / "Chapter 1: Ice"): one chapter, not two,
    and the lines between are its card, not its story.
    """
    if len(parts) < 2:
        return parts, []
    (first, card), (second, _) = parts[0], parts[1]
    lines = [b.text.strip() for b in card if b.text.strip()]
    if (
        first is None
        or second is None
        or fold(first) != fold(second)
        or not 0 < len(lines) <= _MAX_CARD_LINES
        or any(
            "\n" in ln
            or len(ln.split()) > _SUBTITLE_WORDS
            or ln.endswith((".", "!", "?", ",", '"', "”"))
            for ln in lines
        )
    ):
        return parts, []
    return parts[1:], lines


def _subtitle(heading: str, block: Block) -> bool:
    """Whether ``block`` names the chapter whose heading only numbers it: one short
    title-case line, no sentence ("Chapter 2" over "The Ferry")."""
    text = block.text.strip()
    return (
        block.kind != "rule"
        and _NUMBER_ONLY.fullmatch(heading.strip()) is not None
        and bool(text)
        and "\n" not in text
        and len(text.split()) <= _SUBTITLE_WORDS
        and not text.endswith((".", ",", ";", ":"))
        and text[0] not in "\"“'‘([-–—*~"
        and chapter_heading(text) is None
        and title_case_enough(text)
    )


# A heading that only numbers its chapter ("Chapter 2", "Part IV", "3."): a name under it
# completes it.
_NUMBER_ONLY = re.compile(
    r"(?:(?:chapter|ch\.?|part|book)\s*\w{1,8}|\d{1,4}|[ivxlc]{1,7})\.?", re.IGNORECASE
)


def _under_part(outer: str, inner: str) -> str:
    """The title of a chapter whose heading follows an empty one.

    >>> _under_part("Chapter 2", "The Ferry"), _under_part("Book 1: Ice", "Chapter 1: Ford")
    ('Chapter 2: The Ferry', 'Chapter 1: Ford')
    """
    if _NUMBER_ONLY.fullmatch(outer.strip()) and chapter_heading(inner) is None:
        return f"{outer.strip()}: {inner}"
    return inner


def _references(text: str, mark: str) -> bool:
    m = re.escape(mark)
    if mark.isdigit():
        sup = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
        pattern = (
            rf"(?<=[^\s\d])(?:\[{m}\]|\({m}\)|\^{m}|{m})(?!\d)|{re.escape(mark.translate(sup))}"
        )
    else:
        pattern = rf"(?<=\S){m}(?!\*)"
    return re.search(pattern, text) is not None


def attach_footnotes(
    chapters: Sequence[Chapter], legends: Sequence[tuple[str, str]], *, require_mark: bool
) -> list[Footnote]:
    """Footnotes for legends whose mark the text uses (every legend if not required)."""
    text = "\n\n".join(c.text for c in chapters)
    out: list[Footnote] = []
    for mark, note in legends:
        if any(f.mark == mark for f in out):
            continue
        if not require_mark or _references(text, mark):
            out.append(Footnote(mark, note))
    return out


# An archive's chapter card above the text: "2,310 words, Rated: T", "Last updated
# 09/11/2016". Short lines, no sentence.
_CARD_WORDS = 15
_CARD_BLOCKS = 4
_CARD_STORY_WORDS = 20
_FIRST_DIGIT = re.compile(r"\d")


def _card_line(block: Block) -> bool:
    """A chapter card's line: a stat line ("366 words, Rating: G") or a dated line
    under an update/posting label ("Last updated 09/11/2016 14:57"), with no sentence."""
    text = " ".join(block.text.split())
    if block.kind != "paragraph" or not text or count_words(text) > _CARD_WORDS:
        return False
    if text.endswith((".", "!", "?", '"', "”", "…")):
        return False
    if has_stat(text):
        return True
    digit = _FIRST_DIGIT.search(text)
    if digit is None or digit.start() == 0:
        return False
    label = text[: digit.start()].strip(" :-–")
    return field_for(label) in ("updated", "date") and parse_date(text[digit.start() :]) is not None


_CARD_PIECES = re.compile(r"\s*[,|•·]\s*|\s+[-–]\s+")
# What a chapter card may state about the work beside its counts.
_CARD_FIELDS = frozenset({"rating", "category", "warning", "language", "status", "genre"})


def card_fields(lines: Sequence[str]) -> list[HeaderField]:
    """The labelled fields among a card's pieces ("412 words, Rated: T - Status: WIP").

    >>> [(f.field, f.value) for f in card_fields(["412 words, Rated: T"])]
    [('rating', 'T')]
    """
    out = []
    for line in lines:
        for piece in _CARD_PIECES.split(line):
            m = match_label(piece.strip())
            if m is not None and m.colon and m.field in _CARD_FIELDS and m.value:
                out.append(HeaderField(m.label, m.field, m.value, -1))
    return out


def _drop_card(blocks: Sequence[Block]) -> list[Block]:
    """The chapter's blocks without the card lines that open it, when story follows.

    A story index page lists card after card (counts, a summary, a date, the next
    chapter's counts): there the lines stay, and the page reads as the index it is."""
    i = 0
    while i < min(len(blocks), _CARD_BLOCKS) and _card_line(blocks[i]):
        i += 1
    rest = list(blocks[i:])
    if not i or any(_card_line(b) for b in rest[:_CARD_BLOCKS]):
        return list(blocks)
    return (
        rest if count_words(" ".join(b.text for b in rest)) >= _CARD_STORY_WORDS else list(blocks)
    )


def build_structure(blocks: Sequence[Block]) -> Structure:
    """Chapters, breaks, end markers and end notes from the blocks after the header.

    A table of contents near the top is taken out: what precedes it is front matter
    (``Structure.front``), and its entries are the chapter headings.
    """
    result = Structure()
    contents = find_contents(blocks)
    titles: tuple[str, ...] = ()
    if contents is not None:
        result.front = [b.text.strip() for b in blocks[: contents.start] if b.text.strip()]
        blocks, titles = blocks[contents.end :], contents.titles
    parts, end_matter = end_chapters(_split_chapters(blocks, titles))
    parts, cards = _repeated_heading(parts)
    tail_legends: list[tuple[str, str]] = []
    for index, (title, chapter_blocks) in enumerate(parts, start=1):
        last = index == len(parts)
        kept = _drop_card(chapter_blocks)
        if len(kept) < len(chapter_blocks):
            card = chapter_blocks[: len(chapter_blocks) - len(kept)]
            result.fields += card_fields([b.text for b in card])
        chapter_blocks = kept
        # A lone chapter under its own heading ("Chapter 3", a chapter saved by itself)
        # has its A/N under the heading too, where the header's notes cannot reach.
        head: list[str] = []
        summaries: list[str] = []
        if len(parts) > 1 or title is not None:
            head, summaries, used = _labelled_head(chapter_blocks)
            if used:
                chapter_blocks = chapter_blocks[used:]
            else:
                head, chapter_blocks = _chapter_head(chapter_blocks)
        tail = split_tail(chapter_blocks)
        chapter = Chapter(index=index, title=title, text="\n\n".join(_paragraphs(tail.story)))
        head = [*(cards if index == 1 else []), *head]
        if head:
            chapter.notes_begin = "\n\n".join(head)
        if summaries:
            chapter.summary = "\n\n".join(summaries)
        if tail.notes:
            if last:
                result.notes_end = "\n\n".join(tail.notes)
            else:
                chapter.notes_end = "\n\n".join(tail.notes)
        if last:
            result.status = tail.status
        result.fields += tail.fields
        tail_legends += tail.legends
        result.chapters.append(chapter)
    if end_matter:
        result.notes_end = "\n\n".join(
            [*([result.notes_end] if result.notes_end else []), *end_matter]
        )
    # Legends found after the story count only when the text marks them.
    result.footnotes = attach_footnotes(result.chapters, tail_legends, require_mark=True)
    if tail_legends and not result.footnotes:
        extra = "\n".join(f"{m} {t}" for m, t in tail_legends)
        result.notes_end = f"{result.notes_end}\n\n{extra}" if result.notes_end else extra
    # A heading with nothing under it closing the text ("Comments", "Leave a review?"
    # over a form the reader dropped) is no chapter.
    while (
        len(result.chapters) > 1
        and not result.chapters[-1].text
        and not result.chapters[-1].notes_begin
        and not result.chapters[-1].notes_end
    ):
        result.chapters.pop()
    # A header-only file has no story: no chapters rather than one empty one.
    if len(result.chapters) == 1 and not result.chapters[0].text and not result.chapters[0].title:
        result.chapters = []
    return result


# How far into a marked chapter its opening notes and heading line are looked for.
_HEAD_BLOCKS = 12
_MAX_HEAD_NOTE_WORDS = 1500


_CREDIT_FIELDS = frozenset({"author", "beta"})
_MAX_CREDIT_LINES = 4


def _credits(text: str) -> bool:
    """A block of credit lines only: ``By: Wren`` / ``Edited by Tom Reed`` / ``by Ash``.

    >>> _credits("By: Wren Calloway\\nEdited by Tom Reed"), _credits("By the time she woke.")
    (True, False)
    """
    lines = [ln.strip() for ln in text.strip().split("\n") if ln.strip()]
    if not lines or len(lines) > _MAX_CREDIT_LINES:
        return False
    for line in lines:
        m = match_label(line, allow_colonless=True)
        if not (m is not None and m.value and m.field in _CREDIT_FIELDS) and byline(line) is None:
            return False
    return True


def _marked_head(
    blocks: Sequence[Block], titles: Sequence[str | None]
) -> tuple[list[str], list[Block]]:
    """The opening of a chapter whose page a downloader made: a repeat of the work or
    chapter title, the author's notes and disclaimer, separator rules and the chapter's
    own heading line ("Chapter 1: Changes."), before the story.

    Notes are a run that opens with a note label (A/N, Disclaimer, Author's Note) and
    lasts to the next rule or heading. Nothing is cut unless the story that follows is
    reached within the first blocks.
    """
    folded = {fold(t) for t in titles if t and t.strip()}
    cut = 0
    notes: list[str] = []
    pending: list[str] = []
    in_note = False
    note_at = -1
    words = 0
    for i, block in enumerate(blocks[:_HEAD_BLOCKS]):
        text = block.text.strip()
        words += count_words(text)
        if words > _MAX_HEAD_NOTE_WORDS:
            break
        if _is_break(block):
            if in_note:
                notes += pending
                pending, in_note = [], False
            cut = i + 1
            continue
        first = text.split("\n", 1)[0]
        label = match_label(first)
        if _NOTE_START.match(first) or (label is not None and label.field == "disclaimer"):
            pending.append(text)
            note_at = i if not in_note else note_at
            in_note = True
            continue
        if in_note:
            pending.append(text)
            continue
        if _credits(text):
            cut = i + 1  # "By: Wren" / "Edited by Tom": the chapter's byline, not story
            notes += pending
            pending = []
            continue
        plain = fold(text)
        numbered = re.sub(r"^(?:chapter|ch|part)\s+\w+\s*", "", plain)
        if "\n" not in text and (
            plain in folded
            or numbered in folded
            or (chapter_heading(text) is not None and len(text.split()) <= 12)
        ):
            cut = i + 1
            notes += pending
            pending = []
            continue
        break
    else:
        if not in_note:
            return [], list(blocks)  # no story reached: leave the chapter as it is
    if in_note:
        # A note no rule closes: only its first block is surely the note.
        return [*notes, blocks[note_at].text.strip()], list(blocks[note_at + 1 :])
    return notes, list(blocks[cut:])


def chapters_from_raw(
    raw: Sequence[RawChapter], *, inline_notes: bool = False, work_title: str | None = None
) -> Structure:
    """Chapters the format marked (EPUB spine, AO3 divs): breaks normalised, notes kept.

    With ``inline_notes`` (pages a downloader made from a site's chapter pages) the
    author's notes, title repeats and heading lines written into a chapter's text are
    taken out of it, as in plain text; otherwise only footnote legends closing the last
    chapter are (an AO3 translator's notes).
    """
    result = Structure()
    legends: list[tuple[str, str]] = []
    for index, rc in enumerate(raw, start=1):
        last = index == len(raw)
        blocks = [b for b in rc.blocks if b.text.strip() or b.kind == "rule"]
        notes_begin, notes_end = rc.notes_begin, rc.notes_end
        status = None
        summary = rc.summary
        if inline_notes:
            labelled, summaries, used = _labelled_head(blocks)
            blocks = blocks[used:]
            if summaries and not summary:
                summary = "\n\n".join(summaries)
            head, blocks = _marked_head(blocks, [rc.title, work_title])
            head = [*labelled, *head]
            if head:
                notes_begin = "\n\n".join([*([notes_begin] if notes_begin else []), *head])
            tail = split_tail(blocks)
            blocks, status = tail.story, tail.status
            legends += tail.legends
            if tail.notes:
                text = "\n\n".join(tail.notes)
                if last:
                    result.notes_end = text
                else:
                    notes_end = f"{notes_end}\n\n{text}" if notes_end else text
        else:
            if index == 1 and len(blocks) > 1 and "\n" not in blocks[0].text.strip():
                # A single-chapter download repeats the work's title over the text.
                first = fold(blocks[0].text)
                if first and first in {fold(t) for t in (work_title, rc.title) if t}:
                    blocks = blocks[1:]
            if last and blocks and end_marker(blocks[-1].text):
                status = work_status(end_marker(blocks[-1].text))
                blocks = blocks[:-1]
            j = len(blocks)
            while last and j > 1 and legend_block(blocks[j - 1]):
                j -= 1
            if j < len(blocks):
                found = [
                    lg
                    for b in blocks[j:]
                    for ln in b.text.split("\n")
                    if (lg := footnote_legend(ln))
                ]
                story = "\n\n".join(b.text for c in raw for b in c.blocks)
                if all(_references(story, m) for m, _t in found):
                    legends += found
                    blocks = blocks[:j]
        result.chapters.append(
            Chapter(
                index=index,
                title=rc.title,
                text="\n\n".join(_paragraphs(blocks)),
                summary=summary,
                notes_begin=notes_begin,
                notes_end=notes_end,
                html=rc.html,
            )
        )
        result.status = status or result.status
    result.footnotes = attach_footnotes(result.chapters, legends, require_mark=True)
    return result
