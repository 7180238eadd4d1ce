"""One pass over a work's text: every cue, its context, and a score per concept.

The content-note, warning and rating taggers all read the same :class:`Analysis`, so the
text is scanned once per work (the result is kept for the last few works).

Scoring: a hit weighs its term's weight times its context factor (0 when negated). The
same term repeated counts with diminishing returns (1, 1/2, 1/4, 1/8 of its weight), so a
word used fifty times does not outvote five different cues. A concept with ``near``
counts a hit only when a solid hit (weight >= 2) of a companion concept lies within its
window in the same chapter, e.g. "please stop" only means non-consent next to sex.

One ambiguous word is weak evidence: a passage whose hits are all one term that is not
``strong`` counts at the concept's ``single`` factor (0.75 unless its table says), so
"ransom" alone or "prison" alone makes no note, while "kidnapped" alone, or "ransom"
with "locked in", does. Concepts with ``anchor = true`` (the bigotry notes, whose softer
cues are everyday words such as "church" or "kitchen") count a passage without any
strong term at ``unanchored`` (0.5).

A concept's score is that of its strongest *passage* (overlapping windows of about 200
words), not of the whole text: warnings ask whether some passage calls for them, and a
novel's hundred scattered mild words must not add up to one graphic scene. ``hot``
counts the windows over the threshold (up to five); repeated scenes raise the confidence.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from heapq import heapify, heappop, heappush
from typing import NamedTuple

from fandex.model import Evidence, Work
from fandex.tag.context_rules import (
    BACKSTORY,
    CONTRACTED,
    ON_PAGE,
    ContextRules,
    default_rules,
)
from fandex.tag.cues_lexicon import WEIGHTS, Concept, Lexicon, default_lexicon
from fandex.tag.english import reads_english
from fandex.tag.lowered import lowered, padded_lower
from fandex.tag.textmemo import forget_with
from fandex.tag.wordfind import split_count

_REPEAT_DECAY = 0.5
_ON_PAGE = (ON_PAGE, 1.0)
_MAX_REPEATS = 4
# The weight of a term's 1st, 2nd, ... use in a passage (powers of two: exact).
_DECAYS = tuple(_REPEAT_DECAY**i for i in range(_MAX_REPEATS))
_SOLID = 2.0  # base weight a companion hit needs to satisfy ``near``
_STRONG = WEIGHTS["strong"]  # the anchor some concepts need
_QUOTE_MAX = 200
_KEEP = 3  # strongest passages kept per concept, for evidence
_HOT_MAX = 5  # passages over the threshold counted (confidence stops rising there)
WINDOW = 1200  # characters per passage window (windows overlap by half)
_STEP = WINDOW // 2
_SEEN_MAX = 200_000  # matched strings a lexicon remembers


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
    # The hits of the strongest passages, strongest first (at most _KEEP of them).
    passages: list[list[Found]] = field(default_factory=list)
    # The score of each kept passage, in the same order.
    passage_scores: list[float] = field(default_factory=list)

    @property
    def best(self) -> list[Found]:
        """The hits of the strongest passage."""
        return self.passages[0] if self.passages else []

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
    # False for a text the English lexicon cannot read (fandex.tag.english): no concept
    # was scored, and the taggers that read this analysis guess nothing from it.
    readable: bool = True

    def get(self, name: str) -> ConceptScore:
        """The score of concept ``name`` (an empty one if the lexicon has no such concept)."""
        found = self.concepts.get(name)
        if found is None:
            return ConceptScore(Concept(name))
        return found

    def evidence(self, *names: str, limit: int = 3) -> list[Evidence]:
        """Quotes for the strongest distinct cues of the given concepts' strongest passages,
        on-page first."""
        hits = [
            (rank, f)
            for n in names
            for rank, passage in enumerate(self.get(n).passages)
            for f in passage
        ]
        hits.sort(key=lambda rf: (rf[0], rf[1].context != ON_PAGE, -rf[1].weight, rf[1].start))
        out: list[Evidence] = []
        seen_terms: set[str] = set()
        for _, f in hits:
            if f.term in seen_terms:
                continue
            ev = quote(self.texts.get(f.chapter, ""), f.chapter, f.start, f.end)
            if any(_overlap(ev, other) for other in out):
                continue
            seen_terms.add(f.term)
            out.append(ev)
            if len(out) >= limit:
                break
        return out


def _overlap(a: Evidence, b: Evidence) -> bool:
    return (
        a.chapter == b.chapter and (a.start or 0) < (b.end or 0) and (b.start or 0) < (a.end or 0)
    )


def quote(text: str, chapter: int, start: int, end: int) -> Evidence:
    """Evidence for a hit: its sentence, trimmed at word breaks to a short quote.

    The quote is exactly ``text[ev.start:ev.end]`` and never crosses a line break.
    """
    lo = max(0, start - 300)
    left = text[lo:start]
    cut = max(left.rfind(ch) for ch in ".!?\n")
    qs = lo + cut + 1 if cut >= 0 else lo
    right = text[end : end + 300]
    stops = [i for i in (right.find(ch) for ch in ".!?\n") if i >= 0]
    if stops:
        first = min(stops)
        qe = end + first + (0 if right[first] == "\n" else 1)
    else:
        qe = end + len(right)
    if qe - qs > _QUOTE_MAX:
        # Too long: keep the cue near the middle, cut at spaces.
        room = max(0, _QUOTE_MAX - (end - start)) // 2
        if start - qs > room:
            space = text.find(" ", start - room, start)
            qs = space + 1 if space >= 0 else start
        if qe - end > room:
            space = text.rfind(" ", end, end + room)
            qe = space if space >= 0 else end
    while qs < start and text[qs].isspace():
        qs += 1
    while qe > end and text[qe - 1].isspace():
        qe -= 1
    return Evidence(chapter=chapter, start=qs, end=qe, quote=text[qs:qe])


def _lower(text: str) -> str:
    low = lowered(text)
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
    # Matched string -> (context kind or None, concepts fed, whether a phrase), so the
    # hot loop does one dict lookup per match; kept by the lexicon from text to text
    # (bounded: a prefix term such as "stab*" matches open-ended words).
    seen = lexicon.matched
    if len(seen) > _SEEN_MAX:
        seen.clear()
    context = lexicon.context
    backstory = {c.name: c.backstory for c in lexicon.concepts.values() if c.backstory is not None}
    texts: dict[int, str] = {}
    words = 0
    for index, text in chapters:
        texts[index] = text
        words += text.count(" ") + 1 if text else 0
        low = _lower(text)
        tracker = rules.tracker(low)
        # The scan is inlined (not lexicon.scan) because this loop runs once per cue and
        # once per context word, the bulk of the matches.
        last, at, reach = tracker.last, tracker.at, tracker.reach
        dated_after, contracted = rules.dated_after, rules.contracted
        after_reach = rules.after_reach
        # End of the latest context word (matches come in text order, so the largest).
        recent = -(10**9)
        # The scanner reads the text behind one space (offsets one more than in ``low``),
        # the form the other scans of the chapter read too.
        body = padded_lower(text) if low is lowered(text) else " " + low
        dates = rules.dated_starts(body)
        for m in lexicon.lead_scan.finditer(body):
            key = m.group(1)
            info = seen.get(key)
            if info is None:
                info = seen[key] = (context.get(key), lexicon.concepts_of(key), " " in key)
            kind, cues, phrase = info
            if kind is not None:
                if kind == CONTRACTED:  # "he'd": "had" or "would", by the next word
                    kind = contracted(low, m.end() - 1)
                last[kind] = recent = m.end() - 1
            if not cues:
                continue
            start = m.start(1) - 1
            if phrase and lexicon.masked_inside(low, start, key):
                continue
            # No context word within reach: on the page, without asking the tracker.
            ctx, factor = at(start) if start - recent <= reach else _ON_PAGE
            end = m.end() - 1
            # A time phrase after it ("died years ago") makes it backstory: looked for
            # only where one may start (most cues have none within reach).
            if ctx == ON_PAGE:
                near = bisect_left(dates, end) if dates is not None else 0
                if dates is None or (near < len(dates) and dates[near] < end + after_reach):
                    ctx, factor = dated_after(low, end) or _ON_PAGE
            if ctx == BACKSTORY and backstory:
                # Rare: a backstory cue of a concept that weighs backstory its own way.
                for name, base in cues:
                    own = backstory.get(name, factor)
                    raw[name].append(_new(Found, (index, start, end, key, base, base * own, ctx)))
                continue
            for name, base in cues:
                raw[name].append(_new(Found, (index, start, end, key, base, base * factor, ctx)))
    solid: dict[str, dict[int, list[int]]] = {}
    # Only the companions some concept's ``near`` names are looked up.
    companions = {other for c in lexicon.concepts.values() for other in c.near}
    for name, hits in raw.items():
        if name not in companions:
            continue
        per_chapter: dict[int, list[int]] = defaultdict(list)
        for f in hits:
            if f.base >= _SOLID and f.weight > 0:
                per_chapter[f.chapter].append(f.start)
        solid[name] = per_chapter
    concepts: dict[str, ConceptScore] = {}
    for name, concept in lexicon.concepts.items():
        hits = raw.get(name, [])
        if concept.near:
            hits = [f for f in hits if _is_near(f, concept.near, concept.window, solid)]
        concepts[name] = _score(concept, hits)
    return Analysis(concepts=concepts, texts=texts, words=words)


def _is_near(
    f: Found, others: tuple[str, ...], window: int, solid: dict[str, dict[int, list[int]]]
) -> bool:
    for other in others:
        starts = solid.get(other, {}).get(f.chapter)
        if not starts:
            continue
        i = bisect_left(starts, f.start - window)
        while i < len(starts) and starts[i] <= f.end + window:
            if starts[i] != f.start:  # a term listed in both concepts is not its own company
                return True
            i += 1
    return False


def _pair_score(first: list[Found], second: Sequence[Found], concept: Concept) -> float:
    """The score of the passage of the hits ``first`` then ``second`` (two half-windows,
    in text order; not joined into one list, since most windows visited are never kept):
    its hits by term, with diminishing returns per term and the concept's discounts for
    one weak word."""
    by_term: dict[str, list[float]] = {}
    anchored = False
    for part in (first, second):
        for f in part:
            weights = by_term.get(f.term)
            if weights is None:
                by_term[f.term] = [f.weight]
            else:
                weights.append(f.weight)
            if f.base >= _STRONG:
                anchored = True
    total = 0.0
    for weights in by_term.values():
        if len(weights) == 1:
            total += weights[0]  # most terms occur once in a passage
            continue
        weights.sort(reverse=True)
        total += sum([w * d for w, d in zip(weights, _DECAYS, strict=False)])
    # Both discounts only lower a passage's score, so the window mass stays an upper bound.
    if len(by_term) == 1 and not anchored:
        total *= concept.single
    if concept.anchor and not anchored:
        total *= concept.unanchored
    return total


def _score(concept: Concept, hits: list[Found]) -> ConceptScore:
    out = ConceptScore(concept)
    if not hits:
        return out
    found = out.found = [f for f in hits if f.weight > 0]
    # Hits by half-window, and each half-window's weight (summed in hit order).
    buckets: dict[tuple[int, int], list[Found]] = {}
    mass: dict[tuple[int, int], float] = {}
    for f in found:
        key = (f.chapter, f.start // _STEP)
        bucket = buckets.get(key)
        if bucket is None:
            buckets[key] = [f]
            mass[key] = f.weight
        else:
            bucket.append(f)
            mass[key] += f.weight
    # The plain sum of a window's weights bounds its score: visit the heaviest first and
    # stop once no window left can beat the kept ones or add to ``hot`` (which only
    # matters up to _HOT_MAX). Usually a few windows of thousands are visited, so the
    # windows are made as the visit reaches them: each touches one or two buckets and
    # weighs at least the heavier, so every window of weight ``cut`` or more touches a
    # bucket of at least half that. Those are made (buckets heaviest first) and popped
    # from a heap, in the order a sort of all windows would list them; when only lighter
    # ones are left, either none can change the result (stop) or ``cut`` goes down.
    order = sorted(mass, key=mass.__getitem__, reverse=True)
    windows: list[tuple[float, int, int]] = []  # negated: the heaviest, then latest, first
    made: set[tuple[int, int]] = set()
    cut = top = mass[order[0]] if order else 0.0
    done = _make_windows(order, 0, cut, mass, made, windows)
    kept: list[tuple[float, list[Found]]] = []  # strongest first; ties in visiting order
    threshold = concept.threshold
    single, anchor, unanchored = concept.single, concept.anchor, concept.unanchored
    hot = 0
    floor = 0.0  # the weakest kept score once _KEEP are kept, else 0
    bget = buckets.get
    while True:
        if not windows or windows[0][0] > -cut:
            # Every window left weighs less than ``cut``: it could only be visited to stop
            # the visit when ``cut`` is low enough for that; else make more windows.
            if floor >= cut and (cut <= threshold or hot >= _HOT_MAX):
                break
            if done == len(order):
                if not windows:
                    break
                cut = -math.inf
            elif cut == top:
                # Once more, lower: most visits stop within two cuts.
                cut = min(cut * 0.5, 2.0 * mass[order[done]])
                done = _make_windows(order, done, cut, mass, made, windows)
            else:
                # A visit that goes on (a concept whose windows weigh alike: its scores
                # fall short of their bounds) reads most windows: make the rest at once.
                rest = {(ch, w) for ch, b in order[done:] for w in (b - 1, b)} - made
                get = mass.get
                windows += [(-get((ch, w), 0.0) - get((ch, w + 1), 0.0), -ch, -w) for ch, w in rest]
                heapify(windows)
                done = len(order)
                cut = -math.inf
            continue
        neg, neg_ch, neg_b = heappop(windows)
        bound = -neg
        if bound <= floor and (bound < threshold or hot >= _HOT_MAX):
            break
        ch, b = -neg_ch, -neg_b
        first = bget((ch, b))
        second = bget((ch, b + 1))
        # A window holds one or two half-windows; a lone hit (most windows of a sparse
        # concept) is scored in place: its weight, with the discounts for one weak word.
        if first is None:
            first, second = second, None
        assert first is not None  # every window touches a bucket
        if second is None and len(first) == 1:
            f = first[0]
            score = f.weight
            if f.base < _STRONG:
                score *= single
                if anchor:
                    score *= unanchored
        else:
            score = _pair_score(first, second or (), concept)
        if score >= threshold:
            hot += 1
        if score > floor or len(kept) < _KEEP:
            i = len(kept)
            while i and kept[i - 1][0] < score:
                i -= 1
            kept.insert(i, (score, first + second if second else list(first)))
            del kept[_KEEP:]
            if len(kept) >= _KEEP:
                floor = kept[-1][0]
    out.hot = hot
    if kept:
        out.score = kept[0][0]
        out.passages = [p for _, p in kept]
        out.passage_scores = [sc for sc, _ in kept]
    return out


def _make_windows(
    order: list[tuple[int, int]],
    done: int,
    cut: float,
    mass: dict[tuple[int, int], float],
    made: set[tuple[int, int]],
    windows: list[tuple[float, int, int]],
) -> int:
    """Push onto the heap ``windows`` every window not yet ``made`` that touches a
    bucket of ``order`` (heaviest first) from ``done`` on weighing at least about half of
    ``cut``; returns how many buckets of ``order`` are done then."""
    # A little under half: a window over ``cut`` whose two buckets both weigh under half
    # of it cannot come from rounding either.
    low = cut * 0.4999
    get = mass.get
    while done < len(order):
        ch, b = order[done]
        if mass[(ch, b)] < low:
            break
        done += 1
        for w in (b - 1, b):
            if (ch, w) not in made:
                made.add((ch, w))
                heappush(windows, (-get((ch, w), 0.0) - get((ch, w + 1), 0.0), -ch, -w))
    return done


# tuple.__new__ builds a Found in C; Found(...) goes through a Python-level __new__,
# which costs a third of the scan on cue-dense text.
_new = tuple.__new__

# (id of the work, its chapter texts, its stated language, the analysis): a work whose
# language changed (or a new work at a freed id with the same texts) is analysed again.
_CACHE: list[tuple[int, tuple[str, ...], str | None, Analysis]] = []
_CACHE_SIZE = 4
forget_with(_CACHE.clear)  # emptied once no work is being tagged


def analyse(work: Work) -> Analysis:
    """The analysis of ``work``'s chapters, computed once and shared by the taggers."""
    texts = tuple(c.text for c in work.chapters)
    for wid, cached_texts, language, result in _CACHE:
        same = len(cached_texts) == len(texts) and all(
            a is b for a, b in zip(cached_texts, texts, strict=True)
        )
        if wid == id(work) and same and language == work.language:
            return result
    if reads_english(work):
        result = analyse_texts((c.index, c.text) for c in work.chapters)
    else:
        words = sum(split_count(c.text) for c in work.chapters)
        result = Analysis({}, {c.index: c.text for c in work.chapters}, words, readable=False)
    _CACHE.append((id(work), texts, work.language, result))
    del _CACHE[:-_CACHE_SIZE]
    return result
