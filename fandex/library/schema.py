"""The library's tables (the latest schema), in SQLAlchemy Core.

Fresh libraries are created from these definitions and stamped with every migration
as applied; existing libraries reach the same shape by running the migrations in
:mod:`fandex.library.migrations` that they have not yet recorded.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

works = Table(
    "works",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("summary", Text),
    Column("notes_begin", Text),
    Column("notes_end", Text),
    Column("disclaimer", Text),
    Column("spoilers", Text),
    Column("dedication", Text),
    Column("language", String(32)),
    Column("status", String(16)),
    Column("published", String(32)),
    Column("updated", String(32)),
    Column("series", Text),
    Column("words", Integer, nullable=False, default=0),
    Column("chapter_count", Integer, nullable=False, default=0),
    Column("header_json", Text, nullable=False, default="{}"),
    Column("footnotes_json", Text, nullable=False, default="[]"),
    Column("flags_json", Text, nullable=False, default="[]"),
    Column("failures_json", Text, nullable=False, default="[]"),
    Column("imported_at", String(32), nullable=False),
    Column("modified_at", String(32), nullable=False),
)

authors = Table(
    "authors",
    metadata,
    Column("work_id", String(32), ForeignKey("works.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Index("ix_authors_name", "name"),
)

chapters = Table(
    "chapters",
    metadata,
    Column("work_id", String(32), ForeignKey("works.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("html", Text),
    Column("summary", Text),
    Column("notes_begin", Text),
    Column("notes_end", Text),
    Column("words", Integer, nullable=False, default=0),
)

tags = Table(
    "tags",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("work_id", String(32), ForeignKey("works.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("source", String(16), nullable=False),
    Column("confidence", Float, nullable=False, default=1.0),
    Column("tagger", String(64)),
    Column("evidence_json", Text, nullable=False, default="[]"),
    Column("attrs_json", Text, nullable=False, default="{}"),
    Index("ix_tags_work", "work_id"),
    Index("ix_tags_type_name", "type", "name"),
)

# One row per entry of a work's ``flags_json`` that names a tag (a possible missing
# warning, a rating that disagrees...), so queries can opt in to them (``suspect:``,
# ``flagged:``). ``flags_json`` keeps the whole flag (evidence, message).
flags = Table(
    "flags",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("work_id", String(32), ForeignKey("works.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("type", String(16)),
    Column("name", Text),
    Column("confidence", Float, nullable=False, default=1.0),
    Index("ix_flags_work", "work_id"),
    Index("ix_flags_type_name", "type", "name"),
)

sources = Table(
    "sources",
    metadata,
    Column("path", Text, primary_key=True),
    Column("work_id", String(32), ForeignKey("works.id", ondelete="CASCADE"), nullable=False),
    Column("format", String(32), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("imported_at", String(32), nullable=False),
    Index("ix_sources_sha", "sha256"),
    Index("ix_sources_work", "work_id"),
)

# Saved queries whose works every listing hides unless asked (fandex/library/blocklist.py).
blocklist = Table(
    "blocklist",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("query", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

# People who read the library on other devices: the OPDS catalog checks the password
# (HTTP Basic), progress sync checks KOReader's key, md5(password); both kept as argon2.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("sync_key_hash", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

# Named queries: the web sidebar, OPDS navigation feeds, `fandex search save`.
saved_searches = Table(
    "saved_searches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(128), nullable=False, unique=True),
    Column("query", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

# One reader's state of one work (fandex/readstate.py); names as AO3's reading history.
reading = Table(
    "reading",
    metadata,
    Column("reader", String(64), primary_key=True),
    Column("work_id", String(32), ForeignKey("works.id", ondelete="CASCADE"), primary_key=True),
    Column("status", String(16), nullable=False, default="never"),
    Column("progress", Float, nullable=False, default=0.0),
    Column("chapter", Integer),
    Column("position", Float),
    Column("started_at", String(32)),
    Column("finished_at", String(32)),
    Column("last_viewed", String(32)),
    Column("view_count", Integer, nullable=False, default=0),
    Column("toread", Boolean, nullable=False, default=False),
    Column("rating", Integer),
    Column("notes", Text),
    Column("updated_at", String(32), nullable=False),
    Index("ix_reading_work", "work_id"),
)

# KOReader progress sync records (koreader-sync-server's fields), per user and document.
sync_progress = Table(
    "sync_progress",
    metadata,
    Column("user_name", String(64), primary_key=True),
    Column("document", String(64), primary_key=True),
    Column("percentage", Float, nullable=False),
    Column("progress", Text, nullable=False),
    Column("device", Text, nullable=False),
    Column("device_id", Text),
    Column("timestamp", Integer, nullable=False),
)

# Files fandex handed to e-readers, by the digest KOReader computes (partial MD5), so
# synced progress finds its work.
documents = Table(
    "documents",
    metadata,
    Column("digest", String(32), primary_key=True),
    Column("work_id", String(32), ForeignKey("works.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("created_at", String(32), nullable=False),
    Index("ix_documents_work", "work_id"),
)

# A work's places in series (0004_series): one row per series, in the order stated.
work_series = Table(
    "work_series",
    metadata,
    Column("work_id", String(32), ForeignKey("works.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("position", Float),
    Column("total", Integer),
    Index("ix_work_series_name", "name"),
)

# Stated identities of a work's story (0004_source_ids): kind is ao3, ffnet, url,
# efiction, calibre...; the same (kind, value) on two works says they are one story.
source_ids = Table(
    "source_ids",
    metadata,
    Column("work_id", String(32), ForeignKey("works.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("value", Text, nullable=False),
    Index("ix_source_ids_value", "kind", "value"),
)

# Text signatures (0004_versions): a MinHash of the whole text and its counts, so
# grouping is incremental (fandex/library/signature.py).
signatures = Table(
    "signatures",
    metadata,
    Column("work_id", String(32), ForeignKey("works.id", ondelete="CASCADE"), primary_key=True),
    Column("minhash", LargeBinary, nullable=False),
    Column("shingles", Integer, nullable=False),
    Column("words", Integer, nullable=False),
    Column("chapters", Integer, nullable=False),
    Column("anchors", Integer, nullable=False, default=0),
    Column("chapter_json", Text, nullable=False, default="[]"),
)

# The lookup keys of each signature: LSH band keys (kind 0) and content-sampled
# shingle anchors (kind 1). Two works sharing keys are candidates to compare.
signature_keys = Table(
    "signature_keys",
    metadata,
    Column("work_id", String(32), ForeignKey("works.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", Integer, primary_key=True),
    Column("key", BigInteger, primary_key=True),
    Index("ix_signature_keys_key", "key", "kind"),
)

# Copies grouped as one work (0004_versions): every member of a group of two or more
# has a row; ``primary_id`` is the copy read by default. ``decided_by``: auto or user.
work_versions = Table(
    "work_versions",
    metadata,
    Column("work_id", String(32), ForeignKey("works.id", ondelete="CASCADE"), primary_key=True),
    Column("primary_id", String(32), nullable=False),
    Column("role", String(16), nullable=False),
    Column("decided_by", String(8), nullable=False, default="auto"),
    Column("score", Float, nullable=False, default=1.0),
    Column("reason", Text, nullable=False, default=""),
    Column("only_here_json", Text, nullable=False, default="[]"),
    Index("ix_work_versions_primary", "primary_id"),
)

# Pairs that look alike but were not grouped (``fandex dupes`` lists them for review).
near_duplicates = Table(
    "near_duplicates",
    metadata,
    Column("a", String(32), ForeignKey("works.id", ondelete="CASCADE"), primary_key=True),
    Column("b", String(32), ForeignKey("works.id", ondelete="CASCADE"), primary_key=True),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
)

# A person's split/merge decisions, by work id (no foreign key: a decision outlives a
# removal and re-import of the same file, whose id is the same).
version_decisions = Table(
    "version_decisions",
    metadata,
    Column("a", String(32), primary_key=True),
    Column("b", String(32), primary_key=True),
    Column("decision", String(16), nullable=False),  # "apart" | "together"
    Column("decided_at", String(32), nullable=False),
)

migrations_table = Table(
    "fandex_migrations",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("applied_at", String(32), nullable=False),
)


def series_rows(work_id: str, entries: list[Any]) -> list[dict[str, Any]]:
    """``work_series`` rows for a work's series places (:class:`fandex.model.SeriesEntry`)."""
    return [
        {"work_id": work_id, "idx": i, "name": e.name, "position": e.position, "total": e.total}
        for i, e in enumerate(entries)
    ]
