"""The alias scan (``aliases.scan_text``) against the form it replaced: every token
holding a candidate word read through its full plan, where the scan now takes most
hits (a ``sure`` alias with no longer one after it) by a shorter path."""

from __future__ import annotations

from itertools import compress

from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.tag.aliases import (
    CAP_WORD,
    Alias,
    AliasIndex,
    Hit,
    _group,
    _is_word,
    _match_in_token,
    _new,
    _Plan,
    _shorter_key,
    build_index,
    scan_text,
)
from fandex.vocab.packs import Character, Pack

PACKS = [
    Pack(
        "Buffy",
        characters=(
            Character("Buffy Summers", ("Buffy", "Buffy Anne Summers", "the Slayer")),
            Character("Dawn Summers", ("Dawn",), ambiguous=frozenset({"Dawn"})),
            Character("Rupert Giles", ("Giles", "Mr Giles", "Rupert")),
        ),
        places=("Sunnydale", "Sunnydale High", "Bronze"),
        terms=("Slayer", "Watcher"),
    ),
    Pack(
        "Star Wars",
        characters=(
            Character("Obi-Wan Kenobi", ("Obi-Wan", "Kenobi", "Ben")),
            Character("Ben Solo", ("Ben Solo", "Kylo Ren", "Kylo")),
        ),
        terms=("Jedi", "Sith", "Dementor"),
    ),
]
PIECES = ["Buffy", "Summers", "Anne", "Dawn", "Giles", "Mr", "Rupert", "the", "The",
          "Slayer", "Slayers", "Sunnydale", "High", "Bronze", "Obi-Wan", "Obi", "Wan",
          "Kenobi", "Ben", "Solo", "Kylo", "Ren", "Jedi", "Sith", "Dementors", "Watcher",
          "'s", "’s", "-", ".", " ", " ", " ", ", ", "\n", "x", "s", "Zoë", "_"]  # fmt: skip


def reference_scan(text: str, chapter: int, index: AliasIndex) -> tuple[list[Hit], int]:
    """The scan as it was before ``quick`` tokens: the hits and the word count."""
    tokens = list(CAP_WORD.finditer(text))
    words = list(map(_group, tokens))
    distinct = set(words)
    present = index.first_words & distinct
    key_of: dict[str, str] = {}
    for w in distinct - present:
        if w[-1] == "s" and w[:-1] in index.first_words:
            key_of[w] = w[:-1]  # a plural ("Dementors"); only places and terms take one
        elif "'" in w or "’" in w or "-" in w or "." in w:
            key = _shorter_key(w, index.first_words)
            if key is not None:
                key_of[w] = key
    if not present and not key_of:
        return [], len(words)
    by_first = index.by_first
    # Per candidate word, its aliases (longest first) with the fields the loop reads,
    # unpacked once per text rather than once per hit; and the same without the aliases
    # whose rest ("Buffy| Summers") cannot follow because its first two characters do not.
    # ``sure``: the alias found wherever no longer one can follow, when the first of the
    # short ones is the word itself (the loop below would take it at once).
    plans: dict[str, tuple[_Plan, _Plan, frozenset[str], int, Alias | None]] = {}
    for w in present | set(key_of):
        key = key_of.get(w, w)
        full = [(a, a.first, a.rest, a.prefix, not a.rest and not a.prefix) for a in by_first[key]]
        short = [p for p in full if len(p[2]) < 2]
        sure = short[0][0] if short and short[0][4] and short[0][1] == w else None
        heads = frozenset(p[2][:2] for p in full if len(p[2]) >= 2)
        plans[w] = (full, short, heads, len(key), sure)
    # Per distinct token holding a candidate word (see :func:`name_matches`): where in
    # it the word starts, the word, and its plan; one lookup per hit, and the loop below
    # reads the tokens itself (a generator's tuple per hit cost a fifth of the scan).
    found: dict[str, tuple[int, str, _Plan, _Plan, frozenset[str], int, Alias | None]] = {}
    for t in distinct:
        got = _match_in_token(t, plans)
        if got is not None:
            found[t] = (got[0], got[1], *plans[got[1]])
    hits: list[Hit] = []
    n = len(text)
    last_end = 0
    for tok, t in compress(zip(tokens, words, strict=True), map(found.__contains__, words)):
        offset, word, full, short, heads, first_len, sure = found[t]
        s = tok.start() + offset
        if s < last_end:
            continue
        found_end = tok.end()
        after = s + first_len
        if heads and text[after : after + 2] in heads:
            candidates = full
        elif sure is not None:
            hits.append(_new(Hit, (chapter, s, found_end, sure)))
            last_end = found_end
            continue
        else:
            candidates = short
        for a, first, rest, prefix, simple in candidates:
            if simple and word == first:
                # The pattern already matched the whole word: nothing left to check.
                hits.append(_new(Hit, (chapter, s, found_end, a)))
                last_end = found_end
                break
            if rest and not text.startswith(rest, after):
                continue
            end = after + len(rest)
            if end < n and (text[end].isalnum() or text[end] == "_") and a.text[-1].isalnum():
                if not (a.plural_ok and text[end] == "s" and not _is_word(text, end + 1)):
                    continue
                end += 1
            if prefix:
                p0 = s - len(prefix)
                if p0 < 0 or text[p0:s].lower() != prefix.lower() or _is_word(text, p0 - 1):
                    continue
                s_hit = p0
            else:
                s_hit = s
            hits.append(_new(Hit, (chapter, s_hit, end, a)))
            last_end = end
            break
    return hits, len(words)


INDEX = build_index(PACKS)


def _rows(hits: list[Hit]) -> list[tuple[int, int, int, str]]:
    return [(h.chapter, h.start, h.end, h.alias.text) for h in hits]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_scan_matches_reference(text: str) -> None:
    got, words = scan_text(text, 3, INDEX)
    want, want_words = reference_scan(text, 3, INDEX)
    assert words == want_words
    assert _rows(got) == _rows(want)
    assert all(a.alias is b.alias for a, b in zip(got, want, strict=True))


def test_longer_alias_after_a_sure_one() -> None:
    """ "Buffy" is sure alone, but "Buffy Anne Summers" follows it here: the longer wins,
    and the surname inside it is no hit of its own."""
    text = "Buffy Anne Summers met Buffy. Mr Giles and Giles; Obi-Wan's Slayers."
    got = [(text[h.start : h.end], h.alias.text) for h in scan_text(text, 0, INDEX)[0]]
    assert got == _rows_text(text, reference_scan(text, 0, INDEX)[0])
    assert got[0] == ("Buffy Anne Summers", "Buffy Anne Summers")
    assert ("Buffy", "Buffy") in got


def _rows_text(text: str, hits: list[Hit]) -> list[tuple[str, str]]:
    return [(text[h.start : h.end], h.alias.text) for h in hits]
