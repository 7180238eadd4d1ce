"""A romance cue of someone no character stands for: "he kissed the top of my head".

In a story told in "I" (or "you") whose narrator no character tag stands for (no name
others call them by, :mod:`fandex.tag.characters_narrator`), the narration's
first-person words ("I", "my", "we") are a person the relationship tagger cannot name. A
cue whose clause holds one of them and at most one other person (a name, or a "he" or a
"she") is about the narrator and that one: "Sidney kissed me", "then he kissed the top
of my head", "we were married on the Saturday". Its pronoun is not given to a character
named near, nor "we" to a story's two named leads: on heldout18 such sentences of a
letter home, told by a bride who never names herself, paired her husband with his
brother. (A clause with two others beside the narrator, "Sidney kissed her while I
watched", is read as before: the narrator looks on.) Dialogue is left out: there "I" is
whoever speaks, read by :mod:`fandex.tag.romance_dialogue`.
"""

from __future__ import annotations

import re

from fandex.tag.mentions import in_dialogue
from fandex.tag.romance_clauses import stranger_opens

# Where a clause of a sentence ends: the marks that set one off from the next.
CLAUSE_MARK = re.compile(r"[,;:—–()]")
# The narrator's words, by the person a story is told in ("we" is the narrator and one
# more in a story told in "I").
_FIRST = re.compile(r"\bI\b|\b(?i:me|my|mine|myself|we|us|our|ours|ourselves)\b")
_SECOND = re.compile(r"\b(?i:you|your|yours|yourself)\b")
_NARRATOR = {"I": _FIRST, "you": _SECOND}
# ... and the words of one speaking to another, in the narration: a letter's or a chat's
# "I love you", "I will kiss you on the harbour wall", whose "I" the letter's signature
# or the chat's label names (and "you" in a story told in "you": "I missed you", said).
_ADDRESS = {"I": _SECOND, "you": _FIRST}
# The people a clause's third-person pronouns stand for: one a kind ("he ... his" is
# one), two for a plural ("they": others, never the narrator).
_THIRD = re.compile(
    r"\b(?i:(he|him|his|himself)|(she|her|hers|herself)|(they|them|their|theirs))\b"
)


def clause_of(text: str, lo: int, hi: int, at: int) -> tuple[int, int]:
    """The clause around ``at`` of the sentence ``text[lo:hi]``: between commas,
    semicolons, colons, dashes and brackets.

    >>> t = "He said yes, and then he kissed me, and left."
    >>> t[slice(*clause_of(t, 0, len(t), t.index("kissed")))]
    ' and then he kissed me'
    """
    start = max((m.end() for m in CLAUSE_MARK.finditer(text, lo, at)), default=lo)
    end = CLAUSE_MARK.search(text, at, hi)
    return start, end.start() if end else hi


# The people pronouns point at, by kind; a plural one is two people.
_PRONOUN_KINDS = {
    **dict.fromkeys(("i", "me", "my"), ("I", 1)),
    **dict.fromkeys(("you", "your"), ("you", 1)),
    **dict.fromkeys(("he", "him", "his"), ("he", 1)),
    **dict.fromkeys(("she", "her", "hers"), ("she", 1)),
    **dict.fromkeys(("they", "them", "their", "we", "us", "our"), ("they", 2)),
}
_PERSON_WORD = re.compile(r"\b(?i:" + "|".join(_PRONOUN_KINDS) + r")\b")


def clause_people(text: str, lo: int, hi: int, at: int) -> int:
    """How many people the pronouns of the clause around ``at`` (in its sentence
    ``text[lo:hi]``, :func:`clause_of`) point at, at least: one per kind ("she ... her"
    is one), two for a plural ("they").

    >>> t = "I am at college, and you are to be married, and I feel old."
    >>> clause_people(t, 0, len(t), t.index("married")), clause_people("She married him.", 0, 16, 4)
    (1, 2)
    """
    start, stop = clause_of(text, lo, hi, at)
    kinds = {_PRONOUN_KINDS[m.group().lower()] for m in _PERSON_WORD.finditer(text, start, stop)}
    return sum(n for _k, n in kinds)


def narrators_cue(
    text: str,
    sentence: tuple[int, int],
    cue: int,
    names: list[tuple[int, int, str]],
    person: str,
) -> bool:
    """Whether the cue at ``cue`` (in the sentence ``sentence``; ``names``: the
    characters named in it, as sorted spans) is the unnamed narrator's, in a story told
    in ``person`` ("I" or "you"): out of dialogue, its clause holds a word of the
    narrator's and at most one other person, and none of one speaking to another ("I
    love you" in a letter: the writer's, whom the signature names).

    >>> t = "Then he kissed the top of my head and went off."
    >>> narrators_cue(t, (0, len(t)), t.index("kissed"), [], "I")
    True
    >>> t = "Ada kissed him while I watched."
    >>> narrators_cue(t, (0, len(t)), t.index("kissed"), [(0, 3, "Ada")], "I")
    False
    >>> t = '"He kissed my hand," Ada said.'
    >>> narrators_cue(t, (0, len(t)), t.index("kissed"), [(21, 24, "Ada")], "I")
    False
    """
    mine = _NARRATOR.get(person)
    if mine is None:
        return False
    if in_dialogue(text, cue):
        return person == "I" and _said_by_narrator(text, sentence, names)
    lo, hi = clause_of(text, *sentence, cue)
    if mine.search(text, lo, hi) is None or _ADDRESS[person].search(text, lo, hi):
        return False
    return _others(text, lo, hi, names) <= 1


def stranger_cue(
    text: str, sentence: tuple[int, int], cue: int, names: list[tuple[int, int, str]]
) -> bool:
    """Whether the cue at ``cue`` is about a person no name is given, who opens its
    sentence ``sentence`` (:func:`fandex.tag.romance_clauses.stranger_opens`: "A man in
    row K tells him about a first date in 1974."), and at most one other: out of
    dialogue, the sentence up to the end of the cue's clause holds one person more at
    most (a name, or a "he" or a "she"). (The one other is not paired with a lead named
    near: the stranger is the other of the two.)

    >>> t = "A man in row K tells him about a first date."
    >>> stranger_cue(t, (0, len(t)), t.index("first date"), [])
    True
    >>> t = "The nurse watched as he kissed her."
    >>> stranger_cue(t, (0, len(t)), t.index("kissed"), [])
    False
    """
    lo, hi = sentence
    # (The opening first: a match at one place, where the dialogue test counts quotes.)
    if not stranger_opens(text, lo, hi) or in_dialogue(text, cue):
        return False
    return _others(text, lo, clause_of(text, lo, hi, cue)[1], names) <= 1


def _others(text: str, lo: int, hi: int, names: list[tuple[int, int, str]]) -> int:
    """The people ``text[lo:hi]`` names (``names``: the characters named, as spans) or
    speaks of in the third person: one a kind of pronoun, two for "they"."""
    others = len({n for s, _e, n in names if lo <= s < hi})
    kinds: set[int] = set()
    for m in _THIRD.finditer(text, lo, hi):
        kinds.add(m.lastindex or 0)
    return others + sum(2 if k == 3 else 1 for k in kinds)


def _said_by_narrator(
    text: str, sentence: tuple[int, int], names: list[tuple[int, int, str]]
) -> bool:
    """Whether a cue said in a line of dialogue of a story told in "I" is the unnamed
    narrator's: its sentence names one character at most (the speaker, as often as not)
    and its only person words are the speaker's ("We sit here and look like a couple on
    a date."): said by the narrator, or to them, it is about the narrator and one more."""
    lo, hi = sentence
    if len({n for _s, _e, n in names}) > 1 or _THIRD.search(text, lo, hi):
        return False
    return _SECOND.search(text, lo, hi) is None and _FIRST.search(text, lo, hi) is not None
