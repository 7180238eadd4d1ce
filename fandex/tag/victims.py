"""Who a death cue happens to: a person of the story, or a body, a thing or a passer-by.

Major Character Death asks for a character of the story killed on the page. The death
lexicon finds the event ("died", "was killed"); this module reads the few words round
one strong cue for whom it befalls, by the shape of an English clause:

- a cue that names a body or a state ("the dead man", "her corpse", "lying dead") is
  a death found, not one happening: a mystery's victim died before the story;
- the one who dies is the subject before the verb ("Wyn died", "he was killed"), with
  auxiliaries and adverbs skipped ("was finally"), and a relative clause read back to
  its noun ("his mother, who was dying"); a common noun phrase there ("the boy died",
  "his mother died") is someone the story does not name;
- an active killing verb's victim is its object: "Hagman killed them", "killed twenty
  men", "killed a man" are nobody the story names; "killed him", "killed Aurel" may be.

It errs towards keeping a cue: what it cannot read (a clause opening with "and", a
name, a pronoun) is left to the other checks (:mod:`fandex.tag.events`). The word
lists are ``[victim]`` in ``fandex/vocab/cues/context.toml``.

>>> text = "The boy died in about a minute."
>>> befalls_someone(text, text.index("died"), text.index("died") + 4)
False
>>> text = "Wyn died a little after midnight."
>>> befalls_someone(text, text.index("died"), text.index("died") + 4)
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fandex.tag.clause_edges import CLAUSE_END, clause_start
from fandex.tag.context_rules import load_context

_WORD = re.compile(r"[\w'’]+|,")
_REACH = 80  # characters read on either side of a cue


@dataclass(frozen=True)
class VictimWords:
    """The ``[victim]`` word lists."""

    states: tuple[str, ...]
    determiners: frozenset[str]
    skipped: frozenset[str]
    transitive: frozenset[str]
    passive: frozenset[str]
    anonymous: frozenset[str]
    persons: frozenset[str]
    relatives: frozenset[str]
    prepositions: frozenset[str]
    breakers: frozenset[str]


@cache
def victim_words() -> VictimWords:
    """The shipped lists, loaded once."""
    table = load_context().get("victim", {})

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in table.get(key, []))

    return VictimWords(
        states=tuple(str(w).lower() for w in table.get("states", [])),
        determiners=words("determiners"),
        skipped=words("skipped"),
        transitive=words("transitive"),
        passive=words("passive"),
        anonymous=words("anonymous"),
        persons=words("persons"),
        relatives=words("relatives"),
        prepositions=words("prepositions") | words("skipped"),
        breakers=frozenset(str(w).lower() for w in load_context().get("breakers", [])),
    )


def _clause_before(text: str, start: int) -> list[str]:
    lo = max(0, start - _REACH)
    cut = clause_start(text, start, lo)
    return _WORD.findall(text, cut, start)


def _clause_after(text: str, end: int) -> list[str]:
    m = CLAUSE_END.search(text, end, end + _REACH)
    return _WORD.findall(text, end, m.start() if m else min(len(text), end + _REACH))


def _common_phrase(words: list[str], v: VictimWords) -> bool:
    """Whether ``words`` end in a common noun phrase ("the boy", "his old mother")."""
    if not words or words[-1] == ",":
        return False
    last = words[-1]
    if last.lower() in v.persons or (last[0].isupper() and last.lower() not in v.determiners):
        return False  # a pronoun or a name (a capitalised word: "Papa", "Wyn")
    if last.lower() in v.breakers:
        return False  # "as", "and": the clause's subject is further back
    for w in reversed(words[-3:-1]):
        low = w.lower()
        if low in v.determiners:
            return True
        if w == "," or w[0].isupper() or low in v.persons:
            return False
    return False


def _subject_anonymous(before: list[str], v: VictimWords) -> bool:
    words = list(before)
    while words and _skippable(words[-1], v):
        words.pop()
    if words and words[-1].lower() in v.relatives:
        words.pop()  # "his mother, who was dying": the relative clause's noun
        if words and words[-1] == ",":
            words.pop()
    if _common_phrase(words, v):
        return True
    # "The coffee machine on the Rocinante died": a place named after the subject's noun
    # (a preposition, "the", a capitalised word) is not the one who dies; read the noun.
    if (
        len(words) >= 3
        and words[-1][0].isupper()
        and words[-2].lower() in v.determiners
        and words[-3].lower() in v.prepositions
    ):
        return _common_phrase(words[:-3], v)
    return False


def _object_anonymous(after: list[str], v: VictimWords) -> bool:
    if not after or after[0] == ",":
        return False
    first = after[0].lower()
    if first in v.anonymous:
        return True
    if first not in v.determiners:
        return False
    # "killed the guard", "killed twenty men", "killed her brother"; not "killed the
    # Doctor", nor "killed her" ("her" is a person unless a noun follows it).
    following = after[1] if len(after) > 1 else ","
    if following == "," and first not in v.persons:
        return True  # "killed another.", "killed three, and": a count, nobody named
    if following == "," or following[0].isupper():
        return False
    low = following.lower()
    return first not in v.persons or not (low in v.prepositions or low in v.breakers)


def befalls_someone(text: str, start: int, end: int) -> bool:
    """Whether the death cue at ``text[start:end]`` may befall a person of the story
    (False: a body or a state, a common noun phrase dies, an active killing's object is
    nobody named; see the module docstring)."""
    v = victim_words()
    term = " ".join(text[start:end].lower().split())
    if any(s in term for s in v.states):
        return False
    if term.split()[0] in v.determiners:
        return True  # "his breathing stopped": the victim is named in the cue
    before = _clause_before(text, start)
    if term in v.transitive:
        words = list(before)
        while words and words[-1].lower() not in v.passive and _skippable(words[-1], v):
            words.pop()
        if not (words and words[-1].lower() in v.passive):
            return not _object_anonymous(_clause_after(text, end), v)
    return not _subject_anonymous(before, v)


def _skippable(word: str, v: VictimWords) -> bool:
    low = word.lower()
    return low in v.skipped or low.endswith("ly")
