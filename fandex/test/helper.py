"""Test helpers that ship with the package (beets' ``test/helper.py`` idea):
an in-memory library, a work builder and a fic-file writer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fandex.library import Library
from fandex.model import Chapter, Tag, Work, content_hash, work_id_for


def memory_library() -> Library:
    """A fresh library that lives only as long as the object."""
    return Library.open(":memory:")


def make_work(
    title: str = "A Test Work",
    *,
    authors: list[str] | None = None,
    chapters: list[str] | None = None,
    tags: list[tuple[str, str] | Tag] | None = None,
    **fields: Any,
) -> Work:
    """A small work with an id derived from its title; tags as ``(type, name)`` pairs."""
    texts = chapters or ["The first paragraph.\n\nThe second paragraph."]
    work = Work(
        title=title,
        authors=authors if authors is not None else ["Tester"],
        id=work_id_for(content_hash(title.encode())),
        chapters=[Chapter(index=i + 1, text=t) for i, t in enumerate(texts)],
        **fields,
    )
    for tag in tags or []:
        work.add_tag(tag if isinstance(tag, Tag) else Tag(tag[0], tag[1]))
    return work


def store_many(lib: Library, works: list[Work], batch: int = 1000) -> None:
    """Store many works quickly (big test and bench libraries): what :meth:`Library.save`
    writes, one transaction per ``batch`` works (:meth:`Library.save_many`)."""
    for lo in range(0, len(works), batch):
        lib.save_many(works[lo : lo + batch])


def fresh_pg_library(server_url: str) -> Library:
    """A library in a new, empty database on the PostgreSQL server at ``server_url``."""
    import uuid

    from sqlalchemy import create_engine, text

    name = "fandex_" + uuid.uuid4().hex[:12]
    admin = create_engine(
        "postgresql+psycopg://" + server_url.split("://", 1)[1], isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return Library.open(server_url.rsplit("/", 1)[0] + "/" + name)


def write_fic(folder: Path, name: str, header: dict[str, str], body: str) -> Path:
    """Write a plain-text fic with a ``Label: value`` header; returns its path."""
    lines = [f"{k}: {v}" for k, v in header.items()]
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n\n" + body.strip() + "\n", encoding="utf-8")
    return path
