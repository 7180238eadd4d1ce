"""Finding a word or phrase as whole words with ``str.find``, not a regex.

A pattern like ``(?<![\\w'])form(?![\\w'])`` is tried at every position of the text, and
on a novel, once per name or cue, that cost more than the tagger around it; ``str.find``
jumps to the candidates and only they are checked at their edges.
"""

from __future__ import annotations


def _joins(c: str, joiners: str) -> bool:
    return c.isalnum() or c == "_" or c in joiners


def first_whole(text: str, form: str, joiners: str = "", start: int = 0) -> int:
    """Where ``form`` first stands in ``text`` (from ``start``) with no letter, digit,
    underscore or character of ``joiners`` touching it on either side; -1 if nowhere.
    Case-sensitive: lower both sides first for a case-blind search."""
    if not form:
        return -1
    at = text.find(form, start)
    while at != -1:
        end = at + len(form)
        before_ok = at == 0 or not _joins(text[at - 1], joiners)
        if before_ok and (end == len(text) or not _joins(text[end], joiners)):
            return at
        at = text.find(form, at + 1)
    return -1


# Each byte of UTF-8 as :func:`split_count` reads it: ASCII whitespace (as ``str.split``
# sees it, which counts the separators 0x1c-0x1f too) is a space, anything else "a" (a
# character beyond ASCII is bytes from 0x80 up: one run of "a"s).
_SPLIT_BYTES = bytes(32 if chr(c).isspace() else 97 for c in range(128)) + b"a" * 128
# Whitespace beyond ASCII (a no-break space, an em space): such a text is split. Every
# character str.split splits at beyond ASCII (a test checks the list against all of
# Unicode): each is looked for with ``in``, which skips in C far faster than a regex set
# tried at every character of the text.
WIDE_SPACES = (
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


# Characters of a text read at once by split_count.
_PIECE = 1 << 20


def split_count(text: str) -> int:
    """``len(text.split())`` without building the list: a long chapter's split made
    tens of thousands of strings only to count them. Counted in C as the places where a
    word follows a space, unless the text holds whitespace beyond ASCII; a megabyte at
    a time, so a long text is never copied whole (the copy and its translation were two
    more copies of a 45 MB line at once)."""
    if not text.isascii() and any(ch in text for ch in WIDE_SPACES):
        return len(text.split())
    count = 0
    before = b" "  # the last byte of the piece before: a word may open the text
    for at in range(0, len(text), _PIECE):
        data = text[at : at + _PIECE].encode("utf-8", "surrogatepass").translate(_SPLIT_BYTES)
        count += data.count(b" a") + (before == b" " and data[:1] == b"a")
        before = data[-1:]
    return count
