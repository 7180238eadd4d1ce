"""Romance cues of someone no character stands for: a narrator who never names
themselves ("he kissed the top of my head", "we were married"), and a stranger who opens
the sentence ("A man in row K tells him about a first date"). Neither is given to the
characters named near."""

from __future__ import annotations

from relationship_fixtures import rels, romantic, with_characters

from fandex.tag.romance import score_pairs

# A bride's letter home: she never names herself; her husband and his brother are the
# two named. Every cue is hers and her husband's.
LETTER = (
    "My dearest Alison,\n"
    "I promised you a letter. Tom has six new bathing machines and Sidney says Tom may "
    "be solvent by October. I have admired them. Tom says he will buy a seventh.\n"
    "We were married on the Saturday, and I was so frightened. Sidney took the house "
    "on the cliff for us. Tom laughed at the fuss.\n"
    "Sidney came in from the stables, and then he kissed the top of my head and went "
    "off whistling. I lost my next sentence. Tom shouted up the stairs about the "
    "seventh machine. I lay with him that night and I was not afraid.\n"
    "Your loving sister"
)


def test_the_unnamed_narrators_cues_pair_no_two_named_men() -> None:
    w = with_characters(LETTER, "Tom", "Sidney")
    assert not score_pairs(w).pairs
    assert not romantic(w)


def test_a_couple_the_narrator_watches_is_still_read() -> None:
    watched = "Tom laughed at the fuss, and Sidney kissed him while I watched."
    text = LETTER.replace("Tom laughed at the fuss.", watched)
    w = with_characters(text, "Tom", "Sidney")
    assert ("Sidney", "Tom") in score_pairs(w).pairs


def test_a_letters_i_love_you_is_its_writers_not_the_narrators() -> None:
    # Letters between two named writers: "I" is the one who signs, "you" the one written to.
    text = (
        "Kit,\nThe lamp is lit and I am writing to you at the kitchen table. I love you. "
        "I have not said it before.\nElspeth\n\n"
        "Elspeth,\nI read your letter on deck in a gale. I love you too. I will kiss you on "
        "the harbour wall.\nKit\n"
    )
    w = with_characters(text, "Kit", "Elspeth")
    assert ("Elspeth", "Kit") in score_pairs(w).pairs


# A cinema's last night, a story of two men; a stranger kisses one of them, another
# tells of his own first date.
CINEMA = (
    "Aurelio stands at the top of the aisle with his torch. Linus checks the projector. "
    "A woman in row F kisses him on the cheek. A man in row K tells him about a first "
    "date in 1974. Aurelio nods at each of them. Linus threads the second reel, and "
    "Aurelio comes up the stairs to watch it with Linus. Aurelio says the film is old. "
    "Linus says it is good."
)


def test_a_stranger_opening_the_sentence_is_the_other_of_its_cue() -> None:
    w = with_characters(CINEMA, "Aurelio", "Linus")
    assert not score_pairs(w).pairs
    assert not rels(w)
