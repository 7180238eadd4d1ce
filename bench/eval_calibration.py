"""Are fandex's confidences probabilities? A reliability table per tag type, and its ECE.

    .venv/bin/python bench/eval_calibration.py [--corpus DIR] [--no-passages] [--write]

A tag shown at 0.9 should be right about nine times in ten. For every inferred tag that
labelled data can judge (``calibration_sets.py`` says where the labels come from: the
real files with their stated tags hidden, works written for fandex that state their tags,
the benches' fixtures, the warning passages), this bench records (confidence, right or
wrong) and prints per tag type:

- the counts (tags, works, per source): with few tags an ECE says little, and the
  interval printed beside it (a 90% bootstrap over works) says how little;
- the expected calibration error (ECE: the gap between confidence and share right,
  averaged over tags in ten confidence bins; target <= 0.08) and the Brier score of the
  raw confidence, and of the calibration map **held out by work**: every tag scored
  through a map fitted, its prior strength chosen included, on folds without its work
  (``calibration_fit.py``);
- the reliability table of the held-out confidences, and their ECE per source.

The content notes are scored on the passages by note models fitted without the passage's
work (``train_note_model.py``'s cross-validation). ``--write`` fits every map on all the
rows and writes ``fandex/vocab/calibration.toml`` with the maps that beat the raw
confidence held out, meet the target held out and are not flat (a constant loses the
tagger's ranking); scikit-learn and SciPy, the ``learn`` extra. ``--corpus DIR`` adds a folder
of AO3 downloads (outside the repository) and prints, for its works, the precision and
recall of the tags shown by default and the false alarms issue 14 names (``labelled.py``).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from calibration_fit import MAPS, bootstrap, brier, cross_validated, fit, raw
from calibration_sets import NOTES, Judged, Row, everything, passage_notes, the_corpus
from labelled import Tally
from passages import ece, load, reliability

HERE = Path(__file__).resolve().parent
TARGET_ECE = 0.08
SOURCES = ("real", "real AO3", "written", "fixtures", "passages", "corpus")


def _source(r: Row) -> str:
    return str(r[3].get("_source", "?"))


def held_out(judged: Judged) -> Judged:
    """Every row through its map held out by work (a type without a map keeps its raw
    confidence)."""
    by_key: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for type_, rows in judged.items():
        for i, r in enumerate(rows):
            by_key[str(r[3].get("_map", type_))].append((type_, i))
    out: Judged = {t: [(raw(r), r[1], r[2], r[3]) for r in rows] for t, rows in judged.items()}
    for key, where in by_key.items():
        if key not in MAPS:
            continue
        mapped = cross_validated(key, [judged[t][i] for t, i in where])
        for (t, i), r in zip(where, mapped, strict=True):
            out[t][i] = r
    return out


def _figure(rows: list[Row]) -> str:
    lo, hi = bootstrap(rows)
    return f"ECE {ece([r[0] for r in rows], [r[1] for r in rows]):.3f} [{lo:.2f}-{hi:.2f}]"


def show(judged: Judged, mapped: Judged) -> dict[str, tuple[float, float]]:
    """Print every type's figures; returns type -> (raw ECE, held-out ECE)."""
    out: dict[str, tuple[float, float]] = {}
    for type_ in sorted(judged):
        rows, held = judged[type_], mapped[type_]
        if not rows:
            continue
        raw_rows = [(raw(r), r[1], r[2], r[3]) for r in rows]
        works = len({r[2] for r in rows})
        right = sum(r[1] for r in rows) / len(rows)
        counts = defaultdict(int)
        for r in rows:
            counts[_source(r)] += 1
        where = ", ".join(f"{s} {n}" for s, n in sorted(counts.items()))
        e_raw = ece([r[0] for r in raw_rows], [r[1] for r in raw_rows])
        e_held = ece([r[0] for r in held], [r[1] for r in held])
        out[type_] = (e_raw, e_held)
        mark = "ok" if e_held <= TARGET_ECE else "over target"
        print(f"\n{type_}: {len(rows)} tags in {works} works ({where}); {right:.0%} right")
        if type_ != NOTES:
            print(f"  raw confidence:     {_figure(raw_rows)}, Brier {brier(raw_rows):.3f}")
        print(
            f"  held out by work:   {_figure(held)}, Brier {brier(held):.3f}"
            f"  ({mark}, target <= {TARGET_ECE})"
        )
        parts = {s: [r for r in held if _source(r) == s] for s in SOURCES}
        parts["real AO3"] = [r for r in held if r[3].get("_ao3")]
        line = "; ".join(f"{s} {_figure(p)} ({len(p)})" for s, p in parts.items() if p)
        if len(counts) > 1:
            print(f"  by source: {line}")
        print(f"    {'confidence':>10s} {'tags':>5s} {'mean conf.':>10s} {'share right':>11s}")
        for bin_, n, conf, acc in reliability([r[0] for r in held], [r[1] for r in held]):
            print(f"    {bin_:>10s} {n:5d} {conf:10.2f} {acc:11.2f}")
    return out


def write(judged: Judged, mapped: Judged) -> None:
    """Fit every map on all rows and write those that beat the raw confidence held out."""
    from fandex.tag.calibration import MAP_FILE

    path = HERE.parent / "fandex" / "vocab" / MAP_FILE
    lines = path.read_text(encoding="utf-8").split("\n[maps.")[0].rstrip("\n").split("\n")
    print()
    for key in MAPS:
        pairs = [
            (r, h)
            for t in judged
            for r, h in zip(judged[t], mapped[t], strict=True)
            if r[3].get("_map") == key
        ]
        rows = [r for r, _ in pairs]
        model = fit(key, rows)
        works = len({r[2] for r in rows})
        if model is None:
            print(f"map {key}: {len(rows)} tags in {works} works, too few to fit; none written")
            continue
        before = ece([raw(r) for r in rows], [r[1] for r in rows])
        after = ece([h[0] for _, h in pairs], [h[1] for _, h in pairs])
        if after >= before:
            print(f"map {key}: held-out ECE {after:.3f} >= raw {before:.3f}; none written")
            continue
        if after > TARGET_ECE:
            print(
                f"map {key}: held-out ECE {after:.3f} (raw {before:.3f}) misses the target;"
                " none written"
            )
            continue
        if float(abs(model.weights).max()) < 0.1:
            # A flat map throws the tagger's ranking away and lifts its weakest guesses
            # to the share right of a few labelled works: reported, not shipped.
            print(f"map {key}: flat (held-out ECE {after:.3f}, raw {before:.3f}); none written")
            continue
        print(
            f"map {key} {model.names} C={model.c} offset={model.offset_raw}:"
            f" held-out ECE {after:.3f} < raw {before:.3f}"
        )
        lines += [
            "",
            f"[maps.{key}]",
            f"features = [{', '.join(chr(34) + n + chr(34) for n in model.names)}]",
            f"weights = [{', '.join(repr(round(float(w), 6)) for w in model.weights)}]",
            f"bias = {round(model.bias, 6)!r}",
            *(["offset_raw = true"] if model.offset_raw else []),
            f"# fitted on {len(rows)} tags of {works} works, prior C = {model.c} chosen by"
            " cross-validation grouped by work",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(HERE.parent)}")


def _option(name: str) -> str | None:
    if name in sys.argv:
        i = sys.argv.index(name)
        if i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        sys.exit(f"{name} needs a value")
    return None


def _tally(judged: Judged, items: list, every: dict[str, list[Row]]) -> None:  # type: ignore[type-arg]
    """Precision, recall and false alarms of the corpus's shown tags, each work's tags
    through maps fitted without it."""
    tally = Tally()
    for item in items:
        key = "corpus:" + item.name
        shown = []
        for r in every[item.name]:
            train = [x for x in judged.get(r[3]["_type"], []) if x[2] != key]
            m = r[3]["_map"]
            model = fit(m, [x for x in train if x[3].get("_map") == m]) if m in MAPS else None
            conf = float(model([r])[0]) if model else raw(r)
            shown.append((r[3]["_type"], r[3]["_name"], conf))
        tally.add(item, shown)
    tally.print(f"Corpus ({len(items)} works): shown tags against the stated ones")


def main() -> None:
    judged, read = everything(passages="--no-passages" not in sys.argv)
    folder = _option("--corpus")
    items: list = []  # type: ignore[type-arg]
    every: dict[str, list[Row]] = {}
    if folder is not None:
        if Path(folder).is_dir():
            items, every = the_corpus(Path(folder), judged)
            read["corpus"] = len(items)
        else:
            print(f"corpus not found: {folder} (a folder of AO3 downloads)")
    if "--no-passages" not in sys.argv:
        passage_notes(judged, load())
    print("works read per source: " + ", ".join(f"{s} {n}" for s, n in read.items()))
    mapped = held_out(judged)
    show(judged, mapped)
    if items:
        _tally(judged, items, every)
    if "--write" in sys.argv:
        write(judged, mapped)


if __name__ == "__main__":
    main()
