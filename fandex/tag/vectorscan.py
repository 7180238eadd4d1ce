"""A lead scan's matches found from the candidates Vectorscan reports, not by trying the
regex at every word.

Python's regex engine tries a scan's whole trie of terms at every space of a text
(about 40 MB/s for the romance cues and the act wordings); Vectorscan (the
``hyperscan`` package: BSD Vectorscan, MIT bindings) runs a loosened copy of the pattern
over the UTF-8 text (about 150 MB/s) and reports the spans where it matches. The regex
is then tried only inside them, in text order and skipping what a match took, so the
matches are exactly those of ``pattern.finditer``:

- the copy drops every end assertion (``\\b``, ``(?!\\w)``) and every open-ended tail
  (``\\w*``), and lets any run of non-word characters stand for ``\\s+``: wherever the
  regex matches, the copy matches from the same start (the regex turns the extra
  candidates down);
- Vectorscan reports each end of a match of the copy with the leftmost start of a match
  ending there, so every start of the regex lies inside a reported span;
- ``finditer`` yields, from left to right, the first position where a match starts at or
  after the end of the last one: trying the regex at the positions of the spans in
  order, from the end of the last match on, finds the same.

Without the package (a platform it has no wheel for), or for a pattern the copy cannot
be made of (look-arounds, a case-blind scan, the cue lexicon's trie, too large for
Vectorscan), :meth:`Prefiltered.finditer` is the regex's own. (The cue lexicon's scan
has a pre-scan of its own, of its terms' openings: :mod:`fandex.tag.termscan`.)
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

try:  # an optional speed-up: everything works without it
    import hyperscan as _hs
except ImportError:  # pragma: no cover - a platform the package has no wheel for
    _hs = None  # type: ignore[assignment]

# Whether the package is there (the tests ask).
HAVE_VECTORSCAN = _hs is not None


def hyperscan_module() -> Any:
    """The ``hyperscan`` module, or None where it is not installed (for the other
    pre-scans built on it, :mod:`fandex.tag.termscan`)."""
    return _hs


# The regex constructs the copy leaves out or widens; any other escape of a letter, or
# any group but a plain or non-capturing one, and there is no copy (see loosen()).
_DROPPED = (r"(?!\w)", r"\b", r"\w*")
_ANY_RUN = r"[^a-zA-Z0-9_]+"
_UNSAFE = re.compile(r"\\[a-zA-Z]|\(\?(?!:)|(?<!\\)[\^$]")
# The lead every scan this serves opens with: a match is never empty, so the search after
# a match goes on from its end (no empty-match step to mimic).
LEAD = "[^a-zA-Z0-9_]"
# Longer patterns are not tried: Vectorscan turns down the cue lexicon's trie (61,000
# characters), whole or by first letter (and a reversed copy of it, which needs no start
# of match, scans slower than the regex); fandex.tag.termscan serves it instead.
_MAX_SOURCE = 20_000


def literal_starts(db: Any, local: threading.local, data: bytes | bytearray) -> list[int] | None:
    """Where the literals of ``db`` (compiled with each literal's length as its id) start
    in ``data``, sorted; None when Vectorscan fails on it (the caller's regex then
    searches alone). The scratch space is kept per thread on ``local``."""
    scratch = getattr(local, "scratch", None)
    if scratch is None:
        scratch = local.scratch = hyperscan_module().Scratch(db)
    found: list[int] = []
    add = found.append

    def on_match(length: int, _start: int, end: int, _flags: int, _ctx: Any) -> None:
        add(end - length)

    try:
        db.scan(data, match_event_handler=on_match, scratch=scratch)
    except Exception:  # whatever Vectorscan fails at, the regex does not
        return None
    found.sort()  # (reported by their ends: nearly in order already)
    return found


def loosen(source: str) -> str | None:
    """A pattern matching wherever ``source`` matches (a superset of its starts), in the
    syntax Vectorscan reads; None when ``source`` holds a construct not foreseen.

    >>> loosen(r"[^a-zA-Z0-9_](kiss(?:ed|\\w*)|hold\\s+hands)\\b")
    '[^a-zA-Z0-9_](kiss(?:ed|)|hold[^a-zA-Z0-9_]+hands)'
    """
    out = source
    for token in _DROPPED:
        out = out.replace(token, "")
    out = out.replace(r"\s+", _ANY_RUN)
    # "\\b" (an escaped backslash, then "b") would have been cut wrongly above.
    if "\\\\" in source or _UNSAFE.search(out.replace(_ANY_RUN, "").replace(LEAD, "")):
        return None
    return out


class Prefiltered:
    """``pattern.finditer`` over a whole text, from Vectorscan's candidate starts."""

    def __init__(self, pattern: re.Pattern[str], like: re.Pattern[str] | None = None) -> None:
        """``like``: a pattern matching from every start ``pattern`` matches from, whose
        copy Vectorscan runs instead (a lead scan's fast pattern, for the pattern with
        its look-behind)."""
        self.pattern = pattern
        self._db: Any = None
        # Vectorscan's working memory: one per thread (a scan may not share it).
        self._local = threading.local()
        source = like or pattern
        loose = loosen(source.pattern) if not source.flags & re.IGNORECASE else None
        if _hs is None or loose is None or not loose.startswith(LEAD) or len(loose) > _MAX_SOURCE:
            return
        try:
            db = _hs.Database(mode=_hs.HS_MODE_BLOCK)
            db.compile(
                expressions=[loose.encode("utf-8")],
                ids=[0],
                elements=1,
                flags=[_hs.HS_FLAG_UTF8 | _hs.HS_FLAG_SOM_LEFTMOST],
            )
        except Exception:  # a pattern Vectorscan turns down: the regex scans alone
            return
        self._db = db

    @property
    def available(self) -> bool:
        """Whether the candidates come from Vectorscan (else :meth:`finditer` is the regex's)."""
        return self._db is not None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches ``pattern.finditer(text)`` gives, in order."""
        if self._db is None:
            return self.pattern.finditer(text)
        return iter(self._matches(text))

    def _matches(self, text: str) -> list[re.Match[str]]:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no valid UTF-8 to scan
            return list(self.pattern.finditer(text))
        spans: set[tuple[int, int]] = set()
        add = spans.add

        def found(_id: int, start: int, end: int, _flags: int, _ctx: Any) -> None:
            add((start, end))

        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = _hs.Scratch(self._db)
        try:
            self._db.scan(data, match_event_handler=found, scratch=scratch)
        except Exception:  # whatever Vectorscan fails at, the regex does not
            return list(self.pattern.finditer(text))
        ordered = sorted(spans)
        if len(data) != len(text):  # byte offsets to character offsets
            chars = _char_offsets(data, {o for span in ordered for o in span})
            ordered = [(chars[a], chars[b]) for a, b in ordered]
        # Vectorscan reports, for each end, only the leftmost start of a match ending
        # there ("ab cd" hides "cd"): every start of the regex lies in some reported
        # span, so each span is tried position by position from the end of the last
        # match on (most spans are one word, matched at their first position).
        out: list[re.Match[str]] = []
        match = self.pattern.match
        done = 0  # where the last match ended (nothing starts before it), or past where
        # the regex was last tried (spans overlap: a position is tried once)
        for start, end in ordered:
            at = max(start, done)
            while at < end:
                m = match(text, at)
                if m is None:
                    at += 1
                else:
                    out.append(m)
                    at = m.end()
            done = max(done, at)
        return out


def _char_offsets(data: bytes, offsets: set[int]) -> dict[int, int]:
    """The character offset of each byte offset of ``offsets`` into UTF-8 ``data``."""
    out: dict[int, int] = {}
    byte = char = 0
    for at in sorted(offsets):
        char += len(data[byte:at].decode("utf-8"))
        byte = at
        out[at] = char
    return out
