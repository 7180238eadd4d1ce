"""Ordinary stories of two: a married couple who share a family name, and "partner" said
of a colleague."""

from __future__ import annotations

from relationship_fixtures import rels, with_characters

from fandex.tag.romance import score_pairs
from fandex.tag.romance_scan import cues

MARRIED = (
    "Clara Voss woke before her husband, as she always did. Henrik Voss slept on his "
    "back with one arm over his face.\n\n"
    "She made coffee and brought it up, and sat on the edge of the bed until he woke.\n\n"
    '"Happy anniversary," Henrik said.\n\n'
    '"Thirty years," said Clara.\n\n'
)


def test_her_husband_named_after_the_sentence_is_the_other_of_the_two() -> None:
    # "Her husband" ties Clara to the other Voss: a couple, not two relatives.
    got = rels(with_characters(MARRIED, "Clara Voss", "Henrik Voss"))
    assert "Clara Voss/Henrik Voss" in got and "Clara Voss & Henrik Voss" not in got


def test_partner_of_work_or_said_to_a_colleague_is_no_cue() -> None:
    text = (
        'Her business partner left early. "Good work, partner," Ben said. '
        "Ana's dance partner was late. He kissed his partner goodnight."
    )
    found = [text[s:e] for s, e, _strong in cues(text)]
    assert found == ["kissed", "partner"]


PAINT = (
    "Arthur Blake had been married to June Okafor for thirty years, and she had never "
    "once let him choose the paint.\n\n"
    '"Green," Arthur said.\n\n"No," said June.\n\n'
    "They bought white in June. At home Arthur painted the hall while June sat on the "
    "stairs. He caught her by the fridge and kissed her. June laughed at him.\n\n"
    '"You married a child," said Arthur. June wiped the paint off his cheek.\n\n'
)


def test_a_month_or_will_written_before_a_family_name_is_a_name() -> None:
    from fandex.model import Chapter, Work
    from fandex.tag.pipeline import TaggerPipeline

    work = TaggerPipeline()(Work(title="Paint", chapters=[Chapter(1, text=PAINT)]))
    assert "June Okafor" in {t.name for t in work.tags_of("character")}
    assert "Arthur Blake/June Okafor" in {t.name for t in work.tags_of("relationship")}


GARDEN = (
    "Toby Wells spent the summer digging his grandmother's garden. Nora Wells watched "
    "from a deckchair.\n\n"
    '"Deeper," Nora said.\n\n"It\'s deep enough, Gran."\n\n'
    "In the afternoons Nora made him tea and told him about the goat she had bought.\n\n"
    '"Was the goat any good?" Toby asked.\n\n"It ate my wedding dress," said Nora.\n\n'
)


def test_a_grandmother_who_speaks_of_her_wedding_is_no_spouse() -> None:
    got = rels(with_characters(GARDEN, "Nora Wells", "Toby Wells"))
    assert not any("/" in name for name in got)


def test_will_before_a_family_name_is_a_name_but_not_will_you() -> None:
    from fandex.tag.propernames import names_also_words

    assert names_also_words("Will Ash cooked.") == frozenset({"Will"})
    assert names_also_words("Will you come? Will The Band play?") == frozenset()


BRIDGE = (
    "Leo Marsh missed the last train. Priya Nair laughed and left them on the platform.\n\n"
    "Tamsin Hale talked about her work. Leo thought about her hands.\n\n"
    'At the bridge she stopped. "Leo. Priya says you\'ve liked me since March."\n\n'
    'Leo looked at the river. "Priya talks too much."\n\n'
    "Tamsin laughed, and then she took his face in her hands and kissed him.\n\n"
)


def test_a_name_a_line_of_dialogue_speaks_of_does_not_take_the_pronoun() -> None:
    # "Priya talks too much." is said of Priya, who is not on the page: "kissed him" is
    # Leo, named before it.
    got = rels(with_characters(BRIDGE, "Leo Marsh", "Tamsin Hale"))
    assert "Leo Marsh/Tamsin Hale" in got


def test_a_name_past_the_clause_after_a_kiss_is_not_the_one_kissed() -> None:
    text = (
        "Grace Hill opened the bakery at five. Lou Park came in with coffee.\n\n"
        "Sam Byrne came in at seven, as always, and kissed Grace over the counter, and "
        "Lou put her head in her hands.\n\n"
    )
    pairs = score_pairs(with_characters(text, "Grace Hill", "Lou Park", "Sam Byrne")).pairs
    assert ("Grace Hill", "Sam Byrne") in pairs and ("Grace Hill", "Lou Park") not in pairs


COFFEE = (
    "I had been buying coffee from Owen Price every morning for six months.\n\n"
    '"Price," he said, writing it on my cup. "Sorry. Habit."\n\n'
    '"Nina Holt," I said. "Since we\'re doing surnames."\n\n'
    "He laughed. My friend Zara said I was pathetic.\n\n"
    '"Just ask him out, Nina," Zara said, every Friday.\n\n'
    "Owen asked me instead. We went to the noodle place by the river, and Owen told me "
    "about his flatmates. He walked me home. At my door I kissed him.\n\n"
    '"Very good," Owen said, and kissed me back.\n\n'
)


def test_a_narrator_who_gives_her_full_name_is_the_narrator() -> None:
    from fandex.model import Chapter, Work
    from fandex.tag.pipeline import TaggerPipeline

    work = TaggerPipeline()(Work(title="Coffee", chapters=[Chapter(1, text=COFFEE)]))
    narrators = [t.name for t in work.tags_of("character") if t.attrs.get("narrator")]
    assert narrators == ["Nina Holt"]
    assert "Nina Holt/Owen Price" in {t.name for t in work.tags_of("relationship")}
