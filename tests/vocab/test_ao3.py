"""AO3's vocabulary constants and the legacy mapping files."""

from __future__ import annotations

from fandex.vocab.ao3 import (
    ARCHIVE_WARNINGS,
    CATEGORIES,
    RATINGS,
    canonical_category,
    canonical_rating,
    canonical_warning,
    load_toml,
)


def test_ao3_names_exactly() -> None:
    assert RATINGS == (
        "Not Rated",
        "General Audiences",
        "Teen And Up Audiences",
        "Mature",
        "Explicit",
    )
    assert set(ARCHIVE_WARNINGS) == {
        "Choose Not To Use Archive Warnings",
        "No Archive Warnings Apply",
        "Graphic Depictions Of Violence",
        "Major Character Death",
        "Rape/Non-Con",
        "Underage Sex",
    }
    assert CATEGORIES == ("Gen", "F/M", "M/M", "F/F", "Multi", "Other")


def test_underage_is_read_under_both_names() -> None:
    assert canonical_warning("Underage") == "Underage Sex"
    assert canonical_warning("underage sex") == "Underage Sex"
    assert canonical_warning("Underaged") is None


def test_canonical_lookups_are_case_insensitive() -> None:
    assert canonical_rating("teen and up audiences") == "Teen And Up Audiences"
    assert canonical_category("m/m") == "M/M"
    assert canonical_rating("spicy") is None


def test_rating_file_keeps_ao3_order_and_names() -> None:
    tiers = load_toml("ratings.toml")["tier"]
    assert [t["rating"] for t in tiers] == [
        "Explicit",
        "Mature",
        "Teen And Up Audiences",
        "General Audiences",
        "Not Rated",
    ]
    ao3 = {t["rating"]: set(t["ao3"]) for t in tiers}
    assert {"nc-17", "nc-18", "x", "ma", "explicit"} <= ao3["Explicit"]
    assert {"r", "m", "mature"} <= ao3["Mature"]
    assert {"pg-13", "pg-15", "t", "teen"} <= ao3["Teen And Up Audiences"]
    assert {"pg", "g", "k", "k+"} <= ao3["General Audiences"]


def test_extensions_never_reuse_an_ao3_form_in_another_tier() -> None:
    tiers = load_toml("ratings.toml")["tier"]
    ao3_forms = {form: t["rating"] for t in tiers for form in t["ao3"]}
    for t in tiers:
        for form in t["extended"]:
            assert ao3_forms.get(form, t["rating"]) == t["rating"], form


def test_warning_file_names_only_archive_warnings() -> None:
    for rule in load_toml("warnings.toml")["warning"]:
        assert rule["name"] in ARCHIVE_WARNINGS
        assert rule["phrases"]
