"""The violence and death cue lists: depiction counts, lore, idioms and old deaths do not."""

from __future__ import annotations

import pytest

from fandex.model import Chapter, Tag, Work
from fandex.tag.cues_analysis import analyse_texts
from fandex.tag.warnings import DEATH, warnings_tagger


def score(text: str, concept: str) -> float:
    """The concept's score over its threshold (1.0 and above makes the note)."""
    found = analyse_texts([(1, text.lower())]).get(concept)
    return found.score / found.concept.threshold


def inferred_warnings(text: str) -> dict[str, Tag]:
    work = Work(title="t", chapters=[Chapter(1, text=text)])
    warnings_tagger(work)
    return {t.name: t for t in work.tags if t.type == "warning" and t.source == "inferred"}


def test_necromancy_lore_is_not_a_death() -> None:
    text = (
        "The necromancer could raise the dead. Her spellbook taught students to animate "
        "dead soldiers and to bring the dead back from the grave, and the walking dead "
        "obeyed whoever held the staff."
    )
    assert score(text, "death") < 1.0


def test_a_death_on_the_page_is_a_death_and_suggests_major_character_death() -> None:
    text = (
        "Tomas fell dead beside the wagon. Ilse knelt beside him, but his heart stopped "
        "beating, and by morning they were digging his grave."
    )
    assert score(text, "death") >= 1.5
    assert DEATH in inferred_warnings(text)


def test_a_death_long_ago_is_not_an_on_page_death() -> None:
    text = (
        "Her grandfather died years ago, when she was small. Today she only wanted to find "
        "the old recipe book he kept, and she spent the morning searching the attic."
    )
    assert score(text, "death") < 1.0
    assert DEATH not in inferred_warnings(text)


@pytest.mark.parametrize(
    "text",
    [
        "She was pale as death after the exam and lay on the sofa like a corpse.",
        "It was a life or death deadline, a near-death moment for the whole office.",
        "Forgetting the tickets was a grave mistake; the dying embers of the fire glowed.",
        "He was dead to the world until noon, then played dead when his sister knocked.",
    ],
)
def test_death_idioms_and_similes_do_not_count(text: str) -> None:
    assert score(text, "death") == 0.0


def test_the_bare_noun_death_weighs_less_than_a_death_happening() -> None:
    topic = "The seminar read essays on death: deaths in old ballads, death in modern art."
    event = "The old soldier died that night and was buried on the hill."
    assert score(topic, "death") < 1.0 <= score(event, "death")


@pytest.mark.parametrize(
    "text",
    [
        "A strangled laugh escaped her, and he choked out an apology.",
        "The new coffee blend packed a punch; she wound up drinking three cups.",
        "He tried to soften the blow of the news, then blew his nose and wound his arms "
        "around his knees.",
    ],
)
def test_violence_words_about_a_voice_a_drink_or_winding_do_not_count(text: str) -> None:
    assert score(text, "violence") == 0.0


def test_strangling_a_person_counts_more_than_a_strangled_voice() -> None:
    voice = "A strangled sound left his throat when the letter arrived."
    act = "The thief strangled him in the alley."
    assert score(voice, "violence") == 0.0
    assert score(act, "violence") > 0.0


def test_raiding_and_blows_make_a_violence_note() -> None:
    text = (
        "The raiders pillaged the village at dawn. One struck the miller with a blow to "
        "the head and the others plundered the grain store."
    )
    assert score(text, "violence") >= 1.0
