"""A work's name forms found in a stretch of text from Vectorscan's candidates.

:func:`fandex.tag.romance_people.character_positions` looks for the names no pack
resolves (a stated "Mrs. Hudson", the short forms the character tagger saw) with one
pattern that opens each form with its first character. Python's regex engine stops at
every character that opens some form, and tries the branches there: a form opening
with a lower-case letter ("others", a word of a stated name) stops it at most words, and
the readings of a work (romance, friendship, kinship, addresses) search their regions,
most of a novel, in turn. Here Vectorscan finds, in the coarse one-byte-per-character
copy of the stretch (:func:`fandex.tag.termscan.coarse`), every place where a form's
copy occurs, at C speed; the pattern is tried at those places only, in order and from
the end of the last match on, so the matches are exactly ``finditer``'s:

- wherever a form stands in the text, its copy stands in the text's copy at the same
  offset (the copy maps each character to one byte, the same way wherever it is);
- a match inside ``[pos, endpos)`` lies whole inside it, so the copy of that stretch
  alone holds its form's copy (the pattern's look-behind may read before ``pos``, but
  the pattern is still tried on the whole text);
- ``finditer`` takes, from left to right, the first offset where the pattern matches
  at or after the end of the last match: no offset that is no candidate can be one.

Without the ``hyperscan`` package, or where Vectorscan fails, the pattern's own
``finditer`` serves.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from typing import Any

from fandex.tag.termscan import coarse
from fandex.tag.textmemo import TextMemo
from fandex.tag.vectorscan import hyperscan_module, literal_starts

# Shorter stretches are left to the regex: a scan's fixed cost buys nothing there.
_MIN_STRETCH = 256
# The database of a set of forms is made once the regex has searched this many
# characters for them (see FormScan.finditer).
_COMPILE_AFTER = 50_000


class FormScan:
    """``pattern.finditer(text, pos, endpos)`` for the pattern of a set of name forms
    (one that matches only where one of them stands), from Vectorscan's candidates."""

    def __init__(
        self, forms: Iterable[str], pattern: re.Pattern[str], compile_after: int = _COMPILE_AFTER
    ) -> None:
        """``compile_after``: characters the regex searches alone before the database
        of the forms is made."""
        self.pattern = pattern
        self._compile_after = compile_after
        self._strings = tuple(sorted({coarse(f) for f in forms if f}))
        self._db: Any = None
        # Characters the regex has searched alone, until the database is made.
        self._searched = 0
        self._made = False  # whether the database was asked for (it may be None)
        # Vectorscan's working memory: one per thread (a scan may not share it).
        self._local = threading.local()

    def finditer(self, text: str, pos: int, endpos: int) -> Iterable[re.Match[str]]:
        """The matches ``pattern.finditer(text, pos, endpos)`` gives, in order."""
        endpos = min(endpos, len(text))
        if not self._made:
            # Compiling costs about what the regex spends on that many characters: a
            # work whose readings search little of its text never pays for it.
            self._searched += max(0, endpos - pos)
            if self._searched >= self._compile_after:
                self._made = True
                self._db = _database(self._strings)
        if self._db is None or endpos - pos < _MIN_STRETCH:
            return self.pattern.finditer(text, pos, endpos)
        found = literal_starts(self._db, self._local, _copy(text, pos, endpos))
        if found is None:
            return self.pattern.finditer(text, pos, endpos)
        out: list[re.Match[str]] = []
        match = self.pattern.match
        done = pos  # where the last match ended: finditer searches on from there
        for at in found:
            at += pos
            if at < done:
                continue
            m = match(text, at, endpos)
            if m is not None:
                out.append(m)
                done = m.end()
        return out


# Per text, its coarse copy: the readings of a work search the regions of a chapter in
# turn (a region's copy is then a slice of the chapter's, not made afresh). Bounded like
# the scans' memos (every chapter of a novel: a memo of fewer texts than a work has
# chapters misses on every reading); a longer text is copied a stretch at a time.
_COPIES_CHARS = 8_000_000
_copies: TextMemo[bytes] = TextMemo(512, _COPIES_CHARS)


def _copy(text: str, pos: int, endpos: int) -> bytes:
    """``coarse(text[pos:endpos])``, a slice of the whole text's copy kept for the last
    texts asked (of the stretch alone for a text longer than the memo's bound)."""
    if len(text) > _COPIES_CHARS:
        return coarse(text[pos:endpos])
    got = _copies.get(text)
    if got is None:
        got = _copies.put(text, coarse(text))
    return got[pos:endpos]


@functools.lru_cache(maxsize=16)
def _database(strings: tuple[bytes, ...]) -> Any:
    """The strings compiled for Vectorscan, each reported with its length (a match
    ending at ``end`` starts at ``end - length``), or None."""
    hs = hyperscan_module()
    if hs is None or not strings:
        return None
    try:
        db = hs.Database(mode=hs.HS_MODE_BLOCK)
        db.compile(
            # As regular expressions: a copy holds only ASCII word characters, spaces
            # and commas, which need no escape.
            expressions=list(strings),
            ids=[len(s) for s in strings],
            elements=len(strings),
            flags=0,
        )
    except Exception:  # a set Vectorscan turns down: the regex scans alone
        return None
    return db
