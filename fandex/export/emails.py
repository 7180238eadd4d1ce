"""E-mail addresses in works' texts and notes, listed for an archivist to redact.

Old archives printed authors' addresses in notes and stories ("mail me at ..."); Open
Doors removes them before an import, but a story may also hold a fictional e-mail
exchange, so fandex lists them (with the place and a little context) and changes
nothing: a person decides.

>>> from fandex.model import Chapter, Work
>>> w = Work(id="ab", title="T", notes_begin="Write to me: a.b@example.org!",
...          chapters=[Chapter(1, text="No address here.")])
>>> [(f.where, f.address) for f in find_emails(w)]
[('notes', 'a.b@example.org')]
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from fandex.export.sheets import SheetWriter
from fandex.model import Work

__all__ = ["EMAIL", "EmailFinding", "find_emails", "write_email_report"]

EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b"
)
_CONTEXT = 40


@dataclass(frozen=True)
class EmailFinding:
    """One address: the work, where in it, the address and the words around it."""

    work_id: str
    title: str
    where: str  # "summary", "notes", "end notes", "chapter 3", "chapter 3 notes", ...
    address: str
    context: str


def _places(work: Work) -> Iterator[tuple[str, str]]:
    yield "title", work.title or ""
    yield "summary", work.summary or ""
    yield "notes", work.notes_begin or ""
    yield "end notes", work.notes_end or ""
    for ch in work.chapters:
        yield (
            f"chapter {ch.index} notes",
            "\n".join(x for x in (ch.summary, ch.notes_begin, ch.notes_end) if x),
        )
        yield f"chapter {ch.index}", ch.text


def _found(work: Work, where: str, text: str, skip: set[str]) -> Iterator[EmailFinding]:
    for m in EMAIL.finditer(text):
        if m.group(0).casefold() in skip:
            continue
        start, end = max(0, m.start() - _CONTEXT), m.end() + _CONTEXT
        context = " ".join(text[start:end].split())
        yield EmailFinding(work.id, work.title, where, m.group(0), context)


def find_emails(work: Work) -> list[EmailFinding]:
    """Every address in ``work``'s title, summary, notes and chapter texts, and those
    only a chapter's markup holds (a ``mailto:`` link, a tag left open): the markup is
    what the HTML exports and Open Doors' chapters carry."""
    out: list[EmailFinding] = []
    for where, text in _places(work):
        out += _found(work, where, text, set())
    for ch in work.chapters:
        if ch.html:
            in_text = {m.group(0).casefold() for m in EMAIL.finditer(ch.text)}
            markup = html.unescape(ch.html)
            for finding in _found(work, f"chapter {ch.index} markup", markup, in_text):
                in_text.add(finding.address.casefold())
                out.append(finding)
    return out


def write_email_report(findings: Iterable[EmailFinding], out: TextIO) -> int:
    """The findings as CSV (work id, title, where, address, context); returns the count."""
    writer = SheetWriter(out)
    writer.writerow(("work_id", "title", "where", "address", "context"))
    n = 0
    for f in findings:
        writer.writerow((f.work_id, f.title, f.where, f.address, f.context))
        n += 1
    return n
