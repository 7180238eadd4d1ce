"""The library's tables (the latest schema), in SQLAlchemy Core.

Fresh libraries are created from these definitions and stamped with every migration
as applied; existing libraries reach the same shape by running the migrations in
:mod:`fandex.library.migrations` that they have not yet recorded.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
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

migrations_table = Table(
    "fandex_migrations",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("applied_at", String(32), nullable=False),
)
