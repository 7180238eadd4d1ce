"""A story of two relatives told with a pronoun's kin word ("her little sister"), and the
same shape where the two are no kin (they kiss, or the kin word is a third person's)."""

from __future__ import annotations

from relationship_fixtures import rels, with_characters

from fandex.model import Chapter, Tag, Work
from fandex.tag.relationships import relationship_tagger

SISTERS = (
    "Maren Holt and Liv Aske climbed into the attic with a torch and two bin bags. "
    "Maren sat back on her heels and looked at her little sister, who was holding up a "
    "hat with a feather in it. Liv laughed. Liv tried the hat on. Later Liv put her head "
    "on her sister's shoulder. Maren let her, and the rain went on."
)


def test_two_leads_one_named_with_her_sister_twice_are_kin() -> None:
    w = with_characters(SISTERS, "Maren Holt", "Liv Aske")
    assert set(rels(w)) == {"Liv Aske & Maren Holt"}


def test_her_sister_is_no_kin_of_a_lead_who_kisses_her() -> None:
    text = SISTERS.replace("Maren let her", "Maren kissed Liv")
    w = with_characters(text, "Maren Holt", "Liv Aske")
    assert "Liv Aske & Maren Holt" not in rels(w)


def test_her_sister_in_sentences_naming_a_third_person_is_no_kin_of_the_two() -> None:
    text = SISTERS.replace("Maren sat back", "Maren sat back beside Tove Rask").replace(
        "Later Liv put", "Later, with Tove Rask watching, Liv put"
    )
    w = Work(chapters=[Chapter(1, text=text)])
    for name, share in {"Maren Holt": 1.0, "Liv Aske": 0.9, "Tove Rask": 0.2}.items():
        w.add_tag(Tag("character", name, "inferred", 0.9, attrs={"share": share}))
    relationship_tagger(w)
    assert "Liv Aske & Maren Holt" not in rels(w)
    # The same two sentences without the third person make them kin.
    w = Work(chapters=[Chapter(1, text=SISTERS)])
    for name, share in {"Maren Holt": 1.0, "Liv Aske": 0.9, "Tove Rask": 0.2}.items():
        w.add_tag(Tag("character", name, "inferred", 0.9, attrs={"share": share}))
    relationship_tagger(w)
    assert "Liv Aske & Maren Holt" in rels(w)
