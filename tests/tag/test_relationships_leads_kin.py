"""A story of two leads: kin the text gives without naming it between them (a pronoun's
sister with the other named after, a name that opens with a kin title, a single cue
sentence beside such kinship), and a friend a pronoun owns. Relatives are never a couple
and get "A & B"; a friend so owned is "A & B" only where no romance is read."""

from __future__ import annotations

from relationship_fixtures import rels, romantic, with_characters

from fandex.model import Chapter, Tag, Work
from fandex.tag.friendship import owned_friends
from fandex.tag.kin_address import owns_kin, titled_kin

# Two sisters on a drive: "her sister" is owned by the one named before it, the other
# named after it in the same sentence.
DRIVE = (
    "Nell Ashby drove. Rowan Ashby sat with her feet on the dashboard.\n"
    "Nell rubbed her sister's shoulder at the lights while Rowan stared out of the window.\n"
    "They stopped for petrol. Nell bought two coffees and Rowan drank both.\n"
    "Nell kept one hand on her sister's arm until Rowan fell asleep.\n"
    "At the coast Rowan woke and Nell said nothing about the coffee."
)


def _work(text: str, *names: str) -> Work:
    w = Work(chapters=[Chapter(1, text=text)])
    w.tags += [Tag("character", n) for n in names]
    return w


def test_a_pronouns_sibling_with_the_other_named_after_is_kin() -> None:
    assert owns_kin(_work(DRIVE, "Nell Ashby", "Rowan Ashby"), ("Nell Ashby", "Rowan Ashby"))


def test_two_named_before_the_pronoun_say_no_owner() -> None:
    text = DRIVE.replace("Nell rubbed her", "Nell and Rowan rubbed her").replace(
        "Nell kept one hand on her", "Nell and Rowan kept one hand on her"
    )
    assert not owns_kin(_work(text, "Nell Ashby", "Rowan Ashby"), ("Nell Ashby", "Rowan Ashby"))


# A grandmother the story names by her kin title, and her grandson, making jam.
JAM = (
    "Nonna Giulia had a rule about plums. Tomas washed them and Nonna Giulia stoned them.\n"
    '"Slower," said Nonna Giulia. Tomas went slower. The kitchen smelled of sugar.\n'
    "Tomas stirred the pot while Nonna Giulia wrote the labels, and Tomas spelled them "
    "wrong on purpose, and Nonna Giulia laughed at him."
)


def test_a_lead_named_by_a_kin_title_makes_the_two_relatives() -> None:
    assert titled_kin(("Nonna Giulia", "Tomas")) and not titled_kin(("Giulia", "Tomas"))
    w = with_characters(JAM, "Nonna Giulia", "Tomas")
    assert "Nonna Giulia & Tomas" in rels(w)
    assert not romantic(w)


# A brother and a sister (first names only: no family name says so), told as such by
# "her brother's" twice, with one sentence a romance scan may read as a couple's.
QUAY = (
    "Ineke waited on the quay. The boat was late, and she thought about her "
    "brother's birthday, when Joost sang on a chair.\n"
    "Ineke watched the water. She remembered her brother's lost dog, and how Joost cried "
    "over it.\n"
    "Joost came in at dawn. Ineke kissed him and then hit his arm.\n"
    '"You could have called," Ineke said. Joost said the radio was broken.'
)


def test_one_cue_sentence_beside_kin_the_text_gives_is_no_couple() -> None:
    w = with_characters(QUAY, "Ineke", "Joost")
    assert not romantic(w)
    assert "Ineke & Joost" in rels(w)


def test_kin_read_from_pronouns_alone_needs_the_two_in_one_paragraph() -> None:
    # "her brother" twice, Joost near, but no paragraph names Ineke and Joost together:
    # the brother may be someone never on the page, no bond is shown.
    text = (
        "Ineke waited on the quay and thought about her brother's birthday.\n"
        "Joost sang on a chair that night.\n"
        "Ineke watched the water and remembered her brother's lost dog.\n"
        "Joost cried over it for a week.\n"
        "Ineke went home when the boat did not come.\n"
        "Joost came in at dawn and slept on the deck."
    )
    w = with_characters(text, "Ineke", "Joost")
    assert not romantic(w)
    assert "Ineke & Joost" not in rels(w)
    joined = text.replace("birthday.\nJoost", "birthday. Joost")
    assert "Ineke & Joost" in rels(with_characters(joined, "Ineke", "Joost"))


# Two old men at a chess table; one is "his old friend" to the other.
CHESS = (
    "Walter Brandt set up the board. Ossian Keel brought the coffee.\n"
    "Walter held the hand of his old friend for a moment before the first move, and "
    "then they played.\n"
    "Ossian lost the first game. Walter lost the second. Ossian said Walter cheated, and "
    "Walter said Ossian could not count. They played a third."
)


def test_a_friend_a_pronoun_owns_in_a_story_of_two_is_a_friendship() -> None:
    w = with_characters(CHESS, "Walter Brandt", "Ossian Keel")
    assert "Ossian Keel & Walter Brandt" in rels(w)


def test_a_friend_of_whoever_is_spoken_to_or_of_a_narrator_is_no_one() -> None:
    for phrase in ("your old friend", "my old friend"):
        text = CHESS.replace("his old friend", phrase)
        pair = ("Ossian Keel", "Walter Brandt")
        assert owned_friends(_work(text, *pair), pair).sentences == 0
        assert "Ossian Keel & Walter Brandt" not in rels(with_characters(text, *pair))


def test_one_a_letter_is_only_written_to_gets_no_owned_friendship() -> None:
    # A letter home: Margaret is only written to; "his friend" is someone else's.
    text = (
        "My dear Margaret,\n"
        "The ice holds us fast. Robert Walton walked the deck at noon. The stranger we took "
        "aboard is ill, and speaks of his friend who died.\n"
        "Margaret, I believe him. Robert Walton sat with him until dark.\n"
        "I will not send these letters, Margaret."
    )
    pair = ("Margaret", "Robert Walton")
    assert owned_friends(_work(text, *pair), pair).sentences == 1
    assert "Margaret & Robert Walton" not in rels(with_characters(text, *pair))
    on_page = text.replace("Robert Walton sat with him", "Margaret sat with Robert Walton")
    assert "Margaret & Robert Walton" in rels(with_characters(on_page, *pair))


def test_an_owned_friend_beside_romance_is_no_friendship() -> None:
    text = CHESS.replace("They played a third.", "Then Ossian kissed Walter on the mouth.")
    assert "Ossian Keel & Walter Brandt" not in rels(
        with_characters(text, "Walter Brandt", "Ossian Keel")
    )


def test_a_relative_a_word_follows_is_not_read_as_the_other_lead() -> None:
    # "her sister was waiting": a sister the story does not name, as often as the other.
    text = DRIVE.replace("her sister's shoulder", "her sister was waiting").replace(
        "her sister's arm", "her sister in the back"
    )
    assert not owns_kin(_work(text, "Nell Ashby", "Rowan Ashby"), ("Nell Ashby", "Rowan Ashby"))


def test_a_pair_the_author_stated_under_short_names_gets_no_guess_beside_it() -> None:
    from fandex.tag.relationships import relationship_tagger

    text = CHESS.replace(
        "They played a third.",
        "Ossian kissed Walter. Walter kissed Ossian back, and said he was in love with him.",
    )
    w = _work(text, "Walter Brandt", "Ossian Keel")
    w.tags.append(Tag("relationship", "Ossian/Walter", "stated"))
    relationship_tagger(w)
    assert [t.name for t in w.tags_of("relationship") if t.source == "inferred"] == []


# Two brothers tidying a shed: no romance between them, and the narration owns one's
# brother once, the other named near.
SHED = (
    "Aurelio Brandt opened the shed. Matthias Keel carried out the mower.\n"
    "Aurelio sorted the seed tins and Matthias oiled the shears.\n"
    "Aurelio took the broom from his little brother.\n"
    "Matthias swept the floor, and Aurelio stacked the pots by the door.\n"
    "Aurelio locked up at six. Matthias carried the key home."
)


def test_one_relative_the_narration_owns_makes_a_story_of_two_without_romance_kin() -> None:
    pair = ("Aurelio Brandt", "Matthias Keel")
    # Once is under the two sentences owns_kin asks by default.
    assert not owns_kin(_work(SHED, *pair), pair)
    assert "Aurelio Brandt & Matthias Keel" in rels(with_characters(SHED, *pair))


def test_a_relative_owned_only_in_a_line_of_dialogue_is_not_enough() -> None:
    # "his mother" in what someone says may be anyone's.
    text = SHED.replace(
        "Aurelio took the broom from his little brother.",
        '"You sound like his mother," Aurelio said.',
    )
    pair = ("Aurelio Brandt", "Matthias Keel")
    assert "Aurelio Brandt & Matthias Keel" not in rels(with_characters(text, *pair))


def test_one_relative_owned_beside_a_romance_cue_is_no_kin() -> None:
    text = SHED.replace("Matthias carried the key home.", "Then Matthias kissed Aurelio.")
    pair = ("Aurelio Brandt", "Matthias Keel")
    assert "Aurelio Brandt & Matthias Keel" not in rels(with_characters(text, *pair))
