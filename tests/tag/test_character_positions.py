"""The character positions of a work, read lazily, are those the plain reading gives:
the pack characters' spans are looked at only where a name no pack knows is found, and
only a chapter's list that grew is sorted again."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.model import Chapter, Evidence, Tag, Work
from fandex.tag.characters import character_tagger, resolve_mentions
from fandex.tag.fandom import fandom_tagger
from fandex.tag.propernames import STOP
from fandex.tag.romance_people import (
    Regions,
    _forms_pattern,
    _overlaps,
    _pack_positions,
    character_positions,
)
from fandex.tag.titles import add_title_spans


def _plain_positions(
    work: Work, regions: Regions | Callable[[], Regions] | None = None
) -> dict[int, list[tuple[int, int, str]]]:
    """character_positions as it read before (the oracle): every chapter's pack spans
    sorted up front, every list sorted at the end."""
    tagged = {t.name: t for t in work.tags_of("character") if not t.attrs.get("rejected")}
    mentions = resolve_mentions(work)
    found = {name for name in mentions if name in tagged}
    out = {ch: list(spans) for ch, spans in _pack_positions(mentions, found).items()}
    owners: dict[str, set[str]] = {}
    for name in sorted(set(tagged) - found):
        short = tagged[name].attrs.get("short_forms")
        extra = [str(f) for f in short] if isinstance(short, list) else []
        for f in {name, *name.split(), *extra}:
            if (len(f) >= 3 or (f == name and f[:1].isupper())) and f not in STOP:
                owners.setdefault(f, set()).add(name)
    forms = {f: next(iter(names)) for f, names in owners.items() if len(names) == 1}
    if forms:
        pattern = _forms_pattern(forms)
        if callable(regions):
            regions = regions()
        for ch in work.chapters:
            spans = [(0, len(ch.text))] if regions is None else regions.get(ch.index, [])
            if not spans:
                continue
            known = sorted((s, e) for s, e, _ in out.get(ch.index, []))
            starts = [s for s, _ in known]
            for a, b in spans:
                for m in pattern.finditer(ch.text, a, b):
                    if _overlaps(known, starts, m.start(), m.end()):
                        continue
                    out.setdefault(ch.index, []).append((m.start(), m.end(), forms[m.group()]))
        add_title_spans({c.index: c.text for c in work.chapters}, out, forms)
    for lst in out.values():
        lst.sort()
    return out


# Pack names (Buffy's), names no pack knows (stated below), a title, and filler.
_WORDS = [
    *("Buffy", "Spike", "Willow", "Ada", "Roe", "Ada Roe", "Vire", "Captain Vire"),
    *("the Captain", "Kit", "Kit's", "Buffy-Ada", "kissed", "saw", "and", "her", "the"),
    *(".", ",", "\n\n", "Willow Rosenberg", "Captain"),
]  # fmt: skip


def _work(chapters: list[list[str]]) -> Work:
    w = Work(chapters=[Chapter(i + 1, text=" ".join(words)) for i, words in enumerate(chapters)])
    w.add_tag(Tag("fandom", "Buffy the Vampire Slayer (TV)", evidence=[Evidence(field="Fandom")]))
    fandom_tagger(w)
    character_tagger(w)
    for name in ("Ada Roe", "Captain Vire", "Kit"):
        w.add_tag(Tag("character", name))
    return w


@given(
    st.lists(st.lists(st.sampled_from(_WORDS), max_size=40), min_size=1, max_size=3),
    st.lists(st.tuples(st.integers(0, 300), st.integers(1, 120)), max_size=4),
)
@settings(max_examples=150, deadline=None)
def test_positions_are_those_of_the_plain_reading(
    chapters: list[list[str]], cuts: list[tuple[int, int]]
) -> None:
    w = _work(chapters)
    # Sorted regions that do not overlap, in the first chapter (and none in the others).
    spans: list[tuple[int, int]] = []
    for start, width in sorted(cuts):
        if not spans or start >= spans[-1][1]:
            spans.append((start, start + width))
    for regions in (None, {1: spans}):
        assert character_positions(w, regions) == _plain_positions(w, regions)
    # Regions made only when a name no pack knows is searched for, as the romance
    # reading hands them.
    assert character_positions(w, lambda: {1: spans}) == _plain_positions(w, lambda: {1: spans})


def test_a_name_no_pack_knows_is_placed_among_the_pack_names() -> None:
    w = _work([["Buffy", "saw", "Ada Roe", ".", "Spike", "kissed", "Ada", ".", "Buffy"]])
    got = character_positions(w)[1]
    assert got == sorted(got)
    assert {n for _s, _e, n in got} == {"Buffy Summers", "Spike", "Ada Roe"}
    assert got == _plain_positions(w, None)[1]
