"""A chapter's text lower-cased, worked out once for all the scans that read it.

The cue analysis, the romance and kinship scans and the act wordings of the rating all
read a chapter lower-cased, behind one space (the lead scans of
:mod:`fandex.tag.leadscan`). Lower-casing a text that is not pure ASCII (curly quotes
are enough) costs about 7 ms a megabyte, a third of a scan: it is done once per text,
and the padded form is kept too, so the scans of one chapter read one string (and
:func:`fandex.tag.leadscan.plain_leads` looks at it once). The death readers need every
character at its place in the text (:func:`lowered_in_place`, :func:`padded_in_place`).
"""

from __future__ import annotations

from fandex.tag.leadscan import MEMO
from fandex.tag.textmemo import TextMemo

# The last texts read (every chapter of a novel: its chapters are read tagger after
# tagger), no more than this many characters in all.
_low: TextMemo[str] = TextMemo(*MEMO)
_padded: TextMemo[str] = TextMemo(*MEMO)


def lowered(text: str) -> str:
    """``text.lower()``, kept for the last few texts.

    >>> lowered("She Said “Yes”.")
    'she said “yes”.'
    """
    got = _low.get(text)
    if got is None:
        got = _low.put(text, text.lower())
    return got


def padded_lower(text: str) -> str:
    """``" " + text.lower()``, kept for the last few texts (the same string each time).

    >>> text = "She Kissed him."
    >>> padded_lower(text), padded_lower(text) is padded_lower(text)
    (' she kissed him.', True)
    """
    got = _padded.get(text)
    if got is None:
        got = _padded.put(text, " " + lowered(text))
    return got


def _per_char(text: str) -> str:
    # A letter whose lower case is longer ("İ" is "i̇"): its first character keeps places.
    return "".join(ch.lower()[:1] for ch in text)


def lowered_in_place(text: str) -> str:
    """``text`` lower-cased with every character where it was: :func:`lowered`, unless a
    letter's lower case is longer, then each letter's first character.

    >>> lowered_in_place("İz Ali"), len(lowered_in_place("İz Ali"))
    ('iz ali', 6)
    """
    low = lowered(text)
    return low if len(low) == len(text) else _per_char(text)


def padded_in_place(text: str) -> str:
    """:func:`lowered_in_place` behind one space (:func:`padded_lower` where it keeps
    places): a lead scan's input, every place one later than in ``text``."""
    low = padded_lower(text)
    return low if len(low) == len(text) + 1 else " " + _per_char(text)
