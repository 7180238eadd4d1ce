"""The shared vocabulary: a :class:`Work` with its chapters, tags and evidence.

Every interface speaks one shape, the *work record* (see ``DESIGN.md``): the CLI's
``--json``, the web API and the exports all go through :meth:`Work.to_dict` and
:meth:`Work.from_dict`. Fields may grow; they never change meaning.

>>> w = Work(title="Blood Pure", authors=["Sajinn"])
>>> w.add_tag(Tag("rating", "Mature", source="stated", evidence=[Evidence(field="Rating")]))
True
>>> Work.from_dict(w.to_dict()).tags[0].name
'Mature'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from fandex.readstate import ReadState

TagType = Literal[
    "rating", "warning", "category", "fandom", "relationship", "character", "freeform"
]
TagSource = Literal["stated", "inferred", "learned", "user"]

TAG_TYPES: tuple[str, ...] = (
    "rating",
    "warning",
    "category",
    "fandom",
    "relationship",
    "character",
    "freeform",
)
TAG_SOURCES: tuple[str, ...] = ("stated", "inferred", "learned", "user")

# A person's decision outranks the file, which outranks any model.
SOURCE_RANK: dict[str, int] = {"user": 3, "stated": 2, "learned": 1, "inferred": 0}

# AO3's word counter (otwarchive lib/word_counter.rb): "--" is a dash, apostrophes and
# hyphens join ("don't", "one-shot" are one word), every character of a script written
# without spaces (Han, Hiragana, Katakana, Thai) is a word, any other run of word
# characters is a word.
_UNSPACED = (
    "\u0e00-\u0e7f\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3041-\u309f"
    "\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u32d0-\u32fe\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
_JOINERS = re.compile("['’‘-]")
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")
_WORD_RUN = re.compile(r"\w+")
_MIXED_WORD = re.compile(f"[{_UNSPACED}]|[^\\W{_UNSPACED}]+")


_PIECE = 1 << 20
_SPACE = re.compile(r"\s")
# Where count_words may cut a long text: before a space, or before a character that is a
# word on its own (a text in Chinese may have no spaces at all).
_WORD_CUT = re.compile(f"[\\s{_UNSPACED}]")


def pieces(text: str, size: int = _PIECE, cut: re.Pattern[str] = _SPACE) -> Iterator[str]:
    """``text`` in pieces of about ``size`` characters, each cut just before a match of
    ``cut`` (a whitespace character), so no word spans two pieces and a word pattern
    finds the same words piece by piece as in the whole. A long text is then scanned a
    megabyte at a time instead of listing every word of it at once (ten million for a
    50 MB file).

    >>> list(pieces("one two three four", 4))
    ['one two', ' three', ' four']
    """
    start = 0
    while len(text) - start > size:
        found = cut.search(text, start + size)
        if found is None:
            break
        yield text[start : found.start()]
        start = found.start()
    yield text[start:]


def count_words(text: str) -> int:
    """Count words as AO3 does: runs of letters and digits joined by apostrophes and
    hyphens, and each Chinese, Japanese kana or Thai character on its own. A long text
    is counted a piece at a time (:func:`pieces`).

    >>> count_words("Don't stop -- she said."), count_words("one--two, a one-shot")
    (4, 4)
    >>> count_words("杨泰隆在费沙的房子 was small")
    11
    """
    if len(text) <= _PIECE:
        return _count_words(text)
    return sum(_count_words(piece) for piece in pieces(text, cut=_WORD_CUT))


def _count_words(text: str) -> int:
    # In C as far as it goes: "--" and every ASCII character that is not a word
    # character become spaces and the ASCII joiners go (what the regex below does to
    # them), then the words are the runs of non-spaces. The commonest characters past
    # ASCII that are no word characters (curly quotes, dashes, "…") become spaces and the
    # curly joiners go first, so that most texts are ASCII by then. A run holding other
    # characters (an accent, a character of a script without spaces) may be several
    # words or none: those runs alone go through the regex. A test checks this agrees
    # with :func:`_count_words_plain` on any text.
    text = text.replace("--", " ")
    if not text.isascii():
        for ch in _SPACED:
            text = text.replace(ch, " ")
        text = text.replace("’", "").replace("‘", "")
    if text.isascii():
        # Words are "a", anything else a space: count where a run starts, no list made.
        marks = text.encode("ascii").translate(_RUN_BYTES, b"'-")
        return marks.count(b" a") + marks.startswith(b"a")
    data = text.encode("utf-8", "surrogatepass").translate(_WORD_BYTES, b"'-")
    runs = data.split()
    odd = [run for run in runs if not run.isascii()]
    if not odd:
        return len(runs)
    rest = b" ".join(odd).decode("utf-8", "surrogatepass")
    return len(runs) - len(odd) + _count_words_plain(rest)


def _count_words_plain(text: str) -> int:
    """:func:`count_words` of a text no longer than a piece, the plain way (the
    definition :func:`_count_words` is checked against)."""
    text = _JOINERS.sub("", text.replace("--", "—"))
    if _UNSPACED_CHAR.search(text) is None:
        return len(_WORD_RUN.findall(text))
    return len(_MIXED_WORD.findall(text))


# Each byte as _count_words sees it: an ASCII letter, digit or "_" (a word character)
# or a byte of a non-ASCII character stays; any other ASCII character is a space.
_WORD_BYTES = bytes(c if c >= 128 or chr(c).isalnum() or c == 95 else 32 for c in range(256))
# An ASCII byte as the count of an ASCII text sees it: a word character is "a", any
# other a space (the joiners are deleted before).
_RUN_BYTES = bytes(97 if chr(c).isalnum() or c == 95 else 32 for c in range(128)) + bytes(128)
# Characters past ASCII that are no word characters and often stand between words.
_SPACED = ("…", "—", "–", "“", "”")


@dataclass
class Evidence:
    """Why a tag is there: a passage of a chapter, or a header field of the file."""

    chapter: int | None = None
    start: int | None = None
    end: int | None = None
    quote: str = ""
    field: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.field is not None:
            out["field"] = self.field
        if self.chapter is not None:
            out["chapter"] = self.chapter
        if self.start is not None:
            out["start"] = self.start
        if self.end is not None:
            out["end"] = self.end
        out["quote"] = self.quote
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(
            chapter=d.get("chapter"),
            start=d.get("start"),
            end=d.get("end"),
            quote=d.get("quote", ""),
            field=d.get("field"),
        )


@dataclass
class Tag:
    """One tag in AO3's vocabulary, with where it came from and how sure we are.

    ``tagger`` names the component that added an inferred/learned tag; ``attrs`` holds
    extras a tagger wants to keep (a character's ``role``, a mention count, a note).
    """

    type: str
    name: str
    source: str = "stated"
    confidence: float = 1.0
    evidence: list[Evidence] = field(default_factory=list)
    tagger: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.type not in TAG_TYPES:
            raise ValueError(f"unknown tag type {self.type!r}")
        if self.source not in TAG_SOURCES:
            raise ValueError(f"unknown tag source {self.source!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} is outside [0, 1]")

    @property
    def key(self) -> tuple[str, str]:
        """Identity of a tag within a work: its type and case-folded name."""
        return (self.type, self.name.casefold())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "name": self.name,
            "source": self.source,
            "confidence": round(self.confidence, 4),
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.tagger:
            out["tagger"] = self.tagger
        if self.attrs:
            out["attrs"] = dict(self.attrs)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Tag:
        return cls(
            type=d["type"],
            name=d["name"],
            source=d.get("source", "stated"),
            confidence=float(d.get("confidence", 1.0)),
            evidence=[Evidence.from_dict(e) for e in d.get("evidence", [])],
            tagger=d.get("tagger"),
            attrs=dict(d.get("attrs", {})),
        )


@dataclass
class Chapter:
    """A chapter: plain text (paragraphs separated by blank lines) plus its own notes.

    ``html`` is optional sanitised markup for display when the source had it; evidence
    offsets always point into ``text``.
    """

    index: int
    title: str | None = None
    text: str = ""
    summary: str | None = None
    notes_begin: str | None = None
    notes_end: str | None = None
    html: str | None = None
    # The stored count, for chapters loaded without their text (listings).
    word_count: int | None = None
    # The count of ``text`` as last counted (the text itself, to tell it is the same).
    _counted: tuple[str, int] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def words(self) -> int:
        if self.word_count is not None and not self.text:
            return self.word_count
        counted = self._counted
        if counted is not None and counted[0] is self.text:
            return counted[1]
        n = count_words(self.text)
        self._counted = (self.text, n)
        return n

    def to_dict(self, *, with_text: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "title": self.title, "words": self.words}
        if self.summary:
            out["summary"] = self.summary
        if self.notes_begin or self.notes_end:
            out["notes"] = {"begin": self.notes_begin, "end": self.notes_end}
        if with_text:
            out["text"] = self.text
            if self.html:
                out["html"] = self.html
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Chapter:
        notes = d.get("notes") or {}
        return cls(
            index=int(d["index"]),
            title=d.get("title"),
            text=d.get("text", ""),
            summary=d.get("summary"),
            notes_begin=notes.get("begin"),
            notes_end=notes.get("end"),
            html=d.get("html"),
        )


@dataclass
class Footnote:
    mark: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"mark": self.mark, "text": self.text}


@dataclass
class Source:
    """Where a work came from. ``path`` may name a zip member as ``archive.zip!inner.txt``."""

    path: str
    format: str
    sha256: str
    imported: str | None = None  # ISO 8601, UTC

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "format": self.format, "sha256": self.sha256}
        if self.imported:
            out["imported"] = self.imported
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(
            path=d["path"], format=d["format"], sha256=d["sha256"], imported=d.get("imported")
        )


@dataclass
class SeriesEntry:
    """A work's place in one series: its name, its position (calibre's ``series_index``
    may be fractional, 1.5) and, when the file says so, how many parts the series has.

    >>> SeriesEntry("Frost Cycle", 2.0, 4).to_dict()
    {'name': 'Frost Cycle', 'position': 2, 'total': 4}
    """

    name: str
    position: float | None = None
    total: int | None = None

    def to_dict(self) -> dict[str, Any]:
        pos: float | int | None = self.position
        if pos is not None and float(pos).is_integer():
            pos = int(pos)
        out: dict[str, Any] = {"name": self.name, "position": pos}
        if self.total is not None:
            out["total"] = self.total
        return out

    @property
    def label(self) -> str:
        """``Frost Cycle, part 2`` (or the name alone when the position is unknown)."""
        if self.position is None:
            return self.name
        pos = self.position
        shown = str(int(pos)) if float(pos).is_integer() else str(pos)
        return f"{self.name}, part {shown}"


def series_entries(value: Any) -> list[SeriesEntry]:
    """Read ``series`` as any record has held it: a list of ``{name, position}``,
    :class:`SeriesEntry` objects, or (older records) one string naming the series.

    >>> [e.to_dict() for e in series_entries([{"name": "A", "position": 3}, "B"])]
    [{'name': 'A', 'position': 3}, {'name': 'B', 'position': None}]
    """
    if value is None or value == "":
        return []
    items = value if isinstance(value, list | tuple) else [value]
    out: list[SeriesEntry] = []
    for item in items:
        if isinstance(item, SeriesEntry):
            entry = item
        elif isinstance(item, dict) and str(item.get("name") or "").strip():
            pos = item.get("position")
            total = item.get("total")
            entry = SeriesEntry(
                str(item["name"]).strip(),
                float(pos) if pos is not None else None,
                int(total) if total is not None else None,
            )
        elif isinstance(item, str) and item.strip():
            entry = SeriesEntry(item.strip())
        else:
            continue
        if all(e.name.casefold() != entry.name.casefold() for e in out):
            out.append(entry)
    return out


@dataclass
class Version:
    """One copy of a work grouped with others (``role``: ``primary``, the copy read by
    default, or ``version``); ``only_here`` lists its chapters no other copy has."""

    work_id: str
    role: str
    path: str | None = None
    format: str | None = None
    chapters: int = 0
    words: int = 0
    date: str | None = None
    title: str = ""
    decided_by: str = "auto"
    only_here: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.work_id,
            "role": self.role,
            "title": self.title,
            "source": {"path": self.path, "format": self.format},
            "chapters": self.chapters,
            "words": self.words,
            "date": self.date,
            "decided_by": self.decided_by,
            "only_here": list(self.only_here),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Version:
        src = d.get("source") or {}
        return cls(
            work_id=d["id"],
            role=d.get("role", "version"),
            path=src.get("path"),
            format=src.get("format"),
            chapters=int(d.get("chapters", 0)),
            words=int(d.get("words", 0)),
            date=d.get("date"),
            title=d.get("title", ""),
            decided_by=d.get("decided_by", "auto"),
            only_here=list(d.get("only_here", [])),
        )


def work_id_for(sha256: str) -> str:
    """The stable id of a work: the first 16 hex digits of its first source's hash."""
    return sha256[:16]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# The flag kind of a page kept without story text (``import --keep-metadata-only``);
# listings hide works carrying it unless asked to show hidden works.
METADATA_ONLY = "metadata-only"

# Optional scalar fields of the record: name -> JSON key. Kept in one place so the
# library, the API and the exports agree on them.
SCALAR_FIELDS: tuple[str, ...] = (
    "summary",
    "disclaimer",
    "spoilers",
    "dedication",
    "language",
    "status",
    "published",
    "updated",
)


@dataclass
class Work:
    """A work of fan fiction and everything fandex knows about it."""

    title: str = "Untitled"
    authors: list[str] = field(default_factory=list)
    id: str = ""
    summary: str | None = None
    notes_begin: str | None = None
    notes_end: str | None = None
    disclaimer: str | None = None
    spoilers: str | None = None
    dedication: str | None = None
    language: str | None = None
    status: str | None = None  # "complete" | "wip" | None when unknown
    published: str | None = None  # ISO date
    updated: str | None = None
    series: list[SeriesEntry] = field(default_factory=list)
    # Stated identities of the story: {"ao3": "123", "ffnet": "456", "url": "...",
    # "efiction": "host:sid"} (see fandex.library.sourceids).
    source_ids: dict[str, str] = field(default_factory=dict)
    # The copies grouped with this work (filled when loaded from a library) and, for a
    # copy that is not the one read by default, the id of the one that is.
    versions: list[Version] = field(default_factory=list)
    version_of: str | None = None
    chapters: list[Chapter] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    source: Source | None = None
    header: dict[str, str] = field(default_factory=dict)
    tags: list[Tag] = field(default_factory=list)
    # Flags raised by taggers for a person to look at, e.g. a possible missing warning.
    flags: list[dict[str, Any]] = field(default_factory=list)
    # Taggers that failed on this work: {"tagger": name, "error": one line}.
    failures: list[dict[str, str]] = field(default_factory=list)
    # What the library's save hooks want computed ahead (the text index entry), filled
    # where the work is made (an import worker: fandex.library.store.prepare) so the
    # library's one writer does not compute it. Not part of the record.
    prepared: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # The library's reader's state of this work (read, progress, marked for later),
    # filled in when the work is loaded from a library; None when nobody asked.
    reading: ReadState | None = None
    # Not part of the record: the text signature an import computes in its worker
    # (fandex.library.signature.Signature), handed to the library with the work.
    signature: Any = field(default=None, repr=False, compare=False)

    @property
    def words(self) -> int:
        return sum(c.words for c in self.chapters)

    @property
    def text(self) -> str:
        """All chapter text joined; handy for whole-work scans."""
        return "\n\n".join(c.text for c in self.chapters)

    def tags_of(self, type_: str) -> list[Tag]:
        return [t for t in self.tags if t.type == type_]

    def find_tag(self, type_: str, name: str) -> Tag | None:
        key = (type_, name.casefold())
        return next((t for t in self.tags if t.key == key), None)

    def add_tag(self, tag: Tag) -> bool:
        """Add ``tag`` unless a tag of equal or higher authority already holds its place.

        A stated tag is never overwritten by an inferred or learned one, and a ``user``
        tag is never touched. Returns True when the tag was added or replaced one.
        """
        existing = self.find_tag(tag.type, tag.name)
        if existing is None:
            self.tags.append(tag)
            return True
        old_rank, new_rank = SOURCE_RANK[existing.source], SOURCE_RANK[tag.source]
        if new_rank > old_rank or (
            new_rank == old_rank
            and tag.source in ("inferred", "learned")
            and tag.confidence > existing.confidence
        ):
            self.tags[self.tags.index(existing)] = tag
            return True
        return False

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        """The work record. Chapter text is left out unless ``with_text``."""
        out: dict[str, Any] = {"id": self.id, "title": self.title, "authors": list(self.authors)}
        for name in SCALAR_FIELDS:
            out[name] = getattr(self, name)
        out["series"] = [e.to_dict() for e in self.series]
        out["source_ids"] = dict(self.source_ids)
        out["versions"] = [v.to_dict() for v in self.versions]
        if self.version_of:
            out["version_of"] = self.version_of
        out["notes"] = {"begin": self.notes_begin, "end": self.notes_end}
        out["words"] = self.words
        out["chapters"] = [c.to_dict(with_text=with_text) for c in self.chapters]
        out["footnotes"] = [f.to_dict() for f in self.footnotes]
        out["source"] = self.source.to_dict() if self.source else None
        out["header"] = dict(self.header)
        out["tags"] = [t.to_dict() for t in self.tags]
        out["flags"] = list(self.flags)
        if self.failures:
            out["failures"] = list(self.failures)
        if self.reading is not None and not self.reading.empty:
            out["reading"] = self.reading.to_dict()  # only once there is something to say
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Work:
        notes = d.get("notes") or {}
        w = cls(
            title=d.get("title") or "Untitled",
            authors=list(d.get("authors", [])),
            id=d.get("id", ""),
            notes_begin=notes.get("begin"),
            notes_end=notes.get("end"),
            chapters=[Chapter.from_dict(c) for c in d.get("chapters", [])],
            footnotes=[Footnote(f["mark"], f["text"]) for f in d.get("footnotes", [])],
            source=Source.from_dict(d["source"]) if d.get("source") else None,
            header=dict(d.get("header", {})),
            tags=[Tag.from_dict(t) for t in d.get("tags", [])],
            flags=list(d.get("flags", [])),
            failures=list(d.get("failures", [])),
            reading=ReadState.from_dict(d["reading"]) if d.get("reading") else None,
            series=series_entries(d.get("series")),
            source_ids={str(k): str(v) for k, v in (d.get("source_ids") or {}).items()},
            versions=[Version.from_dict(v) for v in d.get("versions", [])],
            version_of=d.get("version_of"),
        )
        for name in SCALAR_FIELDS:
            setattr(w, name, d.get(name))
        return w
