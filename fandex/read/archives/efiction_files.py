"""An eFiction archive's story files: where they are, which is which, how to read them.

When the archive kept chapter text in files (``store = files``), each chapter is
``<storiespath>/<author id>/<chapter id>.txt`` (or ``.htm``/``.html``). The folder is
found by name (``--files``, the ``storiespath`` setting, ``stories/``) and, when no
folder of those names is there (the setting was not in the dump, the folder was
renamed), by shape: a folder of numbered author folders holding numbered files.

A file is decoded as the archive wrote it: UTF-8 when it is; otherwise the character set
the dump's tables declare (MySQL's ``latin1`` is Windows-1252) unless the bytes are
plainly another script's (a ``latin1`` table holding Cyrillic bytes is a common
misconfiguration); with no declaration, fandex's own detection decides.
"""

from __future__ import annotations

import os
from itertools import islice
from pathlib import Path

from fandex.errors import ReadError
from fandex.read.archives.efiction_schema import family_of
from fandex.read.encoding import decode

__all__ = ["StoryFiles", "decode_story", "find_story_folder"]

TEXT_SUFFIXES = (".txt", ".htm", ".html")
_UNICODE = ("utf-8", "utf-8-sig", "utf-16", "utf-32")
# How much of a candidate folder is looked at to recognise its shape.
_SHAPE_DIRS = 50
_SHAPE_FILES = 50
_CANDIDATE_FOLDERS = 200


def _numbered_text_files(folder: Path) -> bool:
    try:
        with os.scandir(folder) as it:
            for entry in islice(it, _SHAPE_FILES):
                stem, ext = os.path.splitext(entry.name)
                if ext.lower() in TEXT_SUFFIXES and stem.isdigit() and entry.is_file():
                    return True
    except OSError:
        return False
    return False


def _has_story_shape(folder: Path) -> bool:
    """Whether ``folder`` holds numbered author folders of numbered text files."""
    try:
        with os.scandir(folder) as it:
            subs = [
                Path(e.path)
                for e in islice(it, _SHAPE_DIRS * 4)
                if e.name.isdigit() and e.is_dir(follow_symlinks=False)
            ]
    except OSError:
        return False
    return any(_numbered_text_files(sub) for sub in subs[:_SHAPE_DIRS])


def find_story_folder(dump: Path, hint: Path | None, storiespath: str) -> Path | None:
    """The story-file folder: ``--files`` (or a folder named ``storiespath`` or
    ``stories`` inside it), else one of those names beside the dump, else a folder
    beside the dump (or inside ``--files``) that has the story-file shape."""
    base = hint if hint is not None else dump.parent
    named = [base / storiespath, base / "stories"] + ([base] if hint is not None else [])
    existing = [c for c in named if c.is_dir()]
    for folder in existing:
        if _has_story_shape(folder):
            return folder
    try:
        with os.scandir(base) as it:
            others = sorted(
                Path(e.path)
                for e in islice(it, _CANDIDATE_FOLDERS)
                if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")
            )
    except OSError:
        others = []
    shaped = next((f for f in others if _has_story_shape(f)), None)
    return shaped or (existing[0] if existing else None)


def decode_story(data: bytes, codec: str | None) -> str:
    """A story file's text (see the module doc for the order)."""
    text, found = decode(data)
    if codec is None or found in _UNICODE or codec == "utf-8":
        return text
    if family_of(found) != family_of(codec):
        return text
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return text


class StoryFiles:
    """The chapter files of one archive, by ``author/chapter`` and by chapter alone."""

    def __init__(self, folder: Path | None, codec: str | None, max_bytes: int) -> None:
        self.folder = folder
        self.codec = codec
        self.max_bytes = max_bytes
        self.index: dict[str, Path] = {}
        if folder is None:
            return
        for dirpath, dirnames, filenames in os.walk(folder):  # symlinks not followed
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            uid = Path(dirpath).name
            for fn in filenames:
                stem, ext = os.path.splitext(fn)
                if ext.lower() in TEXT_SUFFIXES and stem.isdigit():
                    path = Path(dirpath) / fn
                    self.index.setdefault(stem, path)
                    self.index[f"{uid}/{stem}"] = path

    def text(self, uid: str, chapid: str, sid: str) -> str:
        """The text of chapter ``chapid`` by author ``uid`` of story ``sid``."""
        path = self.index.get(f"{uid}/{chapid}") or self.index.get(chapid)
        if path is None:
            where = (
                "no story-file folder found (give it with --files)"
                if self.folder is None
                else f"missing story file {self.folder.name}/{uid}/{chapid}.txt"
            )
            raise ReadError(f"story {sid}: chapter {chapid} has no text in the dump; {where}")
        try:
            if path.stat().st_size > self.max_bytes:
                raise ReadError(f"story {sid}: story file {path.name} is over the size limit")
            data = path.read_bytes()
        except OSError as exc:
            raise ReadError(
                f"story {sid}: cannot read story file {path} ({exc.strerror})"
            ) from None
        return decode_story(data, self.codec)
