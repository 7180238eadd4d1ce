"""Which tags an export carries."""

from __future__ import annotations

from fandex.export.tags import exportable_tags, library_thresholds, tag_groups
from fandex.model import Tag, Work


def names(work: Work, **kw: object) -> list[str]:
    return [t.name for t in exportable_tags(work, **kw)]  # type: ignore[arg-type]


def test_stated_user_and_confident_inferred_tags_are_exported(work: Work) -> None:
    out = names(work)
    assert {"Ada Keeper", "Bea Pilot", "Lighthouses", "Learned Tag"} <= set(out)


def test_rejected_and_unconfident_tags_are_not(work: Work) -> None:
    out = names(work, min_confidence=0.5)
    assert "Rejected Trope" not in out and "Low Confidence Person" not in out


def test_threshold_can_be_set_per_type() -> None:
    work = Work(
        tags=[
            Tag("character", "C", source="inferred", confidence=0.6),
            Tag("freeform", "F", source="inferred", confidence=0.6),
        ]
    )
    assert names(work, min_confidence={"character": 0.5, "freeform": 0.8}) == ["C"]


def test_stated_tags_ignore_the_threshold() -> None:
    work = Work(tags=[Tag("fandom", "F", source="stated", confidence=0.1)])
    assert names(work, min_confidence=0.9) == ["F"]


def test_tags_come_out_in_ao3_type_order() -> None:
    work = Work(tags=[Tag("freeform", "X"), Tag("rating", "Mature"), Tag("fandom", "F")])
    assert [t.type for t in exportable_tags(work)] == ["rating", "fandom", "freeform"]


def test_groups_use_singular_and_plural_labels() -> None:
    groups = tag_groups([Tag("warning", "A"), Tag("category", "Gen"), Tag("category", "F/M")])
    assert [(g[1], [t.name for t in g[2]]) for g in groups] == [
        ("Archive Warning", ["A"]),
        ("Categories", ["Gen", "F/M"]),
    ]


def test_only_the_most_authoritative_rating_leaves() -> None:
    work = Work(
        tags=[
            Tag("rating", "Explicit", source="inferred", confidence=0.95),
            Tag("rating", "Mature", source="stated"),
            Tag("rating", "General Audiences", source="inferred", confidence=0.6),
        ]
    )
    assert names(work) == ["Mature"]
    work.add_tag(Tag("rating", "Teen And Up Audiences", source="user"))
    assert names(work) == ["Teen And Up Audiences"]


def test_between_inferred_ratings_the_most_confident_wins() -> None:
    work = Work(
        tags=[
            Tag("rating", "Mature", source="inferred", confidence=0.6),
            Tag("rating", "Explicit", source="inferred", confidence=0.8),
        ]
    )
    assert names(work) == ["Explicit"]


def test_by_default_each_type_uses_the_librarys_search_threshold() -> None:
    limits = library_thresholds()
    work = Work(
        tags=[
            Tag(
                "character", "Just Under", source="inferred", confidence=limits["character"] - 0.01
            ),
            Tag("character", "At Threshold", source="inferred", confidence=limits["character"]),
            Tag("warning", "Warned", source="inferred", confidence=limits["warning"]),
        ]
    )
    assert names(work) == ["Warned", "At Threshold"]
