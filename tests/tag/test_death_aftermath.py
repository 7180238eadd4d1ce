"""Deaths told by another's act or by their aftermath (fandex.tag.death_aftermath)."""

from __future__ import annotations

import pytest

from fandex.model import Chapter, Work
from fandex.tag.cues_analysis import analyse
from fandex.tag.death_aftermath import aftermath_events
from fandex.tag.warnings import DEATH, infer_warnings


def subjects(text: str) -> list[str]:
    return [e.subject for e in aftermath_events(text)]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # a killing done to the subject, or by someone to a named object
        ("Oskar laughed at the gate. Then Oskar was shot dead at dawn.", "Oskar"),
        ("Mara wrote to her sister. At noon Ilse killed Mara with the pistol.", "Mara"),
        # the aftermath owned by a name
        ("Tobias mended the net. The week after Tobias's funeral, it rained.", "Tobias"),
        ("Perrin sang in the kitchen. The house of the late Perrin was sold.", "Perrin"),
        ("Perrin sang in the kitchen. A bench in memory of Perrin stood there.", "Perrin"),
        ("Perrin sang in the kitchen. In spring Perrin's widow sold the boat.", "Perrin"),
        ("Perrin sang in the kitchen. At Perrin's memorial the choir sang.", "Perrin"),
        # the state of a death, of a name or of "he" read back to it
        ("Ansel wrote the letter twice. Ansel had died in his sleep.", "Ansel"),
        (
            "Calder ran ahead of her. When she reached him, Calder lay still, and he was dead.",
            "Calder",
        ),
        ("Bram waved from the boat. They found Bram at noon. He had drowned.", "Bram"),
        # "the dead" and what the story calls a person of it, who acted before
        ("The priest coughed. At dusk she still held the dead priest's hand.", "the priest"),
        ("The monk sang. He sat holding a dead Christian monk and rocking him.", "the monk"),
    ],
)
def test_a_person_of_the_story_dies(text: str, who: str) -> None:
    assert who in subjects(text)


@pytest.mark.parametrize(
    "text",
    [
        "His father was killed in the war. Oskar laughed.",  # someone unnamed
        "Neil had come in March. Neil had died in April.",  # never acts in the story's time
        "Tobias's funeral was in May. Tobias had been ill a long time.",  # before the story
        "Ilse nearly killed Mara with the ladder. Mara laughed.",  # no killing done
        "Ilse shot Mara in the arm. Mara swore.",  # a hurt
        "Gabrielle smiled at him, and she is gone, walking out into the square.",  # a leaving
        "Wren laughed. Wren was gone for an hour.",  # a leaving
        '"Oskar was killed," she said. Oskar had laughed once.',  # news in dialogue
        "Every night at nine Oskar was killed on the stage. Oskar bowed.",  # a habit
        "The UN flag hung there. He is dead.",  # no person to read "he" back to
        "The engine coughed. He sat beside a dead engine with grease on his face.",  # a thing
        "The ball turned. They danced under the dead mirror ball.",  # no person
        "The dead man's hand was cold. The inspector sighed.",  # anyone
        # an undead narrator's own death, long before the story
        "Lord Varrin reflected on it. He had died in the winter of 1703, and slept.",
        # a leaving, no body told
        "Gregory smiled at him. When he looked up again, Gregory was gone.",
        # a figure, a wish, an adjective
        "Alan smiled. It killed Alan not to touch him.",
        "Hoi laughed. He wouldn't have killed Hoi really.",
        "Omega sighed. He thought of the murdered Omega.",
        # the one thought dead acts again: a fear, a game, a trick
        "Calder ran ahead. Calder was dead. Then Calder coughed and sat up.",
        "Calder laughed at the screen. Calder got killed in the third round.",
        # a widow, a memorial of someone who never acts in the story
        "Perrin sang. The widow of Anselm Oakes sold the boat.",
        "Perrin sang. A bench in memory of the Oakes family stood there.",
    ],
)
def test_no_death(text: str) -> None:
    assert not subjects(text)


def test_the_rites_late_in_a_text_after_a_person_acts_for_the_last_time() -> None:
    text = (
        "Edda laughed at the jigsaw and Lan sighed. Edda fitted the gull in. "
        "In March Edda slept in her chair most afternoons, and Lan did the sky alone. "
        "Lan sat in her kitchen a long time. The week after the funeral, the daughter "
        "let her in to take back the tin."
    )
    assert subjects(text) == ["Edda"]


@pytest.mark.parametrize(
    "text",
    [
        # the funeral the story starts from, early in the text
        "The funeral was on Thursday. Edda laughed at the wake. Lan sighed and went home "
        "and Lan put the kettle on, and the two of them sat up late and talked of the old "
        "days on the island, the ferry, the school, the long winters and the gulls.",
        # "in the wake of"
        "Edda laughed at the rail. Lan sighed. The gulls came down in the wake of the ferry.",
    ],
)
def test_no_rites_of_a_death(text: str) -> None:
    assert not subjects(text)


def test_an_aftermath_makes_major_character_death() -> None:
    text = (
        "Rafe went up the slope to look at the snow, and Ines waited by the sled. "
        "The slide came down in the dark. They dug for an hour, and Ines found him, "
        "and his eyes were closed, and Rafe was dead. "
        "In April she went back up the valley alone."
    )
    work = Work(title="t", chapters=[Chapter(1, text=text)])
    found = [w for w in infer_warnings(analyse(work)) if w.name == DEATH]
    assert found and "was dead" in found[0].evidence[0].quote
