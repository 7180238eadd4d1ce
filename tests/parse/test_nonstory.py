"""Is it a story? Pages with no story text are named for what they are; short stories
are still stories."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers_parse import doc_of, work_of
from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.errors import NotAStory
from fandex.model import Chapter, Work
from fandex.parse import build_work
from fandex.parse.nonstory import _STAT, check_story, has_stat, judge, longest_prose_run
from fandex.read.document import RawDocument

DRABBLE = " ".join(
    ["The lamp went out at midnight, and the keeper lit it again with shaking hands."] * 6
)


@pytest.mark.parametrize(
    "text",
    [
        "She woke.",
        "Title: Rain\nWords: 100\n\nIt rained all night on the harbour.",
        DRABBLE,
        f"Word count: 100\n\n{DRABBLE}",
        'Title: Tide\n\n"Read it at the harbour," he said. "Then burn it."',
    ],
)
def test_short_stories_are_stories(text: str) -> None:
    assert judge(work_of(text)) is None


def test_no_text_is_not_a_story() -> None:
    assert judge(Work(title="Only a header")) == "no story text"


def test_reader_named_page_kind_is_the_reason() -> None:
    doc = RawDocument("html", metadata={"page_kind": "a story index page"})
    assert judge(Work(), doc) == "no story text, looks like a story index page"


def test_chapter_list_is_a_story_index() -> None:
    text = "\n\n".join(
        f"{i}. Chapter {i}: The Tide by Marram [Reviews - 2] (1,500 words)" for i in range(1, 6)
    )
    doc = doc_of(f"Summary: Two couriers race the tide.\n\n{text}")
    assert judge(build_work(doc), doc) == "no story text, looks like a story index page"


def test_blurbs_with_stat_lines_are_a_list_of_stories() -> None:
    blurb = "Ila finds a frozen boat in the harbour and a shepherd asleep inside it, dreaming."
    entries = [
        f"Story {i} by someone reviews\n\n{blurb}\n\nRated: T - English - Words: 9,120 - "
        f"Reviews: 31 - Published: 1/2/2015"
        for i in range(4)
    ]
    assert judge(work_of("\n\n".join(entries))) == "no story text, looks like a list of stories"


def test_a_chapter_list_with_stat_lines_in_french_is_a_story_index() -> None:
    entries = [
        f"{i}. La lanterne numéro {i} - publié le 02/06/2019 - 366 mots - 735 lectures"
        for i in range(1, 6)
    ]
    doc = doc_of("Résumé : Anya allume les lanternes du port.\n\n" + "\n\n".join(entries))
    assert judge(build_work(doc), doc) == "no story text, looks like a story index page"


def test_download_links_and_a_blurb_are_an_info_page() -> None:
    text = (
        "Gull Song\n\nAuthor: Marram\n\nDescription: A gull learns the harbour's songs.\n\n"
        "Read the fanfic\n\nDownload the fanfic: HTML - PDF - TXT"
    )
    assert judge(work_of(text)) == "no story text, looks like a story index page"


def test_gate_and_error_pages() -> None:
    gate = Work(
        title="Discretion Advised",
        chapters=[Chapter(1, None, "To continue, you must confirm you want to view this content.")],
    )
    assert judge(gate) == "no story text, looks like an adult-content gate page"
    gone = Work(chapters=[Chapter(1, None, "Story Not Found\n\nStory is unavailable for reading.")])
    assert judge(gone) == "no story text, looks like an error page"


def test_an_archive_notice_with_words_between_subject_and_verb_is_an_error_page() -> None:
    gone = Work(
        chapters=[
            Chapter(
                1,
                None,
                "That story either does not exist on this archive or has not been validated "
                "by the administrators.\n\nYou may search for it or return to the home page.",
            )
        ]
    )
    assert judge(gone) == "no story text, looks like an error page"


def test_a_drabble_saying_a_story_does_not_exist_is_a_story() -> None:
    text = (
        "The story of the drowned bell does not exist in any book in the harbour library, "
        "so Ila wrote it down herself, one word for every time the tide came in, until the "
        "ledger was full and the bell, at last, was quiet under the water, and she slept."
    )
    assert judge(work_of(text)) is None


def test_post_pointing_to_a_fic_elsewhere() -> None:
    text = (
        "so much for sleeping early. oops.\n\nFog Bells (3100 words)\nIla/Corran, teen\n\n"
        '"You rang it twice," Corran said.\n\nread it at the exchange archive!'
    )
    assert judge(work_of(text)) == "no story text, looks like a post announcing a story"


def test_check_story_raises_with_the_reason() -> None:
    with pytest.raises(NotAStory, match="no story text"):
        check_story(Work(title="Empty"))


def test_longest_prose_run_skips_scene_breaks_and_stops_at_lists() -> None:
    assert longest_prose_run(["One two three four.", "* * *", "Five six seven eight."]) == 8
    assert longest_prose_run(["One two three four.", "Mei", "Five six seven eight."]) == 4


def test_an_error_notice_under_a_sites_menu_labels_is_an_error_page() -> None:
    menu = "\n\n".join(["Browse", "Just In", "Community", "Forum", "Betas", "Help"])
    text = f"Gull Archive | read and write\n\n{menu}\n\nStory Not Found\n\nIt is unavailable."
    assert judge(work_of(text)) == "no story text, looks like an error page"


def test_an_error_notice_set_as_headings_is_an_error_page() -> None:
    gone = Work(
        title="Error 404",
        chapters=[
            Chapter(1, "Error 404", ""),
            Chapter(
                2,
                "The page you were looking for doesn’t exist.",
                "You may have mistyped the address or the page may have been deleted.",
            ),
        ],
    )
    assert judge(gone) == "no story text, looks like an error page"


def test_a_web_servers_not_found_page_is_an_error_page() -> None:
    notice = Chapter(1, None, "The requested file has not been found")
    gone = Work(title="Not Found", chapters=[notice])
    assert judge(gone) == "no story text, looks like an error page"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Found", "The document has moved here."),
        ("Moved Permanently", "The page has moved to a new address."),
        ("Forbidden", "403 Forbidden. You don't have permission to access this page."),
        ("Error", "500 Internal Server Error"),
    ],
)
def test_a_web_servers_redirect_or_failure_page_is_an_error_page(title: str, text: str) -> None:
    page = Work(title=title, chapters=[Chapter(1, None, text)])
    assert judge(page) == "no story text, looks like an error page"


def test_a_story_that_says_a_page_has_moved_is_still_a_story() -> None:
    text = f"The page has moved, she said, and turned the book over. {DRABBLE}"
    assert judge(Work(title="Tide", chapters=[Chapter(1, None, text)])) is None


# Pieces a stat line is made of, and prose around it.
_STAT_PIECES = [
    "Words",
    "word count",
    "Reviews",
    "mots",
    "hits",
    "(",
    ")",
    ":",
    "-",
    " ",
    ",",
    ".",
    "12",
    "3,4",
    "k",
    "the rain fell",
    "٣",
    "\n",
]


@given(st.lists(st.sampled_from(_STAT_PIECES), max_size=12).map("".join))
@settings(max_examples=400, deadline=None)
def test_the_quick_stat_check_agrees_with_the_stat_pattern(paragraph: str) -> None:
    assert has_stat(paragraph) == (_STAT.search(paragraph) is not None)


def _titled(title: str | None, *chapters: tuple[str | None, str]) -> Work:
    return Work(title=title, chapters=[Chapter(i, t, x) for i, (t, x) in enumerate(chapters, 1)])


NOTE = "The first chapters were written with a friend, and I fixed a few grammar errors."


def test_a_page_holding_only_an_authors_note_is_not_a_story() -> None:
    reason = judge(_titled("Gull Count", ("Author's Note:", NOTE)))
    assert reason is not None and reason.startswith("no story text")
    assert judge(_titled("Gull Count", ("Works Cited", "Keeper, W. Gulls. 1990."))) is not None


@pytest.mark.parametrize(
    "work",
    [
        # A story chapter beside the note: the note is not all there is.
        _titled("Gull Count", ("Author's Note", NOTE), ("The Count", DRABBLE)),
        # A work named like a notes heading keeps its chapter of that name.
        _titled("Postscript", ("Postscript", DRABBLE)),
        # Past a page of notes' length, the text under the heading is read as story.
        _titled("Gull Count", ("Notes", " ".join([DRABBLE] * 12))),
    ],
)
def test_notes_headings_with_story_beside_them_leave_a_story(work: Work) -> None:
    assert judge(work) is None


def test_a_page_titled_notes_opening_under_a_notes_heading_is_not_a_story() -> None:
    notes = _titled(
        "Notes",
        ("Author's notes", NOTE),
        ("Ages", "The keeper is forty; her brother is two years older."),
        ("The lighthouse", DRABBLE),
    )
    assert judge(notes) is not None
    # The same page under a story's own title, or opening with a story chapter, is a story.
    assert judge(replace(notes, title="Gull Count")) is None
    assert judge(_titled("Notes", ("The Count", DRABBLE), ("Author's notes", NOTE))) is None


RECORD = """Title:
Gull Count
Author:
Wren Calloway
Fandoms:
Lighthouse Keepers
Characters:
Mara Vance
Tom Reed
Summary:
Mara counts the gulls every morning and writes the numbers down.
Rating:
General Audiences
Words:
1,013
Status:
Completed
Story URL:
https://example.org/works/1
Downloader Version:
Fetcher v1.2
"""


def test_a_downloaders_dump_of_fields_is_a_metadata_record() -> None:
    reason = judge(work_of(RECORD), doc_of(RECORD))
    assert reason == "no story text, looks like a metadata record (fields, no story)"


def test_a_header_of_fields_over_a_short_story_is_still_a_story() -> None:
    text = RECORD.replace("Downloader Version:\nFetcher v1.2\n", "") + (
        "\nThe common room fire had gone out. She lit it again.\n"
    )
    assert judge(work_of(text), doc_of(text)) is None


def test_a_scripts_repeated_speakers_are_not_a_record() -> None:
    script = "\n".join(
        f"{who}: Line {n} of the scene." for n in range(6) for who in ("MARA", "TOM")
    )
    assert judge(work_of(script), doc_of(script)) is None


def test_a_header_row_of_column_labels_is_a_table_of_stories() -> None:
    log = "Status\nTitle\nAuthor\nComment\nURL\nError\nGull Count\nWren\nno such page\nhttps://example.org/1"
    assert judge(work_of(log), doc_of(log)) == (
        "no story text, looks like a table of stories (a list or a download log)"
    )
    poem = "Gulls\nat dawn\nthe keeper\ncounts them\nall\n\nShe wrote the number down and slept."
    assert judge(work_of(poem), doc_of(poem)) is None


def test_a_record_read_from_a_text_file_line_by_line_is_a_record() -> None:
    from fandex.read import read_bytes

    doc = read_bytes(RECORD.encode(), "record.txt")
    assert judge(build_work(doc), doc) == (
        "no story text, looks like a metadata record (fields, no story)"
    )


def test_a_page_titled_works_cited_without_chapters_is_no_story() -> None:
    text = (
        "Title: Works Cited\n\n"
        "Wren Calloway. The Harbour Keeper. First printed in 2012; the second edition "
        "was used here.\n\n"
        "Fan works used as source material:\n\n"
        "saltmarsh. Lantern Keeper. Archive Of Our Own, last viewed 2020-06-12.\n\n"
        "nightjar. The Ferry. Archive Of Our Own, last viewed 2020-06-24."
    )
    assert judge(work_of(text)) == "no story text, only notes set under a notes heading"


def test_a_short_story_titled_like_notes_with_speech_is_a_story() -> None:
    text = (
        "Title: Postscript\n\n"
        '"You came back," Ila said, and set the lamp down on the sill.\n\n'
        "He shrugged and hung his coat by the door."
    )
    assert judge(work_of(text)) is None


@pytest.mark.parametrize("text", ["Retry later", "429 Too Many Requests", "Rate limit exceeded."])
def test_a_rate_limit_answer_is_not_a_story(text: str) -> None:
    assert judge(work_of(text)) == (
        "no story text, looks like a site's rate-limit page (download the work again later)"
    )


def test_a_story_that_says_retry_later_is_a_story() -> None:
    text = f'"Retry later," the harbourmaster said, and shut the window.\n\n{DRABBLE}'
    assert judge(work_of(text)) is None
    assert judge(work_of("Retry later.\n\nShe did, at dawn, and the ferry was waiting.")) is None


@pytest.mark.parametrize(
    "text",
    [
        "Suspended Journal\n\nThis journal has been either temporarily or permanently suspended.",
        "Journal has been deleted\n\nThe journal has been deleted and purged from the server.",
        "Wayback Machine\n\nGot an HTTP 302 response at crawl time\n\nRedirecting to...",
    ],
)
def test_a_journal_gone_or_an_archived_redirect_is_an_error_page(text: str) -> None:
    assert judge(work_of(text)) == "no story text, looks like an error page"


def test_a_story_about_a_deleted_journal_is_a_story() -> None:
    text = f"The journal had been deleted, every entry of it.\n\n{DRABBLE * 3}"
    assert judge(work_of(text)) is None


def test_a_drabble_that_only_mentions_access_or_an_unreachable_site_is_a_story() -> None:
    text = (
        "You need access to the lamp room, Ada said, and handed Bel the key.\n\n"
        "The site of the old light could not be reached by road, so they walked."
    )
    assert judge(work_of(text)) is None


def test_a_drabble_saying_we_have_moved_is_a_story() -> None:
    text = (
        "We've moved house three times since the war.\n\n"
        "Ada keeps the lamp anyway, and lights it every night at the new window."
    )
    assert judge(work_of(text)) is None


def test_reviews_copied_with_their_reviewer_lines_are_a_page_of_reviews() -> None:
    reviews = [
        f"Reviewer: {who}\nDate: May 0{n}, 2011\n\nI loved the gulls on the rail, update soon!"
        for n, who in enumerate(["gull", "tern", "sedge"], 1)
    ]
    assert judge(work_of("\n\n".join(reviews))) == "no story text, looks like a page of reviews"


# A downloader's HTML e-book: the story's fields over a table of contents, then each
# chapter under its heading. A test file's chapter may be one short line.
_EBOOK = """<html><head><title>Gull Count</title></head><body>
<h1>Gull Count</h1>
<b>Author:</b> Wren Calloway<br/>
<b>Category:</b> Lighthouse Keepers<br/>
<b>Rated:</b> Fiction K<br/>
<b>Language:</b> English<br/>
<b>Genre:</b> General<br/>
<b>Characters:</b> Mara V.<br/>
<b>Updated:</b> March 2, 2012<br/>
<b>Published:</b> March 1, 2012<br/>
<b>Status:</b> Complete<br/>
<b>Chapters:</b> 1<br/>
<b>Words:</b> 9<br/>
<b>Summary:</b><br/>Mara counts gulls.
<div id="toc"><h2>Table of Contents</h2><a href="#1">1. Chapter 1</a><br></div>
{chapter}
</body></html>"""


def test_a_downloaders_ebook_with_a_one_line_chapter_is_a_story() -> None:
    from fandex.read import read_bytes

    chapter = '<h3 id="1">Chapter 1</h3><div><p>Mara counted the gulls</p></div>'
    html = _EBOOK.format(chapter=chapter)
    doc = read_bytes(html.encode(), "gull-count.html")
    assert judge(build_work(doc), doc) is None


def test_the_same_fields_without_a_chapter_are_still_a_record() -> None:
    from fandex.read import read_bytes

    doc = read_bytes(_EBOOK.format(chapter="").encode(), "gull-count.html")
    assert judge(build_work(doc), doc) == (
        "no story text, looks like a metadata record (fields, no story)"
    )


# A story's landing page in Markdown: the writer's introduction, thinking aloud about
# the fic to come (plural "fanfictions" and "authors" are talk about stories too).
_INTRODUCTION = """---
title: The Harbour Ledger
author: Wren Calloway
---

### Introduction

I have read a number of harbour-log fanfictions over the last few years, and most of
them stall somewhere in the second season. Overall the idea is a good one, but the
keepers rarely act the way they do in the show.

The two keepers are the hardest to get right. Mara keeps her counts to herself, and
Tom would resent being told what the ledger says. As an author I will need to decide
whether Mara hides the ledger or reads it aloud at the start.

A lot of authors have the harbour master find the ledger first. I dislike that idea,
because by the end of the first week he has already been proven wrong, and why would
he keep reading?

So the ledger will arrive on the night of the storm, when nobody can leave the tower.
That is the path I will take, and I will keep a list of the works that inspired it.
"""


def test_a_writers_introduction_to_a_fic_is_planning_notes() -> None:
    from fandex.read import read_bytes

    doc = read_bytes(_INTRODUCTION.encode(), "index.md")
    assert judge(build_work(doc), doc) == "no story text, looks like planning notes"


def test_a_story_that_names_authors_is_still_a_story() -> None:
    text = (
        "Title: The Charter\n\n"
        "The authors of the harbour charter had been dead for a century, and Mara said so.\n\n"
        '"Then who signs it now?" Tom asked. She did not know, so she signed it herself.\n\n'
        "The idea came to her at dawn, and by noon the tower had a new keeper."
    )
    assert judge(work_of(text)) is None


def test_a_markdown_page_of_a_title_and_its_summary_is_no_story() -> None:
    # A fan's archive keeps each work's card beside its chapters: title, byline, link,
    # and the summary under its own heading.
    from fandex.read import read_bytes

    text = (
        "# The Harbour Keeper\n\nby oda\n\nhttp://archiveofourown.org/works/1\n\n"
        "## Summary\n\nWhen the lamp fails, Ilse must row to the island alone. The keeper "
        "there has not spoken to anyone in years, and the winter is coming early.\n"
    )
    doc = read_bytes(text.encode(), ".meta.md")
    assert judge(build_work(doc), doc) == "no story text, only notes set under a notes heading"


def test_a_markdown_story_under_its_summary_and_a_chapter_heading_is_a_story() -> None:
    from fandex.read import read_bytes

    text = (
        "# The Harbour Keeper\n\n## Summary\n\nIlse rows to the island.\n\n"
        f"## Chapter 1\n\n{DRABBLE}\n"
    )
    doc = read_bytes(text.encode(), "keeper.md")
    assert judge(build_work(doc), doc) is None


def test_a_markdown_card_with_only_its_link_over_summary_and_notes_is_no_story() -> None:
    # No byline: the work's address stands alone above the summary, whose excerpt has
    # dialogue, and the notes under their heading.
    from fandex.read import read_bytes

    text = (
        "# The Harbour Keeper\n\nhttp://archiveofourown.org/works/1\n\n"
        '## Summary\n\n"Who keeps the lamp now?" Ilse asked.\n\n"Nobody," said the boatman.\n'
        "He rowed on without looking at her, and she watched the island come closer.\n"
        "-------------\n[Part one of a longer work.]\n\n## Notes\n\nFor my sister.\n"
    )
    doc = read_bytes(text.encode(), ".meta.md")
    assert judge(build_work(doc), doc) == "no story text, only notes set under a notes heading"


def test_a_web_novels_index_page_labelled_in_french_is_an_index_page() -> None:
    # A blurb, then the ways in: "start reading", the latest chapter, the recent ones.
    text = (
        "Le Phare du Nord\n\nAuteur : Ilse Marr\n\n"
        "Une gardienne de phare découvre une carte ancienne dans la tour. Elle part la nuit "
        "avec son frère pour suivre la côte, et chaque village leur apprend une chose "
        "nouvelle sur la mer et sur eux-mêmes.\n\n"
        "Commencer la lecture\n\nDernier chapitre : Chapitre 12 - La marée\n\n"
        "Chapitres récents\n\nChapitre 1 - La carte\n\nChapitre 2 - La côte"
    )
    assert judge(work_of(text)) == "no story text, looks like a story index page"


def test_a_short_story_that_mentions_the_latest_chapter_stays_a_story() -> None:
    text = (
        "Title: Night Shift\nAuthor: Ilse\n\n"
        "She started reading the latest chapter of the harbour log after midnight. The "
        "entries were short, and most of them were about the weather.\n\n"
        "Latest chapter, she thought, and closed the book."
    )
    assert judge(work_of(text)) is None


def test_a_fic_repositorys_readme_is_no_story() -> None:
    # A program's page: sections named for its files, a command in a code block.
    from fandex.read import read_bytes

    text = (
        "## Reading order\n\nStart from part one and follow the links.\n\n"
        "## [split_tide.py](split_tide.py)\n\nSplits a saved page into one file a chapter.\n\n"
        "```\npython split_tide.py saved/*\n```\n"
    )
    doc = read_bytes(text.encode(), "README.md")
    assert judge(build_work(doc), doc) == (
        "no story text, looks like a program's documentation (a README)"
    )


def test_a_short_story_with_a_preformatted_message_stays_a_story() -> None:
    from fandex.read import read_bytes

    text = (
        "# Signal\n\n## Chapter 1\n\nThe radio printed one line before it died.\n\n"
        "```\nSHIP AT ANCHOR. ALL WELL.\n```\n\nMara read it twice and went back to sleep.\n"
    )
    doc = read_bytes(text.encode(), "signal.md")
    assert judge(build_work(doc), doc) is None
