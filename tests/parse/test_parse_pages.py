"""What a page or post puts around its story: author's asides before the first chapter
heading or separator, closing disclaimers, bylines with dedications, thanks lines, a
chapter heading above the header, and page metadata as stated fields."""

from __future__ import annotations

from helpers_parse import tag_names, work_of

from fandex.parse import build_work
from fandex.parse.asides import reads_as_asides
from fandex.parse.header import parse_header
from fandex.parse.titleline import byline
from fandex.read.document import RawDocument, paragraphs

STORY = (
    "The harbour froze in the night, and by morning the boats sat in it like flies in "
    "amber. Ila walked out on the ice to the nearest one and knocked on its hull."
)


def test_author_notes_before_the_first_heading_are_notes_not_a_chapter() -> None:
    w = work_of(
        "Have no fear, a new fic is here! Please review, it makes me update faster.\n\n"
        "Pairings so far:\nIla\nCorran\n\n"
        f"Chapter 1 - Ice\n\n{STORY}\n\n{STORY}"
    )
    assert [c.title for c in w.chapters] == ["Chapter 1 - Ice"]
    assert w.chapters[0].text.startswith("The harbour froze")
    assert w.notes_begin is not None and w.notes_begin.startswith("Have no fear")


def test_a_prologue_before_the_first_heading_stays_story() -> None:
    prologue = "The storm came up the coast at dusk. Nobody in the village slept that night."
    w = work_of(f"{prologue}\n\nChapter 1\n\n{STORY}\n\n{STORY}")
    assert [c.title for c in w.chapters] == [None, "Chapter 1"]
    assert w.notes_begin is None


def test_closing_disclaimer_line_is_an_end_note() -> None:
    w = work_of(f"{STORY}\n\nAlso I own nothing but the boat")
    assert w.chapters[0].text == STORY
    assert w.notes_end == "Also I own nothing but the boat"


def test_closing_dialogue_about_owning_stays_story() -> None:
    w = work_of(f'{STORY}\n\n"I own nothing now," she said.')
    assert w.chapters[0].text.endswith('"I own nothing now," she said.')


def test_notes_after_a_disclaimer_run_to_the_separator() -> None:
    w = work_of(
        "Disclaimer: Not mine.\n\n"
        "This fic picks up after chapter 3 of the first story.\n\n"
        "Reviews make me happy, and there is no need to finish before you leave one.\n\n"
        f"* * *\n\n{STORY}\n\n{STORY}"
    )
    assert w.disclaimer == "Not mine."
    assert w.notes_begin is not None and "Reviews make me happy" in w.notes_begin
    assert w.chapters[0].text.startswith("The harbour froze")


def test_story_after_a_disclaimer_is_not_taken_for_notes() -> None:
    w = work_of(f"Disclaimer: Not mine.\n\n{STORY}\n\n* * *\n\n{STORY}")
    assert w.notes_begin is None
    assert w.chapters[0].text.startswith("The harbour froze")


def test_chapter_heading_above_a_header_stays_the_chapter_title() -> None:
    w = work_of(f"Chapter 4: Ballast\n\nDisclaimer: Not mine.\n\n{STORY}")
    assert [c.title for c in w.chapters] == ["Chapter 4: Ballast"]
    assert w.disclaimer == "Not mine."
    assert w.chapters[0].text == STORY


def test_byline_after_a_one_line_field_is_the_author() -> None:
    w = work_of(f"Sea Glass\n\nFandom: Harbour Tales\nWritten for: Gull\nby marram\n\n{STORY}")
    assert (w.title, w.authors, w.dedication) == ("Sea Glass", ["marram"], "Gull")


def test_by_line_in_a_summary_stays_in_the_summary() -> None:
    w = work_of(f"Title: Tide\nSummary: Two keepers meet\nby the old lighthouse\n\n{STORY}")
    assert w.authors == []
    assert w.summary == "Two keepers meet\nby the old lighthouse"


def test_byline_drops_a_dedication() -> None:
    assert byline("by marram for the harbour prompt meme.") == "marram"
    assert byline("by Wren Calloway for Sedge") == "Wren Calloway"
    assert byline("By the time she came for the boat.") is None


def test_thanks_line_under_the_header_is_not_story() -> None:
    w = work_of(
        f"Title: Sea Glass\nAuthor: marram\n\nWith many thanks to Sedge for the beta!\n\n{STORY}"
    )
    assert w.chapters[0].text == STORY
    assert w.header["Thanks"] == "With many thanks to Sedge for the beta!"


def test_thanks_in_the_story_stays_story() -> None:
    w = work_of(f"{STORY}\n\nThanks to the tide, the boat was free by noon.")
    assert w.chapters[0].text.endswith("the boat was free by noon.")


def test_lone_dots_around_a_break_are_spacing() -> None:
    w = work_of(f"Title: Sun\n\n.\n\n* * *\n\nPrologue\n.\n\n{STORY}\n\n.\n\n* * *\n\n.\n\n{STORY}")
    assert [c.title for c in w.chapters] == ["Prologue"]
    assert w.chapters[0].text == f"{STORY}\n\n* * *\n\n{STORY}"


def test_page_metadata_is_stated_before_the_text_header() -> None:
    doc = RawDocument(
        "html",
        paragraphs(f"Rating: G\n\n{STORY}"),
        metadata={"stated_fields": [("Rated", "Fiction M"), ("Language", "English")]},
    )
    w = build_work(doc)
    assert tag_names(w, "rating") == ["Mature"]
    assert w.language == "en"


def test_fallback_title_and_author_only_when_the_text_states_none() -> None:
    meta = {"fallback_title": "Entry Subject", "fallback_authors": ["poster"]}
    stated = build_work(
        RawDocument("html", paragraphs(f"Title: Real\nAuthor: Ann\n\n{STORY}"), metadata=dict(meta))
    )
    assert (stated.title, stated.authors) == ("Real", ["Ann"])
    bare = build_work(RawDocument("html", paragraphs(STORY), metadata=dict(meta)))
    assert (bare.title, bare.authors) == ("Entry Subject", ["poster"])


def test_asides_are_talk_about_the_story() -> None:
    assert reads_as_asides(["Thanks for the reviews! Next chapter soon.", "Mei", "Yugito"])
    assert not reads_as_asides(["Mei", "Yugito"])
    assert not reads_as_asides([STORY, "She knocked again."])


def test_header_parse_keeps_the_heading_for_the_structure() -> None:
    h = parse_header(paragraphs(f"Chapter 1: Ice\n\nDisclaimer: Not mine.\n\n{STORY}"))
    assert h.heading is not None and h.heading.text == "Chapter 1: Ice"
    assert [f.field for f in h.fields] == ["disclaimer"]


def test_unlabelled_opening_disclaimer_is_a_note() -> None:
    w = work_of(
        f"I do not Own Harbour Tales. Thanks to my muse for the idea.\n\n{STORY}\n\n{STORY}"
    )
    assert w.notes_begin == "I do not Own Harbour Tales. Thanks to my muse for the idea."
    assert w.chapters[0].text.startswith("The harbour froze")


def test_opening_paragraph_about_owning_things_stays_story() -> None:
    text = f"I don't own much, she thought, but I own this boat.\n\n{STORY}\n\n{STORY}"
    w = work_of(text)
    assert w.notes_begin is None
    assert w.chapters[0].text.startswith("I don't own much")


def test_opening_property_of_a_named_creator_is_a_disclaimer() -> None:
    w = work_of(f"Harbour Tales is the property of the wonderful Mara Quill.\n\n{STORY}\n\n{STORY}")
    assert w.notes_begin == "Harbour Tales is the property of the wonderful Mara Quill."
    assert w.chapters[0].text.startswith("The harbour froze")


def test_opening_sentence_about_property_stays_story() -> None:
    """Same shape: the property of someone unnamed, or in the past tense, is story."""
    for opening in (
        "The boat is the property of my uncle, and he wants it back by spring.",
        "The boat was the property of Old Tam until the winter he died.",
    ):
        w = work_of(f"{opening}\n\n{STORY}\n\n{STORY}")
        assert w.notes_begin is None
        assert w.chapters[0].text.startswith(opening[:12])


def test_first_line_title_by_author_is_split() -> None:
    w = work_of(f"Sea Glass by marram\n\n{STORY}")
    assert (w.title, w.authors) == ("Sea Glass", ["marram"])
    assert w.chapters[0].text == STORY


def test_first_line_by_a_place_is_story() -> None:
    w = work_of(f"She waited by the sea\n\n{STORY}")
    assert w.authors == []
    assert w.chapters[0].text.startswith("She waited by the sea")


def test_post_chatter_before_the_fic_header_is_a_note() -> None:
    w = work_of(
        "Finally finished this one, enjoy!\n\n"
        f"Title: Tide\nFandom: Harbour Tales\nRating: PG\n\n{STORY}"
    )
    assert (w.title, w.notes_begin) == ("Tide", "Finally finished this one, enjoy!")
    assert tag_names(w, "rating") == ["General Audiences"]
    assert w.chapters[0].text == STORY


def test_story_opening_before_a_quoted_form_stays_story() -> None:
    text = f"{STORY}\n\nName: Ila\nAge: nine\nDate: spring\n\n{STORY}"
    w = work_of(text)
    assert w.chapters[0].text.startswith("The harbour froze")
    assert w.notes_begin is None


def test_talk_about_the_story_in_scare_quotes_is_an_aside() -> None:
    # A converter's test file describes itself: "This 'story' is nothing more than ...".
    assert reads_as_asides(["This ‘story’ is only a sample for the harbour converter."])
    assert not reads_as_asides(["She told him about the harbour and its lamps at dusk."])
