"""The searchable words of a work: one tokenizer for both backends and for matching
in memory, and the prepared index entry (:class:`IndexDoc`) an import worker computes
so the library's single writer only stores it.

Tokens are Unicode letters and digits, accents removed, case-folded. Each work has
three columns of text: ``title``; ``summary`` (summary, notes and chapter
summaries/notes); ``body`` (every chapter's title and text, in order). A phrase never
spans two columns.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from fandex.model import Work, pieces

COLUMNS: tuple[str, ...] = ("title", "summary", "body")
# tsvector weights (PostgreSQL) per column; "D" is the default and is not written.
PG_WEIGHT = {"title": "A", "summary": "B", "body": "D"}
_PG_MAX_POS = 16383
_PG_MAX_POSITIONS = 256
# PostgreSQL refuses a tsvector over 1 MB; past this, body positions are dropped.
_PG_MAX_LITERAL = 900_000

_TOKEN = re.compile(r"[^\W_]+")
# Every ASCII byte that is not a letter or digit becomes a space; other bytes (the
# UTF-8 of non-ASCII characters) are left for the slow path.
_ASCII_SPLIT = bytes(c if c >= 128 or chr(c).isalnum() else 32 for c in range(256))


def fold(text_: str) -> str:
    """Case-fold and strip accents the way every index and matcher here does."""
    if text_.isascii():
        return text_.lower()  # the common case, and casefold() == lower() for ASCII
    return unicodedata.normalize("NFKD", text_.casefold()).translate(_combining())


@cache
def _combining() -> dict[int, None]:
    """A translate table deleting every combining mark (built once, on first use)."""
    return {cp: None for cp in range(0x20000) if unicodedata.combining(chr(cp))}


def tokens(text_: str | None) -> list[str]:
    """The searchable words of ``text_``: letters and digits, folded.

    >>> tokens("Don't stop -- Zoë said: \\"NEAR(a b)\\"*")
    ['don', 't', 'stop', 'zoe', 'said', 'near', 'a', 'b']
    """
    if not text_:
        return []
    if text_.isascii():
        return text_.lower().encode().translate(_ASCII_SPLIT).decode().split()
    # Split at ASCII punctuation and spaces in C first; only the pieces holding other
    # characters go through fold() and the regex. The same tokens as folding the whole
    # text: the split points are ASCII characters folding leaves alone, and folding
    # works character by character (a test checks the two agree on any text).
    out: list[str] = []
    for piece in text_.encode("utf-8", "surrogatepass").translate(_ASCII_SPLIT).split():
        word = piece.decode("utf-8", "surrogatepass")
        if word.isascii():
            out.append(word.lower())
        else:
            out += _TOKEN.findall(fold(word))
    return out


def tokens_reference(text_: str | None) -> list[str]:
    """:func:`tokens` the plain way (fold the whole text, then find the words): the
    definition the fast version is tested against."""
    return _TOKEN.findall(fold(text_)) if text_ else []


def token_text(text_: str | None) -> str:
    """``" ".join(tokens(text_))``, made a megabyte at a time: the list of every word of
    a 50 MB text would take ten times its size.

    >>> token_text("Don't stop -- Zoë")
    'don t stop zoe'
    """
    if not text_:
        return ""
    return " ".join(filter(None, (" ".join(tokens(piece)) for piece in pieces(text_))))


def column_texts(work: Work) -> tuple[str, str, str]:
    """The words of :func:`work_columns`, each column's joined by spaces (what SQLite
    indexes), without ever listing every word of the work at once."""
    summary_parts: list[str | None] = [work.summary, work.notes_begin, work.notes_end]
    body_parts: list[str | None] = []
    for ch in work.chapters:
        summary_parts += [ch.summary, ch.notes_begin, ch.notes_end]
        body_parts += [ch.title, ch.text]
    return (
        token_text(work.title),
        " ".join(filter(None, map(token_text, summary_parts))),
        " ".join(filter(None, map(token_text, body_parts))),
    )


def iter_tokens(text_: str | None) -> Iterator[str]:
    """:func:`tokens` of ``text_``, a megabyte of text at a time."""
    if text_:
        for piece in pieces(text_):
            yield from tokens(piece)


def column_tokens(work: Work) -> dict[str, Iterator[str]]:
    """:func:`work_columns` as iterators, for a single pass over a long work."""
    summary_parts: list[str | None] = [work.summary, work.notes_begin, work.notes_end]
    body_parts: list[str | None] = []
    for ch in work.chapters:
        summary_parts += [ch.summary, ch.notes_begin, ch.notes_end]
        body_parts += [ch.title, ch.text]
    return {
        "title": iter_tokens(work.title),
        "summary": itertools.chain.from_iterable(map(iter_tokens, summary_parts)),
        "body": itertools.chain.from_iterable(map(iter_tokens, body_parts)),
    }


def work_columns(work: Work) -> dict[str, list[str]]:
    """The tokens of each indexed column of ``work``."""
    summary_parts: list[str | None] = [work.summary, work.notes_begin, work.notes_end]
    for ch in work.chapters:
        summary_parts += [ch.summary, ch.notes_begin, ch.notes_end]
    body: list[str] = []
    for ch in work.chapters:
        body += tokens(ch.title)
        body += tokens(ch.text)
    return {
        "title": tokens(work.title),
        "summary": [t for part in summary_parts for t in tokens(part)],
        "body": body,
    }


def tsvector_literal(cols: Mapping[str, Iterable[str]]) -> str:
    """The ``tsvector`` of a work's columns, with a gap between columns: each token's
    positions (PostgreSQL keeps at most 256 per token and clamps them at 16,383; a
    clamped repeat is written once), the title's weighted A and the summary's B.

    The columns may be iterators (:func:`column_tokens`): a token keeps only the
    positions that can reach the literal -- those under the clamp, the first past it in
    each column, and no more than one over the 256 kept -- so a long text is never held
    as a list of all its words and positions."""
    positions: dict[str, list[int]] = {}
    pos = 1
    starts: list[tuple[int, str]] = []  # (first position, weight) of each column
    for col in COLUMNS:
        starts.append((pos, "" if PG_WEIGHT[col] == "D" else PG_WEIGHT[col]))
        clamped: set[str] = set()  # tokens given their one clamped position in this column
        i = pos
        for tok in cols[col]:
            found = positions.get(tok)
            if found is None:
                positions[tok] = [i]
            elif len(found) <= _PG_MAX_POSITIONS and (i < _PG_MAX_POS or tok not in clamped):
                found.append(i)
            if i >= _PG_MAX_POS:
                clamped.add(tok)
            i += 1
        pos = i + 1  # a gap, so no phrase runs from the title into the summary
    body_from = starts[-1][0]
    out = []
    for tok, ps in positions.items():
        if ps[0] >= body_from and ps[-1] < _PG_MAX_POS and len(ps) <= _PG_MAX_POSITIONS:
            out.append(f"'{tok}':" + ",".join(map(str, ps)))  # the common case, in C
        else:
            out.append(f"'{tok}':" + ",".join(_entries(ps, starts)))
    text_ = " ".join(out)
    if len(text_) > _PG_MAX_LITERAL:
        text_ = " ".join(f"'{tok}':{_entries(ps, starts)[0]}" for tok, ps in positions.items())
    return text_


def _entries(ps: list[int], starts: list[tuple[int, str]]) -> list[str]:
    """A token's position entries as PostgreSQL keeps them (clamped, weighted, at most
    256, a repeat of the previous entry dropped)."""
    (_t, w_title), (summary_from, w_summary), (body_from, w_body) = starts
    items: list[str] = []
    for p in ps:
        weight = w_title if p < summary_from else w_summary if p < body_from else w_body
        item = f"{p if p < _PG_MAX_POS else _PG_MAX_POS}{weight}"
        if not items or items[-1] != item:
            items.append(item)
            if len(items) == _PG_MAX_POSITIONS:
                break
    return items


def rank_tsvector_literal(cols: Mapping[str, Iterable[str]]) -> str:
    """The small ``rank_tsv`` PostgreSQL ranks with: the title and summary entries of
    :func:`tsvector_literal` (same positions, same weights), without the body.

    >>> rank_tsvector_literal({"title": ["ink"], "summary": ["ink", "ash"], "body": ["ink"]})
    "'ink':1A,3B 'ash':4B"
    """
    return tsvector_literal({**cols, "body": []})


@dataclass(frozen=True)
class IndexDoc:
    """What the index stores for one work, ready to write: on SQLite the three columns'
    tokens joined by spaces; on PostgreSQL the ``tsv`` and ``rank_tsv`` literals.
    Computed where the work is made (an import worker), so the writer only writes."""

    dialect: str
    values: tuple[str, ...]


def index_doc(work: Work, dialect: str) -> IndexDoc:
    """The index entry of ``work`` for a library on ``dialect``."""
    if dialect == "sqlite":
        return IndexDoc(dialect, column_texts(work))
    return IndexDoc(
        dialect,
        (tsvector_literal(column_tokens(work)), rank_tsvector_literal(column_tokens(work))),
    )


__all__ = [
    "COLUMNS",
    "IndexDoc",
    "column_texts",
    "column_tokens",
    "fold",
    "index_doc",
    "iter_tokens",
    "rank_tsvector_literal",
    "token_text",
    "tokens",
    "tokens_reference",
    "tsvector_literal",
    "work_columns",
]
