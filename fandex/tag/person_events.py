"""Events of which a person is the patient: someone taken, held, bound; someone who dies.

The cue lexicon (:mod:`fandex.tag.cues_analysis`) weighs words; many of its words also
name things ("held the phone for ransom", "captured the city", "her body of work"). This
module reads the clause round the word instead: a seizing verb whose object is a person
("kidnapped him", "took the girl hostage", "dragged daniel into the van"), a passive one
whose subject is ("she was taken", "the boy was abducted"), a captivity or a death owned
by a person ("his captors", "her corpse", "the body of the king"), a death verb with a
person subject ("she died", "the soldier was killed"). A person is a pronoun (an object
"her" only where no noun of hers follows), a person noun after a determiner ("the
girl", "his son"), or a name: a word that is no ordinary English word, capitalised
unless the whole text is in lower case.

The templates and word lists are ``fandex/vocab/person_events.toml``; each template is
compiled once into one pattern. A text is read as written: a death said aloud in a line
of speech, or named as a time ("since his father died"), counts too (the passage
annotators count it; leaving it out cost the death model on works it had not seen).

>>> [e.slot for e in person_events("They kidnapped Daniel at dawn.", "abduction")]
['daniel']
>>> person_events("She held the phone for ransom.", "abduction")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fandex.tag.lowercase import COMMON
from fandex.vocab.ao3 import load_toml

_SLOTS = ("@obj", "@subj", "@poss")
_NEXT_WORD = re.compile(r"[\s]*([\w'’]+)")
_PREV_WORD = re.compile(r"([\w'’]+)[\s]*$")


@dataclass(frozen=True)
class PersonEvent:
    """One event: where its template matched, and the person word of its slot."""

    start: int
    end: int
    slot: str


@dataclass(frozen=True)
class _Words:
    # (slot kind, a word the pattern cannot match without, pattern)
    patterns: tuple[tuple[str, str, re.Pattern[str]], ...]
    not_after: tuple[str, ...]
    subjects: frozenset[str]
    objects: frozenset[str]
    possessives: frozenset[str]
    her_before: frozenset[str]
    determiners: frozenset[str]
    persons: frozenset[str]
    not_names: frozenset[str]


def _phrase(words: list[str]) -> str:
    return r"\s+".join(
        re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words
    )


@cache
def _words(concept: str) -> _Words:
    table = load_toml("person_events.toml")

    def words(key: str, where: dict[str, object] = table) -> frozenset[str]:
        values = where.get(key, [])
        assert isinstance(values, list)
        return frozenset(str(w).lower() for w in values)

    section = table[concept]
    det = "|".join(sorted((re.escape(d) for d in words("determiners")), key=len, reverse=True))
    slot_re = {
        "@obj": rf"(?P<slot>(?:(?:{det})\s+)?[\w'’]+)",
        "@subj": rf"(?P<slot>(?:(?:{det})\s+)?[\w'’]+)",
        "@poss": r"(?P<slot>[\w'’]+)",
    }
    patterns: list[tuple[str, str, re.Pattern[str]]] = []
    for template in section["templates"]:
        parts = str(template).lower().split()
        kind = next(p for p in parts if p in _SLOTS)
        i = parts.index(kind)
        before, after = parts[:i], parts[i + 1 :]
        body = slot_re[kind]
        if before:
            body = _phrase(before) + r"\s+" + body
        if after:
            body = body + r"\s+" + _phrase(after)
        # Its longest literal word: a plain substring test skips most of the 200-odd
        # templates on a passage before the regex engine tries them at every place.
        literal = max((p.rstrip("*") for p in before + after), key=len, default="")
        pattern = re.compile(r"(?<![\w'’])" + body + r"(?![\w'’])")
        patterns.append((kind, literal, pattern))
    return _Words(
        patterns=tuple(patterns),
        not_after=tuple(sorted(words("not_after", section), key=len, reverse=True)),
        subjects=words("subject_pronouns"),
        objects=words("object_pronouns"),
        possessives=words("possessives"),
        her_before=words("her_object_before"),
        determiners=words("determiners"),
        persons=words("person_nouns"),
        not_names=words("not_names"),
    )


def _is_name(word: str, original: str, lower_text: bool, w: _Words) -> bool:
    """A word that is no ordinary English word (capitalised, unless the text is in
    lower case)."""
    if len(word) < 3 or not word.isalpha() or word in COMMON or word in w.not_names:
        return False
    return lower_text or original[:1].isupper()


def _person(slot: str, kind: str, text: str, start: int, end: int, lower: bool, w: _Words) -> bool:
    """Whether the slot's words ``text[start:end]`` (lower-cased in ``slot``) name a person."""
    parts = slot.split()
    original = text[start:end].split()[-1]
    if kind == "@poss":
        if slot in w.possessives:
            return True
        stem = re.sub(r"['’]s$", "", slot)
        if stem == slot:
            return False
        return stem in w.persons or _is_name(stem, original, lower, w)
    if len(parts) == 2:  # a determiner and its noun
        return parts[1] in w.persons
    word = parts[0]
    before = _PREV_WORD.search(text, max(0, start - 20), start)
    if before and before.group(1).lower() in w.determiners:
        return False  # "the tardis was taken": the slot is a noun, not a name
    if kind == "@subj":
        return word in w.subjects or word in w.persons or _is_name(word, original, lower, w)
    if word == "her":
        nxt = _NEXT_WORD.match(text, end)
        return nxt is None or nxt.start(1) > end + 2 or nxt.group(1).lower() in w.her_before
    return word in w.objects or word in w.persons or _is_name(word, original, lower, w)


@cache
def has_templates(concept: str) -> bool:
    """Whether ``person_events.toml`` has templates for ``concept``."""
    return isinstance(load_toml("person_events.toml").get(concept), dict)


def _starts(rest: str, words: str) -> bool:
    """Whether ``rest`` opens with the whole words ``words``."""
    return rest.startswith(words) and not rest[len(words) : len(words) + 1].isalpha()


def person_events(text: str, concept: str) -> list[PersonEvent]:
    """The events of ``concept`` ("abduction", "death") that ``text`` tells of a person,
    in text order, one per place (see the module docstring)."""
    w = _words(concept)
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: keep places
        low = "".join(ch.lower()[:1] for ch in text)
    lower = not any(ch.isupper() for ch in text)
    found: dict[int, PersonEvent] = {}
    for kind, literal, pattern in w.patterns:
        if literal not in low:
            continue
        for m in pattern.finditer(low):
            slot = m.group("slot")
            if not _person(slot, kind, text, m.start("slot"), m.end("slot"), lower, w):
                continue
            rest = " ".join(low[m.end() : m.end() + 24].split())
            if any(_starts(rest, n) for n in w.not_after):
                continue
            if m.start() not in found:
                found[m.start()] = PersonEvent(m.start(), m.end(), slot)
    return [found[k] for k in sorted(found)]
