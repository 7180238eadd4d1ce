"""Bigotry cues (racism, homophobia, misogyny, ableism): prejudice expressed on the page
counts, talk about the topic and neutral mentions of a group do not."""

from __future__ import annotations

import pytest

from fandex.tag.cues_analysis import analyse_texts


def present(concept: str, text: str) -> bool:
    return analyse_texts([(1, text.lower())]).get(concept).present


def score(concept: str, text: str) -> float:
    return analyse_texts([(1, text.lower())]).get(concept).score


ESSAY = (
    "The lecture covered systemic racism and institutional racism in housing policy, "
    "and how civil rights groups campaigned against segregation."
)


def test_an_essay_about_racism_is_not_a_racist_scene() -> None:
    assert not present("racism", ESSAY)


def test_the_sociology_register_is_masked_not_just_discounted() -> None:
    # "systemic racism" names the topic; the bare word still counts as a (soft) cue.
    assert score("racism", "They studied systemic racism.") == 0
    assert score("racism", "They studied racism.") > 0


def test_a_character_voicing_purity_and_inferiority_is_racism() -> None:
    text = (
        "The old lord sneered at the newcomers. 'Your kind are a lesser race,' he said. "
        "'Our family has kept its racial purity for nine generations.'"
    )
    assert present("racism", text)


def test_dehumanising_words_about_a_people_count_more_than_a_neutral_mention() -> None:
    neutral = "The two tribes met at the river to trade salt and cloth."
    othering = "The settlers called the tribes primitive savages, barbaric and uncivilised."
    assert score("racism", othering) > score("racism", neutral)


def test_a_neutral_mention_of_a_gay_couple_is_not_homophobia() -> None:
    text = "Sam and his boyfriend came out to their friends, who threw them a party. They are gay."
    assert not present("homophobia", text)


def test_condemnation_voiced_at_queer_people_is_homophobia() -> None:
    text = "'Being gay is a sin,' her uncle said. 'It is unnatural. You will not see him again.'"
    assert present("homophobia", text)


def test_women_and_their_homes_are_context_not_misogyny() -> None:
    text = "The women of the village and their daughters baked bread in the kitchen for the bride."
    assert not present("misogyny", text)


def test_contempt_for_women_as_women_is_misogyny() -> None:
    text = "'A woman's place is at home,' he said. 'Know your place. You throw like a girl.'"
    assert present("misogyny", text)


@pytest.mark.parametrize("idiom", ["son of a bitch", "stop bitching about it"])
def test_swearing_idioms_weigh_less_than_an_insult_aimed_at_a_woman(idiom: str) -> None:
    aimed = score("misogyny", "He turned to her and said: you bitch.")
    assert score("misogyny", f"He muttered: {idiom}.") < aimed


def test_reducing_a_woman_to_a_sex_object_counts() -> None:
    assert score("misogyny", "He spoke of her as a sex object, a piece of meat.") > 0


def test_care_and_mobility_words_alone_are_not_ableism() -> None:
    text = "She rolled her wheelchair into the hospital for her therapy and took her medication."
    assert not present("ableism", text)


def test_a_slur_aimed_at_a_disabled_person_is_ableism() -> None:
    text = "The boys laughed at him. 'Look at the cripple,' one said. 'What a lunatic.'"
    assert present("ableism", text)


def test_demeaning_disability_phrasing_counts_more_than_the_plain_word() -> None:
    plain = "She used a wheelchair."
    demeaning = "She was confined to a wheelchair."
    assert score("ableism", demeaning) > score("ableism", plain)


def test_an_everyday_insult_for_a_villain_needs_company() -> None:
    # "psycho" for a villain is common and rarely about mental illness on its own.
    assert not present("ableism", "It was safer to stay away from the psycho.")


@pytest.mark.parametrize(
    ("concept", "text"),
    [
        ("racism", "He found the one chink in her armour and said so."),
        ("racism", "The mongrel dog barked at the postman all morning."),
        ("homophobia", "Lying to your mother is a sin, the priest told the boys."),
        ("homophobia", "And poof, the rabbit vanished from the fairy's hat."),
        ("ableism", "The car sped away into the blind corner."),
        ("misogyny", "Karma's a bitch, he muttered when his own trap caught him."),
        ("misogyny", "She was only a girl of twelve when the war began."),
        ("racism", "Thank you for your kind words; this is not your kind of music."),
        ("homophobia", "The bouncer kicked him out of the bar at closing time."),
    ],
)
def test_everyday_homographs_and_idioms_make_no_bigotry_note(concept: str, text: str) -> None:
    assert not present(concept, text)
