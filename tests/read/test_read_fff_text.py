"""FanFicFare's text download: its title page is read as in its EPUB and HTML."""

from __future__ import annotations

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes

_PARA = "Ila rowed the ferry across at dawn and counted the gulls on the rail as she went."


def _fff_text(fields: str, chapters: tuple[str, ...] = ("First Letter", "The Crossing")) -> str:
    toc = "\n\n".join(chapters)
    body = "\n\n".join([_PARA] * 5)
    parts = "".join(f"\n\n\t{c}\n\n{body}\n" for c in chapters)
    return (
        f"\n\n\nSalt and Cedar\n\nby Mira_Vell\n\n\n\n{fields}\n\n\n\n\n"
        f"TABLE OF CONTENTS\n\n\n{toc}\n\n\n{parts}\n\nEnd file.\n"
    )


def _work(text: str) -> Work:
    return build_work(clean(read_bytes(text.encode(), "Salt_and_Cedar-ao3_123456.txt")))


AO3_FIELDS = (
    "Category: Harbour Tales\nGenre: Slow Burn\nLanguage: English\n"
    "Characters: Ila Marsh,\nCorran Vell\nRelationships: Ila Marsh/Corran Vell\n"
    "Status: Completed\nPublished: 2021-03-02\nPackaged: 2024-06-02 10:11:12\n"
    "Rating: Mature\nWarnings: No Archive Warnings Apply\nChapters: 2\nWords: 12,345\n"
    "Publisher: archiveofourown.org\nStory URL: https://archiveofourown.org/works/123456\n"
    "Author URL: https://archiveofourown.org/users/Mira_Vell/pseuds/Mira_Vell\n"
    "Fandoms: Harbour Tales\nFreeform Tags: Slow Burn, Letters\nAO3 Categories: F/F\n"
    "Summary: Two keepers trade letters across a winter strait,\n"
    "and the letters grow longer than either meant them to."
)


def test_an_ao3_story_s_text_download_keeps_its_fandom_tags_and_summary() -> None:
    work = _work(_fff_text(AO3_FIELDS))
    assert work.title == "Salt and Cedar" and work.authors == ["Mira_Vell"]
    tags = {(t.type, t.name) for t in work.tags}
    assert {
        ("fandom", "Harbour Tales"),
        ("rating", "Mature"),
        ("warning", "No Archive Warnings Apply"),
        ("relationship", "Ila Marsh/Corran Vell"),
        ("category", "F/F"),
        ("freeform", "Letters"),
        ("character", "Corran Vell"),  # the list wrapped over two lines
    } <= tags
    assert work.summary == (
        "Two keepers trade letters across a winter strait, "
        "and the letters grow longer than either meant them to."
    )
    assert not work.notes_begin  # "Publisher:", "Story URL:" are the title page's
    assert [c.title for c in work.chapters] == ["First Letter", "The Crossing"]
    assert work.chapters[-1].text.endswith("as she went.")
    assert work.status == "complete"


def test_a_text_that_only_ends_like_one_is_read_as_any_text() -> None:
    text = "Salt and Cedar\n\nby Mira_Vell\n\nThe ferry ran late.\n\nEnd file."
    work = _work(text)
    assert "The ferry ran late." in work.chapters[0].text
