"""The listing's one state, the query string, as the filter sidebar sees it.

The sidebar never keeps state of its own: "include this relationship" appends
``relationship:"A/B"`` to the query, "exclude this warning" appends
``-warning:"Rape/Non-Con"``, and clicking an active filter takes its term out again.
This module splits a query into its top-level terms (quotes and parentheses kept
whole) so those edits are textual and the query language round-trips.

>>> q = toggle("tattoo", "relationship", "A/B", negated=False)
>>> q
'tattoo relationship:"A/B"'
>>> q = toggle(q, "warning", "Rape/Non-Con", negated=True)
>>> q
'tattoo relationship:"A/B" -warning:"Rape/Non-Con"'
>>> state(q, "warning", "Rape/Non-Con")
'exclude'
>>> toggle(q, "relationship", "A/B", negated=False)
'tattoo -warning:"Rape/Non-Con"'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "FACET_FIELDS",
    "Term",
    "field_for_facet",
    "format_term",
    "state",
    "terms",
    "toggle",
    "without",
]

# Facet name (tag type) -> the query field that filters on it.
FACET_FIELDS: dict[str, str] = {
    "rating": "rating",
    "warning": "warning",
    "category": "category",
    "fandom": "fandom",
    "relationship": "relationship",
    "character": "character",
    "freeform": "tag",
}
_ALIASES = {"ship": "relationship", "freeform": "tag", "tags": "tag"}


@dataclass(frozen=True)
class Term:
    """One top-level term: ``-field:value``, ``field:value`` or bare text."""

    raw: str
    field: str | None
    value: str
    negated: bool


def field_for_facet(facet: str) -> str:
    """The query field that filters on a facet (``freeform`` -> ``tag``)."""
    return FACET_FIELDS.get(facet, facet)


def _split(query: str) -> list[str]:
    """Top-level terms: whitespace splits, except inside quotes or parentheses."""
    out: list[str] = []
    buf: list[str] = []
    depth = 0
    quoted = False
    for ch in query:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")" and depth:
            depth -= 1
        if ch.isspace() and not quoted and depth == 0:
            if buf:
                out.append("".join(buf))
                buf = []
            continue
        buf.append(ch)
    if buf:
        out.append("".join(buf))
    return out


def _parse(raw: str) -> Term:
    body = raw
    negated = body.startswith("-") and len(body) > 1
    if negated:
        body = body[1:]
    field: str | None = None
    if not body.startswith(('"', "(")) and ":" in body:
        name, _, rest = body.partition(":")
        if name.isalpha():
            field = _ALIASES.get(name.lower(), name.lower())
            body = rest
    value = body[1:-1] if len(body) >= 2 and body[0] == body[-1] == '"' else body
    return Term(raw, field, value, negated)


def terms(query: str) -> list[Term]:
    """The top-level terms of ``query`` in order."""
    return [_parse(raw) for raw in _split(query)]


def format_term(field: str, value: str, *, negated: bool = False) -> str:
    """``field:"value"`` (quoted always, so spaces and slashes are safe)."""
    clean = value.replace('"', "")
    return f'{"-" if negated else ""}{field}:"{clean}"'


def _same(term: Term, field: str, value: str) -> bool:
    return term.field == _ALIASES.get(field, field) and term.value.casefold() == value.casefold()


def state(query: str | list[Term], field: str, value: str) -> str | None:
    """``"include"``, ``"exclude"`` or None: what the query says about ``field:value``.

    ``query`` may be given already split by :func:`terms` (the sidebar does that once
    for hundreds of entries)."""
    for term in terms(query) if isinstance(query, str) else query:
        if _same(term, field, value):
            return "exclude" if term.negated else "include"
    return None


def toggle(query: str | list[Term], field: str, value: str, *, negated: bool) -> str:
    """The query with ``field:value`` switched: added, removed, or flipped in polarity."""
    kept: list[str] = []
    found: Term | None = None
    for term in terms(query) if isinstance(query, str) else query:
        if _same(term, field, value):
            found = term
            continue
        kept.append(term.raw)
    if found is None or found.negated != negated:
        kept.append(format_term(field, value, negated=negated))
    return " ".join(kept)


def without(query: str, raw: str) -> str:
    """The query with one top-level term (as written) taken out."""
    parts = [t.raw for t in terms(query)]
    if raw in parts:
        parts.remove(raw)
    return " ".join(parts)
