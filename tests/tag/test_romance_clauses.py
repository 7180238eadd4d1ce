"""What a romance cue's clause says of it: a denial, a subject no tag names, a partner
word owned by a name (fandex.tag.romance_clauses), each with a sentence of the same
shape that must still count."""

from __future__ import annotations

from relationship_fixtures import rels, with_characters

from fandex.model import Chapter, Tag, Work
from fandex.tag.romance import score_pairs
from fandex.tag.romance_people import NamesSeen


def _pairs(text: str, *names: str) -> set[tuple[str, str]]:
    return set(score_pairs(with_characters(text, *names)).pairs)


def test_a_denied_cue_is_no_romance() -> None:
    text = (
        "Greg Lestrade and Sherlock Holmes shared a cab home. 'We aren't actually dating,' "
        "Greg told the driver. Sherlock had never kissed Greg, and Greg was not in love "
        "with Sherlock."
    )
    assert _pairs(text, "Greg Lestrade", "Sherlock Holmes") == set()


def test_a_cue_that_cannot_stop_is_not_denied() -> None:
    text = (
        "Greg Lestrade and Sherlock Holmes shared a cab home. Greg couldn't stop kissing "
        "Sherlock, and Sherlock kissed Greg back at the door."
    )
    assert ("Greg Lestrade", "Sherlock Holmes") in _pairs(text, "Greg Lestrade", "Sherlock Holmes")


_ALAN = (
    "Alan Reid had lived at the flat for a month. Alan came downstairs to greet "
    "Sherlock with a hug and a kiss, not troubling to hide it from Greg. Later Alan "
    "made tea."
)


def test_a_sentence_about_someone_untagged_is_not_the_tagged_pairs() -> None:
    assert _pairs(_ALAN, "Greg Lestrade", "Sherlock Holmes") == set()


def test_a_tagged_subject_of_the_cues_own_clause_still_counts() -> None:
    # The same untagged person opens the sentence, but Sherlock does the kissing.
    text = (
        "Alan Reid had lived at the flat for a month. Alan smiled as Sherlock kissed Greg "
        "in the hallway. Later Alan made tea."
    )
    assert ("Greg Lestrade", "Sherlock Holmes") in _pairs(text, "Greg Lestrade", "Sherlock Holmes")


def test_a_pronoun_after_an_untagged_name_is_not_taken_from_before_it() -> None:
    text = (
        "Greg Lestrade left the room. Alan Reid sat down by Sherlock Holmes and nosed "
        "into his hair. He couldn't help it: he kissed Sherlock. Alan was like that."
    )
    assert ("Greg Lestrade", "Sherlock Holmes") not in _pairs(
        text, "Greg Lestrade", "Sherlock Holmes"
    )


def test_a_pronoun_with_no_untagged_name_between_still_finds_its_partner() -> None:
    text = (
        "Greg Lestrade left the room and came back with tea. Sherlock Holmes sat down by "
        "the fire. He kissed Greg."
    )
    assert ("Greg Lestrade", "Sherlock Holmes") in _pairs(text, "Greg Lestrade", "Sherlock Holmes")


def test_a_partner_word_owned_by_a_name_is_not_the_other_name() -> None:
    text = (
        "It took Sherlock Holmes five minutes to track down Greg Lestrade's wife. "
        "Sherlock found Greg's wife in Croydon. Sherlock phoned Greg's girlfriend."
    )
    assert rels(with_characters(text, "Greg Lestrade", "Sherlock Holmes")) == {}


def test_a_partner_word_said_of_the_other_name_ties_them() -> None:
    text = (
        "Molly Hooper was Greg Lestrade's wife now. Molly, Greg's wife of a year, "
        "kissed Greg at the door."
    )
    assert ("Greg Lestrade", "Molly Hooper") in _pairs(text, "Greg Lestrade", "Molly Hooper")


_SCENE = (
    "Sarah Brennan came home to find David Brennan cooking. {gap}"
    "Afterwards they danced, badly, to the radio, and he stepped on her foot twice and "
    "apologised both times by kissing her. Later he took her hand and kissed her again."
)
_GAP = (
    "The kitchen smelled of onions and the radio played something old. The dishes were "
    "piled in the sink, and the window had steamed up, and outside the rain went on. "
) * 5


def test_a_pronoun_far_from_any_name_stands_for_the_last_person_of_its_gender() -> None:
    text = _SCENE.format(gap=_GAP)
    got = _pairs(text, "Sarah Brennan", "David Brennan")
    assert ("David Brennan", "Sarah Brennan") in got


def test_no_pronoun_reaches_past_a_scene_break_in_a_story_of_more_than_two() -> None:
    text = _SCENE.format(gap=_GAP + "Tom Brennan said nothing.\n\n* * *\n\n")
    assert _pairs(text, "Sarah Brennan", "David Brennan", "Tom Brennan") == set()


def test_a_scene_naming_no_one_else_is_the_two_leads_in_a_story_of_two() -> None:
    # "he ... her" past the break, in a scene that names neither: a couple told in
    # pronouns names itself seldom, scenes apart.
    text = _SCENE.format(gap=_GAP + "\n\n* * *\n\n")
    got = _pairs(text, "Sarah Brennan", "David Brennan")
    assert got == {("David Brennan", "Sarah Brennan")}


def test_they_in_a_scene_naming_no_one_else_is_the_two_leads() -> None:
    text = (
        "Mira Holt met Jonas Vell at the ferry. Mira talked about the weather; Jonas "
        "talked about the tides.\n\n* * *\n\nThey made love in the narrow bed with "
        "the rain on the roof."
    )
    assert _pairs(text, "Mira Holt", "Jonas Vell") == {("Jonas Vell", "Mira Holt")}
    # A scene that names a third character: "they" may be anyone's.
    crowd = text.replace("They made love", "Tom Reyes slept. They made love")
    assert ("Jonas Vell", "Mira Holt") not in _pairs(crowd, "Mira Holt", "Jonas Vell", "Tom Reyes")


def test_asking_someone_on_a_date_is_romance_and_setting_a_date_is_not() -> None:
    asked = (
        "John Hale stood in the doorway. 'You're asking me on a date,' Sam Reed said. "
        "Later John asked Sam out again, and their first date was at Angelo's."
    )
    assert ("John Hale", "Sam Reed") in _pairs(asked, "John Hale", "Sam Reed")
    day = (
        "John Hale stood in the doorway. Sam Reed set a date for the hearing, and John "
        "wrote the date down."
    )
    assert _pairs(day, "John Hale", "Sam Reed") == set()


def test_a_name_held_in_a_longer_lower_case_word_is_still_a_name() -> None:
    # "balance" holds "alan", and "that Alan" is no determiner before a word.
    t = "Alan came in. The balance was off. He knew that Alan would stay."
    assert NamesSeen(t, t.lower(), [])("Alan")
    assert NamesSeen(t, " " + t.lower(), [])("Alan")  # the scan's padded text
    # A word the text also writes in lower case is no name.
    t = "Gradually it came. It went gradually. Gradually the rain stopped."
    assert not NamesSeen(t, t.lower(), [])("Gradually")
    assert not NamesSeen(t, " " + t.lower(), [])("Gradually")


def test_a_partner_word_owned_by_a_pronoun_alone_is_the_last_named_owners() -> None:
    text = (
        "Elizabeth Hale sat at the ledgers while Thomas Reed rode out. "
        "She found the house well run, which was no surprise once she had learned to "
        "know her husband."
    )
    got = _pairs(text, "Elizabeth Hale", "Thomas Reed")
    assert ("Elizabeth Hale", "Thomas Reed") in got


def test_a_pronouns_partner_word_with_no_owner_of_its_gender_named_is_nobodys() -> None:
    # No woman is named before "her husband": whoever she is, the men are not her pair.
    text = (
        "Thomas Reed rode out with Charles Bingley. The housekeeper watched "
        "from the door, thinking of her husband."
    )
    assert _pairs(text, "Thomas Reed", "Charles Bingley") == set()


def _shared(text: str, shares: dict[str, float]) -> set[tuple[str, str]]:
    """The romance pairs of ``text`` whose characters the tagger found at ``shares``."""
    w = Work(chapters=[Chapter(1, text=text)])
    for name, share in shares.items():
        w.add_tag(Tag("character", name, "inferred", 0.9, [], "characters", {"share": share}))
    return set(score_pairs(w).pairs)


def test_a_scene_naming_no_one_is_the_leads_only_when_both_are_named_often() -> None:
    text = _SCENE.format(gap=_GAP + "\n\n* * *\n\n")
    leads = {"Sarah Brennan": 1.0, "David Brennan": 0.8}
    assert _shared(text, leads) == {("David Brennan", "Sarah Brennan")}
    # The only other name a long story tags, said once, is no lead of it: "he ... her"
    # past the break may be anyone's.
    assert _shared(text, {"Sarah Brennan": 1.0, "David Brennan": 0.01}) == set()
