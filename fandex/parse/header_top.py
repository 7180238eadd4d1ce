"""The unlabelled lines at the top of a file that a fan reads as its header: a title and
a byline (``Moth`` / ``by Sedge``, ``Moth by Sedge (PG-13)``), the author's name over a
title, a contact line, a part count, and a mail's ``From:`` / ``Subject:`` lines over a
known header. :mod:`fandex.parse.header` asks these of each block it has not read as
labelled fields.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fandex.parse.header_block import (
    Header,
    HeaderField,
    handle_over_title,
    headerish,
    under_title,
)
from fandex.parse.header_summary import title_stated
from fandex.parse.labels import match_label, match_unknown_label
from fandex.parse.lines import is_separator, looks_like_prose
from fandex.parse.titleline import (
    DATELINE,
    PART_OF,
    bare_name,
    byline,
    clean_title_line,
    is_title_line,
    rating_tail,
    title_by,
    title_case_enough,
)
from fandex.read.document import Block


def unframed(lines: list[str]) -> list[str]:
    """A title block drawn between banner lines (``~*~*~`` / ``Moth`` / ``by Sedge`` /
    ``~*~*~``) without the banners."""
    inner = list(lines)
    while inner and is_separator(inner[0]):
        inner.pop(0)
    while inner and is_separator(inner[-1]):
        inner.pop()
    return inner if inner and len(inner) < len(lines) else lines


def top_lines(header: Header, lines: Sequence[str], i: int, blocks: Sequence[Block]) -> bool:
    """Title and byline lines above (or without) a labelled list; True if consumed."""
    has_title = title_stated(header.fields)
    has_author = header.first("author") is not None
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    header_follows = nxt is not None and (
        headerish(nxt, in_header=bool(header.fields))
        or byline(nxt.text.split("\n", 1)[0]) is not None
    )
    if len(lines) > 3:
        return False
    # After other fields ("Disclaimer:" first), a title block must sit inside the
    # header, with more header below it.
    if not header_follows and any(
        f.field not in {"title", "title_line", "author"} for f in header.fields
    ):
        return False
    found: list[HeaderField] = []
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        author = byline(line)
        if author and not has_author:
            found.append(HeaderField("By", "author", author, i))
            has_author = True
            continue
        tb = title_by(line) if not has_title and not has_author else None
        if tb:
            # "Moth by Sedge (PG-13)": a rating in brackets closes the line.
            name, rated = rating_tail(tb[1])
            found += [
                HeaderField("Title line", "title_line", tb[0], i),
                HeaderField("Byline", "author", name, i),
            ]
            if rated:
                found.append(HeaderField("Rating line", "rating", rated, i))
            has_title = has_author = True
            continue
        if not has_title and n == 0 and is_title_line(line):
            title, rated = rating_tail(clean_title_line(line))
            found.append(HeaderField("Title line", "title_line", title, i))
            if rated:
                found.append(HeaderField("Rating line", "rating", rated, i))
            has_title = True
            continue
        if has_author and _CONTACT.fullmatch(line.strip()):
            # "by Sedge" / "(sedge@example.com)": how to reach the author.
            found.append(HeaderField("Contact", "email", line.strip().strip("()<>[]"), i))
            continue
        if has_title and n > 0 and PART_OF.fullmatch(line.strip()):
            # "Rain on the Shrine" / "Part 1 of 2" / "by Someone" as one block.
            found.append(HeaderField("Part", "part", line.strip(), i))
            continue
        under = _bare_author(found, line, len(lines), nxt, header_follows)
        if under is not None and not has_author:
            found.append(under)
            has_author = under.field == "author"
            continue
        return False
    if not found:
        return False
    only_title = all(f.field == "title_line" for f in found) and not header.fields
    if only_title and not header_follows:
        # A title line alone over the story must look like a title: title case, not a
        # dateline ("London, 1888"), and with prose after it.
        value = found[0].value
        if (
            not title_case_enough(value)
            or DATELINE.search(value)
            or nxt is None
            or not looks_like_prose(nxt.text)
        ):
            return False
    header.fields += found
    return True


def top_run(header: Header, blocks: Sequence[Block], i: int) -> int | None:
    """Two unlabelled lines opening the file, in one block or one a block, over a
    labelled header (or over the story): the title and the author's name in whichever
    order the file writes them. Read here: the author first (``by Sedge`` / ``Moth``, a
    handle such as ``wren_77`` over a title-case title) and a title and bare name each
    in its own paragraph. The index of the block after the two lines, or None."""
    if header.fields or header.legends or i != header.end:
        return None
    first = blocks[i].text.strip().split("\n")
    if len(first) == 2:
        lines, after = first, i + 1
    elif len(first) == 1 and i + 1 < len(blocks) and "\n" not in blocks[i + 1].text.strip():
        lines, after = [first[0], blocks[i + 1].text.strip()], i + 2
    else:
        return None
    if after >= len(blocks) or any(b.kind != "paragraph" for b in blocks[i:after]):
        return None
    if any(not _plain_top_line(ln) for ln in lines):
        return None
    nxt = blocks[after]
    labels = [match_label(ln) for ln in nxt.text.strip().split("\n")]
    header_below = labels[0] is not None
    named = {" ".join(m.value.split()).casefold() for m in labels if m and m.field == "author"}
    top, second = lines
    found = _author_first(top, second, named, i)
    if found is None and after == i + 2 and header_below and is_title_line(top):
        # "Moth" / "wren_77" as two paragraphs over "Rating: PG": title, then the name
        # (a fandom or subtitle when the fields name the author).
        under = under_title(second, labels, i + 1)
        if under is not None:
            found = (top, under)
    if found is None:
        return None
    title, author = found
    if not header_below and not (looks_like_prose(nxt.text) and title_case_enough(title)):
        return None
    header.fields += [HeaderField("Title line", "title_line", clean_title_line(title), i), author]
    return after


def _plain_top_line(line: str) -> bool:
    """A line that may be a title or a name: short, not a label, separator, heading,
    part count or sentence."""
    s = line.strip()
    return (
        bool(s)
        and is_title_line(s)
        and match_label(s) is None
        and not is_separator(s)
        and PART_OF.fullmatch(s) is None
        and not looks_like_prose(s)
    )


# "By Tuesday", "By morning": a time, not an author.
_WHEN = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|morning|noon|night|midnight|dawn|"
    r"dusk|evening|nightfall|sunset|sunrise|then|now|tomorrow|tonight",
    re.IGNORECASE,
)


def _author_first(
    top: str, second: str, named: set[str], index: int
) -> tuple[str, HeaderField] | None:
    """(title, author field) when the first of two top lines is the author: a ``by``
    line, the name the labelled fields give, or a handle over a title-case line that is
    no handle."""
    if byline(second) is not None or title_by(top) is not None:
        return None
    if (by := byline(top)) is not None:
        if _WHEN.match(by) or (bare_name(by) is None and "," not in by):
            return None  # "By Tuesday" / "Everything Changed": the story's first lines
        return second, HeaderField("By", "author", by, index)
    if " ".join(top.split()).casefold() in named:
        # The fields below name the author too: the line is kept, not counted twice.
        return second, HeaderField("Author line", "other", top.strip(), index)
    if not named and (handle := handle_over_title(top, second, [])) is not None:
        return second, HeaderField("Author line", "author", handle, index)
    return None


# A line that is only an e-mail or web address, maybe in brackets.
_CONTACT = re.compile(
    r"[(<\[]?\s*(?:mailto:)?(?:[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}|"
    r"https?://\S{1,200})\s*[)>\]]?"
)


def _bare_author(
    found: Sequence[HeaderField], line: str, count: int, nxt: Block | None, header_follows: bool
) -> HeaderField | None:
    """The second of two top lines, a title over a name with no "by": the author (or a
    subtitle when labelled fields below name the author). With no header below, only a
    handle-shaped name under a title-case title, over prose, counts."""
    if count != 2 or [f.field for f in found] != ["title_line"] or nxt is None:
        return None
    if header_follows:
        return under_title(line, [match_label(ln) for ln in nxt.text.strip().split("\n")], 0)
    name = bare_name(line, handle_only=True)
    if name is None or not title_case_enough(found[0].value) or not looks_like_prose(nxt.text):
        return None
    return HeaderField("Author line", "author", name, found[0].block)


def mail_lines(header: Header, lines: Sequence[str], i: int, blocks: Sequence[Block]) -> bool:
    """Label-shaped lines no vocabulary knows (a mail's ``From:`` / ``Subject:``) count as
    header only above a known header block."""
    if len(lines) > 8 or i + 1 >= len(blocks) or not headerish(blocks[i + 1], in_header=False):
        return False
    found = [match_unknown_label(ln) for ln in lines if ln.strip()]
    if not found or any(m is None for m in found):
        return False
    header.fields += [HeaderField(m.label, "other", m.value, i) for m in found if m is not None]
    return True
