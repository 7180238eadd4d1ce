"""Fixtures for export tests: a rich test work, and epubcheck (Debian's package).

Every text here is a short clinical placeholder written for these tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from fandex.model import Chapter, Evidence, Footnote, SeriesEntry, Tag, Work

EPUBCHECK = "/usr/bin/epubcheck"


def rich_work() -> Work:
    """A work exercising every part of the export: tags of every type and source,
    notes at both levels, footnotes, a series and three titled chapters."""
    work = Work(
        id="0123456789abcdef",
        title="The Lighthouse Ledger",
        authors=["Quill Marsh", "Second Pen"],
        summary="A keeper counts ships.\n\nThe second summary paragraph.",
        notes_begin="Written for a prompt about lighthouses.",
        notes_end="Thanks to the test suite.",
        language="en",
        series=[SeriesEntry("Harbour Stories", 2.0)],
        published="2009-05-01",
        updated="2009-06-01",
        status="complete",
        chapters=[
            Chapter(
                1,
                "Arrival",
                text="The keeper arrived at dawn.[1]\n\nShe climbed the stairs.",
                summary="She arrives.",
                notes_begin="Chapter one note.",
                notes_end="Chapter one end note.",
            ),
            Chapter(
                2, "Ledger", text="The ledger had ninety pages [2].\n\nOne line\nthen another."
            ),
            Chapter(3, "Departure", text="The ship left at noon."),
        ],
        footnotes=[Footnote("1", "Dawn was at five."), Footnote("2", "Some pages were blank.")],
    )
    for tag in [
        Tag("rating", "Teen And Up Audiences", evidence=[Evidence(field="Rating", quote="PG-13")]),
        Tag("warning", "No Archive Warnings Apply"),
        Tag("category", "F/F"),
        Tag("fandom", "Harbour Town"),
        Tag(
            "relationship",
            "Ada Keeper/Bea Pilot",
            evidence=[Evidence(field="Pairing", quote="Ada/Bea")],
        ),
        Tag("character", "Ada Keeper"),
        Tag("character", "Bea Pilot", source="inferred", confidence=0.9, tagger="names"),
        Tag(
            "character", "Low Confidence Person", source="inferred", confidence=0.2, tagger="names"
        ),
        Tag("freeform", "Lighthouses", source="user"),
        Tag("freeform", "Rejected Trope", source="user", attrs={"rejected": True}),
        Tag("freeform", "Learned Tag", source="learned", confidence=0.7),
    ]:
        work.add_tag(tag)
    return work


@pytest.fixture
def work() -> Work:
    return rich_work()


_JAVA_FLAGS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]  # start-up bound: C1 is faster
_BATCH_SOURCE = Path(__file__).with_name("EpubCheckBatch.java")


def _epubcheck_commands() -> tuple[list[str], list[str] | None] | None:
    """``(one-file command, many-files command or None)``, or None when not installed."""
    path = shutil.which("epubcheck") or (EPUBCHECK if os.path.exists(EPUBCHECK) else None)
    if path is None:
        return None
    real = os.path.realpath(path)
    with open(real, "rb") as fh:
        is_jar = fh.read(2) == b"PK"
    if not is_jar:
        return [real], None
    # Debian links the jar itself into /usr/bin; without binfmt it needs java -jar.
    java = shutil.which("java")
    if java is None:
        return None
    single = [java, *_JAVA_FLAGS, "-jar", real]
    # With a JDK, one JVM checks every file (Java's source launcher needs javac's module).
    batch = [java, *_JAVA_FLAGS, "-cp", real, str(_BATCH_SOURCE)] if shutil.which("javac") else None
    return single, batch


def _check(command: list[str], paths: list[Path]) -> str:
    proc = subprocess.run(
        [*command, *map(str, paths)], capture_output=True, text=True, timeout=600, check=False
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "ERROR(" not in output and "FATAL(" not in output, output
    return output


@pytest.fixture
def epubcheck() -> Callable[..., str]:
    """Run epubcheck on one or more files; returns its output, fails the test on any
    error or fatal error.

    Skips when epubcheck is missing, except under CI (env CI set), where it fails.
    """
    commands = _epubcheck_commands()
    if commands is None:
        if os.environ.get("CI"):
            pytest.fail("epubcheck is not installed (CI is set, so this cannot skip)")
        pytest.skip("epubcheck is not installed")
    single, batch = commands

    def run(*paths: Path) -> str:
        if batch is not None and len(paths) > 1:
            return _check(batch, list(paths))
        return "".join(_check(single, [p]) for p in paths)

    return run
