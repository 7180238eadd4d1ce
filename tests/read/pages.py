"""Saved web pages written for these tests (tests/read/fixtures/pages), read the way
the importer reads them: read -> clean -> parse, and the not-a-story judgement."""

from __future__ import annotations

import re
from pathlib import Path

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.parse.nonstory import judge
from fandex.read import read_bytes
from fandex.read.document import RawDocument

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def page_bytes(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def doc_of(name: str) -> RawDocument:
    """The cleaned document of a fixture page."""
    return clean(read_bytes(page_bytes(name), name))


def work_of(name: str) -> Work:
    """The work a fixture page parses into."""
    return build_work(doc_of(name))


def verdict(name: str) -> str | None:
    """Why the page is not a story, or None."""
    doc = doc_of(name)
    return judge(build_work(doc), doc)


def words(text: str) -> str:
    """Letters and digits only, lower case: how first and last words are compared."""
    return re.sub(r"[\W_]+", " ", text).strip().casefold()


def first_words(work: Work, n: int = 8) -> str:
    return " ".join(words(work.text).split()[:n])


def last_words(work: Work, n: int = 8) -> str:
    return " ".join(words(work.text).split()[-n:])


def tags(work: Work, type_: str) -> list[str]:
    return [t.name for t in work.tags if t.type == type_]
