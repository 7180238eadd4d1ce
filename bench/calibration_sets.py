"""The labelled tags the calibration bench judges, gathered from every source that has them.

Each source yields *rows*: one per inferred tag that a label can judge, with its
confidence, whether it is right, the work it belongs to (rows are grouped by work when
maps are fitted and scored) and where the label came from (``_source``):

- ``real``: the real files of ``../shared/data/realworld/`` (outside the repository),
  judged by their hand labels (what each file states), with the stated tags taken away
  before the taggers run;
- ``written``: works written for fandex that state their tags as an author would
  (``bench/calibration_works/``, and the works of ``examples/``), read with the stated
  tags taken away;
- ``fixtures``: the short texts of the tagger, rating and archive-warning benches, judged
  by what a careful fan would tag;
- ``passages``: the passage-level warning dataset (``../shared/data``). A passage asked
  about death labels Major Character Death inferred on it, one asked about violence
  labels Graphic Depictions Of Violence; on either, No Archive Warnings Apply is right
  when the annotators said no. (A proxy: a death is not always a major character's, and
  violence is not always graphic.) It also gives the content notes, each passage scored by
  a note model fitted, calibrated and cut without its work;
- ``corpus``: a folder of AO3 downloads given with ``--corpus DIR`` (see ``labelled.py``).
"""

from __future__ import annotations

import sys
import tomllib
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from labelled import (
    LABELLED,
    NONE_APPLY,
    Labelled,
    corpus,
    fold,
    judge_characters,
    map_key,
    right,
)
from passages import DATA, load

from fandex.clean import clean
from fandex.model import Chapter, Tag, Work
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.tag.cues_analysis import analyse
from fandex.tag.pipeline import TaggerPipeline
from fandex.tag.rating import infer_rating
from fandex.tag.rating_model import feature_values, stated_values

HERE = Path(__file__).resolve().parent
REALWORLD = DATA / "realworld"
CALIBRATION_WORKS = HERE / "calibration_works"
WRITTEN = (CALIBRATION_WORKS, HERE.parent / "examples")
# Works written for calibration and kept out of every fit: scored once, at the end.
HELD_OUT = CALIBRATION_WORKS / "heldout"
# The held-out sets already scored and read since (spent): extra labelled data now, for
# the benches that ask for them. heldout25/ and later are the unseen test: never read here.
SPENT = tuple(
    CALIBRATION_WORKS / f"heldout{n}"
    for n in (
        "",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "10",
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "20",
        "21",
        "22",
        "23",
        "24",
    )
)
# One judged tag: (confidence, right, work, attributes). Its attributes carry what a
# calibration map reads: ``raw_confidence``, the features, ``_map`` (the map it goes
# through, fandex.tag.calibration), ``_type``, ``_name`` and ``_source``.
Row = tuple[float, bool, str, dict[str, Any]]
Judged = dict[str, list[Row]]
NOTES = "freeform (content notes)"
# The real files of the AO3 kinds, printed apart: they are what fandex meets most.
AO3_KINDS = ("ao3-html", "ao3-page")


def row(t: Tag, work: str, ok: bool, source: str) -> Row:
    """One judged tag as a row."""
    attrs = {
        **t.attrs,
        "_map": map_key(t.type, t.name),
        "_type": t.type,
        "_name": t.name,
        "_source": source,
    }
    return (t.confidence, ok, work, attrs)


def judge(
    work: Work,
    labels: dict[str, list[str]],
    out: Judged,
    key: str,
    source: str,
    hidden: list[Tag] | None = None,
) -> None:
    """Record every inferred tag of a labelled type: (confidence, right). A rating's row
    also carries what the rating model reads (``_x``: its feature values; ``_s``: the
    lean of the stated tags, ``hidden`` ones included, the rating alone left out) and the
    rating stated (``_label``), so the model can be fitted and scored on the same rows;
    its guess is the shipped model's with the rating alone hidden, as fandex meets a
    header that states other tags but no rating."""
    judged = [
        t
        for t in work.tags
        if t.source == "inferred" and t.type in labels and t.attrs.get("status") != "past"
    ]
    # Characters are judged together: an "Original Character" tag is one person.
    people = [t for t in judged if t.type == "character"]
    guesses = [
        (t.name, int(t.attrs.get("mentions", 0)), bool(t.attrs.get("unknown_fandom")))
        for t in people
    ]
    verdict = dict(
        zip(map(id, people), judge_characters(guesses, labels.get("character", [])), strict=True)
    )
    for t in judged:
        if t.type == "rating":
            lean = stated_values([*work.tags, *(hidden or [])])
            guess = infer_rating(analyse(work), stated=lean)
            t = replace(t, name=guess.name, confidence=round(guess.confidence, 3))
        ok = verdict[id(t)] if t.type == "character" else right(t.type, t.name, labels[t.type])
        r = row(t, key, ok, source)
        if t.type == "rating":
            r[3]["_x"] = feature_values(analyse(work))
            r[3]["_s"] = lean
            r[3]["_label"] = labels["rating"][0]
        out[t.type].append(r)


def _hidden(item: Labelled) -> list[Tag]:
    """The stated warnings a corpus took away, as tags (the rating's lean reads them; the
    opt-out too, which is no label)."""
    return [Tag("warning", w, "stated") for w in item.stated_warnings]


def _judged_labels(item: Labelled) -> dict[str, list[str]]:
    # An excerpt's rating and warnings speak for text it does not have.
    return {
        k: v for k, v in item.labels.items() if not (item.excerpt and k in ("rating", "warning"))
    }


def written(out: Judged, folders: tuple[Path, ...] = WRITTEN, source: str = "written") -> int:
    """Judge the works of ``folders`` by the tags they state; returns how many were read.
    A work written for calibration that states no relationship has none (its README: a
    relationship is stated wherever the story is about one), so a guess there is wrong."""
    pipe = TaggerPipeline()
    read = 0
    for folder in folders:
        for item in corpus(folder):
            labels = _judged_labels(item)
            if folder.is_relative_to(CALIBRATION_WORKS):
                labels.setdefault("relationship", [])
            key = f"{source}:{item.name}"
            mine: Judged = defaultdict(list)
            judge(pipe(item.work), labels, mine, key, source, _hidden(item))
            for type_, rows in mine.items():
                for r in rows:
                    r[3]["_set"] = folder.name  # a set is one batch of writers
                out[type_] += rows
            read += 1
    return read


def the_corpus(folder: Path, out: Judged) -> tuple[list[Labelled], dict[str, list[Row]]]:
    """Judge a folder of AO3 downloads (``--corpus``). Returns its works and, per work,
    every inferred tag of a labelled type (judged or not), for the tally of labelled.py."""
    pipe = TaggerPipeline()
    items: list[Labelled] = []
    every: dict[str, list[Row]] = {}
    for item in corpus(folder):
        tagged = pipe(item.work)
        key = "corpus:" + item.name
        judge(tagged, _judged_labels(item), out, key, "corpus", _hidden(item))
        every[item.name] = [
            row(t, key, False, "corpus")
            for t in tagged.tags
            if t.source == "inferred" and t.type in LABELLED and t.attrs.get("status") != "past"
        ]
        items.append(item)
    return items, every


def fixtures(out: Judged) -> int:
    """Judge the benches' fixtures by what a careful fan would tag; returns how many."""
    pipe = TaggerPipeline()
    n = 0
    expected = tomllib.loads((HERE / "tagger_fixtures" / "expected.toml").read_text("utf-8"))
    for name, want in expected.items():
        path = HERE / "tagger_fixtures" / f"{name}.txt"
        work = pipe(build_work(clean(read_bytes(path.read_bytes(), path.name))))
        labels = {
            "fandom": list(want.get("fandoms", [])),
            "character": list(want.get("characters", [])),
            "relationship": list(want.get("relationships", [])),
        }
        judge(work, labels, out, "fixture:" + name, "fixtures")
        n += 1
    manifest = tomllib.loads((HERE / "rating_fixtures" / "fixtures.toml").read_text("utf-8"))
    for name, want in manifest.items():
        text = (HERE / "rating_fixtures" / f"{name}.txt").read_text(encoding="utf-8")
        work = pipe(Work(title=name, chapters=[Chapter(1, text=text)]))
        judge(work, {"rating": [want["rating"]]}, out, "rating-fixture:" + name, "fixtures")
        n += 1
    cases = tomllib.loads((HERE / "archive_fixtures" / "cases.toml").read_text("utf-8"))["case"]
    names = {
        "noncon": "Rape/Non-Con",
        "underage": "Underage Sex",
        "graphic": "Graphic Depictions Of Violence",
        "death": "Major Character Death",
    }
    for case in cases:
        text = " ".join(case["text"].split())
        work = pipe(Work(title=case["id"], chapters=[Chapter(1, text=text)]))
        stated = [names[w] for w in case["expect"]] or [NONE_APPLY]
        judge(work, {"warning": stated}, out, "archive-fixture:" + case["id"], "fixtures")
        n += 1
    return n


_ARCHIVE = {
    "graphic depictions of violence",
    "major character death",
    "rape/non-con",
    "underage sex",
    "underage",
    fold(NONE_APPLY),
}


def gold() -> list[dict[str, Any]]:
    """The real files' hand labels (empty when the files are not there)."""
    path = REALWORLD / "gold.yaml"
    if not path.exists():
        return []
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["cases"])


# Labels a real file states that its hand labels leave out, read by hand from the file.
# The anthology's hand labels are its first part's title page (what the real-world scorer
# checks); its parts 2-7 have title pages of their own, and a guess read from their text
# is judged by what they state (Mycroft Holmes/Greg Lestrade is the primary ship of
# parts 6 and 7).
ADDED_LABELS: dict[str, dict[str, list[str]]] = {
    "28-fff-ao3-in-arduis-fidelis.epub": {
        "relationship": [
            "Sherlock Holmes/Original Male Character(s)",
            "John Watson/Original Male Character(s)",
            "Mycroft Holmes/Greg Lestrade",
        ],
        "character": ["Greg Lestrade", "Mrs. Hudson (Sherlock Holmes)", "Original Character"],
    },
}


def realworld(out: Judged) -> int:
    """Judge the real files' inferred tags by their hand labels; returns how many were read.
    A row of an AO3 file is marked ``_ao3``."""
    pipe = TaggerPipeline()
    read = 0
    for case in gold():
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
        if case.get("fandoms"):
            labels["fandom"] = list(case["fandoms"])
        for type_, more in ADDED_LABELS.get(case["file"], {}).items():
            labels[type_] = labels.get(type_, []) + more
        if (case.get("rating") or {}).get("ao3"):
            labels["rating"] = [case["rating"]["ao3"]]
        stated_warnings = [w for w in case.get("warnings") or [] if fold(w) in _ARCHIVE]
        if stated_warnings:
            labels["warning"] = [
                "Underage Sex" if fold(w) == "underage" else w for w in stated_warnings
            ]
        # The author's word is taken away, so each tagger has to read the text.
        hidden = [t for t in work.tags if t.source == "stated" and t.type in LABELLED]
        work.tags = [t for t in work.tags if not (t.source == "stated" and t.type in LABELLED)]
        mine: Judged = defaultdict(list)
        rest = [t for t in hidden if t.type != "rating"]
        judge(pipe(work), labels, mine, "real:" + case["file"], "real", rest)
        for type_, rows in mine.items():
            for r in rows:
                r[3]["_ao3"] = case.get("kind") in AO3_KINDS
            out[type_] += rows
    return read


# A passage asked about one of these labels the archive warning inferred on it.
_PASSAGE_WARNING = {"death": "Major Character Death", "violence": "Graphic Depictions Of Violence"}


def passage_warnings(out: Judged, rows: list[dict[str, object]]) -> int:
    """Judge the archive warnings inferred on the death and violence passages (see the
    module docstring); returns how many passages were read."""
    pipe = TaggerPipeline()
    n = 0
    for i, p in enumerate(rows):
        asked = str(p["warning"])
        if asked not in _PASSAGE_WARNING:
            continue
        n += 1
        labels = p["labels"]
        assert isinstance(labels, list)
        yes = sum(labels) >= 2
        work = pipe(Work(title=f"passage {i}", chapters=[Chapter(1, text=str(p["text"]))]))
        key = f"passage-work:{p['work_id']}"
        for t in work.tags:
            if t.source != "inferred" or t.type != "warning":
                continue
            if t.name == NONE_APPLY:
                out["warning"].append(row(t, key, not yes, "passages"))
            elif t.name == _PASSAGE_WARNING[asked]:
                out["warning"].append(row(t, key, yes, "passages"))
    return n


def passage_notes(out: Judged, rows: list[dict[str, object]]) -> None:
    """The content notes of the passages, each scored by a note model fitted without its
    work (the cross-validation of ``train_note_model.py``; needs scikit-learn)."""
    from train_note_model import cross_validated, passage_data

    data = passage_data(rows)
    for w, (prob, _) in cross_validated(data).items():
        out[NOTES] += [
            (float(p), bool(y), f"passage-work:{i}", {"_source": "passages", "_map": "notes"})
            for p, y, i in zip(prob, data[w].yes, data[w].works, strict=True)
        ]


def everything(passages: bool = True, spent: bool = False) -> tuple[Judged, dict[str, int]]:
    """Every labelled row of every source there is, and how many works each source read
    (``spent``: the spent held-out sets too, as source ``spent``)."""
    out: Judged = defaultdict(list)
    read = {"written": written(out), "fixtures": fixtures(out)}
    if spent:
        read["spent"] = written(out, SPENT, source="spent")
    if gold():
        read["real"] = realworld(out)
    else:
        print(f"real files not found: {REALWORLD} (they live outside the repository)")
    if passages:
        rows = load()
        read["passages"] = passage_warnings(out, rows)
    return out, read
