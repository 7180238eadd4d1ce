"""The review queue: order, decisions stored as user tags, bulk accept."""

from __future__ import annotations

import pytest

from fandex import review
from fandex.library import Library
from fandex.model import Evidence, Tag
from fandex.test.helper import make_work, memory_library


def _guess(type_: str, name: str, conf: float, tagger: str = "topics") -> Tag:
    ev = [Evidence(chapter=1, start=0, end=3, quote="The")]
    return Tag(type_, name, source="inferred", confidence=conf, tagger=tagger, evidence=ev)


@pytest.fixture
def lib() -> Library:
    library = memory_library()
    a = make_work("Alpha", tags=[("fandom", "Harbour Tales"), _guess("freeform", "Tea", 0.9)])
    a.add_tag(_guess("character", "Mara", 0.3, tagger="characters"))
    a.flags.append(
        {"kind": "possible-missing-warning", "warning": "Major Character Death",
         "confidence": 0.7, "tagger": "warnings", "message": "a death on the page"}
    )  # fmt: skip
    b = make_work("Beta", tags=[_guess("freeform", "Rain", 0.6), _guess("freeform", "Tea", 0.95)])
    library.save(a)
    library.save(b)
    return library


def _names(items: list[review.ReviewItem]) -> list[tuple[str, str]]:
    return [(i.kind, i.tag.name) for i in items]


def test_queue_puts_missing_warnings_first_then_least_sure(lib: Library) -> None:
    assert _names(review.queue(lib)) == [
        ("missing-warning", "Major Character Death"),
        ("tag", "Mara"),
        ("tag", "Rain"),
        ("tag", "Tea"),
        ("tag", "Tea"),
    ]


def test_stated_tags_are_not_queued(lib: Library) -> None:
    assert "Harbour Tales" not in [n for _, n in _names(review.queue(lib))]


def test_accept_stores_a_user_tag_that_survives_a_re_import(lib: Library) -> None:
    alpha = make_work("Alpha").id
    tag = review.decide(lib, alpha, "freeform", "Tea", "accept")
    assert tag.source == "user" and tag.evidence  # the reason is kept with the decision
    fresh = make_work("Alpha", tags=[_guess("freeform", "Tea", 0.2)])
    lib.save(fresh)  # a re-import proposes the guess again
    stored = lib.get(alpha).find_tag("freeform", "Tea")
    assert stored is not None and stored.source == "user"


def test_reject_is_a_user_tag_marked_rejected_and_leaves_the_queue(lib: Library) -> None:
    alpha = make_work("Alpha").id
    review.decide(lib, alpha, "character", "Mara", "reject")
    stored = lib.get(alpha).find_tag("character", "Mara")
    assert stored is not None and stored.source == "user" and stored.attrs == {"rejected": True}
    assert ("tag", "Mara") not in _names(review.queue(lib))


def test_edit_rejects_the_old_name_and_accepts_the_new(lib: Library) -> None:
    alpha = make_work("Alpha").id
    review.decide(lib, alpha, "character", "Mara", "edit", new_name="Mara Quill")
    work = lib.get(alpha)
    old, new = work.find_tag("character", "Mara"), work.find_tag("character", "Mara Quill")
    assert old is not None and old.attrs.get("rejected")
    assert new is not None and new.source == "user" and not new.attrs


def test_accepting_a_missing_warning_adds_it_and_clears_the_flag(lib: Library) -> None:
    alpha = make_work("Alpha").id
    review.decide(lib, alpha, "warning", "Major Character Death", "accept")
    work = lib.get(alpha)
    tag = work.find_tag("warning", "Major Character Death")
    assert tag is not None and tag.source == "user"
    assert work.flags == []
    assert review.queue(lib)[0].kind == "tag"


def test_bulk_accept_takes_one_tagger_above_a_threshold(lib: Library) -> None:
    assert review.bulk_accept(lib, tagger="topics", min_confidence=0.9) == 2
    left = _names(review.queue(lib))
    assert ("tag", "Tea") not in left and ("tag", "Rain") in left and ("tag", "Mara") in left
    assert ("missing-warning", "Major Character Death") in left


def test_per_tagger_counts_for_the_bulk_controls(lib: Library) -> None:
    assert review.taggers(lib) == [("topics", 3), ("characters", 1)]
    assert review.taggers(lib, type_="character") == [("characters", 1)]


def test_queue_pages_in_order_and_counts_match(lib: Library) -> None:
    full = _names(review.queue(lib))
    assert review.pending(lib) == len(full)
    assert _names(review.queue(lib, limit=2, offset=0)) == full[:2]
    assert _names(review.queue(lib, limit=2, offset=1)) == full[1:3]
    assert _names(review.queue(lib, limit=10, offset=3)) == full[3:]
    assert _names(review.queue(lib, tagger="characters")) == [
        ("missing-warning", "Major Character Death"),
        ("tag", "Mara"),
    ]


@pytest.mark.parametrize(
    ("decision", "type_", "name"),
    [("maybe", "freeform", "Tea"), ("accept", "colour", "Tea"), ("accept", "freeform", " ")],
)
def test_bad_decisions_are_one_line_errors(
    lib: Library, decision: str, type_: str, name: str
) -> None:
    with pytest.raises(review.ReviewError):
        review.decide(lib, make_work("Alpha").id, type_, name, decision)


def test_edit_without_a_new_name_is_refused(lib: Library) -> None:
    with pytest.raises(review.ReviewError):
        review.decide(lib, make_work("Alpha").id, "freeform", "Tea", "edit")
    stored = lib.get(make_work("Alpha").id).find_tag("freeform", "Tea")
    assert stored is not None and stored.source == "inferred"  # nothing half-written
