"""The cue lexicon's scan, tried only where Vectorscan finds the opening of a term.

The lexicon's scanner (:mod:`fandex.tag.cues_lexicon`) is one regex trie of some 5,000
terms and context words, which Python's engine tries at every space of a text; its
61,000 characters are too many for one Vectorscan pattern (:mod:`fandex.tag.vectorscan`).
Here each term's opening becomes a plain string, and Vectorscan (the optional
``hyperscan`` package) finds every place one of the strings occurs, thousands of
strings at once at C speed; the regex is then tried only at those places, in text order
and from the end of the last match on, so the matches are exactly ``finditer``'s.

The strings are read in a coarse copy of the text, one byte per character: a word
character of ASCII (``[a-zA-Z0-9_]``) stays; whitespace, an apostrophe, a hyphen and
every character past ASCII (a no-break space, a curly apostrophe, a dash, a letter)
become a space; any other character (ASCII punctuation) a comma. For each term (and
context word), with its first :data:`_WORDS` words, in that copy's bytes:

- a space or a comma (the character before the term), the words joined by one space,
  and a space or a comma after a whole literal term (it ends at a word boundary; a
  space is added after the text, for a term at its very end): two or four strings;
- for each gap between those words, the words before the gap and two spaces: the regex
  lets any run of whitespace part the words of a phrase, and a run of two or more
  characters is not the single space of the first string. (A comma or a full stop
  after a word is no whitespace: the many places a common word is followed by one and
  a space, where a phrase opening with it cannot go on, are no candidates.)

Wherever the regex matches, one of the strings occurs from the character before the term
on, as the copy turns every character the regex takes into the byte the string has
there (an apostrophe, curly or straight, a hyphen and a whitespace character become
spaces; the character before a term and after a whole one, a space or a comma). Each
string's length says where it starts, so Vectorscan needs no start of match (which
multiplies its compile time by thirty for these strings). There are more candidates
than matches (a literal term's opening before its word goes on), but about as many: the
regex is tried some 45,000 times in 4 MB of fan fiction, where ``finditer`` tries the
trie at every space.

Without the package, or where Vectorscan fails, :meth:`TermScan.finditer` is the
regex's own.
"""

from __future__ import annotations

import hashlib
import platform
import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from fandex.regex_cache import cached_value
from fandex.tag.textmemo import TextMemo
from fandex.tag.vectorscan import hyperscan_module, literal_starts

# Words of a phrase written into its string: enough to keep the candidates of phrases
# opening with a common word ("in the", "told her") near their matches.
_WORDS = 3
# ASCII word characters stay; ASCII whitespace (what ``str.isspace`` takes, as the
# regex's ``\s`` does), an apostrophe, a hyphen and the "?" that stands for a character
# past ASCII (which may be whitespace, or a curly apostrophe) become a space; any other
# byte a comma (no metacharacter of Vectorscan's patterns, which the strings are).
_KEPT = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_SPACED = frozenset(b for b in range(128) if chr(b).isspace()) | frozenset(b"?'-")
_COARSE = bytes(b if b in _KEPT else 0x20 if b in _SPACED else 0x2C for b in range(256))
# What the character before a term, and the one after a whole term, may be in the copy.
_EDGES = (b" ", b",")
# Shorter texts are left to the regex: the pre-scan's fixed cost (and, for the first text
# of a process, loading the database) buys nothing there.
MIN_TEXT = 2_000


def coarse(text: str) -> bytes:
    """The copy of ``text`` the strings are looked for in: one byte per character, ASCII
    word characters kept; whitespace, an apostrophe, a hyphen and any character past
    ASCII a space; any other character a comma.

    >>> coarse("He’d—café, ok. Hi-ya!")
    b'He d caf , ok, Hi ya,'
    """
    # "replace" writes one "?" per character past ASCII (a lone surrogate too), so byte
    # offsets are character offsets.
    return text.encode("ascii", "replace").translate(_COARSE)


# Per text, the copy Vectorscan reads (with the space after it): the same for every scan
# of a chapter (the cue lexicon's, the romance cues', the act wordings'), which each
# made it again. Bounded like the lead scans' memos (fandex.tag.leadscan.MEMO).
_COPIES_CHARS = 8_000_000
_copies: TextMemo[bytes] = TextMemo(512, _COPIES_CHARS)


def scanned_copy(text: str) -> bytes | bytearray:
    """``coarse(text) + b" "``, kept for the last texts asked; a text longer than the
    memo's bound is copied afresh for each scan rather than kept (kept, it and its copy
    would stay alive past its work: a 50 MB line held twice more)."""
    if len(text) > _COPIES_CHARS:
        return _coarse_spaced(text)
    got = _copies.get(text)
    if got is None:
        got = _copies.put(text, coarse(text) + b" ")
    return got


# A long text's copy is made this many characters at a time (see _coarse_spaced).
_PIECE = 1 << 20


def _coarse_spaced(text: str) -> bytearray:
    """``coarse(text) + b" "``, written a piece at a time into one buffer: made whole,
    the encoded text, its coarse copy and that copy with the space are each a copy of
    the text, two of them alive at once (90 MB for a 45 MB line, at each scan of it).

    >>> bytes(_coarse_spaced("He’d—café.")) == coarse("He’d—café.") + b" "
    True
    """
    out = bytearray(len(text) + 1)
    for at in range(0, len(text), _PIECE):
        piece = coarse(text[at : at + _PIECE])
        # One byte per character (see coarse): the piece fills its place exactly.
        out[at : at + len(piece)] = piece
    out[-1] = 0x20
    return out


def strings(terms: Iterable[tuple[str, bool]]) -> dict[bytes, int]:
    """The strings for ``(term, is_prefix)`` pairs (see the module's docstring), each with
    its length: a match ending at ``end`` starts at ``end - length``."""
    out: dict[bytes, int] = {}
    for term, is_prefix in terms:
        words = term.split(" ")
        head = words[:_WORDS]
        whole = len(words) <= _WORDS and not is_prefix
        body = coarse(" ".join(head))
        gaps = [coarse(" ".join(words[:j])) + b"  " for j in range(1, len(head))]
        for lead in _EDGES:
            for end in _EDGES if whole else (b"",):
                text = lead + body + end
                out[text] = len(text)
            for gap in gaps:
                out[lead + gap] = len(gap) + 1
    return out


def pruned(found: dict[bytes, int]) -> dict[bytes, int]:
    """``found`` without the strings that open with another of them (" had sex " and
    " had  " when " had " is there): wherever one of those occurs, the shorter occurs
    at the same start, so the starts found are the same, with fewer reports to handle
    (and a smaller database)."""
    out: dict[bytes, int] = {}
    kept: bytes | None = None
    # In sorted order the strings opening with a string follow it at once.
    for s in sorted(found):
        if kept is not None and s.startswith(kept):
            continue
        out[s] = found[s]
        kept = s
    return out


class TermScan:
    """``pattern.finditer`` over a whole text for a scan of ``terms``, from Vectorscan's
    candidate starts."""

    def __init__(self, terms: Iterable[tuple[str, bool]]) -> None:
        """``terms``: every ``(term, is_prefix)`` of the trie the scans' pattern is made of,
        in the lexicon's syntax (a space stands for any run of whitespace)."""
        self._strings = pruned(strings(terms))
        self._db: Any = None
        self._tried = False
        self._lock = threading.Lock()
        # Vectorscan's working memory: one per thread (a scan may not share it).
        self._local = threading.local()

    @property
    def available(self) -> bool:
        """Whether Vectorscan finds the candidates (the database is made on first ask)."""
        if not self._tried:
            with self._lock:
                if not self._tried:
                    self._db = _database(self._strings)
                    self._tried = True
        return self._db is not None

    def starts(self, text: str) -> list[int] | None:
        """Every offset of ``text`` where a string occurs, in order (a superset of where the
        scan's matches start); None when Vectorscan cannot say."""
        if not self.available:
            return None
        # Two strings found at one start would be one the opening of the other, and
        # :func:`pruned` kept only the shorter: each start is reported once (a repeat
        # would only be tried twice by finditer, to the same end).
        return literal_starts(self._db, self._local, scanned_copy(text))

    def finditer(self, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """The matches ``pattern.finditer(text)`` gives, for a pattern that matches only
        where a term of this scan follows one character (a lead scan's), one at a time."""
        starts = self.starts(text)
        if starts is None:
            return pattern.finditer(text)
        return matches_at(pattern, text, starts)


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives, where every match starts at one of
    ``starts`` (sorted): the pattern is tried there only, and not inside a match.

    Made one at a time, as ``finditer`` makes them: the cue scan of a 45 MB line finds
    over a million, and as a list they took some 120 MB beside the text (the worker's
    peak while tagging), where their reader keeps only the few that are cues."""
    match = pattern.match
    done = 0  # where the last match ended: finditer searches on from there
    for at in starts:
        if at < done:
            continue
        m = match(text, at)
        if m is not None:
            yield m
            done = m.end()


def _database(found: dict[bytes, int]) -> Any:
    """The compiled strings (kept on disk: compiling takes seconds), or None."""
    hs = hyperscan_module()
    if hs is None or not found:
        return None
    ordered = sorted(found)
    key = hashlib.sha256()
    key.update(f"{getattr(hs, '__version__', '')}\0{platform.machine()}\0".encode())
    for s in ordered:
        key.update(s + b"\0")

    def make() -> Any:
        db = hs.Database(mode=hs.HS_MODE_BLOCK)
        db.compile(
            # As regular expressions: the strings hold only word characters and spaces,
            # which need no escape (and literal mode compiles these slower).
            expressions=ordered,
            ids=[found[s] for s in ordered],
            elements=len(ordered),
            flags=0,
        )
        return db

    try:
        return cached_value(
            "vectorscan", key.digest(), make, hs.dumpb, lambda buf: hs.loadb(buf, hs.HS_MODE_BLOCK)
        )
    except Exception:  # a platform Vectorscan fails on: the regex scans alone
        return None
