"""One block of header lines -> its labelled fields.

A header block is a run of lines such as ``Title: Moth`` / ``Pairing: Ila/Corran`` /
``Rating: PG``: each labelled line starts a field, an unlabelled line continues the
field before it (a summary over several lines), and a line of prose after a one-word
field is the story starting with no blank line. :mod:`fandex.parse.header` finds which
blocks at the top of a file are header and reads each with :func:`read_block`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from fandex.parse import values
from fandex.parse.dates import map_status
from fandex.parse.ffnline import expand_facts_line
from fandex.parse.labels import (
    LabelMatch,
    field_for,
    is_field,
    match_label,
    match_unknown_label,
    parts_of,
    split_run_on,
)
from fandex.parse.lines import chapter_heading, footnote_legend, is_separator, looks_like_prose
from fandex.parse.pairs import split_pairs
from fandex.parse.titleline import (
    PART_OF,
    bare_name,
    byline,
    clean_title_line,
    is_title_line,
    title_by,
    title_case_enough,
)
from fandex.read.document import Block

__all__ = [
    "BlockRead",
    "Header",
    "HeaderField",
    "fields_from_pairs",
    "handle_over_title",
    "headerish",
    "read_block",
    "read_fields",
    "under_title",
]


@dataclass
class HeaderField:
    """One field as found: the label as written, the field it means, its raw value."""

    label: str
    field: str
    value: str
    block: int = 0
    # Read from the header's layout, not from a label (an unlabelled summary sentence).
    unlabelled: bool = False


@dataclass
class Header:
    """The header of a document: its fields in order and where the story begins."""

    fields: list[HeaderField] = field(default_factory=list)
    legends: list[tuple[str, str]] = field(default_factory=list)
    end: int = 0  # index of the first block after the header
    # Story that shares the header's last block (after a separator line, no blank line).
    remainder: Block | None = None
    # A chapter heading above the header ("Chapter 1: Dawn" / "Disclaimer: ..."): the
    # story's first chapter heading, handed back to the structure parse.
    heading: Block | None = None

    def all(self, name: str) -> list[HeaderField]:
        """Every field of canonical name ``name``, in file order."""
        return [f for f in self.fields if f.field == name]

    def first(self, name: str) -> HeaderField | None:
        """The first field of canonical name ``name``, if any."""
        return next((f for f in self.fields if f.field == name), None)

    @property
    def raw(self) -> dict[str, str]:
        """Every field as found: label -> value (a repeated label's values joined)."""
        out: dict[str, str] = {}
        for f in self.fields:
            out[f.label] = f"{out[f.label]}\n{f.value}" if f.label in out else f.value
        return out


def headerish(block: Block | None, in_header: bool = True) -> bool:
    """Whether ``block`` reads as header: a rule, a separator, a label (one without its
    colon only ``in_header``) or a chapter heading on its first line."""
    if block is None:
        return False
    if block.kind == "rule":
        return True
    text = block.text.strip()
    first = text.split("\n", 1)[0]
    return (
        is_separator(first)
        or match_label(first, allow_colonless=in_header) is not None
        or chapter_heading(first) is not None
    )


# Fields whose value is a word or two: a sentence after one is story, not more value.
_SHORT_FIELDS = frozenset(
    {
        "title",
        "author",
        "rating",
        "status",
        "date",
        "updated",
        "language",
        "words",
        "category",
        "part",
        "archive",
        "feedback",
        "email",
        "journal",
    }
)

# Fields whose value runs over lines of prose: a "by ..." line there is part of it.
_PROSE_FIELDS = frozenset({"summary", "notes", "disclaimer", "spoilers", "warning", "other"})

# "Title: Moth | Author: Rennet", "Fandom: Sherlock · Rating: Teen": fields on one line.
# Fields whose value is a list of names or tags, never a sentence.
_LIST_FIELDS = frozenset({"warning", "relationship", "character", "fandom", "genre"})
# Fields whose value is a name or a code ("PG-13", "Complete", "English").
_CODE_FIELDS = frozenset({"author", "rating", "category", "status", "language", "title"})


def fields_from_pairs(pairs: Sequence[tuple[str, str]]) -> list[HeaderField]:
    """Header fields from ``(label, value)`` pairs a page states in its own metadata block.

    >>> [(f.field, f.value) for f in fields_from_pairs([("Rated", "NC-17"), ("Song", "ok")])]
    [('rating', 'NC-17'), ('other', 'ok')]
    """
    out: list[HeaderField] = []
    for label, value in pairs:
        label = " ".join(str(label).split()).strip(" :")
        value = str(value).strip()
        if label and value:
            out.append(HeaderField(label, field_for(label) or "other", value, -1))
    return out


def _sentence(line: str) -> bool:
    """A line of prose (six words or more, ending like a sentence), not a list item."""
    s = line.strip()
    words = len(s.split())
    # "violence, death, angst, language, drugs." is a list that ends with a stop.
    return words >= 6 and s.endswith((".", "!", "?")) and s.count(",") * 4 < words


_PIPE = re.compile(r"\s+(?:\|{1,2}|·|•)\s+")


def _expand_pipes(lines: Sequence[str]) -> list[str]:
    """``Title: Moth | Author: Rennet``, ``Rating - PG ~ Pairing - A/B``: several fields
    on one line become one per line."""
    out: list[str] = []
    for line in lines:
        if "|" in line or "·" in line or "•" in line:
            parts = _PIPE.split(line)
            if len(parts) > 1 and sum(match_label(p) is not None for p in parts) >= 2:
                # "Rating: Teen · Complete": an unlabelled part saying the story's status.
                out += [
                    f"Status: {p}"
                    if match_label(p) is None and len(p.split()) <= 3 and map_status(p)
                    else p
                    for p in parts
                ]
                continue
        # FanFiction.net's facts line, copied; "Rating - PG ~ Pairing - A/B": the pairs
        # marked as their labels are.
        out += expand_facts_line(line) or split_pairs(line) or [line]
    return _expand_run_on(out)


def _expand_run_on(lines: list[str]) -> list[str]:
    """``Title: Moth Fandom: Sherlock; Rating: PG`` (line breaks lost): one field a line;
    a bare label over its value (``Rating`` / ``PG``, a bold label and a line break):
    one line ``Rating: PG``."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        run_on = split_run_on(line) if line.count(":") >= 2 else None
        if run_on is not None:
            out += run_on
        elif i + 1 < len(lines) and _bare_label_over_value(line, lines[i + 1]):
            out.append(f"{line.strip().strip('*_').rstrip(':').strip()}: {lines[i + 1].strip()}")
            i += 1
        else:
            out.append(line)
        i += 1
    return out


_BARE_VALUE_WORDS = 12


def _bare_label_over_value(line: str, nxt: str) -> bool:
    """``Rating`` alone on a line, its value alone on the next: a short list or code,
    not a sentence, and not a field of its own."""
    label = line.strip().strip("*_")
    if label.endswith(":"):
        # "Fandom:" alone, "Star Trek: The Original Series" under it (AO3's tag list
        # copied from the page): a colon inside the value does not make it a label.
        label = label[:-1].strip().strip("*_")
    if not label or len(label.split()) > 3:
        return False
    if not is_field(field_for(label) or "", _LIST_FIELDS | _CODE_FIELDS):
        return False
    value = nxt.strip()
    return (
        bool(value)
        and len(value.split()) <= _BARE_VALUE_WORDS
        and not value.endswith((".", "!", "?"))
        and match_label(value) is None
    )


@dataclass
class BlockRead:
    fields: list[HeaderField]
    legends: list[tuple[str, str]]
    known: int  # lines with a known label
    rest: str | None = None  # story after a separator inside the same block


def read_block(
    lines: Sequence[str], index: int, in_header: bool, *, more_header: bool = False
) -> BlockRead | None:
    """The fields of a header block, or None when the block is not header.
    ``more_header``: the next block is header too (a labelled line, a separator)."""
    lines = _expand_pipes(lines)
    strict = [match_label(ln) for ln in lines]
    allow_colonless = in_header or any(m is not None for m in strict)
    fields: list[HeaderField] = []
    legends: list[tuple[str, str]] = []
    known = 0
    current: HeaderField | None = None
    continuation: list[str] = []

    def close() -> None:
        if current is not None and continuation:
            joined = "\n".join(continuation)
            current.value = f"{current.value}\n{joined}" if current.value else joined
        continuation.clear()

    for n, line in enumerate(lines):
        if not line.strip():
            continue
        m: LabelMatch | None = strict[n] or (
            match_label(line, allow_colonless=True) if allow_colonless else None
        )
        if m is not None:
            close()
            known += 1
            current = HeaderField(m.label, m.field, m.value, index)
            fields.append(current)
            continue
        if is_separator(line):
            close()
            current = None
            if known and not any(match_label(ln) for ln in lines[n + 1 : n + 2]):
                # "Rating: G" / "~~~~" / story, with no blank line: the header ends here.
                rest = "\n".join(lines[n + 1 :]).strip("\n")
                return BlockRead(fields, legends, known, rest or None)
            continue
        part = PART_OF.fullmatch(line.strip())
        if part and (known or in_header):
            close()
            current = HeaderField("Part", "part", part.group("part"), index)
            fields.append(current)
            continue
        unknown = match_unknown_label(line)
        if unknown is not None and (known or in_header or any(strict)):
            close()
            current = HeaderField(unknown.label, "other", unknown.value, index)
            fields.append(current)
            continue
        legend = footnote_legend(line)
        if legend is not None and (known or in_header or legends):
            close()
            legends.append(legend)
            current = None
            continue
        if (
            current is not None
            and not is_field(current.field, _PROSE_FIELDS)
            and not any(f.field == "author" for f in fields)
            and (author := byline(line)) is not None
        ):
            # "Written for: Rue" / "by astolat": the byline closes a one-line field.
            close()
            current = None
            fields.append(HeaderField("By", "author", author, index))
            known += 1
            continue
        if (
            current is not None
            and is_field(current.field, _PROSE_FIELDS)
            and not any(f.field in {"author", "title", "title_line"} for f in fields)
            and n + 1 < len(lines)
            and is_title_line(line)
            and title_case_enough(line)
            and byline(lines[n + 1]) is not None
        ):
            # "Disclaimer: Not mine." / "Moth" / "by Sedge": the title block follows the
            # disclaimer with no blank line between.
            close()
            current = None
            fields.append(HeaderField("Title line", "title_line", clean_title_line(line), index))
            continue
        if current is not None and is_field(current.field, _LIST_FIELDS) and _sentence(line):
            if more_header or any(strict[n + 1 :]):
                # "Advisories: Mild Language", an unlabelled sentence, then more labelled
                # facts: the list ended, and a sentence among the facts is the summary
                # (a note when the header names one).
                close()
                current = HeaderField("Summary", "summary", line.strip(), index, unlabelled=True)
                fields.append(current)
                continue
            if not is_field(current.field, _PROSE_FIELDS):
                # "Pairing: Ila/Corran" then the story with no blank line.
                close()
                return BlockRead(fields, legends, known, "\n".join(lines[n:]))
        if current is not None:
            if (
                set(parts_of(current.field)) <= _SHORT_FIELDS
                and looks_like_prose(line)
                and any(m is not None and m.field != "other" for m in strict[n + 1 :])
                and not current.unlabelled
            ):
                # "By: saltmarsh" / a sentence / "Rated: Fiction T - English - ...": the
                # profile box FanFiction.net shows, copied; the sentence is its summary.
                close()
                current = HeaderField("Summary", "summary", line.strip(), index, unlabelled=True)
                fields.append(current)
                continue
            if set(parts_of(current.field)) <= _SHORT_FIELDS and looks_like_prose(line):
                # "Rating: PG" then the story with no blank line: the header ends here.
                close()
                return BlockRead(fields, legends, known, "\n".join(lines[n:]))
            continuation.append(line.strip())
            continue
        # "By Sedge" over the title line over labelled fields: the author comes first.
        author = byline(line) if (known or in_header or n or any(strict[2:])) else None
        if author is not None:
            fields.append(HeaderField("By", "author", author, index))
            known += 1
            continue
        if (
            n == 1
            and [f.label for f in fields] == ["By"]
            and is_title_line(line)
            and any(strict[2:])
        ):
            fields.append(HeaderField("Title line", "title_line", clean_title_line(line), index))
            continue
        if n == 0 and len(lines) > 1 and any(strict[1:]) and (pair := title_by(line)):
            # "Moth by Sedge" over a labelled list: the title and its byline.
            fields.append(HeaderField("Title line", "title_line", pair[0], index))
            fields.append(HeaderField("Byline", "author", pair[1], index))
            known += 1
            continue
        if n == 0 and len(lines) > 1 and is_title_line(line) and any(strict[1:]):
            # A title or banner line over a labelled list.
            fields.append(HeaderField("Title line", "title_line", clean_title_line(line), index))
            continue
        if n == 1 and [f.field for f in fields] == ["title_line"] and any(strict[2:]):
            if (handle := handle_over_title(fields[0].value, line, strict[2:])) is not None:
                # "wren_77" over "Moth": the handle was the author, this line the title.
                fields[0] = HeaderField("Author line", "author", handle, index)
                fields.append(HeaderField("Title line", "title_line", line.strip(), index))
                known += 1
                continue
            if _same_name(fields[0].value, strict[2:]) and is_title_line(line):
                # "Sedge" / "Moth" / "Author: Sedge": the top line named the author.
                fields[0] = HeaderField("Author line", "other", fields[0].value, index)
                fields.append(HeaderField("Title line", "title_line", line.strip(), index))
                continue
            second = under_title(line, strict[2:], index)
            if second is not None:
                fields.append(second)
                known += second.field == "author"
                continue
        return None  # a line we cannot place: this block is not header
    close()
    if not known and not (legends and in_header):
        return None
    return BlockRead(fields, legends, known)


def under_title(line: str, below: Sequence[LabelMatch | None], index: int) -> HeaderField | None:
    """The line under a title line, over labelled fields (``below``: each line's label,
    if any), with no label or "by": the author's bare name ("moonlitwriter"), a fandom a
    pack knows ("Harry Potter"), or a subtitle when the fields name the author. None when
    it is none of these."""
    if values.is_known_fandom(line.strip()):
        return HeaderField("Fandom line", "fandom", line.strip(), index)
    if any(m is not None and m.field == "author" for m in below):
        if is_title_line(line):
            return HeaderField("Subtitle", "other", clean_title_line(line), index)
        return None
    name = bare_name(line)
    return HeaderField("Author line", "author", name, index) if name else None


# A handle no title is written as: digits, an underscore, a capital inside a word.
_STRONG_HANDLE = re.compile(r"[\d_]|[a-z][A-Z]")


def handle_over_title(top: str, line: str, below: Sequence[LabelMatch | None]) -> str | None:
    """The author's handle when ``top``, the first of two unlabelled lines over labelled
    fields (``below``) that name no author, is one (``wren_77``, ``SkyFox``) and
    ``line`` under it is a title-case line that is no handle; else None."""
    if any(m is not None and m.field == "author" for m in below):
        return None
    name = bare_name(top, handle_only=True)
    if name is None or _STRONG_HANDLE.search(name) is None:
        return None
    if bare_name(line, handle_only=True) is not None or not is_title_line(line):
        return None
    return name if title_case_enough(line) else None


def _same_name(line: str, below: Sequence[LabelMatch | None]) -> bool:
    """``line`` is the name an ``Author:`` field in ``below`` gives."""
    key = " ".join(line.split()).casefold()
    return any(
        m is not None and m.field == "author" and " ".join(m.value.split()).casefold() == key
        for m in below
    )


def read_fields(text: str) -> list[HeaderField]:
    """The labelled fields of one block read as header (for a header closing a story)."""
    read = read_block(text.split("\n"), -1, in_header=True)
    return read.fields if read is not None else []
