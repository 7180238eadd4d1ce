"""Open Doors' own tables (ODAP) as a MySQL dump: what AO3 imports a rescued archive from.

:class:`OdapWriter` streams works into ``authors``, ``stories``, ``chapters`` and
``story_links`` exactly as Open Doors creates them (``create-open-doors-tables.sql`` in
``otwcode/open-doors-code``; the statements are in ``templates/open-doors-tables.sql``),
as a dump that loads into MariaDB or MySQL unchanged (``mariadb DB < opendoors.sql``).

The story columns hold what the archive stated and what a person decided (``stated``
and ``user`` tags, never a rejected one); fandex's own guesses go to
:attr:`OdapWriter.suggestions`, kept apart for review. A value longer than its column
is cut at a tag (or character) boundary so the load never fails, and every cut is a
:class:`~fandex.export.ao3records.Breach` for the limits report: nothing is cut
silently. Archive story and author ids are kept as the tables' ids where they are free,
so the tables speak the archive's numbers. An off-site story (an eFiction story whose
text is only a link, an Automated Archive ``LocationURL``) is a row of ``story_links``,
as Open Doors files bookmarks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TextIO

from fandex.export.ao3records import Breach, chapter_html
from fandex.export.tags import Threshold, exportable_tags, is_rejected
from fandex.export.view import language_code
from fandex.model import Tag, Work
from fandex.read.archives.originals import archive_info, author_emails

__all__ = ["COLUMN_OF_TYPE", "OdapWriter", "Suggestion", "sql_string"]

# Tag type -> the stories column that holds it (Open Doors' names, which its Tag
# Wrangling sheet also uses as "Recommended AO3 Type").
COLUMN_OF_TYPE = {
    "rating": "rating",
    "warning": "warnings",
    "category": "categories",
    "fandom": "fandoms",
    "relationship": "relationships",
    "character": "characters",
    "freeform": "tags",
}
# varchar sizes of the story columns (characters) and text columns (bytes).
_WIDTH = {
    "title": 255,
    "rating": 255,
    "categories": 45,
    "tags": 1024,
    "warnings": 255,
    "fandoms": 255,
    "characters": 1024,
    "relationships": 1024,
    "url": 255,
    "import_notes": 1024,
}
_TEXT_BYTES = 65_535
_STORY_COLUMNS = (
    "id", "title", "summary", "notes", "author_id", "rating", "date", "updated", "categories",
    "tags", "warnings", "fandoms", "characters", "relationships", "language_code", "url",
    "imported", "do_not_import", "ao3_url", "import_notes", "coauthor_id",
)  # fmt: skip
_LINK_COLUMNS = tuple(c for c in _STORY_COLUMNS if c != "coauthor_id")
_CHAPTER_COLUMNS = (
    "id",
    "position",
    "title",
    "author_id",
    "text",
    "date",
    "story_id",
    "notes",
    "url",
)
_AUTHOR_COLUMNS = ("id", "name", "email", "imported", "do_not_import", "to_delete")
_ESCAPES = str.maketrans(
    {"\\": "\\\\", "'": "\\'", "\x00": "\\0", "\n": "\\n", "\r": "\\r", "\x1a": "\\Z"}
)


class _Default:
    """The SQL keyword DEFAULT: the column's own default value."""


DEFAULT = _Default()
SqlValue = str | int | None | _Default


def sql_string(value: str) -> str:
    """A MySQL string literal.

    >>> print(sql_string("It's a\\\\b\\nc"))
    'It\\'s a\\\\b\\nc'
    """
    return "'" + value.translate(_ESCAPES) + "'"


def _literal(value: SqlValue) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, _Default):
        return "DEFAULT"
    if isinstance(value, int):
        return str(value)
    return sql_string(value)


def _datetime(date: str | None) -> str | None:
    if not date or len(date) < 10 or not date[:4].isdigit():
        return None
    return f"{date[:10]} 00:00:00" if len(date) < 19 else date[:19].replace("T", " ")


@dataclass(frozen=True)
class Suggestion:
    """A tag fandex inferred for a work, kept out of the story columns for review."""

    story_id: int
    work_id: str
    title: str
    type: str
    name: str
    confidence: float
    evidence: str


class OdapWriter:
    """Writes the ODAP dump to ``out`` one work at a time; :meth:`close` ends it."""

    def __init__(self, out: TextIO, *, min_confidence: Threshold = None) -> None:
        self.out = out
        self.min_confidence = min_confidence
        self.authors: dict[tuple[str, str], int] = {}
        self.author_ids: set[int] = set()
        self.story_ids: set[int] = set()
        self.link_ids: set[int] = set()
        self._next_chapter = 1
        self.suggestions: list[Suggestion] = []
        self.id_map: list[tuple[str, str, str, int]] = []  # work, archive, story id, ODAP id
        self.counts = {"authors": 0, "stories": 0, "chapters": 0, "story_links": 0}
        out.write(_HEADER)
        tables = resources.files("fandex.export").joinpath("templates/open-doors-tables.sql")
        out.write(tables.read_text("utf-8"))
        out.write("\n")

    def close(self) -> None:
        """Write the dump's closing statements (the stream stays open)."""
        self.out.write(_FOOTER)

    # -- rows ---------------------------------------------------------------------------

    def _insert(
        self, table: str, columns: tuple[str, ...], rows: list[tuple[SqlValue, ...]]
    ) -> None:
        if not rows:
            return
        cols = ", ".join(f"`{c}`" for c in columns)
        values = ",\n".join("(" + ", ".join(_literal(v) for v in row) + ")" for row in rows)
        self.out.write(f"INSERT INTO `{table}` ({cols}) VALUES\n{values};\n")
        self.counts[table] += len(rows)

    def _author(self, name: str, email: str, wanted: str) -> int:
        """The author's row id (the archive's own id when free), written once per name
        and address; the address as the archive had it."""
        key = (name.strip()[:255], email.strip().lower()[:255])
        if key not in self.authors:
            self.authors[key] = author_id = self._free_id(wanted, self.author_ids)
            row = (author_id, key[0], email.strip()[:255], 0, 0, 0)
            self._insert("authors", _AUTHOR_COLUMNS, [row])
        return self.authors[key]

    def _free_id(self, wanted: str | None, taken: set[int]) -> int:
        if wanted and wanted.isdigit() and 0 < int(wanted) < 2**31 and int(wanted) not in taken:
            taken.add(int(wanted))
            return int(wanted)
        new = max(taken, default=0) + 1
        taken.add(new)
        return new

    # -- one work -----------------------------------------------------------------------

    def add(self, work: Work) -> list[Breach]:
        """Write ``work``'s rows; returns the cuts made to fit Open Doors' columns."""
        breaches: list[Breach] = []
        info = archive_info(work) or {}
        emails = author_emails(work)
        ids = {
            str(a.get("name", "")).casefold(): str(a.get("id", ""))
            for a in info.get("authors", [])
            if isinstance(a, dict)
        }
        names = work.authors or ["Anonymous"]
        author_ids = [
            self._author(n, emails.get(n.casefold(), ""), ids.get(n.casefold(), "")) for n in names
        ]
        has_text = any(c.text.strip() for c in work.chapters)
        is_link = bool(work.header.get("URL")) and (bool(info.get("link")) or not has_text)
        taken = self.link_ids if is_link else self.story_ids
        story_id = self._free_id(str(info.get("story_id") or ""), taken)
        self.id_map.append(
            (work.id, str(info.get("archive", "")), str(info.get("story_id", "")), story_id)
        )

        def fit(column: str, value: str) -> str:
            return _fit(work, column, value, breaches)

        columns = self._tag_columns(work, story_id, breaches)
        notes = []
        if len(author_ids) > 2:
            notes.append("co-authors: " + ", ".join(names[1:]))
        notes.append(f"fandex work {work.id}")
        row: dict[str, SqlValue] = {
            "id": story_id,
            "title": fit("title", work.title),
            "summary": _fit_bytes(work, "summary", work.summary or "", breaches),
            "notes": _fit_bytes(work, "notes", work.notes_begin or "", breaches),
            "author_id": author_ids[0],
            "date": _datetime(work.published),
            "updated": _datetime(work.updated or work.published),
            "language_code": language_code(work.language) or DEFAULT,
            "url": fit("url", work.header.get("URL", "")) or None,
            "imported": 0,
            "do_not_import": 0,
            "ao3_url": None,
            "import_notes": fit("import_notes", "; ".join(notes)),
            "coauthor_id": author_ids[1] if len(author_ids) > 1 else 0,
            **columns,
        }
        if is_link:
            self._insert("story_links", _LINK_COLUMNS, [tuple(row[c] for c in _LINK_COLUMNS)])
            return breaches
        self._insert("stories", _STORY_COLUMNS, [tuple(row[c] for c in _STORY_COLUMNS)])
        self._insert(
            "chapters", _CHAPTER_COLUMNS, list(self._chapters(work, story_id, author_ids[0]))
        )
        return breaches

    def _tag_columns(
        self, work: Work, story_id: int, breaches: list[Breach]
    ) -> dict[str, SqlValue]:
        stated = [t for t in work.tags if t.source in ("stated", "user") and not is_rejected(t)]
        rejected = {t.key for t in work.tags if is_rejected(t)}
        # A person's rating outranks the archive's: one rating, the most authoritative.
        chosen = [t for t in exportable_tags(work, 1.01) if t.key not in rejected]
        by_column: dict[str, list[str]] = {c: [] for c in COLUMN_OF_TYPE.values()}
        for tag in chosen:
            by_column[COLUMN_OF_TYPE[tag.type]].append(tag.name)
        for tag in exportable_tags(work, self.min_confidence):
            if tag.source in ("inferred", "learned") and tag not in stated:
                self.suggestions.append(_suggestion(story_id, work, tag))
        out: dict[str, SqlValue] = {}
        for column, names in by_column.items():
            out[column] = _fit_list(work, column, names, breaches)
        return out

    def _chapters(
        self, work: Work, story_id: int, author_id: int
    ) -> Iterator[tuple[SqlValue, ...]]:
        last = len(work.chapters)
        for pos, ch in enumerate(work.chapters, start=1):
            text = chapter_html(ch.text, ch.html)
            # Open Doors' chapters have no end-notes column: end notes follow the text
            # after a rule, as its own eFiction tools do.
            ends = [x for x in (ch.notes_end, work.notes_end if pos == last else None) if x]
            if ends:
                text += "\n<hr>\n" + "\n".join(f"<p>{_html_escape(e)}</p>" for e in ends)
            notes = "\n\n".join(x for x in (ch.summary, ch.notes_begin) if x)
            chapter_id = self._next_chapter
            self._next_chapter += 1
            yield (
                chapter_id,
                pos,
                (ch.title or "")[:255],
                author_id,
                text,
                _datetime(work.published),
                story_id,
                notes.encode("utf-8")[:_TEXT_BYTES].decode("utf-8", "ignore") or None,
                None,
            )


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _suggestion(story_id: int, work: Work, tag: Tag) -> Suggestion:
    ev = next((e.quote for e in tag.evidence if e.quote), "")
    return Suggestion(story_id, work.id, work.title, tag.type, tag.name, tag.confidence, ev[:200])


def _breach(work: Work, limit: str, detail: str) -> Breach:
    return Breach(work.id, work.title, limit, detail)


def _fit(work: Work, column: str, value: str, breaches: list[Breach]) -> str:
    width = _WIDTH[column]
    if len(value) <= width:
        return value
    breaches.append(
        _breach(work, f"odap_{column}", f"{column} cut to {width} characters (was {len(value)})")
    )
    return value[:width]


def _fit_bytes(work: Work, column: str, value: str, breaches: list[Breach]) -> str:
    data = value.encode("utf-8")
    if len(data) <= _TEXT_BYTES:
        return value
    breaches.append(_breach(work, f"odap_{column}", f"{column} cut to {_TEXT_BYTES} bytes"))
    return data[:_TEXT_BYTES].decode("utf-8", "ignore")


def _fit_list(work: Work, column: str, names: list[str], breaches: list[Breach]) -> str:
    """Tags joined by ", ", whole tags only; the tags that do not fit are reported."""
    width = _WIDTH[column]
    kept: list[str] = []
    dropped: list[str] = []
    for name in names:
        if not dropped and len(", ".join([*kept, name])) <= width:
            kept.append(name)
        else:
            dropped.append(name)
    if dropped:
        detail = f"{column} holds {width} characters; left out: {', '.join(dropped)}"
        breaches.append(_breach(work, f"odap_{column}", detail))
    return ", ".join(kept)


_HEADER = """-- Open Doors tables (ODAP), written by fandex.
-- Load into an empty MariaDB/MySQL database:  mariadb DATABASE < opendoors.sql
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;

DROP TABLE IF EXISTS `authors`;
DROP TABLE IF EXISTS `chapters`;
DROP TABLE IF EXISTS `stories`;
DROP TABLE IF EXISTS `story_links`;

"""
_FOOTER = """
/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
"""
