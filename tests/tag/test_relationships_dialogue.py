"""Romance said aloud or written: a declaration in dialogue, the one spoken to (a vocative),
a line of a chat or a script, a letter."""

from __future__ import annotations

import re

import pytest
from relationship_fixtures import rels, with_characters

from fandex.tag.romance import score_pairs
from fandex.tag.romance_dialogue import addressed, spoken_of, vocatives


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


# A name said inside a line of dialogue, not to anyone there, is someone talked about: a
# pronoun of the narration after it stands for someone on the page (the speaker, told by a
# pronoun), not for them.
SPOKEN_OF = (
    "Wren Ashby and Tobin Marsh sat on the jetty with their rods.\n\n"
    '"Halloran saw it before I did," he said. "Last spring."\n\n'
    "Wren put down her rod and kissed him.\n\n"
)


def test_a_name_only_spoken_of_in_dialogue_is_no_antecedent_of_the_narration() -> None:
    romance = score_pairs(with_characters(SPOKEN_OF, "Wren Ashby", "Tobin Marsh", "Halloran"))
    assert ("Halloran", "Wren Ashby") not in romance.pairs


def test_spoken_of_tells_a_name_talked_about_from_one_said_to_someone() -> None:
    t = '"Ada saw it first," he said. "Ben, look." Cal nodded.'
    at = {n: t.index(n) for n in ("Ada", "Ben", "Cal")}
    assert spoken_of(t, at["Ada"], at["Ada"] + 3)
    assert not spoken_of(t, at["Ben"], at["Ben"] + 3)
    assert not spoken_of(t, at["Cal"], at["Cal"] + 3)
