"""One work as one file (what the web work page sends)."""

from __future__ import annotations

import json

import pytest

from fandex.errors import FandexError
from fandex.export.single import export_file
from fandex.model import Chapter, Tag, Work


def test_epub_file_has_a_safe_name_and_media_type(work: Work) -> None:
    f = export_file(work, "epub")
    assert f.name == "Quill Marsh, Second Pen - The Lighthouse Ledger.epub"
    assert f.media_type == "application/epub+zip" and f.data[:2] == b"PK"


def test_template_folders_flatten_into_one_file_name(work: Work) -> None:
    f = export_file(work, "html", template="{fandom}/{title}")
    assert f.name == "Harbour Town - The Lighthouse Ledger.html"


def test_ao3_file_carries_the_record_and_its_breaches() -> None:
    work = Work(title="../x", summary="s" * 1300, chapters=[Chapter(1, text="x")])
    work.add_tag(Tag("fandom", "F"))
    f = export_file(work, "ao3")
    payload = json.loads(f.data)
    assert payload["record"]["fandoms"] == ["F"]
    assert [b["limit"] for b in payload["breaches"]] == ["author_email", "summary"]
    assert "/" not in f.name and f.name.endswith(".json")


def test_unknown_format_is_an_error(work: Work) -> None:
    with pytest.raises(FandexError):
        export_file(work, "pdf")
