"""Candidate inputs for the learned note layer, and their choice by nested grouped CV.

    .venv/bin/python bench/note_features.py abduction             # nested CV, fold seeds 0-4
    .venv/bin/python bench/note_features.py abduction --logloss   # inner criterion: log loss
    .venv/bin/python bench/note_features.py abduction --most 1    # at most one candidate added
    .venv/bin/python bench/note_features.py abduction --ceiling   # in-sample ceilings
    .venv/bin/python bench/note_features.py abduction --fixed facets  # a set fixed in advance
    .venv/bin/python bench/note_features.py abduction --fixed captivity  # a candidate concept
    .venv/bin/python bench/note_features.py --shared              # framing shared by all notes
    .venv/bin/python bench/note_features.py abduction --instead terms_full  # in place of terms

The shipped model reads two features of a concept's strongest passage (``ratio``,
``terms``; :mod:`fandex.tag.note_model`). This bench computes a pool of further
candidates that the scan already has at hand, each defined before any figure was looked
at (issue 14, part 3): other concepts' weight in the same passage, the share of the
passage's hits told off the page (hypothetical, backstory), in dialogue, aimed at a
person ("took him hostage"), the number of strong terms, of hits, of sentences with a
cue, (abduction only) of facets of a captivity, and the score of each candidate cue
concept of ``candidate_cues.toml`` (scanned with the shipped ones; not shipped). (Not
the passage's length, the hits' density, the count of passages over the threshold or
the second-strongest passage: a dev passage is shorter than the scan's window and is one
window or two, so these would be read on a novel far outside the range they were fitted
on.)

Which candidates join the two shipped features is chosen by forward selection on inner
folds (grouped by work, another hash than the outer folds), a candidate added only when
it lifts the inner criterion by more than ``MIN_GAIN``; the outer folds score the whole
procedure (selection, regularisation, calibration and cut all made without the scored
works). Printed per fold seed: F1 and balanced accuracy of the note before (the two
shipped features, the same procedure otherwise) and after, and which candidates each
outer fold chose: a feature chosen in every fold and seed is a signal, one chosen here
and there is the noise of a small dev set.

Figures (issue 14, session 10; abduction F1 over fold seeds 0-4, mean ± sd, before ->
after; the shipped procedure scores 0.586 ± 0.019, balanced accuracy 0.735):

- forward selection by inner F1: 0.562 ± 0.019 (seeds 0.574 / 0.557 / 0.538 / 0.549 /
  0.592), balanced accuracy 0.715; the torture concept's weight in the passage was
  chosen in 22 of 25 outer folds, the rest (dialogue, sentences, violence, ...) here and
  there;
- by inner log loss: 0.595 ± 0.016 (0.577 / 0.592 / 0.577 / 0.611 / 0.617), balanced
  accuracy 0.743; torture in 23 of 25 folds, a strong term on the page in 21; per seed
  the change is -0.012 / -0.006 / -0.027 / +0.062 / +0.028: noise, and under 0.60;
- at most one candidate (by inner F1): 0.586 ± 0.018, torture in 21 of 25 folds;
- the framing shared by all eight notes (``--shared``, weights fixed a priori:
  hypothetical, backstory, dialogue): abduction 0.581 ± 0.027, death 0.599 (0.603),
  homophobia 0.649 (0.660), mean balanced accuracy 0.732 (0.734); of the shared weights
  (last folds) only the hypothetical share's keeps its sign (0.14-0.34, positive: the
  ratio already discounts those hits); backstory's and dialogue's change sign;
- the number of distinct facets of a captivity in the passage (taking, holding,
  restraining, confining, missing or sought; fixed in advance, no selection): 0.577 ±
  0.024 (0.581 / 0.577 / 0.604 / 0.533 / 0.589).

``--ceiling`` (fitted and cut on every passage, labels known: an optimistic figure): the
two features reach 0.604; a third reaches at most 0.640 (torture), 0.612-0.619
(sentences; graphic, blood, death, war, abuse, strong language in the passage), 0.611
(dialogue, a strong term on the page), 0.604-0.606 (hypothetical, backstory, person,
facets). What a third input could add on these 149 passages is about what cross-validation
loses by fitting it: none ships.

Session 11: a captivity concept (``candidate_cues.toml``, written from the concept and
fixed before any figure; it changes no shipped concept's hits) as a third input fixed in
advance: its score in the passage (``--fixed captivity``) 0.571 ± 0.045 (0.604 / 0.580 /
0.604 / 0.483 / 0.586), its weight in abduction's strongest passage (``--fixed
near_captivity``) 0.571 ± 0.021 (0.592 / 0.580 / 0.565 / 0.533 / 0.586); balanced
accuracy 0.724 for both; in-sample ceilings 0.622 and 0.630. Not shipped.

Session 14: other counts of the distinct terms in the place of ``terms`` (``--instead``,
fixed in advance, ``VARIANTS``; never offered to the selection): terms of weight 2 or
more 0.574 ± 0.014; terms with a hit at full weight 0.592 ± 0.016 (0.602 / 0.596 / 0.593
/ 0.562 / 0.609; for every note's model death 0.603 to 0.574, violence 0.700 to 0.688);
each term counted by its context factor 0.569 ± 0.012. Not shipped (docs/warnings.md).

Session 21: the framing of the other notes' strongest passage (reported or hypothetical
past, dialogue), each one input fixed in advance, F1 over fold seeds 0-4, shipped ->
with it: death 0.603 ± 0.025 -> off_page 0.593, dialogue 0.593, strong_on_page 0.595,
``--instead terms_full`` 0.574; war 0.410 ± 0.027 -> off_page 0.420 ± 0.040 (balanced
accuracy 0.690 -> 0.691: within the spread), near_violence 0.353, dialogue 0.391;
abduction off_page 0.598 -> 0.595; violence off_page 0.700 -> 0.698, dialogue 0.697.

Session 26: events of which a person is the patient (``fandex/tag/person_events.py``,
templates written from English before any figure: "she died", "his corpse", "killed
him"; "kidnapped daniel", "the boy was taken", "her captors"; not "held the phone for
ransom", "taken aback"), read in the strongest passage's window; each fixed in advance
(``--fixed event``: 1 when the window tells one; ``--fixed events``: log(1 + how many)).
Death, ``event``: F1 over fold seeds 0-4 0.603 ± 0.025 -> 0.622 ± 0.014 (0.646 0.609 0.617
0.609 0.630; up under all five), balanced accuracy 0.773 -> 0.790; over fold seeds 5-9
0.601 ± 0.006 -> 0.636 ± 0.017 (0.624 0.622 0.624 0.667 0.645; up under all five);
``events`` 0.615 ± 0.016 (seeds 0-4; down under two). Abduction, ``event``: seeds 0-4
0.598 -> 0.608 ± 0.006 (down under two), seeds 5-9 0.607 -> 0.602 (down under two);
``events`` 0.598 -> 0.591. Death's ``event`` ships (``train_note_model.EXTRA``);
abduction's does not: the lexicon's own "@person" terms already tell a captive from a
thing, and what the event adds there is noise.
Distinct terms with their inflections joined (``--instead terms_stem``: "stab",
"stabbed", "stabbing" one term): death 0.603 -> 0.603, abduction 0.598 -> 0.601,
violence 0.700 -> 0.700, war 0.410 -> 0.420 ± 0.027. As every note's ``terms`` under the
shipped procedure (fold seeds 0-4): mean balanced accuracy 0.746 ± 0.010 -> 0.744 ±
0.007, untouched works 0.723 -> 0.720; abduction F1 0.606 -> 0.611, war 0.410 -> 0.420,
homophobia 0.677 -> 0.668, misogyny 0.563 -> 0.556. None ships.
"""

from __future__ import annotations

import math
import re
import sys
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from passages import FOLDS, WARNINGS, load, metrics, seeds_arg
from usage import exit_on_help

from fandex.tag.context_rules import BACKSTORY, HYPOTHETICAL, ON_PAGE, default_rules
from fandex.tag.cues_analysis import WINDOW, Analysis, Found, analyse_texts
from fandex.tag.cues_lexicon import Lexicon, build, load_tables
from fandex.tag.person_events import person_events

# Cue concepts that are candidates only (not shipped): scanned with the shipped ones here.
CANDIDATE_CUES = Path(__file__).resolve().parent / "candidate_cues.toml"

# Other concepts whose weight in the note's strongest passage may tell the note apart.
NEIGHBOURS = (
    "violence",
    "graphic",
    "torture",
    "blood",
    "death",
    "abuse",
    "nonconsent",
    "war",
    "sexual",
    "drugs",
    "strong_language",
    "captivity",
)
_PEOPLE = frozenset({"him", "her", "them", "me", "you", "us"})
_OPEN = re.compile(r"(?:^|(?<=[\s(\[—-]))['\"“‘]")
_CLOSE = re.compile(r"['\"”’](?=$|[\s.,;:!?)\]—-])")
_SENTENCE = re.compile(r"[.!?\n]+")
# Facets of a captivity, for abduction's terms (a term's first match decides): taking
# someone, holding them, restraining them, confining them, their being missed or sought.
# Written from the cue list before any figure was looked at; ``facets`` counts the
# distinct facets of the strongest passage: a kidnapping told from several sides, not one
# word.
_FACETS = tuple(
    re.compile(p)
    for p in (
        r"kidnap|abduct|snatch|taken|took|taking|dragged|bundled|shoved|lured|stolen|spirited"
        r"|captur|traffick|chloroform|drugged|forced|carried|van\b|trunk|boot of|grabbed",
        r"captiv|hostage|prisoner|held|kept|keep|hold|imprison|captor|ransom|slave|enslav"
        r"|jailer|gaoler|stockholm|against|test subject|experimented|demands",
        r"bound|gag|tied|chain|shackle|blindfold|zip|duct tape|restrain|rope|over",
        r"locked|cage|dungeon|cellar|cell\b|prison|jail|basement|dark room|trap|room"
        r"|warehouse|safe house|hideout|woke up",
        r"missing|disappeared|vanished|search|came home|last seen|whereabouts|amber alert"
        r"|rescue|escape|help|let|where|no one|nobody|want|stranger|torment",
    )
)


_SUFFIX = re.compile(r"(?:ings?|ed|es|s|er|ers)$")


def _stem(term: str) -> str:
    """A term with each word's inflection cut ("stabbed him" -> "stabb him")."""
    return " ".join(_SUFFIX.sub("", w) if len(w) > 4 else w for w in term.split())


def _facet(term: str) -> int:
    return next((i for i, p in enumerate(_FACETS) if p.search(term)), len(_FACETS))


def _span(hits: list[Found]) -> tuple[int, int, int]:
    """(chapter, start, end) of the passage window round a passage's hits."""
    lo = min(f.start for f in hits)
    hi = max(f.end for f in hits)
    mid = (lo + hi) // 2
    return hits[0].chapter, min(lo, mid - WINDOW // 2), max(hi, mid + WINDOW // 2)


def _in_dialogue(text: str, at: int) -> bool:
    """Whether ``at`` lies inside a quotation (the last quote opened before it, on its
    line, is not closed yet)."""
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at]
    opens = [m.start() for m in _OPEN.finditer(before)]
    closes = [m.start() for m in _CLOSE.finditer(before)]
    return bool(opens) and (not closes or opens[-1] > closes[-1])


def candidates(analysis: Analysis, name: str) -> dict[str, float]:
    """Every candidate feature of concept ``name``'s strongest passage (0 without a cue)."""
    cs = analysis.get(name)
    out = dict.fromkeys(COLUMNS, 0.0)
    best = [f for f in cs.best if f.weight > 0]
    if cs.score <= 0 or not best:
        return out
    thr = cs.concept.threshold
    text = analysis.texts.get(best[0].chapter, "")
    chapter, lo, hi = _span(best)
    lo, hi = max(0, lo), min(len(text), hi)
    n = len(best)
    out["ratio"] = math.log1p(cs.score / thr)
    out["terms"] = math.log1p(len({f.term for f in best}))
    # Other counts of the distinct terms, each in place of ``terms`` (``--instead``):
    # terms of weight 2 or more (a weak word adds no variety), terms with a hit at full
    # weight 1 or more (a hit discounted by its context adds none), and each term counted
    # by its context factor (on the page 1, backstory 0.5, hypothetical 0.35).
    out["terms_cue"] = math.log1p(len({f.term for f in best if f.base >= 2}))
    out["terms_full"] = math.log1p(len({f.term for f in best if f.weight >= 1}))
    factor: dict[str, float] = {}
    for f in best:
        factor[f.term] = max(factor.get(f.term, 0.0), min(1.0, f.weight / f.base))
    out["terms_factor"] = math.log1p(sum(factor.values()))
    # Distinct terms with their inflections joined ("stab", "stabbed", "stabbing" one).
    out["terms_stem"] = math.log1p(len({_stem(f.term) for f in best}))
    out["strong_terms"] = math.log1p(len({f.term for f in best if f.base >= 3}))
    out["strong_on_page"] = float(any(f.base >= 3 and f.context == ON_PAGE for f in best))
    out["hits"] = math.log1p(n)
    out["hypothetical"] = sum(f.context == HYPOTHETICAL for f in best) / n
    out["backstory"] = sum(f.context == BACKSTORY for f in best) / n
    out["off_page"] = sum(f.context != ON_PAGE for f in best) / n
    out["dialogue"] = sum(_in_dialogue(text, f.start) for f in best) / n
    out["person"] = sum(bool(_PEOPLE & set(f.term.split())) for f in best) / n
    sentences = {len(_SENTENCE.findall(text, lo, f.start)) for f in best}
    out["sentences"] = math.log1p(len(sentences))
    # Events of which a person is the patient (fandex.tag.person_events), in the span.
    if name in ("abduction", "death"):
        events = [e for e in person_events(text[lo:hi], name)]
        out["events"] = math.log1p(len(events))
        out["event"] = float(bool(events))
    if name == "abduction":
        out["facets"] = math.log1p(len({_facet(f.term) for f in best}))
    cap = analysis.get("captivity")
    out["captivity"] = math.log1p(cap.score / cap.concept.threshold) if cap.score > 0 else 0.0
    for other in NEIGHBOURS:
        oc = analysis.get(other)
        mass = sum(f.weight for f in oc.found if f.chapter == chapter and lo <= f.start < hi)
        out[f"near_{other}"] = math.log1p(mass / oc.concept.threshold)
    return out


CANDIDATES: tuple[str, ...] = (
    "ratio",
    "terms",
    "strong_terms",
    "strong_on_page",
    "hits",
    "hypothetical",
    "backstory",
    "off_page",
    "dialogue",
    "person",
    "sentences",
    "facets",
    "captivity",
    *(f"near_{o}" for o in NEIGHBOURS),
)
# Columns offered only when fixed in advance (``--fixed events``), never to the selection.
EVENTS: tuple[str, ...] = ("events", "event")
# Columns computed but never offered to the selection: replacements of ``terms``.
VARIANTS: tuple[str, ...] = ("terms_cue", "terms_full", "terms_factor", "terms_stem")
COLUMNS = CANDIDATES + VARIANTS + EVENTS
BASE = ("ratio", "terms")
MIN_GAIN = 0.005


@dataclass
class Table:
    """One note's passages: every candidate as a column, vote fractions, works."""

    x: np.ndarray
    votes: np.ndarray
    yes: np.ndarray
    works: list[str]


@cache
def lexicon() -> Lexicon:
    """The shipped cue concepts and the candidate ones (``candidate_cues.toml``)."""
    extra = tomllib.loads(CANDIDATE_CUES.read_text(encoding="utf-8"))
    return build({**load_tables(), **extra}, default_rules().kinds)


def table(rows: list[dict[str, object]], note: str) -> Table:
    items = [r for r in rows if r["warning"] == note]
    xs, votes, works = [], [], []
    for r in items:
        a = analyse_texts([(1, str(r["text"]))], lexicon())
        c = candidates(a, note)
        xs.append([c[k] for k in COLUMNS])
        labels = r["labels"]
        assert isinstance(labels, list)
        votes.append(sum(labels) / 3)
        works.append(str(r["work_id"]))
    v = np.array(votes)
    return Table(np.array(xs), v, v >= 0.5, works)


def _data(t: Table, cols: list[str], mask: np.ndarray | None = None):  # type: ignore[no-untyped-def]
    from train_note_model import Data

    idx = [COLUMNS.index(c) for c in cols]
    m = np.ones(len(t.votes), dtype=bool) if mask is None else mask
    return Data(
        t.x[m][:, idx], t.votes[m], t.yes[m], [w for w, k in zip(t.works, m, strict=True) if k]
    )


def select(t: Table, mask: np.ndarray, seed: int, criterion: str, most: int = 99) -> list[str]:
    """Forward selection from BASE on inner folds of the passages under ``mask`` (at most
    ``most`` candidates added)."""
    from train_note_model import inner_score

    cols = list(BASE)
    score = inner_score(_data(t, cols, mask), seed, criterion)
    pool = [c for c in CANDIDATES if c not in cols]
    while pool and len(cols) < len(BASE) + most:
        trials = [(inner_score(_data(t, [*cols, c], mask), seed, criterion), c) for c in pool]
        best, chosen = max(trials)
        if best <= score + MIN_GAIN:
            break
        cols.append(chosen)
        pool.remove(chosen)
        score = best
    return cols


def nested(
    t: Table,
    seed: int,
    criterion: str,
    most: int = 99,
    fixed: list[str] | None = None,
    instead: str | None = None,
) -> tuple[np.ndarray, np.ndarray, list[list[str]]]:
    """Outer-fold decisions of the base model and of the selected model, and the choices
    (``instead``: a column of ``VARIANTS`` in the place of ``terms``)."""
    from passages import fold_of
    from train_note_model import fit

    folds = np.array([fold_of(w, FOLDS, seed) for w in t.works])
    base = np.zeros(len(t.votes), dtype=bool)
    after = np.zeros(len(t.votes), dtype=bool)
    chosen = []
    for k in range(FOLDS):
        test = folds == k
        m0 = fit(_data(t, list(BASE), ~test), seed)
        base[test] = m0.probability(_data(t, list(BASE), test).x) >= m0.cut
        cols = [*BASE, *fixed] if fixed is not None else select(t, ~test, seed, criterion, most)
        if instead is not None:
            cols[1] = instead
        chosen.append(cols[len(BASE) :])
        m1 = fit(_data(t, cols, ~test), seed)
        after[test] = m1.probability(_data(t, cols, test).x) >= m1.cut
    return base, after, chosen


def main() -> None:
    notes = [a for a in sys.argv[1:] if a in WARNINGS] or ["abduction"]
    seeds = seeds_arg(sys.argv, default=(0, 1, 2, 3, 4))
    criterion = "logloss" if "--logloss" in sys.argv else "f1"
    most = int(sys.argv[sys.argv.index("--most") + 1]) if "--most" in sys.argv else 99
    fixed = None
    if "--fixed" in sys.argv:  # a set fixed in advance, no selection: --fixed facets,hits
        fixed = sys.argv[sys.argv.index("--fixed") + 1].split(",")
    instead = None
    if "--instead" in sys.argv:  # in the place of terms, fixed in advance: --instead terms_cue
        instead = sys.argv[sys.argv.index("--instead") + 1]
        fixed = fixed or []
    rows = load()
    if "--shared" in sys.argv:
        shared(rows, seeds)
        return
    for note in notes:
        t = table(rows, note)
        if "--ceiling" in sys.argv:
            ceiling(t)
            continue
        f_before, f_after, b_before, b_after = [], [], [], []
        for seed in seeds:
            base, after, chosen = nested(t, seed, criterion, most, fixed, instead)
            m0, m1 = metrics(t.yes.tolist(), base.tolist()), metrics(t.yes.tolist(), after.tolist())
            f_before.append(m0["f1"])
            f_after.append(m1["f1"])
            b_before.append(m0["ba"])
            b_after.append(m1["ba"])
            print(
                f"{note} seed {seed}: F1 {m0['f1']:.3f} -> {m1['f1']:.3f}, bal.acc"
                f" {m0['ba']:.3f} -> {m1['ba']:.3f}; chosen {chosen}",
                flush=True,
            )

        def ms(v: list[float]) -> str:
            return f"{np.mean(v):.3f} ± {np.std(v):.3f}"

        print(
            f"{note} ({criterion}, at most {most} added): F1 {ms(f_before)} -> {ms(f_after)};"
            f" bal.acc {ms(b_before)} -> {ms(b_after)}"
        )


def ceiling(t: Table) -> None:
    """Print, for the two shipped features and each candidate as a third, the best F1 of
    a logistic model fitted on these very passages and cut knowing every label (an
    optimistic figure: what cross-validation can hardly beat with these inputs)."""
    from train_note_model import _soft_fit

    has = t.x[:, 0] > 0
    truth = t.yes.tolist()

    def best(cols: list[str]) -> float:
        idx = [CANDIDATES.index(c) for c in cols]
        top = 0.0
        for c in (0.3, 1.0, 3.0, 10.0, 100.0):
            w, b = _soft_fit(t.x[:, idx], t.votes, c)
            s = t.x[:, idx] @ w + b
            for cut in np.unique(s[has]):
                top = max(top, metrics(truth, ((s >= cut) & has).tolist())["f1"])
        return top

    print(f"in-sample ceiling, {' + '.join(BASE)}: {best(list(BASE)):.3f}")
    for c in CANDIDATES[len(BASE) :]:
        print(f"  + {c:22s} {best([*BASE, c]):.3f}")


FRAMING = ("hypothetical", "backstory", "dialogue")


def shared(rows: list[dict[str, object]], seeds: tuple[int, ...]) -> None:
    """The framing of a note's strongest passage (shares of its hits told hypothetically,
    as backstory, in dialogue) weighed once for all eight notes: a logistic model over
    every note's passages (a bias, ratio and terms weight per note, framing weights
    shared) is fitted on the outer training folds; its framing part, one number per
    passage, joins each note's two features as a third, whose weight each note's
    procedure fits as before. Prints every note's F1 and balanced accuracy before ->
    after, per seed and as mean ± sd."""
    from passages import fold_of
    from train_note_model import _soft_fit, fit

    tables = {w: table(rows, w) for w in WARNINGS}
    notes = list(WARNINGS)
    fr = [CANDIDATES.index(c) for c in FRAMING]
    base = [CANDIDATES.index(c) for c in BASE]

    def joint(mask: dict[str, np.ndarray]) -> np.ndarray:
        xs, vs = [], []
        for i, w in enumerate(notes):
            t = tables[w]
            x = t.x[mask[w]]
            block = np.zeros((len(x), 3 * len(notes)))
            block[:, 3 * i] = 1.0
            block[:, 3 * i + 1 : 3 * i + 3] = x[:, base]
            xs.append(np.hstack([block, x[:, fr]]))
            vs.append(t.votes[mask[w]])
        coef, _ = _soft_fit(np.vstack(xs), np.concatenate(vs), 1.0)
        return coef[3 * len(notes) :]

    res: dict[str, list[tuple[float, float, float, float]]] = {w: [] for w in notes}
    for seed in seeds:
        folds = {w: np.array([fold_of(i, FOLDS, seed) for i in tables[w].works]) for w in notes}
        before = {w: np.zeros(len(tables[w].votes), dtype=bool) for w in notes}
        after = {w: np.zeros(len(tables[w].votes), dtype=bool) for w in notes}
        for k in range(FOLDS):
            shared_w = joint({w: folds[w] != k for w in notes})
            for w in notes:
                t, test = tables[w], folds[w] == k
                d0 = _data(t, list(BASE), ~test)
                m0 = fit(d0, seed)
                before[w][test] = m0.probability(_data(t, list(BASE), test).x) >= m0.cut
                extra = t.x[:, fr] @ shared_w
                d1 = _data(t, list(BASE), ~test)
                d1.x = np.c_[d1.x, extra[~test]]
                m1 = fit(d1, seed)
                xt = np.c_[_data(t, list(BASE), test).x, extra[test]]
                after[w][test] = m1.probability(xt) >= m1.cut
        print(f"seed {seed}: framing weights {np.round(shared_w, 2).tolist()} (last fold)")
        for w in notes:
            y = tables[w].yes.tolist()
            m0, m1 = metrics(y, before[w].tolist()), metrics(y, after[w].tolist())
            res[w].append((m0["f1"], m1["f1"], m0["ba"], m1["ba"]))
            print(
                f"  {w:11s} F1 {m0['f1']:.3f} -> {m1['f1']:.3f}"
                f"  bal.acc {m0['ba']:.3f} -> {m1['ba']:.3f}"
            )
    print("\nmean ± sd over seeds:")
    for w in notes:
        a = np.array(res[w])
        print(
            f"  {w:11s} F1 {a[:, 0].mean():.3f} ± {a[:, 0].std():.3f} -> {a[:, 1].mean():.3f} ±"
            f" {a[:, 1].std():.3f}  bal.acc {a[:, 2].mean():.3f} -> {a[:, 3].mean():.3f}"
        )
    mb = [np.mean([res[w][s][2] for w in notes]) for s in range(len(seeds))]
    ma = [np.mean([res[w][s][3] for w in notes]) for s in range(len(seeds))]
    print(
        f"  mean bal.acc {np.mean(mb):.3f} ± {np.std(mb):.3f}"
        f" -> {np.mean(ma):.3f} ± {np.std(ma):.3f}"
    )


if __name__ == "__main__":
    exit_on_help(__doc__)
    main()
