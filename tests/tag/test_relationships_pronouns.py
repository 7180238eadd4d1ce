"""A couple told in pronouns and in one sentence: the partner a pronoun stands for in a
story of two, "they" in a story of two, one kiss that names the story's two most named,
sex told as an idiom or plainly; and the same shapes where no couple is (a third lead as
present, a kiss between a lead and a lesser character, two moving through a crowd)."""

from __future__ import annotations

from relationship_fixtures import rels, with_characters

from fandex.model import Chapter, Tag, Work
from fandex.tag.relationships import ONE_CUE_CONFIDENCE, relationship_tagger
from fandex.tag.romance import score_pairs

# About seven hundred characters that name no one: past the look-back for a pronoun's
# partner (600 characters), within a scene.
FILLER = (
    "The house had been empty for a year and smelled of it. The plaster in the hall was "
    "cracked along the stairs, and the kitchen tap coughed brown water for a full minute "
    "before it ran clear. There were boxes on every floor, labelled in two hands, and a "
    "kettle that had come in the car because nobody trusted the removal van with it. "
    "Outside, a generator ran somewhere down the hill, and a dog barked at it. The "
    "shutters were stiff with paint and took both hands to open. Light came in stripes "
    "across the boards. There was a list on the back of an envelope: glass, fuse, bread, "
    "a man about the roof. The list was long and the afternoon was short. "
)
TWO = (
    "Oru Telk and Vasha Nim came back to the house in the spring. Oru carried the "
    "kettle. Vasha carried the list. " + FILLER + "That night, on the mattress on the "
    "floor, he kissed her neck, and the shutters rattled in the wind."
)


def test_a_pronoun_in_a_story_of_two_stands_for_its_other_lead() -> None:
    w = with_characters(TWO, "Oru Telk", "Vasha Nim")
    pairs = score_pairs(w).pairs
    assert ("Oru Telk", "Vasha Nim") in pairs
    assert pairs[("Oru Telk", "Vasha Nim")].strong == 1


def test_a_pronoun_is_no_one_s_where_a_third_lead_is_as_present() -> None:
    text = TWO.replace("Vasha carried the list.", "Vasha and Pell Quist carried the list.")
    w = with_characters(text, "Oru Telk", "Vasha Nim", "Pell Quist")
    assert not score_pairs(w).pairs


def _led(text: str, shares: dict[str, float]) -> Work:
    w = Work(chapters=[Chapter(1, text=text)])
    for name, share in shares.items():
        w.add_tag(Tag("character", name, "inferred", 0.9, attrs={"share": share}))
    relationship_tagger(w)
    return w


# A story of three whose two most named kiss once, in a sentence that names both.
THREE = (
    "Ilse Varn ran the ferry and Pell Quist kept its books, and Cal Moss sold tickets on "
    "the landing. Ilse Varn counted heads. Pell Quist counted coins. Cal Moss counted "
    "the clouds. At the last crossing of the year Ilse Varn kissed Pell Quist by the "
    "rail. Cal Moss pretended to read the timetable. Ilse Varn laughed. Pell Quist "
    "laughed. They tied up at dusk and walked home along the river. " + FILLER
)


def test_one_kiss_naming_the_story_s_two_most_named_is_their_couple() -> None:
    w = _led(THREE, {"Ilse Varn": 1.0, "Pell Quist": 0.9, "Cal Moss": 0.7})
    got = rels(w)
    assert "Ilse Varn/Pell Quist" in got
    assert 0.6 <= got["Ilse Varn/Pell Quist"].confidence <= ONE_CUE_CONFIDENCE


def test_one_kiss_with_a_lesser_character_is_no_couple() -> None:
    text = THREE.replace("Ilse Varn kissed Pell Quist", "Ilse Varn kissed Cal Moss")
    w = _led(text, {"Ilse Varn": 1.0, "Pell Quist": 0.9, "Cal Moss": 0.7})
    assert not [n for n in rels(w) if "/" in n]


def test_one_kiss_told_in_pronouns_among_three_is_no_couple() -> None:
    text = THREE.replace("Ilse Varn kissed Pell Quist", "she kissed him")
    w = _led(text, {"Ilse Varn": 1.0, "Pell Quist": 0.9, "Cal Moss": 0.7})
    assert not [n for n in rels(w) if "/" in n]


# Two people only, who kiss once in a sentence that names neither: "they".
THEY = (
    "Oru Telk and Vasha Nim packed the last of the flat into boxes. Oru wrapped the "
    "plates. Vasha taped the books. It was late, and there was nothing left to sit on, "
    "and then they were kissing on the bare floor, slow and familiar. In the morning "
    "the van came and took the boxes away."
)


def test_they_in_a_story_of_two_are_its_two_leads() -> None:
    w = with_characters(THEY, "Oru Telk", "Vasha Nim")
    assert "Oru Telk/Vasha Nim" in rels(w)


def test_they_are_no_couple_where_a_third_lead_is_as_present() -> None:
    text = THEY.replace("Vasha taped the books.", "Vasha and Pell Quist taped the books.")
    w = with_characters(text, "Oru Telk", "Vasha Nim", "Pell Quist")
    assert not [n for n in rels(w) if "/" in n]


# Sex told plainly, in words that are not sexual on their own.
PLAIN = (
    "Ada Hart and Ben Lowe got back to the cottage after midnight. Ada lit the stove. "
    "Later, under the blanket, Ada and Ben moved together, slow at first."
)


def test_moving_together_is_intimate_and_counts_half() -> None:
    ps = score_pairs(with_characters(PLAIN, "Ada Hart", "Ben Lowe")).pairs[("Ada Hart", "Ben Lowe")]
    assert (ps.strong, ps.romantic, ps.score) == (0, 1, 0.5)


def test_moving_together_once_through_a_crowd_is_no_couple() -> None:
    text = PLAIN.replace("Later, under the blanket,", "At the fair,").replace(
        "slow at first", "through the crowd to the gate"
    )
    assert not [n for n in rels(with_characters(text, "Ada Hart", "Ben Lowe")) if "/" in n]


def test_sleeping_together_is_a_couple_s() -> None:
    text = PLAIN.replace("moved together, slow at first", "slept together, slow at first")
    w = with_characters(text, "Ada Hart", "Ben Lowe")
    assert score_pairs(w).pairs[("Ada Hart", "Ben Lowe")].strong == 1
    assert "Ada Hart/Ben Lowe" in rels(w)
