"""Who a romance cue said in dialogue is about (:mod:`fandex.tag.romance_people` reads
the rest): a line of dialogue is between the people named around the quote, not those
spoken of inside it ("you talked about Gwaine's singing"); a name set off in it is the
one spoken to: of the pair when the cue is addressed to them ("I love you, Greg"), not
when it speaks of others ("he's sleeping with Sherlock, Greg"), whose speaker is none of
the pair either. A line of a chat or a script is between its speaker and the other, a
letter between its writer and the one written to (:mod:`fandex.tag.romance_lines`).
Spans are sorted ``(start, end, name)`` of the characters named in a chapter.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from fandex.tag.mentions import in_dialogue
from fandex.tag.romance_lines import letter_people, script_speakers

# How far either side of a cue spoken in dialogue its paragraph is read for who speaks.
DIALOGUE_REACH = 300


def paragraph_of(text: str, c_start: int, c_end: int) -> tuple[int, int]:
    """The paragraph of a cue, at most ``DIALOGUE_REACH`` characters either side."""
    return paragraph_start(text, c_start), paragraph_end(text, c_end)


def paragraph_start(text: str, c_start: int, line: int | None = None) -> int:
    """Where :func:`paragraph_of` starts; ``line``: where the cue's line starts, when
    the caller knows."""
    if line is None:
        line = text.rfind("\n", 0, c_start) + 1
    return max(line, c_start - DIALOGUE_REACH)


def paragraph_end(text: str, c_end: int) -> int:
    """Where :func:`paragraph_of` ends."""
    nl = text.find("\n", c_end)
    return min(len(text) if nl < 0 else nl, c_end + DIALOGUE_REACH)


def narrated_near(
    text: str,
    at: int,
    pos: list[tuple[int, int, str]],
    starts: list[int],
    lo: int,
    hi: int,
) -> list[tuple[int, str]]:
    """The people named in ``text[lo:hi]`` outside dialogue (the narration round a line
    that may tell who says it), each with its distance from ``at``. ``pos`` is the
    chapter's sorted (start, end, person) mentions and ``starts`` their starts."""
    return [
        (abs(s - at), n)
        for s, _e, n in pos[bisect_left(starts, lo) : bisect_right(starts, hi - 1)]
        if not in_dialogue(text, s)
    ]


def speakers(
    text: str,
    pos: list[tuple[int, int, str]],
    starts: list[int],
    c_start: int,
    c_end: int,
    skip: dict[str, int],
) -> dict[str, tuple[int, int]]:
    """The people named in the paragraph of a cue spoken in dialogue ("'Merlin.'
    Arthur's hand found his face. 'I love you.'"): the speaker and the one spoken to,
    with where each is named; empty when the cue is not inside quotation marks. Only
    ``DIALOGUE_REACH`` characters either side of the cue are read."""
    # (The paragraph's start first, as paragraph_of finds it: its end is wanted only
    # for a cue in quotation marks, and its line's start is the script line's.)
    line = text.rfind("\n", 0, c_start) + 1
    p_lo = paragraph_start(text, c_start, line)
    straight = text.count('"', p_lo, c_start) % 2 == 1
    if not (straight or text.count("“", p_lo, c_start) > text.count("”", p_lo, c_start)):
        return script_speakers(text, pos, starts, c_start, skip, line) or letter_people(
            text, pos, starts, c_start, skip
        )
    p_hi = paragraph_end(text, c_end)
    out: dict[str, tuple[int, int]] = {}
    spans = pos[bisect_left(starts, p_lo) : bisect_right(starts, p_hi - 1)]
    # A name inside what is said is someone spoken of ("you talked about Gwaine's
    # singing"), neither speaker nor listener, unless it is set off as the one spoken to
    # ("Merlin, marry me").
    called = vocatives(text, spans)
    for s, e, n in spans:
        if n not in skip and (n in called or not in_dialogue(text, s)):
            out.setdefault(n, (s, e))
    return out


# Who a line of dialogue speaks to: a name set off in it ("I love you, Greg", "Greg, marry
# me", "Oh Sherlock, there you are") is its listener, not someone spoken of.
_VOCATIVE_BEFORE = re.compile(
    r"(?:,|[\"“‘]|[.!?…]|^)[ \t]*"
    r"(?:(?:oh|ah|hey|hi|hello|well|yes|no|please|look|listen|okay|ok|thanks|sorry|dear|my)"
    r"[ \t,]+)?(?:(?:mr|mrs|ms|miss|dr)\.?[ \t]+)?$",
    re.I,
)
_VOCATIVE_AFTER = re.compile(r"[ \t]*(?:[,?!;…]|\.(?!\w)|[\"”]|-{2}|—)")
_LIST_ON = re.compile(r",[ \t]*(?:and|or|&)\b", re.I)
_LISTED_BEFORE = re.compile(r",[ \t]*$")
# A cue addressed to its listener: "you" is a partner ("I love you", "you kissed him",
# "marry you", "your husband"), or it is bid of them ("kiss me", "don't be in love with
# me").
_YOU_AFTER = re.compile(r"[ \t]+(?:to[ \t]+)?you\b", re.I)
_YOU_BEFORE = re.compile(r"\byou(?:r|['’](?:re|ve|d|ll))?[ \t]+(?:[a-z’']+[ \t]+){0,2}$", re.I)
_ME_AFTER = re.compile(r"[ \t]+(?:to[ \t]+)?me\b", re.I)
_BIDDING = re.compile(
    r"(?:^|[\"“‘,.!?…])[ \t]*"
    r"(?:(?:please|just|now|then|so|and|come|go|do|don['’]t|never|be)[ \t]+)*$",
    re.I,
)
# The speaker or listener in a line of dialogue: where none is, it speaks of others.
# (Spelled out as _FIRST_SECOND below: what r"\b(?:i|we|you|he|she|they|him|her|them|me|us)\b"
# finds under re.I.)
_PERSONAL = re.compile(
    r"[iIİıwWyYhHsSſtTmMuU](?<!\w.)(?i:(?<=i)|(?<=w)e|(?<=y)ou|(?<=h)e|(?<=s)he|(?<=t)hey|"
    r"(?<=h)im|(?<=h)er|(?<=t)hem|(?<=m)e|(?<=u)s)\b"
)
_THIRD = frozenset({"he", "she", "they", "him", "her", "them"})
# (As _PERSON_WORD of fandex.tag.romance: the first letters in every case re.I reads them
# in, then each word's rest under re.I with its first letter checked behind, so the engine
# skips between candidates in C over a sentence; the words and their order are those of
# r"\b(?:i|i['’]\w+|me|my|mine|we|us|our|you|your|yours)\b", re.I.)
_FIRST_SECOND = re.compile(
    r"[iIİımMwWuUoOyY](?<!\w.)(?i:(?<=i)|(?<=i)['’]\w+|(?<=m)e|(?<=m)y|(?<=m)ine|(?<=w)e|"
    r"(?<=u)s|(?<=o)ur|(?<=y)ou|(?<=y)our|(?<=y)ours)\b"
)


def vocatives(text: str, inside: list[tuple[int, int, str]]) -> set[str]:
    """The people of ``inside`` (sorted spans of a sentence) spoken to in it: named in
    quoted speech, set off by a comma or the edge of what is said ("How is he sleeping
    with Sherlock, Greg?", "Greg, marry me"), and not one of a list ("Sherlock, Greg,
    and John")."""
    out: set[str] = set()
    for i, (s, e, n) in enumerate(inside):
        after = _VOCATIVE_AFTER.match(text, e)
        if after is None or not in_dialogue(text, s):
            continue
        before = _VOCATIVE_BEFORE.search(text, max(0, s - 30), s)
        if before is None:
            continue
        # A list: one more name (or "and") just after the comma, or two names just
        # before it ("Sherlock, Greg, John").
        if (
            text[before.start()] == ","
            and i > 0
            and inside[i - 1][1] == before.start()
            and _LISTED_BEFORE.search(text, max(0, inside[i - 1][0] - 4), inside[i - 1][0])
        ):
            continue
        if after.group().endswith(","):
            nxt = inside[i + 1][0] if i + 1 < len(inside) else -1
            if _LIST_ON.match(text, after.end() - 1) or text[after.end() : nxt].strip() == "":
                continue
        out.add(n)
    return out


def addressed(text: str, c_start: int, c_end: int) -> bool:
    """Whether a cue in dialogue is addressed to its listener, who is then one of its pair:
    "you" is in it ("I love you", "you kissed him", "in love with you", "your wife") or
    it is bid of them ("kiss me", "Greg, marry me")."""
    if text[c_start:c_end].lower().endswith(" you") or _YOU_AFTER.match(text, c_end):
        return True
    if _YOU_BEFORE.search(text, max(0, c_start - 30), c_start):
        return True
    return bool(_ME_AFTER.match(text, c_end)) and bool(
        _BIDDING.search(text, max(0, c_start - 30), c_start)
    )


def listeners(
    text: str,
    inside: list[tuple[int, int, str]],
    window: tuple[int, int],
    cue: tuple[int, int],
    said: bool | None = None,
) -> tuple[set[str], bool]:
    """Who a cue said in dialogue is not about, read from who is spoken to: the people its
    sentence addresses by name unless the cue is addressed to them ("How is he sleeping
    with Sherlock, Greg?" is not about Greg; "I love you, Greg" is), and whether its
    speaker is none of its pair either (a cue said of others: no first- or second-person
    word in what is said of it). ``said``: whether the cue is in dialogue, when known."""
    (lo, hi), (c_start, c_end) = window, cue
    if not (in_dialogue(text, c_start) if said is None else said):
        return set(), False
    spoken_to = vocatives(text, inside)
    if spoken_to and addressed(text, c_start, c_end):
        spoken_to = set()
    # What is said in the cue's sentence: from the quote opening before it to the one
    # closing after it.
    q_lo = max(lo, *(text.rfind(q, lo, c_start) + 1 for q in '"“'))
    closes = [i for i in (text.find(q, c_end, hi) for q in '"”') if i >= 0]
    q_hi = min(closes, default=hi)
    # The person nearest before the cue says whose it is ("I saw him kissing Tamsin":
    # his); without one, any first or second person in its sentence.
    persons = _PERSONAL.findall(text, max(q_lo, c_start - 40), c_start)
    if persons and not (_YOU_AFTER.match(text, c_end) or _ME_AFTER.match(text, c_end)):
        return spoken_to, persons[-1].lower() in _THIRD
    # (The whole sentence to the quote's end: what is said may open before a speech tag,
    # '"My first mistake," said Hermione, "was marrying ..."'.)
    return spoken_to, _FIRST_SECOND.search(text, lo, q_hi) is None


def speech_tags(
    text: str, pos: list[tuple[int, int, str]], starts: list[int], c_start: int, c_end: int
) -> set[str]:
    """The people the narration names in the paragraph of a cue said in dialogue ('"He
    is dating Tamsin," Brede said'): its speaker and those around, none of the pair of a
    cue said of others (read ``DIALOGUE_REACH`` characters either side of it)."""
    p_lo, p_hi = paragraph_of(text, c_start, c_end)
    return {
        n
        for s, _e, n in pos[bisect_left(starts, p_lo) : bisect_right(starts, p_hi - 1)]
        if not in_dialogue(text, s)
    }


# A name said to someone in a line of dialogue: set off by a comma before it ("Wait,
# Jack"), or by a comma, a mark or a stop closing the line after it ("Jack, wait",
# "“Percy.”").
_CALLED_BEFORE = re.compile(r",[ \t]*$")
_CALLED_AFTER = re.compile(r"[ \t]*(?:[,!?—–]|\.[ \t]*[\"”’]|$)", re.M)


def spoken_of(text: str, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` of ``text`` is inside a line of dialogue and
    not said to someone there: a person talked about ("Teal'c worked it out before I
    did."), not on the page, so no pronoun of the narration after it stands for them.

    >>> t = '"Ada worked it out," he said. "Ben, look."'
    >>> spoken_of(t, 1, 4), spoken_of(t, 31, 34), spoken_of(t, 20, 22)
    (True, False, False)
    """
    if not in_dialogue(text, start):
        return False
    before = _CALLED_BEFORE.search(text, max(0, start - 3), start)
    return before is None and _CALLED_AFTER.match(text, end) is None
