"""The learned layer over the cue lexicon: frozen weights, probabilities, the quiet floor."""

from __future__ import annotations

import numpy as np
import pytest

from fandex.errors import ConfigError
from fandex.model import Chapter, Work
from fandex.tag.content import content_tagger, note_scores
from fandex.tag.cues_analysis import analyse_texts
from fandex.tag.note_model import (
    FEATURES,
    QUIET_FLOOR,
    NoteModel,
    default_models,
    features,
    has_cue,
    parse_models,
)

FIGHT = (
    "He punched the guard in the face, then stabbed him twice in the side. The man "
    "collapsed, bleeding, and Tobin kicked the knife away and ran for the stairs."
)


def model(weights: list[float], bias: float, cut: float = 0.5) -> NoteModel:
    return NoteModel("violence", np.array(weights), bias, np.array([5.0, 5.0]), cut)


def test_shipped_models_cover_the_labelled_notes_and_never_cut_under_the_floor() -> None:
    models = default_models()
    assert set(models) == {
        "violence",
        "death",
        "abduction",
        "war",
        "racism",
        "homophobia",
        "misogyny",
        "ableism",
    }
    assert all(m.cut >= QUIET_FLOOR for m in models.values())


def test_probability_rises_with_the_concept_score() -> None:
    calm = analyse_texts([(1, "He shoved the door open.")]).get("violence")
    fight = analyse_texts([(1, FIGHT)]).get("violence")
    m = default_models()["violence"]
    assert 0.0 < m.probability(calm) < m.probability(fight) < 1.0


def test_no_cue_means_no_note_whatever_the_bias() -> None:
    empty = analyse_texts([(1, "They had tea by the river.")]).get("violence")
    assert model([1.0, 1.0], bias=5.0).probability(empty) == 0.0


def test_features_are_clipped_to_the_training_range() -> None:
    cs = analyse_texts([(1, FIGHT * 4)]).get("violence")
    clipped = NoteModel("violence", np.array([1.0, 1.0]), 0.0, np.array([0.1, 0.1]), 0.5)
    assert features(cs).min() > 0.1
    assert clipped.probability(cs) == pytest.approx(1 / (1 + np.exp(-0.2)))


def test_a_note_is_tagged_at_its_cut_with_the_probability_as_confidence() -> None:
    analysis = analyse_texts([(1, FIGHT)])
    p = default_models()["violence"].probability(analysis.get("violence"))
    over = {"violence": NoteModel("violence", np.array([0.0, 0.0]), 0.0, np.ones(2), 0.4)}
    under = {"violence": NoteModel("violence", np.array([0.0, 0.0]), 0.0, np.ones(2), 0.6)}
    assert note_scores(analysis, models=over)["Violence"][1] == pytest.approx(0.5)
    assert "Violence" not in note_scores(analysis, models=under)
    work = Work(title="t", chapters=[Chapter(1, text=FIGHT)])
    content_tagger(work)
    tag = work.find_tag("freeform", "Violence")
    assert tag is not None and tag.confidence == pytest.approx(p, abs=1e-3)


def test_the_model_file_must_name_the_features_it_was_fitted_on() -> None:
    with pytest.raises(ConfigError, match="features"):
        parse_models({"features": ["ratio"], "models": {}})
    with pytest.raises(ConfigError, match="one weight per feature"):
        parse_models(
            {
                "features": list(FEATURES),
                "models": {"war": {"weights": [1.0], "bias": 0, "clip": [1, 1], "cut": 0.3}},
            }
        )


def test_a_cut_under_the_quiet_floor_is_raised_to_it() -> None:
    models = parse_models(
        {
            "features": list(FEATURES),
            "models": {"war": {"weights": [1, 1], "bias": 0, "clip": [1, 1], "cut": 0.05}},
        }
    )
    assert models["war"].cut == QUIET_FLOOR


def test_weak_words_alone_never_tag_an_anchored_note() -> None:
    # "van" and "unconscious" are abduction's weak words: everyday scene, no captive.
    scene = analyse_texts([(1, "They loaded the van at dawn. He was unconscious by noon.")])
    held = analyse_texts([(1, "They kept him locked up in the cellar for a week.")])
    assert not has_cue(scene.get("abduction")) and scene.get("abduction").score > 0
    assert has_cue(held.get("abduction"))
    eager = {"abduction": NoteModel("abduction", np.zeros(2), 5.0, np.ones(2), 0.5)}
    assert "Abduction" not in note_scores(scene, models=eager)
    assert "Abduction" in note_scores(held, models=eager)


def test_weak_words_still_count_for_a_concept_that_is_not_anchored() -> None:
    cs = analyse_texts([(1, "The soldiers marched past the ruins.")]).get("war")
    assert not cs.concept.anchor and cs.score > 0
    assert has_cue(cs)


def test_one_bigotry_cue_alone_is_everyday_talk_two_are_a_note() -> None:
    # Misogyny's cues need company (one_cue = false): one alone is no note, two
    # different contemptuous words are, and so is one strong term.
    eager = {"misogyny": NoteModel("misogyny", np.zeros(2), 5.0, np.ones(2), 0.5)}
    alone = analyse_texts([(1, "Her cousin was a ditz about maps, everyone said so.")])
    two = analyse_texts([(1, "He told her to obey, like the property he thought she was.")])
    strong = analyse_texts([(1, "He said a woman's place was in the kitchen.")])
    assert not alone.get("misogyny").concept.one_cue
    assert "Misogyny" not in note_scores(alone, models=eager)
    assert "Misogyny" in note_scores(two, models=eager)
    assert "Misogyny" in note_scores(strong, models=eager)
