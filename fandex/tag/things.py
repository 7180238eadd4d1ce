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
    closes = end == len(text) or text[end] in _CLOSE
    if closes and previous_word(text, start) in THINGS:
        return True
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if closes and i >= 0 and text[i] == "," and previous_word(text, i) in THINGS:
        return True
    after = _AFTER.match(text, end, end + 40)
    return after is not None and after.group(1) in THINGS
