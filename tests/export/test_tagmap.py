"""The tag-mapping sheet: original tags, types, counts, suggestions."""

from __future__ import annotations

import csv
import io

from fandex.export.tagmap import TagMapRow, tag_map, write_tag_map_csv
from fandex.model import Chapter, Evidence, Tag, Work


def legacy_work(rating: str, pairing: str, genre: str) -> Work:
    work = Work(
        title="Legacy",
        header={"Rating": rating, "Pairing": pairing, "Category": genre},
        chapters=[Chapter(1, text="x")],
    )
    work.add_tag(Tag("rating", "Explicit", evidence=[Evidence(field="Rating", quote=rating)]))
    first = pairing.split(",")[0].strip()
    work.add_tag(
        Tag(
            "relationship",
            "Ada Keeper/Bea Pilot",
            evidence=[Evidence(field="Pairing", quote=first)],
        )
    )
    work.add_tag(Tag("character", "Inferred Only", source="inferred", confidence=0.9))
    return work


def test_original_tags_are_counted_per_work_with_suggestions() -> None:
    rows = tag_map(
        [
            legacy_work("NC-17", "Ada/Bea", "Angst, Romance"),
            legacy_work("NC-17", "Ada/Bea, Cy/Di", "Angst"),
        ]
    )
    assert TagMapRow("NC-17", "rating", 2, "Explicit") in rows
    assert TagMapRow("Ada/Bea", "relationship", 2, "Ada Keeper/Bea Pilot") in rows
    # Values no tag came from are listed for a person to map.
    assert TagMapRow("Cy/Di", "relationship", 1, "") in rows
    assert TagMapRow("Angst", "freeform", 2, "") in rows
    assert TagMapRow("Romance", "freeform", 1, "") in rows


def test_inferred_tags_are_not_original_tags() -> None:
    rows = tag_map([legacy_work("R", "Ada/Bea", "Angst")])
    assert all(r.suggested != "Inferred Only" for r in rows)


def test_rejected_tags_are_left_out() -> None:
    work = Work(title="T")
    work.add_tag(Tag("fandom", "Wrong", source="user", attrs={"rejected": True}))
    assert tag_map([work]) == []


def test_rows_are_ordered_by_type_then_count() -> None:
    rows = tag_map([legacy_work("R", "A/B", "X"), legacy_work("R", "A/B", "Y")])
    types = [r.type for r in rows]
    assert types == sorted(types, key=["rating", "relationship", "freeform"].index)


def test_sheet_csv_has_the_four_columns() -> None:
    out = io.StringIO()
    write_tag_map_csv([TagMapRow("PG", "rating", 3, "General Audiences")], out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["original_tag", "type", "count", "suggested_ao3_tag"],
        ["PG", "rating", "3", "General Audiences"],
    ]


def test_formula_like_tags_cannot_run_in_a_spreadsheet() -> None:
    out = io.StringIO()
    write_tag_map_csv([TagMapRow("=HYPERLINK(1)", "freeform", 1, "@x")], out)
    row = list(csv.reader(io.StringIO(out.getvalue())))[1]
    assert row == ["'=HYPERLINK(1)", "freeform", "1", "'@x"]
