"""Deaths told as events of the story (fandex.tag.death_events, Major Character Death)."""

from __future__ import annotations

import pytest

from fandex.model import Chapter, Work
from fandex.tag.cues_analysis import analyse
from fandex.tag.death_events import death_events
from fandex.tag.warnings import DEATH, infer_warnings


def subjects(text: str, present: bool = False) -> list[str]:
    return [e.subject for e in death_events(text, present)]


@pytest.mark.parametrize(
    "text",
    [
        "Tomas slept in the chair. He died at about four in the afternoon.",
        "Mira read to her. Mira died on the ninth of October.",
        "The shot rang out and she died before the echo faded.",
        "Then he quietly passed away, with the window open.",
    ],
)
def test_a_person_dies_in_a_main_clause(text: str) -> None:
    assert subjects(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Impala died at mile marker 212.",  # a thing
        "His father died when he was small.",  # someone unnamed
        "They didn't survive the winter.",  # a group
        "After she died he learned to dance.",  # a clause of time, not the event
        "Kit had died years before.",  # past perfect
        '"He died on the Tuesday," she said.',  # news in dialogue
        "Oskar died in the play every night.",  # a name met once
        "The old man who died in the chair was a stranger.",
    ],
)
def test_no_death_event(text: str) -> None:
    assert not subjects(text)


def test_a_simple_past_is_before_a_story_told_in_the_present() -> None:
    assert not subjects("Ana walks home. She died young, her mother says.", present=True)
    assert subjects("Ana walks home. Ana dies at twenty past two.", present=True)


def test_a_told_death_makes_major_character_death() -> None:
    text = (
        "Ines sat by the bed all week and read to him. The nurses came and went. "
        "On the last morning the window was open. He died at ten past six. "
        "Ines sat with him a long time afterwards, and then she rang her brother."
    )
    work = Work(title="t", chapters=[Chapter(1, text=text)])
    found = [w for w in infer_warnings(analyse(work)) if w.name == DEATH]
    assert found and "He died at ten past six" in found[0].evidence[0].quote


def test_a_death_set_before_the_story_is_no_event() -> None:
    text = "Lily sits on the stairs. She died when her son was a baby. Lily watches him now."
    assert not subjects(text)
    assert not subjects("Ravi was kind. Ravi died young, and nobody spoke of it.")


@pytest.mark.parametrize(
    "text",
    [
        "Dana held his hand. After a while the breathing stopped, between one breath and the next.",
        "He let out a long breath, and did not take another.",
        "Her breathing has stopped, and the nurse writes down the time.",
    ],
)
def test_the_last_breath_is_a_death(text: str) -> None:
    assert subjects(text) == ["breath"]


@pytest.mark.parametrize(
    "text",
    [
        "He found that he had stopped breathing, watching her tie the knot.",  # past perfect
        "Her breathing stopped for a second when the door opened.",  # a moment, not a death
        '"His breathing stopped," she said. "Then it started again."',  # dialogue
        "She did not take another biscuit.",  # no breath in the sentence
    ],
)
def test_no_last_breath(text: str) -> None:
    assert not subjects(text)


@pytest.mark.parametrize(
    "text",
    [
        "The nurse looks at her watch and says the time aloud, and writes it down.",
        "At 3:12 the surgeon called the time of death.",
        "His chest rose once more, and fell, and did not rise again.",
        "She feels the breath go out, slower, and waits for the next one, and it does not come.",
    ],
)
def test_a_death_told_by_its_time_or_its_last_rise(text: str) -> None:
    assert subjects(text)


@pytest.mark.parametrize(
    "text",
    [
        "She wrote down the time it took, because she wrote down everything.",
        "He said the time was up and collected the papers.",
        "The sun did not rise again until March, that far north.",
        "He waited for the lecture, and it did not come.",
    ],
)
def test_no_time_called_or_last_rise(text: str) -> None:
    assert not subjects(text)


def test_a_weak_sign_is_marked_weak() -> None:
    events = death_events("Tomas held on until Aurel's hand went slack in his.")
    assert [e.weak for e in events] == [True]
    assert not death_events("Her heart stopped when she saw him at the door.")


def test_a_weak_sign_counts_only_beside_other_death_cues() -> None:
    asleep = (
        "Ines read to him until late. His hand went slack in hers and he began to snore, "
        "and she put the book down and turned out the lamp. "
    ) * 3
    work = Work(title="t", chapters=[Chapter(1, text=asleep)])
    assert DEATH not in {w.name for w in infer_warnings(analyse(work))}
    dying = (
        "The wound had bled all night and the surgeon could do nothing. Ines held his "
        "hand and talked to him about the harbour. After a while his hand went slack in "
        "hers, and she sat with him until the grey light came, and wept."
    )
    work = Work(title="t", chapters=[Chapter(1, text=dying)])
    assert DEATH in {w.name for w in infer_warnings(analyse(work))}


def test_a_sign_after_a_time_named_is_a_memory() -> None:
    assert not death_events("She remembers the green light and the moment her heart stopped.")


def test_a_habit_is_no_event() -> None:
    assert not death_events("If Mark loses, he dies every time. Mark knows it.")


def test_a_death_on_the_stage_every_night_is_a_habit() -> None:
    text = (
        "Noor smiled. Priscilla called the cues and Noor died on time and Callum kissed "
        "her every night."
    )
    assert not death_events(text)


def test_a_death_undone_in_its_sentence_is_no_event() -> None:
    text = "Dame Ada bowed. Dame Ada died, at comic length, before being revived by the Fairy."
    assert not subjects(text)
    assert subjects("Dame Ada bowed. Dame Ada died at dawn. The Fairy wept.")


def test_a_full_name_said_once_is_the_person_called_by_one_of_its_words() -> None:
    # The family name first, once, where he dies; his given name everywhere else.
    text = "Min-jun held the door. Min-jun said to run. Park Min-jun died in the corridor."
    assert subjects(text) == ["Park Min-jun"]
    # ... but a name met only in its own clause is no person of the story.
    assert not subjects("The train was late. Park Min-jun died in the corridor.")
