"""Where the story header is, and the labelled fields in it.

A header is the run of blocks at the top of a file that a fan reads as "about the
story": a title line (``Blood Pure`` / ``by Sajinn`` or ``Blood Pure by Sajinn``),
labelled fields (``Rating: R``), footnote legends, separator lines. It ends at the
first block that reads as story: prose, a chapter heading, or a block with no label.
Only the top of the file is read, so a ``Title:`` line in chapter 3's dialogue is story.

Work is bounded: at most :data:`MAX_HEADER_BLOCKS` blocks and :data:`MAX_HEADER_LINES`
lines are examined, each with linear-time patterns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from fandex.parse.asides import reads_as_asides
from fandex.parse.factsline import bar_facts
from fandex.parse.header_block import (
    BlockRead,
    Header,
    HeaderField,
    headerish,
    read_block,
    under_title,
)
from fandex.parse.header_summary import italic_summary, rest_block, summary_between, title_stated
from fandex.parse.header_top import mail_lines, top_lines, top_run, unframed
from fandex.parse.labels import is_field, lone_note_label, match_label
from fandex.parse.lines import chapter_heading, footnote_legend, is_separator, looks_like_prose
from fandex.parse.numbered import opens_numbered_run
from fandex.parse.titleline import (
    PART_OF,
    bare_name,
    byline,
    clean_title_line,
    title_by,
)
from fandex.read.document import Block
from fandex.vocab.ao3 import load_toml

MAX_HEADER_BLOCKS = 400
MAX_HEADER_LINES = 20000


_EMPTY_VALUE_FIELDS = frozenset(
    {
        "summary",
        "notes",
        "disclaimer",
        "warning",
        "spoilers",
        "dedication",
        "relationship",
        "character",
        "fandom",
        "title",
        "author",
        "rating",
        "category",
        "genre",
        "beta",
    }
)


def parse_header(blocks: Sequence[Block]) -> Header:
    """Find the header at the top of ``blocks`` and read its fields.

    >>> from fandex.read.document import paragraphs
    >>> h = parse_header(paragraphs("Blood Pure\\nby Sajinn\\n\\nRating: R\\n\\nShe ran."))
    >>> [(f.field, f.value) for f in h.fields], h.end
    ([('title_line', 'Blood Pure'), ('author', 'Sajinn'), ('rating', 'R')], 2)
    """
    header = Header()
    lines_seen = 0
    i = _lead_in(header, blocks)
    n = len(blocks)
    while i < n and i < MAX_HEADER_BLOCKS and lines_seen < MAX_HEADER_LINES:
        block = blocks[i]
        text = block.text.strip("\n")
        lines = text.split("\n")
        lines_seen += len(lines)
        in_header = bool(header.fields or header.legends)
        if block.kind == "rule" or (
            text.strip() and all(is_separator(ln) or _LJ_CUT.fullmatch(ln.strip()) for ln in lines)
        ):
            header.end = i + 1 if (in_header or i == 0) else header.end
            if not in_header and i > 0:
                break
            i += 1
            continue
        if not text.strip():
            i += 1
            continue
        if in_header and len(lines) == 1 and _story_start(lines[0]):
            header.end = i + 1  # "Work Text:": the header ends, the story begins
            break
        if in_header and _continues_summary(header, blocks, i, lines):
            summary = header.fields[-1]
            summary.value = f"{summary.value}\n\n{' '.join(text.split())}"
            header.end = i + 1
            i += 1
            continue
        if _heading_over_header(header, blocks, i, lines):
            header.heading = block
            header.end = i + 1
            i += 1
            continue
        if block.kind == "heading" and header.first("author") is None and (by := byline(text)):
            # <h3>By Sedge</h3> under the title heading
            header.fields.append(HeaderField("By", "author", by, i))
            header.end = i + 1
            i += 1
            continue
        if block.kind == "heading" and (name := _heading_name(header, blocks, i, text)):
            # <h2>Moth</h2><h3>saltmarsh</h3> over the fields: the author's bare name.
            header.fields.append(name)
            header.end = i + 1
            i += 1
            continue
        if block.kind == "heading":
            if (
                i == header.end
                and not title_stated(header.fields)
                and i <= 1
                and chapter_heading(text) is None  # "Chapter 9: ..." opens the story
                and not opens_numbered_run(blocks, i)  # "1. The Ford" ... "2. The Bank"
                and not block.attrs.get("run")  # the first of a reader's run of headings
                and not _numbers_next_chapter(blocks, i, text)  # "1. Dawn" over "Chapter 1: Dawn"
            ):
                title = title_by(text) if "\n" not in text else None
                if title:
                    header.fields += [
                        HeaderField("Title line", "title_line", title[0], i),
                        HeaderField("Byline", "author", title[1], i),
                    ]
                else:
                    header.fields.append(
                        HeaderField("Title line", "title_line", clean_title_line(text), i)
                    )
                header.end = i + 1
                i += 1
                continue
            break
        if len(lines) == 1 and PART_OF.fullmatch(lines[0].strip()):
            # "Part 1 of 2" over a header is the series place; over story, a heading.
            if in_header or (i + 1 < n and headerish(blocks[i + 1], in_header=False)):
                header.fields.append(HeaderField("Part", "part", lines[0].strip(), i))
                header.end = i + 1
                i += 1
                continue
            break
        if len(lines) == 1 and chapter_heading(lines[0]) is not None:
            break
        if len(lines) == 1 and i + 1 < n and _bare_note_label(lines[0]):
            # "Author's Note" / "A/N" alone, with no colon, over the note's paragraphs: a
            # label (read_block reads it with one), not a title line; the note runs to
            # the separator (_notes_to_separator).
            header.fields.append(HeaderField(lines[0].strip(_LABEL_DECORATION), "notes", "", i))
            header.end = i + 1
            i += 1
            continue
        if len(lines) == 1 and i + 1 < n and (in_header or i == header.end):
            facts = bar_facts(lines[0])
            if facts:
                # "Harbour Tales | PG | Ila/Corran" under the title: each part is a field.
                label = " ".join(lines[0].split())
                header.fields += [HeaderField(label, f, v, i) for f, v in facts]
                header.end = i + 1
                i += 1
                continue
        if (
            len(lines) == 1
            and i + 1 < n
            and (in_header or i == header.end)
            and len(text.split()) <= _FRONT_NOTE_WORDS
            and _FRONT_NOTE.match(text.strip())
        ):
            # "Dedicated to my sister.", "Beta'd by Marram.", "Sequel to 'Ebb'.",
            # "Edit 3/5/12: typos fixed." over the story: the author's word on it.
            header.fields.append(HeaderField("Note", "notes", " ".join(text.split()), i))
            header.end = i + 1
            i += 1
            continue
        more = i + 1 < n and headerish(blocks[i + 1], in_header=True)
        read = read_block(lines, i, in_header, more_header=more)
        if read is not None and not in_header and _lone_sentence(read, blocks, i):
            break
        if read is not None:
            header.fields += read.fields
            header.legends += read.legends
            header.end = i + 1
            i += 1
            if read.rest is not None:
                rest = rest_block(block, read.rest)
                nxt = blocks[i] if i < n else None
                if italic_summary(header.fields, rest, nxt, [read.rest]):
                    # "Rating: PG<br><i>The summary</i>" over "Chapter 1".
                    header.fields.append(
                        HeaderField(
                            "Summary",
                            "summary",
                            " ".join(read.rest.split()),
                            i - 1,
                            unlabelled=True,
                        )
                    )
                    continue
                header.remainder = Block("paragraph", read.rest)
                break
            last = read.fields[-1] if read.fields else None
            if (
                last is not None
                and not last.value
                and is_field(last.field, _EMPTY_VALUE_FIELDS)
                and i < n
                and blocks[i].kind == "paragraph"
                and not headerish(blocks[i])
                and i + 1 < n
                and (
                    headerish(blocks[i + 1])
                    or _story_start(blocks[i + 1].text.strip().split("\n", 1)[0])
                )
            ):
                # "Summary:" on its own, the summary in the next paragraph, then more
                # header: the paragraph is the value.
                last.value = blocks[i].text.strip()
                header.end = i + 1
                i += 1
            continue
        if in_header and summary_between(header.fields, blocks, i, lines):
            # "By: saltmarsh" / a sentence / "Rated: Fiction T - ...": FanFiction.net's
            # profile box copied line by line; the sentence between is its summary.
            header.fields.append(
                HeaderField("Summary", "summary", " ".join(text.split()), i, unlabelled=True)
            )
            header.end = i + 1
            i += 1
            continue
        if in_header and italic_summary(
            header.fields, block, blocks[i + 1] if i + 1 < n else None, lines
        ):
            # Title, byline and rating, then the summary set in italics over "Chapter 1":
            # an old archive's page (FictionAlley's, a fan site's) labels it no other way.
            header.fields.append(
                HeaderField("Summary", "summary", " ".join(text.split()), i, unlabelled=True)
            )
            header.end = i + 1
            i += 1
            continue
        if in_header and len(lines) <= 2 and _THANKS.match(text.strip()):
            # "With many thanks to Cesca for the beta!" between header and story.
            header.fields.append(HeaderField("Thanks", "beta", " ".join(text.split()), i))
            header.end = i + 1
            i += 1
            continue
        if mail_lines(header, lines, i, blocks):
            header.end = i + 1
            i += 1
            continue
        if block.kind == "paragraph" and (name := _heading_name(header, blocks, i, text)):
            # A title heading, then the author's handle as a line of its own.
            header.fields.append(name)
            header.end = i + 1
            i += 1
            continue
        if (run_end := top_run(header, blocks, i)) is not None:
            header.end = i = run_end
            continue
        if top_lines(header, unframed(lines), i, blocks):
            header.end = i + 1
            i += 1
            continue
        end = _notes_to_separator(header, blocks, i) if in_header else None
        if end is not None:
            text = "\n\n".join(b.text.strip() for b in blocks[i:end] if b.text.strip())
            last = header.fields[-1]
            if last.field == "notes" and not last.value:
                last.value = text  # the lone label's note
            else:
                header.fields.append(HeaderField("Notes", "notes", text, i))
            # The separator closing the notes goes with them; a chapter heading stays.
            header.end = end if _chapter_line(blocks[end]) else end + 1
        break
    _give_back_a_prose_legend(header, blocks)
    _one_summary(header)
    return header


@cache
def _story_starts() -> frozenset[str]:
    return frozenset(load_toml("header.toml")["landmarks"]["story_start"])


def _story_start(line: str) -> bool:
    """A landmark line where the story's text begins ("Work Text:")."""
    return line.strip().rstrip(":").strip().casefold() in _story_starts()


# A summary's later paragraph is short; the header's labels go on right after it.
_MAX_CONTINUED_WORDS = 120


def _continues_summary(header: Header, blocks: Sequence[Block], i: int, lines: list[str]) -> bool:
    """An unlabelled paragraph right under a stated summary, with more of the header's
    labelled lines just after it: the summary's next paragraph ("Summary: Jack knows."
    / "He sees it." / "Notes: ...")."""
    if not header.fields or header.fields[-1].field != "summary" or not header.fields[-1].value:
        return False
    if header.fields[-1].block != i - 1 or blocks[i].kind != "paragraph":
        return False
    if len(lines) > 3 or len(blocks[i].text.split()) > _MAX_CONTINUED_WORDS:
        return False
    if headerish(blocks[i]) or i + 1 >= len(blocks):
        return False
    nxt = blocks[i + 1].text.strip().split("\n", 1)[0]
    m = match_label(nxt)
    return (m is not None and m.colon) or _story_start(nxt)


def _one_summary(header: Header) -> None:
    """An unlabelled sentence read as the summary is a note when a labelled summary
    is also given."""
    if any(f.field == "summary" and not f.unlabelled for f in header.fields):
        for f in header.fields:
            if f.field == "summary" and f.unlabelled:
                f.field, f.label = "notes", "Notes"


def _give_back_a_prose_legend(header: Header, blocks: Sequence[Block]) -> None:
    """A header that ate the whole file ending in a "legend" that is a paragraph of prose
    ("27- broken dreams 'they're... chasing him?'"): that paragraph is the story."""
    last = header.end - 1
    if header.end < len(blocks) or last < 0 or not header.legends:
        return
    text = blocks[last].text.strip()
    if "\n" in text or not looks_like_prose(text) or footnote_legend(text) is None:
        return
    if any(f.block == last for f in header.fields):
        return
    header.legends = [lg for lg in header.legends if lg != footnote_legend(text)]
    header.end = last


_THANKS = re.compile(
    r"(?:with\s+)?(?:(?:many|much|big|huge|special|endless|all\s+my|my)\s+){0,3}"
    r"(?:thanks|thank\s+you)\b.{0,300}$",
    re.IGNORECASE | re.DOTALL,
)
# A line of the author's about the work, written as a sentence, not a label.
_FRONT_NOTE = re.compile(
    r"\W{0,3}(?:dedicated\s+to\b|(?:un|not\s+)?beta(?:['’]?d|ed|-?read)\b|"
    r"(?:a\s+)?(?:sequel|prequel|companion\s+(?:piece|fic|story)|follow[\s-]?up)\s+to\b|"
    r"edit(?:ed)?\b[^:\n]{0,25}:)",
    re.IGNORECASE,
)
_FRONT_NOTE_WORDS = 30
# How far an author's notes may run before the separator that ends them.
_NOTES_RUN_BLOCKS = 15
_NOTES_RUN_WORDS = 1500


# A few lines of chatter a post may open with before its fic header ("Finally done!").
_LEAD_IN_BLOCKS = 2
_LEAD_IN_WORDS = 80
_STRONG_HEADER = 3


def _lead_in(header: Header, blocks: Sequence[Block]) -> int:
    """Where the header starts: after a short lead-in of prose (kept as a note) when a
    block of at least three known labels, one of them unmistakable, follows it."""
    words = 0
    for k, block in enumerate(blocks[: _LEAD_IN_BLOCKS + 1]):
        lines = [ln for ln in block.text.strip().split("\n") if ln.strip()]
        found = [m for ln in lines if (m := match_label(ln)) is not None]
        strong = any(is_field(m.field, _UNMISTAKABLE) for m in found)
        if k and len(found) >= _STRONG_HEADER and strong:
            text = "\n\n".join(b.text.strip() for b in blocks[:k])
            header.fields.append(HeaderField("Lead-in", "notes", text, 0))
            return k
        if found or block.kind != "paragraph" or not looks_like_prose(block.text):
            return 0
        words += len(block.text.split())
        if words > _LEAD_IN_WORDS:
            return 0
    return 0


def _heading_over_header(header: Header, blocks: Sequence[Block], i: int, lines: list[str]) -> bool:
    """A chapter heading opening the file, or right under its title line, with labelled
    fields or a byline right under it ("Gull Count" / "Chapter 1" / "By: Wren")."""
    if len(lines) != 1 or chapter_heading(lines[0]) is None:
        return False
    under_title = i == header.end == 1 and [f.field for f in header.fields] == ["title_line"]
    if (i != 0 or header.fields) and not under_title:
        return False
    if PART_OF.fullmatch(lines[0].strip()):
        return False  # "Part 1 of 2" over a header is the series place
    nxt = blocks[i + 1] if len(blocks) > i + 1 else None
    if nxt is None:
        return False
    first = nxt.text.strip().split("\n", 1)[0]
    return match_label(first) is not None or (under_title and byline(first) is not None)


def _notes_to_separator(header: Header, blocks: Sequence[Block], i: int) -> int | None:
    """Where author's notes that follow a Disclaimer or Notes field end: the index of
    the separator (or the chapter heading) closing them, when one comes soon, the
    blocks before it read as the author talking about the story (or follow a lone note
    label), and more story than notes follows it."""
    if not any(f.field in {"disclaimer", "notes"} for f in header.fields):
        return None
    # Under a lone "Author's Note:" label the run is the note whatever it talks about.
    labelled = header.fields[-1].field == "notes" and not header.fields[-1].value
    words = 0
    for j in range(i, min(len(blocks), i + _NOTES_RUN_BLOCKS)):
        block = blocks[j]
        if (
            block.kind == "rule"
            or (block.text.strip() and _all_separators(block.text))
            or (j > i and _chapter_line(block))
        ):
            if j == i:
                return None
            run = [b.text.strip() for b in blocks[i:j] if b.text.strip()]
            after = sum(len(b.text.split()) for b in blocks[j + 1 :])
            if _chapter_line(block):
                # A note running on from an "A/N:" line to "Chapter One" is the note too;
                # other lines over the heading may be the work's title and byline.
                noted = header.fields[-1].field == "notes"
                bylined = any(byline(b.text.strip()) for b in blocks[i:j] if b.text.strip())
                return j if after > words and noted and not bylined else None
            return j if after > words and (labelled or reads_as_asides(run)) else None
        if block.kind == "heading" or match_label(block.text.strip().split("\n", 1)[0]):
            return None
        words += len(block.text.split())
        if words > _NOTES_RUN_WORDS:
            return None
    return None


_LABEL_DECORATION = " \t*_~=#-–—[]():"


def _bare_note_label(line: str) -> bool:
    """A line that is only a note's label, written without its colon ("Author's Note",
    "~ A/N ~").

    >>> _bare_note_label("Author's Note"), _bare_note_label("~ A/N ~"), _bare_note_label("Notes")
    (True, True, True)
    >>> _bare_note_label("Author's Note:"), _bare_note_label("Notes from the Road")
    (False, False)
    """
    core = line.strip(_LABEL_DECORATION)
    if not core or ":" in line:
        return False
    return lone_note_label(f"{core}:") == "notes"


def _chapter_line(block: Block) -> bool:
    """A block that is only a chapter heading ("Chapter One", "Chapter 2: The Ferry")."""
    text = block.text.strip()
    return bool(text) and "\n" not in text and chapter_heading(text) is not None


def _all_separators(text: str) -> bool:
    return all(is_separator(ln) for ln in text.strip().split("\n") if ln.strip())


# LiveJournal's cut link, left in saved pages: "( Read more... )".
_LJ_CUT = re.compile(r"[(\[]?\s*read\s+more\s*(?:\.{2,3}|…|»)?\s*[)\]]?", re.IGNORECASE)


# Labels that are only ever header labels: a block holding one of them is header even
# alone. Others ("Warning:", "Note:") also open ordinary sentences.
_UNMISTAKABLE = frozenset(
    {
        "title",
        "author",
        "relationship",
        "fandom",
        "rating",
        "disclaimer",
        "summary",
        "character",
        "spoilers",
    }
)


def _lone_sentence(read: BlockRead, blocks: Sequence[Block], i: int) -> bool:
    """A story that opens "Warning: the bridge was out, the sign said..." is not a header.

    Only for a single field opening the file with nothing header-like after it, whose
    value reads as a sentence (lower-case start, eight words or more).
    """
    if len(read.fields) != 1 or read.legends or read.rest is not None:
        return False
    f = read.fields[0]
    if is_field(f.field, _UNMISTAKABLE) or f.label.isupper():
        return False
    if i + 1 < len(blocks) and headerish(blocks[i + 1], in_header=True):
        return False
    value = f.value.strip()
    return bool(value) and value[0].islower() and len(value.split()) >= 8


def _heading_name(header: Header, blocks: Sequence[Block], i: int, text: str) -> HeaderField | None:
    """A heading or line right under the title holding only a name: the author (a
    handle alone over the story, or any name when labelled fields follow), else None."""
    if [f.field for f in header.fields] != ["title_line"] or i != header.end or "\n" in text:
        return None
    if chapter_heading(text) is not None or i + 1 >= len(blocks):
        return None
    nxt = blocks[i + 1]
    if headerish(nxt, in_header=True) and nxt.kind != "heading":
        return under_title(text, [match_label(ln) for ln in nxt.text.strip().split("\n")], i)
    name = bare_name(text, handle_only=True)
    if name is None or (nxt.kind != "heading" and not looks_like_prose(nxt.text)):
        return None
    return HeaderField("Author line", "author", name, i)


_NUMBERED = re.compile(r"\s*\d{1,4}\s*[.:)\-–—]\s*(?P<title>\S.*)")


def _numbers_next_chapter(blocks: Sequence[Block], i: int, text: str) -> bool:
    """A numbered heading ("1. Good Morning") over the chapter heading that names the same
    chapter ("Chapter 001" / "Good Morning"): a downloader's heading for the chapter, not
    the work's title."""
    m = _NUMBERED.fullmatch(text.strip())
    if m is None or i + 1 >= len(blocks):
        return False
    lines = [ln.strip() for ln in blocks[i + 1].text.strip().split("\n") if ln.strip()]
    if not lines or len(lines) > 2 or chapter_heading(lines[0]) is None:
        return False
    title = " ".join(m.group("title").casefold().split())
    return title in " ".join(" ".join(lines).casefold().split())
