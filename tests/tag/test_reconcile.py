"""The reconcile stage: a guess that contradicts the author's rating or warnings is a flag,
not a tag, and re-tagging gives the same work again."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from fandex.model import Evidence, Tag, Work
from fandex.tag.pipeline import TaggerPipeline, tagger
from fandex.tag.reconcile import (
    MISSING_WARNING,
    RATING_DISAGREES,
    decided_types,
    reconcile,
    reconcile_tagger,
)

NAWA = "No Archive Warnings Apply"
EVIDENCE = [Evidence(chapter=1, start=10, end=30, quote="a passage")]


def guess(type_: str, name: str, conf: float, source: str = "inferred") -> Tag:
    tagger_name = "learned" if source == "learned" else type_ + "s"
    return Tag(type_, name, source, conf, list(EVIDENCE), tagger_name, {"reasons": ["x"]})


def test_a_warning_guessed_against_no_archive_warnings_apply_becomes_a_flag() -> None:
    w = Work(tags=[Tag("warning", NAWA), guess("warning", "Underage Sex", 0.79)])
    assert reconcile(w)
    assert [t.name for t in w.tags] == [NAWA]
    (flag,) = w.flags
    assert flag["kind"] == MISSING_WARNING and flag["type"] == "warning"
    assert flag["tag"] == "Underage Sex" and flag["confidence"] == 0.79
    assert flag["source"] == "inferred" and flag["tagger"] == "warnings"
    assert flag["stated"] == [NAWA]
    assert flag["evidence"][0]["quote"] == "a passage"
    assert "No Archive Warnings Apply" in flag["message"]


def test_a_rating_other_than_the_authors_becomes_a_rating_disagrees_flag() -> None:
    w = Work(
        tags=[Tag("rating", "Teen And Up Audiences"), guess("rating", "Explicit", 0.9, "learned")]
    )
    reconcile(w)
    assert [t.name for t in w.tags] == ["Teen And Up Audiences"]
    assert [(f["kind"], f["tag"], f["source"]) for f in w.flags] == [
        (RATING_DISAGREES, "Explicit", "learned")
    ]


@pytest.mark.parametrize("milder", ["General Audiences", "Teen And Up Audiences", "Mature"])
def test_a_rating_milder_than_the_authors_is_dropped_not_flagged(milder: str) -> None:
    # The author rated up: nothing is hidden from a reader, so nothing to review.
    w = Work(tags=[Tag("rating", "Explicit"), guess("rating", milder, 0.8)])
    reconcile(w)
    assert [t.name for t in w.tags] == ["Explicit"]
    assert w.flags == []


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("General Audiences", "Teen And Up Audiences"),
        ("Teen And Up Audiences", "Mature"),
        ("Mature", "Explicit"),
    ],
)
def test_a_rating_one_level_above_the_authors_is_dropped_not_flagged(said: str, read: str) -> None:
    # Within the model's own error: as common on honestly rated works as on any.
    w = Work(tags=[Tag("rating", said), guess("rating", read, 0.9)])
    reconcile(w)
    assert [t.name for t in w.tags] == [said]
    assert w.flags == []


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("General Audiences", "Mature"),
        ("General Audiences", "Explicit"),
        ("Teen And Up Audiences", "Explicit"),
    ],
)
def test_a_rating_two_levels_above_the_authors_is_flagged(said: str, read: str) -> None:
    w = Work(tags=[Tag("rating", said), guess("rating", read, 0.7)])
    reconcile(w)
    assert [t.name for t in w.tags] == [said]
    assert [(f["kind"], f["tag"]) for f in w.flags] == [(RATING_DISAGREES, read)]


def test_a_milder_guess_beside_not_rated_still_stands() -> None:
    w = Work(tags=[Tag("rating", "Not Rated"), guess("rating", "General Audiences", 0.8)])
    reconcile(w)
    assert {t.name for t in w.tags} == {"Not Rated", "General Audiences"}


@pytest.mark.parametrize(
    "said",
    [
        Tag("warning", "Creator Chose Not To Use Archive Warnings"),
        Tag("warning", NAWA, source="user", attrs={"rejected": True}),
    ],
)
def test_guesses_stand_where_the_author_declined_or_a_person_overruled_them(said: Tag) -> None:
    w = Work(tags=[said, guess("warning", "Rape/Non-Con", 0.7)])
    assert not reconcile(w)
    assert "Rape/Non-Con" in [t.name for t in w.tags] and w.flags == []


def test_not_rated_decides_nothing_but_a_stated_warning_beside_an_opt_out_leaves_it_open() -> None:
    w = Work(
        tags=[
            Tag("rating", "Not Rated"),
            Tag("warning", "Major Character Death"),
            Tag("warning", "Choose Not To Use Archive Warnings"),
        ]
    )
    assert decided_types(w) == set()
    assert decided_types(Work(tags=[Tag("warning", "Major Character Death")])) == {"warning"}


def test_reconciling_again_changes_nothing() -> None:
    w = Work(
        tags=[
            Tag("warning", NAWA),
            Tag("rating", "General Audiences"),
            guess("warning", "Major Character Death", 0.6),
            guess("rating", "Mature", 0.7),
        ]
    )
    reconcile(w)
    once = copy.deepcopy(w)
    assert not reconcile(w)
    assert w.to_dict() == once.to_dict()


def test_a_guess_comes_back_when_a_person_rejects_the_stated_warning() -> None:
    w = Work(tags=[Tag("warning", NAWA), guess("warning", "Underage Sex", 0.79)])
    reconcile(w)
    w.tags[0] = Tag("warning", NAWA, source="user", attrs={"rejected": True})
    assert reconcile(w)
    back = w.find_tag("warning", "Underage Sex")
    assert back is not None and back.source == "inferred" and back.confidence == 0.79
    assert back.evidence == EVIDENCE and back.attrs == {"reasons": ["x"]}
    assert w.flags == []


def test_the_taggers_own_flag_is_merged_not_doubled_and_survives_a_give_back() -> None:
    own = {
        "kind": MISSING_WARNING,
        "type": "warning",
        "tag": "Underage Sex",
        "confidence": 0.79,
        "tagger": "warnings",
        "message": "no warning stated covers it",
    }
    w = Work(tags=[Tag("warning", NAWA), guess("warning", "Underage Sex", 0.79)], flags=[own])
    reconcile(w)
    assert len(w.flags) == 1 and w.flags[0]["message"] == own["message"]
    w.tags[0] = Tag("warning", NAWA, source="user", attrs={"rejected": True})
    reconcile(w)
    assert w.find_tag("warning", "Underage Sex") is not None
    assert [f["message"] for f in w.flags] == [own["message"]]


def test_a_flag_a_person_ruled_on_is_dropped() -> None:
    w = Work(tags=[Tag("warning", NAWA), guess("warning", "Underage Sex", 0.79)])
    reconcile(w)
    w.tags.append(Tag("warning", "Underage Sex", source="user", attrs={"rejected": True}))
    assert reconcile(w)
    assert w.flags == []


def test_a_guess_that_agrees_with_the_author_under_an_old_name_is_dropped_silently() -> None:
    w = Work(tags=[Tag("warning", "Underage"), guess("warning", "Underage Sex", 0.8)])
    reconcile(w)
    assert [t.name for t in w.tags] == ["Underage"] and w.flags == []


def test_a_newer_rating_guess_replaces_the_same_taggers_older_flag() -> None:
    w = Work(tags=[Tag("rating", "General Audiences"), guess("rating", "Mature", 0.7)])
    reconcile(w)
    w.tags.append(guess("rating", "Explicit", 0.8))
    reconcile(w)
    assert [f["tag"] for f in w.flags] == ["Explicit"]


def _fake(name: str, assigns: str, tag: Tag) -> Any:
    @tagger(name, requires=("text",), assigns=(assigns,))
    def add(work: Work, config: dict[str, Any]) -> None:
        work.add_tag(copy.deepcopy(tag))

    return add


REGISTRY = {
    "warnings": _fake("warnings", "tags.warning", guess("warning", "Underage Sex", 0.79)),
    "rating": _fake("rating", "tags.rating", guess("rating", "Explicit", 0.9)),
    "learned": _fake("learned", "tags.learned", guess("warning", "Rape/Non-Con", 0.6, "learned")),
    "reconcile": reconcile_tagger,
}


def test_the_pipeline_runs_reconcile_after_every_tagger_that_guesses_ratings_and_warnings() -> None:
    pipe = TaggerPipeline(registry=REGISTRY)
    assert pipe.names[-1] == "reconcile"
    w = pipe(Work(tags=[Tag("warning", NAWA), Tag("rating", "Teen And Up Audiences")]))
    said = {(NAWA, "stated"), ("Teen And Up Audiences", "stated")}
    assert {(t.name, t.source) for t in w.tags} == said
    assert {f["tag"] for f in w.flags} == {"Underage Sex", "Explicit", "Rape/Non-Con"}
    again = pipe(copy.deepcopy(w))
    assert again.to_dict() == w.to_dict()


@pytest.mark.parametrize("off", ["warnings", "rating", "learned"])
def test_reconcile_still_runs_when_a_guessing_tagger_is_disabled(off: str) -> None:
    pipe = TaggerPipeline(registry=REGISTRY, disable=[off])
    assert pipe.names[-1] == "reconcile" and off not in pipe.names


def test_the_default_pipeline_has_reconcile_after_rating_warnings_and_learned() -> None:
    names = TaggerPipeline().names
    assert names.index("reconcile") > max(names.index(n) for n in ("rating", "warnings", "learned"))
