"""Archive warnings on the written sets, set by set: what a new writer's works get.

    .venv/bin/python bench/eval_warning_sets.py            # every written and spent set
    .venv/bin/python bench/eval_warning_sets.py --errors   # ... and each wrong or missed warning
    .venv/bin/python bench/eval_warning_sets.py --split 14 # rules read on sets up to
                                                             # heldout14, figures on the rest

Every work of ``bench/calibration_works/`` (the main written set) and of the spent
held-out sets (``calibration_sets.SPENT``; never the unseen ``heldout25/``) states its
archive warnings; they are taken away and the warnings tagger reads the text. Per set it
prints:

- the inferred warnings judged right against all inferred (as ``eval_calibration.py
  --held-out`` counts them: No Archive Warnings Apply is right only where the author
  stated it alone);
- per serious warning (Graphic Depictions Of Violence, Major Character Death, Rape/Non-Con,
  Underage Sex) found / false / missed against the stated ones;
- the ECE and Brier score of the confidences as shown **with the set left out**: each
  set's warnings through shares by name (``calibration_fit.fit_shares``, prior chosen by
  inner folds) fitted on every other set's warnings, as an unseen set of new writers
  would be shown them; beside it the ECE of the shipped shares (which saw none of the
  spent sets).

``--split N`` sums the figures over the sets up to ``heldoutN`` (with the main written
set) and over the later ones apart: a rule written while reading the errors of one part
should hold on the other.

``--choose`` picks ``warnings.VIOLENCE_FACTOR`` and ``VIOLENCE_PASSAGES`` (how far
over the Violence note's threshold a narrated passage, and how many passages over that
note's threshold, make Graphic Depictions Of Violence) with each set left out: the pair
with the fewest Graphic errors (false plus missed) on the other sets (ties: the quieter
one), scored on the set; then the same choice between the two halves of ``--split``,
and with ``--split`` the injuries such a fight needs (``warnings.INJURY_TERMS``) chosen
on each half and scored on the other.
"""

from __future__ import annotations

import sys
from pathlib import Path

from calibration_fit import brier, fit_shares
from calibration_sets import CALIBRATION_WORKS, SPENT, Row
from labelled import NONE_APPLY, corpus, map_key, right
from passages import ece
from usage import exit_on_help

from fandex.tag import warnings as warning_rules
from fandex.tag.cues_analysis import Analysis, analyse
from fandex.tag.warnings import DEATH, GRAPHIC, NONCON, UNDERAGE, infer_warnings, warnings_tagger

SERIOUS = (GRAPHIC, DEATH, NONCON, UNDERAGE)
SETS = (CALIBRATION_WORKS, *SPENT)
SHORT = {GRAPHIC: "graphic", DEATH: "death", NONCON: "noncon", UNDERAGE: "underage"}
INJURIES = (0.0, 1.0, 2.0, 3.0, 4.0)
FACTORS = tuple(
    (f, n) for n in (1, 2, 3) for f in (1.5, 1.75, 2.0, 2.25, 2.5, 2.75, 3.0, 3.5, 4.0, 99.0)
)


def set_name(folder: Path) -> str:
    return "written" if folder == CALIBRATION_WORKS else folder.name


def judged_sets() -> tuple[dict[str, list[Row]], dict[str, list[tuple[str, set[str], set[str]]]]]:
    """Per set: the inferred warnings as rows (confidence shown, right, work, attrs) and
    each work's (name, stated serious warnings, inferred serious warnings)."""
    rows: dict[str, list[Row]] = {}
    works: dict[str, list[tuple[str, set[str], set[str]]]] = {}
    for folder in SETS:
        name = set_name(folder)
        rows[name], works[name] = [], []
        for item in corpus(folder):
            labels = item.labels.get("warning")
            if not labels or item.excerpt:
                continue
            work = item.work
            warnings_tagger(work)
            tags = [t for t in work.tags if t.type == "warning" and t.source == "inferred"]
            for t in tags:
                ok = right("warning", t.name, labels)
                attrs = {**t.attrs, "_name": t.name, "_map": map_key("warning", t.name)}
                rows[name].append((t.confidence, ok, f"{name}:{item.name}", attrs))
            stated = {w for w in labels if w in SERIOUS}
            got = {t.name for t in tags if t.name in SERIOUS}
            works[name].append((item.name, stated, got))
    return rows, works


def left_out(rows: dict[str, list[Row]], name: str) -> list[Row]:
    """The set's rows through shares fitted on every other set's rows (per map key)."""
    out: list[Row] = []
    for r in rows[name]:
        key = r[3]["_map"]
        train = [x for s, xs in rows.items() if s != name for x in xs if x[3]["_map"] == key]
        out.append((float(fit_shares(train)([r])[0]), r[1], r[2], r[3]))
    return out


def counts(works: list[tuple[str, set[str], set[str]]]) -> dict[str, list[int]]:
    """Per serious warning: [found, false, missed]."""
    out = {w: [0, 0, 0] for w in SERIOUS}
    for _, stated, got in works:
        for w in SERIOUS:
            out[w][0] += w in stated and w in got
            out[w][1] += w in got and w not in stated
            out[w][2] += w in stated and w not in got
    return out


def line(label: str, shown: list[Row], held: list[Row], c: dict[str, list[int]]) -> str:
    n, ok = len(shown), sum(r[1] for r in shown)
    e_shown = ece([r[0] for r in shown], [r[1] for r in shown]) if shown else 0.0
    e_held = ece([r[0] for r in held], [r[1] for r in held]) if held else 0.0
    serious = " ".join(f"{SHORT[w]} {c[w][0]}/{c[w][1]}/{c[w][2]}" for w in SERIOUS)
    return (
        f"{label:10s} {ok:3d}/{n:<3d} ECE shipped {e_shown:.3f}, set left out {e_held:.3f}"
        f" (Brier {brier(held) if held else 0.0:.3f})  {serious}"
    )


def graphic_errors(
    items: list[tuple[bool, Analysis]], factor: tuple[float, int], injury: float | None = None
) -> tuple[int, int, int]:
    """(found, false, missed) Graphic Depictions Of Violence at ``factor`` (the factor
    and the number of passages, ``VIOLENCE_PASSAGES``) and ``injury``
    (``INJURY_TERMS``; None: the shipped one)."""
    saved = (
        warning_rules.VIOLENCE_FACTOR,
        warning_rules.VIOLENCE_PASSAGES,
        warning_rules.INJURY_TERMS,
    )
    warning_rules.VIOLENCE_FACTOR, warning_rules.VIOLENCE_PASSAGES = factor
    if injury is not None:
        warning_rules.INJURY_TERMS = injury
    try:
        got = [any(w.name == GRAPHIC for w in infer_warnings(a)) for _, a in items]
    finally:
        (
            warning_rules.VIOLENCE_FACTOR,
            warning_rules.VIOLENCE_PASSAGES,
            warning_rules.INJURY_TERMS,
        ) = saved
    truth = [t for t, _ in items]
    tp = sum(t and g for t, g in zip(truth, got, strict=True))
    fp = sum(g and not t for t, g in zip(truth, got, strict=True))
    return tp, fp, sum(truth) - tp


def choose(per_set: dict[str, list[tuple[bool, Analysis]]], at: int | None) -> None:
    """Print the factor chosen without each set, and its Graphic figures on the set."""
    table = {s: {f: graphic_errors(items, f) for f in FACTORS} for s, items in per_set.items()}

    def best(names: list[str]) -> tuple[float, int]:
        def errors(f: tuple[float, int]) -> int:
            return sum(table[s][f][1] + table[s][f][2] for s in names)

        return min(FACTORS, key=lambda f: (errors(f), -f[1], -f[0]))

    total = [0, 0, 0]
    print("\nGraphic Depictions Of Violence, factor chosen with the set left out:")
    for s in per_set:
        f = best([o for o in per_set if o != s])
        tp, fp, fn = table[s][f]
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
        print(f"  {s:10s} factor {f[0]:5.2f}, passages {f[1]}: found {tp}, false {fp}, missed {fn}")
    print(f"  all sets, each left out: found {total[0]}, false {total[1]}, missed {total[2]}")
    print(f"  chosen on every set: {best(list(per_set))}")
    print(
        "  per factor, every set: "
        + "; ".join(
            f"{f[0]:g}x{f[1]} {tuple(sum(table[s][f][i] for s in per_set) for i in range(3))}"
            for f in FACTORS
        )
    )
    if at is not None:
        low = [s for s in per_set if number(s) <= at]
        high = [s for s in per_set if number(s) > at]
        for a, b in ((low, high), (high, low)):
            f = best(a)
            got = [sum(table[s][f][i] for s in b) for i in range(3)]
            print(f"  chosen on {a[0]}..{a[-1]}: {f}; on {b[0]}..{b[-1]} found/false/missed {got}")


def choose_injury(per_set: dict[str, list[tuple[bool, Analysis]]], at: int) -> None:
    """The injuries a fight told at length needs (``INJURY_TERMS``) chosen on each half
    of ``--split`` at the shipped factor, scored on the other half."""
    shipped = (warning_rules.VIOLENCE_FACTOR, warning_rules.VIOLENCE_PASSAGES)
    table = {
        s: {n: graphic_errors(items, shipped, n) for n in INJURIES} for s, items in per_set.items()
    }
    low = [s for s in per_set if number(s) <= at]
    high = [s for s in per_set if number(s) > at]
    print(f"\nInjury terms a fight told at length needs (factor {shipped}):")
    for n in INJURIES:
        parts = [tuple(sum(table[s][n][i] for s in half) for i in range(3)) for half in (low, high)]
        print(f"  {n:g}: {low[0]}..{low[-1]} {parts[0]}; {high[0]}..{high[-1]} {parts[1]}")
    for a, b in ((low, high), (high, low)):
        n = min(INJURIES, key=lambda n: (sum(table[s][n][1] + table[s][n][2] for s in a), n))
        got = [sum(table[s][n][i] for s in b) for i in range(3)]
        print(f"  chosen on {a[0]}..{a[-1]}: {n:g}; on {b[0]}..{b[-1]} found/false/missed {got}")


def number(s: str) -> int:
    return 0 if s == "written" else int(s.removeprefix("heldout") or 1)


def main() -> None:
    at = int(sys.argv[sys.argv.index("--split") + 1]) if "--split" in sys.argv else None
    if "--choose" in sys.argv:
        per_set: dict[str, list[tuple[bool, Analysis]]] = {}
        for folder in SETS:
            per_set[set_name(folder)] = [
                (GRAPHIC in item.labels["warning"], analyse(item.work))
                for item in corpus(folder)
                if item.labels.get("warning") and not item.excerpt
            ]
        choose(per_set, at)
        if at is not None:
            choose_injury(per_set, at)
        return
    rows, works = judged_sets()
    held = {s: left_out(rows, s) for s in rows}
    print("per set: inferred warnings right/all; ECE of the shipped shares and of shares")
    print("fitted without the set; per serious warning found/false/missed")
    for s in rows:
        print(line(s, rows[s], held[s], counts(works[s])))
        if "--errors" in sys.argv:
            for name, stated, got in works[s]:
                if stated != got:
                    print(f"    {name}: stated {sorted(stated)} inferred {sorted(got)}")
            for r in rows[s]:
                if not r[1] and r[3]["_name"] == NONE_APPLY:
                    print(f"    {r[2]}: No Archive Warnings Apply where a warning is stated")
    parts: list[tuple[str, list[str]]] = [("all", list(rows))]
    if at is not None:
        parts += [
            (f"<= h{at}", [s for s in rows if number(s) <= at]),
            (f"> h{at}", [s for s in rows if number(s) > at]),
        ]
    for label, names in parts:
        shown = [r for s in names for r in rows[s]]
        out = [r for s in names for r in held[s]]
        c = counts([w for s in names for w in works[s]])
        print(line(label, shown, out, c))


if __name__ == "__main__":
    exit_on_help(__doc__)
    main()
