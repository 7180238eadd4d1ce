"""Unknown fandom: leads the full bar of proper-name extraction missed.

A name English has no use for that only ever opens a sentence, a chat's speaker labels,
a lead the summary names and the text names once or twice; and what stays out: a common
word opening sentences, a kin word, a place the summary names.
"""

from __future__ import annotations

from fandex.model import Chapter, Work
from fandex.tag.characters import UNVOICED_CONFIDENCE, character_tagger
from fandex.tag.propernames import kin_word
from fandex.tag.unknown_cast import extract_characters, summary_names

FILLER = (
    "The rain kept on through the afternoon and the gutters ran over. There was tea, and "
    "then more tea, and the radio said the roads were closed past the bridge. "
)


def names(text: str, summary: str = "") -> set[str]:
    """The characters proper-name extraction finds in a one-chapter work of ``text``."""
    work = Work(summary=summary, chapters=[Chapter(1, text=text)])
    return {t.name for t in extract_characters(work, tagger_name="c")}


def test_a_rare_name_that_only_opens_sentences_is_a_character() -> None:
    text = FILLER + (
        "Orrin woke before the others and stood at the window. Nobody moved in the yard. "
        "Orrin dressed in the dark. Nobody answered the bell. Orrin walked down to the "
        "shore. Nobody waited there. Orrin sat on the wall until it was light."
    )
    got = names(text)
    assert "Orrin" in got
    # "Nobody" opens as many sentences, and a verb follows it too: a common word.
    assert "Nobody" not in got


def test_a_common_word_the_text_also_writes_in_lower_case_is_no_name() -> None:
    text = FILLER + (
        "Marrow stood in the cellar. Marrow dripped from the bone. Marrow waited in the "
        "pot. She scraped the marrow out, and the marrow was pale, and the marrow was "
        "gone by noon."
    )
    assert "Marrow" not in names(text)


def test_the_speakers_of_a_chat_log_are_characters() -> None:
    lines = [
        "**Wren:** the van is here",
        "**Tamsin:** is it big",
        "**Wren:** it is not big",
        "**Mum:** did you eat",
        "**Tamsin:** send a picture",
        "**Wren:** [image]",
        "**Mum:** eat something",
        "**Tamsin:** that is a small van",
    ]
    got = names(FILLER + "\n" + "\n".join(lines) + "\n")
    assert {"Wren", "Tamsin"} <= got
    # A parent in the chat is a kin word, however often it speaks.
    assert "Mum" not in got


def test_the_speakers_of_a_chat_log_with_times_after_a_comma_are_characters() -> None:
    lines = [
        "Gwen Tallis, 07:14: Somebody has left six cookbooks in the box.",
        "Leszek W., 07:20: This is a crime.",
        "Gwen Tallis, 07:21: It is a donation.",
        "Leszek W., 07:21: A donation of crime.",
        "Gwen Tallis — 07:23: We agreed we do not judge donations.",
        "Leszek W. - 07:24: We agreed nothing.",
    ]
    got = names(FILLER + "\n" + "\n".join(lines) + "\n")
    assert {"Gwen Tallis", "Leszek W"} <= got


_SPARSE = FILLER + (
    "Teodora walked down to the harbour and she looked at the boats. Teodora said "
    "nothing for a while. Teodora waited, and she counted the gulls. Then Teodora turned "
    "when Kasimir called from the wall. 'Come in,' Kasimir said. The tide came in."
)


def test_a_rare_name_no_pronoun_follows_is_a_lead_under_the_bar() -> None:
    work = Work(chapters=[Chapter(1, text=_SPARSE)])
    got = {t.name: t for t in extract_characters(work, tagger_name="c")}
    assert got["Kasimir"].attrs.get("unvoiced") is True
    assert not got["Teodora"].attrs.get("unvoiced")
    tagged = Work(chapters=[Chapter(1, text=_SPARSE)])
    character_tagger(tagged)
    conf = {t.name: t.confidence for t in tagged.tags_of("character")}
    assert conf["Kasimir"] <= UNVOICED_CONFIDENCE < conf["Teodora"]


def test_an_initial_alone_is_no_character() -> None:
    letter = (
        "Dear Margaret,\n\nThe ice has closed round us again. Margaret, you would laugh "
        "to see me. R waited on deck; R said nothing; R watched the floes. Margaret must "
        "not worry.\n\nYours ever,\nR.\n\nDear Margaret,\n\nStill the ice. R "
        "counted the stores. R wrote this by lamplight.\n\nYours,\nR.\n"
    )
    got = names(FILLER + letter)
    assert "Margaret" in got
    assert "R" not in got


def test_a_kin_word_with_an_accent_is_no_name() -> None:
    assert kin_word("Papá") and kin_word("Nonna") and not kin_word("Pablo")
    text = FILLER + (
        "Papá said the boat would hold. Papá walked to the end of the pier. Later Papá "
        "laughed at the gulls, and Papá waved at the ferry."
    )
    assert "Papá" not in names(text)


def test_a_lead_the_summary_names_is_found_from_fewer_mentions() -> None:
    text = FILLER * 3 + (
        "I had avoided the fourth floor for two years. The lift stopped between floors "
        "and Idris Mahmoud looked up from his phone. He said the alarm never worked."
    )
    summary = "I have spent two years avoiding Idris Mahmoud from Planning. The lift has ideas."
    assert "Idris Mahmoud" in names(text, summary)
    # Without the summary, two mentions are too few.
    assert "Idris Mahmoud" not in names(text)


def test_a_place_the_summary_names_is_no_lead() -> None:
    text = FILLER * 3 + (
        "Tunde drove his father north. Houston had been a mistake, his father said, and "
        "Tunde said nothing."
    )
    summary = "Tunde flies home from Houston to drive his father to the village."
    assert sorted(summary_names(summary)) == ["Tunde"]
    assert names(text, summary) == {"Tunde"}
    # Named as a person would be, it would have been taken.
    assert "Houston" in names(text, "Houston flies home with Tunde.")


def test_a_nickname_is_the_given_name_the_text_writes_once() -> None:
    text = FILLER + (
        "Constance Ibe had lived alone for years. Connie painted the hall on Sunday. "
        "Connie said the colour was wrong. Mireille laughed, and Connie laughed too. "
        "Connie walked to the shop. Mireille said nothing about the shop."
    )
    got = names(text)
    assert "Constance Ibe" in got and "Connie" not in got


def test_a_nickname_is_not_a_family_name_that_starts_the_same() -> None:
    # "Henny" keeps "Hen" of "Henrietta"; "Henderson" (only ever after a given name) and
    # "the Hendersons" start so too, but no nickname is made of a family name.
    text = FILLER + (
        "Henrietta Vos had the tiller. Henny watched the sky. Pete Henderson waved from "
        "his boat, and the Hendersons shouted. Henny laughed. Marit said the wind would "
        "drop. Henny said it would not. Henny trimmed the sail while Marit bailed."
    )
    got = names(text)
    assert "Henrietta Vos" in got and "Henny" not in got


def test_a_name_that_only_looks_like_a_nickname_stays_apart() -> None:
    # "Harry" and "Harriet", both named often, are two people.
    text = FILLER + " ".join(
        ["Harry said the door was locked. Harriet said it was not."] * 3
        + ["Harry walked to the gate, and Harriet followed him."]
    )
    assert {"Harry", "Harriet"} <= names(text)


def test_a_name_clipped_at_its_front_is_the_given_name_the_text_writes_once() -> None:
    # "Rike" keeps the end of "Henrike", as "Tina" of "Christina".
    text = FILLER + (
        "Henrike Baumann kept the ferry office. Rike sold the tickets on Monday. Rike "
        "said the boat was late. Jorun laughed, and Rike laughed too. Rike walked to the "
        "pier. Jorun said nothing about the pier."
    )
    got = names(text)
    assert "Henrike Baumann" in got and "Rike" not in got


def test_a_clipped_name_is_no_place_that_ends_the_same() -> None:
    # "Anders" ends "Flanders", a place here: two names, no nickname.
    text = FILLER + (
        "The hides came from a tannery in Flanders. Anders cut them on the bench. Anders "
        "said they were good. Maren laughed, and Anders laughed too. Anders walked to "
        "the loft. Maren said nothing about the loft."
    )
    got = names(text)
    assert "Anders" in got and "Flanders" not in got


def test_a_short_form_joins_the_full_name_past_the_given_name_written_alone() -> None:
    # "Casimir Oyelaran" and "Casimir" each open a line only, so the clustering leaves
    # them apart; "Cas" is the one person's.
    text = FILLER + (
        "Casimir Oyelaran had the far field.\n\nCasimir.\n\nThey called him Cas at the "
        "market. Dunne shouted at Cas. Cas said the wall would hold. Dunne laughed, and "
        "Cas laughed too. Cas walked to the gate. Dunne said nothing."
    )
    got = names(text)
    assert "Casimir Oyelaran" in got and "Cas" not in got


def test_a_common_word_read_as_a_name_is_the_nickname_of_the_full_name() -> None:
    # "Sunny" is an English word, but capitalised mid-sentence it is her name.
    text = FILLER + (
        "She was called Sunniva Rask. Everyone called her Sunny. The plane was late and "
        "Sunny said so. Halvard laughed, and Sunny laughed too. Then Sunny walked to the "
        "hangar. Halvard said nothing about the hangar."
    )
    got = names(text)
    assert "Sunniva Rask" in got and "Sunny" not in got


def test_the_two_writers_of_postcards_are_characters() -> None:
    # Named only where a note opens ("Ezekiel, ...") and where one is signed after a dash.
    text = (
        "1.\n\nGunnhild — Arrived. The hostel is cold. You were right about the hat. — E.\n\n"
        "2.\n\nEzekiel, I would never say so. The club met without you. — G.\n\n"
        "3.\n\nGunnhild — It has rained for three days. I miss your questions. — E.\n\n"
        "4.\n\nEzekiel, you can tie a sheepshank. Work it out.\n\n"
        "5.\n\nEzekiel. Yes. You know what I mean. — G.\n\n"
        "6.\n\nI will be at the station, so you can find me. — Gunnhild\n"
    )
    assert {"Gunnhild", "Ezekiel"} <= names(text)


def test_a_name_a_look_or_a_blow_is_aimed_at_is_no_place() -> None:
    # "comes at Tahmina", "glanced at Tahmina": a person's, not a place one is at.
    text = FILLER + (
        "The caravan stops at noon, and Tahmina goes to find Bram. Bram is by the wells. "
        "A rider comes at Tahmina with a sword and she turns the blow. Bram glanced at "
        "her, and she glanced back. Bram said the water was bad."
    )
    assert "Tahmina" in names(text)
