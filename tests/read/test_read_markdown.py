"""Markdown: front matter is the card, footnotes are footnotes, link definitions vanish."""

from __future__ import annotations

import pytest

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes

MD = """---
title: Gull Count
author: Wren Calloway
fandom: Lighthouse Keepers (TV)
rating: PG-13
characters:
  - Mara Vance
  - Tom Reed
language: English
---

The lighthouse keeper counted the gulls every morning
before the kettle boiled, _without fail_.[^tally]

She wrote the numbers in the [log][lg] and went down to the boats.

[^tally]:
    Forty-one on the best day, three on the worst.

[lg]: <../Appendix/Log Book>
"""


def _work(text: str, name: str = "gulls.md") -> Work:
    return build_work(clean(read_bytes(text.encode(), name)))


def test_markdown_front_matter_is_the_card() -> None:
    w = _work(MD)
    assert (w.title, w.authors, w.language) == ("Gull Count", ["Wren Calloway"], "en")
    stated = {(t.type, t.name) for t in w.tags if t.source == "stated"}
    assert ("fandom", "Lighthouse Keepers (TV)") in stated
    assert ("rating", "Teen And Up Audiences") in stated
    assert {("character", "Mara Vance"), ("character", "Tom Reed")} <= stated


def test_markdown_text_is_rejoined_and_ends_before_definitions() -> None:
    w = _work(MD)
    text = w.chapters[0].text
    assert text.startswith("The lighthouse keeper counted the gulls every morning before")
    assert text.endswith("went down to the boats.")
    assert "Appendix" not in text and "Forty-one" not in text


def test_markdown_footnote_definitions_become_footnotes() -> None:
    w = _work(MD)
    assert [(f.mark, f.text) for f in w.footnotes] == [
        ("1", "Forty-one on the best day, three on the worst.")
    ]
    assert "[1]" in w.chapters[0].text


def test_markdown_card_naming_a_chapter_titles_the_chapter() -> None:
    md = "---\ntitle: Chapter 2\nauthor: Kay\ncollection: Gulls\n---\n\nShe rowed out.\n"
    w = _work(md)
    assert w.title == "Gulls"
    assert w.authors == ["Kay"]
    assert w.chapters[0].title == "Chapter 2"
    assert w.chapters[0].text == "She rowed out."


def test_markdown_without_front_matter_reads_as_text() -> None:
    w = _work("# Gulls\n\nShe counted *every* gull.\n")
    assert w.chapters[0].text == "She counted every gull."


def test_markdown_card_keys_written_with_underscores_and_a_chapter_title_key() -> None:
    md = (
        "---\ntitle: Gulls\nauthor: Kay\ncontent_rating: Mature\nchapter_title: The Ferry\n---\n\n"
        "She rowed out past the breakwater before dawn.\n"
    )
    w = _work(md)
    assert w.title == "Gulls"
    assert [t.name for t in w.tags if t.type == "rating"] == ["Mature"]
    assert [c.title for c in w.chapters] == ["The Ferry"]
    assert w.header["content rating"] == "Mature" and "content_rating" not in w.header
    assert "The Ferry" not in w.text


def test_markdown_keeps_the_text_inside_a_converters_html_wrappers() -> None:
    md = (
        "---\ntitle: Gulls\n---\n\nShe rowed out *past* the breakwater.\n\n"
        '<div class="userstuff"><span>The gulls followed her boat.</span></div>\n\n'
        "<script>document.write('Subscribe now')</script>\n"
    )
    w = _work(md)
    text = w.chapters[0].text
    assert text == "She rowed out past the breakwater.\n\nThe gulls followed her boat."


BLOG_BODY = "\nThe tide came in twice that day.\n\nMara counted the boats from the wall.\n"


def test_a_blogs_categories_are_its_own_filing_not_fandoms() -> None:
    # Jekyll's card: "categories" files the post under the blog's own headings.
    w = _work(
        "---\nlayout: post\ntitle: Tide Count\ncategories: [fic, drabbles]\n---\n" + BLOG_BODY
    )
    assert not [t for t in w.tags if t.type == "fandom"]
    freeform = {t.name for t in w.tags if t.type == "freeform"}
    assert {"Fic", "Drabbles"} <= freeform


def test_a_blog_category_or_tag_naming_a_known_fandom_is_the_fandom() -> None:
    card = "---\ntitle: Tide Count\ncategories:\n  - writing\ntags: [Sherlock, angst]\n---\n"
    w = _work(card + BLOG_BODY)
    fandoms = [t.name for t in w.tags if t.type == "fandom"]
    assert len(fandoms) == 1 and fandoms[0].startswith("Sherlock")
    assert {"Writing", "Angst"} <= {t.name for t in w.tags if t.type == "freeform"}


def test_a_cards_labelled_fandom_wins_over_its_categories() -> None:
    # Hugo's TOML card: a fandom key is the fandom; categories and tags stay tags.
    card = '+++\ntitle = "Tide Count"\nfandom = "Lighthouse Keepers (TV)"\n'
    card += 'categories = ["Sherlock", "Slash"]\n+++\n'
    w = _work(card + BLOG_BODY)
    assert [t.name for t in w.tags if t.type == "fandom"] == ["Lighthouse Keepers (TV)"]
    assert ("category", "M/M") in {(t.type, t.name) for t in w.tags}
    assert "Sherlock" in {t.name for t in w.tags if t.type == "freeform"}


def test_a_jekyll_string_of_categories_is_space_separated() -> None:
    # Jekyll's documented form: plural keys as a YAML list or a space-separated string.
    card = "---\nlayout: post\ntitle: Tide Count\n"
    card += "categories: fic drabbles\ntags: rivers Sherlock\n---\n"
    w = _work(card + BLOG_BODY)
    assert {"Fic", "Drabbles", "Rivers"} <= {t.name for t in w.tags if t.type == "freeform"}
    fandoms = [t.name for t in w.tags if t.type == "fandom"]
    assert len(fandoms) == 1 and fandoms[0].startswith("Sherlock")


def test_a_string_naming_one_fandom_or_a_hugo_string_stays_whole() -> None:
    whole = _work(
        "---\nlayout: post\ntitle: Tide Count\ncategories: Harry Potter\n---\n" + BLOG_BODY
    )
    assert [t.name for t in whole.tags if t.type == "fandom"] != []
    assert "Potter" not in {t.name for t in whole.tags}
    hugo = _work("---\ntitle: Tide Count\ntags: slow burn\n---\n" + BLOG_BODY)
    assert "Slow Burn" in {t.name for t in hugo.tags if t.type == "freeform"}


INDEX_PAGE = """---
title: Gull Count
author: Wren Calloway
---
![Gull Count](/images/gulls.jpg)
A keeper counts gulls through one long winter and finds the count is never the same.

---

<chapter-list directory="/fics/gull-count/"></chapter-list>
"""


def test_a_blurb_over_an_empty_chapter_listing_component_is_an_index_page() -> None:
    doc = read_bytes(INDEX_PAGE.encode(), "index.md")
    assert doc.metadata.get("page_kind") == "a story index page"
    # The same component under a chapter's worth of prose is a chapter with a widget.
    long = INDEX_PAGE.replace("A keeper", "The keeper counted the gulls again. " * 40 + "A keeper")
    assert "page_kind" not in read_bytes(long.encode(), "index.md").metadata


def test_an_empty_custom_element_that_lists_nothing_leaves_the_page_a_story() -> None:
    text = INDEX_PAGE.replace("chapter-list", "share-buttons")
    assert "page_kind" not in read_bytes(text.encode(), "index.md").metadata


CHAPTER_FILE = """---
author:
  - Wren Calloway
title: Chapter 1
---

## Gull Count

### Chapter 1

By: Wren Calloway\\
Edited by Tom Reed

- - -

The keeper counted the gulls every morning before the kettle boiled.
"""


def test_a_chapter_file_opening_with_the_works_title_over_the_chapters_heading() -> None:
    w = _work(CHAPTER_FILE, "Chapter01.md")
    assert (w.title, [c.title for c in w.chapters]) == ("Gull Count", ["Chapter 1"])
    assert w.chapters[0].text.startswith("The keeper counted")


PAGE_SOURCE = """---
title: "Gull Count"
fandom: [Lighthouse Keepers]
summary: "Mara counts the gulls.
<br/><br/>
Tom does not."
start_note: "Written for a friend.<hr>Title from a sea shanty."
end_note: "Thanks for reading."
content_rating: Gen
---

<p>The keeper counted the gulls every morning before the kettle boiled.</p>
<p>She wrote the numbers in the log.</p>
<hr />
<p>Tom went down to the boats.</p>
"""


def test_a_static_sites_html_source_with_front_matter_reads_its_card() -> None:
    from fandex.read import choose_reader

    assert choose_reader(PAGE_SOURCE.encode(), "gull-count.html").name == "markdown"
    w = _work(PAGE_SOURCE, "gull-count.html")
    assert w.title == "Gull Count"
    assert w.chapters[0].text.startswith("The keeper counted the gulls")
    assert "title:" not in w.chapters[0].text


def test_card_notes_and_an_html_summary_are_read_as_text() -> None:
    w = _work(PAGE_SOURCE, "gull-count.md")
    assert w.summary == "Mara counts the gulls.\n\nTom does not."
    assert w.notes_begin == "Written for a friend.\n\nTitle from a sea shanty."
    assert w.notes_end == "Thanks for reading."


def test_an_html_page_without_front_matter_is_not_taken_for_markdown() -> None:
    from fandex.read import choose_reader

    page = PAGE_SOURCE.split("---\n", 2)[2]
    assert choose_reader(page.encode(), "gull-count.html").name != "markdown"


def test_a_card_titled_with_a_named_chapter_titles_the_chapter() -> None:
    text = "---\ntitle: 'Chapter 2: The Ferry'\nauthor: Wren\ncollection: Gull Count\n---\n\n"
    w = _work(text + "The ferry left at noon.\n", "Chapter02.md")
    assert (w.title, [c.title for c in w.chapters]) == ("Gull Count", ["Chapter 2: The Ferry"])
    # A title that only starts with the word is the work's own.
    w = _work(text.replace("Chapter 2: The Ferry", "Chapters of the Sea") + "Gulls.\n", "a.md")
    assert w.title == "Chapters of the Sea"


def test_a_card_titled_prologue_titles_the_chapter_not_the_work() -> None:
    text = (
        "---\ntitle: Prologue\nauthor: Wren\ncollection: Gull Count\n---\n\nFog lay on the bay.\n"
    )
    w = _work(text, "00.md")
    assert (w.title, [c.title for c in w.chapters]) == ("Gull Count", ["Prologue"])
    w = _work(text.replace("collection: Gull Count\n", ""), "00.md")
    assert w.title != "Prologue" and w.chapters[0].title == "Prologue"
    # A title that only opens with the word is the work's own.
    w = _work(text.replace("title: Prologue", "title: Prologues and Endings"), "00.md")
    assert w.title == "Prologues and Endings"


def test_pandoc_markdown_from_a_document_reads_as_a_person_sees_it() -> None:
    md = (
        "The Ferryman's Daughter\n\n"
        '![](media/image1.png){width="2.2in" height="2.7in"}\n\n'
        "Wren Calloway\n\n"
        "# Prologue {#prologue .unnumbered}\n\n"
        "## The Ford\n\n"
        "Ila waded across at [dawn]{.underline}. []{#_Toc12 .anchor}\n\n"
        "::: {.aside}\nThe water was cold.\n:::\n\n"
        "## The Bank\n\nShe climbed out.\n"
    )
    w = _work(md, "ferry.md")
    assert (w.title, w.authors) == ("The Ferryman's Daughter", ["Wren Calloway"])
    assert [c.title for c in w.chapters] == ["The Ford", "The Bank"]
    assert w.chapters[0].text == "Ila waded across at dawn.\n\nThe water was cold."


def test_an_authors_notes_page_over_topic_headings_is_no_story() -> None:
    from fandex.parse.nonstory import judge

    md = (
        "---\ntitle: Notes\nauthor: Wren Calloway\n---\n\n## Harbour Tales\n\n"
        "### Author's notes\n\n#### Ages\n\n"
        "The ferryman's age is hard to pin down; the show never says it outright.\n\n"
        "#### The lighthouse\n\nI moved this to my pages on the harbour's history.\n"
    )
    doc = clean(read_bytes(md.encode(), "Notes.md"))
    work = build_work(doc)
    assert work.chapters[0].title == "Author's notes"
    assert judge(work, doc) == "no story text, only notes set under a notes heading"


def test_a_card_whose_template_names_end_matter_is_no_story() -> None:
    from fandex.parse.nonstory import judge

    md = (
        "---\ntitle: Selkies\nauthor: Wren Calloway\ntemplate: appendix\n---\n\n"
        "A people of the northern shore who keep their seal skins hidden in the dunes.\n"
    )
    doc = clean(read_bytes(md.encode(), "Selkies.md"))
    assert (
        judge(build_work(doc), doc)
        == "no story text, looks like a page of notes (its template: appendix)"
    )
    story = md.replace("template: appendix", "template: chapter")
    doc = clean(read_bytes(story.encode(), "Selkies.md"))
    assert judge(build_work(doc), doc) is None


PANDOC_TITLE_BLOCK = """% The Cartographer's
  Apprentice
% Thistledown; Rook
% 12 March 2014

Fandom: Discworld

# Chapter One: North

The map was wrong, which was the first thing he noticed about it.

# Chapter Two: South

By the third day they had walked off the edge of the parchment.
"""


def test_pandocs_percent_title_block_is_the_card() -> None:
    # Pandoc's title block: "% title" (running on over an indented line), "% authors"
    # parted by ";", "% date"; before, the three lines were read as one title.
    w = _work(PANDOC_TITLE_BLOCK)
    assert (w.title, w.authors) == ("The Cartographer's Apprentice", ["Thistledown", "Rook"])
    assert w.published == "2014-03-12"
    assert [c.title for c in w.chapters] == ["Chapter One: North", "Chapter Two: South"]
    assert w.text.startswith("The map was wrong")


def test_a_percent_line_that_is_not_a_title_block_stays_text() -> None:
    w = _work("% of the crew stayed below.\nThe rest went up.\n\nThen the storm came.\n")
    assert w.title != "of the crew stayed below."
    assert "crew stayed below" in w.text


CHAPTER_CARD = """---
title: Gull Count - The Ferry
author: Wren Calloway
---

The ferry left at dawn, and Mara counted the gulls that followed it out.

She wrote the number in the log before the harbour was out of sight.
"""


@pytest.mark.parametrize(
    "name", ["Gull Count/03 - The Ferry.md", "gull-count-03-the-ferry.md", "3. The Ferry.md"]
)
def test_a_card_titled_work_and_chapter_in_a_file_named_for_the_chapter(name: str) -> None:
    # "03 - The Ferry.md": the file's name says where the work's title ends.
    w = _work(CHAPTER_CARD, name)
    assert w.title == "Gull Count"
    assert [c.title for c in w.chapters] == ["The Ferry"]
    assert w.chapters[0].text.startswith("The ferry left at dawn")


@pytest.mark.parametrize("name", ["gull-count.md", "gull-count-the-ferry.md", "The Ferry.md"])
def test_a_dashed_title_in_a_file_named_otherwise_stays_whole(name: str) -> None:
    # A name that may be the whole title's ("gull-count-the-ferry", a one-shot named
    # for its subtitle) splits nothing.
    w = _work(CHAPTER_CARD, name)
    assert w.title == "Gull Count - The Ferry"
    assert [c.title for c in w.chapters] == [None]


def test_a_numbered_chapter_file_opening_with_its_name_as_heading_titles_the_chapter() -> None:
    # A fan's archive keeps a work a folder, a chapter a file: "007_The_Ferry.md".
    text = "# The Ferry\n\nThe ferry left at noon, and Ilse stood at the rail.\n"
    work = _work(text, "007_The_Ferry.md")
    assert work.title == "The Ferry"
    assert [c.title for c in work.chapters] == ["The Ferry"]
    assert work.chapters[0].text.startswith("The ferry left at noon")


def test_a_heading_that_is_not_the_numbered_files_name_stays_the_works_title() -> None:
    text = "# Gull Count\n\nThe ferry left at noon, and Ilse stood at the rail.\n"
    work = _work(text, "007_The_Ferry.md")
    assert work.title == "Gull Count"
    assert [c.title for c in work.chapters] == [None]


def test_a_sentence_underlined_with_dashes_is_a_paragraph_over_a_rule() -> None:
    # CommonMark would make the sentence a heading; its writer drew a rule under it.
    text = (
        "The tide came in at noon.\n\nShe tied the boat to the post and went up.\n"
        "-------------\n[A note on the harbour.]\n\nTitle Case Name\n---\n\nMore text here."
    )
    doc = read_bytes(text.encode(), "tide.md")
    kinds = [(b.kind, b.text) for b in doc.all_blocks()]
    assert ("paragraph", "She tied the boat to the post and went up.") in kinds
    assert ("heading", "Title Case Name") in kinds
    assert not any(k == "heading" and "boat" in t for k, t in kinds)
