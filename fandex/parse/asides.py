"""Author's asides: text where the author talks to readers about the story, not the story.

A fan skips these without thinking: "Have no fear, a new fic is here... enjoy and
review", a harem list, a disclaimer, "This fic hits its stride around chapter 5". They
sit above the first chapter heading or before the first separator, and they are made
of talk *about* the story (fic, chapter, review, readers, pairing, canon) and of short
list lines, where the story is made of narrative paragraphs.

:func:`reads_as_asides` judges a run of paragraphs; :func:`take_front_notes` moves a
work's opening aside chunk (an untitled first "chapter" before the first chapter
heading) into its notes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fandex.model import Work, count_words
from fandex.parse.lines import separators_only

# Words of talk about a story. Deliberately not "own" or "story" alone: stories use them.
_META = re.compile(
    r"\b(?:fics?|fanfics?|fanfictions?|fan\s+fictions?|fiction|chapters?|ch\.\s*\d|"
    r"reviews?|reviewers?|reviewing|readers?|author(?:s|['’]s|s['’])?|a/n|updates?|updating|"
    r"posting|beta(?:['’]d|ed|s)?|disclaimers?|pairings?|harem|oc|ocs|canon|au|"
    r"plot\s+twists?|prompts?|fandoms?|spoilers?|kudos|feedback|flames?|one-?shot|"
    # "this story", and in scare quotes: "This ‘story’ is nothing more than a test".
    r"sequel|prequel|drabble|self-?insert|rated|(?:this|the|my|new|next|first|last)\s+['‘\"“]?story|"
    r"i\s+(?:do\s*n['’o]?t\s+|do\s+not\s+)?own|owns|enjoy|thanks|thank\s+you|"
    r"suggestions?|bashing|wip|hiatus|prologue|epilogue|paragraphs?|pacing|outline|"
    r"brainstorm\w*|keep\s+in\s+mind|(?:in\s+)?(?:this|my)\s+(?:universe|verse|version|"
    r"timeline)|"
    # "I am currently writing a different type of Star Trek story. Here's a sample."
    r"writing\s+(?:a|an|this|my|the)\s+(?:[\w'’-]+\s+){0,5}(?:story|fic|series|novel)|"
    r"here['’]?s\s+(?:a|the)\s+(?:sample|taste|teaser|snippet|preview|excerpt))\b",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\W{0,3}(?:a\s*/\s*n|author['’]?s?\s+notes?|notes?|disclaimer)\b", re.I)
# A short line is a list item or a legend ("Mei", "'Talking'"), not narrative.
_SHORT_LINE = 5
# An opening chunk longer than this share of the story after it is not a preface.
_MAX_SHARE = 0.5


def _aside_words(paragraph: str) -> tuple[int, int]:
    """(words that read as aside, all words) of one paragraph."""
    words = count_words(paragraph)
    if not words:
        return 0, 0
    lines = [ln for ln in paragraph.splitlines() if ln.strip()]
    if all(count_words(ln) <= _SHORT_LINE for ln in lines):
        return words, words
    if _LABEL.match(paragraph) or _META.search(paragraph):
        return words, words
    return 0, words


_OWN = re.compile(
    r"\b(?:I|we)\s+(?:do\s*n['’o]?t\s+|do\s+not\s+)?(?i:own)\s+(?:nothing|anything|any\s+of|"
    r"[A-Z]|the\s+(?:characters|rights|show|series|books?|fandom|world))"
)
_DISCLAIMS = re.compile(
    # "disclaimer" may end a longer token: '#include "stddisclaimer.h"' stands for one.
    r"(?i:disclaimer\b|\b(?:is|are)\s+not\s+mine\b)"
    # "The Fireflyverse is the property of the great Joss Whedon": present tense, and
    # a name after "of" ("the property of my uncle" is a story's sentence).
    r"|\b(?:is|are)\s+(?:the\s+)?(?:sole\s+)?(?:property|copyright)\s+of\s+"
    r"(?:the\s+)?(?:(?:great|wonderful|amazing|brilliant|talented)\s+)?[A-Z]"
)
# An opening disclaimer is a short paragraph; the story after it is much longer.
_OPENING_WORDS = 80


def closing_disclaimer(text: str) -> bool:
    """A short unquoted line of ownership at a story's end ("Also I own Naruto Rasengan
    Slam", "I don't own Narnia"): the author's, not the story's.

    >>> closing_disclaimer("Also I own Naruto Rasengan Slam")
    True
    >>> closing_disclaimer('"I own nothing now," she said.')
    False
    """
    s = text.strip()
    if count_words(s) > 15 or any(q in s for q in '"“”'):
        return False
    return _OWN.search(s) is not None


def take_opening_disclaimer(work: Work) -> None:
    """Move a disclaimer the author wrote as the story's first paragraph, with no label
    ("I do not own Harbour Tales. Thanks to my muse for the idea."), into the notes.

    >>> from fandex.model import Chapter
    >>> w = Work(chapters=[Chapter(1, None, "I don't own Harbour Tales.\\n\\n" + "Ila ran. " * 40)])
    >>> take_opening_disclaimer(w)
    >>> w.notes_begin, w.chapters[0].text[:8]
    ("I don't own Harbour Tales.", 'Ila ran.')
    """
    if not work.chapters:
        return
    first = work.chapters[0]
    head, sep, rest = first.text.partition("\n\n")
    s = head.strip()
    if not sep or not s or s[0] in "\"“'‘" or count_words(s) > _OPENING_WORDS:
        return
    if not (_OWN.search(s) or _DISCLAIMS.search(s)) or count_words(rest) < 3 * count_words(s):
        return
    work.notes_begin = f"{work.notes_begin}\n\n{s}" if work.notes_begin else s
    rest = rest.lstrip("\n")
    # The rule that closed the disclaimer off belongs to it, not to the story.
    para, sep, after = rest.partition("\n\n")
    while sep and separators_only(para):
        rest = after.lstrip("\n")
        para, sep, after = rest.partition("\n\n")
    first.text = rest


def reads_as_asides(paragraphs: Sequence[str], *, share: float = 0.6) -> bool:
    """True when most of ``paragraphs`` (by words) is talk about the story or list lines.

    >>> reads_as_asides(["New fic! Please review.", "Mei", "Yugito", "Enjoy the story."])
    True
    >>> reads_as_asides(["The rain fell on the harbour all night.", "She waited."])
    False
    """
    aside = total = 0
    for p in paragraphs:
        a, t = _aside_words(p)
        aside += a
        total += t
    if not total:
        return False
    # At least one paragraph must be real talk about the story, not only short lines.
    talk = any(_LABEL.match(p) or _META.search(p) for p in paragraphs)
    return talk and aside >= share * total


def take_front_notes(work: Work) -> None:
    """Move an opening aside chunk into the work's notes.

    The chunk is a first chapter without a title, followed by chapters with titles
    (the text's first chapter heading came after it), that reads as asides and is
    short beside the story that follows.

    >>> from fandex.model import Chapter
    >>> w = Work(chapters=[Chapter(1, None, "My new fic! Review please.\\n\\nMei\\n\\nYugito"),
    ...     Chapter(2, "Chapter 1", "The sea was grey that morning. " * 3)])
    >>> take_front_notes(w)
    >>> [c.title for c in w.chapters], w.notes_begin
    (['Chapter 1'], 'My new fic! Review please.\\n\\nMei\\n\\nYugito')
    """
    if len(work.chapters) < 2 or work.chapters[0].title:
        return
    first, rest = work.chapters[0], work.chapters[1:]
    if not rest[0].title:
        return
    story_words = sum(c.words for c in rest)
    if first.words > _MAX_SHARE * story_words:
        return
    paragraphs = [p for p in first.text.split("\n\n") if p.strip()]
    # Under notes the header already holds, a few list lines (a cast list) are more notes.
    listed = bool(work.notes_begin) and all(
        count_words(ln) <= _SHORT_LINE for p in paragraphs for ln in p.splitlines()
    )
    if not (listed or reads_as_asides(paragraphs)):
        return
    work.notes_begin = f"{work.notes_begin}\n\n{first.text}" if work.notes_begin else first.text
    work.chapters = rest
    for i, c in enumerate(rest, start=1):
        c.index = i
