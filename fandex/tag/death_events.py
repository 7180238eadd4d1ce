"""A death told as an event of the story: a person of it dies in a main clause.

The death lexicon (:mod:`fandex.tag.cues_analysis`) weighs death words by passage; most
deaths that authors warn for as Major Character Death are told in one plain sentence
("He died at about four in the afternoon.", "Babcia dies at twenty past two."), below
any passage threshold. This module finds that sentence by the shape of the clause:

- the verb is a death as it happens (``events``: "died", "passed away", "stopped
  breathing"), not a state ("was gone", "is dead": a leaving, a ghost, a death reported);
- its subject opens the clause (at a sentence start, or after "and", "then"): "he" or
  "she", or a name (a capitalised word that is no ordinary English word) that the story
  names elsewhere, so a person of the story, not "The Impala", "his father" or "they";
- the clause is told by the narration (not in dialogue) in the story's present: a
  simple past in a story told in the present tense is before the story, and "had died"
  never matches (its subject is not next to the verb);
- the word after the verb is no sign of a leaving or a time ("was gone eleven");
- or the breathing stops in the narration: "the breathing stopped", "let out a long
  breath, and did not take another" (its subject is the breath, read no further; "had
  stopped breathing" is before the story); or the time of the death is said aloud
  ("looks at her watch and says the time"); or, as a ``weak`` event the caller weighs
  against the work's other death cues, the heart stops or a hand goes slack.

The word lists are ``fandex/vocab/death_events.toml``.

>>> [e.subject for e in death_events("Wyn laughed. Wyn died a little after midnight.")]
['Wyn']
>>> death_events("The Impala died at mile marker 212. It was late.")
[]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import NamedTuple

from fandex.tag.clause_edges import CLAUSE_END, clause_start
from fandex.tag.events import narrated_in_present
from fandex.tag.lowercase import COMMON
from fandex.tag.lowered import lowered_in_place, padded_in_place
from fandex.tag.mentions import in_dialogue
from fandex.tag.vectorscan import LEAD, Prefiltered
from fandex.vocab.ao3 import load_toml

_WORD = re.compile(r"[\w'’-]+|,")
# A verb of the past: in a story told in the present it is before the story.
_PAST_VERB = re.compile(r"\b(?:\w+ed|was|did)\b")
_REACH = 60  # characters read before a verb for its subject


@dataclass(frozen=True)
class DeathEvent:
    """One death told as an event: where its verb is and who dies (``weak``: a sign
    that also tells a faint or a sleep, a death only beside other death cues)."""

    start: int
    end: int
    subject: str
    weak: bool = False


@dataclass(frozen=True)
class _Words:
    verbs: frozenset[str]
    breath: frozenset[str]
    after_breath: frozenset[str]
    breath_words: tuple[str, ...]
    time_called: frozenset[str]
    weak: frozenset[str]
    time_nouns: frozenset[str]
    not_after_time: frozenset[str]
    scan: Prefiltered
    pronouns: frozenset[str]
    openers: frozenset[str]
    skipped: frozenset[str]
    determiners: frozenset[str]
    not_after: frozenset[str]
    undone: tuple[str, ...]


@cache
def _words() -> _Words:
    table = load_toml("death_events.toml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in table.get(key, []))

    verbs, breath, after = words("events"), words("breath_stops"), words("no_other_breath")
    time_called, weak = words("time_called"), words("weak_signs")
    # One scan for every phrase, longest first ("was shot dead" before a shorter verb),
    # from Vectorscan's candidates: the regex alone, tried at every word of a novel,
    # would cost the tagger more than the rest of the warnings.
    alternatives = sorted(verbs | breath | after | time_called | weak, key=len, reverse=True)
    spaced = (r"\s+".join(re.escape(p) for p in a.split()) for a in alternatives)
    scan = Prefiltered(re.compile(LEAD + "(" + "|".join(spaced) + r")\b"))
    return _Words(
        verbs=verbs,
        breath=breath,
        after_breath=after,
        breath_words=tuple(sorted(words("breath_words"))),
        time_called=time_called,
        weak=weak,
        time_nouns=words("time_nouns"),
        not_after_time=words("not_after_time"),
        scan=scan,
        pronouns=words("pronouns"),
        openers=words("openers"),
        skipped=words("skipped"),
        determiners=words("determiners"),
        not_after=words("not_after"),
        undone=tuple(sorted(words("undone"))),
    )


class _Hit(NamedTuple):
    start: int
    end: int
    phrase: str


def _find_all(padded: str, w: _Words) -> list[_Hit]:
    """Where the phrases of ``w`` stand as whole words in ``padded`` (the text lower-cased
    behind a space, :func:`fandex.tag.lowered.padded_in_place`), in text order."""
    # The scan's lead is the character before a phrase: one more before the text.
    return [
        _Hit(m.start(1) - 1, m.end(1) - 1, " ".join(m.group(1).split()))
        for m in w.scan.finditer(padded)
    ]


def _subject(before: list[str], w: _Words) -> str | None:
    """The clause's subject when ``before`` (the words from the clause start to the verb)
    is an opener, a subject and skippable words; None otherwise."""
    words = list(before)
    while words and (words[-1].lower() in w.skipped or words[-1].lower().endswith("ly")):
        words.pop()
    if not words:
        return None
    if words[-1].lower() in w.pronouns:
        subject, rest = words[-1], words[:-1]
    else:
        # A name of one to three capitalised words ("Tamsin Oyelaran-Frost").
        n = 0
        while n < min(3, len(words)) and words[-1 - n][0].isupper():
            n += 1
        if not n:
            return None
        subject, rest = " ".join(words[-n:]), words[:-n]
        if subject.split()[0].lower() in w.determiners:
            return None
        if not any(p.lower() not in COMMON for p in subject.split()):
            return None  # "First", "Perhaps": an ordinary word at a sentence start
    # What comes before the subject must open the clause: nothing, or "and", "then".
    rest = [x for x in rest if x != ","]
    if "and" in (x.lower() for x in rest):
        # "She had been shot and she died": the second clause of two joined by "and".
        rest = rest[len(rest) - [x.lower() for x in rest][::-1].index("and") :]
    if any(x.lower() not in w.openers for x in rest):
        return None
    return subject


def death_events(text: str, present_tense: bool | None = None) -> list[DeathEvent]:
    """The deaths ``text`` tells as events of the story (see the module docstring).
    ``present_tense``: whether the text is narrated in the present, so a simple past is
    before the story; None: read it from the text
    (:func:`fandex.tag.events.narrated_in_present`), only if a death in the past is found."""
    tense: list[bool] = [] if present_tense is None else [present_tense]

    def in_present() -> bool:
        if not tense:
            tense.append(narrated_in_present(text))
        return tense[0]

    w = _words()
    low = lowered_in_place(text)
    out: list[DeathEvent] = []
    hits = _find_all(padded_in_place(text), w)
    for m in hits:
        if m.phrase not in w.verbs:
            continue
        verb = m.phrase
        after = _WORD.findall(text, m.end, m.end + 20)
        if after and after[0].lower() in w.not_after:
            continue
        lo = max(0, m.start - _REACH)
        cut = clause_start(text, m.start, lo)
        if cut == lo and lo > 0:
            continue  # no clause start within reach: a long clause, read no further
        before = _WORD.findall(text, cut, m.start)
        subject = _subject(before, w)
        if subject is None or in_dialogue(text, m.start):
            continue
        named = subject.lower() in w.pronouns or _named_elsewhere(text, subject, cut, m.start)
        if not named:
            continue
        if (_PAST_VERB.search(verb) and in_present()) or habitual(text, m.start):
            continue
        if undone(text, m.end):
            continue
        out.append(DeathEvent(m.start, m.end, subject))
    return out + _last_breaths(text, low, hits, in_present, w)


def _last_breaths(
    text: str, low: str, hits: list[_Hit], in_present: Callable[[], bool], w: _Words
) -> list[DeathEvent]:
    """The breathing stopping, told by the narration (see the module docstring)."""
    out: list[DeathEvent] = []
    for m in hits:
        timed, weak = m.phrase in w.time_called, m.phrase in w.weak
        if not (timed or weak or m.phrase in w.breath or m.phrase in w.after_breath):
            continue
        if m.phrase in w.after_breath:
            lo = max(0, m.start - _REACH * 2)
            cut = clause_start(low, m.start, lo)
            if not any(b in low[cut : m.start] for b in w.breath_words):
                continue  # the last breath is told in the same sentence
        before = _WORD.findall(low, max(0, m.start - 12), m.start)
        after = _WORD.findall(text, m.end, m.end + 20)
        stops = w.not_after_time if timed else w.not_after
        # "had stopped" is before the story; "the moment her heart stopped" a time named.
        gone_by = before and (before[-1] in ("had", "'d", "’d") or before[-1] in w.time_nouns)
        if gone_by or (after and after[0].lower() in stops):
            continue
        if in_dialogue(text, m.start):
            continue
        # "has stopped" is a present-tense story's own past.
        if _PAST_VERB.search(m.phrase) and " has " not in m.phrase and in_present():
            continue
        out.append(DeathEvent(m.start, m.end, "time" if timed else "breath", weak))
    return out


def habitual(text: str, start: int) -> bool:
    """Whether the sentence round ``start`` tells a habit ("Every night at nine forty,
    Noor died in his arms", "Noor died on time and Callum kissed her every night": a play,
    a loop), so the cue at ``start`` is no one event.

    >>> habitual("Every night at nine, Noor died on the stage.", 30)
    True
    """
    w = _words()
    lo = max(0, start - _REACH * 2)
    cut = clause_start(text, start, lo)
    end = CLAUSE_END.search(text, start, start + _REACH * 2)
    words = [
        x.lower() for x in _WORD.findall(text, cut, end.start() if end else start + _REACH * 2)
    ]
    return any(a in ("every", "each") and b in w.time_nouns for a, b in pairwise(words))


def undone(text: str, end: int) -> bool:
    """Whether the rest of the sentence after a death ending at ``end`` undoes it ("died,
    at great and comic length, before being revived by the Fairy": a stage's, a spell's,
    a resuscitation), so the death is no event of the story.

    >>> undone("Dame Trott died for four minutes before being revived.", 15)
    True
    """
    stop = CLAUSE_END.search(text, end, end + _REACH * 3)
    rest = text[end : stop.start() if stop else end + _REACH * 3].lower()
    return any(w in rest for w in _words().undone)


def _named_elsewhere(text: str, subject: str, lo: int, hi: int) -> bool:
    """Whether the story names ``subject`` outside its clause ``text[lo:hi]``: a person
    of the story, alive somewhere in it, not a name met once. Any word of a full name
    will do that is no ordinary word: a story that calls a man "Sang-hwa" throughout
    may give his family name first once, where he dies ("Yoon Sang-hwa died")."""
    words = subject.split()
    for word in (words[0], *(x for x in words[1:] if x.lower() not in COMMON)):
        i = text.find(word)
        while i >= 0:
            if not lo <= i < hi:
                return True
            i = text.find(word, i + len(word))
    return False
