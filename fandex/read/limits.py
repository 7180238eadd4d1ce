"""Limits checked before a parser sees a file, where the parser's cost grows faster than
the file or its memory is many times the file's size.

- **Attributes per tag.** libxml2's HTML parser checks each new attribute against every
  earlier one of the same tag: one tag with 40,000 attributes takes a minute, one with
  500,000 hours. No real page has more than a few dozen.
- **Elements per page.** A parsed HTML tree costs about 400 bytes per element, and the
  blocks read from it some 200 more, however short the element's text, and reading
  them takes some 40 microseconds each: a 22 MB page of two million one-word paragraphs
  needs over a gigabyte and minutes. Past :data:`MAX_ELEMENTS` a page is refused before
  it is parsed; a single page of the longest works (a few million words, most of their
  elements paragraphs of dozens of words) stays under it.

Both checks are linear scans of the text and cost nothing on an ordinary page (only
tags longer than :data:`_LONG_TAG` characters are looked into). Readers call
:func:`check_markup` through :func:`fandex.read.htmltext.parse_html`, the one place
HTML is parsed.
"""

from __future__ import annotations

import re

from fandex.errors import ReadError

__all__ = ["MAX_ATTRIBUTES", "MAX_ELEMENTS", "check_markup"]

MAX_ATTRIBUTES = 1000
MAX_ELEMENTS = 250_000

# Tags shorter than this cannot hold MAX_ATTRIBUTES attributes (each needs at least a
# name and a separator), so only longer ones are counted. ``[^<>]`` keeps the scan
# linear: it stops at the next ``<`` instead of rescanning from every one.
_LONG_TAG = 2 * MAX_ATTRIBUTES
_TAG_START = re.compile(rf"<[A-Za-z][^<>]{{{_LONG_TAG},}}")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_NAME = re.compile(r"[^\s=/]+")
_ELEMENT = re.compile(r"<[A-Za-z]")
_CHUNK = 1 << 20


def check_markup(text: str, what: str = "page") -> None:
    """Raise :class:`ReadError` when HTML ``text`` is past a parsing limit.

    >>> check_markup("<p class='a' id=b>Hi</p>")
    >>> try:
    ...     check_markup("<p " + "a=1 " * 1500 + ">Hi</p>")
    ... except ReadError as exc:
    ...     print(str(exc).split(" (")[0])
    the page has a tag with more than 1,000 attributes
    """
    for match in _TAG_START.finditer(text):
        names = _NAME.findall(_QUOTED.sub(" ", match.group()[1:]))
        # The first name is the tag's; a value without quotes counts as a name too,
        # so this over-counts at most by half: a real tag never comes near the limit.
        if len(names) - 1 > MAX_ATTRIBUTES:
            raise ReadError(
                f"the {what} has a tag with more than {MAX_ATTRIBUTES:,} attributes "
                "(broken or hostile markup); refused"
            )
    if text.count("<") > MAX_ELEMENTS:  # a cheap bound first: most pages stop here
        elements = _count(_ELEMENT, text)
        if elements > MAX_ELEMENTS:
            raise ReadError(
                f"the {what} has {elements:,} elements, more than the {MAX_ELEMENTS:,} "
                "fandex reads in one file; refused (split it into smaller files)"
            )


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Matches of two-character ``pattern`` in ``text``, counted a chunk at a time so no
    list of every match is built. Each chunk reads one character past its end: a match
    straddling two chunks is counted in the first, and cannot start in the second."""
    return sum(
        len(pattern.findall(text, start, start + _CHUNK + 1))
        for start in range(0, len(text), _CHUNK)
    )
