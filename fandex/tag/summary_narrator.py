"""The narrator of a story told in "I" whom its summary names in the third person.

A first-person narrator seldom says their own name, and others may never say it either:
the text is all "I". The author's summary, written from outside, often names them ("Katniss
finds a bottle of morphling in the back of a drawer.", "Bertie buys a pair of lavender
spats. Jeeves says nothing."). A name the summary gives a person that the story's
narration never uses is then the narrator's: the people the narrator meets are named in
the narration ("Jeeves said"), the narrator never is. Read only for a story told in "I"
whose narrator nothing else found (no viewpoint tag, no name others call them), with one
scan of the text for the summary's names together.
"""

from __future__ import annotations

import re

from fandex.model import Evidence, Tag, Work
from fandex.tag.characters_narrator import called, told_by
from fandex.tag.lowercase import COMMON
from fandex.tag.nonperson import foreign_place, kind_or_place, number_word
from fandex.tag.propernames import NAME_RUN, PLACE_HEADS, POSSESSIVE, STOP, kin_word
from fandex.tag.unknown_cast import summary_names
from fandex.vocab.names import common_given_name

# Words of a summary's run that name no one: the stop words and titles, and the short
# titles before a name ("Dr. Mensah", "Mrs Darcy").
_NOT_NAME = STOP | frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Mx", "Sir", "Dame", "Lady", "Lord"})


# A run of capitalised words, and the word after it: a verb in the present or the past
# ("Bertie buys", "Cecil has a cold", "Katniss found") makes the run its subject.
_SUBJECT = re.compile(rf"({NAME_RUN.pattern})[ \t]+([a-z]+)\b")
_AUXILIARIES = frozenset({"was", "had", "can", "could", "will", "would", "must", "may"})
# A name's word: a capital, then lower case ("Bertie", "O'Hara", "Jean-Luc"), no acronym.
_NAME_WORD = re.compile(r"[A-Z][a-zà-ÿ]+(?:['’-][A-Z]?[a-zà-ÿ]+)*")


def subjects(summary: str) -> set[str]:
    """The runs of capitalised words a summary makes the subject of a verb ("Bertie buys
    a pair of spats" -> "Bertie"): a person the summary tells of, not a word opening a
    sentence ("Voicemails from a week in March") nor a heading.

    >>> sorted(subjects("Bertie buys a pair of spats. Increasingly, Jeeves says nothing."))
    ['Bertie', 'Jeeves']
    """
    out: set[str] = set()
    for m in _SUBJECT.finditer(summary):
        verb = m.group(2)
        if verb.endswith(("s", "ed")) or verb in _AUXILIARIES:
            out.add(POSSESSIVE.sub("", m.group(1)))
    return out


def _inflected(word: str) -> bool:
    """Whether ``word`` ends as an English verb or adverb does ("Transcribed",
    "Increasingly", "Waiting") and is no given name ("Fred", "Emily"): a summary's
    capitalised opening word, no one's name."""
    low = word.lower()
    return low.endswith(("ed", "ly", "ing")) and not common_given_name(word)


def _person(run: str) -> str | None:
    """The name a summary's run of capitalised words gives a person, its titles dropped
    ("Captain Crozier" -> "Crozier", "Dr. Mensah" -> "Mensah"); None for a word no one is
    named ("I", "After", a kin word, a place)."""
    words = [w for w in run.split() if w.rstrip(".") not in _NOT_NAME]
    if not words or any(len(w) < 3 or not _NAME_WORD.fullmatch(w) for w in words):
        return None
    if any(w.lower() in COMMON or kin_word(w) or number_word(w) or _inflected(w) for w in words):
        return None
    name = " ".join(words)
    if words[-1] in PLACE_HEADS or kind_or_place(name) or foreign_place(name):
        return None
    return name


def summary_narrator(work: Work) -> str | None:
    """The one person the summary of ``work``, a story told in "I", names whose name
    (no word of it) the text never uses but to call the narrator by it
    (:func:`fandex.tag.characters_narrator.called`), or not at all; None when there is
    no such name or more than one."""
    if not work.summary or told_by(work) != "I":
        return None
    runs = summary_names(work.summary) & subjects(work.summary)
    names = sorted({n for r in runs if (n := _person(r)) is not None})
    if not names:
        return None
    words = sorted({w for n in names for w in n.split()}, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w'’])(?:" + "|".join(map(re.escape, words)) + r")(?![\w’])", re.IGNORECASE
    )
    # A word of a name used in the narration, or in what the narrator says or is said of
    # in dialogue, is someone the narrator speaks of; one the text writes in lower case
    # ("the hive") is a word English uses, no one's name. Only a name others call the
    # narrator by ('"Ilse, your hair's wet"') or none at all is left.
    narrated: set[str] = set()
    for ch in work.chapters:
        for m in pattern.finditer(ch.text):
            word = m.group()
            if word[0].islower():
                narrated.add(word.capitalize())
            elif word not in narrated and not called(ch.text, m.start(), m.end()):
                narrated.add(word)
    absent = [n for n in names if not {w.capitalize() for w in n.split()} & narrated]
    return absent[0] if len(absent) == 1 else None


def summary_narrator_tag(work: Work, name: str, tagger: str) -> Tag:
    """A character tag for the narrator the summary names, where the text never names
    them: its evidence is the summary. The character tagger marks it the narrator's
    (mentioned by every "I") and calibrates it."""
    attrs: dict[str, object] = {"role": "main", "mentions": 0, "share": 1.0, "density": 0.0}
    attrs["raw_confidence"] = 0.9
    attrs["summary_narrator"] = True
    ev = Evidence(field="summary", quote=(work.summary or "")[:300])
    return Tag("character", name, "inferred", 0.9, [ev], tagger, attrs)
