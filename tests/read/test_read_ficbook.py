"""Ficbook (ficbook.net) pages: the story's facts from its header badges and labelled
description, read through the header vocabulary's Russian labels; the chapter's text and
its notes; a story's page listing its chapters is an index, not a story."""

from __future__ import annotations

from pages import first_words, last_words, page_bytes, tags, verdict, work_of

from fandex.clean import clean
from fandex.parse import build_work
from fandex.parse.nonstory import judge
from fandex.read import read_bytes

PAGE = "ficbook_chapter.html"


def test_title_author_and_chapter() -> None:
    w = work_of(PAGE)
    assert (w.title, w.authors) == ("Маяк", ["solonchak"])  # "+12" marks and the beta left out
    assert [c.title for c in w.chapters] == ["Ночь"]
    assert first_words(w, 3) == "смотритель поднялся по"
    assert last_words(w, 3) == "одна за другой"
    assert w.language == "ru"


def test_badges_and_labelled_facts_are_stated_tags() -> None:
    w = work_of(PAGE)
    assert tags(w, "fandom") == ["Улица Фонарей"]
    assert tags(w, "rating") == ["Mature"]
    assert tags(w, "category") == ["M/M"]
    assert tags(w, "relationship") == ["Ила/Корран"]  # AO3 order: names sorted
    assert "Смотритель" in tags(w, "character")
    assert {"Повседневность", "Дружба"} <= set(tags(w, "freeform"))
    assert w.status == "wip"


def test_summary_dedication_and_notes() -> None:
    w = work_of(PAGE)
    assert w.summary == "Смотритель маяка и его последняя ночь."
    assert w.dedication == "Для читателей конкурса."
    assert w.notes_begin and "Написано на конкурс." in w.notes_begin
    assert w.chapters[0].notes_begin == "Вторая часть."
    assert w.chapters[0].notes_end == "Спасибо за чтение."
    assert "Спасибо" not in w.text and "Вторая часть" not in w.text


def test_a_story_page_listing_its_chapters_is_an_index() -> None:
    page = page_bytes(PAGE).decode()
    start = page.index('<div id="content"')
    end = page.index("</div>", start) + len("</div>")
    listing = (
        '<ul class="list-of-fanfic-parts"><li class="part">'
        '<a href="/readfic/1234567/1#part_content">Вечер</a></li><li class="part">'
        '<a href="/readfic/1234567/2#part_content">Ночь</a></li></ul>'
    )
    data = (page[:start] + listing + page[end:]).encode()
    doc = clean(read_bytes(data, "index.html"))
    assert judge(build_work(doc), doc) == "no story text, looks like a story index page"
    assert verdict(PAGE) is None


def test_page_kept_without_the_sites_address_is_still_ficbooks() -> None:
    # A scraper's capture: no canonical link, no author link, only the site's boxes.
    doc = read_bytes(page_bytes("ficbook_plain_lines.html"), "part.html")
    assert doc.metadata["producer"] == "ficbook"
    w = work_of("ficbook_plain_lines.html")
    assert w.title == "Маяк"
    assert [c.title for c in w.chapters] == ["2. Рассвет"]
    assert first_words(w, 3) == "утро пришло тихо"  # the part's date is not text
    assert w.chapters[0].notes_end == "Спасибо, что читаете."


def test_plain_lines_of_a_part_are_its_paragraphs() -> None:
    doc = read_bytes(page_bytes("ficbook_plain_lines.html"), "part.html")
    lines = [b.text.strip() for b in doc.chapters[0].blocks]
    assert lines == [
        "Утро пришло тихо, без ветра и без чаек.",
        "Смотритель погасил лампу и спустился к воде.",
        "— Ещё одна ночь, — сказал он морю.",
    ]
    assert any(s.kind == "em" for b in doc.chapters[0].blocks for s in b.spans)
