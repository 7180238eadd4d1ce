"""The Tag Wrangling sheet goes out in Open Doors' columns and comes back as decisions."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fandex.export.tagsheet import SHEET_COLUMNS, tag_sheet, write_tag_sheet
from fandex.export.tagsheet_apply import SheetError, apply_sheet
from fandex.importer import ImportReport
from fandex.library import Library
from fandex.model import Work


def sheet_rows(lib: Library) -> list[dict[str, str]]:
    rows = tag_sheet(lib.iter_works())
    path = Path(lib.location).with_name("sheet.csv")
    with path.open("w", encoding="utf-8", newline="") as out:
        write_tag_sheet(rows, out)
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write_sheet(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=SHEET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def lamp(lib: Library) -> Work:
    return next(w for w in lib.iter_works(with_text=False) if w.title == "The Lamp Room")


def test_sheet_has_open_doors_columns_and_recommendations(
    efiction_lib: tuple[Library, ImportReport],
) -> None:
    rows = sheet_rows(efiction_lib[0])
    assert list(rows[0]) == list(SHEET_COLUMNS)
    death = next(r for r in rows if r["Original Tag Name"] == "Character Death")
    assert (death["Original Tag ID"], death["Original Tag Type"], death["Original Parent Tag"]) == (
        "4", "class", "Warnings"
    )  # fmt: skip
    assert (death["Recommended AO3 Tag"], death["Recommended AO3 Type"]) == (
        "Major Character Death", "warnings"
    )  # fmt: skip
    mara = next(r for r in rows if r["Original Tag Name"] == "Mara Quill")
    assert mara["Related Fandom"] and mara["Used in Archive?"] == "Yes (3 works)"
    rating = next(r for r in rows if r["Original Tag Name"] == "R")
    assert rating["Original Tag Description"] == "Violence or strong language."


def test_filled_sheet_changes_every_work_with_that_tag(
    efiction_lib: tuple[Library, ImportReport], tmp_path: Path
) -> None:
    lib = efiction_lib[0]
    rows = sheet_rows(lib)
    for r in rows:
        if r["Original Tag Name"] == "Mara Quill":
            r["Recommended AO3 Tag"] = "Mara Quill (Harbour Town), Ila Marsh (Harbour Town)"
            r["Recommended AO3 Type"] = "characters"
        elif r["Original Tag Name"] == "Harbour Town" and r["Original Tag Type"] == "category":
            r["Recommended AO3 Tag"] = "Harbour Town (Original Work)"
        else:
            r["Recommended AO3 Tag"] = ""  # not wrangled yet: left alone
    result = apply_sheet(lib, write_sheet(tmp_path / "filled.csv", rows))
    assert result.works == 4 and not result.unmatched
    works = list(lib.iter_works())
    with_mara = [w for w in works if w.find_tag("character", "Mara Quill (Harbour Town)")]
    assert len(with_mara) == 3
    tag = with_mara[0].find_tag("character", "Mara Quill (Harbour Town)")
    assert tag is not None and tag.source == "user" and tag.attrs["original"]["id"] == "1"
    old = with_mara[0].find_tag("character", "Mara Quill")
    assert old is not None and old.attrs.get("rejected")
    assert lamp(lib).find_tag("character", "Old Benn").source == "stated"  # type: ignore[union-attr]
    # The sheet exported again shows the decision, not the old reading.
    again = next(r for r in sheet_rows(lib) if r["Original Tag Name"] == "Mara Quill")
    assert again["Recommended AO3 Tag"] == "Mara Quill (Harbour Town), Ila Marsh (Harbour Town)"


def test_malformed_row_is_reported_by_line_and_nothing_changes(
    efiction_lib: tuple[Library, ImportReport], tmp_path: Path
) -> None:
    lib = efiction_lib[0]
    rows = sheet_rows(lib)
    rows[0]["Recommended AO3 Tag"] = "Something"
    rows[0]["Recommended AO3 Type"] = "fandoms"
    rows[3]["Recommended AO3 Tag"] = "Not A Rating"
    rows[3]["Recommended AO3 Type"] = "rating"
    before = [t.to_dict() for w in lib.iter_works() for t in w.tags]
    with pytest.raises(SheetError, match="line 5: 'Not A Rating' is not an AO3 rating"):
        apply_sheet(lib, write_sheet(tmp_path / "bad.csv", rows))
    assert [t.to_dict() for w in lib.iter_works() for t in w.tags] == before


def test_open_doors_step_04_column_names_are_read_too(
    efiction_lib: tuple[Library, ImportReport], tmp_path: Path
) -> None:
    path = tmp_path / "step04.csv"
    path.write_text(
        "Original Tag ID,Original Tag,Original Tag Type,Recommended AO3 Tag,Recommended AO3 Type,"
        "Recommended AO3 Category (for relationships),Related Fandom\n"
        "2,Old Benn,character,Benn Ashdown,characters,,Harbour Town\n",
        encoding="utf-8",
    )
    result = apply_sheet(efiction_lib[0], path)
    assert result.works == 2 and result.tags_set == 2
