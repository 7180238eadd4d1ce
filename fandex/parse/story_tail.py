"""Where a chapter's story ends: an end marker, closing notes, trailing fields, legends.

A chapter's last blocks may be the author talking, not story: an end marker ("The End",
"TBC") and what follows it, an A/N, a bracketed note, a plea for feedback, a recap of
where the story sits in canon, a signature, trailing "Label: value" fields, footnote
legends. :func:`split_tail` cuts them off the story; :mod:`fandex.parse.structure` puts
what it cut into the work's end notes, fields and footnotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fandex.model import count_words
from fandex.parse.asides import closing_disclaimer
from fandex.parse.chapter_head import NOTE_START as _NOTE_START
from fandex.parse.chapter_head import is_break as _is_break
from fandex.parse.endmatter import closing_gloss_run, glossary_of, glossary_terms, opens_end_matter
from fandex.parse.header_block import HeaderField, read_fields
from fandex.parse.labels import lone_note_label, match_label, trailing_fields
from fandex.parse.lines import end_marker, footnote_legend, work_status
from fandex.read.document import Block

# How far from the end of a chapter closing notes are looked for (blocks), and how
# much story may follow an end marker before it is read as a part break instead.
_TAIL_BLOCKS = 12
_TAIL_BLOCKS_AFTER_RULE = 40
_MAX_AFTER_END_WORDS = 250
# Notes this short may close any text, however short; longer ones need twice as many
# words of story above them.
_SHORT_NOTES_WORDS = 150
# Closing notes set off by a rule and opened by a note label may run longer.
_MAX_NOTE_AFTER_RULE_WORDS = 1500


_FEEDBACK = re.compile(
    r"\b(?:feedback|comments?|reviews?|concrit|crit)\b[^.!?\n]{0,40}\b(?:welcome|appreciated|"
    r"loved|adored|cherished|treasured|please|wanted|craved)\b|\bplease\s+(?:review|comment|"
    r"leave\s+(?:feedback|a\s+comment|a\s+review))\b|\bleave\s+(?:me|us)\s+(?:some\s+|a\s+)?"
    r"(?:feedback|reviews?|comments?)\b|\blet\s+the\s+(?:author|writer|creator)s?\s+know\b|"
    r"\bthanks?\s+(?:you\s+)?(?:so\s+much\s+)?"
    r"for\s+reading\b|\bhope\s+you\s+enjoyed\b|"
    # "R&R please!", "Reviews please!", "Stay tuned!", "Next chapter: the fog lifts." (not
    # a line of speech: '"Next time." He smiled.' is the story's)
    r"^[^\w\"“'‘]*(?:r\s*&\s*r|read\s+and\s+review|reviews?\s+please)\b|\bstay\s+tuned\b|"
    r"^[^\w\"“'‘]*(?:(?:next\s+(?:chapter|update)|coming\s+up(?:\s+next)?|up\s+next|in\s+the\s+"
    r"next\s+chapter)\s*[:.\-–—]|next\s+time\s+on\b)|"
    # "Hope you liked it!", "Thanks to everyone who reviewed", "Reviews are love", "Review?"
    r"\bhope\s+(?:you|y['’]?all|everyone)\s+(?:all\s+)?(?:liked|like|enjoy)\b|"
    r"\bthanks?\s+(?:you\s+)?(?:so\s+much\s+)?(?:to\s+)?(?:everyone|every\s+one|all(?:\s+of\s+you)?|"
    r"those)\s+who\s+(?:\w+\s+){0,2}(?:reviewed|commented|favou?rited|followed|read)\b|"
    r"\breviews?\s+(?:are|=|is)\s+(?:love|loved|appreciated)\b|^\W*reviews?\W*$|"
    # "Edit: fixed a typo": the author's later word on the chapter.
    r"^[^\w\"“'‘]*edit(?:ed)?\b[^:\n]{0,25}:",
    re.I,
)
_CANON_RECAP = re.compile(
    r"(?:this\s+(?:story|fic|piece|part)|it)\s+(?:takes\s+place|is\s+set|fits|was\s+written|"
    r"happens)\b|set\s+(?:after|before|during|between|in\s+season)\b",
    re.I,
)


# The author's name signing closing notes off: "~Wren", "- W.", "Love, Wren", "xoxo".
_SIGNATURE = re.compile(
    r"^\s*(?:[~\-–—]+\s*(?=[^\W\d])|(?:love|cheers|hugs|xoxo|xx+|ciao)\b[,!]?\s*)"
    r"[\w.' -]{0,30}?[\s~!<3]*$",
    re.I,
)


def _signature(text: str) -> bool:
    """Whether ``text`` is a sign-off line after closing notes (never their opener).

    >>> _signature("~Wren"), _signature("Love, Wren"), _signature("- The end of the world")
    (True, True, False)
    """
    return "\n" not in text.strip() and len(text.split()) <= 3 and bool(_SIGNATURE.match(text))


_COUNT = re.compile(r"~?\s*\d[\d,. ]*(?:\s*words?)?\.?", re.I)


def _bracketed(text: str) -> bool:
    s = text.strip()
    return len(s) > 2 and (s[0], s[-1]) in {("[", "]"), ("(", ")"), ("{", "}"), ("<", ">")}


def _note_cue(text: str) -> str | None:
    """``"strong"`` / ``"weak"`` when a block opens closing notes, else None."""
    s = text.strip()
    first = s.split("\n", 1)[0]
    if _NOTE_START.match(first) or opens_end_matter(first):
        return "strong"
    m = match_label(first)
    if m is not None and m.field in trailing_fields():
        return "strong"
    if m is not None and m.field == "words" and _COUNT.fullmatch(m.value):
        return "strong"  # "Word count: 2,345" under the story
    if lone_note_label(s) == "notes":
        return "strong"  # "Notes for the Chapter:" over its text
    if _bracketed(s) or _FEEDBACK.search(s[:400]) or _CANON_RECAP.match(s) or closing_disclaimer(s):
        return "weak"
    return None


@dataclass
class Tail:
    story: list[Block]
    notes: list[str]
    fields: list[HeaderField]
    legends: list[tuple[str, str]]
    status: str | None


def split_tail(blocks: Sequence[Block]) -> Tail:
    """Separate closing notes, trailing fields and an end marker from a chapter's story."""
    n = len(blocks)
    start = max(0, n - _TAIL_BLOCKS)
    cut: int | None = None
    status: str | None = None
    # The last end marker near the end, if the text after it is short or note-like.
    for i in range(n - 1, start - 1, -1):
        text = blocks[i].text.strip()
        marker = end_marker(text) if blocks[i].kind != "rule" else None
        if marker is None:
            continue
        after = sum(count_words(b.text) for b in blocks[i + 1 :])
        first_after = next((b for b in blocks[i + 1 :] if not _is_break(b)), None)
        if after <= _MAX_AFTER_END_WORDS or (
            first_after is not None and _note_cue(first_after.text) == "strong"
        ):
            cut, status = i, work_status(marker)
        break
    if cut is None:
        cut = _end_matter_start(blocks)
    if cut is None:
        # No end marker: closing notes are a strong cue followed by anything, or a run of
        # weak cues (brackets, feedback pleas, canon recaps) to the very end.
        for i in range(start, n):
            if _is_break(blocks[i]):
                continue
            cue = _note_cue(blocks[i].text)
            after_rule = i > 0 and _is_break(blocks[i - 1])
            limit = _MAX_NOTE_AFTER_RULE_WORDS if after_rule else 400
            after = sum(count_words(b.text) for b in blocks[i:])
            if cue == "strong" and after <= limit and _closes(blocks, i, after):
                cut = i
                break
            if cue == "weak" and all(
                _is_break(b) or _note_cue(b.text) or legend_block(b) or _signature(b.text)
                for b in blocks[i:]
            ):
                cut = i
                break
    if cut is None:
        cut = _talk_after_last_break(blocks)
    if cut is None:
        # A rule, then a note label, further back: a long closing note set off as such.
        for i in range(max(1, n - _TAIL_BLOCKS_AFTER_RULE), start):
            if (
                _is_break(blocks[i - 1])
                and _note_cue(blocks[i].text) == "strong"
                and sum(count_words(b.text) for b in blocks[i:]) <= _MAX_NOTE_AFTER_RULE_WORDS
            ):
                cut = i
                break
    if cut is None:
        # Footnote legends alone at the very end.
        j = n
        while j > 0 and legend_block(blocks[j - 1]):
            j -= 1
        cut = j if j < n else None
    if cut is None or (cut == 0 and status is None):
        # A chapter that would be all notes is a chapter: its text stays text.
        return Tail(list(blocks), [], [], [], None)
    story = list(blocks[:cut])
    while story and _is_break(story[-1]):
        story.pop()
    notes: list[str] = []
    fields: list[HeaderField] = []
    legends: list[tuple[str, str]] = []
    for b in blocks[cut:]:
        text = b.text.strip()
        if not text or _is_break(b) or end_marker(text):
            continue
        if legend_block(b):
            legends += [lg for ln in text.split("\n") if (lg := footnote_legend(ln))]
            continue
        if lone_note_label(text) is not None:
            continue  # the label of the note under it
        m = match_label(text.split("\n", 1)[0])
        if m is not None and m.field in trailing_fields():
            found = read_fields(text)
            fields += found
            notes += [f.value for f in found if f.field == "notes" and f.value]
            if found:
                continue
        notes.append(text)
    return Tail(story, notes, fields, legends, status)


def _talk_after_last_break(blocks: Sequence[Block]) -> int | None:
    """Where an unlabelled closing note starts: the short text after the last break,
    when every paragraph of it is the author talking to readers about the story's
    posting ("Next update might be slow, uni starts Monday.") and at least three
    times as many words of story stand above the break."""
    n = len(blocks)
    last = next((k for k in range(n - 1, 0, -1) if _is_break(blocks[k])), None)
    if last is None or last < n - 1 - _TALK_BLOCKS:
        return None
    tail = [b.text.strip() for b in blocks[last + 1 :] if b.text.strip()]
    words = sum(count_words(t) for t in tail)
    above = sum(count_words(b.text) for b in blocks[:last])
    if not tail or words > _TALK_WORDS or above < 3 * words:
        return None
    if not _author_talk(tail[0]) or not all(_author_talk(t) or _signature(t) for t in tail):
        return None
    return last + 1


# Talk about posting a story, which its characters seldom do: updates, reviews, readers.
_POSTING = re.compile(
    r"\b(?:updates?|updating|reviews?|reviewers?|reviewing|readers|fics?|fanfics?|beta(?:['’]?d)?|"
    r"cliffhangers?|writer['’]?s\s+block|(?:this|next|last|the\s+next|new)\s+chapter)\b",
    re.I,
)
# ... and what only an author says of it, whoever speaks.
_POSTING_SURE = re.compile(
    r"\bnext\s+(?:update|chapter\s+(?:will|should|might|may|is|comes))\b|\bupdate\s+soon\b|"
    r"\b(?:this|last)\s+chapter\s+(?:was|is|took|has)\b|\bcliffhanger\b|\bwriter['’]?s\s+block\b",
    re.I,
)
_SPEAKER = re.compile(r"\b(?:I|I['’]m|I['’]ll|I['’]ve|my|me|you|you['’]ll|y['’]all|guys)\b")
_TALK_BLOCKS = 3
_TALK_WORDS = 60


def _author_talk(text: str) -> bool:
    """A paragraph of the author's own voice about the story's posting, not dialogue.

    >>> _author_talk("So that happened. Next update might be slow, uni starts Monday.")
    True
    >>> _author_talk("So that happened. I'm sorry, the next chapter might be slow.")
    True
    >>> _author_talk('"The next chapter of my life," I said.')
    False
    """
    s = text.strip()
    if not s or s[0] in "\"“'‘":
        return False
    return _POSTING_SURE.search(s) is not None or (
        _POSTING.search(s) is not None and _SPEAKER.search(s) is not None
    )


def _closes(blocks: Sequence[Block], i: int, after: int) -> bool:
    """Whether notes opening at ``blocks[i]`` can close the text: end matter follows a
    story, so a label or heading with far more words under it than the text above it
    ("Notes" under a pasted summary, then the whole story) opens no end; a short note
    may close a shorter drabble."""
    return after <= max(2 * sum(count_words(b.text) for b in blocks[:i]), _SHORT_NOTES_WORDS)


def _end_matter_start(blocks: Sequence[Block]) -> int | None:
    """Where end matter begins: under a heading of its own ("Glossary", "Translator's
    Notes:"), among the last blocks and with no more words after it than a closing note;
    or a list of glosses of the story's words after a break at its very end, or one
    gloss a paragraph closing it (:func:`closing_gloss_run`)."""
    n = len(blocks)
    for i in range(max(1, n - _TAIL_BLOCKS_AFTER_RULE), n):
        after = sum(count_words(b.text) for b in blocks[i:])
        if (
            opens_end_matter(blocks[i].text)
            and after <= _MAX_NOTE_AFTER_RULE_WORDS
            and (
                _closes(blocks, i, after)
                # A glossary may outrun a short story: its lines say what they are.
                or glossary_terms("\n".join(b.text for b in blocks[i + 1 :] if not _is_break(b)))
                is not None
            )
        ):
            return i
    # A list of glosses of the story's words closing it after a break, with no heading.
    for i in range(max(1, n - _TAIL_BLOCKS), n):
        tail = [b for b in blocks[i:] if not _is_break(b)]
        if _is_break(blocks[i - 1]) and tail and all(glossary_terms(b.text) for b in tail):
            story = "\n".join(b.text for b in blocks[:i])
            if all(glossary_of(b.text, story) for b in tail):
                return i
    texts = [b.text for b in blocks[-_TAIL_BLOCKS:]]
    run = closing_gloss_run(texts)
    return None if run is None else n - len(texts) + run


def legend_block(block: Block) -> bool:
    """Whether every line of the block is a footnote's legend ("[1] A word of ...")."""
    lines = [ln for ln in block.text.split("\n") if ln.strip()]
    return bool(lines) and all(footnote_legend(ln) for ln in lines)
