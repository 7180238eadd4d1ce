"""The fandom tagger: distinctive evidence, crossovers, header lines, and no guess when thin."""

from __future__ import annotations

import random
import string

from fandex.model import Chapter, Evidence, Tag, Work
from fandex.tag.fandom import fandom_tagger


def work_of(text: str, header: dict[str, str] | None = None) -> Work:
    return Work(chapters=[Chapter(1, text=text)], header=header or {})


BUFFY = (
    "Buffy walked through Restfield with a stake. Spike followed her, smoking. "
    "Giles was in the library with Willow, reading about the Hellmouth, and Xander "
    "was eating doughnuts. Buffy sighed and said Spike was annoying. Later, Willow "
    "found the answer and Giles cleaned his glasses in Sunnydale."
)
DOCTOR = (
    "The TARDIS landed in the garden. The Doctor stepped out, and Rose followed him. "
    "Rose said the Daleks were gone. The Doctor grinned and Martha laughed. "
    "Rose and Martha went back inside the TARDIS while the Doctor talked about Gallifrey."
)


def fandoms(work: Work) -> list[str]:
    return [t.name for t in work.tags_of("fandom")]


def test_fandom_is_inferred_with_confidence_and_evidence() -> None:
    w = work_of(BUFFY)
    fandom_tagger(w)
    (tag,) = w.tags_of("fandom")
    assert tag.name == "Buffy the Vampire Slayer (TV)"
    assert tag.source == "inferred" and tag.tagger == "fandom"
    assert 0.5 < tag.confidence <= 1.0
    for ev in tag.evidence:
        assert ev.chapter == 1 and ev.start is not None and ev.end is not None
        assert BUFFY[ev.start : ev.end] in ev.quote


def test_shared_buffyverse_characters_do_not_add_angel_the_series() -> None:
    w = work_of(BUFFY)
    fandom_tagger(w)
    assert "Angel: the Series" not in fandoms(w)


def test_crossover_tags_both_fandoms_when_both_are_present() -> None:
    w = work_of(BUFFY + "\n\n" + DOCTOR)
    fandom_tagger(w)
    assert set(fandoms(w)) == {"Buffy the Vampire Slayer (TV)", "Doctor Who & Related Fandoms"}


def test_common_given_names_alone_are_no_guess() -> None:
    text = (
        "John went to work. Mary said hello to John and Sam. Peter called John twice. "
        "Sam laughed at Mary and John sighed. Mary left early; Sam and John stayed late."
    )
    w = work_of(text)
    fandom_tagger(w)
    assert fandoms(w) == []


def test_common_first_names_one_pack_has_are_no_guess() -> None:
    # Anna, Michael and Claire are each a character of one pack only, but an original
    # story about a marriage names them as often as a fan work would.
    text = (
        "Anna set the table while Michael read the paper. Claire came by at seven with "
        "wine. Michael kissed Anna on the cheek and went to open the door for Claire. "
        "Later Anna and Claire washed up, and Michael fell asleep in his chair. "
        "Claire said goodbye at ten; Anna watched her car from the window."
    )
    w = work_of(text)
    fandom_tagger(w)
    assert fandoms(w) == []


def test_full_names_of_a_pack_are_evidence_where_first_names_are_not() -> None:
    text = (
        "Anna Milton stood in the rain. Michael watched her from the roof. Claire Novak "
        "was late again, and Anna Milton did not wait. Michael said nothing to Claire."
    )
    w = work_of(text)
    fandom_tagger(w)
    assert fandoms(w) == ["Supernatural (TV 2005)"]


def test_one_rare_name_with_more_characters_of_the_pack_is_enough() -> None:
    # Castiel is the one name only that fandom uses; Dean, Sam and Bobby are common.
    text = (
        "Dean sat on the motel bed. Castiel stood by the window. Sam went out for pie "
        "and Bobby called about the salt lines. Dean laughed; Castiel did not. Sam came "
        "back at eleven and Dean looked away from Castiel."
    )
    w = work_of(text)
    fandom_tagger(w)
    assert fandoms(w) == ["Supernatural (TV 2005)"]


def test_a_second_fandom_needs_words_the_first_does_not_explain() -> None:
    # "John" and "Mary" are John Watson and Mary Morstan here, not the Winchesters.
    sherlock = (
        "Sherlock Holmes played the violin at Baker Street while John Watson wrote. "
        "Mrs. Hudson brought tea. Lestrade called about a case; Mycroft Holmes did not. "
    )
    names = "John laughed. Mary smiled at John, and John at Mary. "
    w = work_of((sherlock + names) * 4 + "Adam Milligan and Claire came by once.")
    fandom_tagger(w)
    assert fandoms(w) == ["Sherlock (TV)"]


def test_single_passing_reference_is_no_guess() -> None:
    text = "They watched a film about Hogwarts and then went to bed. " * 3
    w = work_of(text)
    fandom_tagger(w)
    assert fandoms(w) == []


def test_stated_fandom_is_left_alone() -> None:
    w = work_of(BUFFY)
    w.add_tag(Tag("fandom", "Doctor Who", evidence=[Evidence(field="Fandom")]))
    fandom_tagger(w)
    assert fandoms(w) == ["Doctor Who"]


def test_header_fandom_line_is_normalised_to_the_pack_name() -> None:
    w = work_of("Nothing much happens here.", header={"Fandom": "BtVS / Harry Potter"})
    fandom_tagger(w)
    assert set(fandoms(w)) == {"Buffy the Vampire Slayer (TV)", "Harry Potter - J. K. Rowling"}
    assert all(t.evidence[0].field == "Fandom" for t in w.tags_of("fandom"))


def test_ten_thousand_distinct_capitalised_words_give_no_fandom() -> None:
    rng = random.Random(5)
    words = {
        rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=6))
        for _ in range(10000)
    }
    names = ["Buffy", "Harry", "Sherlock", "Frodo", "Dean", "Castiel", "Merlin", "Arthur"]
    text = " ".join(sorted(words | set(names))) + "."
    w = work_of(text)
    fandom_tagger(w)
    assert fandoms(w) == []


def test_non_english_text_gives_no_fandom() -> None:
    text = (
        "Die Nacht war kalt. Anna ging mit ihrem Bruder durch die Stadt, vorbei an der "
        "Kirche und dem Markt. Der Engel auf dem Dach glänzte im Mondlicht. Sie sprachen "
        "über den Winter, über die Schule und über den Hund des Nachbarn. "
    ) * 20
    w = work_of(text)
    fandom_tagger(w)
    assert fandoms(w) == []


def test_guest_characters_do_not_pull_a_story_into_the_related_fandom() -> None:
    text = (
        "Buffy patrolled with Willow. Xander brought snacks and Giles brought books. "
        "Buffy told Giles that Willow and Xander were late again. Buffy sighed."
    )
    w = work_of(text)
    fandom_tagger(w)
    assert fandoms(w) == ["Buffy the Vampire Slayer (TV)"]


def test_angel_story_is_tagged_angel_the_series() -> None:
    text = (
        "Angel came down the stairs of the Hyperion. Gunn was sharpening an axe and Fred "
        "was drawing a portal. Wesley said the demon worked for Wolfram & Hart. Lorne "
        "sang in the kitchen while Gunn and Fred argued about physics."
    )
    w = work_of(text)
    fandom_tagger(w)
    assert fandoms(w) == ["Angel: the Series"]


def test_legend_figures_named_in_passing_do_not_outvote_the_storys_hero() -> None:
    # A story about Harry Potter whose wizards of legend (Merlin, Morgana) come up in
    # passing is no Merlin (TV) story: its most named person is another canon's own.
    hero = " ".join(
        [
            "Harry Potter walked the cliff path at Tintagel. Harry looked at the sea.",
            "Potter had read about the ruins. Harry kept his wand in his sleeve.",
        ]
        * 6
    )
    legend = (
        "The guide said Merlin had lived in the cave below, and that Morgana had cursed "
        "the castle. Merlin was a legend, Morgana a warning. Merlin, Morgana, Arthur: "
        "old names. Harry nodded. The guide spoke of Merlin and Morgana once more."
    )
    w = work_of(f"{hero}\n\n{legend}")
    fandom_tagger(w)
    assert "Merlin (TV)" not in fandoms(w)


def test_a_merlin_story_naming_its_people_most_is_still_merlin() -> None:
    text = " ".join(
        [
            "Merlin hurried through Camelot with Gaius's satchel. Arthur shouted for him.",
            "Morgana watched from the window. Gaius sighed, and Merlin ran faster.",
        ]
        * 4
    )
    w = work_of(text)
    fandom_tagger(w)
    assert fandoms(w)[:1] == ["Merlin (TV)"]
