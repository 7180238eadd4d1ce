"""A death told by a body that stops moving after a wound, of a person the story dwells on.

Some deaths on the page never name the death: "He took the knife and stabbed the painter
in the neck ... his hands moved on the table as if he were trying to find one. Then they
did not move."; "Bunny went backwards over the edge ... He was lying on the rocks. He was
not moving."; "The spear goes in under his ribs ... and Patroclus lets go." English tells
it by three things:

- a **stillness** told by the narration at the end of its clause ("did not move again",
  "was not moving", "lets go."; not "did not move for a while", "let go of the rope");
- a **wound or a fall** in the lines before it (``wounds``: "stabbed", "the spear",
  "over the edge");
- **someone the story dwells on who never acts again**: the name that is the stillness's
  subject, or for "he", "she" or "they" one named in the sentence of the wound (or "the
  painter", if it speaks), who acts in the narration in the pages before, is named at
  least ``_DWELT`` times before it, and is never the subject of a verb after it. A guard
  felled in a fight is named little or not at all; one knocked down who gets up acts
  again; a person frozen still ("Kara went still.") has no wound before it.

The word lists are ``fandex/vocab/death_stillness.toml``.

>>> text = ("Ivo laughed. Ivo said no. Ivo sat. Ivo drank. Ivo stood. Mara stabbed him "
...         "twice. Ivo fell. He did not move again. Mara walked out.")
>>> [e.subject for e in stillness_events(text)]
['Ivo']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fandex.tag.clause_edges import CLAUSE_END, clause_start
from fandex.tag.death_aftermath import acts_before, is_name, noun_acts_before
from fandex.tag.death_events import DeathEvent, habitual
from fandex.tag.lowered import padded_in_place
from fandex.tag.mentions import in_dialogue
from fandex.tag.phrase_patterns import alternation
from fandex.tag.vectorscan import LEAD, Prefiltered
from fandex.vocab.ao3 import load_toml

_WOUND_REACH = 1500  # characters read back from the stillness for the wound
_PERSON_REACH = 3000  # ... for the people who acted last
_DWELT = 3  # times a person is named before, to be one the story dwells on
_CAPITAL = re.compile(r"\b[A-Z][\w'’-]*")
_WORD = re.compile(r"[\w'’-]+")
# A name, a phrase set off by commas beside it, the stillness's subject ("Patroclus, son
# of Menoitius,").
_APPOSED = re.compile(r"\b([A-Z][\w'’-]*),[^,.;]{1,50},\s*$")
# One closing another's eyes: "she closed his eyes", "Zofia closed his eyes with her hands":
# the eyes and the hands (lower-cased for the scan), and the one who closes them before.
_EYES_LOW = r"(?:closed|shut|closes|shuts)\s+(?:his|her)\s+eyes"
_EYES = re.compile(
    r"(?:closed|shut|closes|shuts)\s+(his|her)\s+eyes\b(?:\s+with\s+(his|her)\b)?", re.I
)
_CLOSER = re.compile(
    r"\b([Hh]e|[Ss]he|[A-Z][\w'’-]*)\s+(?:\w+ly\s+)?(?:reached\s+(?:over|out|down)\s+and\s+)?$"
)
_GENDER = {"he": "his", "she": "her"}
_AFTER_REACH = 20_000  # characters read after a stillness for the one gone acting again
# Words after a name that do not make it a subject: it is owned, listed, an object.
_NOT_SUBJECT = frozenset(
    {"and", "or", "of", "the", "a", "to", "in", "on", "at", "for", "with", "by", "from",
     "who", "whose", "which", "that", "was", "had", "would", "is", "were", "s"}
)  # fmt: skip
_THE_NOUN = re.compile(r"\b[Tt]he ([a-z]+)\b")


@dataclass(frozen=True)
class _Words:
    stillness: re.Pattern[str]
    no_waking: re.Pattern[str]
    as_if_alive: re.Pattern[str]
    wounds: re.Pattern[str]
    not_after: frozenset[str]
    generic: frozenset[str]
    # every sign at once, over the text lower-cased behind a space: Vectorscan's
    # candidates, as a case-blind regex tried at every word of a novel costs seconds
    scan: Prefiltered


@cache
def _words() -> _Words:
    table = load_toml("death_stillness.toml")
    still = alternation(table["stillness"] + table["no_waking"])
    alive = rf"as\s+(?:if|though)\s+(?:he|she)\s+(?:{alternation(table['as_if_alive'])})"
    return _Words(
        # the stillness ends its clause: "He did not move." not "did not move a muscle"
        stillness=re.compile(rf"\b(?:{still})(?=\s*[.,;!\n])", re.I),
        no_waking=re.compile(alternation(table["no_waking"])),
        as_if_alive=re.compile(rf"\b{alive}\b", re.I),
        scan=Prefiltered(re.compile(rf"{LEAD}((?:{still})|{alive}|{_EYES_LOW})\b")),
        wounds=re.compile(rf"\b(?:{alternation(table['wounds'])})\b", re.I),
        not_after=frozenset(str(w).lower() for w in table.get("not_after", [])),
        generic=frozenset(str(w).lower() for w in table.get("generic", [])),
    )


def stillness_events(text: str, later: str = "") -> list[DeathEvent]:
    """The deaths ``text`` tells by a body going still after a wound (see the module
    docstring), each of the person the story dwells on who never acts again: in the
    rest of ``text`` nor in ``later`` (the chapters after it: one struck down at a
    chapter's end who gets up in the next is no death)."""
    w = _words()
    low = padded_in_place(text)
    # The scan's lead is the character before a sign: one more before the text.
    at = [c.start(1) - 1 for c in w.scan.finditer(low)]
    if not at:
        return []
    if later:
        text = text + "\n\n" + later[:_AFTER_REACH]
    out: list[DeathEvent] = []
    for pos in at:
        if in_dialogue(text, pos):
            continue
        if m := w.stillness.match(text, pos):
            who = _stilled(text, m, w)
        elif m := w.as_if_alive.match(text, pos):
            # "They wrapped him in a foil blanket, as if he could still be cold": no
            # wound needed; one named in the passage before
            who = _gone(text, pos, m.end(), w, "He", [text[max(0, pos - _WOUND_REACH) : pos]])
        elif m := _EYES.match(text, pos):
            who = _eyes_closed(text, m, w)
        else:
            continue
        if who:
            out.append(DeathEvent(m.start(), m.end(), who))
    return out


def _stilled(text: str, m: re.Match[str], w: _Words) -> str | None:
    """Whom the stillness ``m`` befalls, if a death: the clause ends, its subject is a
    person, a wound is told before (or it is a never waking)."""
    if habitual(text, m.start()):
        return None
    after = re.match(r"\s*[,;]?\s*(\w+)", text[m.end() : m.end() + 30])
    if after and (after.group(1).lower() in w.not_after or _verb(after.group(1))):
        return None  # "did not move, until", "let go, moved back": a pause, not an end
    subject = _subject(text, m.start())
    if subject is None:
        return None  # "a man who was not moving", "did not once let go"
    # The wounds before it, each in its sentence: the one who dies is named there
    # ("stabbed the painter in the neck", "Bunny went backwards over the edge").
    lo = max(0, m.start() - _WOUND_REACH)
    told = [_sentence(text, x.start()) for x in w.wounds.finditer(text, lo, m.start())]
    if w.no_waking.fullmatch(m.group(0).lower()):
        # "Ezio didn't open his eyes.": no wound needed; "he" is one named in the
        # sentence before
        before = _sentence_start(text, max(0, _sentence_start(text, m.start()) - 1))
        told = [text[before : m.start()]]
    if not told:
        return None  # a person frozen, a hand let go: no wound before
    return _gone(text, m.start(), m.end(), w, subject, told)


def _eyes_closed(text: str, m: re.Match[str], w: _Words) -> str | None:
    """ "Zofia closed his eyes with her red hands", "she closed his eyes": one closing
    another's eyes (a "he" the eyes of a "her", or the hands of one gender the eyes of
    the other) is a death, no wound needed, of the person the story dwells on named in
    the passage before who never acts again."""
    closer = _CLOSER.search(text, max(0, m.start() - 80), m.start())
    if closer is None:
        return None
    who, eyes, hands = closer.group(1).lower(), m.group(1).lower(), m.group(2)
    other = (who in _GENDER and _GENDER[who] != eyes) or (
        hands is not None and hands.lower() != eyes
    )
    if not other:
        return None
    return _gone(
        text, m.start(), m.end(), w, "He", [text[max(0, m.start() - _WOUND_REACH) : m.start()]]
    )


def _verb(word: str) -> bool:
    return word.islower() and word.endswith("ed") and len(word) > 4


def _sentence_start(text: str, at: int) -> int:
    return clause_start(text, at, max(0, at - 300))


def _sentence(text: str, at: int) -> str:
    lo = clause_start(text, at, max(0, at - 300))
    end = CLAUSE_END.search(text, at, at + 300)
    return text[lo : end.start() if end else at + 300]


def _subject(text: str, start: int) -> str | None:
    """The subject of the stillness at ``start`` if it is a person: "he", "she", "they"
    (his hands), or a name ("Patroclus, son of Menoitius, lets go"), an "and" or "then"
    between; None for "who" (a man who was not moving, whoever he is), a noun ("on his
    face and did not move again") or a negation ("did not once let go")."""
    words = _WORD.findall(text, max(0, start - 40), start)
    while words and words[-1].lower() in ("and", "then", "just", "simply", "finally"):
        words.pop()
    if not words:
        return None
    last = str(words[-1])
    if last.lower() in ("he", "she", "they") or (last[0].isupper() and last != "I"):
        return last
    return None


def _gone(text: str, start: int, end: int, w: _Words, subject: str, told: list[str]) -> str | None:
    """The person the story dwells on who acted in the lines before ``start`` and never
    acts after ``end``: the ``subject`` if it is a name, else one named in a sentence
    of a wound (``told``): a name, or "the painter" (the most named, if several)."""
    lo = max(0, start - _PERSON_REACH)
    # how often each is named before the stillness's own sentence: one the story dwells on
    told_at = clause_start(text, start, max(0, start - 300))
    counts: dict[str, int] = {}
    named = subject[0].isupper() and subject not in ("He", "She", "They")
    for m in _CAPITAL.finditer(text, lo, start):
        word = re.sub(r"['’]s$", "", m.group(0))
        if word in counts or word.isupper() or word[:2] in ("I'", "I’"):
            continue
        counts[word] = 0
        # a name as the subject: that name, or one it stands beside ("Patroclus, son of
        # Menoitius, lets go")
        if (named and word not in (subject, _apposed(text, start))) or (
            not named and not _in_any(word, told)
        ):
            continue
        counts[word] = 0
        if not (is_name(text, word, start) and acts_before(text, word, start)):
            continue
        if acts_before(text, word, 0, end) or _subject_after(text, word, end):
            continue  # acts again: knocked down, not dead
        counts[word] = len(re.findall(rf"\b{re.escape(word)}\b", text[:told_at]))
    for m in _THE_NOUN.finditer(text, lo, start):
        noun = m.group(1)
        key = "the " + noun
        if key in counts or noun in w.generic or in_dialogue(text, m.start()):
            continue
        counts[key] = 0
        if named or not _in_any(key, told, re.I):
            continue
        # "the painter" is a person of the story if it speaks ("said the painter"), not
        # a landing or a lamp that "was" something
        speaks = re.search(rf"\b(?:said|asked) the {noun}\b|\bthe {noun} (?:said|asked)\b", text)
        if not speaks or noun_acts_before(text, noun, end, True):
            continue
        counts[key] = len(re.findall(rf"\b[Tt]he {noun}\b", text[:told_at]))
    dwelt = {k: n for k, n in counts.items() if n >= _DWELT}
    return max(dwelt, key=lambda k: dwelt[k]) if dwelt else None


def _apposed(text: str, start: int) -> str | None:
    """The name a named subject stands beside ("Patroclus, son of Menoitius, lets go":
    Patroclus), if the clause before ``start`` has that shape."""
    m = _APPOSED.search(text, max(0, start - 80), start)
    return str(m.group(1)) if m else None


def _subject_after(text: str, name: str, end: int) -> bool:
    """Whether ``name`` is the subject of any word after ``end`` in the narration
    ("Greg didn't miss the look"): read wider than the verbs that make one act, since
    one who has died is named after only as owner or object ("they found Bunny")."""
    pattern = re.compile(rf"\b{re.escape(name)}\s+([a-z][\w'’]*)")
    for m in pattern.finditer(text, end, end + _AFTER_REACH):
        if m.group(1) not in _NOT_SUBJECT and not in_dialogue(text, m.start()):
            return True
    return False


def _in_any(word: str, sentences: list[str], flags: int = 0) -> bool:
    pattern = re.compile(rf"\b{re.escape(word)}\b", flags)
    return any(pattern.search(s) for s in sentences)
