"""Which works an export takes: ids (or unique prefixes), a query, or every work.

:func:`select_works` is the one place an interface turns user input into works; the
query goes to :func:`fandex.search.search`, the engine ``fandex ls`` and the web use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fandex.errors import NotFound, QueryError

if TYPE_CHECKING:
    from fandex.library import Library
    from fandex.model import Work

_HEX = frozenset("0123456789abcdef")


def looks_like_id(arg: str) -> bool:
    """True for a work id or a prefix of one (hex digits only)."""
    arg = arg.strip().lower()
    return bool(arg) and all(c in _HEX for c in arg)


def query_work_ids(lib: Library, query: str) -> list[str]:
    """Ids of the works ``query`` selects, in the order ``fandex ls`` lists them.

    The blocklist applies, as it does to a listing: what you see is what you export.
    Raises :class:`QueryError` for a malformed query.
    """
    from fandex.search import MAX_PER_PAGE, search

    ids: list[str] = []
    page = 1
    while True:
        result = search(lib, query, page=page, per_page=MAX_PER_PAGE, facets=False)
        ids += [w.id for w in result.works]
        if page >= result.pages or not result.works:
            return ids
        page += 1


_DNI_LINE = re.compile(r"^\s*(author|story|work)\s*[:=]?\s+(.+?)\s*$", re.IGNORECASE)


@dataclass
class DoNotImport:
    """An archivist's do-not-import list: authors who asked not to be moved, story ids
    (the archive's own, ``ARCHIVE:ID`` to name the archive) and fandex work ids.

    The file has one entry a line (``author: Wren Calloway``, ``story: 12``,
    ``story: Harbour Archive:12``, ``work: 1a2b``); a line of bare numbers separated by
    commas is story ids, as Open Doors' own lists are; ``#`` starts a comment.

    >>> dni = DoNotImport.parse("author: Wren\\n# note\\n12, 14\\n")
    >>> sorted(dni.authors), sorted(dni.stories)
    (['wren'], ['12', '14'])
    """

    authors: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)
    works: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, text: str) -> DoNotImport:
        out = cls()
        for n, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if re.fullmatch(r"[\d\s,]+", line):
                out.stories.update(p.strip() for p in line.split(",") if p.strip())
                continue
            m = _DNI_LINE.match(line)
            if m is None:
                raise QueryError(
                    f"do-not-import list, line {n}: write 'author: NAME', 'story: ID' or 'work: ID'"
                )
            kind, value = m.group(1).lower(), m.group(2)
            {"author": out.authors, "story": out.stories, "work": out.works}[kind].add(
                value.casefold() if kind == "author" else value
            )
        return out

    @classmethod
    def load(cls, path: Path) -> DoNotImport:
        try:
            return cls.parse(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read the do-not-import list {path}: {exc}") from None

    def reason(self, work: Work) -> str | None:
        """Why ``work`` must stay out of an export, or None."""
        from fandex.read.archives.originals import archive_info

        for name in work.authors:
            if name.casefold() in self.authors:
                return f"author {name} is on the do-not-import list"
        info = archive_info(work) or {}
        story = str(info.get("story_id") or "")
        if story and (story in self.stories or f"{info.get('archive')}:{story}" in self.stories):
            return f"story {story} is on the do-not-import list"
        if any(work.id.startswith(w.lower()) for w in self.works):
            return f"work {work.id} is on the do-not-import list"
        return None


@dataclass
class Selection:
    """The chosen works: how many (for a progress bar) and a lazy stream of them."""

    ids: list[str] | None  # None: every work in the library
    total: int
    lib: Library
    do_not_import: DoNotImport | None = None
    # (work id, title, reason) of works the do-not-import list kept out, as they pass.
    excluded: list[tuple[str, str, str]] = field(default_factory=list)

    def works(self) -> Iterator[Work]:
        """Each work with its chapter text, loaded in batches as the export goes."""
        for work in self.lib.iter_works(self.ids, with_text=True):
            why = self.do_not_import.reason(work) if self.do_not_import else None
            if why is None:
                yield work
            else:
                self.excluded.append((work.id, work.title, why))


def _resolve_id(lib: Library, arg: str) -> str | None:
    """The work id ``arg`` names, None when no id starts with it (so it is a search word).

    An ambiguous prefix stays an error: the person meant an id.
    """
    try:
        return lib.resolve(arg)
    except NotFound as exc:
        if str(exc).startswith("no work"):
            return None
        raise


def select_works(lib: Library, args: Sequence[str], *, all_works: bool = False) -> Selection:
    """The works named by ``args``, or every work with ``all_works``.

    An argument made of hex digits that starts exactly one work's id is that work; the
    other arguments form one query (as ``fandex ls`` reads its words) whose works are
    added after the ids. Duplicates are dropped, the order kept. Raises
    :class:`fandex.errors.NotFound` for an ambiguous id prefix and :class:`QueryError`
    for a bad query or when nothing was asked for.
    """
    if all_works:
        if args:
            raise QueryError("give work ids, a query, or --all, not both")
        return Selection(ids=None, total=lib.count(), lib=lib)
    if not args:
        raise QueryError("nothing to export: give work ids, a query, or --all")
    found: list[str] = []
    words: list[str] = []
    for arg in args:
        work_id = _resolve_id(lib, arg) if looks_like_id(arg) else None
        if work_id is None:
            words.append(arg)
        else:
            found.append(work_id)
    if words:
        found += query_work_ids(lib, " ".join(words))
    ids = list(dict.fromkeys(found))
    return Selection(ids=ids, total=len(ids), lib=lib)
