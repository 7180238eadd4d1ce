"""Pages a downloader or a browser saves in place of a work: each is skipped with a
one-line reason that says what it is, and what the page names of the work is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from pages import doc_of, page_bytes, verdict, work_of

from fandex.importer import ImportSession
from fandex.library import Library
from fandex.read import choose_reader


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("rate_limit_retry_later.html", "rate-limit page"),
        ("rate_limit_chrome_saved.html", "rate-limit page"),
        ("ao3_adult_gate_blurb.html", "AO3's adult-content warning"),
        ("ao3_chapter_index.html", "AO3's chapter index"),
        ("ao3_error_404.html", "AO3's error page (Error 404)"),
        ("ao3_login.html", "AO3's log-in page"),
        ("ao3_restricted_login.html", "AO3's log-in page"),
        ("ffn_missing.html", "error page"),
        ("cloudflare_1020.html", "Cloudflare's error page"),
        ("dw_suspended.html", "error page"),
        ("lj_deleted.html", "error page"),
        ("wayback_redirect.html", "error page"),
        ("ao3_series_page.html", "AO3's list of works"),
        ("ao3_bookmarks.html", "AO3's list of works"),
        ("ao3_comments.html", "AO3's comments on a work"),
        ("ao3_profile.html", "AO3's user profile"),
        ("ao3_tag_page.html", "AO3's page about a tag"),
        ("ao3_unrevealed.html", "not revealed yet"),
        ("chrome_offline.html", "error page"),
        ("gdocs_access.html", "asking for access"),
        ("tumblr_sensitive.html", "adult-content gate"),
        ("wp_404.html", "error page"),
        ("site_moved.html", "the site has moved"),
        ("parked_domain.html", "parking page"),
        ("efiction_reviews.html", "a page of reviews"),
    ],
)
def test_page_in_place_of_a_work_is_named(name: str, reason: str) -> None:
    said = verdict(name)
    assert said is not None and said.startswith("no story text, looks like ")
    assert reason in said and "\n" not in said


def test_rate_limit_answer_saved_as_text_or_epub_is_skipped() -> None:
    from fandex.clean import clean
    from fandex.parse import build_work
    from fandex.parse.nonstory import judge
    from fandex.read import read_bytes

    for name in ("Quiet Harbour.txt", "Quiet Harbour.epub"):
        doc = clean(read_bytes(b"Retry later\n", name))
        assert "rate-limit page" in (judge(build_work(doc), doc) or "")


def test_adult_gate_keeps_what_its_blurb_says_of_the_work() -> None:
    assert choose_reader(page_bytes("ao3_adult_gate_blurb.html"), "x.html").name == "ao3-page"
    work = work_of("ao3_adult_gate_blurb.html")
    assert work.title == "Salt and Cedar" and work.authors == ["Mira_Vell"]
    assert {(t.type, t.name) for t in work.tags} >= {
        ("fandom", "Invented Fandom"),
        ("rating", "Mature"),
        ("relationship", "Ada Corr/Bel Haskin"),
        ("character", "Ada Corr"),
        ("freeform", "Slow Burn"),
    }
    assert (work.summary or "").startswith("Two lighthouse keepers trade letters")
    assert not work.chapters


def test_chapter_index_names_the_work_and_holds_no_chapter() -> None:
    doc = doc_of("ao3_chapter_index.html")
    assert doc.metadata["title"] == "Salt and Cedar"
    assert doc.metadata["authors"] == ["Mira_Vell"]
    assert not any(b.text for b in doc.all_blocks())


def test_chapter_index_read_by_the_html_reader_too() -> None:
    from fandex.read.html import HtmlReader

    doc = HtmlReader().read(page_bytes("ao3_chapter_index.html"), "navigate.html")
    assert "chapter index" in str(doc.metadata.get("page_kind"))


def test_import_reports_these_pages_skipped_not_failed(library: Library, tmp_path: Path) -> None:
    names = ["ao3_adult_gate_blurb.html", "ao3_chapter_index.html", "rate_limit_retry_later.html"]
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(page_bytes(name))
    report = ImportSession(library).run([folder])
    assert sorted((Path(r.path).name, r.status) for r in report.results) == sorted(
        (n, "skipped") for n in names
    )
    assert library.count() == 0


def test_a_work_page_is_not_taken_for_a_page_around_works() -> None:
    from fandex.read.ao3_gates import listing
    from fandex.read.htmltext import parse_html

    assert listing(parse_html(page_bytes("ao3_yuletide_work.html"))) is None
    entire = Path(__file__).parent / "fixtures" / "ao3_page_entire_work.html"
    assert listing(parse_html(entire.read_bytes())) is None
