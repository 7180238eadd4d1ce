"""Line shapes the parser recognises: separators, scene breaks, end markers, headings.

Every pattern here is anchored and free of nested quantifiers, and every test first
checks the line's length, so a pathological file costs linear time.
"""

from __future__ import annotations

import re

# Longest line that can still be a separator, heading or end marker.
_SHORT = 80

# Characters a separator or scene-break line is drawn with.
_BREAK_CHARS = frozenset("*~#=-_+•·◦°^<>|/\\:oOxX0.§¤—–")
# (Between the marks, any other symbol a break is drawn with: ".:O:.:O:.", "-x-x-".)
_OX_PLAIN = frozenset("oO0xX~*=-")
_OX = re.compile(r"(?:[oO0]{1,2}|[xX]{1,2}|[~*=\-.:_+#•·◦°^<>|/\\§¤—–]){1,80}")


def is_separator(line: str) -> bool:
    """A line drawn with symbols only: ``~~~``, ``-----``, ``* * *``, ``=====``, ``oOo``.

    Dots alone are story (an ellipsis), and so is a single letter; a lone "." on its
    own line is a spacer some authors draw around their breaks.

    >>> is_separator("* * *"), is_separator("."), is_separator("..."), is_separator("x")
    (True, True, False, False)
    >>> is_separator(".:O:.:O:.:O:."), is_separator("o_O"), is_separator("O.K.")
    (True, False, False)
    """
    s = line.replace(" ", "").replace("\t", "")
    if not s or len(s) > _SHORT:
        return False
    if any(c not in _BREAK_CHARS for c in s):
        return False
    if set(s) <= {"."}:
        return s == "."
    letters = sum(c in "oOxX0" for c in s)
    if letters:
        # oOo, xXx, ~o~, OoOoO: needs at least three marks and not a word ("xxx" is fine,
        # "ox" is not a break).
        # (With other symbols between the marks, five characters at least: "o_O" and
        # "x_x" on a line of their own are faces.)
        if any(c not in _OX_PLAIN for c in s) and len(s) < 5:
            return False
        return len(s) >= 3 and _OX.fullmatch(s) is not None
    return len(s) >= 1 and (len(s) >= 3 or s in {"#", "*", "**", "~", "+"})


def separators_only(text: str) -> bool:
    """Whether ``text`` has a line that is not blank and every such line is a separator
    (:func:`is_separator`).

    >>> separators_only("* * *\\n\\n~~~"), separators_only("* * *\\nShe woke.")
    (True, False)
    """
    # A paragraph of story is ruled out by its first character, without splitting it.
    start = text.lstrip()
    if not start or start[0] not in _BREAK_CHARS:
        return False
    lines = [ln for ln in text.split("\n") if ln.strip()]
    return all(is_separator(ln) for ln in lines)


_NUM_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|first|second|third|fourth|fifth|"
    "sixth|seventh|eighth|ninth|tenth|last|final"
)
# The same in the languages fics are often written in, for "Un : Kiba" / "Chapitre deux".
_NUM_WORDS_OTHER = (
    "un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|"
    "seize|premier|première|dernier|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|"
    "eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|due|tre|quattro|sei|sette|otto|"
    "nove|dieci|um|dois|três|quatro"
)
_ROMAN = r"[ivxlc]{1,7}"
_NUMBER = rf"(?:\d{{1,4}}|{_ROMAN}|{_NUM_WORDS}|{_NUM_WORDS_OTHER})"

# "Chapter 3 - The Long Night", "Part Two: Title", "Ch. 4", "Book II", "Prologue".
_CHAPTER_WORD = re.compile(
    rf"(?P<word>chapter|chap\.?|ch\.?|part|book|section|episode|act|volume|vol\.|chapitre|"
    rf"partie|livre|tome|cap[ií]tulo|capitolo|parte|kapitel|teil|hoofdstuk|deel|rozdzia[lł]|"
    rf"глава|часть)\s+"
    rf"(?P<num>{_NUMBER})\b\.?(?:\s*(?:of|/)\s*{_NUMBER})?"
    r"(?P<rest>\s*(?:[:.\-–—~|(]|$).*)?",
    re.IGNORECASE,
)
_NAMED_PART = re.compile(
    r"(?P<word>prologue|epilogue|interlude|coda|prelude|afterword|foreword)\b(?P<rest>.*)",
    re.IGNORECASE,
)
# "~ 2 ~", "II.", "-3-", "[4]", "2."
_BARE_NUMBER = re.compile(
    rf"[~*=#\[(<\-\s]*(?P<num>\d{{1,3}}|{_ROMAN})[.)\]>~*=#\-\s]*", re.IGNORECASE
)
# "Un : Kiba", "One - The Return": a spelled-out number, a separator, a short title.
_WORD_NUMBER_TITLE = re.compile(
    rf"(?P<num>{_NUM_WORDS}|{_NUM_WORDS_OTHER})\s*[:.\-–—]\s+(?P<rest>\S.*)", re.IGNORECASE
)
# "001: Woodland", "012 - The Ford": a zero-padded number (a serial's chapter numbering,
# never a title's first word), a separator, a short title.
_PADDED_NUMBER_TITLE = re.compile(r"(?P<num>0\d{1,3})\s*[:.\-–—]\s+(?P<rest>\S.*)")
_DECORATION = " \t~*=#-_[]()<>|"


def chapter_heading(line: str) -> str | None:
    """The chapter title if ``line`` is a chapter or part heading, else None.

    >>> chapter_heading("Chapter 3 - The Long Night")
    'Chapter 3 - The Long Night'
    >>> chapter_heading("~ 2 ~"), chapter_heading("II."), chapter_heading("She left.")
    ('2', 'II', None)
    >>> chapter_heading("Un : Kiba"), chapter_heading("Chapitre 3"), chapter_heading("One: no.")
    ('Un : Kiba', 'Chapitre 3', None)
    >>> chapter_heading("Chapter 9: The Maze (part 4)")
    'Chapter 9: The Maze (part 4)'
    >>> chapter_heading("001: Woodland"), chapter_heading("2001: A Space Odyssey")
    ('001: Woodland', None)
    """
    s = line.strip()
    if not s or len(s) > _SHORT or "\n" in s:
        return None
    core = s.strip(_DECORATION)
    if not core:
        return None
    if core.count("(") > core.count(")") and s.rstrip(_DECORATION.replace(")", "")).endswith(")"):
        core += ")"  # "Chapter 9: Moody (part 4)": the bracket closes the title's own
    m = _CHAPTER_WORD.fullmatch(core)
    if m:
        rest = (m.group("rest") or "").strip()
        # "Part of the problem was..." is prose: a heading's number is a number.
        if rest and rest[0] not in ":.-–—~|(":
            return None
        if len(rest.split()) > 10 or rest.endswith((",", ";")):
            return None
        return " ".join(core.split())
    m = _NAMED_PART.fullmatch(core)
    if m:
        rest = m.group("rest").strip()
        if rest and rest[0] not in ":.-–—~|(":
            return None
        return " ".join(core.split())
    m = _WORD_NUMBER_TITLE.fullmatch(core)
    if m and m.group("num")[0].isupper():
        rest = m.group("rest").strip()
        if len(rest.split()) <= 6 and not rest.endswith((".", ",", ";", "!", "?")):
            return " ".join(core.split())
    m = _PADDED_NUMBER_TITLE.fullmatch(core)
    if m:
        rest = m.group("rest").strip()
        if len(rest.split()) <= 8 and not rest.endswith((".", ",", ";", "!", "?")):
            return " ".join(core.split())
    m = _BARE_NUMBER.fullmatch(s)
    if m and m.group("num").strip():
        num = m.group("num")
        # A lone "I" or "X" is a word or a kiss, not a numeral, unless dressed as one.
        if num.lower() in {"i", "x", "c", "l"} and s.strip() == num:
            return None
        if not num.isdigit() and num != num.upper():
            return None
        return num
    return None


_END_MARKER = re.compile(
    r"(?:the\s+end|fin|finis|end|owari|tbc|t\.b\.c\.?|to\s+be\s+continued|"
    r"end\s+(?:of\s+)?(?:the\s+)?(?:part|chapter|story|fic|file|prologue|epilogue|interlude|"
    r"book|act|volume|arc)(?:\s+\w{1,12})?|"
    r"continued\s+in\s+(?:part|chapter)\s+\w{1,12}|(?:the\s+)?end\s+for\s+now|"
    r"concluded|complete)"
    r"[\s.!?~*)\]]{0,12}",
    re.IGNORECASE,
)

_CONTINUED = re.compile(r"tbc|t\.b\.c|to\s+be\s+continued|continued\s+in|for\s+now", re.I)
# "End of Chapter 3", "End of Part One": the end of one section, which says nothing of
# whether the work goes on.
_SECTION_END = re.compile(
    r"end\s+(?:of\s+)?(?:the\s+)?(?:part|chapter|prologue|interlude|book|act|volume|arc)\b", re.I
)


def end_marker(line: str) -> str | None:
    """``"complete"`` or ``"wip"`` if the line is an end marker ("The End", "TBC"),
    ``"section"`` if it ends a chapter or part only ("End of Chapter 3").

    >>> end_marker("~ The End ~"), end_marker("TBC..."), end_marker("The end was near.")
    ('complete', 'wip', None)
    >>> end_marker("End of Prologue"), end_marker("End of the prologue, she said.")
    ('section', None)
    >>> end_marker("End of the story."), end_marker("End of Chapter Two")
    ('complete', 'section')
    """
    s = line.strip()
    if not s or len(s) > 50 or "\n" in s:
        return None
    core = s.strip(" \t~*=#-_[](){}<>|.")
    if not core:
        return None
    if _END_MARKER.fullmatch(core) is None:
        # "...to be continued" keeps its leading dots after the strip above
        return None
    if _CONTINUED.search(core):
        return "wip"
    return "section" if _SECTION_END.match(core) else "complete"


def work_status(marker: str | None) -> str | None:
    """The work's status an end marker states: a section's end states none.

    >>> work_status("complete"), work_status("section")
    ('complete', None)
    """
    return None if marker == "section" else marker


_LEGEND = re.compile(
    r"[\[(]?(?P<mark>\d{1,2}|\*{1,3}|†{1,2})[\])]?[.):\-–]?\s+(?P<text>\S.{0,300})"
)


def footnote_legend(line: str) -> tuple[str, str] | None:
    """``(mark, text)`` for a footnote legend line such as ``1 'Hallelujah' - Leonard Cohen``.

    >>> footnote_legend("[2] A song lyric.")
    ('2', 'A song lyric.')
    """
    s = line.strip()
    if len(s) > 320:
        return None
    m = _LEGEND.fullmatch(s)
    if not m:
        return None
    return m.group("mark"), m.group("text").strip()


def looks_like_prose(text: str) -> bool:
    """True when a block reads as story: sentences, not a label list or a title line."""
    s = text.strip()
    words = s.split()
    if len(words) >= 12:
        return True
    return s.endswith((".", "!", "?", '"', "”", "’", "'", "…")) and len(words) >= 4


__all__ = [
    "chapter_heading",
    "end_marker",
    "footnote_legend",
    "is_separator",
    "looks_like_prose",
    "work_status",
]


# One item of a line naming a story's parts: "Part One", "<< Part 2", "Chapter 3 >>",
# "Masterpost", "Previous", "Next part".
_PART_ITEM = re.compile(
    r"^(?:<<|«|←|&lt;)*\s*(?:(?:part|chapter|ch\.?|pt\.?)\s+[\w-]{1,12}|masterpost|master post|"
    r"index|contents|previous(?: part| chapter)?|prev|next(?: part| chapter)?)\s*(?:>>|»|→)*$",
    re.I,
)


def parts_line(text: str) -> bool:
    """Whether ``text`` is a line naming a story's parts, two or more parted by bars or
    bullets ("Part One | Part Two | Part Three", "<< Part 1 | Masterpost | Part 3 >>").

    >>> parts_line("Part One | Part Two"), parts_line("Part One of the plan failed.")
    (True, False)
    """
    s = text.strip()
    if not s or len(s) > 200 or "\n" in s:
        return False
    items = [i.strip() for i in re.split(r"\s[|•·~/]\s|\s{3,}", s) if i.strip()]
    return len(items) >= 2 and all(_PART_ITEM.match(i) for i in items)
