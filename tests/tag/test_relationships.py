"""The relationship tagger: on-page romance between two named characters, past kept apart,
who each cue is about (partner words, clauses, pronouns, hands), triads and central couples."""

from __future__ import annotations

import pytest
from relationship_fixtures import ROMANCE, rels, run, with_characters

from fandex.model import Chapter, Evidence, Tag, Work
from fandex.tag.calibration import calibrated
from fandex.tag.characters import character_tagger
from fandex.tag.fandom import fandom_tagger
from fandex.tag.relationship_two import TWO_LEADS_CONFIDENCE
from fandex.tag.relationships import PAST_CONFIDENCE, relationship_tagger
from fandex.tag.romance import score_pairs


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
    # The same two moments in a long story are not enough for the central bar: found
    # only because the story is of the two of them alone (relationship_two), no surer
    # than such guesses are shown; with a third lead as present, not at all.
    long = with_characters(text + filler * 200, "Maya Osei", "Tom Larkin")
    assert rels(long)["Maya Osei/Tom Larkin"].confidence <= TWO_LEADS_CONFIDENCE
    third = text + filler * 200 + "Ana Ruiz came in. Ana Ruiz left. " * 2
    assert rels(with_characters(third, "Maya Osei", "Tom Larkin", "Ana Ruiz")) == {}


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


def test_love_you_counts_half_what_in_love_with_does() -> None:
    # Brothers, sisters and old friends say "love you" as often as a couple.
    said = 'Ezra Cole grinned at Noah Vale. "Love you, you idiot," said Ezra Cole to Noah Vale.'
    fell = "Ezra Cole grinned at Noah Vale. Ezra Cole was in love with Noah Vale."
    names = ("Ezra Cole", "Noah Vale")
    weak = score_pairs(with_characters(said, *names)).pairs[names]
    strong = score_pairs(with_characters(fell, *names)).pairs[names]
    assert weak.score == pytest.approx(strong.score / 2)


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
