"""Abduction and War cues: a captive or captor anchors a kidnapping, idioms are masked, and
war needs fighting on the page rather than the furniture of a military or fantasy setting."""

from __future__ import annotations

import pytest

from fandex.tag.content import note_scores
from fandex.tag.cues_analysis import ConceptScore, analyse_texts


def score(concept: str, text: str) -> ConceptScore:
    return analyse_texts([(1, text)]).get(concept)


# --- Abduction ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "She was taken aback by the news.",
        "You've been taken off duty for the week.",
        "Everything has been taken care of.",
        "Can I kidnap you for lunch on Friday?",
        "He locked himself in the bathroom to finish the call.",
        "The gang ran drug trafficking across the city.",
        "He held her close and kept her company all night.",
        "It was bound to happen sooner or later.",
        "A laugh escaped her lips.",
    ],
)
def test_idioms_with_abduction_words_score_nothing(text: str) -> None:
    assert score("abduction", text).score == 0


def test_everyday_words_without_a_captive_or_captor_make_no_abduction() -> None:
    # "escape", "missing" and "been taken" each sound like a kidnapping; together, with no
    # one held, they are an ordinary shift change.
    text = (
        "You've been taken off duty. Try to escape the paperwork if you can. "
        "The report on the missing crates can wait."
    )
    assert not score("abduction", text).present


def test_a_captor_turns_the_same_everyday_words_into_an_abduction() -> None:
    calm = "He tried to escape the crowd. His phone was missing."
    held = calm + " His kidnappers did not notice."
    assert not score("abduction", calm).present
    assert score("abduction", held).present
    assert score("abduction", held).score > 2 * score("abduction", calm).score


def test_playful_kidnapping_is_masked_but_a_ransom_kidnapping_is_not() -> None:
    assert score("abduction", "They kidnapped him for lunch.").score == 0
    assert score("abduction", "They kidnapped him for ransom.").present


def test_a_kings_ransom_is_a_price_but_a_ransom_for_a_person_still_counts() -> None:
    # The idiom is masked; the same word asked for a person is still a cue.
    assert score("abduction", "The boots cost him a king's ransom.").score == 0
    assert score("abduction", "The boots cost him a king’s ransom.").score == 0
    assert score("abduction", "They demanded a ransom for the boy.").score > 0


def test_drug_trafficking_is_a_drug_cue_and_people_trafficking_an_abduction() -> None:
    drugs = "The gang ran drug trafficking across the city."
    assert score("drugs", drugs).score > 0
    assert score("abduction", "The girls were trafficked across the border.").present


def test_a_captive_held_and_bound_is_an_abduction() -> None:
    text = "They held him captive in the cellar with a bag over his head."
    assert score("abduction", text).present


def test_a_thing_held_hostage_is_a_joke_but_a_person_is_not() -> None:
    assert score("abduction", "You forgot your scarf. I am keeping it hostage.").score == 0
    assert score("abduction", "They are keeping him hostage in the cellar.").score > 0


def test_other_senses_of_captivity_words_are_no_strong_term() -> None:
    # A bare "against his will" is mostly a glance he could not help, "enslaved" slavery
    # or a figure: cues (weight 2), no note alone; being held against one's will still is.
    for text in (
        "Kravitz, against his will, went to look at the cake.",
        "He talked about the enslaved people who walked north by the Pole Star.",
    ):
        assert max(f.base for f in score("abduction", text).best) == 2
        assert "Abduction" not in note_scores(analyse_texts([(1, text)]))
    held = analyse_texts([(1, "They held her against her will for three days.")])
    assert "Abduction" in note_scores(held)


def test_legal_imprisonment_alone_is_weaker_than_a_kidnapping() -> None:
    legal = score("abduction", "The court ordered his imprisonment.")
    taken = score("abduction", "The court heard how he was kidnapped.")
    assert not legal.present
    assert taken.present


# --- War ----------------------------------------------------------------------------------


def test_combat_on_the_page_is_war() -> None:
    text = "Enemy troops opened fire as the artillery shelled the trenches."
    assert score("war", text).present


@pytest.mark.parametrize(
    "text",
    [
        "The knight raised his sword and shield before the kingdom's gate.",
        "The heroes walked the civilians across the street.",
        "The Star Wars fans started a prank war.",
        "He wore a long trench coat and a tin soldier pin.",
        "She soldiered on through a losing battle with her inbox.",
        "They met at the front door; it was enemies to lovers from the start.",
        "He told an offensive joke at dinner.",
    ],
)
def test_fantasy_furniture_and_war_idioms_make_no_war(text: str) -> None:
    assert score("war", text).score < 1.5


def test_a_military_setting_without_fighting_is_not_war() -> None:
    text = (
        "The commander stepped onto the bridge of the fleet's flagship in uniform. "
        "The lieutenant handed her the military supply report."
    )
    assert not score("war", text).present


def test_a_war_over_before_the_story_counts_less_than_one_on_the_page() -> None:
    after = score("war", "After the war, they opened a bakery.").score
    during = score("war", "The war raged through the valley.").score
    assert 0 < after < during


def test_an_occupying_army_is_war_but_a_busy_friend_is_not() -> None:
    assert score("war", "Everyone was occupied with the party.").score == 0
    occupied = "The occupying army marched through the burning village; soldiers took cover."
    assert score("war", occupied).present
