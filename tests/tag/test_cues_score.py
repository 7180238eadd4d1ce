"""The scoring of a concept's passages (``cues_analysis._score``) against the plain
form it replaced: every window's hits joined into one list and scored by one function.

The fast form scores a lone hit in place and two half-windows without joining them; the
reference below is the earlier code, kept here so the two can be compared on random hits.
"""

from __future__ import annotations

from heapq import heapify, heappop

from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.tag.context_rules import BACKSTORY, NEGATED, ON_PAGE
from fandex.tag.cues_analysis import (
    _DECAYS as DECAYS,
)
from fandex.tag.cues_analysis import (
    _HOT_MAX as HOT_MAX,
)
from fandex.tag.cues_analysis import (
    _KEEP as KEEP,
)
from fandex.tag.cues_analysis import (
    _STEP as STEP,
)
from fandex.tag.cues_analysis import (
    _STRONG as STRONG,
)
from fandex.tag.cues_analysis import (
    ConceptScore,
    Found,
    _score,
)
from fandex.tag.cues_lexicon import Concept


def _reference_passage_score(hits: list[Found], concept: Concept) -> float:
    if len(hits) == 1:  # most passages: one hit, one term
        f = hits[0]
        total = f.weight
        if f.base < STRONG:
            total *= concept.single
            if concept.anchor:
                total *= concept.unanchored
        return total
    by_term: dict[str, list[float]] = {}
    anchored = False
    for f in hits:
        weights = by_term.get(f.term)
        if weights is None:
            by_term[f.term] = [f.weight]
        else:
            weights.append(f.weight)
        if f.base >= STRONG:
            anchored = True
    total = 0.0
    for weights in by_term.values():
        if len(weights) == 1:
            total += weights[0]  # most terms occur once in a passage
            continue
        weights.sort(reverse=True)
        total += sum([w * d for w, d in zip(weights, DECAYS, strict=False)])
    # Both discounts only lower a passage's score, so the window mass stays an upper bound.
    if len(by_term) == 1 and not anchored:
        total *= concept.single
    if concept.anchor and not anchored:
        total *= concept.unanchored
    return total


def reference_score(concept: Concept, hits: list[Found]) -> ConceptScore:
    out = ConceptScore(concept)
    if not hits:
        return out
    found = out.found = [f for f in hits if f.weight > 0]
    # Hits by half-window, and each half-window's weight (summed in hit order).
    buckets: dict[tuple[int, int], list[Found]] = {}
    mass: dict[tuple[int, int], float] = {}
    for f in found:
        key = (f.chapter, f.start // STEP)
        bucket = buckets.get(key)
        if bucket is None:
            buckets[key] = [f]
            mass[key] = f.weight
        else:
            bucket.append(f)
            mass[key] += f.weight
    starts = set(buckets)
    starts.update([(ch, b - 1) for ch, b in buckets])
    get = mass.get
    # Negated, so a heap pops the heaviest (then the latest) window first.
    windows = [(-get((ch, b), 0.0) - get((ch, b + 1), 0.0), -ch, -b) for ch, b in starts]
    # The plain sum of a window's weights bounds its score: visit the heaviest first and
    # stop once no window left can beat the kept ones or add to ``hot`` (which only
    # matters up to HOT_MAX). Usually a few windows of thousands are visited: a heap
    # pops them in the order a sort would list them, without sorting the rest.
    heapify(windows)
    kept: list[tuple[float, list[Found]]] = []  # strongest first; ties in visiting order
    threshold = concept.threshold
    while windows:
        neg, neg_ch, neg_b = heappop(windows)
        bound, ch, b = -neg, -neg_ch, -neg_b
        floor = kept[-1][0] if len(kept) >= KEEP else 0.0
        if bound <= floor and (bound < threshold or out.hot >= HOT_MAX):
            break
        passage = buckets.get((ch, b), []) + buckets.get((ch, b + 1), [])
        score = _reference_passage_score(passage, concept)
        if score >= threshold:
            out.hot += 1
        if score > floor or len(kept) < KEEP:
            i = len(kept)
            while i and kept[i - 1][0] < score:
                i -= 1
            kept.insert(i, (score, passage))
            del kept[KEEP:]
    if kept:
        out.score = kept[0][0]
        out.passages = [p for _, p in kept]
        out.passage_scores = [sc for sc, _ in kept]
    return out


_TERMS = ("kiss", "bled", "knife", "shot", "stab")
_WEIGHTS = (0.0, 0.35, 0.5, 1.0)


@st.composite
def hits_of(draw: st.DrawFn) -> list[Found]:
    """Hits as the scan makes them: in text order per chapter, chapters in order."""
    out: list[Found] = []
    for chapter in range(draw(st.integers(1, 3))):
        # A few half-windows or many (a novel's chapter), sparse or crowded.
        span = draw(st.sampled_from((3000, 20000, 120000)))
        starts = sorted(draw(st.lists(st.integers(0, span), max_size=80)))
        for start in starts:
            term = draw(st.sampled_from(_TERMS))
            base = draw(st.sampled_from((1.0, 2.0, 3.0)))
            factor = draw(st.sampled_from(_WEIGHTS))
            context = {0.0: NEGATED, 0.5: BACKSTORY}.get(factor, ON_PAGE)
            out.append(Found(chapter, start, start + len(term), term, base, base * factor, context))
    return out


concepts = st.builds(
    Concept,
    name=st.just("c"),
    threshold=st.sampled_from((1.0, 2.0, 3.0, 3.5, 5.0)),
    single=st.sampled_from((0.75, 1.0, 0.5)),
    anchor=st.booleans(),
    unanchored=st.sampled_from((0.5, 0.25)),
)


def _same(a: ConceptScore, b: ConceptScore) -> None:
    assert a.score == b.score
    assert a.hot == b.hot
    assert a.found == b.found
    assert a.passages == b.passages
    assert a.passage_scores == b.passage_scores


@settings(max_examples=300, deadline=None)
@given(concepts, hits_of())
def test_fast_scoring_matches_reference(concept: Concept, hits: list[Found]) -> None:
    _same(_score(concept, hits), reference_score(concept, hits))


def test_windows_made_as_the_visit_reaches_them() -> None:
    """A long text with one dense scene among many single mentions: the visit stops
    after the scene's windows (the light ones are never made), with the result the
    reference reaches by making every window first."""
    concept = Concept("c", threshold=3.0)
    light = [Found(0, s, s + 4, "kiss", 1.0, 1.0, ON_PAGE) for s in range(0, 900_000, 1500)]
    scene = [
        Found(0, s, s + 4, t, 3.0, 3.0, ON_PAGE)
        for s, t in zip(range(500_000, 501_000, 100), _TERMS * 2, strict=False)
    ]
    hits = sorted(light + scene, key=lambda f: f.start)
    got = _score(concept, hits)
    _same(got, reference_score(concept, hits))
    assert got.score > concept.threshold
    assert all(f.term != "kiss" or f.start // STEP in range(830, 836) for f in got.best)


def test_lone_hits_and_pairs() -> None:
    """A sparse concept (every window one hit) and a dense one (windows of many hits,
    the same term repeated) score as the reference does, discounts included."""
    concept = Concept("c", threshold=2.0, anchor=True)
    sparse = [Found(0, s, s + 4, "kiss", 2.0, 2.0, ON_PAGE) for s in range(0, 60000, 5000)]
    dense = [Found(1, s, s + 4, "stab", 3.0, 3.0, ON_PAGE) for s in range(0, 3000, 40)]
    for hits in (sparse, dense, sparse + dense):
        got = _score(concept, hits)
        _same(got, reference_score(concept, hits))
    assert _score(concept, sparse).score == 2.0 * 0.75 * 0.5
    assert _score(concept, dense).hot >= HOT_MAX  # counting may stop past it
