"""Names given to things: a vessel, a vehicle, an instrument, a mount.

A text names the kind of a thing beside its name, as it seldom names a person's: "the
boat Kittiwake", "aboard the ferry Saoirse", "her cello, Isolde", "Roach, his mare". Such
a name, never heard speaking, is no character of the story, however often it is named
(:mod:`fandex.tag.unknown_cast`). The kinds are a short list of class words (``things``
in ``fandex/vocab/not_people.toml``), never names.
"""

from __future__ import annotations

import re

from fandex.tag.mentions import previous_word
from fandex.vocab.ao3 import load_toml

THINGS = frozenset(load_toml("not_people.toml")["things"])
_CLOSE = frozenset(".,;:!?)\n")
# After the name, markup or "and" and a common noun close the phrase as well: "the yacht
# *Kittiwake* and race control" (not "the car Dean and Sam drove").
_MARKUP = re.compile(r"[ \t]*[*_]+|[ \t]+(?:and|or)[ \t]+[a-z]")
# After the name: ", the boat", ", her old cello", ", his mare".
_AFTER = re.compile(
    r",\s+(?:the|a|an|her|his|their|our|my|its)\s+(?:(?:old|new|little|battered|grey|gray)\s+)?"
    r"([a-z]+)\b"
)


def named_as_thing(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start``..``end`` of ``text`` has a thing's kind beside it:
    just before it, the name closing the phrase ("aboard the boat Kittiwake."), before it
    with a comma ("her cello, Isolde"), or after it with a comma and a determiner ("Roach,
    his mare"). (Spoken, "the boat, Ineke," is a vocative: the caller asks outside
    dialogue.)

    >>> t = "She tuned her cello, Isolde, and Mara watched the boat Kittiwake."
    >>> named_as_thing(t, 21, 27), named_as_thing(t, 55, 64), named_as_thing(t, 33, 37)
    (True, True, False)
    >>> named_as_thing("Roach, his mare, stamped.", 0, 5)
    True
    """
    # Before it, only where the name closes the phrase: "to the car Dean had" and "into
    # the truck, Nils unbuttons" name Dean and Nils.
    closes = end == len(text) or text[end] in _CLOSE or _MARKUP.match(text, end) is not None
    # (Read past italics: "the yacht* Kittiwake *and", "the *Lakshmi*".)
    j = start
    while j > 0 and text[j - 1] in " \t*_":
        j -= 1
    if closes and previous_word(text, j) in THINGS:
        return True
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if closes and i >= 0 and text[i] == "," and previous_word(text, i) in THINGS:
        return True
    after = _AFTER.match(text, end, end + 40)
    return after is not None and after.group(1) in THINGS


# A lower-case part of a hyphenated word with no vowel: no syllable of a name.
_VOWELLESS = re.compile(r"[b-df-hj-np-tv-xz]+")


def coinage(word: str) -> bool:
    """A capitalised word with a lower-case part after a hyphen that has no vowel is a
    coined label cut short ("Bellum-h" for a drug, "Omega-x"), not a name: every
    syllable of a name has a vowel ("Ji-hoon", "Min-a", "Jean-Luc").

    >>> coinage("Bellum-h"), coinage("Min-a"), coinage("Ji-hoon"), coinage("Jean-Luc")
    (True, False, False, False)
    """
    parts = word.split("-")
    return any(_VOWELLESS.fullmatch(p) is not None for p in parts[1:])


# Just before a name: a capitalised word and its possessive ("Serpent's Teeth").
_OWNER_BEFORE = re.compile(r"[A-Z][\w-]*['’]s?[ \t]+$")


def after_owner(text: str, start: int) -> bool:
    """Whether the name at ``start`` of ``text`` follows a capitalised possessive: the
    second half of a title-cased phrase ("Serpent's Teeth", "Dragon's Tooth").

    >>> t = "Serpent's Teeth is long. Teo's Sparrow smiled."
    >>> after_owner(t, 10), after_owner(t, 31), after_owner(t, 0)
    (True, True, False)
    """
    return _OWNER_BEFORE.search(text, max(0, start - 40), start) is not None
