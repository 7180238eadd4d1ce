"""Content notes and the cue machinery under them: context, idioms, windows, evidence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.errors import ConfigError
from fandex.model import Chapter, Tag, Work
from fandex.tag.content import content_tagger
from fandex.tag.context_rules import BACKSTORY, HYPOTHETICAL, NEGATED, ON_PAGE, default_rules
from fandex.tag.cues_analysis import analyse_texts
from fandex.tag.cues_lexicon import build, default_lexicon, expand

FIGHT = (
    "Rook punched the guard in the jaw and kicked him down the stairs. "
    "The guard drew a knife and stabbed at him; blood ran down Rook's arm. "
    "They fought until the guard lay unconscious, bleeding on the stones."
)


def work_of(*texts: str) -> Work:
    return Work(title="t", chapters=[Chapter(i + 1, text=t) for i, t in enumerate(texts)])


def notes(work: Work) -> dict[str, Tag]:
    return {t.name: t for t in work.tags if t.type == "freeform" and t.source == "inferred"}


def test_fight_scene_gets_violence_and_blood_notes() -> None:
    work = work_of(FIGHT)
    content_tagger(work)
    found = notes(work)
    assert {"Violence", "Blood"} <= set(found)
    assert found["Violence"].tagger == "content-notes"
    assert 0.5 <= found["Violence"].confidence <= 0.99


def test_calm_text_gets_no_notes() -> None:
    work = work_of("They baked bread, walked the dog and read aloud by the fire until late.")
    content_tagger(work)
    assert notes(work) == {}


def test_evidence_points_at_the_right_chapter_and_offsets() -> None:
    calm = "The morning was quiet and the tea was hot."
    work = work_of(calm, FIGHT)
    content_tagger(work)
    violence = notes(work)["Violence"]
    assert violence.evidence
    for ev in violence.evidence:
        assert ev.chapter == 2
        assert ev.start is not None and ev.end is not None
        assert work.chapters[1].text[ev.start : ev.end] == ev.quote
        assert 0 < len(ev.quote) <= 200


def test_negated_violence_is_not_a_note() -> None:
    text = (
        "He didn't punch anyone. Nobody was stabbed. She never shot the gun. "
        "No one bled, and he did not kill the guard."
    )
    work = work_of(text)
    content_tagger(work)
    assert "Violence" not in notes(work)
    assert "Death" not in notes(work)


def test_idioms_do_not_count_as_death_or_violence() -> None:
    text = (
        "We were killing time at the station, bored to death, dying to get home. "
        "My phone died. He shot me a look; it was a dead giveaway that he was dead tired."
    )
    analysis = analyse_texts([(1, text)])
    assert analysis.get("death").score == 0
    assert analysis.get("violence").score == 0


@pytest.mark.parametrize(
    ("text", "cue", "kind"),
    [
        ("he did not hit her", "hit", NEGATED),
        ("she hit him hard", "hit", ON_PAGE),
        ("i'll kill you if you come back", "kill", HYPOTHETICAL),
        ("if he hit her, she would leave", "hit", HYPOTHETICAL),
        ("her father had died when she was small", "died", BACKSTORY),
        ("he didn't say a word, but he hit the wall", "hit", ON_PAGE),
    ],
)
def test_context_rules_classify_cues(text: str, cue: str, kind: str) -> None:
    assert default_rules().classify(text, text.index(cue))[0] == kind


def test_threat_weighs_less_than_the_deed() -> None:
    threat = analyse_texts([(1, '"I\'ll kill you," he said. "I\'ll stab you."')])
    deed = analyse_texts([(1, "He killed the man. He stabbed him.")])
    assert 0 < threat.get("violence").score < deed.get("violence").score


def test_repeating_one_word_has_diminishing_returns() -> None:
    once = analyse_texts([(1, "blood.")]).get("blood").score
    many = analyse_texts([(1, " ".join(["blood."] * 40))]).get("blood").score
    assert once < many < 2 * once


def test_scattered_mild_words_in_a_long_text_do_not_add_up() -> None:
    filler = "The afternoon went on, slow and uneventful, with tea and letters. " * 20
    mild = [
        "It hurt a little.",
        "She felt some pain.",
        "A knife lay on the table.",
        "He was furious.",
    ]
    text = "".join(filler + m + " " for m in mild)
    analysis = analyse_texts([(1, text)])
    assert not analysis.get("violence").present


def test_a_phrase_also_feeds_the_concepts_of_its_words() -> None:
    analysis = analyse_texts([(1, "There was a pool of blood on the floor.")])
    assert analysis.get("graphic").found or analysis.get("blood").found
    assert analysis.get("blood").score > 0


def test_stated_note_is_never_overwritten() -> None:
    work = work_of(FIGHT)
    work.add_tag(Tag("freeform", "Violence", source="stated"))
    content_tagger(work)
    assert work.find_tag("freeform", "Violence") is not None
    assert work.find_tag("freeform", "Violence").source == "stated"  # type: ignore[union-attr]


def test_macros_expand_to_plain_terms() -> None:
    assert "slit her throat" in expand("slit @poss throat")
    assert "fifteen-year-old" in expand("@minor_age-year-old")


def test_lexicon_rejects_an_unknown_companion_concept() -> None:
    with pytest.raises(ConfigError):
        build({"x": {"cues": ["a"], "near": ["nope"]}})


def test_lexicon_rejects_an_unknown_macro() -> None:
    with pytest.raises(ConfigError):
        build({"x": {"cues": ["@nothing here"]}})


def test_every_shipped_note_concept_has_a_threshold_and_terms() -> None:
    lex = default_lexicon()
    noted = [c for c in lex.concepts.values() if c.note]
    assert len(noted) == 17
    for c in noted:
        assert c.threshold > 0
        assert any(c.name in {n for n, _ in e} for e in lex.literal.values()), c.name


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["He", "stabbed", "blood", "didn't", "kill", "\n", ".", " ", "’", "pool of blood", "x"]
        ),
        max_size=60,
    )
)
def test_every_evidence_quote_is_the_text_at_its_offsets(parts: list[str]) -> None:
    text = " ".join(parts)
    analysis = analyse_texts([(3, text)])
    for name in ("violence", "blood", "death"):
        for ev in analysis.evidence(name):
            assert ev.chapter == 3
            assert text[ev.start : ev.end] == ev.quote  # type: ignore[misc]
            assert "\n" not in ev.quote


def test_one_ambiguous_word_does_not_make_a_note() -> None:
    # Everyday words that a note's lexicon lists, each alone in a calm text.
    calm = [
        "They loaded the picnic into the van and drove to the lake.",
        "She made pancakes in the kitchen while the kettle boiled.",
        "Three letters were missing from the old sign by the road.",
        "His cousin worked at the prison library on weekdays.",
    ]
    for text in calm:
        work = work_of(text)
        content_tagger(work)
        assert notes(work) == {}, text


def test_a_strong_cue_alone_still_makes_a_note() -> None:
    work = work_of("The girl was kidnapped on her way home from school.")
    content_tagger(work)
    assert "Abduction" in notes(work)


def test_two_different_cues_agreeing_count_more_than_one_cue() -> None:
    one = analyse_texts([(1, "They asked for a ransom.")]).get("abduction").score
    two = analyse_texts([(1, "They asked for a ransom. He was locked in the cellar.")])
    assert two.get("abduction").score > 2 * one


def test_bigotry_notes_need_a_strong_term() -> None:
    soft = "“That is disgusting,” she laughed, pushing the cold pizza away. They went to church."
    work = work_of(soft)
    content_tagger(work)
    assert "Homophobia" not in notes(work)
    hard = soft + " Later a homophobic man shouted a slur at them in the street."
    work = work_of(hard)
    content_tagger(work)
    assert "Homophobia" in notes(work)


def test_it_is_not_a_person_for_captivity_cues() -> None:
    assert analyse_texts([(1, "She kept it in a drawer.")]).get("abduction").score == 0
    assert analyse_texts([(1, "They kept him in a drawer.")]).get("abduction").score > 0
