"""One regex alternation for a word list's phrases, as the death readers build them.

:mod:`fandex.tag.death_aftermath`, :mod:`fandex.tag.death_implied` and
:mod:`fandex.tag.death_stillness` read phrase lists from TOML and match them in text
lower-cased, longest first (so "would have loved" wins over "would have"), with any run
of spaces between words and a straight or curly apostrophe alike.

>>> print(alternation(["he'd hate", "grave"]))
he['’]d\\s+hate|grave
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(phrases: Iterable[object]) -> str:
    """The phrases, lower-cased and longest first, as one alternation (no group)."""
    ordered = sorted({str(p).lower() for p in phrases}, key=len, reverse=True)
    return "|".join(
        r"\s+".join(re.escape(w).replace("'", "['’]") for w in p.split()) for p in ordered
    )


__all__ = ["alternation"]
