"""Affection is not romance: what a friend or a relative gives (a hug, "love you", a bed
shared on a trip, a kiss likened to a relative's) makes no couple; the same cues beside a
couple's own (a kiss on the mouth, "in love with") still find the couple. A marriage cue
naming one person takes no partner from the names before; "nephew" is a kin call."""

from __future__ import annotations

import pytest
from relationship_fixtures import rels, romantic, with_characters

from fandex.model import Chapter, Tag, Work
from fandex.tag.kin_address import calls_kin
from fandex.tag.romance import score_pairs

# Two friends parting at a station: an embrace, "I love you" said and said back.
PARTING = (
    "Oren Vale carried Ilka Sands's bag to the platform, as he did every year. "
    "Ilka put her arms around him at the barrier. Oren held her, one hand on her back.\n"
    '"I love you," Ilka said into his coat. "I never say it."\n'
    '"I love you too," Oren said. "Now go, before the train leaves without you."\n'
    "Ilka went. Oren watched the train until it was gone."
)


def test_a_hug_and_love_you_said_and_said_back_are_no_couple() -> None:
    w = with_characters(PARTING, "Oren Vale", "Ilka Sands")
    assert not romantic(w)
    # What the pair has is read, as affection: it is not lost, only not a couple.
    (ps,) = score_pairs(w).pairs.values()
    assert ps.sentences >= 3 and ps.romantic == 0


def test_the_same_parting_with_a_kiss_on_the_mouth_is_a_couple() -> None:
    text = PARTING.replace(
        "Ilka went.", "Then Ilka kissed Oren on the mouth, and Oren kissed her back. Ilka went."
    )
    assert "Ilka Sands/Oren Vale" in rels(with_characters(text, "Oren Vale", "Ilka Sands"))


# Two friends given one bed on a walking trip: a bed shared, "love you, mate".
ONE_BED = (
    "The inn had one room left, and Pell Arno and Tavi Roe shared a bed because the "
    "alternative was the barn. Tavi lay beside him and complained about his feet. "
    '"Love you, mate," Pell said in the dark. "Even with the feet." '
    '"Love you too. Go to sleep." In the morning Pell held her while she cried about '
    "the blister, and then they walked on to the lake."
)


def test_friends_who_share_a_bed_and_say_love_you_are_no_couple() -> None:
    assert not romantic(with_characters(ONE_BED, "Pell Arno", "Tavi Roe"))


def test_a_couple_who_share_a_bed_and_say_love_you_are_found() -> None:
    text = ONE_BED.replace(
        "In the morning",
        "Pell was in love with her and said so, and Tavi kissed Pell. In the morning",
    )
    assert "Pell Arno/Tavi Roe" in rels(with_characters(text, "Pell Arno", "Tavi Roe"))


# One kiss between a story's two leads: a couple's, unless the text likens it to a
# relative's.
def _one_kiss(how: str) -> Work:
    text = (
        "Mira Holt and Dasha Venn ran the last mile to the harbour with the storm behind "
        "them. Mira found the boat; Dasha found the rope. They sat in the cabin until the "
        f"rain stopped. Then Mira kissed Dasha's cheek, quick and firm, {how}. Dasha "
        "laughed and put the kettle on, and Mira watched the sea."
    )
    return with_characters(text, "Mira Holt", "Dasha Venn")


def test_a_kiss_likened_to_a_relatives_is_affection() -> None:
    assert not romantic(_one_kiss("the way she'd kiss her granddad"))


def test_the_same_kiss_not_likened_to_anyone_is_a_couples() -> None:
    assert "Dasha Venn/Mira Holt" in rels(_one_kiss("the way she had wanted to for a year"))


# A friend's letter about the other's engagement: "you are to be married" names one person.
LETTER = (
    "Dear Nell,\n"
    "Bram Oduya came to the shop today and asked after you. I take back every word I said "
    "about Bram. And now you are to be married, and I am so glad I could burst.\n"
    "Your Sabine\n"
)


def _pair(text: str, a: str, b: str) -> float:
    w = Work(chapters=[Chapter(1, text=text)])
    for name in ("Nell Ashe", "Bram Oduya", "Sabine Roux"):
        w.add_tag(Tag("character", name))
    got = score_pairs(w).pairs.get((a, b))
    return got.score if got else 0.0


def test_a_marriage_cue_naming_one_person_takes_no_partner_from_before() -> None:
    assert _pair(LETTER, "Bram Oduya", "Nell Ashe") == 0.0


@pytest.mark.parametrize(
    "said",
    [
        "And now she is to marry him, and I am so glad",
        "And now they are to be married, and I am so glad",
    ],
)
def test_a_marriage_cue_with_both_in_its_clause_takes_the_partner_from_before(said: str) -> None:
    text = LETTER.replace("Dear Nell,\n", "Nell Ashe wrote to me.\n").replace(
        "And now you are to be married, and I am so glad", said
    )
    assert _pair(text, "Bram Oduya", "Nell Ashe") > 0.0


# An uncle and his nephew, each calling the other by what he is to him.
UNCLE = (
    "Teodor Brandt swept the shop. Kasimir Brandt counted the till.\n"
    '"Uncle." Kasimir looked up from the coins. "You gave that man too much change."\n'
    '"Sit down, nephew," Teodor said. "Some change is a gift."\n'
)


def test_nephew_called_in_any_case_is_a_kin_call() -> None:
    w = Work(chapters=[Chapter(1, text=UNCLE)])
    w.tags += [Tag("character", "Kasimir Brandt"), Tag("character", "Teodor Brandt")]
    assert calls_kin(w, ("Kasimir Brandt", "Teodor Brandt"))


def test_a_nephew_spoken_of_is_no_call() -> None:
    text = UNCLE.replace('"Sit down, nephew," Teodor said.', '"My nephew is a fool," Teodor said.')
    w = Work(chapters=[Chapter(1, text=text)])
    w.tags += [Tag("character", "Kasimir Brandt"), Tag("character", "Teodor Brandt")]
    assert not calls_kin(w, ("Kasimir Brandt", "Teodor Brandt"))


# Two colleagues; one says what the other is to him, to her face.
DECLARED = (
    "Rafe Dunmore and Katrin Ostby finished the inventory at midnight. Katrin signed the "
    "last sheet. Rafe locked the cage.\n"
    '"You\'re my best friend," Rafe said. "You know that."\n'
    '"I know," Katrin said, and threw her pen at him.'
)


def test_a_bond_declared_to_someones_face_is_a_platonic_relationship() -> None:
    w = with_characters(DECLARED, "Rafe Dunmore", "Katrin Ostby")
    tag = rels(w)["Katrin Ostby & Rafe Dunmore"]
    assert tag.confidence >= 0.6 and "best friend" in tag.evidence[0].quote
    assert not romantic(w)


def test_a_couple_who_call_each_other_best_friend_stay_a_couple() -> None:
    text = DECLARED.replace(
        "and threw her pen at him.",
        "and kissed Rafe on the mouth. Rafe kissed her back; he had been in love with her "
        "for a year.",
    )
    got = rels(with_characters(text, "Rafe Dunmore", "Katrin Ostby"))
    assert "Katrin Ostby/Rafe Dunmore" in got
    assert "Katrin Ostby & Rafe Dunmore" not in got


def test_a_name_inside_the_declaration_is_not_the_one_spoken_to() -> None:
    # Rafe says it to Katrin, of Lior too: Lior is spoken of, not the listener.
    text = DECLARED.replace('"You\'re my best friend,"', '"You\'re my family, you and Lior,"')
    got = rels(with_characters(text, "Rafe Dunmore", "Katrin Ostby", "Lior Ben-Ami"))
    assert "Katrin Ostby & Rafe Dunmore" in got
    assert not any("Lior" in name for name in got)


def _love_you(called: str) -> dict[str, Tag]:
    text = (
        "Sami Korva and Eero Lind pitched the tent in the rain and argued about the pegs. "
        "Eero burned the soup. Sami ate it anyway.\n"
        f'"Love you, {called}," Eero said from his sleeping bag. "Even after the soup."\n'
        '"Go to sleep," Sami said.'
    )
    return rels(with_characters(text, "Sami Korva", "Eero Lind"))


def test_love_you_said_with_what_a_friend_is_called_is_a_platonic_bond() -> None:
    assert "Eero Lind & Sami Korva" in _love_you("man")


def test_love_you_said_with_an_endearment_is_no_platonic_bond() -> None:
    assert "Eero Lind & Sami Korva" not in _love_you("love")
