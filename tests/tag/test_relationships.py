"""The relationship tagger: on-page romance between two named characters, past kept apart."""

from __future__ import annotations

import re

import pytest

from fandex.model import Chapter, Evidence, Tag, Work
from fandex.tag.calibration import calibrated
from fandex.tag.characters import character_tagger
from fandex.tag.fandom import fandom_tagger
from fandex.tag.relationships import PAST_CONFIDENCE, relationship_tagger
from fandex.tag.romance import score_pairs
from fandex.tag.romance_people import addressed, vocatives


def run(text: str, fandom: str = "Buffy the Vampire Slayer (TV)") -> Work:
    w = Work(chapters=[Chapter(1, text=text)])
    w.add_tag(Tag("fandom", fandom, evidence=[Evidence(field="Fandom")]))
    fandom_tagger(w)
    character_tagger(w)
    relationship_tagger(w)
    return w


def with_characters(text: str, *names: str) -> Work:
    """A work whose characters are given (a fandom no pack knows), relationships tagged."""
    w = Work(chapters=[Chapter(1, text=text)])
    for name in names:
        w.add_tag(Tag("character", name))
    relationship_tagger(w)
    return w


def rels(w: Work) -> dict[str, Tag]:
    return {t.name: t for t in w.tags_of("relationship")}


def romantic(w: Work) -> list[str]:
    """The romantic relationships of ``w`` (relatives may have a platonic one)."""
    return [t.name for t in w.tags_of("relationship") if "/" in t.name]


ROMANCE = (
    "Buffy and Willow were studying when Spike came in. Spike kissed Buffy in the "
    "doorway. Willow pretended to read. Later Buffy kissed Spike again on the porch, "
    "and Spike told Buffy he was in love with her."
)


def test_repeated_on_page_kissing_gives_a_sorted_relationship_with_evidence() -> None:
    w = run(ROMANCE)
    tag = rels(w)["Buffy Summers/Spike"]
    assert tag.source == "inferred" and tag.tagger == "relationships"
    assert 0.5 < tag.confidence < 1.0
    ev = tag.evidence[0]
    assert ev.chapter == 1 and ev.start is not None and ev.end is not None
    assert "kissed" in ROMANCE[ev.start : ev.end]
    assert "Buffy Summers/Willow Rosenberg" not in rels(w)


def test_single_kiss_is_not_enough() -> None:
    w = run("Buffy and Willow sat down. Spike kissed Buffy once. Willow laughed.")
    assert rels(w) == {}


FRIENDS = (
    "Buffy and Willow walked to school. Willow told Buffy about the test. "
    "Buffy laughed at Willow and Xander joined them at the gate."
)
# A mother's kiss and a daughter's love are a relative's affection, not romance.
FAMILY = (
    "Joyce kissed her daughter goodnight. Buffy hugged her mother at the door, and "
    "Joyce kissed Buffy on the forehead. Buffy told her mother she loved her, and "
    "Joyce held her in her arms for a long time."
)


@pytest.mark.parametrize("text", [FRIENDS, FAMILY], ids=["friends", "family"])
def test_friends_or_relatives_without_romance_get_no_romantic_relationship(text: str) -> None:
    assert not romantic(run(text))


def test_friends_without_words_for_it_get_no_relationship() -> None:
    assert rels(run(FRIENDS)) == {}


# Two sisters no pack knows, the text saying so; no romance anywhere.
SISTERS = (
    "Marta Quill opened the bakery at six. Her sister Odile came in at seven with the "
    "flour. Marta said the oven was slow again. Odile laughed and lit it anyway, and "
    "Marta watched her. Odile shaped the loaves while Marta counted the till. By noon "
    "Odile had burned one tray, and Marta said nothing, and Odile thanked her for it."
)


def test_a_story_about_two_relatives_gets_their_platonic_bond() -> None:
    w = run(SISTERS, "Original Work")
    tag = rels(w)["Marta Quill & Odile"]
    assert tag.source == "inferred" and tag.confidence >= 0.6
    assert all("Marta" in e.quote and "Odile" in e.quote for e in tag.evidence)
    assert not romantic(w)


SISTERS_TOGETHER = (
    "Buffy and Dawn walked home from the Bronze. Dawn talked about school; Buffy listened. "
    "Dawn wanted ice cream. Buffy bought her some. Dawn laughed. Buffy laughed too. Dawn "
    "rolled her eyes at Buffy. "
)


def test_two_relatives_of_a_pack_leading_a_story_get_their_platonic_bond() -> None:
    assert "Buffy Summers & Dawn Summers" in rels(run(SISTERS_TOGETHER))


def test_a_relative_beside_a_romance_gets_no_platonic_bond() -> None:
    # A kiss with Spike: romance holds Buffy, so the story is not only about two sisters.
    text = SISTERS_TOGETHER + "At the door Spike kissed Buffy, and Buffy kissed him back."
    assert not [name for name in rels(run(text)) if "&" in name]


def test_past_relationship_is_marked_past_with_lower_confidence() -> None:
    text = (
        "Wesley thought of Virginia, his former fiancée, who had kissed him years ago. "
        "Wesley remembered how Virginia used to kiss him goodbye. Wesley and Virginia "
        "had been lovers once, long ago, before she left."
    )
    w = run(text, "Angel: the Series")
    tag = rels(w)["Virginia Bryce/Wesley Wyndam-Pryce"]
    assert tag.attrs["status"] == "past"
    assert tag.confidence <= PAST_CONFIDENCE < 0.6


def test_pronoun_partner_is_taken_from_just_before_at_half_weight() -> None:
    text = (
        "Merlin sat in the armoury. Arthur came in. He kissed him. "
        "Arthur kissed Merlin again. Merlin kissed Arthur back."
    )
    w = run(text, "Merlin (TV)")
    assert "Arthur Pendragon (Merlin)/Merlin (Merlin)" in rels(w)


def test_stated_relationship_is_kept() -> None:
    w = Work(chapters=[Chapter(1, text=ROMANCE)])
    stated = Tag("relationship", "Buffy Summers/Spike", evidence=[Evidence(field="Pairing")])
    w.add_tag(stated)
    w.add_tag(Tag("fandom", "BtVS"))
    character_tagger(w)
    relationship_tagger(w)
    assert w.find_tag("relationship", "Buffy Summers/Spike") is stated


SIBLINGS = (
    "Sherlock met Mycroft at the club. Mycroft kissed Sherlock on both cheeks, as their "
    "mother always had, and Sherlock kissed Mycroft back. Later Mycroft told Sherlock he "
    "loved him, brother to brother, and Sherlock embraced Mycroft at the door."
)


def test_no_romance_is_inferred_between_relatives() -> None:
    w = run(SIBLINGS, "Sherlock (TV)")
    assert "Mycroft Holmes/Sherlock Holmes" not in rels(w)


def test_a_stated_platonic_pair_is_never_turned_into_a_romantic_one() -> None:
    text = (
        "John came home late. Greg kissed John in the hall, and John kissed Greg back. "
        "Greg told John he loved him, and John said he loved Greg too."
    )
    w = Work(chapters=[Chapter(1, text=text)])
    w.add_tag(Tag("fandom", "Sherlock (TV)"))
    w.add_tag(Tag("relationship", "Greg Lestrade & John Watson"))
    character_tagger(w)
    relationship_tagger(w)
    assert "Greg Lestrade/John Watson" not in rels(w)
    assert rels(w)["Greg Lestrade & John Watson"].source == "stated"


def test_a_name_word_two_characters_share_is_no_evidence_for_either() -> None:
    text = (
        "Naori waited at the gate. Naori kissed the Uchiha heir when he came. Later Naori "
        "kissed the Uchiha again by the river, and told the Uchiha she loved him."
    )
    w = with_characters(text, "Uchiha Madara", "Uchiha Izuna", "Uchiha Naori")
    assert rels(w) == {}


def test_the_couple_at_the_centre_of_a_short_story_is_found() -> None:
    text = (
        "Tara slept in the armchair. Willow watched her for a while, then went over and "
        "kissed her hair. Later Buffy came in with the shopping and said nothing.\n\n"
        "At the table Tara leaned her head on Willow's shoulder, and Willow kissed her."
    )
    w = run(text)
    tag = rels(w)["Tara Maclay/Willow Rosenberg"]
    # The pair holds all the story's romance; its confidence is what the map fitted on
    # labelled works says such a guess is worth.
    assert tag.attrs["dominance"] == 1.0 and tag.attrs["named"] == 1
    values = {k: tag.attrs[k] for k in ("cues", "named", "dominance", "pair_share", "spread")}
    expected = calibrated(
        "relationship", tag.attrs["raw_confidence"], words=tag.attrs["words"], **values
    )
    assert tag.confidence == pytest.approx(expected, abs=1e-3)


def test_a_bystander_named_beside_a_kiss_is_not_its_partner() -> None:
    text = (
        "Buffy and Willow sat on the porch. Later Xander watched Willow kiss Tara by the "
        "gate, and Tara kissed Willow back. Xander went inside. Willow kissed Tara again "
        "at the door, and told Tara she loved her."
    )
    got = rels(run(text))
    assert "Tara Maclay/Willow Rosenberg" in got
    assert not any("Xander" in name for name in got)


def test_three_partners_named_together_are_one_triad() -> None:
    text = (
        "Mara, Tobin and Ilsa shared the cabin. Mara kissed Tobin at breakfast, and Ilsa "
        "kissed them both. Tobin kissed Ilsa by the stove while Mara laughed. In bed that "
        "night Mara kissed Ilsa, and Tobin kissed Mara, and Ilsa held Tobin's hand. "
        "Later Ilsa and Tobin and Mara made love, slowly, in the warm dark."
    )
    w = with_characters(text, "Mara Quell", "Tobin Ashe", "Ilsa Dane")
    assert set(rels(w)) == {"Ilsa Dane/Mara Quell/Tobin Ashe"}


def test_a_pair_whose_people_kiss_others_holds_less_of_their_romance() -> None:
    couple = (
        "Buffy kissed Spike in the crypt. Spike kissed Buffy back. Buffy kissed Spike "
        "again at dawn, and Spike told Buffy he loved her. Later Willow kissed Tara, and "
        "Tara kissed Willow. Willow told Tara she loved her."
    )
    alone = rels(run(couple))["Buffy Summers/Spike"]
    shared = rels(run(couple + " At the party Willow kissed Buffy, and Buffy kissed Willow."))
    spuffy = shared["Buffy Summers/Spike"]
    assert alone.attrs["dominance"] == 1.0
    # Three of the four cue sentences Buffy and Spike are in are with each other.
    assert spuffy.attrs["dominance"] == pytest.approx(0.75)
    assert spuffy.confidence < alone.confidence


def test_two_people_no_pack_knows_who_share_a_family_name_are_never_a_couple() -> None:
    text = (
        "Ada and Ben sat in the attic. Ada kissed Ben on the cheek, and Ben kissed Ada "
        "back. Ada told Ben she loved him, and Ben held Ada in his arms."
    )
    w = with_characters(text, "Ada Hart", "Ben Hart")
    assert romantic(w) == []


def test_a_family_word_next_to_the_cue_is_affection_one_further_off_a_bystander() -> None:
    family = (
        "Mara kissed her son Tobin goodnight. Tobin told his mother Mara he loved her, "
        "and Mara kissed her boy Tobin on the forehead."
    )
    assert rels(with_characters(family, "Mara Quell", "Tobin Ashe")) == {}
    couple = (
        "Mara kissed Tobin on the quay, there in the rain by the harbour wall, with her "
        "aunt's neighbours looking on. Tobin kissed Mara back and told Mara he loved her."
    )
    assert "Mara Quell/Tobin Ashe" in rels(with_characters(couple, "Mara Quell", "Tobin Ashe"))


def test_a_short_storys_couple_is_found_from_two_moments() -> None:
    # Two hundred words, a held hand and one kiss: the couple the story is about.
    filler = "The ward was quiet and the kettle was on and the rain ran down the glass. "
    text = (
        "Maya Osei sat down in the break room. Tom Larkin brought her tea. "
        + filler * 4
        + "Maya yawned. Tom took her hand and looked at the bruise on her wrist. "
        + filler * 4
        + "Tom found his keys. In the car park Maya kissed him, and said, 'Home.' "
    )
    w = with_characters(text, "Maya Osei", "Tom Larkin")
    assert "Maya Osei/Tom Larkin" in rels(w)
    # The same two moments in a long story are not enough.
    long = with_characters(text + filler * 200, "Maya Osei", "Tom Larkin")
    assert rels(long) == {}


def test_a_partner_word_ties_two_people_only_with_a_name_beside_it() -> None:
    loose = (
        "Jonah drove them to the coast, and Dev, who had a girlfriend in Croydon, kept "
        "texting. Jonah laughed at Dev, who had a girlfriend he never introduced."
    )
    assert rels(with_characters(loose, "Jonah Price", "Dev Anand")) == {}
    tied = (
        "Jonah's husband Dev met him at the station. Dev, Jonah's husband of ten years, "
        "carried his bag. Jonah kissed Dev on the platform."
    )
    assert "Dev Anand/Jonah Price" in rels(with_characters(tied, "Jonah Price", "Dev Anand"))


def test_a_kiss_on_the_cheek_counts_less_than_a_kiss() -> None:
    def cues(how: str) -> float:
        text = f"Maria Lund met Erik Sand at the gate. Maria kissed Erik{how}. " * 3
        (tag,) = with_characters(text, "Maria Lund", "Erik Sand").tags_of("relationship")
        return float(tag.attrs["cues"])

    assert cues(" on the cheek") == pytest.approx(cues("") / 2)


def test_a_pronouns_partner_is_someone_of_its_gender() -> None:
    # "Erik kissed him": not Maria, the woman named just before, but Tomas.
    text = (
        "Tomas Berg came in from the snow. Maria Lund read by the fire. Erik Sand kissed "
        "him. Later Tomas sat down, and Erik kissed him again by the door."
    )
    got = rels(with_characters(text, "Tomas Berg", "Maria Lund", "Erik Sand"))
    assert "Erik Sand/Tomas Berg" in got
    assert not any("Maria" in name for name in got)


def test_a_sentence_that_speaks_of_none_of_them_is_nobodys_romance() -> None:
    text = (
        "Greg Lestrade read out the file to Sherlock Holmes. The second wife married a "
        "rich old man. The first wife married a banker. A neighbour kissed the postman. "
        "Greg Lestrade closed the file and Sherlock Holmes stood up."
    )
    assert rels(with_characters(text, "Greg Lestrade", "Sherlock Holmes")) == {}


FRIENDS_STATED = (
    "Aled Morgan and Ifan Pryce had been best friends since they were six. The sea was "
    "bad that night. Ifan went in on the line and Aled went in after him. In the station "
    "Ifan leaned on Aled's shoulder, and Aled put his arm round Ifan until the soup came."
)


def test_a_friendship_the_text_states_is_a_platonic_relationship() -> None:
    w = with_characters(FRIENDS_STATED, "Aled Morgan", "Ifan Pryce")
    tag = rels(w)["Aled Morgan & Ifan Pryce"]
    assert tag.source == "inferred" and 0 < tag.confidence <= 1
    assert all("Aled" in ev.quote and "Ifan" in ev.quote for ev in tag.evidence)


def test_no_friendship_is_guessed_from_time_spent_together() -> None:
    text = FRIENDS_STATED.replace("had been best friends since they were six", "met at six")
    assert rels(with_characters(text, "Aled Morgan", "Ifan Pryce")) == {}


def test_friends_who_kiss_or_whom_the_author_paired_get_no_ampersand() -> None:
    kissing = FRIENDS_STATED + " Then Aled kissed Ifan, and Ifan kissed Aled back."
    assert not any("&" in n for n in rels(with_characters(kissing, "Aled Morgan", "Ifan Pryce")))
    w = Work(chapters=[Chapter(1, text=FRIENDS_STATED)])
    w.add_tag(Tag("relationship", "Aled Morgan/Ifan Pryce"))
    for name in ("Aled Morgan", "Ifan Pryce"):
        w.add_tag(Tag("character", name))
    relationship_tagger(w)
    assert [t.name for t in w.tags_of("relationship")] == ["Aled Morgan/Ifan Pryce"]


def test_a_friendship_of_the_past_is_not_tagged() -> None:
    text = FRIENDS_STATED.replace("had been best friends", "used to be best friends")
    assert rels(with_characters(text, "Aled Morgan", "Ifan Pryce")) == {}


def test_a_name_far_past_kissed_him_is_in_another_clause() -> None:
    text = (
        "Scott Hale played like a demon. After the whistle Allison Reed ran down and "
        "kissed him on the field, in front of the whole school, and Stiles Moore cheered "
        "from the stands. Later Allison kissed Scott by the bus, and Scott kissed her back."
    )
    got = rels(with_characters(text, "Scott Hale", "Allison Reed", "Stiles Moore"))
    assert "Allison Reed/Scott Hale" in got
    assert not any("Stiles" in name for name in got)


def test_kissing_his_wife_is_not_kissing_the_next_name() -> None:
    text = (
        "Mary Morstan came out to find them, and John Watson turned and kissed his wife, "
        "and Sherlock Holmes looked at the sky. John kissed Mary again at the car."
    )
    romance = score_pairs(with_characters(text, "Mary Morstan", "John Watson", "Sherlock Holmes"))
    assert set(romance.pairs) == {("John Watson", "Mary Morstan")}


def test_two_people_named_together_are_the_pair_of_what_both_do() -> None:
    text = (
        "When Ron Weald and Hermione Gray came back in, pink with cold and holding hands, "
        "Neville Long started a slow clap. Ron kissed Hermione at the door."
    )
    got = rels(with_characters(text, "Ron Weald", "Hermione Gray", "Neville Long"))
    assert "Hermione Gray/Ron Weald" in got
    assert not any("Neville" in name for name in got)


def test_a_declaration_in_dialogue_is_between_the_people_around_the_quote() -> None:
    text = (
        "The hill was steep and the light was going, and the lake was still far off.\n\n"
        '"I love you." Mira Solt held on to Arlo Venn as the light went.\n\n'
        '"I love you too." Arlo Venn smiled at Mira Solt, and then he was still.\n\n'
    )
    romance = score_pairs(with_characters(text, "Arlo Venn", "Mira Solt"))
    ps = romance.pairs[("Arlo Venn", "Mira Solt")]
    assert ps.sentences == 2 and ps.people == {"Arlo Venn", "Mira Solt"}
    assert all("Mira" in ev.quote and "Arlo" in ev.quote for ev in ps.evidence)


# Inside dialogue a name set off by commas is the one spoken to: a cue said of others is
# not about them, nor about its speaker; a cue addressed to them is theirs and the speaker's.
SAID_OF_OTHERS = (
    'Orla put the kettle on. "How is he sleeping with Tamsin, Orla?" Brede asked.\n\n'
    '"He kissed Tamsin on the stairs, Orla." Brede frowned.\n\n'
    '"Orla, he is dating Tamsin!" said Brede.\n\n'
    '"Tamsin is in love with him," Brede told Orla.\n\n'
)


def test_a_cue_said_of_others_is_not_about_the_one_spoken_to_nor_the_speaker() -> None:
    got = rels(with_characters(SAID_OF_OTHERS, "Orla Finn", "Tamsin Gale", "Brede Moss"))
    assert not any("Orla" in name or "Brede" in name for name in got)


ADDRESSED = (
    'Sherlock had gone upstairs. "I love you, Greg," said Mycroft.\n\n'
    '"Greg, marry me." Mycroft took a breath.\n\n'
    '"Kiss me, Greg," Mycroft said, and Greg did.\n\n'
)


def test_a_cue_addressed_to_the_one_spoken_to_is_theirs_and_the_speakers() -> None:
    got = rels(with_characters(ADDRESSED, "Greg Lestrade", "Mycroft Holmes", "Sherlock Holmes"))
    assert list(got) == ["Greg Lestrade/Mycroft Holmes"]


@pytest.mark.parametrize(
    ("line", "cue", "to_them"),
    [
        ('"I love you, Orla."', "love you", True),
        ('"Orla, marry me."', "marry", True),
        ('"Don\'t be in love with me, Orla."', "in love with", True),
        ('"Go home to your husband, Orla."', "husband", True),
        ('"He kissed me, Orla."', "kissed", False),
        ('"How is he sleeping with Tamsin, Orla?"', "sleeping with", False),
    ],
)
def test_a_cue_is_addressed_to_the_listener_by_you_or_a_bidding(
    line: str, cue: str, to_them: bool
) -> None:
    at = line.index(cue)
    assert addressed(line, at, at + len(cue)) is to_them


@pytest.mark.parametrize(
    ("line", "spoken_to"),
    [
        ('"How is he sleeping with Tamsin, Orla?"', {"Orla"}),
        ('"Orla, marry me."', {"Orla"}),
        ('"Oh Orla, there you are."', {"Orla"}),
        ('"I saw Tamsin, Orla, and Brede."', set()),  # a list
        ("He kissed Tamsin, Orla said.", set()),  # no dialogue
        ('"Orla\'s dating Tamsin."', set()),
    ],
)
def test_a_name_set_off_in_dialogue_is_the_one_spoken_to(line: str, spoken_to: set[str]) -> None:
    inside = [(m.start(), m.end(), m.group()) for m in re.finditer(r"Orla|Tamsin|Brede", line)]
    assert vocatives(line, inside) == spoken_to


def test_a_teams_declaration_is_no_couples() -> None:
    text = (
        "Tanaka Ryu ran onto the court past Kiyoko Shimizu. 'We love you!' shouted the "
        "bench at Kiyoko Shimizu. Tanaka Ryu grinned. 'I love you all,' said Tanaka Ryu."
    )
    assert score_pairs(with_characters(text, "Tanaka Ryu", "Kiyoko Shimizu")).pairs == {}


def test_love_you_counts_half_what_in_love_with_does() -> None:
    # Brothers, sisters and old friends say "love you" as often as a couple.
    said = 'Ezra Cole grinned at Noah Vale. "Love you, you idiot," said Ezra Cole to Noah Vale.'
    fell = "Ezra Cole grinned at Noah Vale. Ezra Cole was in love with Noah Vale."
    names = ("Ezra Cole", "Noah Vale")
    weak = score_pairs(with_characters(said, *names)).pairs[names]
    strong = score_pairs(with_characters(fell, *names)).pairs[names]
    assert weak.score == pytest.approx(strong.score / 2)


# Kinship the text states between two named people (fandex/tag/kinship.py). Each couple
# below kisses, holds hands and declares love in three sentences: enough for a pair.
def kissing(a: str, b: str) -> str:
    return (
        f" Later {a} kissed {b} by the window, and {b} kissed {a} back. {a} told {b} "
        f"she loved her, and {b} held {a} in her arms."
    )


@pytest.mark.parametrize(
    "said",
    [
        "Hattie's sister Clara came to stay.",
        "Her sister Clara came to stay.",
        "Her little sister, Clara, came to stay.",
        "Clara, Hattie's younger sister, came to stay.",
        "Clara, her sister, came to stay.",
        "Clara was her stepsister.",
        "Hattie Vale and Clara were twins.",
        '"My sister Clara is staying," said Hattie.',
    ],
    ids=["possessive", "pronoun", "apposition", "after", "after-pronoun", "step", "pair", "my"],
)
def test_two_people_the_text_calls_sisters_are_never_a_couple(said: str) -> None:
    text = "Hattie Vale opened the door of the flat. " + said + kissing("Clara", "Hattie")
    assert romantic(with_characters(text, "Hattie Vale", "Clara")) == []


@pytest.mark.parametrize(
    "said",
    [
        "Hattie's sister-in-law Clara came to stay.",
        "Her sister's friend Clara came to stay.",
        "Her sister, Clara said, was coming to stay.",
        "Clara and Hattie were sisters in arms.",
        "Mabel Ross came in. Her sister Clara came to stay.",
    ],
    ids=["in-law", "third-party", "clause", "figurative", "someone-elses"],
)
def test_a_kin_word_that_does_not_tie_the_two_leaves_the_couple(said: str) -> None:
    text = "Hattie Vale opened the door of the flat. " + said + kissing("Clara", "Hattie")
    got = rels(with_characters(text, "Hattie Vale", "Clara", "Mabel Ross"))
    assert "Clara/Hattie Vale" in got


def test_a_pronouns_kin_is_the_nearest_person_of_its_gender() -> None:
    couple = (
        " Later Sam kissed Nora by the window, and Nora kissed Sam back. Sam told Nora "
        "he loved her, and Nora held Sam in her arms. Sam kissed Nora again at the door."
    )
    names = ("Tom Reed", "Nora Hale", "Sam")
    # "His brother" is Tom's, the man named before: Sam and Nora stay a couple.
    his = with_characters(
        "Tom Reed waved at Nora Hale. His brother, Sam, laughed." + couple, *names
    )
    assert "Nora Hale/Sam" in rels(his)
    # "Her brother" is Nora's.
    her = with_characters(
        "Tom Reed waved at Nora Hale. Her brother, Sam, laughed." + couple, *names
    )
    assert rels(her) == {}


def test_their_mother_is_the_mother_of_the_two_named_together() -> None:
    text = "Ada Lowe and Ben Moss sat down. Their mother, Ruth, came in." + kissing("Ruth", "Ada")
    assert rels(with_characters(text, "Ada Lowe", "Ben Moss", "Ruth")) == {}


def test_a_narrator_who_says_her_name_is_the_one_whose_sister_it_is() -> None:
    text = "My name is Hattie Vale and I keep a flat. My sister Clara came to stay." + kissing(
        "Clara", "Hattie"
    )
    assert romantic(with_characters(text, "Hattie Vale", "Clara")) == []
    # A narrator who never says her name: "my sister" is nobody's we know.
    unnamed = text.replace("My name is Hattie Vale and I", "I")
    assert "Clara/Hattie Vale" in rels(with_characters(unnamed, "Hattie Vale", "Clara"))


@pytest.mark.parametrize(
    "said",
    [
        "Nora Hale smiled at the girl, who ran to her mother Ruth.",
        "Nora Hale came in. Ruth handed her nephew Nora's coat.",
    ],
    ids=["someone-unnamed", "possessive-after"],
)
def test_a_kin_word_about_someone_else_leaves_the_couple(said: str) -> None:
    text = said + kissing("Ruth", "Nora")
    assert "Nora Hale/Ruth" in rels(with_characters(text, "Nora Hale", "Ruth"))


def test_a_given_name_coordinated_with_a_full_name_shares_its_family_name() -> None:
    # "Clara and Hattie Vale" names two Vales, who are never a couple no pack vouches for.
    opening = "Clara and Hattie Vale opened the door of the flat."
    assert (
        romantic(with_characters(opening + kissing("Clara", "Hattie"), "Hattie Vale", "Clara"))
        == []
    )
    # Two people only walking in together are not one family.
    apart = "Clara came in with Hattie Vale, and they opened the door of the flat."
    got = rels(with_characters(apart + kissing("Clara", "Hattie"), "Hattie Vale", "Clara"))
    assert "Clara/Hattie Vale" in got


def test_a_stated_short_form_of_a_packs_character_is_never_paired_with_him() -> None:
    # The author lists "Spike B." (a spelling no pack has): where the text names Spike,
    # it is the pack's Spike, not a second person kissing Buffy in every sentence he does.
    w = Work(chapters=[Chapter(1, text=ROMANCE)])
    w.add_tag(Tag("fandom", "Buffy the Vampire Slayer (TV)", evidence=[Evidence(field="F")]))
    w.add_tag(Tag("character", "Spike B.", "stated"))
    fandom_tagger(w)
    character_tagger(w)
    relationship_tagger(w)
    names = set(rels(w))
    assert "Buffy Summers/Spike" in names
    assert not any("Spike B." in n for n in names)


def test_a_second_kiss_in_one_sentence_counts_for_its_own_pair() -> None:
    # "kissed him, ..., and then kissed Ilsa": the sentence is evidence for both pairs.
    text = (
        "Mara laughed, and Tobin leaned over and kissed her, slowly, by the stove, and "
        "then kissed Ilsa. Later Tobin kissed Ilsa again in the doorway."
    )
    romance = score_pairs(with_characters(text, "Mara Quell", "Tobin Ashe", "Ilsa Dane"))
    assert romance.pairs[("Mara Quell", "Tobin Ashe")].sentences == 1
    assert romance.pairs[("Ilsa Dane", "Tobin Ashe")].sentences == 2


def test_a_sentence_counts_once_for_a_pair_at_its_strongest_reading() -> None:
    # The first kiss names one of them (the other is past "him"); the second names both.
    text = (
        "Ren said something sharp. Then Ilse kissed him, clumsily, with snow in her hair, "
        "and Ren put his hands on her face and kissed Ilse back."
    )
    ps = score_pairs(with_characters(text, "Ilse Varga", "Ren Okoye")).pairs
    pair = ps[("Ilse Varga", "Ren Okoye")]
    assert (pair.sentences, pair.named, pair.score) == (1, 1, 1.0)


def test_a_cue_that_counts_for_no_one_leaves_the_rest_of_its_sentence() -> None:
    # "his wife" names no one beside it; the kiss after it in the sentence still counts.
    text = (
        "After dinner Tom put his arm round his wife, and Clara leaned into Tom and "
        "kissed him. At the door Clara kissed Tom goodnight."
    )
    w = with_characters(text, "Tom Lowe", "Clara Reyes")
    assert rels(w)["Clara Reyes/Tom Lowe"].attrs["cues"] == 2.0


def test_a_kiss_whose_subject_is_a_partner_word_is_not_the_named_persons() -> None:
    # "Anna watched her husband kiss Claire": Anna kisses no one.
    text = (
        "Anna stood on the path and watched her husband kiss Claire under the stars. "
        "In the morning Anna saw her husband kiss Claire again, by the boathouse."
    )
    w = with_characters(text, "Anna Berg", "Claire Dunn")
    assert rels(w) == {}


def test_what_two_do_together_is_not_a_pair_out_of_three_listed() -> None:
    # "Bea and Iris and Noel ... kissing Iris's knuckles": three listed are no couple,
    # and a cue with its own object is not one both of a pair do.
    text = "Bea and Iris and Noel sat in the booth, Bea kissing Iris's knuckles."
    ps = score_pairs(with_characters(text, "Bea Lorne", "Iris Falk", "Noel Stroud")).pairs
    assert set(ps) == {("Bea Lorne", "Iris Falk")}


def test_three_spoken_of_as_one_are_a_triad_though_nearness_misses_a_pair() -> None:
    # Who of three kisses whom in one sentence is read by nearness, which finds no
    # kiss between Mara and Tobin; "kissed them both" says the three are one.
    text = (
        "At two in the morning Ilsa rolled over and kissed Tobin, and then, while Mara "
        "was still staring, Ilsa kissed Mara too, and Mara kissed them both. At the "
        "end of the concert Ilsa kissed Tobin over the drums, and Mara cheered."
    )
    names = ("Mara Quell", "Tobin Ashe", "Ilsa Dane")
    assert set(rels(with_characters(text, *names))) == {"Ilsa Dane/Mara Quell/Tobin Ashe"}
    # Without the three spoken of as one, the pairs stay pairs.
    apart = text.replace("and Mara kissed them both", "and Mara laughed")
    assert "Ilsa Dane/Mara Quell/Tobin Ashe" not in rels(with_characters(apart, *names))


def test_a_short_story_of_two_couples_has_both() -> None:
    filler = "The rain came in off the sea and the kettle was on. "
    text = (
        "Owen kissed Beth in the hall of the rented house. "
        + filler * 4
        + "Hamid told ghost stories until Lucy kissed him to make him stop. "
        + filler * 4
        + "Owen proposed to Beth on the doorstep, and Beth kissed him. "
        + filler * 4
        + "Hamid said he wanted a bigger kitchen, and Lucy kissed Hamid on the cheek."
    )
    w = with_characters(text, "Beth Nolan", "Owen Price", "Hamid Rahimi", "Lucy Ford")
    assert {"Beth Nolan/Owen Price", "Hamid Rahimi/Lucy Ford"} <= set(rels(w))


def test_the_one_who_finds_them_holding_hands_is_not_one_of_them() -> None:
    text = (
        "Ginny lay down in the snow beside Luna and kissed her. Luna kissed Ginny back. "
        "When Hermione came back, she found them holding hands on the steps."
    )
    ps = score_pairs(with_characters(text, "Ginny Vance", "Luna Pryor", "Hermione Dale")).pairs
    assert set(ps) == {("Ginny Vance", "Luna Pryor")}
    assert ps[("Ginny Vance", "Luna Pryor")].sentences == 3


def test_only_a_cue_to_two_at_once_speaks_of_three_as_one() -> None:
    names = ("Mara Quell", "Tobin Ashe", "Ilsa Dane")
    trio = ("Ilsa Dane", "Mara Quell", "Tobin Ashe")

    def units(text: str) -> int:
        return score_pairs(with_characters(text, *names)).trios[trio].units

    assert units("Ilsa stood with Mara and Tobin, and kissed them both.") == 1
    assert units("Ilsa told Mara and Tobin, 'I love you both,' and kissed Tobin.") == 1
    # Three friends are listed, and "the three of them" go out, as often as a triad.
    assert units("Mara, Tobin and Ilsa walked out, and Tobin kissed Ilsa at the gate.") == 0
    assert units("The three of them sat down, Mara and Ilsa and Tobin, and Tobin kissed Ilsa.") == 0


def test_a_kiss_given_by_someone_untagged_is_not_the_pair_named_before_it() -> None:
    # Rosa is no tagged character: the kiss is hers, not Hal's or Walt's.
    text = (
        "Rosa sat knitting by the window. Hal moved his rook. Walt frowned at the board, "
        "and Hal waited. "
        "Rosa came over at eight and kissed her husband on the top of his head."
    )
    w = with_characters(text, "Hal Brenner", "Walt Ocampo")
    assert score_pairs(w).pairs == {}


def test_a_partner_word_a_pronoun_owns_ties_its_owner_to_the_partner_named_before() -> None:
    text = (
        "Aurel fell at the gate, and he did not get up. "
        "Benedek knelt down beside his husband on the stones."
    )
    w = with_characters(text, "Aurel", "Benedek")
    w.find_tag("character", "Aurel").attrs["gender"] = "M"  # type: ignore[union-attr]
    w.find_tag("character", "Benedek").attrs["gender"] = "M"  # type: ignore[union-attr]
    ps = score_pairs(w).pairs[("Aurel", "Benedek")]
    assert ps.score == 0.5 and ps.people == {"Aurel", "Benedek"}
    assert "Aurel fell" in ps.evidence[0].quote and "his husband" in ps.evidence[0].quote


@pytest.mark.parametrize(
    "sentence",
    [
        "He told Molly about his wife.",  # the one named in it is not the wife
        "Molly asked after his wife.",  # the pronoun's owner is not the one named
        '"Benedek misses his wife," Aurel said.',  # in dialogue
    ],
)
def test_a_partner_word_a_pronoun_owns_names_no_one_it_cannot_place(sentence: str) -> None:
    w = with_characters("Benedek came in. Molly waved at Aurel. " + sentence, "Aurel", "Molly")
    w.find_tag("character", "Aurel").attrs["gender"] = "M"  # type: ignore[union-attr]
    w.find_tag("character", "Molly").attrs["gender"] = "F"  # type: ignore[union-attr]
    assert score_pairs(w).pairs == {}


@pytest.mark.parametrize(
    "sentence",
    [
        "Kestrel reached out and took Lukas's hand.",
        "Kestrel takes Lukas's hand.",
        "Kestrel fell asleep in Lukas's arms.",
    ],
    ids=["name", "present", "arms"],
)
def test_a_hand_taken_by_its_owners_name_or_in_the_present_is_a_touch(sentence: str) -> None:
    w = with_characters("Lukas watched the screen. " + sentence, "Kestrel", "Lukas")
    ps = score_pairs(w).pairs[("Kestrel", "Lukas")]
    assert ps.score == 0.5 and ps.named == 1


def test_a_hand_taken_away_is_no_touch() -> None:
    text = "Anna looked at Michael. Anna took her hand away and put it round her mug."
    assert score_pairs(with_characters(text, "Anna", "Michael")).pairs == {}


def test_a_pronoun_told_couple_is_named_by_the_names_a_few_sentences_before() -> None:
    filler = " The snow came early that year, and the lane was shut for a week." * 4
    text = (
        "Edith Pryce met Walter Harrow at the harvest dance." + filler + " She married him "
        "the next spring."
    )
    w = with_characters(text, "Edith Pryce", "Walter Harrow")
    w.find_tag("character", "Edith Pryce").attrs["gender"] = "F"  # type: ignore[union-attr]
    w.find_tag("character", "Walter Harrow").attrs["gender"] = "M"  # type: ignore[union-attr]
    ps = score_pairs(w).pairs[("Edith Pryce", "Walter Harrow")]
    assert ps.people == {"Edith Pryce", "Walter Harrow"}
    quoted = ps.evidence[0].quote
    assert "Walter Harrow" in quoted and "married him" in quoted and len(quoted) < 320


CHAT = (
    "**Ilse:** did you land\n"
    "**Ren:** Yes. It's raining\n"
    "**Ilse:** I think I'm in love with you\n"
    "**Ilse:** sorry. it's late here\n"
    "**Ren:** I'm in love with you too\n"
)


def test_a_line_of_a_chat_is_between_its_speaker_and_the_other_speaker() -> None:
    ps = score_pairs(with_characters(CHAT, "Ilse", "Ren")).pairs[("Ilse", "Ren")]
    assert ps.sentences == 2
    assert all("Ilse" in e.quote and "Ren" in e.quote for e in ps.evidence)


def test_a_chat_line_with_no_other_speaker_around_names_no_partner() -> None:
    text = "Ren read the old messages again.\n\n**Ilse:** I think I'm in love with you\n"
    pairs = score_pairs(with_characters(text, "Ilse", "Ren")).pairs
    assert all(ps.people != {"Ilse", "Ren"} for ps in pairs.values())


def test_a_declaration_in_a_letter_is_between_its_writer_and_the_one_written_to() -> None:
    letters = (
        "Dear Kit,\n\nThe gulls are asleep.\n\nI love you.\n\nElspeth\n\nDear Elspeth,"
        "\n\nWe put in at Bergen.\n\nI love you too.\n\nYours, Kit\n"
    )
    ps = score_pairs(with_characters(letters, "Elspeth", "Kit")).pairs[("Elspeth", "Kit")]
    assert ps.sentences == 2
    assert all("Elspeth" in e.quote and "Kit" in e.quote for e in ps.evidence)


def test_a_line_of_prose_naming_someone_signs_no_letter() -> None:
    text = "Dear Kit,\n\nI love you.\n\nElspeth walked down to the harbour and posted it.\n"
    pairs = score_pairs(with_characters(text, "Elspeth", "Kit")).pairs
    assert all(not ps.evidence or "Kit" not in ps.evidence[0].quote for ps in pairs.values())
