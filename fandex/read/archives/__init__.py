"""Archive dumps: a rescued archive's database in, one candidate per story out.

Discovery calls :func:`expand` for a file and :func:`dump_in_folder` for a folder; a
dump expands into per-story candidates (``archive.sql!story/123``) whose bytes are a
:class:`~fandex.read.archives.record.StoryRecord`, read by the ``archive-record``
reader. Everything else in the importer (idempotence, per-file results, workers)
applies unchanged. No database server is needed.

Modules, one idea each::

    mysqldump          streaming reader of MySQL dump statements and rows
    scratch            the scratch SQLite file rows stream into
    efiction           eFiction dumps (+ stories/<uid>/<chapid>.txt files) -> records
    automated_archive  Automated Archive's ARCHIVE_DB.pl (+ story files) -> records
    originals          an archive's own tags and the AO3 tags they state
    record             the story record and its reader
    item               one story of a dump as discovery sees it
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fandex.read.archives.item import ArchiveItem

__all__ = ["DUMP_SUFFIXES", "ArchiveItem", "dump_in_folder", "expand", "is_dump"]

DUMP_SUFFIXES = (".sql", ".mysql")
AA_DATABASE = "archive_db.pl"


def is_dump(path: Path) -> bool:
    """Whether ``path`` names an archive dump (an SQL dump or an ``ARCHIVE_DB.pl``)."""
    name = path.name.lower()
    return name.endswith(DUMP_SUFFIXES) or name == AA_DATABASE


def expand(path: Path, max_bytes: int, files: Path | None = None) -> Iterator[ArchiveItem]:
    """Every story of the dump at ``path`` (a record is at most ``max_bytes``); ``files``
    is the story-file folder when it is not beside the dump."""
    if path.name.lower() == AA_DATABASE:
        from fandex.read.archives.automated_archive import aa_items

        yield from aa_items(path, files, max_bytes)
        return
    from fandex.read.archives.efiction import efiction_items

    yield from efiction_items(path, files, max_bytes)


def dump_in_folder(folder: Path, names: list[str]) -> Path | None:
    """The dump a folder holds (its ``*.sql`` or ``ARCHIVE_DB.pl``), which makes the
    folder an archive: the dump is imported and its story files are read through it,
    never as stories of their own."""
    dumps = sorted(n for n in names if is_dump(Path(n)) and not n.startswith("."))
    return folder / dumps[0] if dumps else None
