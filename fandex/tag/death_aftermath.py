"""A death told by another's act or by its aftermath, to a person of the story.

:mod:`fandex.tag.death_events` reads the plain sentence in which someone dies ("Wyn
died a little after midnight"). Many deaths are told otherwise: done by someone else
("Oskar was shot dead", "Ilse killed Oskar"), or told only by what follows them
("Billy was lying in the crater with his eyes open, and he was dead", "Thomas had died
in his sleep", "the week after Morfydd's funeral"). Those words are as often said of
someone who died before the story (a father remembered, a mystery's victim), so each
needs the one it befalls to be a **person of the story**: a name that acts in the
narration earlier in the text ("Thomas said", "Billy wrote to his mother"), in the
story's own time (not "Neil had come into the hospice", not "Neil, who had sat").

- a killing done to the subject ("was killed", "is shot dead") or by someone to a named
  object ("Ilse killed Oskar", "shot Oskar dead");
- a name owning the aftermath of a death ("Oskar's funeral", "his grave" is not read:
  a pronoun's owner is not known), or "the late Oskar";
- the state of a death said of a name, or of "he"/"she" read back to the last name
  before it that acts ("Billy was dead", "he had drowned"): the death just past, not
  one set before the story ("had died when she was nine", "had died in 1703"); "was
  gone" only beside a body told ("his eyes were closed, and he was gone.");
- "the dead" and what the story calls a person of it ("the dead priest's hand", "a
  dead Christian priest and rocking him"), "the priest" acting before;
- the rites of a death owned by nobody, told late in the text ("the week after the
  funeral", "he sat with the body"), after which a person who acted before never acts
  again: a last scene, then grief.

Each is told by the narration (not in dialogue), not a habit, and its word after is no
sign of a time or a leaving ("was gone for an hour"). The word lists are
``fandex/vocab/death_aftermath.toml``.

>>> text = "Oskar laughed at the gate. Then Oskar was shot dead at dawn."
>>> [e.subject for e in aftermath_events(text)]
['Oskar']
>>> aftermath_events("His father was killed in the war. Oskar laughed.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from fandex.tag.clause_edges import CLAUSE_END, clause_start
from fandex.tag.death_events import DeathEvent, habitual, undone
from fandex.tag.lowercase import COMMON
from fandex.tag.lowered import padded_in_place
from fandex.tag.mentions import WORDS, in_dialogue
from fandex.tag.phrase_patterns import alternation
from fandex.tag.vectorscan import LEAD, Prefiltered
from fandex.vocab.ao3 import load_toml

_WORD = re.compile(r"[\w'’-]+|[,;:—–]")
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
_CAPITAL = re.compile(r"\b[A-Z][\w'’-]*")
_YEAR = re.compile(r"\b(?:1[0-9]|20)[0-9][0-9]s?\b")
# How far into a text the rites of a death are told late (see _rites).
_LATE_SHARE = 0.6
_ACT_REACH = 20_000  # characters read for a person's acts (see acts_before)
_RITES_REACH = 3000  # characters read back from the rites for the one who died
_REACH = 60  # characters read before a signal for its subject
# Words after a name that do not make it act: it is owned, listed, addressed, or before
# the story ("Neil had come", "Neil, who").
_NOT_ACTING = frozenset(
    {"had", "'d", "’d", "and", "or", "of", "the", "a", "to", "in", "on", "at", "for",
     "with", "by", "from", "who", "whose", "which", "that", "is", "was", "would", "'s",
     "’s", "s"}
)  # fmt: skip
# Words before a killing verb that say it was not done ("nearly killed", "never killed").
# ... or a figure or a thing ("it killed Alan not to", "the murdered Omega").
_NOT_DONE = frozenset(
    {"nearly", "almost", "never", "not", "n't", "would", "could", "might", "have", "'ve",
     "’ve", "to", "it", "that", "this", "the", "a", "an", "his", "her", "their"}
)  # fmt: skip
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "my", "our", "their", "this"})


@dataclass(frozen=True)
class _Words:
    kinds: dict[str, frozenset[str]]
    scan: Prefiltered
    passive: re.Pattern[str]
    states: re.Pattern[str]
    generic: frozenset[str]
    gone_signs: re.Pattern[str]
    long_ago: re.Pattern[str]
    vigil: frozenset[str]
    body_parts: frozenset[str]
    not_after: frozenset[str]


_SUBJECT = rf"\b({_NAME}|[Hh]e|[Ss]he)"
# What a killing verb's object, and "the late", are followed by: a name ("shot Oskar dead").
_NAME_AFTER = re.compile(rf"\s+({_NAME})(\s+dead)?\b")
# What "a dead" or "the dead" is followed by when no name: a noun, one capitalised word
# perhaps between ("a dead Christian priest"), and what it owns ("the dead priest's hand").
_NOUN_AFTER = re.compile(r"\s+(?:[A-Z][\w-]*\s+)?([a-z]+)\b(?:['’]s\s+([a-z]+))?")
# ... or what its next verb does to it ("a dead Christian priest and rocking him").
_OBJECT = re.compile(r",?\s+and\s+\w+(?:ing|ed)\s+(?:him|her)\b")
# What an aftermath noun is preceded by: a name owning it ("Oskar's funeral").
_OWNER_BEFORE = re.compile(rf"\b({_NAME})['’]s\s+$")


@cache
def _words() -> _Words:
    table = load_toml("death_aftermath.toml")
    skip = alternation(table.get("skipped", []))
    adverbs = rf"(?:\s+(?:{skip}|\w+ly))*"
    aux = alternation(table.get("passive_aux", []))
    kinds: dict[str, set[str]] = {}
    kinds_read = ("passive", "active", "shot_dead", "owned", "late", "states", "dead_noun", "rites")
    for kind in kinds_read:
        for phrase in table.get(kind, []):
            kinds.setdefault(" ".join(str(phrase).lower().split()), set()).add(kind)
    # One scan for every phrase, from Vectorscan's candidates; the subject or the name of
    # each is read only round a phrase found: a pattern tried at every capitalised word
    # of a novel would cost more than the rest of the warnings.
    scan = Prefiltered(re.compile(LEAD + "(" + alternation(list(kinds)) + r")\b"))
    return _Words(
        kinds={k: frozenset(v) for k, v in kinds.items()},
        scan=scan,
        # the subject and auxiliary before a killing verb ("Oskar was finally "), and
        # the subject before a state ("and he "), read back from the phrase
        passive=re.compile(rf"{_SUBJECT}\s+(?:{aux}){adverbs}\s+$"),
        states=re.compile(rf"{_SUBJECT}{adverbs}\s+$"),
        generic=frozenset(str(w).lower() for w in table.get("generic", [])),
        gone_signs=re.compile(rf"\b(?:{alternation(table.get('gone_signs', []))})\b", re.I),
        long_ago=re.compile(rf"\b(?:{alternation(table.get('long_ago', []))})\b", re.I),
        vigil=frozenset(str(w).lower() for w in table.get("vigil", [])),
        body_parts=frozenset(str(w).lower() for w in table.get("body_parts", [])),
        not_after=frozenset(str(w).lower() for w in table.get("not_after", [])),
    )


def aftermath_events(text: str) -> list[DeathEvent]:
    """The deaths ``text`` tells by another's act or by their aftermath, each to a person
    of the story (see the module docstring)."""
    w = _words()
    out: list[DeathEvent] = []
    # The scan's lead is the character before a phrase: one more before the text.
    for m in w.scan.finditer(padded_in_place(text)):
        start, end = m.start(1) - 1, m.end(1) - 1
        phrase = " ".join(m.group(1).split())
        kinds = w.kinds[phrase]
        if text[end : end + 1] in ("'", "’"):
            continue  # "killed's", a word going on
        if kinds & {"passive", "states"}:
            pattern = w.passive if "passive" in kinds else w.states
            sub = pattern.search(text, max(0, start - _REACH), start)
            if sub and _opens_clause(text, sub.start(1)) and _ends_ok(text, end, kinds, phrase, w):
                _add(out, text, sub.start(1), start, end, sub.group(1))
        if kinds & {"active", "shot_dead"}:
            obj = _NAME_AFTER.match(text, end)
            prev = _WORD.findall(text, max(0, start - 20), start)
            done = not (prev and prev[-1].lower() in _NOT_DONE)  # "nearly killed Papa"
            # "shot Oskar" is a hurt, "shot Oskar dead" a killing
            if obj and done and ("active" in kinds or obj.group(2)):
                _add(out, text, obj.start(1), start, obj.end(), obj.group(1))
        if "owned" in kinds:
            owner = _OWNER_BEFORE.search(text, max(0, start - _REACH), start)
            if owner:
                _add(out, text, owner.start(1), owner.start(1), end, owner.group(1))
        if "late" in kinds:
            late = _NAME_AFTER.match(text, end)
            if late and not late.group(2):
                _add(out, text, late.start(1), start, late.end(1), late.group(1))
        if "dead_noun" in kinds:
            _dead_noun(text, start, end, w, out)
        if "rites" in kinds and start >= len(text) * _LATE_SHARE:
            _rites(text, start, end, out)
    return sorted(set(out), key=lambda e: e.start)


def _rites(text: str, start: int, end: int, out: list[DeathEvent]) -> None:
    """ "The funeral was in the wooden church", "the week after the funeral", "he sat
    with the body": the rites of a death told late in the text, owned by nobody, are
    the death of a person of the story who acts before them and never after (a last
    scene, then grief); a funeral early in a text is the one the story starts from, of
    someone it never shows."""
    after = _WORD.findall(text, end, end + 12)
    if (after and after[0].lower() == "of") or in_dialogue(text, start) or habitual(text, start):
        return  # "in the wake of the ferry"
    if text[start:end].lower().startswith("with"):
        before = _WORD.findall(text, max(0, start - 16), start)
        if not before or before[-1].lower() not in _words().vigil:
            return  # "what to do with the body": a crime's, not a vigil
    acted: dict[str, bool] = {}
    # The names of the last scenes only: the one who dies acted shortly before (and a
    # novel's every name, each looked for through the text, would cost too much).
    for m in _CAPITAL.finditer(text, max(0, start - _RITES_REACH), start):
        word = re.sub(r"['’]s$", "", m.group(0))
        if word in acted or word.isupper() or word[:2] in ("I'", "I’"):
            continue  # "NASA", "I'm": no one named
        acted[word] = is_name(text, word, start) and acts_before(text, word, start)
    gone = [n for n, acts in acted.items() if acts and not acts_before(text, n, 0, end)]
    if gone:
        # the one the rest of the text names least: "Halvard's sister read", not "she"
        rest = text[end : end + _ACT_REACH]
        out.append(DeathEvent(start, end, min(gone, key=lambda n: rest.count(n))))


def _dead_noun(text: str, start: int, end: int, w: _Words, out: list[DeathEvent]) -> None:
    """ "the dead priest's hand", "holding a dead Christian priest and rocking him": a
    death, if the story calls a person of it "the priest" before (it acts), and the
    words after make the dead one a person: a body part it owns, or "him" or "her" as
    the object of the next verb."""
    m = _NOUN_AFTER.match(text, end)
    if not m or in_dialogue(text, start):
        return
    noun, owned = m.group(1), m.group(2)
    if noun in w.generic or (noun.endswith("s") and not noun.endswith("ss")):
        return
    person = owned.lower() in w.body_parts if owned else bool(_OBJECT.match(text, m.end()))
    if person and noun_acts_before(text, noun, start):
        out.append(DeathEvent(start, m.end(), "the " + noun))


def noun_acts_before(text: str, noun: str, before: int, after_it: bool = False) -> bool:
    """Whether "the ``noun``" acts, or owns something, in the narration before
    ``before`` ("The priest was very pale", "the priest's eyes"); with ``after_it``,
    whether it acts (a verb of its own, not "was" or what it owns: "the painter's body")
    in the ``_ACT_REACH`` characters from ``before`` on."""
    lo, hi = max(0, before - _ACT_REACH), before
    if after_it:
        lo, hi = before, min(len(text), before + _ACT_REACH)
    for m in re.compile(rf"\b[Tt]he {noun}\b").finditer(text, lo, hi):
        after = _WORD.findall(text, m.end(), m.end() + 20)
        if in_dialogue(text, m.start()) or not after:
            continue
        nxt = after[0]
        owns = nxt in ("'s", "’s", "was", "is")
        if (owns and not after_it) or (nxt[0].islower() and nxt not in _NOT_ACTING and not owns):
            return True
    return False


def _ends_ok(text: str, end: int, kinds: frozenset[str], phrase: str, w: _Words) -> bool:
    if "states" in kinds:
        return _state_ends(text, end, phrase, w)
    return _after_ok(text, end, w)


def _add(out: list[DeathEvent], text: str, at: int, start: int, end: int, name: str) -> None:
    """Append the event if it is told by the narration, no habit, and befalls a person
    of the story: ``name`` (at ``at``), or the last name before a "he" or "she"."""
    if in_dialogue(text, start) or habitual(text, start) or undone(text, end):
        return
    subject = name
    while " " in subject and not is_name(text, subject.split()[0], at):
        # "Then Oskar", "At Oskar's": a capitalised ordinary word opening the sentence
        subject = subject.split(None, 1)[1]
    if subject.lower() in ("he", "she"):
        person = _last_name(text, at)
        if person is None:
            return
    else:
        person = subject
    first = person.split()[0]
    if not is_name(text, person, at) or not acts_before(text, first, _clause_start(text, at)):
        return
    if acts_before(text, first, 0, end):
        return  # "He was dead. ... Then Oskar coughed": a fear, a game, a trick undone
    out.append(DeathEvent(start, end, person))


def is_name(text: str, subject: str, at: int) -> bool:
    """Whether ``subject`` (at ``at``) is a name: a capitalised word that is no ordinary
    English word, or one written capitalised inside a sentence ("on Billy's back") in
    the ``_ACT_REACH`` characters round it."""
    words = subject.split()
    if words[0].isupper() or words[0].lower() in _DETERMINERS:
        return False
    if any(x.lower() not in COMMON for x in words):
        return True
    # str.find, not a pattern: a pattern opening on a class is tried at every character.
    word, n = " " + words[0], len(words[0]) + 1
    hi = min(len(text), at + _ACT_REACH)
    i = text.find(word, max(0, at - _ACT_REACH), hi)
    while i > 0:
        before, after = text[i - 1], text[i + n : i + n + 1]
        if (before.isalnum() or before == ",") and not (after.isalnum() or after == "_"):
            return True
        i = text.find(word, i + 1, hi)
    return False


def _clause_start(text: str, pos: int) -> int:
    lo = max(0, pos - _REACH * 4)
    return clause_start(text, pos, lo)


def _opens_clause(text: str, at: int) -> bool:
    """Whether the subject at ``at`` opens its clause: nothing before it since the
    sentence start but a comma and "and", "then", "but"."""
    before = _WORD.findall(text, _clause_start(text, at), at)
    while before and before[-1] in (",", "and", "then", "but", "so"):
        before.pop()
        if not before or before[-1] == ",":
            return True
    return not before


def _after_ok(text: str, end: int, w: _Words) -> bool:
    after = _WORD.findall(text, end, end + 20)
    return not after or after[0].lower() not in w.not_after


def _state_ends(text: str, end: int, phrase: str, w: _Words) -> bool:
    """Whether the state ``phrase`` is a death just past: "was dead" or "was gone" end
    their clause ("he was dead.", "and he was gone, and"); "had died" is followed by no
    word of ``not_after`` and its sentence names no year and no time long past."""
    after = _WORD.findall(text, end, end + 20)
    if phrase.split()[0] in ("was", "is"):
        # "she is gone, walking out": a leaving; "and he was gone." a death.
        if not phrase.endswith("gone"):
            return text[end : end + 1] in (".", ",", ";", "!", "\n")
        # "Gregory was gone.", "Sherlock was gone!": a leaving, unless the sentence or the
        # one before tells a body ("his eyes were closed, and he was gone.")
        if text[end : end + 1] not in (".", "\n") and not (after and after[0] == "before"):
            return False
        lo = _clause_start(text, _clause_start(text, end - len(phrase)) - 1)
        return bool(w.gone_signs.search(text, lo, end))
    if after and after[0].lower() in w.not_after:
        return False
    # "He had died in the winter of 1703": a year or an age named in its sentence sets
    # the death before the story (an undead narrator's, a grandfather's).
    stop = CLAUSE_END.search(text, end, end + _REACH * 2)
    rest = text[end : stop.start() if stop else end + _REACH * 2]
    return not (_YEAR.search(rest) or w.long_ago.search(rest))


def _last_name(text: str, at: int) -> str | None:
    """Whom "he" or "she" at ``at`` most likely stands for: the last name in this
    sentence or the one before that is a person of the story (it acts before)."""
    lo = _clause_start(text, _clause_start(text, at) - 1)
    for m in reversed(list(_CAPITAL.finditer(text, lo, at))):
        word = re.sub(r"['’]s$", "", m.group(0))
        if word.isupper() or in_dialogue(text, m.start()) or not is_name(text, word, at):
            continue  # "UN", "NASA": an acronym, no person; "When": an ordinary word
        if acts_before(text, word, _clause_start(text, at)):
            return word
    return None


def acts_before(text: str, name: str, before: int, after_pos: int | None = None) -> bool:
    """Whether ``name`` acts in the narration before ``before`` (with ``after_pos``: in
    the stretch from there on instead): the subject of a verb ("Thomas could see",
    "Billy wrote", "Ezio walked") or the speaker of a line ("said Thomas"), not owned,
    listed, an adjective ("African sky") or set before the story ("Neil had come", "Neil,
    who"). Only ``_ACT_REACH`` characters are read: a novel's every page would cost too
    much, and one who dies has acted in the chapters just before."""
    verbs = _verbs()
    lo, hi = max(0, before - _ACT_REACH), before
    if after_pos is not None:
        lo, hi = after_pos, min(len(text), after_pos + _ACT_REACH)
    for m in re.compile(rf"\b{re.escape(name)}\b").finditer(text, lo, hi):
        prev = _WORD.findall(text, max(0, m.start() - 12), m.start())
        if prev and prev[-1].lower() in verbs.speech:
            return True
        after = _WORD.findall(text, m.end(), m.end() + 24)
        if in_dialogue(text, m.start()) or not after:
            continue
        nxt = after[0].lower()
        if nxt.endswith("ly") and len(after) > 1:  # "Thomas quietly said"
            nxt = after[1].lower()
        if nxt in verbs.acts or (nxt.endswith("ed") and len(nxt) > 4 and after[0][0].islower()):
            return True
    return False


class _Verbs(NamedTuple):
    speech: frozenset[str]
    acts: frozenset[str]


@cache
def _verbs() -> _Verbs:
    acts = set(WORDS["speech_verbs"]) | set(WORDS["action_verbs"])
    acts |= set(WORDS["action_verbs_present"])
    return _Verbs(frozenset(WORDS["speech_verbs"]), frozenset(acts - _NOT_ACTING))
