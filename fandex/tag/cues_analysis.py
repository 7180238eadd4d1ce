"""One pass over a work's text: every cue, its context, and a score per concept.

The content-note, warning and rating taggers all read the same :class:`Analysis`, so the
text is scanned once per work (the result is kept for the last few works).

Scoring: a hit weighs its term's weight times its context factor (0 when negated). The
same term repeated counts with diminishing returns (1, 1/2, 1/4, 1/8 of its weight), so a
word used fifty times does not outvote five different cues. A concept with ``near``
counts a hit only when a solid hit (weight >= 2) of a companion concept lies within its
window in the same chapter, e.g. "please stop" only means non-consent next to sex.

A concept's score is that of its strongest *passage* (overlapping windows of about 200
words), not of the whole text: warnings ask whether some passage calls for them, and a
novel's hundred scattered mild words must not add up to one graphic scene. ``hot``
counts the windows over the threshold; repeated scenes raise the confidence.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from fandex.model import Evidence, Work
from fandex.tag.context_rules import ON_PAGE, ContextRules, default_rules
from fandex.tag.cues_lexicon import Concept, Lexicon, default_lexicon

_REPEAT_DECAY = 0.5
_MAX_REPEATS = 4
_SOLID = 2.0  # base weight a companion hit needs to satisfy ``near``
_QUOTE_MAX = 160
WINDOW = 1200  # characters per passage window (windows overlap by half)
_STEP = WINDOW // 2


class Found(NamedTuple):
    """A counted cue: where it is (chapter index, offsets), its term, weight and context."""

    chapter: int
    start: int
    end: int
    term: str
    base: float
    weight: float
    context: str


@dataclass
class ConceptScore:
    """How strongly the text shows one concept."""

    concept: Concept
    score: float = 0.0
    hot: int = 0
    found: list[Found] = field(default_factory=list)
    best: list[Found] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        """0.5 at the concept's threshold, rising toward 0.99 with the score and repeated scenes."""
        if self.score <= 0:
            return 0.0
        boost = 1.0 + 0.15 * min(max(self.hot - 1, 0), 4)
        return min(0.99, 1.0 - float(0.5 ** (self.score / self.concept.threshold * boost)))

    @property
    def present(self) -> bool:
        return self.score >= self.concept.threshold


@dataclass
class Analysis:
    """Every concept's score for one text, with the chapter texts for quoting."""

    concepts: dict[str, ConceptScore]
    texts: dict[int, str]
    words: int

    def get(self, name: str) -> ConceptScore:
        """The score of concept ``name`` (an empty one if the lexicon has no such concept)."""
        found = self.concepts.get(name)
        if found is None:
            return ConceptScore(Concept(name))
        return found

    def evidence(self, *names: str, limit: int = 3) -> list[Evidence]:
        """Quotes for the strongest distinct cues of the given concepts, on-page first."""
        best = {id(f) for n in names for f in self.get(n).best}
        hits = [f for n in names for f in self.get(n).found]
        hits.sort(key=lambda f: (id(f) not in best, f.context != ON_PAGE, -f.weight, f.start))
        out: list[Evidence] = []
        seen_terms: set[str] = set()
        seen_spans: set[tuple[int, int]] = set()
        for f in hits:
            if f.term in seen_terms:
                continue
            ev = quote(self.texts.get(f.chapter, ""), f.chapter, f.start, f.end)
            span = (f.chapter, ev.start or 0)
            if span in seen_spans:
                continue
            seen_terms.add(f.term)
            seen_spans.add(span)
            out.append(ev)
            if len(out) >= limit:
                break
        return out


def quote(text: str, chapter: int, start: int, end: int) -> Evidence:
    """Evidence for a hit: its sentence (cut to a short quote), never across a line break."""
    lo = max(0, start - _QUOTE_MAX // 2)
    left = text[lo:start]
    cut = max(left.rfind(ch) for ch in ".!?\n")
    qs = lo + cut + 1 if cut >= 0 else lo
    hi = min(len(text), end + _QUOTE_MAX // 2)
    right = text[end:hi]
    ends = [i for i in (right.find(ch) for ch in ".!?\n") if i >= 0]
    qe = end + (min(ends) + (0 if right[min(ends)] == "\n" else 1) if ends else len(right))
    while qs < start and text[qs].isspace():
        qs += 1
    while qe > end and text[qe - 1].isspace():
        qe -= 1
    return Evidence(chapter=chapter, start=qs, end=qe, quote=text[qs:qe])


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters grow when lower-cased ("İ"); keep offsets aligned with the original.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def analyse_texts(
    chapters: Iterable[tuple[int, str]],
    lexicon: Lexicon | None = None,
    rules: ContextRules | None = None,
) -> Analysis:
    """Scan ``(chapter index, text)`` pairs and score every concept of the lexicon."""
    lexicon = lexicon or default_lexicon()
    rules = rules or default_rules()
    raw: dict[str, list[Found]] = defaultdict(list)
    terms: dict[str, tuple[tuple[str, float], ...]] = {}
    texts: dict[int, str] = {}
    words = 0
    for index, text in chapters:
        texts[index] = text
        words += text.count(" ") + 1 if text else 0
        low = _lower(text)
        at = rules.prepare(low).at
        # The scan is inlined (not lexicon.scan) because this loop runs once per cue.
        for m in lexicon.pattern.finditer(low):
            key = m.group()
            cues = terms.get(key)
            if cues is None:
                cues = terms[key] = lexicon.concepts_of(key)
            start = m.start()
            if not cues or (" " in key and lexicon.masked_inside(low, start, key)):
                continue
            ctx, factor = at(start)
            end = m.end()
            for name, base in cues:
                raw[name].append(_new(Found, (index, start, end, key, base, base * factor, ctx)))
    solid: dict[str, dict[int, list[int]]] = {}
    for name, hits in raw.items():
        per_chapter: dict[int, list[int]] = defaultdict(list)
        for f in hits:
            if f.base >= _SOLID and f.weight > 0:
                per_chapter[f.chapter].append(f.start)
        solid[name] = per_chapter
    concepts: dict[str, ConceptScore] = {}
    for name, concept in lexicon.concepts.items():
        hits = raw.get(name, [])
        if concept.near:
            hits = [f for f in hits if _is_near(f, concept, solid)]
        concepts[name] = _score(concept, hits)
    return Analysis(concepts=concepts, texts=texts, words=words)


def _is_near(f: Found, concept: Concept, solid: dict[str, dict[int, list[int]]]) -> bool:
    for other in concept.near:
        starts = solid.get(other, {}).get(f.chapter)
        if not starts:
            continue
        i = bisect_left(starts, f.start - concept.window)
        while i < len(starts) and starts[i] <= f.end + concept.window:
            if starts[i] != f.start:  # a term listed in both concepts is not its own company
                return True
            i += 1
    return False


def _passage_score(hits: list[Found]) -> float:
    by_term: dict[str, list[float]] = defaultdict(list)
    for f in hits:
        by_term[f.term].append(f.weight)
    total = 0.0
    for weights in by_term.values():
        weights.sort(reverse=True)
        total += sum(w * _REPEAT_DECAY**i for i, w in enumerate(weights[:_MAX_REPEATS]))
    return total


def _score(concept: Concept, hits: list[Found]) -> ConceptScore:
    out = ConceptScore(concept)
    out.found = [f for f in hits if f.weight > 0]
    buckets: dict[tuple[int, int], list[Found]] = defaultdict(list)
    for f in out.found:
        buckets[(f.chapter, f.start // _STEP)].append(f)
    mass = {key: sum(f.weight for f in fs) for key, fs in buckets.items()}
    windows = []
    for ch, b in {(ch, b - 1) for ch, b in buckets} | set(buckets):
        bound = mass.get((ch, b), 0.0) + mass.get((ch, b + 1), 0.0)
        windows.append((bound, ch, b))
    # The plain sum of a window's weights bounds its score: visit the heaviest first and
    # stop once no window left can beat the best or reach the threshold.
    windows.sort(reverse=True)
    for bound, ch, b in windows:
        if bound <= out.score and bound < concept.threshold:
            break
        passage = buckets.get((ch, b), []) + buckets.get((ch, b + 1), [])
        score = _passage_score(passage)
        if score >= concept.threshold:
            out.hot += 1
        if score > out.score:
            out.score, out.best = score, passage
    return out


# tuple.__new__ builds a Found in C; Found(...) goes through a Python-level __new__,
# which costs a third of the scan on cue-dense text.
_new = tuple.__new__

_CACHE: list[tuple[int, tuple[str, ...], Analysis]] = []
_CACHE_SIZE = 4


def analyse(work: Work) -> Analysis:
    """The analysis of ``work``'s chapters, computed once and shared by the taggers."""
    texts = tuple(c.text for c in work.chapters)
    for wid, cached_texts, result in _CACHE:
        same = len(cached_texts) == len(texts) and all(
            a is b for a, b in zip(cached_texts, texts, strict=True)
        )
        if wid == id(work) and same:
            return result
    result = analyse_texts((c.index, c.text) for c in work.chapters)
    _CACHE.append((id(work), texts, result))
    del _CACHE[:-_CACHE_SIZE]
    return result
