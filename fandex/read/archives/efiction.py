"""eFiction archives: a MySQL dump of its tables (any prefix) plus its story files.

The dump streams into a scratch SQLite file (:mod:`fandex.read.archives.scratch`);
each story then becomes a :class:`StoryRecord`: its chapters in order (text from the
database, or from ``stories/<uid>/<chapid>.txt`` when the archive kept text in files,
:mod:`~fandex.read.archives.efiction_files`), its owner and co-authors, its tags
(:mod:`~fandex.read.archives.efiction_tags`), series with the story's place in them,
dates, completion and word count. eFiction 3.x keeps chapters in a table of their own;
1.x kept each chapter as a row of the stories table tied to its story by ``psid``; both
are read. A story whose only text is a link to another site (eFiction's way of listing
an off-site story) becomes a link, as Open Doors' bookmarks are.

What cannot be read is said per story, in one line: a chapter whose story file is
missing, a story the truncated dump cut short, a row with the wrong number of values.
A dump with no eFiction stories table is one line for the dump ("unknown schema").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from fandex.errors import ReadError
from fandex.read.archives.efiction_files import StoryFiles, find_story_folder
from fandex.read.archives.efiction_schema import (
    archive_date,
    codec_of,
    default_columns,
    id_forms,
    id_list,
    table_parts,
    text_of,
)
from fandex.read.archives.efiction_tags import Lookups
from fandex.read.archives.item import ArchiveItem
from fandex.read.archives.mysqldump import DumpError, scan_dump
from fandex.read.archives.record import StoryRecord, offsite_link
from fandex.read.archives.scratch import ScratchDB, ScratchSink, quote

__all__ = ["EfictionDump", "efiction_items", "table_parts"]


@dataclass
class _Prefix:
    """One eFiction site in the dump (a dump may hold several, by table prefix)."""

    prefix: str
    tables: dict[str, str]  # eFiction table -> table name in the dump


@dataclass
class _Site:
    """What is read once per site: lookups, authors, series, settings, story files."""

    lookups: Lookups
    authors: dict[str, tuple[str, str]]  # uid -> (penname, email)
    series: dict[str, str]  # seriesid -> title
    settings: dict[str, Any]
    files: StoryFiles
    coauthor_flag: bool  # stories.coauthors is a flag (3.5+), not a list of uids


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text)[:3])


class EfictionDump:
    """An eFiction dump read into a scratch database, serving one story at a time."""

    def __init__(self, path: Path, files: Path | None, max_bytes: int) -> None:
        self.path = path
        self.files_hint = files
        self.max_bytes = max_bytes
        self.db = ScratchDB()
        self.sink = ScratchSink(self.db, lambda t: table_parts(t) is not None, default_columns)
        self._site_cache: dict[str, _Site] = {}

    def load(self) -> None:
        """Stream the dump into the scratch database (flat memory)."""
        with self.path.open("rb") as fh:
            scan_dump(fh, self.sink)
        for table, info in self.sink.tables.items():
            parts = table_parts(table)
            if parts and parts[1] in ("stories", "chapters", "coauthors", "inseries"):
                for col in ("sid", "psid"):
                    if col in info.columns:
                        self.db.conn.execute(
                            f"CREATE INDEX {quote('ix_' + col + '_' + table)} "
                            f"ON {quote(table)} ({quote(col)})"
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

    # -- what is read once per site ------------------------------------------------------

    def _all(self, site: _Prefix, table: str) -> list[dict[str, Any]]:
        name = site.tables.get(table)
        if name is None:
            return []
        return [dict(r) for r in self.db.rows(f"SELECT * FROM {quote(name)}")]

    def site_info(self, site: _Prefix) -> _Site:
        found = self._site_cache.get(site.prefix)
        if found is not None:
            return found
        settings = (self._all(site, "settings") or [{}])[0]
        folder = find_story_folder(
            self.path, self.files_hint, text_of(settings.get("storiespath")) or "stories"
        )
        charsets = [
            self.sink.tables[site.tables[t]].charset
            for t in ("chapters", "stories")
            if t in site.tables
        ]
        codec = next((c for c in map(codec_of, charsets) if c), None)
        found = _Site(
            lookups=Lookups.read(partial(self._all, site)),
            authors={
                text_of(r.get("uid")): (text_of(r.get("penname")), text_of(r.get("email")))
                for r in self._all(site, "authors")
            },
            series={
                text_of(r.get("seriesid")): text_of(r.get("title"))
                for r in self._all(site, "series")
            },
            settings=settings,
            files=StoryFiles(folder, codec, self.max_bytes),
            coauthor_flag=_version(text_of(settings.get("version"))) >= (3, 5),
        )
        self._site_cache[site.prefix] = found
        return found

    def archive_name(self, site: _Prefix) -> str:
        name = text_of(self.site_info(site).settings.get("sitename")) or self.path.stem
        return f"{name} ({site.prefix.rstrip('_')})" if len(self.sites) > 1 else name

    @staticmethod
    def _chapters_in_stories(site: _Prefix, columns: list[str]) -> bool:
        """eFiction 1.x: no chapters table; each chapter is a stories row with a psid."""
        return "chapters" not in site.tables and "psid" in columns

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
            yield from self.site_candidates(site)

    def site_candidates(self, site: _Prefix) -> Iterator[ArchiveItem]:
        table = site.tables["stories"]
        cols = self.sink.tables[table].columns
        label = f"{self.path}!" + (site.prefix if len(self.sites) > 1 else "")
        if "sid" not in cols or "title" not in cols:
            yield ArchiveItem(
                str(self.path),
                error=f"unknown schema: {table} has no sid/title columns ({', '.join(cols)})",
            )
            return
        parent = "psid" if self._chapters_in_stories(site, cols) else "sid"
        seen: set[str] = set()
        for sid, psid in self.db.conn.execute(
            f"SELECT sid, {quote(parent)} FROM {quote(table)} ORDER BY rowid"
        ):
            key = text_of(sid)
            if text_of(psid) not in (key, "", "0"):
                continue  # a later chapter of an eFiction 1.x story
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
        found = self.site_info(site)
        rows = self.db.rows(
            f"SELECT * FROM {quote(site.tables['stories'])} WHERE sid IN (?, ?)", id_forms(sid)
        )
        story = next((dict(r) for r in rows), None)
        if story is None:
            raise ReadError(f"story {sid} is not in the dump")
        owner = text_of(story.get("uid"))
        coauthors = [u for u in self._coauthors(site, found, story) if u != owner]
        words = text_of(story.get("wordcount"))
        rec = StoryRecord(
            kind="efiction",
            archive=self.archive_name(site),
            story_id=sid,
            title=text_of(story.get("title")),
            summary=text_of(story.get("summary")),
            notes=text_of(story.get("storynotes")),
            authors=[self._author(found, uid) for uid in [owner, *coauthors]],
            published=archive_date(story.get("date")),
            updated=archive_date(story.get("updated")),
            complete=None if story.get("completed") is None else text_of(story["completed"]) == "1",
            words=int(words) if words.isdigit() else None,
            language=text_of(found.settings.get("language")) or None,
            originals=found.lookups.originals(story),
            series=self._series(site, found, sid),
        )
        rec.chapters = self._chapters(site, found, story, rec)
        link = offsite_link(rec.chapters[0]["text"]) if len(rec.chapters) == 1 else None
        if link:
            rec.url, rec.link = link, True
        return rec

    @staticmethod
    def _author(found: _Site, uid: str) -> dict[str, str]:
        name, email = found.authors.get(uid, ("", ""))
        out = {"id": uid, "name": name or f"author {uid}"}
        if email:
            out["email"] = email
        return out

    def _coauthors(self, site: _Prefix, found: _Site, story: dict[str, Any]) -> list[str]:
        # eFiction 3.5 keeps co-authors in their own table (stories.coauthors is then a
        # flag); older versions list their ids in stories.coauthors.
        table = site.tables.get("coauthors")
        if table is not None:
            rows = self.db.conn.execute(
                f"SELECT uid FROM {quote(table)} WHERE sid IN (?, ?) ORDER BY rowid",
                id_forms(story["sid"]),
            )
            return [text_of(r[0]) for r in rows]
        return [] if found.coauthor_flag else id_list(story.get("coauthors"))

    def _series(self, site: _Prefix, found: _Site, sid: str) -> list[dict[str, Any]]:
        table = site.tables.get("inseries")
        if table is None:
            return []
        rows = self.db.conn.execute(
            f"SELECT seriesid, inorder FROM {quote(table)} WHERE sid IN (?, ?) ORDER BY seriesid",
            id_forms(sid),
        )
        out = []
        for seriesid, inorder in rows:
            title = found.series.get(text_of(seriesid))
            if title:
                pos = int(inorder) if text_of(inorder).isdigit() and int(inorder) > 0 else None
                out.append({"id": text_of(seriesid), "title": title, "position": pos})
        return out

    def _legacy(self, site: _Prefix) -> bool:
        return self._chapters_in_stories(site, self.sink.tables[site.tables["stories"]].columns)

    def chapter_rows(self, site: _Prefix, story: dict[str, Any]) -> list[dict[str, Any]]:
        """The story's chapters as rows with eFiction 3's keys, in reading order."""
        stories = site.tables["stories"]
        if self._legacy(site):
            rows = [
                dict(r)
                for r in self.db.rows(
                    f"SELECT * FROM {quote(stories)} WHERE psid IN (?, ?) ORDER BY inorder, sid",
                    id_forms(story["sid"]),
                )
            ] or [story]
            return [{**r, "chapid": r.get("sid"), "title": r.get("chapter")} for r in rows]
        table = site.tables.get("chapters")
        if table is None:
            return []
        return [
            dict(r)
            for r in self.db.rows(
                f"SELECT * FROM {quote(table)} WHERE sid IN (?, ?) ORDER BY inorder, chapid",
                id_forms(story["sid"]),
            )
        ]

    def _chapters(
        self, site: _Prefix, found: _Site, story: dict[str, Any], rec: StoryRecord
    ) -> list[dict[str, Any]]:
        rows = self.chapter_rows(site, story)
        truncated = self.sink.truncation is not None
        if not rows:
            cut = " (the dump is truncated)" if truncated else ""
            raise ReadError(f"story {rec.story_id} has no chapters in the dump{cut}")
        counted = sum(int(r["wordcount"]) for r in rows if text_of(r.get("wordcount")).isdigit())
        if truncated and rec.words and counted and counted < rec.words:
            raise ReadError(
                f"story {rec.story_id} is cut short: the dump is truncated and holds "
                f"{counted} of its {rec.words} words"
            )
        if self._legacy(site) and counted:
            rec.words = counted  # eFiction 1.x: each row counts its own chapter
        out = []
        for r in rows:
            text = text_of(r.get("storytext"))
            chapid = text_of(r.get("chapid"))
            if not text:
                text = found.files.text(text_of(r.get("uid")), chapid, rec.story_id)
            out.append(
                {
                    "id": chapid,
                    "title": text_of(r.get("title")),
                    "notes": text_of(r.get("notes")),
                    "endnotes": text_of(r.get("endnotes")),
                    "text": text,
                }
            )
        return out


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
