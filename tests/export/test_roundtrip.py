"""A work exported to EPUB and imported again keeps its title, authors, chapters,
notes and typed tags (read back by fandex's AO3 EPUB reader), each tag with the source
and confidence it left with: a guess comes back a guess, never a stated tag."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from fandex.clean import clean
from fandex.cli.main import cli
from fandex.export.epub import build_epub
from fandex.export.html import build_html
from fandex.export.tags import exportable_tags
from fandex.library import Library
from fandex.model import Chapter, Evidence, Tag, Work
from fandex.parse import build_work
from fandex.read import read_bytes

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def reimport(work: Work) -> Work:
    return build_work(clean(read_bytes(build_epub(work), "x.epub")))


def test_title_authors_and_summary_survive(work: Work) -> None:
    back = reimport(work)
    assert back.title == work.title
    assert back.authors == work.authors
    assert back.summary == work.summary


def test_work_notes_survive(work: Work) -> None:
    back = reimport(work)
    assert (back.notes_begin, back.notes_end) == (work.notes_begin, work.notes_end)


def test_chapters_survive_with_titles_text_and_notes(work: Work) -> None:
    back = reimport(work)
    assert [(c.title, c.text) for c in back.chapters] == [(c.title, c.text) for c in work.chapters]
    assert [(c.summary, c.notes_begin, c.notes_end) for c in back.chapters] == [
        (c.summary, c.notes_begin, c.notes_end) for c in work.chapters
    ]


def provenance(tags: list[Tag]) -> set[tuple[str, str, str, float]]:
    return {(t.type, t.name, t.source, t.confidence) for t in tags}


def test_typed_tags_survive_exactly_as_exported(work: Work) -> None:
    back = reimport(work)
    sent = {(t.type, t.name) for t in exportable_tags(work)}
    assert {(t.type, t.name) for t in back.tags} == sent
    assert ("freeform", "Rejected Trope") not in sent  # never exported, never returns


def test_tag_sources_and_confidences_survive_epub_and_html(work: Work) -> None:
    sent = provenance(exportable_tags(work))
    assert {s[2] for s in sent} == {"stated", "inferred", "learned", "user"}
    html = build_work(clean(read_bytes(build_html(work).encode("utf-8"), "x.html")))
    assert provenance(reimport(work).tags) == sent == provenance(html.tags)
    bea = reimport(work).find_tag("character", "Bea Pilot")
    assert bea is not None and bea.tagger == "names"


def test_a_guess_held_against_the_author_comes_back_as_a_flag_not_a_tag() -> None:
    work = Work(title="T", authors=["A"], chapters=[Chapter(1, text="Words on a page.")])
    work.add_tag(Tag("warning", "No Archive Warnings Apply"))
    work.flags.append(
        {
            "kind": "possible-missing-warning",
            "type": "warning",
            "tag": "Underage Sex",
            "confidence": 0.79,
            "source": "inferred",
            "evidence": [Evidence(chapter=1, start=0, end=5, quote="Words").to_dict()],
            "reconciled": {"merged": False},
        }
    )
    back = reimport(work)
    assert provenance(back.tags) == {("warning", "No Archive Warnings Apply", "stated", 1.0)}
    assert [(f["tag"], f["confidence"], f["source"]) for f in back.flags] == [
        ("Underage Sex", 0.79, "inferred")
    ]
    page = build_html(work)
    assert "Possible missing warning" in page and "the author: No Archive Warnings Apply" in page


AO3_PAGE = """<html><body><div id="preface"><p class="message">From the Archive of Our Own</p>
<div class="meta"><dl class="tags">
<dt class="rating">Rating:</dt><dd class="rating"><a class="tag">Mature</a></dd>
<dt class="warning">Archive Warning:</dt><dd class="warning"><a class="tag">Underage Sex</a></dd>
<dt class="freeform">Additional Tags:</dt><dd class="freeform"><a class="tag"
  data-fandex-source="inferred" data-fandex-confidence="0.1">Ships</a></dd>
</dl>{extra}<h1>Borrowed</h1><div class="byline">by <a rel="author">Other Tool</a></div></div>
</div><div id="chapters"><div class="userstuff"><p>The text of the story.</p></div></div>
</body></html>"""


def test_another_tools_ao3_style_title_page_is_read_as_stated() -> None:
    back = build_work(clean(read_bytes(AO3_PAGE.format(extra="").encode(), "x.html")))
    assert provenance(back.tags) == {
        ("rating", "Mature", "stated", 1.0),
        ("warning", "Underage Sex", "stated", 1.0),
        ("freeform", "Ships", "stated", 1.0),  # a mark only a fandex guess list carries
    }


def test_malformed_provenance_marks_are_ignored() -> None:
    bad = (
        '<div class="fandex-noticed"><dl class="fandex-tags"><dd>'
        '<span class="fandex-tag" data-fandex-type="warning" data-fandex-source="inferred" '
        'data-fandex-confidence="7">Too Sure</span>'
        '<span class="fandex-tag" data-fandex-type="nonsense" data-fandex-source="inferred" '
        'data-fandex-confidence="0.5">Bad Type</span>'
        '<span class="fandex-tag" data-fandex-type="warning" data-fandex-source="stated" '
        'data-fandex-confidence="0.5">Claims Stated</span>'
        "</dd></dl></div>"
    )
    back = build_work(clean(read_bytes(AO3_PAGE.format(extra=bad).encode(), "x.html")))
    assert {t.name for t in back.tags} == {"Mature", "Underage Sex", "Ships"}


def test_language_and_series_survive(work: Work) -> None:
    back = reimport(work)
    assert (back.language, [s.name for s in back.series]) == ("en", ["Harbour Stories"])


def test_a_single_untitled_chapter_round_trips() -> None:
    work = Work(
        title="Solo",
        authors=["Ann"],
        chapters=[Chapter(1, None, text='Only one part.\n\nTwo paragraphs, "quoted" & <angled>.')],
    )
    work.add_tag(Tag("fandom", "Harbour Town"))
    back = reimport(work)
    assert [(c.title, c.text) for c in back.chapters] == [(None, work.chapters[0].text)]
    assert [(t.type, t.name) for t in back.tags] == [("fandom", "Harbour Town")]


def test_non_ascii_text_and_names_round_trip() -> None:
    work = Work(
        title="Čaj — «tea»",
        authors=["Zoë Ölund"],
        chapters=[
            Chapter(1, "Première", text="Ça va — très bien… 日本語."),
            Chapter(2, "Zwei", text="Grüße."),
        ],
    )
    work.add_tag(Tag("character", "Zoë Ölund"))
    back = reimport(work)
    assert (back.title, back.authors) == (work.title, work.authors)
    assert [(c.title, c.text) for c in back.chapters] == [(c.title, c.text) for c in work.chapters]
    assert [(t.type, t.name) for t in back.tags] == [("character", "Zoë Ölund")]


def test_the_html_export_reads_back_the_same_way(work: Work) -> None:
    back = build_work(clean(read_bytes(build_html(work).encode("utf-8"), "x.html")))
    assert (back.title, back.authors) == (work.title, work.authors)
    assert (back.notes_begin, back.notes_end) == (work.notes_begin, work.notes_end)
    assert [(c.title, c.text) for c in back.chapters] == [(c.title, c.text) for c in work.chapters]
    assert {(t.type, t.name) for t in back.tags} == {
        (t.type, t.name) for t in exportable_tags(work)
    }


def test_a_library_export_imported_into_another_library_keeps_every_tags_source(
    tmp_path: Path,
) -> None:
    """The whole path, with every default tagger running on both imports."""
    runner = CliRunner()
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    example = EXAMPLES / "01-the-long-patrol.txt"
    assert runner.invoke(cli, ["--library", first, "import", str(example)]).exit_code == 0
    out = tmp_path / "out"
    done = runner.invoke(cli, ["--library", first, "export", "--all", "--output", str(out)])
    assert done.exit_code == 0, done.output
    (epub,) = out.glob("*.epub")
    assert runner.invoke(cli, ["--library", second, "import", str(epub)]).exit_code == 0
    (original,) = Library.open(first).iter_works()
    (back,) = Library.open(second).iter_works()
    sent = provenance(exportable_tags(original))
    assert {s[2] for s in sent} >= {"stated", "inferred"}
    assert sent <= provenance(back.tags)
    guessed = {(t.type, t.name) for t in original.tags if t.source != "stated"}
    assert not [t for t in back.tags if t.source == "stated" and (t.type, t.name) in guessed]
