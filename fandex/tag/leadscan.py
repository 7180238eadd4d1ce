"""Word scans that open with the character before the word, without a look-behind.

The big scans (the cue lexicon's, the romance cues', the friendship cues') match the
character before a word, ``[^a-z0-9_]``, and then assert with ``(?<=\\W)`` that it is no
word character (a letter past ASCII, "é" of "émoi", is one). Opening with a plain
character class lets the regex engine skip between candidates in C; the look-behind,
though, is tried at every candidate (every space of the text): about a fifth of such a
scan's time.

:class:`LeadScan` runs the pattern without that look-behind (and with capitals kept out
of the class) and finds the same matches: on an ASCII text (or one whose only
characters past ASCII are no word characters: curly quotes, dashes) every character the
class takes is then no word character, so the look-behind could never fail; on any other
text a match whose lead is a word character is dropped and the search goes on from the
character after that lead, where the pattern with the look-behind would have gone on
after failing there.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import cast

from fandex.regex_cache import compile_cached
from fandex.tag.termscan import MIN_TEXT, TermScan
from fandex.tag.textmemo import TextMemo
from fandex.tag.vectorscan import Prefiltered

# The opening a scan pattern must have for the look-behind to be dropped.
CHECKED_LEAD = r"[^a-z0-9_](?<=\W)"
# Capitals too stay out: the class takes them in a text not lower-cased (under re.I it
# never does), and the look-behind turned them down.
_FAST_LEAD = r"[^a-zA-Z0-9_]"


class LeadScan:
    """``pattern.finditer`` for a pattern opening with :data:`CHECKED_LEAD` (any other
    pattern is run as it is), faster and with the same matches."""

    def __init__(self, pattern: re.Pattern[str], terms: TermScan | None = None) -> None:
        """``terms``: the pre-scan of the terms ``pattern``'s trie is made of, for a pattern
        too large for :class:`~fandex.tag.vectorscan.Prefiltered` (the cue lexicon's)."""
        self.checked = pattern
        self.terms = terms
        source = pattern.pattern
        self.fast: re.Pattern[str] | None = None
        if source.startswith(CHECKED_LEAD):
            fast = _FAST_LEAD + source[len(CHECKED_LEAD) :]
            self.fast = compile_cached(fast, pattern.flags)
        # Per text: whether no word character past ASCII opens a match of ``fast``.
        self._no_wide_lead: TextMemo[bool] = TextMemo(*MEMO)
        # ``fast`` (and ``checked``) over a whole text from Vectorscan's candidates
        # (made on first use).
        self._prefiltered: Prefiltered | None = None
        self._prefiltered_checked: Prefiltered | None = None

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """The matches ``pattern.finditer(text, pos, endpos)`` gives, in order."""
        if self.fast is None:
            return self.checked.finditer(text, pos, endpos)
        whole = pos == 0 and endpos >= len(text)
        # The terms' pre-scan, for a whole text long enough to pay for it.
        terms = self.terms if whole and len(text) >= MIN_TEXT else None
        if plain_leads(text) or (endpos >= len(text) and self._leads_fit(text)):
            if terms is not None and terms.available:
                return terms.finditer(self.fast, text)
            if whole:
                if self._prefiltered is None:
                    self._prefiltered = Prefiltered(self.fast)
                return self._prefiltered.finditer(text)
            return self.fast.finditer(text, pos, endpos)
        if terms is not None and terms.available:
            # The pattern with its look-behind, tried where the fast one may match (its
            # candidates are those of the fast one).
            return terms.finditer(self.checked, text)
        if whole:
            # The pattern with its look-behind, tried where the fast one may match.
            if self._prefiltered_checked is None:
                self._prefiltered_checked = Prefiltered(self.checked, like=self.fast)
            if self._prefiltered_checked.available:
                return self._prefiltered_checked.finditer(text)
        return _checked(self.fast, text, pos, endpos)

    def _leads_fit(self, text: str) -> bool:
        """Whether ``fast`` matches at none of the word characters past ASCII of ``text``
        (the "é" of "café" ends a word: nothing can follow it as a lead). Then the leftmost
        match of ``fast`` from any position has a lead that is no word character, and is
        the pattern's own: the scans of the whole text agree. (A scan cut short at an
        ``endpos`` is not asked: a term may match at a cut that the full text continues.)"""
        fits = self._no_wide_lead.get(text)
        if fits is None:
            match = cast(re.Pattern[str], self.fast).match
            fits = True
            for i, at in enumerate(wide_words(text)):
                # A text in a language written past ASCII has thousands: each match of
                # the checked scan costs less than asking them all.
                if i >= _WIDE_MAX or match(text, at):
                    fits = False
                    break
            self._no_wide_lead.put(text, fits)
        return fits

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """The match ``pattern.search(text, pos, endpos)`` gives."""
        if self.fast is not None and plain_leads(text):
            return self.fast.search(text, pos, endpos)
        return self.checked.search(text, pos, endpos)


# A word character past ASCII ("é", "ß", "ж").
_WIDE_WORD = re.compile(r"[^\W\x00-\x7f]")
# A character past ASCII but for the punctuation and spaces fan fiction is full of: a
# plain set, which the engine tests three times faster than the category of _WIDE_WORD.
_UNUSUAL = re.compile("[^\x00-\x7f‘’“”„‚—–―…•·«»\u00a0\u2002\u2003\u2009\u200a\u200b]")
# The texts the memos here keep, at most: every chapter of a novel, which the scans of
# one tagger read one after the other before the next tagger's scans read them again.
MEMO = (512, 8_000_000)
# How many of them LeadScan._leads_fit tries before it leaves a text to the checked scan.
_WIDE_MAX = 64
# Whether each text asked about lately has one (the scans of one chapter ask
# in turn, and the romance reading once per cue).
_wide: TextMemo[bool] = TextMemo(*MEMO)


# Per text, where its first word characters past ASCII are (see wide_words): the same
# for every lead scan of the text (the cue lexicon's, the romance cues', the act
# wordings'), which each asked the regex of _WIDE_WORD over the whole text.
_wide_words: TextMemo[list[int]] = TextMemo(*MEMO)


def wide_words(text: str) -> list[int]:
    """The offsets of the first ``_WIDE_MAX + 1`` word characters past ASCII of ``text``
    (those :data:`_WIDE_WORD` matches), in order; kept for the last texts asked.

    A word character past ASCII is one ``str.isalnum`` takes (what ``\\w`` takes beyond
    ``[a-zA-Z0-9_]``), and :data:`_UNUSUAL`, a plain set the engine tests faster than a
    category, leaves out only characters that are none.

    >>> wide_words("Café “olé”, naïve")
    [3, 8, 14]
    """
    got = _wide_words.get(text)
    if got is None:
        got = []
        for m in _UNUSUAL.finditer(text):
            if m.group().isalnum():
                got.append(m.start())
                if len(got) > _WIDE_MAX:
                    break
        _wide_words.put(text, got)
    return got


def plain_leads(text: str) -> bool:
    """Whether every character of ``text`` that the fast scan's lead class takes is no
    word character: true when no character past ASCII is a letter or digit. Fan fiction
    past ASCII is mostly curly quotes, dashes and ellipses, which the look-behind lets
    through anyway; then the fast pattern's matches are the checked one's, as they are
    on an ASCII text, without a Python-level check of each match."""
    if text.isascii():  # (in constant time: a string knows whether it is ASCII)
        return True
    wide = _wide.get(text)
    if wide is None:
        unusual = _UNUSUAL.search(text)
        wide = unusual is not None and _WIDE_WORD.search(text, unusual.start()) is not None
        _wide.put(text, wide)
    return not wide


def _checked(fast: re.Pattern[str], text: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
    """``fast``'s matches whose lead is no word character, searching on past the others."""
    while True:
        for m in fast.finditer(text, pos, endpos):
            lead = text[m.start()]
            if lead < "\x80" or not (lead.isalnum() or lead == "_"):
                yield m
                continue
            pos = m.start() + 1  # where the look-behind's pattern would search on
            break
        else:
            return
