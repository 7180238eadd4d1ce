"""A gen story of two colleagues is their bond, "A & B"; the same story with a sign of
romance anywhere, without a comrade word, with a third lead or with the two never named
together is not."""

from __future__ import annotations

from relationship_fixtures import rels, with_characters

from fandex.model import Chapter, Tag, Work
from fandex.tag.relationship_gen import (
    GEN_CONFIDENCE,
    STATED_GEN_CONFIDENCE,
    comrades,
    romance_told,
    stated_gen,
)
from fandex.tag.relationships import relationship_tagger
from fandex.tag.romance import Romance

FILLER = "The rain came down on the car park and the radio hissed. " * 4
SHIFT = (
    "Detective Ines Varga parked outside the warehouse at six. Sergeant Tom Keane was "
    "already there with two coffees. "
    + FILLER
    + 'Ines and Tom went in by the side door. "Third case this month, sir," Tom said. '
    + FILLER
    + "Ines read the ledger and Tom photographed the shelves. "
    + FILLER
    + "At nine Tom drove Ines back to the station, and they wrote it up."
)


def test_a_gen_story_of_two_colleagues_is_their_bond() -> None:
    got = rels(with_characters(SHIFT, "Ines Varga", "Tom Keane"))
    assert list(got) == ["Ines Varga & Tom Keane"]
    tag = got["Ines Varga & Tom Keane"]
    assert tag.confidence == GEN_CONFIDENCE
    assert tag.evidence and "Ines" in tag.evidence[0].quote and "Tom" in tag.evidence[0].quote


def test_a_sign_of_romance_anywhere_is_no_gen_story() -> None:
    for sign in ('"Go home, love," she said.', "He took her cold hands.", "The ring was in a box."):
        text = SHIFT.replace("and they wrote it up.", "and they wrote it up. " + sign)
        got = rels(with_characters(text, "Ines Varga", "Tom Keane"))
        assert "Ines Varga & Tom Keane" not in got, sign


def test_no_comrade_word_no_bond() -> None:
    text = SHIFT.replace(', sir,"', ',"').replace("Third case", "Third time")
    assert rels(with_characters(text, "Ines Varga", "Tom Keane")) == {}


def test_a_third_lead_as_present_is_no_story_of_two() -> None:
    text = SHIFT + " Nadia Osei came in. Nadia Osei sat down. Nadia Osei left." * 3
    got = rels(with_characters(text, "Ines Varga", "Tom Keane", "Nadia Osei"))
    assert "Ines Varga & Tom Keane" not in got


def test_two_never_named_in_one_sentence_have_no_evidence() -> None:
    text = (
        "Detective Ines Varga parked outside the warehouse. "
        + FILLER
        + "Sergeant Tom Keane read the case file. "
        + FILLER
        + "Ines wrote it up. Tom went home, sir."
    )
    assert rels(with_characters(text, "Ines Varga", "Tom Keane")) == {}


def test_an_authors_stated_relationship_leaves_it_alone() -> None:
    w = Work(chapters=[Chapter(1, text=SHIFT)])
    for name in ("Ines Varga", "Tom Keane"):
        w.add_tag(Tag("character", name))
    w.add_tag(Tag("relationship", "Ines Varga/Nadia Osei", "stated"))
    relationship_tagger(w)
    assert [t.name for t in w.tags_of("relationship") if t.source == "inferred"] == []


def test_the_readings_of_signs_and_comrades() -> None:
    def work(text: str) -> Work:
        return Work(chapters=[Chapter(1, text=text)])

    assert romance_told(work("He kissed her."), Romance())  # a romance cue
    assert romance_told(work("Their fingers laced on the table."), Romance())
    assert not romance_told(work("The kettle boiled, sir."), Romance())
    assert romance_told(work("She turned the ring on her finger."), Romance())
    assert not romance_told(work("Let the phone ring, sir."), Romance())  # a telephone's
    assert comrades(work("The team met at eight."))
    assert not comrades(work("The teams met at eight."))  # whole words only


def _filed_gen(text: str, category: str = "Gen") -> dict[str, Tag]:
    """The relationships of a work of ``text`` by Ines Varga and Tom Keane, its
    author's category ``category``."""
    w = Work(chapters=[Chapter(1, text=text)])
    for name in ("Ines Varga", "Tom Keane"):
        w.add_tag(Tag("character", name))
    w.add_tag(Tag("category", category, "stated"))
    relationship_tagger(w)
    return rels(w)


def test_a_story_its_author_files_under_gen_is_the_bond_of_its_two_leads() -> None:
    # No comrade word, a hand taken: no gen story as the text alone reads it.
    text = SHIFT.replace(', sir,"', ',"').replace("Third case", "Third time")
    text = text.replace("and they wrote it up.", "and they wrote it up. He took her hand.")
    assert rels(with_characters(text, "Ines Varga", "Tom Keane")) == {}
    got = _filed_gen(text)
    assert list(got) == ["Ines Varga & Tom Keane"]
    assert got["Ines Varga & Tom Keane"].confidence == STATED_GEN_CONFIDENCE
    # A romantic category names the couple of a story of two instead
    # (fandex.tag.relationship_category): its two leads, "A/B".
    assert list(_filed_gen(text, "F/M")) == ["Ines Varga/Tom Keane"]
    assert stated_gen(Work(tags=[Tag("category", "Gen", "stated")]))
    assert not stated_gen(Work(tags=[Tag("category", "Gen", "inferred")]))
