"""Are fandex's confidences probabilities? A reliability table per tag type, and its ECE.

    .venv/bin/python bench/eval_calibration.py [--corpus DIR] [--no-realworld]
        [--no-passages] [--write]

A tag shown at 0.9 should be right about nine times in ten. For every inferred tag that
labelled data can judge, this bench records (confidence, right or wrong), groups them in
ten confidence bins per tag type, and prints the share right in each bin and the expected
calibration error (ECE: the gap between confidence and share right, averaged over tags;
target <= 0.08). Labelled data:

- **content notes**: the passage-level warning dataset (``../shared/data``), each passage
  scored by a learned model fitted, calibrated and cut without its work (the
  cross-validation of ``bench/train_note_model.py``).
- **corpus** (``--corpus DIR``, outside the repository; the bench says so when it is
  absent): a folder of real works whose authors stated their tags, AO3 downloads above
  all; the stated tags are the labels and are taken away before tagging (see
  ``labelled.py``, which also prints precision, recall and the false alarms of issue 14).
- **real files**: ``../shared/data/realworld/`` (outside the repository), judged by the
  file's hand labels with the rules of ``../shared/tools/eval_realworld.py``. Its eight
  AO3 files (downloads and pages) are an evaluation set, never fitted; the others join
  the fitting set.
- **fixtures**: the short texts written for fandex (``bench/tagger_fixtures``,
  ``bench/rating_fixtures``, ``bench/archive_fixtures``), printed, never fitted.

Calibration maps (``fandex/vocab/calibration.toml``, see :mod:`fandex.tag.calibration`)
are fitted on the fitting set (corpus + non-AO3 real files) and scored there leave one
work out; the AO3 real files are scored through maps fitted on all of it. ``--write``
refits and writes the maps that beat the raw confidence held out (scikit-learn, the
``learn`` extra). Figures for a type with few tags are shown but say little; the counts
are printed.
"""

from __future__ import annotations

import sys
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from labelled import LABELLED, NONE_APPLY, Tally, corpus, fold, map_key, right
from passages import DATA, ece, load, reliability

from fandex.clean import clean
from fandex.model import Chapter, Tag, Work
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.tag.pipeline import TaggerPipeline

HERE = Path(__file__).resolve().parent
REALWORLD = DATA / "realworld"
JUDGED = ("character", "relationship", "rating", "warning")
TARGET_ECE = 0.08
# One judged tag: (confidence, right, work, attributes). Its attributes carry what a
# calibration map reads: ``raw_confidence``, the features, and ``_map``, the map it goes
# through (fandex.tag.calibration).
Row = tuple[float, bool, str, dict[str, Any]]
Judged = dict[str, list[Row]]
# The features each fitted map may use, per map, most telling first (see
# fandex.tag.calibration). A map is fitted only on MIN_TAGS tags from MIN_WORKS works or
# more, and uses its second feature only with RICH_TAGS tags from RICH_WORKS works: a rule
# fixed before looking at any held-out figure, so that few labels fit few numbers.
MAPS: dict[str, tuple[str, ...]] = {
    "character": ("share", "unknown"),
    "relationship": ("pair_share", "raw"),
    "rating": ("raw", "words"),
    "warning": ("raw",),
    "warning_none": ("raw", "words"),
}
MIN_TAGS, MIN_WORKS = 20, 8
RICH_TAGS, RICH_WORKS = 50, 20


def judge(work: Work, labels: dict[str, list[str]], out: Judged, key: str = "") -> list[Row]:
    """Record every inferred tag of a labelled type: (confidence, right); returns them."""
    mine: list[Row] = []
    for t in work.tags:
        if t.source != "inferred" or t.type not in labels or t.attrs.get("status") == "past":
            continue
        ok = right(t.type, t.name, labels[t.type])
        mine.append(_row(t, key or work.title, ok))
    for row in mine:
        out[row[3]["_type"]].append(row)
    return mine


def fixtures(out: Judged) -> None:
    pipe = TaggerPipeline()
    expected = tomllib.loads((HERE / "tagger_fixtures" / "expected.toml").read_text("utf-8"))
    for name, want in expected.items():
        path = HERE / "tagger_fixtures" / f"{name}.txt"
        work = pipe(build_work(clean(read_bytes(path.read_bytes(), path.name))))
        key = "fixture:" + name
        labels = {
            "fandom": list(want.get("fandoms", [])),
            "character": list(want.get("characters", [])),
            "relationship": list(want.get("relationships", [])),
        }
        judge(work, labels, out, key)
    manifest = tomllib.loads((HERE / "rating_fixtures" / "fixtures.toml").read_text("utf-8"))
    for name, want in manifest.items():
        text = (HERE / "rating_fixtures" / f"{name}.txt").read_text(encoding="utf-8")
        work = pipe(Work(title=name, chapters=[Chapter(1, text=text)]))
        judge(work, {"rating": [want["rating"]]}, out, "rating-fixture:" + name)
    cases = tomllib.loads((HERE / "archive_fixtures" / "cases.toml").read_text("utf-8"))["case"]
    names = {
        "noncon": "Rape/Non-Con",
        "underage": "Underage Sex",
        "graphic": "Graphic Depictions Of Violence",
        "death": "Major Character Death",
    }
    for case in cases:
        work = pipe(
            Work(title=case["id"], chapters=[Chapter(1, text=" ".join(case["text"].split()))])
        )
        stated = [names[w] for w in case["expect"]] or [NONE_APPLY]
        judge(work, {"warning": stated}, out, "archive-fixture:" + case["id"])


def _gold() -> list[dict[str, Any]]:
    data: Any = yaml.safe_load((REALWORLD / "gold.yaml").read_text(encoding="utf-8"))
    return list(data["cases"])


_ARCHIVE = {
    "graphic depictions of violence",
    "major character death",
    "rape/non-con",
    "underage sex",
    "underage",
    fold(NONE_APPLY),
}


# The real files an evaluation keeps out of every fit: AO3 downloads and pages.
HELD_OUT_KINDS = ("ao3-html", "ao3-page")


def realworld(out: Judged, held_out_kinds: bool) -> int:
    """Judge the inferred tags of the real files of the AO3 kinds (``held_out_kinds``) or
    of the others; returns how many files were read."""
    pipe = TaggerPipeline()
    read = 0
    for case in _gold():
        if not case.get("is_story") or (case.get("kind") in HELD_OUT_KINDS) != held_out_kinds:
            continue
        path = REALWORLD / case["file"]
        try:
            work = build_work(clean(read_bytes(path.read_bytes(), path.name)))
        except Exception as exc:  # a reader's failure is another bench's business
            print(f"  {case['file']}: not read ({type(exc).__name__})", file=sys.stderr)
            continue
        read += 1
        labels: dict[str, list[str]] = {}
        if case.get("characters"):
            labels["character"] = list(case["characters"])
        if case.get("relationships"):
            labels["relationship"] = list(case["relationships"])
        if (case.get("rating") or {}).get("ao3"):
            labels["rating"] = [case["rating"]["ao3"]]
        stated_warnings = [w for w in case.get("warnings") or [] if fold(w) in _ARCHIVE]
        if stated_warnings:
            labels["warning"] = [
                "Underage Sex" if fold(w) == "underage" else w for w in stated_warnings
            ]
        # The author's word is taken away, so each tagger has to read the text.
        work.tags = [t for t in work.tags if not (t.source == "stated" and t.type in JUDGED)]
        judge(pipe(work), labels, out, key="real:" + case["file"])
    return read


def passages(out: Judged) -> None:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("content notes: scikit-learn (the learn extra) is not installed; skipped")
        return
    from train_note_model import cross_validated, passage_data

    data = passage_data(load())
    for w, (prob, _) in cross_validated(data).items():
        out["freeform (content notes)"] += [
            (float(p), bool(y), f"dev:{i}", {})
            for p, y, i in zip(prob, data[w].yes, data[w].works, strict=True)
        ]


def _row(t: Tag, work: str, ok: bool = False) -> Row:
    attrs = {**t.attrs, "_map": map_key(t.type, t.name), "_type": t.type, "_name": t.name}
    return (t.confidence, ok, work, attrs)


def the_corpus(folder: Path, out: Judged) -> tuple[list[Any], dict[str, list[Row]]]:
    """Judge the inferred tags of a folder of works with stated tags (see labelled.py).
    Returns the works and, per work, every inferred tag (judged or not) for the tally."""
    pipe = TaggerPipeline()
    items = []
    every: dict[str, list[Row]] = {}
    for item in corpus(folder):
        tagged = pipe(item.work)
        labels = {
            k: v
            for k, v in item.labels.items()
            if not (item.excerpt and k in ("rating", "warning"))
        }
        judge(tagged, labels, out, key="corpus:" + item.name)
        every[item.name] = [
            _row(t, "corpus:" + item.name)
            for t in tagged.tags
            if t.source == "inferred" and t.type in LABELLED and t.attrs.get("status") != "past"
        ]
        items.append(item)
    return items, every


def _raw(row: Row) -> float:
    return float(row[3].get("raw_confidence", row[0]))


def features(key: str, rows: list[Row]) -> tuple[str, ...] | None:
    """The features a map fitted on ``rows`` uses (None: too few rows for any map)."""
    works = len({r[2] for r in rows})
    if len(rows) < MIN_TAGS or works < MIN_WORKS or len({r[1] for r in rows}) < 2:
        return None
    rich = len(rows) >= RICH_TAGS and works >= RICH_WORKS
    return MAPS[key] if rich else MAPS[key][:1]


def _design(names: tuple[str, ...], rows: list[Row]) -> Any:
    import numpy as np

    from fandex.tag.calibration import feature

    return np.array([[feature(f, _raw(r), _values(r[3])) for f in names] for r in rows])


def _values(attrs: dict[str, Any]) -> dict[str, float]:
    """A tag's attributes as the calibration features read them."""
    return {
        "share": float(attrs.get("share", 1.0)),
        "unknown": float(bool(attrs.get("unknown_fandom"))),
        "pair_share": float(attrs.get("pair_share", 1.0)),
        "cues": float(attrs.get("cues", 1.0)),
        "words": float(attrs.get("words", 1000)),
    }


def _fit(names: tuple[str, ...], rows: list[Row]) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0).fit(_design(names, rows), [r[1] for r in rows])


def _rows(judged: Judged, key: str) -> list[Row]:
    return [r for rows in judged.values() for r in rows if r[3].get("_map") == key]


def unmapped(judged: Judged) -> Judged:
    """Every tag at its tagger's raw confidence (before any map)."""
    return {t: [(_raw(r), r[1], r[2], r[3]) for r in rows] for t, rows in judged.items()}


def held_out(fit: Judged, scored: Judged | None = None) -> Judged:
    """Each tag of ``scored`` through maps fitted without its work (``scored`` defaults to
    ``fit``: leave one work out). A type without a map, or too few tags to fit one, keeps
    its raw confidence."""
    target = fit if scored is None else scored
    out: Judged = defaultdict(list)
    for type_, rows in target.items():
        for row in rows:
            key = row[3].get("_map", type_)
            conf = _raw(row)
            if key in MAPS:
                train = [r for r in _rows(fit, key) if r[2] != row[2]]
                names = features(key, train)
                if names is not None:
                    model = _fit(names, train)
                    conf = float(model.predict_proba(_design(names, [row]))[0, 1])
            out[type_].append((conf, row[1], row[2], row[3]))
    return out


def write(fit: Judged) -> None:
    """Fit every map that beats the raw confidence under leave-one-work-out and write
    ``fandex/vocab/calibration.toml``; a map that does not is left out."""
    from fandex.tag.calibration import MAP_FILE

    path = HERE.parent / "fandex" / "vocab" / MAP_FILE
    lines = path.read_text(encoding="utf-8").split("\n[maps.")[0].rstrip("\n").split("\n")
    cv = held_out(fit)
    print()
    for key in MAPS:
        rows = _rows(fit, key)
        mapped = _rows(cv, key)
        names = features(key, rows)
        if names is None:
            works = len({r[2] for r in rows})
            print(f"map {key}: {len(rows)} tags in {works} works, too few to fit; none written")
            continue
        before = ece([_raw(r) for r in rows], [r[1] for r in rows])
        after = ece([r[0] for r in mapped], [r[1] for r in mapped])
        if after >= before:
            print(f"map {key}: held-out ECE {after:.3f} >= raw {before:.3f}; none written")
            continue
        model = _fit(names, rows)
        print(f"map {key} {names}: held-out ECE {after:.3f} < raw {before:.3f}; written")
        lines += [
            "",
            f"[maps.{key}]",
            f"features = [{', '.join(chr(34) + n + chr(34) for n in names)}]",
            f"weights = [{', '.join(repr(round(float(w), 6)) for w in model.coef_[0])}]",
            f"bias = {round(float(model.intercept_[0]), 6)!r}",
            f"# fitted on {len(rows)} tags of real works (corpus + non-AO3 real files)",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(HERE.parent)}")


def show(title: str, judged: Judged, table: bool = True) -> None:
    print(f"\n{title}")
    for type_ in sorted(judged):
        pairs = judged[type_]
        if not pairs:
            continue
        probs = [p for p, _, _, _ in pairs]
        oks = [r for _, r, _, _ in pairs]
        e = ece(probs, oks)
        mark = "ok" if e <= TARGET_ECE else "over target"
        works = len({w for _, _, w, _ in pairs})
        print(
            f"  {type_}: {len(pairs)} tags in {works} works, ECE {e:.3f}"
            f" ({mark}, target <= {TARGET_ECE})"
        )
        if not table:
            continue
        print(f"    {'confidence':>10s} {'tags':>5s} {'mean conf.':>10s} {'share right':>11s}")
        for bin_, n, conf, acc in reliability(probs, oks):
            print(f"    {bin_:>10s} {n:5d} {conf:10.2f} {acc:11.2f}")


def _option(name: str) -> str | None:
    if name in sys.argv:
        i = sys.argv.index(name)
        if i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        sys.exit(f"{name} needs a value")
    return None


def main() -> None:
    if "--no-passages" not in sys.argv:
        notes: Judged = defaultdict(list)
        passages(notes)
        if notes:
            show("Content notes on the dev passages (cross-validated by work):", notes)
    # Maps are fitted on real works only: the fixtures are short texts written to test one
    # rule each, and a map fitted on them learns how clean they are (all of their
    # characters are leads), which real works are not. They are scored apart.
    fixed: Judged = defaultdict(list)
    fixtures(fixed)
    show("Fixtures written for fandex, raw confidences:", unmapped(fixed), table=False)
    fit: Judged = defaultdict(list)
    folder = _option("--corpus")
    items: list[Any] = []
    every: dict[str, list[Row]] = {}
    mine: Judged = defaultdict(list)
    if folder is not None:
        if not Path(folder).is_dir():
            print(
                f"\ncorpus not found: {folder} (a folder of AO3 downloads, outside the repository)"
            )
        else:
            items, every = the_corpus(Path(folder), mine)
            for type_, rows in mine.items():
                fit[type_] += rows
    have_real = (REALWORLD / "gold.yaml").exists() and "--no-realworld" not in sys.argv
    if have_real:
        other: Judged = defaultdict(list)
        n_other = realworld(other, held_out_kinds=False)
        show(f"Real files other than AO3 ({n_other} read), raw confidences:", unmapped(other))
        show(
            "The same, maps fitted without each file (leave one work out):",
            held_out(_merged(fit, mine, other), other),
        )
        for type_, rows in other.items():
            fit[type_] += rows
    show("Fitting set (corpus + other real files), raw:", unmapped(fit), table=False)
    show("Fixtures, maps fitted on the fitting set:", held_out(fit, fixed), table=False)
    show("Fitting set, maps held out by work (leave one work out):", held_out(fit), table=False)
    if items:
        corpus_cv = held_out(fit, mine)
        show(f"Corpus ({len(items)} works), maps fitted without each work:", corpus_cv)
        conf = {
            (r[2], id(r[3])): r[0] for rows in held_out(fit, _by_type(every)).values() for r in rows
        }
        tally = Tally()
        for item in items:
            rows = every[item.name]
            tally.add(item, [(r[3]["_type"], r[3]["_name"], conf[(r[2], id(r[3]))]) for r in rows])
        tally.print(f"Corpus ({len(items)} works): shown tags against the stated ones")
    if "--no-realworld" not in sys.argv and not have_real:
        print(f"\nreal files not found: {REALWORLD} (they live outside the repository)")
    if have_real:
        real: Judged = defaultdict(list)
        n = realworld(real, held_out_kinds=True)
        show(f"Real AO3 files ({n} read, never fitted), raw confidences:", unmapped(real))
        show(f"Real AO3 files ({n} read), maps fitted on the fitting set:", held_out(fit, real))
    if "--write" in sys.argv:
        write(fit)


def _merged(*parts: Judged) -> Judged:
    out: Judged = defaultdict(list)
    for part in parts:
        for type_, rows in part.items():
            out[type_] += rows
    return out


def _by_type(every: dict[str, list[Row]]) -> Judged:
    out: Judged = defaultdict(list)
    for rows in every.values():
        for r in rows:
            out[r[3]["_type"]].append(r)
    return out


if __name__ == "__main__":
    main()
