"""What follows the story under a heading of its own (a glossary, translation notes, the
author's closing notes, a disclaimer) is the work's end notes, not story; a story
sentence that starts with the same words is story."""

from __future__ import annotations

import pytest
from helpers_parse import work_of

from fandex.clean import clean
from fandex.parse import build_work
from fandex.parse.endmatter import end_heading, opens_end_matter
from fandex.read import read_bytes

HEAD = "The Ferry\nby Oda\n\n"
STORY = (
    "The ferry left at noon, and Ilse stood at the rail.\n\n"
    "Brand brought her tea in a tin cup and said nothing about the weather.\n\n"
    "They watched the island shrink until it was a line, and then nothing."
)


@pytest.mark.parametrize(
    "end",
    [
        "Glossary\n\nfærge - ferry\n\nø - island",
        "Glossary:\nfærge - ferry\nø - island",
        "Translation notes: the title is the name of the route.",
        "Translator's Notes\n\nThe original says 'the grey boat'.",
        "Author's Notes\n\nWritten for the winter exchange. Thank you to my beta!",
        "End Notes\n\nThe route closed in 1999.",
        "~ Disclaimer ~\n\nThe ferry line is real; the people are not.",
        "Afterword\n\nI took the ferry myself once, a long time ago.",
    ],
)
def test_end_matter_after_the_story_becomes_end_notes(end: str) -> None:
    work = work_of(f"{HEAD}{STORY}\n\n{end}")
    assert work.chapters[0].text == STORY
    assert work.notes_end is not None
    # Nothing is lost: the text under the heading is kept in the notes.
    assert end.split("\n")[-1].split(": ")[-1] in work.notes_end


def test_a_long_glossary_is_end_notes_too() -> None:
    terms = "\n\n".join(f"term{i} - what the word {i} means on the island" for i in range(25))
    work = work_of(f"{HEAD}{STORY}\n\nGlossary\n\n{terms}")
    assert work.chapters[0].text == STORY
    assert "term24" in (work.notes_end or "")


def test_end_matter_after_an_end_marker() -> None:
    work = work_of(f"{HEAD}{STORY}\n\nThe End\n\nGlossary\n\nfærge - ferry")
    assert work.chapters[0].text == STORY
    assert "færge - ferry" in (work.notes_end or "")


def test_a_last_page_section_headed_glossary_is_not_a_chapter() -> None:
    page = (
        "<html><head><title>The Ferry</title></head><body><h1>The Ferry</h1><p>by Oda</p>"
        + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n"))
        + "<h2>Glossary</h2><p>færge - ferry</p><p>ø - island</p></body></html>"
    )
    work = build_work(clean(read_bytes(page.encode(), "ferry.html")))
    assert [c.title for c in work.chapters] != ["Glossary"]
    assert all(c.title != "Glossary" for c in work.chapters)
    assert "ø - island" not in "\n".join(c.text for c in work.chapters)
    assert "ø - island" in (work.notes_end or "")


def test_a_chapter_list_keeps_its_chapters_before_the_end_matter() -> None:
    text = f"{HEAD}Chapter 1\n\n{STORY}\n\nChapter 2\n\n{STORY}\n\nAuthor's Notes\n\nThanks!"
    work = work_of(text)
    assert len(work.chapters) == 2
    assert work.chapters[-1].text == STORY
    assert "Thanks!" in (work.notes_end or "")


@pytest.mark.parametrize(
    "sentence",
    [
        "Notes were pinned to the door of the hall, and none of them were for her.",
        "Glossary of the old tongue or not, she could not read the sign.",
        "Author's notes, he thought, were for people who had finished their books.",
        "Afterword, afterwards, after all: Brand said the words over like a lesson.",
        "End notes? She had never read a book's end notes in her life.",
    ],
)
def test_a_story_sentence_opening_with_the_same_words_stays_story(sentence: str) -> None:
    work = work_of(f"{HEAD}{STORY}\n\n{sentence}\n\n{STORY}")
    assert sentence in work.chapters[0].text
    assert work.notes_end is None


def test_end_heading_is_the_heading_alone() -> None:
    assert end_heading("Glossary")
    assert end_heading("**Author's Notes:**")
    assert not end_heading("Glossary of the old tongue or not, she could not read it.")
    assert not opens_end_matter("Notes fell from the sky like snow that winter.")


GLOSSED = (
    "Ilse said the word for ferry was færge, and the word for island was ø.\n\n"
    "Brand tried to say ø and failed, and she laughed at him across the deck."
)


def test_a_list_of_glosses_after_a_break_is_end_notes_without_a_heading() -> None:
    gloss = "færge: ferry\nø: island\nskål: a toast, or a bowl"
    work = work_of(f"{HEAD}{GLOSSED}\n\n* * *\n\n{gloss}")
    assert work.chapters[0].text == GLOSSED
    assert "skål: a toast" in (work.notes_end or "")


def test_script_lines_closing_a_story_stay_story() -> None:
    script = "ILSE: Ferry.\nBRAND: Færge.\nILSE: Island.\nBRAND: Ø."
    work = work_of(f"{HEAD}{GLOSSED}\n\n* * *\n\n{script}")
    assert "BRAND: Ø." in work.chapters[0].text


def test_lines_of_speech_closing_a_story_stay_story() -> None:
    said = 'Ilse: "Ferry."\nBrand: "Færge."\nThe captain: "Island, both of you."'
    work = work_of(f"{HEAD}{GLOSSED}\n\n* * *\n\n{said}")
    assert "Island, both of you" in work.chapters[0].text


def test_labelled_lines_the_story_never_uses_are_not_its_glossary() -> None:
    lines = "Weather: grey\nSea: calm\nMood: restless"
    work = work_of(f"{HEAD}{GLOSSED}\n\n* * *\n\n{lines}")
    assert "Mood: restless" in work.chapters[0].text


def test_glosses_one_a_paragraph_closing_the_story_are_end_notes_without_a_break() -> None:
    """FanFiction.net chapters close with "word – meaning" paragraphs and a note on the
    title, no heading and no break: the words glossed are rare in the story."""
    ends = "færge – ferry\n\nø - island\n\nThe title is the route's old name."
    work = work_of(f"{HEAD}{GLOSSED}\n\n{ends}")
    assert work.chapters[0].text == GLOSSED
    assert "ø - island" in (work.notes_end or "")
    assert "old name" in (work.notes_end or "")


def test_dash_lines_naming_the_storys_people_stay_story() -> None:
    """Same shape, but the "terms" are the people the story names throughout (a
    roll-call, a list of who went where): story, not a glossary."""
    story = GLOSSED + "\n\nIlse and Brand, Brand and Ilse: Ilse waved, Brand waved back."
    ends = "Ilse - gone north\n\nBrand - stayed on the ferry"
    work = work_of(f"{HEAD}{story}\n\n{ends}")
    assert work.chapters[0].text.endswith("Brand - stayed on the ferry")
    assert work.notes_end is None


def test_colon_lines_closing_the_story_without_a_break_stay_story() -> None:
    """A colon line at a story's end is a chat or a script more often than a gloss."""
    work = work_of(f"{HEAD}{GLOSSED}\n\nfærge: ferry\n\nø: island")
    assert work.chapters[0].text.endswith("ø: island")


def test_an_ao3_chapter_end_notes_heading_in_markdown_is_end_notes() -> None:
    # A converter writes AO3's "Chapter End Notes" label as a heading after the text.
    text = (
        f"# The Ferry\n\n{STORY}\n\n## Chapter End Notes\n\n"
        "Chapter End Notes\n\nThanks for reading! The next chapter is a short one."
    )
    work = build_work(clean(read_bytes(text.encode(), "07_the_ferry.md")))
    assert len(work.chapters) == 1
    assert work.chapters[0].text.rstrip().endswith("a line, and then nothing.")
    assert "next chapter" in (work.notes_end or "")
    assert end_heading("Chapter Notes")
    assert not end_heading("Chapter Nine")
