"""eFiction archives: a MySQL dump of its tables (any prefix) plus its story files.

The dump streams into a scratch SQLite file (:mod:`fandex.read.archives.scratch`);
each story then becomes a :class:`StoryRecord`: its chapters in order (text from the
database, or from ``stories/<uid>/<chapid>.txt`` when the archive kept text in files),
its owner and co-authors, its rating (by id, or by name as some archives stored it),
categories with their parents, classes with their class types (Genres, Warnings...),
characters, series with the story's place in them, dates, completion and word count.

What cannot be read is said per story, in one line: a chapter whose story file is
missing, a story the truncated dump cut short, a row with the wrong number of values.
A dump with no eFiction stories table is one line for the dump ("unknown schema").
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property, partial
from importlib import resources
from pathlib import Path
from typing import Any

from fandex.errors import ReadError
from fandex.read.archives.item import ArchiveItem
from fandex.read.archives.mysqldump import DumpError, scan_dump
from fandex.read.archives.originals import Original
from fandex.read.archives.record import StoryRecord
from fandex.read.archives.scratch import ScratchDB, ScratchSink, quote
from fandex.read.encoding import decode

__all__ = ["EfictionDump", "efiction_items", "table_parts"]

# Longest suffix first: "coauthors" before "authors", "inseries" before "series".
SUFFIXES = (
    "classtypes",
    "categories",
    "characters",
    "coauthors",
    "inseries",
    "chapters",
    "settings",
    "stories",
    "authors",
    "classes",
    "ratings",
    "series",
)
_TEXT_FILES = (".txt", ".htm", ".html")


def table_parts(name: str) -> tuple[str, str] | None:
    """``(prefix, table)`` for an eFiction table name, None for any other table.

    >>> table_parts("fanfiction_coauthors"), table_parts("efic_stories"), table_parts("x_log")
    (('fanfiction_', 'coauthors'), ('efic_', 'stories'), None)
    """
    low = name.lower()
    for suffix in SUFFIXES:
        if low.endswith(suffix):
            return name[: len(name) - len(suffix)], suffix
    return None


@cache
def _schema_columns() -> dict[str, list[str]]:
    text = resources.files(__package__).joinpath("efiction_tables.toml").read_text("utf-8")
    columns: dict[str, list[str]] = tomllib.loads(text)["columns"]
    return columns


def _default_columns(table: str) -> list[str] | None:
    parts = table_parts(table)
    return _schema_columns().get(parts[1]) if parts else None


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _ids(value: Any) -> list[str]:
    """A comma-separated id list as eFiction stores it ("3,10,16"), without 0 and -1."""
    out = []
    for part in _str(value).split(","):
        part = part.strip()
        if part and part not in ("0", "-1") and part not in out:
            out.append(part)
    return out


def _either(value: Any) -> tuple[Any, str]:
    """An id as a number and as text: dumps quote ids in some tables and not others."""
    text = _str(value)
    return (int(text) if text.lstrip("-").isdigit() else text), text


def _date(value: Any) -> str | None:
    text = _str(value)[:10]
    if len(text) == 10 and text[4] == "-" and not text.startswith("0000"):
        return text
    return None


@dataclass
class _Prefix:
    """One eFiction site in the dump (a dump may hold several, by table prefix)."""

    prefix: str
    tables: dict[str, str]  # eFiction table -> table name in the dump


class EfictionDump:
    """An eFiction dump read into a scratch database, serving one story at a time."""

    def __init__(self, path: Path, files: Path | None, max_bytes: int) -> None:
        self.path = path
        self.files_hint = files
        self.max_bytes = max_bytes
        self.db = ScratchDB()
        self.sink = ScratchSink(self.db, lambda t: table_parts(t) is not None, _default_columns)

    def load(self) -> None:
        """Stream the dump into the scratch database (flat memory)."""
        with self.path.open("rb") as fh:
            scan_dump(fh, self.sink)
        for table, info in self.sink.tables.items():
            parts = table_parts(table)
            if parts and parts[1] in ("stories", "chapters", "coauthors", "inseries"):
                col = "sid" if "sid" in info.columns else None
                if col:
                    self.db.conn.execute(
                        f"CREATE INDEX {quote('ix_' + table)} ON {quote(table)} ({quote(col)})"
                    )
        self.db.conn.commit()

    @cached_property
    def sites(self) -> list[_Prefix]:
        by_prefix: dict[str, dict[str, str]] = {}
        for table in self.sink.tables:
            parts = table_parts(table)
            if parts:
                by_prefix.setdefault(parts[0], {})[parts[1]] = table
        return [_Prefix(p, t) for p, t in sorted(by_prefix.items()) if "stories" in t]

    # -- lookups, read once per site -----------------------------------------------------

    def _all(self, site: _Prefix, table: str) -> list[dict[str, Any]]:
        name = site.tables.get(table)
        if name is None:
            return []
        return [dict(r) for r in self.db.rows(f"SELECT * FROM {quote(name)}")]

    def _lookups(self, site: _Prefix) -> dict[str, Any]:
        cache: dict[str, dict[str, Any]] = self.__dict__.setdefault("_lookup_cache", {})
        if site.prefix in cache:
            return cache[site.prefix]
        cats = {_str(r.get("catid")): r for r in self._all(site, "categories")}
        types = {_str(r.get("classtype_id")): r for r in self._all(site, "classtypes")}
        settings = (self._all(site, "settings") or [{}])[0]
        out = {
            "categories": cats,
            "classes": {_str(r.get("class_id")): r for r in self._all(site, "classes")},
            "classtypes": types,
            "characters": {_str(r.get("charid")): r for r in self._all(site, "characters")},
            "ratings": {_str(r.get("rid")): r for r in self._all(site, "ratings")},
            "authors": {
                _str(r.get("uid")): (_str(r.get("penname")), _str(r.get("email")))
                for r in self._all(site, "authors")
            },
            "series": {
                _str(r.get("seriesid")): _str(r.get("title")) for r in self._all(site, "series")
            },
            "settings": settings,
            "files": self._story_files(site, settings),
        }
        cache[site.prefix] = out
        return out

    def archive_name(self, site: _Prefix) -> str:
        name = _str(self._lookups(site)["settings"].get("sitename")) or self.path.stem
        return f"{name} ({site.prefix.rstrip('_')})" if len(self.sites) > 1 else name

    def _story_files(self, site: _Prefix, settings: dict[str, Any]) -> dict[str, Path]:
        """Chapter files by ``uid/chapid`` and by ``chapid`` alone."""
        folder = self.files_folder(_str(settings.get("storiespath")) or "stories")
        index: dict[str, Path] = {}
        if folder is None:
            return index
        for dirpath, dirnames, filenames in os.walk(folder):  # symlinks not followed
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            uid = Path(dirpath).name
            for fn in filenames:
                stem, ext = os.path.splitext(fn)
                if ext.lower() in _TEXT_FILES and stem.isdigit():
                    path = Path(dirpath) / fn
                    index.setdefault(stem, path)
                    index[f"{uid}/{stem}"] = path
        return index

    def files_folder(self, storiespath: str) -> Path | None:
        """The story-file folder: ``--files``, else beside the dump."""
        hint = self.files_hint
        candidates = (
            [hint / storiespath, hint / "stories", hint]
            if hint is not None
            else [self.path.parent / storiespath, self.path.parent / "stories"]
        )
        return next((c for c in candidates if c.is_dir()), None)

    # -- stories -------------------------------------------------------------------------

    def candidates(self) -> Iterator[ArchiveItem]:
        """One candidate per story, failed ones with their reason."""
        if not self.sites:
            found = ", ".join(sorted(self.sink.tables)) or "none"
            yield ArchiveItem(
                str(self.path),
                error="unknown schema: no eFiction stories table in this dump "
                f"(eFiction tables found: {found})",
            )
            return
        truncation = self.sink.truncation
        if truncation is not None:
            where = f" in {truncation[0]}" if truncation[0] else ""
            yield ArchiveItem(str(self.path), error=f"truncated dump: {truncation[1]}{where}")
        for line in self.sink.damage:
            yield ArchiveItem(str(self.path), error=f"damaged dump: {line}")
        for site in self.sites:
            yield from self._site_candidates(site)

    def _site_candidates(self, site: _Prefix) -> Iterator[ArchiveItem]:
        table = site.tables["stories"]
        cols = self.sink.tables[table].columns
        label = f"{self.path}!" + (site.prefix if len(self.sites) > 1 else "")
        if "sid" not in cols or "title" not in cols:
            yield ArchiveItem(
                str(self.path),
                error=f"unknown schema: {table} has no sid/title columns ({', '.join(cols)})",
            )
            return
        seen: set[str] = set()
        for (sid,) in self.db.conn.execute(f"SELECT sid FROM {quote(table)} ORDER BY rowid"):
            key = _str(sid)
            path = f"{label}story/{key}"
            if key in seen:
                yield ArchiveItem(path, error=f"story {key} appears twice in the dump; first kept")
                continue
            seen.add(key)
            yield ArchiveItem(path, opener=partial(self.record_bytes, site, key))

    def record_bytes(self, site: _Prefix, sid: str) -> bytes:
        """The serialised record of story ``sid`` (ReadError with a reason if not)."""
        data = self.record(site, sid).to_bytes()
        if len(data) > self.max_bytes:
            raise ReadError(f"story {sid} is over the {self.max_bytes}-byte limit")
        return data

    def record(self, site: _Prefix, sid: str) -> StoryRecord:
        look = self._lookups(site)
        rows = self.db.rows(
            f"SELECT * FROM {quote(site.tables['stories'])} WHERE sid IN (?, ?)", _either(sid)
        )
        story = next((dict(r) for r in rows), None)
        if story is None:
            raise ReadError(f"story {sid} is not in the dump")
        owner = _str(story.get("uid"))
        rec = StoryRecord(
            kind="efiction",
            archive=self.archive_name(site),
            story_id=sid,
            title=_str(story.get("title")),
            summary=_str(story.get("summary")),
            notes=_str(story.get("storynotes")),
            authors=[self._author(look, owner)]
            + [self._author(look, uid) for uid in self._coauthors(site, story) if uid != owner],
            published=_date(story.get("date")),
            updated=_date(story.get("updated")),
            complete=None if story.get("completed") is None else _str(story["completed"]) == "1",
            words=int(story["wordcount"]) if _str(story.get("wordcount")).isdigit() else None,
            language=_str(look["settings"].get("language")) or None,
            originals=self._originals(look, story),
            series=self._series(site, look, sid),
        )
        rec.chapters = self._chapters(site, look, story, rec)
        return rec

    @staticmethod
    def _author(look: dict[str, Any], uid: str) -> dict[str, str]:
        name, email = look["authors"].get(uid, ("", ""))
        out = {"id": uid, "name": name or f"author {uid}"}
        if email:
            out["email"] = email
        return out

    def _coauthors(self, site: _Prefix, story: dict[str, Any]) -> list[str]:
        # eFiction 3.5 keeps co-authors in their own table (stories.coauthors is then a
        # flag); older versions list their ids in stories.coauthors.
        table = site.tables.get("coauthors")
        if table is not None:
            rows = self.db.conn.execute(
                f"SELECT uid FROM {quote(table)} WHERE sid IN (?, ?) ORDER BY rowid",
                _either(story["sid"]),
            )
            return [_str(r[0]) for r in rows]
        return _ids(story.get("coauthors"))

    @staticmethod
    def _originals(look: dict[str, Any], story: dict[str, Any]) -> list[Original]:
        out: list[Original] = []
        for rid in [r.strip() for r in _str(story.get("rid")).split(",") if r.strip()]:
            row = look["ratings"].get(rid)
            if row is not None:
                out.append(
                    Original(
                        "rating", _str(row.get("rating")), rid, "", _str(row.get("warningtext"))
                    )
                )
            elif not rid.isdigit():  # archives that stored the rating's name, not its id
                out.append(Original("rating", rid))
        cats = look["categories"]
        for catid in _ids(story.get("catid")):
            row = cats.get(catid)
            if row is None:
                continue
            parent = cats.get(_str(row.get("parentcatid")))
            out.append(
                Original(
                    "category",
                    _str(row.get("category")),
                    catid,
                    _str(parent.get("category")) if parent else "",
                    _str(row.get("description"))[:500],
                )
            )
        for class_id in _ids(story.get("classes")):
            row = look["classes"].get(class_id)
            if row is None:
                continue
            ctype = look["classtypes"].get(_str(row.get("class_type"))) or {}
            kind = _str(ctype.get("classtype_title")) or _str(ctype.get("classtype_name"))
            out.append(Original("class", _str(row.get("class_name")), class_id, kind))
        for charid in _ids(story.get("charid")):
            row = look["characters"].get(charid)
            if row is None:
                continue
            cat = cats.get(_str(row.get("catid")))
            parent = _str(cat.get("category")) if cat else ""
            out.append(Original("character", _str(row.get("charname")), charid, parent))
        return [o for o in out if o.name]

    def _series(self, site: _Prefix, look: dict[str, Any], sid: str) -> list[dict[str, Any]]:
        table = site.tables.get("inseries")
        if table is None:
            return []
        rows = self.db.conn.execute(
            f"SELECT seriesid, inorder FROM {quote(table)} WHERE sid IN (?, ?) ORDER BY seriesid",
            _either(sid),
        )
        out = []
        for seriesid, inorder in rows:
            title = look["series"].get(_str(seriesid))
            if title:
                pos = int(inorder) if _str(inorder).isdigit() and int(inorder) > 0 else None
                out.append({"id": _str(seriesid), "title": title, "position": pos})
        return out

    def _chapters(
        self, site: _Prefix, look: dict[str, Any], story: dict[str, Any], rec: StoryRecord
    ) -> list[dict[str, Any]]:
        table = site.tables.get("chapters")
        rows = (
            [
                dict(r)
                for r in self.db.rows(
                    f"SELECT * FROM {quote(table)} WHERE sid IN (?, ?) ORDER BY inorder, chapid",
                    _either(story["sid"]),
                )
            ]
            if table
            else []
        )
        truncated = self.sink.truncation is not None
        if not rows:
            cut = " (the dump is truncated)" if truncated else ""
            raise ReadError(f"story {rec.story_id} has no chapters in the dump{cut}")
        if truncated and rec.words:
            counted = sum(int(r["wordcount"]) for r in rows if _str(r.get("wordcount")).isdigit())
            if counted and counted < rec.words:
                raise ReadError(
                    f"story {rec.story_id} is cut short: the dump is truncated and holds "
                    f"{counted} of its {rec.words} words"
                )
        files: dict[str, Path] = look["files"]
        out = []
        for r in rows:
            text = _str(r.get("storytext"))
            chapid = _str(r.get("chapid"))
            if not text:
                text = self._chapter_file(files, _str(r.get("uid")), chapid, rec.story_id)
            out.append(
                {
                    "id": chapid,
                    "title": _str(r.get("title")),
                    "notes": _str(r.get("notes")),
                    "endnotes": _str(r.get("endnotes")),
                    "text": text,
                }
            )
        return out

    def _chapter_file(self, files: dict[str, Path], uid: str, chapid: str, sid: str) -> str:
        path = files.get(f"{uid}/{chapid}") or files.get(chapid)
        if path is None:
            where = (
                "no story-file folder found (give it with --files)"
                if not files
                else (f"missing story file stories/{uid}/{chapid}.txt")
            )
            raise ReadError(f"story {sid}: chapter {chapid} has no text in the dump; {where}")
        try:
            size = path.stat().st_size
            if size > self.max_bytes:
                raise ReadError(f"story {sid}: story file {path.name} is over the size limit")
            data = path.read_bytes()
        except OSError as exc:
            raise ReadError(
                f"story {sid}: cannot read story file {path} ({exc.strerror})"
            ) from None
        return decode(data)[0]


def efiction_items(path: Path, files: Path | None, max_bytes: int) -> Iterator[ArchiveItem]:
    """Every story of the eFiction dump at ``path``."""
    dump = EfictionDump(path, files, max_bytes)
    try:
        dump.load()
    except (OSError, DumpError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        yield ArchiveItem(str(path), error=f"cannot read the dump: {reason}")
        return
    yield from dump.candidates()
