"""A chapter's text lower-cased, worked out once for all the scans that read it.

The cue analysis, the romance and kinship scans and the act wordings of the rating all
read a chapter lower-cased, behind one space (the lead scans of
:mod:`fandex.tag.leadscan`). Lower-casing a text that is not pure ASCII (curly quotes
are enough) costs about 7 ms a megabyte, a third of a scan: it is done once per text,
and the padded form is kept too, so the scans of one chapter read one string (and
:func:`fandex.tag.leadscan.plain_leads` looks at it once).
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
