"""The narrator an author's viewpoint tag names ("Piper Chapman POV")."""

from __future__ import annotations

import pytest

from fandex.model import Chapter, Tag, Work
from fandex.tag.pipeline import TaggerPipeline
from fandex.tag.pov_tags import matching, pov_name, pov_names


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("Marit Olsen POV", "Marit Olsen"),
        ("Tobiah's POV", "Tobiah"),
        ("POV: Wendell", "Wendell"),
        ("Point of View - Ilse", "Ilse"),
        ("Oskar Brandt Perspective", "Oskar Brandt"),
        ("Outsider POV", None),
        ("Alternating POV", None),
        ("First Person POV", None),
        ("Original Character POV", None),
        ("Reader POV", None),
        ("the dog's POV", None),
        ("Slow Burn", None),
    ],
)
def test_a_viewpoint_tag_names_a_person_or_a_kind_of_viewpoint(tag: str, name: str | None) -> None:
    assert pov_name(tag) == name


def test_only_the_authors_tags_are_read() -> None:
    w = Work(tags=[Tag("freeform", "Tobiah POV"), Tag("freeform", "Ilse POV", "inferred")])
    assert pov_names(w) == ["Tobiah"]


def test_a_viewpoint_name_stands_for_the_one_name_holding_its_words() -> None:
    assert matching("Tobiah", ["Tobiah Marsh", "Ilse Brandt"]) == "Tobiah Marsh"
    assert matching("Brandt Ilse", ["Tobiah Marsh", "Ilse Brandt"]) == "Ilse Brandt"
    assert matching("Tobiah", ["Tobiah Marsh", "Tobiah Wells"]) is None
    assert matching("Tobiah Marsh", ["Tobiah", "Ilse"]) == "Tobiah"
    assert matching("Tobiah Marsh", ["Tobiah", "Marsh"]) is None


FIRST_PERSON = " ".join(
    [
        "I carried the crates down to the quay before the sun came up.",
        '"You are late again," Ilse said, and handed me a cup of tea.',
        "I drank it standing up. I liked the way she watched the boats.",
        "Ilse laughed at something I said, and I felt my face go warm.",
        "I kissed Ilse by the harbour wall, and she kissed me back.",
    ]
    * 4
)


def _narrated(*tags: Tag) -> Work:
    w = Work(title="Quay", chapters=[Chapter(1, text=FIRST_PERSON)])
    w.tags.extend(tags)
    return TaggerPipeline(["fandom", "characters"])(w)


def test_the_viewpoint_tag_names_a_first_person_narrator_the_text_never_names() -> None:
    w = _narrated(Tag("freeform", "Tobiah Marsh POV"))
    tag = w.find_tag("character", "Tobiah Marsh")
    assert tag is not None and tag.source == "inferred" and tag.attrs.get("narrator")
    assert tag.evidence[0].field == "tags"
    assert w.find_tag("character", "Ilse") is not None
    without = _narrated()
    assert without.find_tag("character", "Tobiah Marsh") is None


def test_a_viewpoint_tag_of_a_story_told_in_he_and_she_adds_no_narrator() -> None:
    w = Work(
        title="Quay",
        chapters=[
            Chapter(
                1,
                text=FIRST_PERSON.replace("I ", "Ilse ")
                .replace(" me", " him")
                .replace(" my", " his"),
            )
        ],
    )
    w.tags.append(Tag("freeform", "Tobiah Marsh POV"))
    assert TaggerPipeline(["fandom", "characters"])(w).find_tag("character", "Tobiah Marsh") is None


def test_an_unnamed_narrator_tag_names_the_narrator_as_ao3_does() -> None:
    w = _narrated(Tag("freeform", "Unnamed Narrator"))
    tag = w.find_tag("character", "Narrator")
    assert tag is not None and tag.attrs.get("narrator")
    assert tag.evidence[0].quote == "Unnamed Narrator"
    # "Reader-Insert" is a story told in "you"'s: this one is told in "I".
    assert _narrated(Tag("freeform", "Reader-Insert")).find_tag("character", "Reader") is None


def test_a_reader_insert_told_in_you_has_the_reader_for_its_narrator() -> None:
    text = (
        FIRST_PERSON.replace("I ", "you ").replace(" me", " you").replace("I kissed", "You kissed")
    )
    w = Work(title="Quay", chapters=[Chapter(1, text=text)])
    w.tags.append(Tag("freeform", "Reader-Insert"))
    tag = TaggerPipeline(["fandom", "characters"])(w).find_tag("character", "Reader")
    assert tag is not None and tag.attrs.get("narrator")


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("Red Narrates", "Red"),
        ("Narrated by Ilse", "Ilse"),
        ("Narrator: Sam", "Sam"),
        ("Unreliable Narration", None),
        ("First Person Narration", None),
        ("Unnamed Narrator", None),
    ],
)
def test_a_narration_tag_names_the_narrator(tag: str, name: str | None) -> None:
    assert pov_name(tag) == name
