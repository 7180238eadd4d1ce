"""Archive warnings need the event on the page, not only its words (issue 14, item 2)."""

from __future__ import annotations

import pytest

from fandex.model import Chapter, Work
from fandex.tag.cues_analysis import analyse_texts
from fandex.tag.events import narrated_in_present, past_perfect
from fandex.tag.warnings import DEATH, GRAPHIC, NONCON, UNDERAGE, warnings_tagger


def warnings_of(text: str) -> set[str]:
    work = Work(title="t", chapters=[Chapter(1, text=text)])
    warnings_tagger(work)
    return {t.name for t in work.tags if t.type == "warning" and t.source == "inferred"}


# --- Rape/Non-Con -----------------------------------------------------------------------


def test_a_figure_of_speech_is_not_rape() -> None:
    text = (
        "The lecturer spoke of the rape of the countryside by the mining firms: forests cut "
        "down, rivers poisoned, whole valleys turned to slag."
    )
    assert NONCON not in warnings_of(text)


def test_an_agent_noun_in_a_list_is_not_rape() -> None:
    text = "The sheriff swore that thieves and rapists and murderers would find no shelter here."
    assert NONCON not in warnings_of(text)


def test_the_act_stated_is_rape_even_told_as_the_past() -> None:
    text = "She told the officer slowly: the man downstairs had raped her on Friday night."
    assert NONCON in warnings_of(text)


def test_distress_next_to_sex_without_refusal_or_force_is_not_rape() -> None:
    text = (
        "She was crying a little when they made love, happy tears, and she whimpered and "
        "laughed at herself and pulled him closer, naked under the sheets, moaning his name."
    )
    assert NONCON not in warnings_of(text)


def test_refusal_next_to_sex_is_rape() -> None:
    text = (
        "He undressed her on the couch. She said no and tried to push him away, begged him "
        "to stop, but he held her down and had sex with her while she struggled."
    )
    assert NONCON in warnings_of(text)


def test_a_consent_phrase_does_not_count_for_the_refusal_word_inside_it() -> None:
    found = analyse_texts([(1, '"Don\'t stop," she said, and they had sex, naked and slow.')])
    assert found.get("nonconsent_cue").found == []
    assert [f.term for f in found.get("consent").found] == ["don't stop"]


# --- Underage Sex -----------------------------------------------------------------------


def test_adult_sex_with_children_talked_about_is_not_underage() -> None:
    text = (
        "Later, naked under the sheets, they made love again, and afterwards he talked about "
        "the children at the school where he taught, a teenager who never did his homework, "
        "and whether they might one day have children of their own."
    )
    assert UNDERAGE not in warnings_of(text)


def test_a_stated_minor_age_next_to_sexual_content_is_underage() -> None:
    text = (
        "Jess was fifteen years old. Her mother's boyfriend waited until the house was empty, "
        "then made her undress and had sex with her, and told her it was their secret."
    )
    assert UNDERAGE in warnings_of(text)


# --- Major Character Death --------------------------------------------------------------

NAMED_DEATH = (
    "Captain Ashe pressed both hands to the wound, but the blood kept coming. Mara held his "
    "head in her lap. Ashe died before the medics reached the ridge; his breathing stopped "
    "and she closed his eyes, and they carried his body down at dawn."
)


def test_a_named_character_dying_on_the_page_is_a_major_character_death() -> None:
    assert DEATH in warnings_of(NAMED_DEATH)


def test_a_death_told_in_dialogue_is_not_on_the_page() -> None:
    text = (
        '"Holmes died at the falls," Irene said. "He was killed, and they never found the '
        'body. There was a funeral with an empty coffin." Godfrey folded the paper.'
    )
    assert DEATH not in warnings_of(text)


def test_a_state_is_not_an_event() -> None:
    text = (
        "Holloway was dead. The inspector said so at breakfast, the body was dead and cold, "
        "the funeral was set, and Mara buttered her toast and asked about the coffin."
    )
    assert DEATH not in warnings_of(text)


def test_an_undead_narrators_own_past_death_in_a_present_tense_story_is_lore() -> None:
    text = (
        "Lily watches the living from the stairs. She died when her son was a baby, killed in "
        "the house at the end of the lane, and she remembers the moment her heart stopped. "
        "She walks to the kitchen. She sits by the stove. She hums and waits for the kettle."
    )
    assert narrated_in_present(text)
    assert DEATH not in warnings_of(text)


@pytest.mark.parametrize("had", [" had", "'d", "’d"])
def test_a_death_in_the_past_perfect_is_before_the_story(had: str) -> None:
    text = (
        f"Tobin's brother Kit had gone to sea young. He{had} been killed in a storm, and Tobin "
        f"kept the captain's letter; Kit{had} died before his body could be brought home, and "
        "they buried an empty coffin."
    )
    assert past_perfect(text, text.index("killed"))
    assert DEATH not in warnings_of(text)


def test_a_simple_past_death_in_a_past_tense_story_is_on_the_page() -> None:
    assert not narrated_in_present(NAMED_DEATH)
    assert not past_perfect(NAMED_DEATH, NAMED_DEATH.index("died"))


def test_graphic_words_in_a_characters_talk_are_no_depiction() -> None:
    text = (
        'They fought in the yard, punching and kicking. "Are your innards made of steel?" '
        "Eito shouted, and the fight went on, bruised and bloody, blade against blade, "
        "until the attacker broke his ribs with a kick to the chest and ran."
    )
    assert GRAPHIC not in warnings_of(text)
    told = text.replace('"Are your innards made of steel?" Eito shouted', "Innards spilled")
    assert GRAPHIC in warnings_of(told)


def test_a_light_that_dies_is_no_death() -> None:
    text = (
        "Captain Ashe raised the lamp; then the light dies, and the smile died on Mara's "
        "face, and the fire dies in the grate. Ashe stood in the dark, alive and furious."
    )
    assert [f.term for f in analyse_texts([(1, text)]).get("death").found] == []
