"""A death told by a body going still after a wound (fandex.tag.death_stillness)."""

from __future__ import annotations

import pytest

from fandex.model import Chapter, Work
from fandex.tag.cues_analysis import analyse
from fandex.tag.death_stillness import stillness_events
from fandex.tag.warnings import DEATH, infer_warnings

# Ivo acts and is named often before the wound: a person the story dwells on.
_BEFORE = "Ivo laughed. Ivo said no. Ivo sat down. Ivo drank the tea. Mara watched him. "


def subjects(text: str) -> list[str]:
    return [e.subject for e in stillness_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        # a name, the wound before
        _BEFORE + "Mara stabbed Ivo twice. Ivo fell. Ivo did not move again. Mara walked out.",
        # "he", the one gone named in the sentence of the wound
        _BEFORE + "Mara pushed Ivo over the edge. He was lying below. He was not moving. "
        "Mara walked home.",
        # a name set beside its subject
        _BEFORE + "The spear went in. Ivo, son of Anders, lets go. Mara wept.",
    ],
)
def test_a_person_of_the_story_goes_still_after_a_wound(text: str) -> None:
    assert subjects(text) == ["Ivo"]


def test_the_painter_who_speaks() -> None:
    text = (
        '"Come," said the painter. The painter looked at the easel. The painter sighed. '
        "He stabbed the painter in the neck. Then they did not move. He left."
    )
    assert subjects(text) == ["the painter"]


@pytest.mark.parametrize(
    "text",
    [
        # no wound: frozen, a hug, a hand let go
        _BEFORE + "Mara touched his cheek. Ivo went still. Mara smiled.",
        _BEFORE + "Mara held his hand and did not once let go.",
        # a wound, but the still one gets up again
        _BEFORE + "Mara shot Ivo. Ivo did not move. Later Ivo sat up and swore.",
        _BEFORE + "Mara stabbed Ivo. Ivo did not move. Ivo didn't miss the look she gave.",
        # a pause, not an end
        _BEFORE + "Mara stabbed at Ivo. Ivo did not move, until the bell rang.",
        _BEFORE + "The blade flashed. Ivo let go, stepped back and laughed.",
        # a man nobody names, in a fight
        _BEFORE + "Mara shot the guard. A man in the mud who was not moving. Ivo shouted.",
        # someone named once, no one the story dwells on
        "Mara sighed. Bo said hi. Mara shot Bo. Bo did not move again. Mara left.",
        # told in dialogue
        _BEFORE + 'Mara stabbed the dummy. "Ivo did not move again," she said.',
    ],
)
def test_no_death(text: str) -> None:
    assert not subjects(text)


def test_major_character_death_from_a_stillness() -> None:
    text = (
        _BEFORE + "Then Mara stabbed Ivo in the neck. Ivo did not move again. Mara left the blood."
    )
    work = Work(chapters=[Chapter(1, text=text)])
    assert DEATH in [w.name for w in infer_warnings(analyse(work))]


def test_one_struck_down_at_a_chapter_end_who_acts_in_the_next_is_no_death() -> None:
    text = _BEFORE + "Mara stabbed Ivo. Ivo did not move."
    assert subjects(text) == ["Ivo"]
    assert not stillness_events(text, "Ivo woke in the infirmary. Ivo asked for water.")


@pytest.mark.parametrize(
    "text",
    [
        _BEFORE + "Ivo shut the door. At dawn Mara closed his eyes with her hands and left.",
        _BEFORE + "Ivo wrote a note. Later she gently closed his eyes.",
    ],
)
def test_one_closing_anothers_eyes(text: str) -> None:
    assert subjects(text) == ["Ivo"]


@pytest.mark.parametrize(
    "text",
    [
        _BEFORE + "Ivo yawned. Ivo closed his eyes and slept.",  # his own
        _BEFORE + "Later she closed his eyes. Ivo woke at noon and sang.",  # acts again
        "Mara sighed. Bo said hi. Later she closed his eyes.",  # no one the story dwells on
    ],
)
def test_no_one_closing_anothers_eyes(text: str) -> None:
    assert not subjects(text)


def test_one_who_never_wakes() -> None:
    text = _BEFORE + "Ivo closed his eyes to listen. The clock struck. Ivo didn't open his eyes."
    assert subjects(text) == ["Ivo"]


def test_one_asleep_who_wakes_later_is_no_death() -> None:
    text = _BEFORE + "Ivo closed his eyes. Ivo didn't open his eyes. At noon Ivo stretched."
    assert not subjects(text)


def test_a_body_cared_for_as_if_it_still_lived() -> None:
    text = _BEFORE + "They laid Ivo on the deck in a blanket, as if he could still be cold."
    assert subjects(text) == ["Ivo"]


def test_one_talked_to_as_if_he_could_still_hear_who_wakes_is_no_death() -> None:
    text = _BEFORE + "She talked to Ivo as if he could still hear. In May Ivo woke and smiled."
    assert not subjects(text)
