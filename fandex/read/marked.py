"""Readers for pages of one site or script, picked by marks in the page's first bytes.

FanFiction.net, journal and eFiction pages are all HTML; what tells them apart is a
site's name and a piece of its markup (``id="storytext"``, ``class="entry-content"``).
A reader names both, and how sure it is when they are there (above the generic HTML
reader's 0.9), and reads the parsed page.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from fandex.errors import ReadError
from fandex.read import sniff
from fandex.read.document import RawDocument
from fandex.read.htmltext import parse_html


class NotThisPage(ReadError):
    """The page named the site and held its mark, but is not the site's page (a
    downloader kept one ``div`` of it, a layout the reader does not know): the next
    reader that wants the file reads it instead of the import failing."""


class MarkedPageReader:
    """Base of a site's page reader: ``sites`` (any one in the first bytes), ``mark``
    (the site's markup) and ``score`` pick it; :meth:`read_root` reads the page."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]] = (".html", ".htm")
    score: ClassVar[float]
    sites: ClassVar[tuple[bytes, ...]]
    mark: ClassVar[re.Pattern[bytes]]
    missing: ClassVar[str] = "the page holds no story text"

    def sniff(self, head: bytes, filename: str) -> float:
        """``score`` for an HTML page naming the site with the site's markup, else 0."""
        if sniff.html_score(head) <= 0 or not any(s in head for s in self.sites):
            return 0.0
        return self.score if self.mark.search(head) else 0.0

    def read_root(self, root: Any) -> RawDocument | None:
        """The document of a parsed page, or None when it is not the site's page."""
        raise NotImplementedError

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Read the page; :class:`NotThisPage` with ``missing`` when it is not one."""
        doc = self.read_root(parse_html(data))
        if doc is None:
            raise NotThisPage(self.missing)
        return doc


__all__ = ["MarkedPageReader", "NotThisPage"]
