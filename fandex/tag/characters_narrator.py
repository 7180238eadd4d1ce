"""The narrator of a story told in "I" or "you", found by the name others call them.

A first-person narrator seldom names themselves: they are "I" in the narration, and
their name is heard only when someone speaks to them ('"You are late again, Tobiah."').
Read from the text alone: in a story told in the first or second person
(:func:`fandex.tag.narration.narrated_by_pronoun`), the narrator is the one name that is
never used in the narration (the narrator would say "I") and is spoken to, set off by a
comma or the edge of what is said, in quotations, never in one the narrator is said to
say ('"Sit down, Wendell," I said' speaks to someone else). Two such names leave it
open: no narrator. The narration's first-person words then stand for the narrator where
the relationship taggers look for the people of a sentence (:func:`narrator_spans`), as
a name would, and count as the narrator's mentions (:func:`mark_narrator`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from fandex.model import Tag, Work
from fandex.tag.lowercase import COMMON
from fandex.tag.mentions import in_dialogue, mentions_per_thousand
from fandex.tag.narration import PERSON_RATE
from fandex.tag.textmemo import TextMemo
from fandex.vocab.names import common_given_name

# A vocative is set off: a comma, or the opening of what is said, before it; a comma or
# the end of what is said after it ('"Tobiah, sit."', '"..., Tobiah."', '"Tobiah!"').
_BEFORE = re.compile(r"(?:,|[\"“‘])\s*$")
_AFTER = re.compile(r"\s*(?:[,.!…]|—|--)")
# The narrator's own speech: the quotation followed ('"...," I said') or opened ('I
# said, "...') by the narrator's speech tag.
# (In a story told in "you", '"Wendell," you say.')
_I_AFTER = re.compile(r"[,.!?…—-]*[\"”’]?[ \t]*,?[ \t]*(?:I|you)\b")
_I_BEFORE = re.compile(r"\b(?:I|you)[ \t]+\w+(?:[ \t]+\w+)?[ \t]*[,:][ \t]*[\"“][ \t]*$")
# What comes before one's own name: "My name is", "Call me", "I'm".
_OWN_NAME = re.compile(r"(?:\b[Mm]y name(?: is|'s|’s)|\b[Cc]all me|\bI(?:'m|’m| am))[ \t]+$")
# Before a quotation that opens a paragraph or a sentence.
_OPENS = re.compile(r"(?:^|\n|[.!?…][\"”’]?)[ \t]*$")
# A speech tag after a quotation: '" he said', '" Wendell says'.
_TAG_AFTER = re.compile(r"[ \t]*(?:he|she|they|[A-Z][\w’'-]+)[ \t]+[a-z]+")
# The narration's first- and second-person words.
_FIRST = re.compile(r"[Im](?<!\w.)(?:(?<=I)|(?<=m)(?:e|y|ine|yself))\b")
_SECOND = re.compile(r"[yY](?<!\w.)(?i:(?<=y)ou(?:r|rs|rself)?)\b")
# A quotation: straight quotes or curly ones, to its close or its paragraph's end; or in
# single quotes ('I can't,' she said), from one no letter comes before to the next no
# letter comes after (an apostrophe inside a word closes nothing).
_QUOTED = re.compile(r'"[^"\n]*"?|“[^”\n]*”?|[‘\'](?<![\w’\'].)(?=\S)[^\n]*?[’\'](?![\w’\'])')
_SAMPLE = 60000  # characters read per chapter, as narration.py reads them


# Per chapter text, (first-person, second-person) words of its narration and its words,
# in its first ``_DECIDE`` characters (the person of the story) and its first ``_SAMPLE``
# (the narrator's mentions): read once per chapter.
_decide: TextMemo[tuple[int, int, int]] = TextMemo(64, chars=20_000_000)
_counts: TextMemo[tuple[int, int, int]] = TextMemo(64, chars=20_000_000)
# Characters of a work read to tell its person, from the middle of its chapters (an
# author's note in "I" opens a story told in "he" and "she"): "I" comes every few words
# of a story told in it, and most stories are not (every work is asked).
_DECIDE = 20000


def _person_counts(text: str, limit: int = _SAMPLE) -> tuple[int, int, int]:
    """(first-person, second-person) words of the narration of ``text`` and its words:
    in its first ``limit`` characters, or (``_DECIDE``) the ``limit`` in its middle."""
    memo = _decide if limit == _DECIDE else _counts
    got = memo.get(text)
    if got is not None:
        return got
    a = max(0, (len(text) - limit) // 2) if limit == _DECIDE else 0
    b = min(len(text), a + limit)
    start, said = _narration(text, a, b)
    first, second = len(_FIRST.findall(said, a - start)), len(_SECOND.findall(said, a - start))
    # (Words counted as the spaces and line breaks between them, in C.)
    words = text.count(" ", a, b) + text.count("\n", a, b)
    return memo.put(text, (first, second, words))


def _narration(text: str, a: int, b: int) -> tuple[int, str]:
    """``text[start:b]`` with what is quoted blanked out, and ``start``: the start of the
    paragraph ``a`` is in (a quotation is read as :func:`fandex.tag.mentions.in_dialogue`
    reads it, an unclosed one running to its paragraph's end); found in C, not match by
    match."""
    start = text.rfind("\n", 0, a) + 1
    return start, _QUOTED.sub(lambda m: " " * len(m.group()), text[start:b])


def told_by(work: Work) -> str | None:
    """``"I"`` or ``"you"`` when ``work`` is told in the first or second person (as
    :func:`fandex.tag.narration.narrated_by_pronoun` reads it, from ``_DECIDE``
    characters or so of its first chapters' middles), else None."""
    first = second = words = read = 0
    for ch in work.chapters:
        f, s, w = _person_counts(ch.text, _DECIDE)
        first, second, words = first + f, second + s, words + w
        read += len(ch.text)
        if read >= _DECIDE:
            break
    if words == 0 or 100 * max(first, second) / words < PERSON_RATE:
        return None
    return "you" if second > first else "I"


def _quote_end(text: str, at: int) -> int:
    """Where the quotation holding ``at`` closes (its paragraph's end without a close)."""
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    closes = [i for i in (text.find(q, at, end) for q in '"”') if i >= 0]
    return min(closes, default=end)


def _quote_start(text: str, at: int) -> int:
    """Where the quotation holding ``at`` opens (its paragraph's start without one)."""
    para = text.rfind("\n", 0, at) + 1
    return max(para, *(text.rfind(q, para, at) for q in '"“'))


def _spoken_to(text: str, s: int, e: int) -> bool | None:
    """Whether the name at ``[s, e)`` is spoken to in quoted speech: True when the
    narrator is not said to say it, None when the narrator says it ('"Sit down, Wendell,"
    I said': the name is someone else's), False when it is not spoken to."""
    if not in_dialogue(text, s):
        return False
    before = _BEFORE.search(text, max(0, s - 4), s)
    after = _AFTER.match(text, e)
    if before is None or after is None:
        return False
    close = _quote_end(text, e)
    opened = _quote_start(text, s)
    if _I_AFTER.match(text, close, close + 12) or _I_BEFORE.search(
        text, max(0, opened - 40), opened + 1
    ):
        return None
    if not before.group().startswith(","):
        # What is said opens with the name: a quotation set in a sentence ('a talk on
        # "Tides, and Why"', 'she says "Mumps. Awful."') quotes a word or a title; one
        # that opens a paragraph or a sentence speaks to the name when more is said after
        # it ('"Tobiah. Sit down."') or it closes on a speech tag ('"Tobiah," he said');
        # a word said alone ('"Heavens," and it was not', '"Again?"') is not.
        if not _OPENS.search(text, max(0, opened - 8), opened):
            return False
        if text[e:close].strip(" ,.!?…—-"):
            pass
        elif not _TAG_AFTER.match(text, close + 1):
            return False
    return True


def called(text: str, s: int, e: int) -> bool:
    """Whether the name at ``[s, e)`` is one someone calls the narrator by: spoken to in
    quoted speech the narrator is not said to say ('"Tobiah, sit down."'), not in the
    narration, nor said by the narrator, nor spoken of.

    >>> called('"Tobiah, sit down," she said.', 1, 7), called('Tobiah sat.', 0, 6)
    (True, False)
    """
    return _spoken_to(text, s, e) is True


def vocative_narrator(work: Work, hits: Mapping[str, Iterable[tuple[int, int, int]]]) -> str | None:
    """The narrator of ``work`` among the names of ``hits`` (per name, its (chapter,
    start, end) uses), when the story is told in "I" or "you": the one name the narrator
    says is theirs ("My name is Tobiah"), else the one name never used in the narration
    and spoken to at least once (see the module); else None."""
    if told_by(work) is None:
        return None
    texts = {ch.index: ch.text for ch in work.chapters}
    found: list[str] = []
    own = {n for n, uses in hits.items() if any(says_own_name(texts[c], s, e) for c, s, e in uses)}
    if len(own) == 1:
        return next(iter(own))  # "My name is Tobiah, I tell him"
    for name, uses in hits.items():
        uses = list(uses)
        if not uses:
            continue
        if any(not in_dialogue(texts[c], s) for c, s, _e in uses):
            continue  # named in the narration: someone the narrator speaks of
        heard = [_spoken_to(texts[c], s, e) for c, s, e in uses]
        # (A name the narrator speaks to is someone else's.)
        if None not in heard and any(heard) and not _narrated(texts.values(), name):
            found.append(name)
    return found[0] if len(found) == 1 else None


def says_own_name(text: str, s: int, e: int | None = None) -> bool:
    """Whether the name at ``s`` (ending at ``e``, where known) is the narrator's own,
    said so ("My name is Tobiah", "Hi. I'm Tobiah."): in the narration, or in a quotation
    the narrator says; or said alone, as one gives one's name, in a quotation the
    narrator says ('"Nina Holt," I said.').

    >>> t = '"Nina Holt," I said. "Since we are doing names."'
    >>> says_own_name(t, 1, 10), says_own_name('"Owen!" I said.', 1, 5)
    (True, False)
    """
    # (A full name: a given name said alone is as often called out, '"Owen!" I said'.)
    alone = (
        e is not None
        and len(text[s:e].split()) >= 2
        and in_dialogue(text, s)
        and _quote_start(text, s) == s - 1
        and not text[e : _quote_end(text, e)].strip(" ,.!…")
    )
    if not alone and not _OWN_NAME.search(text, max(0, s - 20), s):
        return False
    if not in_dialogue(text, s):
        return True
    close, opened = _quote_end(text, s), _quote_start(text, s)
    return bool(
        _I_AFTER.match(text, close, close + 12)
        or _I_BEFORE.search(text, max(0, opened - 40), opened + 1)
    )


def _narrated(texts: Iterable[str], name: str) -> bool:
    """Whether a word of ``name`` is used in the narration of ``texts``, in any name
    ("Wendell Amberly counted the tickets" for '"You are late, Amberly."')."""
    words = [w for w in name.split() if len(w) > 2]
    if not words:
        return False
    pattern = re.compile(r"(?<![\w’'])(?:" + "|".join(map(re.escape, words)) + r")(?![\w’])")
    return any(not in_dialogue(text, m.start()) for text in texts for m in pattern.finditer(text))


# Endings English inflects a word with: "Noted" is "note" said, "Sailors" "sailor".
_ENDINGS = ("ing", "ed", "d", "es", "s", "ly", "er", "ers")


def inflected_word(word: str) -> bool:
    """Whether ``word`` is a common English word with an ending ("Noted", "Tides",
    "Sailors"): said at the head of a line as a name would be, but no one's name.

    >>> inflected_word("Noted"), inflected_word("Tides"), inflected_word("James")
    (True, True, False)
    """
    low = word.lower()
    if common_given_name(word):
        return False  # "James", "Agnes"
    return any(
        low.endswith(end) and low[: -len(end)] in COMMON
        for end in _ENDINGS
        if len(low) > len(end) + 2
    )


def narrator_spans(
    work: Work, text: str, spans: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The narration's first-person words ("I", "me", "my"; "you", "your" in a story
    told in the second person) in ``spans`` of ``text``, a chapter of ``work``: where
    its narrator is named, as it were (what is quoted left out: everyone says "I" in
    dialogue)."""
    pattern = _SECOND if told_by(work) == "you" else _FIRST
    out: list[tuple[int, int]] = []
    for a, b in spans:
        start, said = _narration(text, a, b)
        out += [(start + m.start(), start + m.end()) for m in pattern.finditer(said, a - start)]
    return out


def mark_narrator(work: Work, tag: Tag) -> None:
    """Make ``tag`` the narrator's, before its confidence is calibrated: on the stage,
    and mentioned by its name's uses and by every first-person word of the narration
    (every "I" of it is theirs: the narrator is the most mentioned, ``share`` 1), so the
    character map weighs it as the lead it is."""
    k = 1 if told_by(work) == "you" else 0
    uses = int(tag.attrs.get("mentions", 0)) + sum(
        _person_counts(ch.text)[k] for ch in work.chapters
    )
    tag.attrs["narrator"] = True
    tag.attrs["role"] = "main"
    tag.attrs["mentions"] = uses
    tag.attrs["share"] = 1.0
    tag.attrs["density"] = mentions_per_thousand(uses, max(work.words, 1))
