"""An eFiction story's own tags ("originals") from the archive's lookup tables.

A story names its tags by id lists: ``rid`` (rating), ``catid`` (categories, with their
parents), ``classes`` (with their class types: Genres, Warnings...), ``charid``
(characters, with their category) and, before eFiction 3, ``gid``/``wid`` (genres and
warnings, with tables of their own). Some archives stored names where ids belong (a
rating ``Mature``; eFiction 1.x wrote genre and warning names): a value that is no
known id is looked up by name, so the same tag is one original whichever way a story
named it, and a name with no row is kept as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from fandex.read.archives.efiction_schema import id_list, text_of
from fandex.read.archives.originals import Original

__all__ = ["Lookups"]

Rows = Callable[[str], list[dict[str, Any]]]


@dataclass
class _Table:
    """One lookup table by id and by case-folded name."""

    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_name: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    name_key: str = ""

    @classmethod
    def of(cls, rows: Iterable[dict[str, Any]], id_key: str, name_key: str) -> _Table:
        table = cls(name_key=name_key)
        for row in rows:
            rid = text_of(row.get(id_key))
            table.by_id[rid] = row
            table.by_name.setdefault(text_of(row.get(name_key)).casefold(), (rid, row))
        return table

    def resolve(self, value: Any) -> list[tuple[str, str, dict[str, Any]]]:
        """``(id, name, row)`` for each entry of an id list; an entry that is no id is
        looked up by name, and kept with no id (and an empty row) when none has it."""
        out = []
        for token in id_list(value):
            row = self.by_id.get(token)
            if row is not None:
                out.append((token, text_of(row.get(self.name_key)), row))
                continue
            named = self.by_name.get(token.casefold())
            if named is not None:
                out.append((named[0], text_of(named[1].get(self.name_key)), named[1]))
            elif not token.lstrip("-").isdigit():
                out.append(("", token, {}))
        return out


@dataclass
class Lookups:
    """The lookup tables of one eFiction site, read once."""

    ratings: _Table
    categories: _Table
    classes: _Table
    classtypes: dict[str, dict[str, Any]]
    characters: _Table
    genres: _Table
    warnings: _Table

    @classmethod
    def read(cls, rows: Rows) -> Lookups:
        """The lookups from ``rows(table)`` (an eFiction table's rows, [] if absent)."""
        return cls(
            ratings=_Table.of(rows("ratings"), "rid", "rating"),
            categories=_Table.of(rows("categories"), "catid", "category"),
            classes=_Table.of(rows("classes"), "class_id", "class_name"),
            classtypes={text_of(r.get("classtype_id")): r for r in rows("classtypes")},
            characters=_Table.of(rows("characters"), "charid", "charname"),
            genres=_Table.of(rows("genres"), "gid", "genre"),
            warnings=_Table.of(rows("warnings"), "wid", "warning"),
        )

    def originals(self, story: dict[str, Any]) -> list[Original]:
        """Every tag ``story`` carries, as the archive named it."""
        out: list[Original] = []
        for rid, name, row in self.ratings.resolve(story.get("rid")):
            out.append(Original("rating", name, rid, "", text_of(row.get("warningtext"))))
        for catid, name, row in self.categories.resolve(story.get("catid")):
            out.append(
                Original(
                    "category", name, catid, self._category(row.get("parentcatid")),
                    text_of(row.get("description"))[:500],
                )
            )  # fmt: skip
        for class_id, name, row in self.classes.resolve(story.get("classes")):
            ctype = self.classtypes.get(text_of(row.get("class_type"))) or {}
            kind = text_of(ctype.get("classtype_title")) or text_of(ctype.get("classtype_name"))
            out.append(Original("class", name, class_id, kind))
        for gid, name, _row in self.genres.resolve(story.get("gid")):
            out.append(Original("genre", name, gid))
        for wid, name, _row in self.warnings.resolve(story.get("wid")):
            out.append(Original("warning", name, wid))
        for charid, name, row in self.characters.resolve(story.get("charid")):
            out.append(Original("character", name, charid, self._category(row.get("catid"))))
        return [o for o in out if o.name]

    def _category(self, catid: Any) -> str:
        row = self.categories.by_id.get(text_of(catid))
        return text_of(row.get("category")) if row else ""
