"""Text signatures as rows: written with the works they sign, a batch at a time.

A work's signature (:mod:`fandex.library.signature`) goes in ``signatures`` (the MinHash,
counts and each chapter's anchors) and its lookup keys in ``signature_keys``, the
inverted index grouping finds candidates with (:mod:`fandex.library.lookup`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, select

from fandex.library import schema
from fandex.library.driver import insert_rows
from fandex.library.lookup import remember_shingles
from fandex.library.signature import Signature, signature_of_text
from fandex.model import Work

if TYPE_CHECKING:
    from fandex.library.store import Library

_CHUNK = 500
_KEY_ROWS = 5_000


def signature_for(work: Work) -> Signature | None:
    """The work's signature: the one its import computed, or one computed now from
    its chapter text (None when the work was loaded without text)."""
    if isinstance(work.signature, Signature):
        return work.signature
    texts = [c.text for c in work.chapters]
    if not any(texts):
        return None
    return signature_of_text(texts)


def write_signatures(
    conn: Connection, signed: Sequence[tuple[str, Signature]], fresh: Collection[str] = ()
) -> None:
    """Store ``(work id, signature)`` pairs, replacing what the works had; works in
    ``fresh`` are new to the library and have nothing to replace. One statement per
    table for the batch, through the driver."""
    stale = [work_id for work_id, _sig in signed if work_id not in fresh]
    for lo in range(0, len(stale), _CHUNK):
        chunk = stale[lo : lo + _CHUNK]
        for table in (schema.signatures, schema.signature_keys):
            conn.execute(delete(table).where(table.c.work_id.in_(chunk)))
    rows = [
        {
            "work_id": work_id,
            "minhash": sig.minhash_bytes(),
            "shingles": sig.shingles,
            "words": sig.words,
            "chapters": sig.chapters,
            "anchors": len(sig.anchors),
            "chapter_json": json.dumps(sig.chapter_anchors),
        }
        for work_id, sig in signed
    ]
    insert_rows(conn, schema.signatures, rows)
    # A few thousand key rows at a time: a long text has hundreds of thousands of
    # anchors, whose rows all at once would take several times the text's size.
    keys: list[dict[str, Any]] = []
    for work_id, sig in signed:
        for kind, key in sorted(set(sig.lookup_keys())):
            keys.append({"work_id": work_id, "kind": kind, "key": key})
            if len(keys) >= _KEY_ROWS:
                insert_rows(conn, schema.signature_keys, keys)
                keys = []
    insert_rows(conn, schema.signature_keys, keys)


def write_signature(conn: Connection, work_id: str, sig: Signature) -> None:
    """Store one work's signature, replacing the one it had."""
    write_signatures(conn, [(work_id, sig)])


def save_signatures(
    conn: Connection,
    works: Sequence[Work],
    _prepared: Sequence[Mapping[str, Any]] | None,
    fresh: Collection[str],
) -> None:
    """The library's batch save hook: sign the works saved (with the signatures their
    import computed) and store the signatures."""
    signed = [(w.id, sig) for w in works if (sig := signature_for(w)) is not None]
    write_signatures(conn, signed, fresh)
    for work_id, sig in signed:
        remember_shingles(work_id, sig)


def ensure_signatures(lib: Library, progress: Callable[[int], None] | None = None) -> int:
    """Compute the signatures works imported before grouping existed lack."""
    with lib.engine.connect() as conn:
        have = set(conn.execute(select(schema.signatures.c.work_id)).scalars())
    missing = [i for i in lib.ids() if i not in have]
    for n, work in enumerate(lib.iter_works(missing, with_text=True), start=1):
        sig = signature_for(work)
        if sig is not None:
            with lib.engine.begin() as conn:
                write_signature(conn, work.id, sig)
        if progress:
            progress(n)
    return len(missing)
