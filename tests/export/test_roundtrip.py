"""A work exported to EPUB and imported again keeps its title, authors, chapters,
notes and typed tags (read back by fandex's AO3 EPUB reader)."""

from __future__ import annotations

from fandex.clean import clean
from fandex.export.epub import build_epub
from fandex.export.html import build_html
from fandex.export.tags import exportable_tags
from fandex.model import Chapter, Tag, Work
from fandex.parse import build_work
from fandex.read import read_bytes


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


def test_typed_tags_survive_exactly_as_exported(work: Work) -> None:
    back = reimport(work)
    sent = {(t.type, t.name) for t in exportable_tags(work)}
    assert {(t.type, t.name) for t in back.tags} == sent
    assert ("freeform", "Rejected Trope") not in sent  # never exported, never returns
    assert all(t.source == "stated" for t in back.tags)


def test_language_and_series_survive(work: Work) -> None:
    back = reimport(work)
    assert (back.language, back.series) == ("en", "Harbour Stories")


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
