"""One pass over a work's text: every cue, its context, and a score per concept.

The content-note, warning and rating taggers all read the same :class:`Analysis`, so the
text is scanned once per work (the result is kept for the last few works).

Scoring: a hit weighs its term's weight times its context factor (0 when negated). The
same term repeated counts with diminishing returns (1, 1/2, 1/4, 1/8 of its weight), so a
word used fifty times does not outvote five different cues. A concept with ``near``
counts a hit only when a solid hit (weight >= 2) of a companion concept lies within its
window in the same chapter, e.g. "please stop" only means non-consent next to sex.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from fandex.model import Evidence, Work
from fandex.tag.context_rules import ON_PAGE, ContextRules, default_rules
from fandex.tag.cues_lexicon import Concept, Lexicon, default_lexicon

_REPEAT_DECAY = 0.5
_MAX_REPEATS = 4
_SOLID = 2.0  # base weight a companion hit needs to satisfy ``near``
_QUOTE_MAX = 160


@dataclass(frozen=True)
class Found:
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
    onpage: float = 0.0
    found: list[Found] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        """0.5 at the concept's threshold, rising toward 0.99 as the score doubles and more."""
        if self.score <= 0:
            return 0.0
        return min(0.99, 1.0 - 0.5 ** (self.score / self.concept.threshold))

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
        hits = [f for n in names for f in self.get(n).found]
        hits.sort(key=lambda f: (f.context != ON_PAGE, -f.weight, f.chapter, f.start))
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
    texts: dict[int, str] = {}
    words = 0
    for index, text in chapters:
        texts[index] = text
        words += text.count(" ") + 1 if text else 0
        low = _lower(text)
        for hit in lexicon.scan(low):
            ctx, factor = rules.classify(low, hit.start)
            for name, base in hit.concepts:
                raw[name].append(
                    Found(index, hit.start, hit.end, hit.term, base, base * factor, ctx)
                )
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
        if i < len(starts) and starts[i] <= f.end + concept.window and starts[i] != f.start:
            return True
        if i + 1 < len(starts) and starts[i] == f.start and starts[i + 1] <= f.end + concept.window:
            return True
    return False


def _score(concept: Concept, hits: list[Found]) -> ConceptScore:
    by_term: dict[str, list[Found]] = defaultdict(list)
    for f in hits:
        if f.weight > 0:
            by_term[f.term].append(f)
    out = ConceptScore(concept)
    for term_hits in by_term.values():
        weights = sorted((f.weight for f in term_hits), reverse=True)[:_MAX_REPEATS]
        out.score += sum(w * _REPEAT_DECAY**i for i, w in enumerate(weights))
        onpage = sorted((f.weight for f in term_hits if f.context == ON_PAGE), reverse=True)
        out.onpage += sum(w * _REPEAT_DECAY**i for i, w in enumerate(onpage[:_MAX_REPEATS]))
        out.found.extend(term_hits)
    return out


_CACHE: list[tuple[int, tuple[str, ...], Analysis]] = []
_CACHE_SIZE = 4


def analyse(work: Work) -> Analysis:
    """The analysis of ``work``'s chapters, computed once and shared by the taggers."""
    texts = tuple(c.text for c in work.chapters)
    for wid, cached_texts, result in _CACHE:
        if wid == id(work) and len(cached_texts) == len(texts):
            if all(a is b for a, b in zip(cached_texts, texts, strict=True)):
                return result
    result = analyse_texts((c.index, c.text) for c in work.chapters)
    _CACHE.append((id(work), texts, result))
    del _CACHE[:-_CACHE_SIZE]
    return result
