"""The read stage: choose a reader by sniffing content, then read."""

from __future__ import annotations

from fandex.errors import ReadError, UnsupportedFormat
from fandex.plugins import Reader, readers
from fandex.read.document import Block, RawChapter, RawDocument, Span

__all__ = ["Block", "RawChapter", "RawDocument", "Span", "choose_reader", "read_bytes"]


def choose_reader(data: bytes, filename: str) -> Reader:
    """The registered reader most sure the bytes are its format."""
    head = data[:65536]
    scored = sorted(
        ((r.sniff(head, filename), name, r) for name, r in readers().items()),
        key=lambda t: (-t[0], t[1]),
    )
    if not scored or scored[0][0] <= 0.0:
        raise UnsupportedFormat("not a format fandex can read")
    return scored[0][2]


def read_bytes(data: bytes, filename: str) -> RawDocument:
    """Read one file's bytes into a document; :class:`ReadError` with a reason if not."""
    if not data.strip():
        raise ReadError("the file is empty")
    return choose_reader(data, filename).read(data, filename)
