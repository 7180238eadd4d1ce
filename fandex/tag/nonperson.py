"""Evidence that a capitalised word of a story names no person: an office, a place, a kind.

A story with no pack has its characters found as runs of capitalised words
(:mod:`fandex.tag.propernames`). Some of those runs are never anyone's name, however
often they "speak" ("the Chair said", "Bodø says"): an office or an institution ("the
Acting Chair", "the Institute"), a form of address ("Mademoiselle", "Maestro"), a kind of
animal ("a Labrador"), a well-known place ("since Chicago"), or a place the text gives
away by how it writes it ("the Lord of Whitestone", "the walls of Troy", "the island of
Saint Hild", "the big Tesco"). The word lists are in ``fandex/vocab/not_people.toml``;
what is read here is English's own grammar around the word.
"""

from __future__ import annotations

import re

from fandex.tag.mentions import WORDS, previous_word
from fandex.vocab.ao3 import load_toml

_DATA = load_toml("not_people.toml")
# Offices, institutions and forms of address: no one's name, alone or in a run.
OFFICES = frozenset(_DATA["offices"]) | frozenset(_DATA["address"])
# Kinds of animal ("Labrador", "Spaniel"): a capital does not make a breed a name.
KINDS = frozenset(_DATA["kinds"])
# Well-known places that are seldom anyone's given name ("Chicago", "Saturn", "Orkney").
PLACES = frozenset(_DATA["places"])
# Words of a foreign place's name ("Couloir Sept", "Rue Cler", "Loch Ness").
PLACE_WORDS = frozenset(_DATA["place_words"])
PLACE_ENDINGS = tuple(_DATA["place_endings"])
# Before "of X": a word that makes X a place ("the walls of Troy", "the island of Saint
# Hild", "the Queen of Bright Moon"): a place's parts and a ruler's titles.
_PLACE_OF = frozenset(_DATA["place_of"]) | frozenset(w.lower() for w in WORDS["titles"])
# The titles a place keeps in its name ("Saint Hild", "St Mungo's", "San Lorenzo").
_SAINTS = frozenset({"saint", "st", "san", "santa", "são", "sainte"})
_TITLES = frozenset(w.lower() for w in WORDS["titles"]) | _SAINTS
_ARTICLES = frozenset({"a", "an", "the"})
# The small words that may stand between an article and a noun without being adjectives.
_NOT_ADJECTIVE = frozenset(
    "and or but of to in on at for with by from as that this than then so if when where "
    "who what which while because time day night moment way one thing man woman".split()
)
_CLAUSE_END = re.compile(r"[*_]*[ \t]*(?:[.,;:!?)\"”’]|['’]s\b|\n|$)")


def office_word(word: str) -> bool:
    """Whether ``word`` is an office, an institution or a form of address, no name.

    >>> office_word("Chair"), office_word("Mademoiselle"), office_word("Mara")
    (True, True, False)
    """
    return word in OFFICES


def foreign_place(name: str) -> bool:
    """Whether a word of ``name`` is a foreign word for a place ("Couloir Sept", "Rue
    Cler") or ends as a place's name does ("Skarvøya").

    >>> foreign_place("Couloir Sept"), foreign_place("Skarvøya"), foreign_place("Sept")
    (True, True, False)
    """
    words = name.split()
    return any(w in PLACE_WORDS for w in words) or any(
        w.lower().endswith(PLACE_ENDINGS) and len(w) > 5 for w in words
    )


_NUMBERS = frozenset(_DATA["numbers"])


def number_word(word: str) -> bool:
    """Whether ``word`` is a number written out ("Eighteen", "Forty-one", "Third").

    >>> number_word("Forty-one"), number_word("Eighteen"), number_word("Fortunato")
    (True, True, False)
    """
    return all(p in _NUMBERS for p in word.lower().split("-"))


def kind_or_place(name: str) -> bool:
    """Whether ``name`` is, word for word, a kind of animal or a well-known place, or a
    day of a made-up week ("Stormsday", as "Wednesday" is one of ours).

    >>> kind_or_place("Labrador"), kind_or_place("Chicago"), kind_or_place("Stormsday")
    (True, True, True)
    >>> kind_or_place("Nadia")
    False
    """
    return name in KINDS or name in PLACES or (name.endswith("sday") and len(name) > 6)


def _word_before(text: str, start: int) -> tuple[str, int]:
    """The word before ``start`` (lowercased) and where it starts."""
    word = previous_word(text, start)
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    at = i - len(word) + 1
    return word, at


def _inflected(stems: list[str]) -> frozenset[str]:
    """Each stem with the endings English gives a verb ("look": "looks", "looked",
    "looking"; "smile": "smiled", "smiling")."""
    out: set[str] = set()
    for w in stems:
        out |= {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
        if w.endswith("e"):
            out.add(w[:-1] + "ing")
        if len(w) > 2 and w[-1] not in "aeiouwy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
            out |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # "nod": "nodded", "nodding"
    return frozenset(out)


# Per preposition, the words before it that make the name after it a person's.
_AIMED = {prep: _inflected(words) for prep, words in _DATA["aimed_at"].items()}


def aimed_at_person(text: str, start: int, prev: str) -> bool:
    """Whether the name at ``start``, after the preposition ``prev`` (lowercased), is a
    person's by the word before that: a look, a word or a blow aimed at someone
    ("glanced at Tahmina", "said to Mara", "bumped into Ilse", "a letter from Teo"), not
    a place one is at, goes to or comes from ("at Heathrow", "to Paris").

    >>> t = "She glanced at Tahmina, then flew to Paris and nodded to Mara."
    >>> aimed_at_person(t, 15, "at"), aimed_at_person(t, 38, "to")
    (True, False)
    >>> aimed_at_person(t, 56, "to")
    True
    """
    words = _AIMED.get(prev)
    if words is None:
        return False
    before, at = _word_before(text, start)
    if before != prev:
        return False
    return _word_before(text, at)[0] in words


def place_use(text: str, start: int, prev: str | None = None) -> bool:
    """Whether the name at ``start`` is written as a place's: after "of" and a word that
    makes it one ("the Lord of Whitestone", "the walls of Troy", "the map of Saint
    Hild"), or after a saint's title ("Saint Hild", "St Agnes"): a saint named in a story
    is mostly a church, an island or a street.

    >>> t = "the Queen of Bright Moon slept; the island of Saint Hild; the son of Mara"
    >>> place_use(t, 13), place_use(t, 52), place_use(t, 69)
    (True, True, False)

    ``prev``: the word before, lowercased, where the caller has read it already.
    """
    if prev is not None and prev != "of" and prev not in _TITLES:
        return False  # (_TITLES holds the saints)
    prev, at = _word_before(text, start)
    if prev in _SAINTS:
        return True
    if prev in _TITLES:  # "of Saint Hild": read past the title
        prev, at = _word_before(text, at)
    if prev != "of":
        return False
    owner, _ = _word_before(text, at)
    return owner in _PLACE_OF


def noun_phrase(text: str, start: int, end: int, prev: str | None = None) -> bool:
    """Whether the name at ``[start, end)`` closes a noun phrase that an article and an
    adjective open ("a forged Vermeer.", "the big Tesco,"): a thing or a kind, as a
    person's name seldom is. (The name must end its clause: in "the night Teo left" a
    clause opens with the name.)

    >>> t = "It's a fake Vermeer. The night Teo left, the big Tesco, shut."
    >>> noun_phrase(t, 12, 19), noun_phrase(t, 31, 34), noun_phrase(t, 49, 54)
    (True, False, True)

    ``prev``: the word before, lowercased, where the caller has read it already.
    """
    if prev is not None and (not prev or prev in _NOT_ADJECTIVE):
        return False
    adjective, at = _word_before(text, start)
    if not adjective or adjective in _NOT_ADJECTIVE or not text[at : at + 1].islower():
        return False
    if previous_word(text, at) not in _ARTICLES:
        return False
    return _CLAUSE_END.match(text, end) is not None


_CALL_THE = re.compile(
    r"\bcall(?:s|ed)?\s+(?:the|her|his|their|our|my|its)\s+([a-z]+)\s+[*_]*", re.I
)
# The naming verb just before a name: "(is) called", "named", "calls the organ".
_NAMING = re.compile(
    r"\b(?:call(?:s|ed)?|named|christened|nicknamed|dubbed)[ \t]+(?:the[ \t]+)?[*_]*$", re.I
)
# What may stand between a thing's kind and the naming verb: a relative pronoun, a copula
# or a helper verb, and a subject that names no one in particular ("the lighting desk
# everybody called Cordelia", "a virus that the City Council has officially named Gary").
# ("In the car he called Teo" is a telephone call: "he", "she", "I" and "and" stop it.)
_BETWEEN = frozenset(
    "which that is was were are has have had been everybody everyone people they we the "
    "officially always just all city council crew choir".split()
)
_SENTENCE = re.compile(r"[.;:!?\"“”\n]")
# A piece of every naming verb above, to skip the patterns where none is near.
_NAMING_STEMS = ("call", "name", "christen", "dubbed")


def called_thing(text: str, start: int, things: frozenset[str]) -> bool:
    """Whether the name at ``start`` is given, by "called" or "named", to one of
    ``things`` (a vessel, a vehicle, a machine: ``things`` and ``machines`` of
    ``not_people.toml``).

    >>> k = frozenset({"van", "furnace", "organ", "desk", "car"})
    >>> t = "the van, which was called Beverly. The choir call the organ Ermintrude."
    >>> called_thing(t, 26, k), called_thing(t, 60, k), called_thing("a man called Grubb", 13, k)
    (True, True, False)
    >>> t = "the old desk everybody called Cordelia. In the car he called Teo."
    >>> called_thing(t, 30, k), called_thing(t, 61, k)
    (True, False)
    """
    before = text[max(0, start - 90) : start]
    low = before.lower()
    if not any(verb in low for verb in _NAMING_STEMS):
        return False  # (asked of every name found: most have no naming verb near)
    if calls_the_thing(text, start, things):
        return True
    m = _NAMING.search(before)
    if m is None:
        return False
    head = _SENTENCE.split(before[: m.start()])[-1]
    words = [w.strip(",").lower() for w in head.split()]
    for w in reversed(words[-8:]):
        if w in things:
            return True
        if w not in _BETWEEN:
            return False
    return False


def calls_the_thing(text: str, start: int, things: frozenset[str]) -> bool:
    """Whether "call(s) the T" comes just before the name at ``start``, T one of
    ``things``: "The choir call the organ Big Ermintrude".

    >>> calls_the_thing("The choir call the organ Ermintrude", 25, frozenset({"organ"}))
    True
    """
    m = _CALL_THE.search(text, max(0, start - 40), start)
    return m is not None and m.end() == start and m.group(1).lower() in things
