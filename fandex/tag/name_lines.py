"""Lines whose shape says what a name on them is: the one a letter is written to ("Dear
Tobias,"), the one who signs it ("Yours, Tobias"), the place of its dateline ("London, the
14th of March"), the speaker who labels a line of a chat log or a script ("**Saba:**").

The character taggers ask these of a capitalised word's position; the answers are about
the line around it, not about the word, so they live apart from the name finding of
:mod:`fandex.tag.propernames`.
"""

from __future__ import annotations

import re

# A letter opens with "Dear Tobias," (a title may stand between: "Dear Mr Okafor") and is
# signed on a line of its own: the name alone, or after a sign-off ("Yours, Tobias").
_SALUTATION = re.compile(r"[ \t*_]*Dear\s+(?:[A-Z][a-z]*\.?\s+)?$")
_SIGN_OFF = re.compile(
    r"[\W_]*(?:(?:yours|sincerely|truly|faithfully|ever|always|love|all my love|with love"
    r"|regards|best wishes|warmly|fondly|affectionately)[\W_]*)*",
    re.I,
)


def letter_salutation(text: str, start: int) -> bool:
    """Whether the name at ``start`` is the one a letter is written to ("Dear Tobias,")."""
    line = text.rfind("\n", 0, start) + 1
    return start - line <= 20 and _SALUTATION.fullmatch(text, line, start) is not None


def letter_signature(text: str, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` signs a letter: it stands on a line of its
    own, alone or after a sign-off ("Yours, Tobias"). A line longer than a signature's
    is prose."""
    line = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop
    if stop - line > 60:
        return False
    return bool(_SIGN_OFF.fullmatch(text, line, start) and _SIGN_OFF.fullmatch(text, end, stop))


# A line of a chat log or a script opens with who says it: "**Saba:** the van is here",
# "Mara: Stay.", "**Priyanka Rao** 02:15 — not me", "Leszek W., 07:20: Good morning"
# (markup before, a colon or the time after, a comma or a dash before the time).
_LABEL_OPEN = re.compile(r"[ \t>*_]*")
_LABEL_CLOSE = re.compile(r"\.?[*_]*(?::|[*_]*(?:[ \t]*[,|–—-])?[ \t]+[\[(]?\d{1,2}:\d{2}\b)")


# A letter's dateline: a place opening its line, a date after it ("*London, the 14th of
# March*", "Paris, Tuesday").
_DATE_AFTER = re.compile(
    r",[ \t]*(?:the[ \t]+)?(?:(?!\d{1,2}:\d)\d|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b)"
)


def dateline(text: str, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` is the place of a letter's dateline.

    >>> t = "*London, the 14th of March*\\nDear Will,"
    >>> dateline(t, 1, 7), dateline("Will, 07:14: Hi", 0, 4), dateline("I met Will, 4 times", 6, 10)
    (True, False, False)
    """
    line = text.rfind("\n", 0, start) + 1
    return _LABEL_OPEN.fullmatch(text, line, start) is not None and bool(
        _DATE_AFTER.match(text, end)
    )


def speaker_label(text: str, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` labels a line of a chat or a script: it opens
    the line (after markup only) and a colon or a time follows it.

    >>> t = "**Saba:** the van is here\\n**Mateus Oliveira** 02:15 — who touched the boat"
    >>> speaker_label(t, 2, 6), speaker_label(t, 28, 43), speaker_label("Saba said", 0, 4)
    (True, True, False)
    """
    line = text.rfind("\n", 0, start) + 1
    return (
        _LABEL_OPEN.fullmatch(text, line, start) is not None
        and _LABEL_CLOSE.match(text, end) is not None
    )
