"""A filled Tag Wrangling sheet, read back and applied to the library.

The columns are those Open Doors' step 04 reads (``Original Tag ID``, ``Original Tag``
or ``Original Tag Name``, ``Original Tag Type``, ``Recommended AO3 Tag``, ``Recommended
AO3 Type``, ``Recommended AO3 Category (for relationships)`` or ``Recommended AO3
Category``, ``Related Fandom``). Several AO3 tags in one row are comma-separated, with
one type each (or one type for all), as in Open Doors' sheet.

Each mapped row applies to every work carrying that original tag, as decisions a person
made: the AO3 tags become ``source: user`` tags (which no re-import or re-tag touches)
remembering the original and the sheet line, and a tag the original used to state
that the sheet does not keep is rejected. The whole sheet is checked first and applied
in one transaction: a malformed row is reported by its line number and nothing changes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fandex.errors import FandexError
from fandex.export.tags import is_rejected
from fandex.library import Library
from fandex.model import Evidence, Tag, Work
from fandex.read.archives.originals import map_original, originals_of
from fandex.vocab.ao3 import canonical_category, canonical_rating, canonical_warning

__all__ = ["SheetError", "SheetMapping", "TagSheetResult", "apply_sheet", "read_sheet"]

MAX_TAG_CHARS = 150  # AO3's longest tag
_TYPES = {
    "fandom": "fandom",
    "fandoms": "fandom",
    "character": "character",
    "characters": "character",
    "relationship": "relationship",
    "relationships": "relationship",
    "pairing": "relationship",
    "pairings": "relationship",
    "freeform": "freeform",
    "freeforms": "freeform",
    "tag": "freeform",
    "tags": "freeform",
    "additional tag": "freeform",
    "additional tags": "freeform",
    "warning": "warning",
    "warnings": "warning",
    "archive warning": "warning",
    "archive warnings": "warning",
    "rating": "rating",
    "ratings": "rating",
    "category": "category",
    "categories": "category",
}
_NAME_COLUMNS = ("Original Tag Name", "Original Tag")
_CATEGORY_COLUMNS = ("Recommended AO3 Category", "Recommended AO3 Category (for relationships)")


class SheetError(FandexError):
    """A sheet that cannot be applied; the message names the line."""


@dataclass
class SheetMapping:
    """One mapped row: which original, and the AO3 tags ``(type, name)`` it becomes."""

    line: int
    id: str
    name: str
    type: str
    tags: list[tuple[str, str]]


@dataclass
class TagSheetResult:
    """What applying a sheet did."""

    rows: int = 0  # mapped rows read
    works: int = 0
    tags_set: int = 0
    tags_rejected: int = 0
    unmatched: list[SheetMapping] = field(default_factory=list)


def _cell(row: dict[str, str | None], *names: str) -> str:
    for name in names:
        value = row.get(name)
        if value is not None:
            value = value.strip()
            # Our own export guards formula-like cells with an apostrophe; drop it.
            if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
                value = value[1:]
            return value
    return ""


def _canonical(type_: str, name: str) -> str | None:
    if type_ == "rating":
        return canonical_rating(name)
    if type_ == "warning":
        return canonical_warning(name)
    if type_ == "category":
        return canonical_category(name)
    return name


def _row_tags(line: int, row: dict[str, str | None]) -> list[tuple[str, str]]:
    names = [n.strip() for n in _cell(row, "Recommended AO3 Tag").split(",") if n.strip()]
    types = [t.strip() for t in _cell(row, "Recommended AO3 Type").split(",") if t.strip()]
    if names and not types:
        raise SheetError(f"line {line}: 'Recommended AO3 Type' is empty for {names[0]!r}")
    out: list[tuple[str, str]] = []
    for i, name in enumerate(names):
        raw = types[i] if i < len(types) else types[0]
        type_ = _TYPES.get(raw.casefold())
        if type_ is None:
            raise SheetError(f"line {line}: unknown AO3 type {raw!r}")
        out.append((type_, name))
    for name in (c.strip() for c in _cell(row, *_CATEGORY_COLUMNS).split(",")):
        if name:
            out.append(("category", name))
    checked = []
    for type_, name in out:
        if len(name) > MAX_TAG_CHARS:
            raise SheetError(
                f"line {line}: {name[:40]!r}... is over AO3's {MAX_TAG_CHARS} characters"
            )
        canonical = _canonical(type_, name)
        if canonical is None:
            raise SheetError(f"line {line}: {name!r} is not an AO3 {type_}")
        if (type_, canonical) not in checked:
            checked.append((type_, canonical))
    return checked


def read_sheet(path: Path) -> list[SheetMapping]:
    """The mapped rows of a filled sheet (rows with no AO3 tag yet are skipped);
    :class:`SheetError` with the line number for the first malformed row."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            if not any(n in header for n in _NAME_COLUMNS) or "Recommended AO3 Tag" not in header:
                raise SheetError(
                    f"{path.name}: not a Tag Wrangling sheet (needs 'Original Tag Name' "
                    "and 'Recommended AO3 Tag' columns)"
                )
            out = []
            for row in reader:
                line = reader.line_num
                if None in row:
                    raise SheetError(f"line {line}: more cells than the sheet has columns")
                name = _cell(row, *_NAME_COLUMNS)
                tags = _row_tags(line, row)
                if not tags:
                    continue
                if not name:
                    raise SheetError(f"line {line}: no original tag name")
                out.append(
                    SheetMapping(
                        line,
                        _cell(row, "Original Tag ID"),
                        name,
                        _cell(row, "Original Tag Type"),
                        tags,
                    )
                )
            return out
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SheetError(f"cannot read {path}: {exc}") from None


@dataclass(frozen=True)
class _Found:
    """An original tag on one work and the tags it states there."""

    type: str
    id: str
    name: str
    stated: tuple[tuple[str, str], ...]


def _originals(work: Work) -> Iterator[_Found]:
    archive = originals_of(work)
    for o in archive:
        yield _Found(o.type, o.id, o.name, map_original(o.field, o.name))
    if archive:
        return
    by_quote: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for tag in work.tags:
        if tag.source == "stated" and not is_rejected(tag):
            for ev in tag.evidence:
                if ev.field and ev.quote:
                    by_quote.setdefault((ev.field, ev.quote.strip()), []).append(
                        (tag.type, tag.name)
                    )
    for (label, quote), stated in by_quote.items():
        yield _Found(label, "", quote, tuple(stated))


def _matches(m: SheetMapping, f: _Found) -> bool:
    # An archive's ids are per type (category 6 and character 6 are different tags), and
    # a sheet from Open Doors' own export numbers its rows itself: without the type an
    # id says nothing, and the name decides.
    if not m.type:
        return m.name.casefold() == f.name.casefold()
    if m.type.casefold() != f.type.casefold():
        return False
    if m.id and f.id:
        return m.id == f.id
    return m.name.casefold() == f.name.casefold()


def apply_sheet(lib: Library, path: Path) -> TagSheetResult:
    """Apply the filled sheet at ``path`` to every work carrying its original tags."""
    mappings = read_sheet(path)
    result = TagSheetResult(rows=len(mappings))
    used: set[int] = set()
    changes: list[tuple[str, Tag]] = []
    for work in lib.iter_works():
        found = list(_originals(work))
        applied = [(m, f) for f in found for m in mappings if _matches(m, f)]
        if not applied:
            continue
        used.update(id(m) for m, _ in applied)
        keep: set[tuple[str, str]] = set()
        for f in found:  # originals no row remaps keep stating their tags
            if not any(f is g for _, g in applied):
                keep.update((t, n.casefold()) for t, n in f.stated)
        new: dict[tuple[str, str], Tag] = {}
        for m, f in applied:
            for type_, name in m.tags:
                new.setdefault(
                    (type_, name.casefold()),
                    Tag(
                        type_,
                        name,
                        source="user",
                        evidence=[Evidence(field=f.type, quote=f.name)],
                        attrs={
                            "original": {"type": f.type, "id": f.id, "name": f.name},
                            "tag_sheet": f"{path.name}:{m.line}",
                        },
                    ),
                )
        old = {(t, n.casefold()): n for _, f in applied for t, n in f.stated}
        for key, name in old.items():
            if key not in new and key not in keep:
                changes.append(
                    (work.id, Tag(key[0], name, source="user", attrs={"rejected": True}))
                )
                result.tags_rejected += 1
        changes += [(work.id, tag) for tag in new.values()]
        result.tags_set += len(new)
        result.works += 1
    result.unmatched = [m for m in mappings if id(m) not in used]
    lib.set_tags(changes)
    return result
