"""Automated Archive: ``ARCHIVE_DB.pl`` (a Perl hash of stories) plus its story files.

The file is Perl data, ``%FILES = ( 12 => { Title => '...', Author => '...', ... }, );``,
and real ones are often broken in the ways Open Doors lists: unescaped single quotes
inside values, line breaks inside fields, irregular indents, HTML entities, bytes that
are not UTF-8. It is read line by line, tolerantly: a value runs to the *last* matching
quote of its line, or on over the following lines until one ends with a quote; a
record that still makes no sense is one failed story, not a failed archive.

Fields are the archive's own (``Title``, ``Author``, ``Email``, ``Summary``,
``Category``, ``Rating``, ``Pairing``, ``Characters``, ``Warnings``...): the tag-like ones
become originals read as the header fields they name; ``Location`` + ``FileType`` name
the story file under the archive folder (``archive/``), ``LocationURL`` an off-site
story (a bookmark: a work whose one chapter links to it, listed in Open Doors'
``story_links``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from functools import partial
from pathlib import Path

from fandex.errors import ReadError
from fandex.read.archives.item import ArchiveItem
from fandex.read.archives.mysqldump import decode_text
from fandex.read.archives.originals import Original, field_of
from fandex.read.archives.record import StoryRecord
from fandex.read.encoding import decode

__all__ = ["aa_items", "parse_archive_db"]

_RECORD = re.compile(r"""^\s*['"]?([\w.-]+)['"]?\s*=>\s*\{\s*$""")
_FIELD = re.compile(r"""^\s*['"]?(\w+)['"]?\s*=>\s*(.*)$""", re.DOTALL)
_END = re.compile(r"^\s*\}\s*[,;]?\s*$")
# Fields that are not tags.
_META = {
    "title", "author", "email", "emailauthor", "summary", "notes", "location", "filetype",
    "locationurl", "storyurl", "printtime", "dateprint", "date", "offsite", "url",
    "authoremail", "website", "homepage", "rated_by", "words", "wordcount", "chapters",
}  # fmt: skip
_TAG_FIELDS = frozenset(
    {"rating", "category", "character", "warning", "genre", "fandom", "relationship"}
)


def _value(raw: str) -> tuple[str | None, bool]:
    """``(value, complete)`` of a field's text after ``=>``."""
    raw = raw.rstrip()
    if not raw:
        return "", False
    quote = raw[0]
    if quote not in "'\"":
        return raw.rstrip(",;").strip(), True
    body = raw[1:]
    m = re.search(re.escape(quote) + r"\s*[,;]?\s*$", body)
    if m is None:
        return None, False
    return body[: m.start()], True


def _unescape(text: str, quote: str) -> str:
    text = text.replace("\\" + quote, quote).replace("\\\\", "\\")
    return html.unescape(text)


def parse_archive_db(text: str) -> Iterator[tuple[str, dict[str, str] | None, str]]:
    """``(story id, fields, problem)`` for each record of an ``ARCHIVE_DB.pl``;
    ``fields`` is None for a record that could not be read (``problem`` says why)."""
    record_id: str | None = None
    fields: dict[str, str] = {}
    pending: tuple[str, str, list[str]] | None = None  # field, quote, lines so far
    problem = ""
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if pending is not None:
            name, quote, parts = pending
            m = re.search(re.escape(quote) + r"\s*[,;]?\s*$", line)
            if m is None and not _END.match(line):
                parts.append(line)
                continue
            if m is not None:
                parts.append(line[: m.start()])
                fields[name] = _unescape("\n".join(parts), quote)
                pending = None
                continue
            problem = f"field {name} never ends"
            pending = None
        if record_id is None:
            m = _RECORD.match(line)
            if m:
                record_id, fields, problem = m.group(1), {}, ""
            continue
        if _END.match(line):
            yield record_id, (None if problem else fields), problem
            record_id = None
            continue
        m = _FIELD.match(line)
        if m is None:
            if line.strip() and fields:  # a line break the file did not quote
                last = list(fields)[-1]
                fields[last] += "\n" + line.strip()
            continue
        name, rest = m.group(1), m.group(2)
        value, complete = _value(rest)
        if complete and value is not None:
            fields[name] = (
                _unescape(value, rest.strip()[:1]) if rest.strip()[:1] in "'\"" else value
            )
        else:
            pending = (name, rest.strip()[:1] or "'", [rest.strip()[1:]])
    if record_id is not None:
        yield record_id, None, problem or "the file ends inside this record"


def _date(fields: dict[str, str]) -> str | None:
    for key in ("PrintTime", "DatePrint", "Date"):
        value = fields.get(key, "").strip()
        for fmt in ("%m/%d/%y", "%m/%d/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(value, fmt).date().isoformat()
            except ValueError:
                continue
    return None


def _originals(fields: dict[str, str]) -> list[Original]:
    out: list[Original] = []
    for name, value in fields.items():
        if name.casefold() in _META or not value.strip():
            continue
        field = field_of(name)
        if field not in _TAG_FIELDS or (
            field == "genre"
            and name.casefold()
            not in ("genre", "genres", "tags", "keywords", "additional tags", "freeform")
        ):
            continue
        parts = [value] if field == "rating" else re.split(r"\s*,\s*", value)
        out += [Original(name, p.strip()) for p in parts if p.strip()]
    return out


def _record(
    archive: str, story_id: str, fields: dict[str, str], folder: Path | None, max_bytes: int
) -> StoryRecord:
    url = fields.get("LocationURL") or fields.get("StoryURL") or ""
    external = url.startswith("http")
    rec = StoryRecord(
        kind="automated-archive",
        archive=archive,
        story_id=story_id,
        title=fields.get("Title", "").strip(),
        summary=fields.get("Summary", "").strip(),
        notes=fields.get("Notes", "").strip(),
        authors=[
            {
                "name": fields.get("Author", "").strip() or "Anonymous",
                "email": (fields.get("Email") or fields.get("EmailAuthor") or "").strip().lower(),
            }
        ],
        published=_date(fields),
        originals=_originals(fields),
        url=url or None,
    )
    if external:
        # An off-site story: a bookmark (Open Doors' story_links), imported as a work
        # whose one chapter says where the story is.
        rec.link = True
        link = html.escape(url, quote=True)
        rec.chapters = [
            {
                "title": "",
                "text": f'<p>This story is on another site: <a href="{link}">{link}</a></p>',
            }
        ]
        return rec
    location = fields.get("Location", "").strip()
    if not location:
        raise ReadError(f"story {story_id}: no Location (story file) in ARCHIVE_DB.pl")
    name = (
        location
        if "." in Path(location).name
        else f"{location}.{fields.get('FileType', 'html').strip() or 'html'}"
    )
    if folder is None:
        raise ReadError(f"story {story_id}: no story-file folder found (give it with --files)")
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise ReadError(f"story {story_id}: story file {name} is outside the archive folder")
    try:
        if path.stat().st_size > max_bytes:
            raise ReadError(f"story {story_id}: story file {name} is over the size limit")
        data = path.read_bytes()
    except OSError:
        raise ReadError(f"story {story_id}: missing story file {name}") from None
    rec.chapters = [{"title": "", "text": decode(data)[0]}]
    return rec


def aa_items(path: Path, files: Path | None, max_bytes: int) -> Iterator[ArchiveItem]:
    """Every story of the Automated Archive whose ``ARCHIVE_DB.pl`` is ``path``."""
    try:
        text = decode_text(path.read_bytes())
    except OSError as exc:
        yield ArchiveItem(str(path), error=f"cannot read ARCHIVE_DB.pl ({exc.strerror})")
        return
    folder = next(
        (
            f
            for f in (
                [files / "archive", files] if files else [path.parent / "archive", path.parent]
            )
            if f.is_dir()
        ),
        None,
    )
    archive = path.parent.name or "Automated Archive"
    found = False
    for story_id, fields, problem in parse_archive_db(text):
        found = True
        item = f"{path}!story/{story_id}"
        if fields is None:
            yield ArchiveItem(item, error=f"story {story_id}: unreadable record ({problem})")
            continue
        yield ArchiveItem(
            item, opener=partial(_bytes, archive, story_id, fields, folder, max_bytes)
        )
    if not found:
        yield ArchiveItem(
            str(path), error="unknown schema: no %FILES records in this ARCHIVE_DB.pl"
        )


def _bytes(
    archive: str, story_id: str, fields: dict[str, str], folder: Path | None, max_bytes: int
) -> bytes:
    return _record(archive, story_id, fields, folder, max_bytes).to_bytes()
