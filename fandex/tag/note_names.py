"""The names a note or a postcard gives without "Dear" or a sign-off of its own line: the
one it is written to, opening its paragraph ("Ezekiel, a grey hat is very sensible.",
"Gunnhild — Arrived. You were right."), and the one who signs it after a dash at its
end ("... so you can find me. — Gunnhild").

An epistolary story of notes or postcards names its two writers only there: the narration
is theirs, in "I", and speaks to the other as "you". :mod:`fandex.tag.propernames` counts
such a name as speaking, as it counts a letter's "Dear Tobias," and its signature
(:mod:`fandex.tag.name_lines`).
"""

from __future__ import annotations

import re

from fandex.tag.lowercase import COMMON
from fandex.tag.mentions import in_dialogue

# After the name that opens a note: a comma, a dash or a full stop, and more said on the
# line ("Ezekiel, a grey hat...", "Gunnhild — Arrived.", "Gunnhild. I have worked it out.").
_GREETING_AFTER = re.compile(r"[ \t]*(?:,|—|–|--|\.)[ \t]*\S")
# What may stand before it on its line: markup only.
_LINE_OPEN = re.compile(r"[ \t*_>]*")
# The note speaks to someone: "you" in what the writer says.
_YOU = re.compile(r"\b[Yy]ou(?:r|rs|rself)?\b")
# Before a signature at a paragraph's end: a sentence's end, then a dash ("... me. — G").
_DASH_BEFORE = re.compile(r"[.!?…\"”’)][ \t]*(?:—|–|--|~)[ \t]*$")
_SIGN_END = re.compile(r"[ \t.*_]*(?:\n|$)")


def note_greeting(text: str, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` opens a note written to its bearer: first
    on its line, set off by a comma, a dash or a full stop, the line going on and
    saying "you" outside quotation marks; no word English uses ("Still, you went").

    >>> t = "Ezekiel, a grey hat is very sensible. I like you.\\nMarcus, tired, slept."
    >>> note_greeting(t, 0, 7), note_greeting(t, 51, 57)
    (True, False)
    """
    line = text.rfind("\n", 0, start) + 1
    if _LINE_OPEN.fullmatch(text, line, start) is None:
        return False
    if text[start:end].lower() in COMMON or _GREETING_AFTER.match(text, end) is None:
        return False
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop
    return any(not in_dialogue(text, m.start()) for m in _YOU.finditer(text, end, stop))


def dash_signature(text: str, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` signs a note after a dash at the end of its
    paragraph ("... so you can find me. — Gunnhild").

    >>> t = "I will be at the station. — Gunnhild\\nShe said — Marta — no."
    >>> dash_signature(t, 28, 36), dash_signature(t, 48, 53)
    (True, False)
    """
    if _SIGN_END.match(text, end) is None or text[start:end].lower() in COMMON:
        return False
    return _DASH_BEFORE.search(text, max(0, start - 6), start) is not None
