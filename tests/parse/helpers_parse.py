"""Builders for parse tests: a text becomes a document and a work the way a .txt does."""

from __future__ import annotations

from fandex.model import Work
from fandex.parse import build_work
from fandex.read.document import RawDocument, paragraphs


def doc_of(text: str) -> RawDocument:
    """A plain-text document of ``text`` (paragraphs at blank lines)."""
    return RawDocument("txt", paragraphs(text))


def work_of(text: str) -> Work:
    """The work a plain-text file with ``text`` parses into."""
    return build_work(doc_of(text))


def tag_names(work: Work, type_: str) -> list[str]:
    """Names of the work's tags of one type, in order."""
    return [t.name for t in work.tags if t.type == type_]
