"""Are fandex's confidences probabilities? A reliability table per tag type, and its ECE.

    .venv/bin/python bench/eval_calibration.py [--no-realworld] [--no-passages] [--write]

A tag shown at 0.9 should be right about nine times in ten. For every inferred tag that
labelled data can judge, this bench records (confidence, right or wrong), groups them in
ten confidence bins per tag type, and prints the share right in each bin and the expected
calibration error (ECE: the gap between confidence and share right, averaged over tags;
target <= 0.08). Labelled data, none of it fitted here:

- **content notes**: the passage-level warning dataset (``../shared/data``), each
  passage scored by a learned model fitted, calibrated and cut without its work (the
  cross-validation of ``bench/train_note_model.py``). Every passage counts, tagged or not:
  the probability is the model's.
- **fixtures**: the short texts written for fandex (``bench/tagger_fixtures``: fandoms,
  characters, relationships; ``bench/rating_fixtures``: ratings; ``bench/archive_fixtures``:
  archive warnings), each inferred tag right when the hand-written answer lists it.
- **real files**: ``../shared/data/realworld/`` (outside the repository), read by fandex
  with the author's stated characters, relationships, rating and warnings stripped, then
  tagged; an inferred tag is right when the file's hand label agrees (the matching rules
  of ``../shared/tools/eval_realworld.py``: a character shares a name word, a relationship
  has the same kind and people; a warning is right when stated, and No Archive Warnings
  Apply is wrong beside any other). Only types the file states are judged.

Figures for a type with few tags are shown but say little; the count is printed.

Where a tag type has a calibration map (``fandex/vocab/calibration.toml``, see
:mod:`fandex.tag.calibration`), the map was fitted on the fixtures and real files
themselves, so the shipped confidences are scored in-sample; the bench also prints them
cross-validated, each work's tags mapped by a map fitted without that work, which is
the honest figure. ``--write`` fits the maps on all of them and writes the file
(scikit-learn, the ``learn`` extra).
"""

from __future__ import annotations

import re
import sys
import tomllib
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from passages import DATA, ece, load, reliability

from fandex.clean import clean
from fandex.model import Chapter, Work
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.tag.pipeline import TaggerPipeline

HERE = Path(__file__).resolve().parent
REALWORLD = DATA / "realworld"
JUDGED = ("character", "relationship", "rating", "warning")
TARGET_ECE = 0.08
# Per tag type: (confidence, right, work, tag attributes) of each judged tag.
Judged = dict[str, list[tuple[float, bool, str, dict[str, Any]]]]
# The features each fitted map uses, per tag type (see fandex.tag.calibration).
MAPS: dict[str, tuple[str, ...]] = {"character": ("share", "unknown")}


# --- matching rules (as ../shared/tools/eval_realworld.py scores them) ---------------------


def _fold(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s or "").casefold().split())


def _person_words(name: str) -> tuple[set[str], set[str]]:
    inside = " ".join(re.findall(r"\(([^)]*)\)", name))
    outside = re.sub(r"\([^)]*\)", " ", name)

    def words(s: str) -> set[str]:
        return {t for t in re.findall(r"\w+", _fold(s).replace("_", " ")) if len(t) > 1}

    return words(outside), words(inside)


def same_person(label: str, got: str) -> bool:
    lo, li = _person_words(label)
    go, gi = _person_words(got)
    return bool(lo & go or li & go) or (not lo and bool(li & gi))


def same_relationship(label: str, got: str) -> bool:
    def split(rel: str) -> tuple[str, list[str]]:
        for sep in "/&":
            if sep in rel:
                return sep, [p.strip() for p in rel.split(sep) if p.strip()]
        return "?", [rel.strip()]

    (lk, lp), (gk, gp) = split(label), split(got)
    if lk != gk or len(lp) != len(gp):
        return False
    free = list(gp)
    for p in lp:
        hit = next((g for g in free if same_person(p, g)), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


NONE_APPLY = "No Archive Warnings Apply"


def right(type_: str, name: str, labels: list[str]) -> bool:
    """Whether an inferred tag agrees with the labels of its type."""
    if type_ == "character":
        return any(same_person(label, name) for label in labels)
    if type_ == "relationship":
        return any(same_relationship(label, name) for label in labels)
    if type_ == "warning" and name == NONE_APPLY:
        return labels == [NONE_APPLY]
    return _fold(name) in {_fold(label) for label in labels}


# --- sources ----------------------------------------------------------------------------


def judge(work: Work, labels: dict[str, list[str]], out: Judged, prefix: str = "") -> None:
    """Record every inferred tag of a labelled type: (confidence, right)."""
    for t in work.tags:
        if t.source != "inferred" or t.type not in labels or t.attrs.get("status") == "past":
            continue
        ok = right(t.type, t.name, labels[t.type])
        out[prefix + t.type].append((t.confidence, ok, work.title, dict(t.attrs)))


def fixtures(out: Judged) -> None:
    pipe = TaggerPipeline()
    expected = tomllib.loads((HERE / "tagger_fixtures" / "expected.toml").read_text("utf-8"))
    for name, want in expected.items():
        path = HERE / "tagger_fixtures" / f"{name}.txt"
        work = pipe(build_work(clean(read_bytes(path.read_bytes(), path.name))))
        labels = {
            "fandom": list(want.get("fandoms", [])),
            "character": list(want.get("characters", [])),
            "relationship": list(want.get("relationships", [])),
        }
        judge(work, labels, out)
    manifest = tomllib.loads((HERE / "rating_fixtures" / "fixtures.toml").read_text("utf-8"))
    for name, want in manifest.items():
        text = (HERE / "rating_fixtures" / f"{name}.txt").read_text(encoding="utf-8")
        work = pipe(Work(title=name, chapters=[Chapter(1, text=text)]))
        judge(work, {"rating": [want["rating"]]}, out)
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
        judge(work, {"warning": stated}, out)


def _gold() -> list[dict[str, Any]]:
    data: Any = yaml.safe_load((REALWORLD / "gold.yaml").read_text(encoding="utf-8"))
    return list(data["cases"])


_ARCHIVE = {
    "graphic depictions of violence",
    "major character death",
    "rape/non-con",
    "underage sex",
    "underage",
    _fold(NONE_APPLY),
}


def realworld(out: Judged) -> int:
    """Judge the inferred tags of the real files; returns how many files were read."""
    pipe = TaggerPipeline()
    read = 0
    for case in _gold():
        if not case.get("is_story"):
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
        stated_warnings = [w for w in case.get("warnings") or [] if _fold(w) in _ARCHIVE]
        if stated_warnings:
            labels["warning"] = [
                "Underage Sex" if _fold(w) == "underage" else w for w in stated_warnings
            ]
        # The author's word is taken away, so each tagger has to read the text.
        work.tags = [t for t in work.tags if not (t.source == "stated" and t.type in JUDGED)]
        judge(pipe(work), labels, out)
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


def _design(type_: str, rows: list[tuple[float, bool, str, dict[str, Any]]]) -> Any:
    import numpy as np

    from fandex.tag.calibration import feature

    return np.array(
        [
            [feature(f, float(a.get("raw_confidence", c)), _values(a)) for f in MAPS[type_]]
            for c, _, _, a in rows
        ]
    )


def _values(attrs: dict[str, Any]) -> dict[str, float]:
    """A tag's attributes as the calibration features read them."""
    return {
        "share": float(attrs.get("share", 1.0)),
        "unknown": float(bool(attrs.get("unknown_fandom"))),
    }


def _fit(type_: str, rows: list[tuple[float, bool, str, dict[str, Any]]]) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0).fit(_design(type_, rows), [r for _, r, _, _ in rows])


def cross_validated(judged: Judged) -> Judged:
    """The tags of mapped types, each work's confidences from a map fitted without it."""
    out: Judged = {}
    for type_ in MAPS:
        rows = judged.get(type_, [])
        mapped = []
        for work in sorted({w for _, _, w, _ in rows}):
            mine = [r for r in rows if r[2] == work]
            others = [r for r in rows if r[2] != work]
            if len({ok for _, ok, _, _ in others}) < 2:
                continue
            probs = _fit(type_, others).predict_proba(_design(type_, mine))[:, 1]
            mapped += [(float(p), ok, w, a) for p, (_, ok, w, a) in zip(probs, mine, strict=True)]
        out[type_ + " (map cross-validated by work)"] = mapped
    return out


def write(judged: Judged) -> None:
    """Fit every map on all judged tags and write ``fandex/vocab/calibration.toml``."""
    from fandex.tag.calibration import MAP_FILE

    path = HERE.parent / "fandex" / "vocab" / MAP_FILE
    lines = path.read_text(encoding="utf-8").split("\n[maps.")[0].rstrip("\n").split("\n")
    for type_, names in MAPS.items():
        model = _fit(type_, judged[type_])
        lines += [
            "",
            f"[maps.{type_}]",
            f"features = [{', '.join(chr(34) + n + chr(34) for n in names)}]",
            f"weights = [{', '.join(repr(round(float(w), 6)) for w in model.coef_[0])}]",
            f"bias = {round(float(model.intercept_[0]), 6)!r}",
            f"# fitted on {len(judged[type_])} tags of the fixtures and real files",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nwrote {path.relative_to(HERE.parent)}")


def show(title: str, judged: Judged) -> None:
    print(f"\n{title}")
    for type_ in sorted(judged):
        pairs = judged[type_]
        probs = [p for p, _, _, _ in pairs]
        oks = [r for _, r, _, _ in pairs]
        e = ece(probs, oks)
        mark = "ok" if e <= TARGET_ECE else "over target"
        print(f"  {type_}: {len(pairs)} tags, ECE {e:.3f} ({mark}, target <= {TARGET_ECE})")
        print(f"    {'confidence':>10s} {'tags':>5s} {'mean conf.':>10s} {'share right':>11s}")
        for bin_, n, conf, acc in reliability(probs, oks):
            print(f"    {bin_:>10s} {n:5d} {conf:10.2f} {acc:11.2f}")


def main() -> None:
    if "--no-passages" not in sys.argv:
        notes: Judged = defaultdict(list)
        passages(notes)
        if notes:
            show("Content notes on the dev passages (cross-validated by work):", notes)
    judged: Judged = defaultdict(list)
    fixtures(judged)
    show("Fixtures written for fandex:", judged)
    if "--no-realworld" not in sys.argv:
        if not (REALWORLD / "gold.yaml").exists():
            print(f"\nreal files not found: {REALWORLD} (they live outside the repository)")
            return
        real: Judged = defaultdict(list)
        n = realworld(real)
        show(f"Real files, stated tags stripped ({n} files read):", real)
        both: Judged = defaultdict(list)
        for source in (judged, real):
            for type_, pairs in source.items():
                both[type_] += pairs
        show("Fixtures and real files together (in-sample where a map was fitted):", both)
        show(
            "Fixtures and real files, calibration maps cross-validated by work:",
            cross_validated(both),
        )
        if "--write" in sys.argv:
            write(both)


if __name__ == "__main__":
    main()
