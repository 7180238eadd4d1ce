"""A blog's own filing: Jekyll's and Hugo's ``categories:`` and ``tags:`` in front
matter, a blog post's category and tag links.

A static-site card files a post under the blog's own headings ("fic", "drabbles",
"writing"), not under a fandom; an archive's "Category" often is the fandom, which is
how the header vocabulary reads the label. So a card's categories and tags are read
here, item by item, before the header vocabulary sees them: an item a fandom pack knows
is a fandom (unless the card labels its fandoms itself), an AO3 category or genre word
keeps its meaning, and the rest are the blog's tags (freeform).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fandex.parse import values
from fandex.parse.labels import field_for

# The card's own keys (as front_metadata writes them) that hold the blog's filing.
_FILING = frozenset({"categories", "category", "tags", "tag", "keywords"})
# Jekyll reads its plural keys given as a string as space-separated lists ("categories:
# fic drabbles" is two categories); Hugo and Hexo take such a string as one item. A card
# naming its ``layout`` is Jekyll's way of writing a post.
_SPACED = frozenset({"categories", "tags"})


def _names_fandom(item: str) -> bool:
    """Whether a filing item names a fandom a pack knows (a genre word that is also a
    fandom's name, "Horror", stays a genre)."""
    return not values.is_genre(item) and values.is_known_fandom(item)


def _items(value: Any) -> list[str]:
    """A card value's items: a YAML/TOML list as given, a string split as a list."""
    if isinstance(value, list | tuple):
        return [" ".join(str(v).split()) for v in value if v is not None and str(v).strip()]
    if isinstance(value, dict) or value is None:
        return []
    return values.split_list(" ".join(str(value).split()), on_and=False)


def filing_fields(front: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """The stated fields a card's filing keys mean, by key: ``{"categories":
    [("Additional Tags", "fic"), ("Fandom", "Sherlock")]}``.

    >>> filing_fields({"categories": ["fic", "Slash"], "fandom": "Sherlock"})["categories"]
    [('Category', 'Slash'), ('Additional Tags', 'fic')]
    >>> filing_fields({"layout": "post", "categories": "fic drabbles"})["categories"]
    [('Additional Tags', 'fic, drabbles')]
    """
    labelled = any(field_for(str(k)) == "fandom" for k in front)
    jekyll = any(str(k).casefold() == "layout" for k in front)
    out: dict[str, list[tuple[str, str]]] = {}
    for key, value in front.items():
        name = str(key).casefold()
        if name not in _FILING:
            continue
        items = _items(value)
        # A Jekyll string a fandom pack knows as a whole ("Harry Potter") stays whole.
        whole_fandom = len(items) == 1 and _names_fandom(items[0])
        if jekyll and name in _SPACED and isinstance(value, str) and "," not in value:
            items = items if whole_fandom else value.split()
        out[str(key)] = read_filing(items, fandoms=not labelled)
    return out


def read_filing(items: Iterable[str], *, fandoms: bool) -> list[tuple[str, str]]:
    """Stated fields for a blog's category and tag items: ``("Category", ...)`` for AO3
    category words, ``("Fandom", ...)`` for items a fandom pack knows (when ``fandoms``),
    ``("Additional Tags", ...)`` for the rest.

    >>> read_filing(["fic", "Sherlock"], fandoms=True)
    [('Fandom', 'Sherlock'), ('Additional Tags', 'fic')]
    """
    return list(_read_items(items, fandoms=fandoms))


def _read_items(items: Iterable[str], *, fandoms: bool) -> Iterable[tuple[str, str]]:
    cats: list[str] = []
    found: list[str] = []
    tags: list[str] = []
    for item in items:
        if values.category_of(item):
            cats.append(item)
        elif fandoms and _names_fandom(item):
            found.append(item)
        else:
            tags.append(item)
    # One field per meaning; items rejoined with ", " as the header reads a list.
    if cats:
        yield "Category", ", ".join(cats)
    if found:
        yield "Fandom", ", ".join(found)
    if tags:
        yield "Additional Tags", ", ".join(t.replace(",", " ") for t in tags)


def known_fandoms(items: Iterable[str]) -> list[tuple[str, str]]:
    """``("fandom", item)`` for each item a fandom pack knows (a journal's or blog's tag
    naming the fandom), as ``fallback_tags``.

    >>> known_fandoms(["fic", "Sherlock", "Sherlock"])
    [('fandom', 'Sherlock')]
    """
    out: list[tuple[str, str]] = []
    for item in items:
        pair = ("fandom", item)
        if pair not in out and _names_fandom(item):
            out.append(pair)
    return out


def post_filing(names: Iterable[str]) -> dict[str, Any]:
    """A blog post's category and tag link texts as page metadata: ``fallback_tags``
    for the known fandoms (the fandom when the post states none), ``filing`` (stated
    fields) for the rest.

    >>> post_filing(["fic", "Sherlock"])
    {'filing': [('Additional Tags', 'fic')], 'fallback_tags': [('fandom', 'Sherlock')]}
    """
    filed = [n for n in dict.fromkeys(names) if 0 < len(n) <= 100]
    fandoms = known_fandoms(filed)
    rest = [f for f in filed if ("fandom", f) not in fandoms]
    out: dict[str, Any] = {}
    if rest:
        out["filing"] = read_filing(rest, fandoms=False)
    if fandoms:
        out["fallback_tags"] = fandoms
    return out


__all__ = ["filing_fields", "known_fandoms", "post_filing", "read_filing"]
