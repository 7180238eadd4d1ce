"""Archive warnings an author's own freeform tags name, where the author gave none.

A work tagged "Character Death" whose author stated no archive warnings, or chose not to
use them, has been told by its author to hold a character's death: a reader who filters
out Major Character Death wants it gone even where the text tells the death only by its
aftermath, which the text rules miss. The tags are read by the rules of a free-text
warning list (:func:`fandex.parse.values.map_warnings`), so "Minor Character Death" and a
hedged "Referenced Character Death" say nothing; which warnings may come from tags and
the confidence shown are data (``fandex/vocab/warnings.toml`` ``[from_tags]``).

>>> from fandex.model import Tag, Work
>>> w = Work(tags=[Tag("freeform", "Angst"), Tag("freeform", "Character Death")])
>>> [(name, tag) for name, tag in tagged_warnings(w)]
[('Major Character Death', 'Character Death')]
>>> tagged_warnings(Work(tags=[Tag("freeform", "Minor Character Death")]))
[]
>>> tagged_warnings(Work(tags=[Tag("freeform", "Temporary Character Death")]))
[]
"""

from __future__ import annotations

from functools import cache
from typing import Any

from fandex.model import Work
from fandex.parse.values import map_warnings
from fandex.vocab.ao3 import load_toml


@cache
def _config() -> dict[str, Any]:
    return dict(load_toml("warnings.toml").get("from_tags", {}))


def tag_confidence() -> float:
    """The confidence a warning read from the author's tags is shown at."""
    return float(_config().get("confidence", 0.9))


def tagged_warnings(work: Work) -> list[tuple[str, str]]:
    """``(archive warning, the author's tag that names it)`` for each warning that may
    come from tags, in the order of the tags; each warning once."""
    allowed = set(_config().get("names", []))
    undoing = [str(x).casefold() for x in _config().get("exclude", [])]
    out: list[tuple[str, str]] = []
    for tag in work.tags_of("freeform"):
        if tag.source not in ("stated", "user") or tag.attrs.get("rejected"):
            continue
        words = f" {' '.join(tag.name.casefold().replace('/', ' ').split())} "
        if any(f" {x} " in words for x in undoing):
            continue
        for value in map_warnings(tag.name):
            known = {name for name, _ in out}
            if value.type == "warning" and value.name in allowed and value.name not in known:
                out.append((value.name, tag.name))
    return out


__all__ = ["tag_confidence", "tagged_warnings"]
