"""AO3 import records: the API's fields, its limits, JSON."""

from __future__ import annotations

import io
import json

from fandex.export.ao3records import (
    Limits,
    ao3_record,
    api_item,
    check_limits,
    write_json_records,
)
from fandex.model import Chapter, Tag, Work


def fitting_work(**kw: object) -> Work:
    work = Work(title="Fits", authors=["Ann"], chapters=[Chapter(1, "One", text="Short.")], **kw)  # type: ignore[arg-type]
    work.add_tag(Tag("fandom", "Harbour Town"))
    # The archive the work came from knew the author's address (AO3 needs one).
    work.header["fandex:archive"] = json.dumps(
        {"authors": [{"name": "Ann", "email": "ann@example.org"}]}
    )
    return work


def test_a_work_whose_author_has_no_address_is_reported() -> None:
    work = fitting_work()
    del work.header["fandex:archive"]
    assert [b.limit for b in check_limits(ao3_record(work))] == ["author_email"]


def test_record_has_the_mass_import_fields(work: Work) -> None:
    rec = ao3_record(work, chapter_urls=["https://x.org/1.html"])
    assert rec["title"] == "The Lighthouse Ledger"
    assert rec["external_author_name"] == "Quill Marsh"
    assert rec["external_coauthor_name"] == "Second Pen"
    assert rec["chapter_urls"] == ["https://x.org/1.html"]
    assert rec["fandoms"] == ["Harbour Town"]
    assert rec["warnings"] == ["No Archive Warnings Apply"]
    assert rec["rating"] == "Teen And Up Audiences"
    assert rec["categories"] == ["F/F"]
    assert rec["relationships"] == ["Ada Keeper/Bea Pilot"]
    assert rec["characters"] == ["Ada Keeper", "Bea Pilot"]
    assert rec["additional_tags"] == ["Lighthouses", "Learned Tag"]
    assert rec["language_code"] == "en"
    assert rec["summary"].startswith("A keeper counts ships.")
    assert rec["notes"] == "Written for a prompt about lighthouses."
    assert [c["title"] for c in rec["chapters"]] == ["Arrival", "Ledger", "Departure"]
    assert rec["chapters"][1]["text"].startswith("<p>The ledger had ninety pages [2].</p>")


def test_language_names_become_codes() -> None:
    assert ao3_record(fitting_work(language="Deutsch"))["language_code"] == "de"


def test_unrated_work_is_not_rated() -> None:
    assert ao3_record(fitting_work())["rating"] == "Not Rated"


def test_a_fitting_work_breaks_no_limit() -> None:
    assert check_limits(ao3_record(fitting_work())) == []


def test_more_than_75_user_tags_is_reported() -> None:
    work = fitting_work()
    for i in range(75):
        work.add_tag(Tag("freeform", f"Tag {i}"))
    breaches = check_limits(ao3_record(work))
    assert [b.limit for b in breaches] == ["user_tags"]
    assert "76 tags" in breaches[0].detail


def test_75_user_tags_fit() -> None:
    work = fitting_work()
    for i in range(74):
        work.add_tag(Tag("character", f"Person {i}"))
    assert check_limits(ao3_record(work)) == []


def test_long_summary_is_reported() -> None:
    assert check_limits(ao3_record(fitting_work(summary="x" * 1249))) == []
    breaches = check_limits(ao3_record(fitting_work(summary="x" * 1250)))
    assert [b.limit for b in breaches] == ["summary"]


def test_long_chapter_and_too_many_chapters_are_reported() -> None:
    limits = Limits(chapter_chars=100, chapters=3)
    work = fitting_work()
    work.chapters = [Chapter(i, text="word " * (40 if i == 2 else 1)) for i in range(1, 4)]
    kinds = [b.limit for b in check_limits(ao3_record(work), limits)]
    assert kinds == ["chapters", "chapter_length"]


def test_real_limits_catch_a_200_chapter_work() -> None:
    work = fitting_work()
    work.chapters = [Chapter(i, text="x") for i in range(1, 201)]
    assert [b.limit for b in check_limits(ao3_record(work))] == ["chapters"]


def test_missing_fandom_and_commas_in_tags_are_reported() -> None:
    work = fitting_work()
    work.tags = [Tag("freeform", "Angst, Fluff")]
    assert [b.limit for b in check_limits(ao3_record(work))] == ["fandom", "tag_comma"]


def test_breach_line_names_the_work_and_the_reason() -> None:
    breach = check_limits(ao3_record(fitting_work(summary="y" * 2000, id="abc")))[0]
    assert breach.line().startswith("abc  Fits: summary is 2,000 characters")


def test_json_records_are_one_array() -> None:
    out = io.StringIO()
    n = write_json_records([ao3_record(fitting_work()), ao3_record(fitting_work())], out)
    assert n == 2 and len(json.loads(out.getvalue())) == 2
    empty = io.StringIO()
    write_json_records([], empty)
    assert json.loads(empty.getvalue()) == []


def test_api_item_joins_tags_and_sends_no_text(work: Work) -> None:
    item = api_item(ao3_record(work, chapter_urls=["https://x.org/1.html"]))
    assert item["characters"] == "Ada Keeper, Bea Pilot"
    assert "chapters" not in item and "work_id" not in item
    assert item["chapter_urls"] == ["https://x.org/1.html"]


def test_tag_over_150_characters_is_reported() -> None:
    work = fitting_work()
    work.add_tag(Tag("freeform", "x" * 151))
    assert [b.limit for b in check_limits(ao3_record(work))] == ["tag_length"]
