"""The learned second chance: the shipped pair model loads and reads what it was fitted
on; a story of two whose leads no rule joined gets the model's guess, with a sentence
naming both as its evidence, and none where the author stated a relationship, where the
two are not the story's only leads, where the rules read one of them in a couple, or
where a story with no sign of romance is not nine in ten a couple's."""

from __future__ import annotations

import math

import pytest
from relationship_fixtures import rels, with_characters

from fandex.model import Chapter, Tag, Work
from fandex.tag import relationship_learned
from fandex.tag.pair_features import _PARAGRAPH, _lines_named, _spans, word_uses
from fandex.tag.pair_model import FEATURES, PairModel, Shipped, bare, shipped
from fandex.tag.relationships import MIN_PARTNER_SHARE, PAST_CONFIDENCE, relationship_tagger

FILLER = "The kettle ticked on the stove and the rain kept on at the window. " * 3
STORY = (
    "Mara Quell came home late from the harbour office. Tomas Reyne had left the lamp on. "
    + FILLER
    + "Mara hung her coat by the door and Tomas put a plate in front of her. "
    + FILLER
    + '"Long day," Tomas said, and Mara nodded and ate. '
    + FILLER
    + "Later Mara read by the fire while Tomas mended the net."
)


def _always(kind: int, p: float, bare_bar: float = 0.9) -> Shipped:
    """A stand-in model whose likelier kind is ``kind`` (1 "/", 2 "&") at about ``p``."""
    n = len(FEATURES)
    logits = [math.log(p if k == kind else (1 - p) / 2) for k in range(3)]
    model = PairModel([0.0] * n, [1.0] * n, [[0.0] * n for _ in range(3)], logits)
    return Shipped(model, 0.5, bare_bar, 0.73, {})


def test_the_shipped_model_reads_the_features_it_was_fitted_on() -> None:
    model = shipped()
    assert model is not None
    assert model.model.features == FEATURES
    assert 0.5 <= model.bar <= model.bare_bar < 1.0
    assert 0.5 < model.confidence < 1.0


def test_a_quiet_couple_of_a_story_of_two_is_the_models_guess(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(relationship_learned, "shipped", lambda: _always(1, 0.95))
    got = rels(with_characters(STORY, "Mara Quell", "Tomas Reyne"))
    assert list(got) == ["Mara Quell/Tomas Reyne"]
    tag = got["Mara Quell/Tomas Reyne"]
    assert tag.confidence == 0.73 and tag.attrs["pair_model"] == pytest.approx(0.95, abs=0.01)
    assert "Mara" in tag.evidence[0].quote and "Tomas" in tag.evidence[0].quote


def test_a_couple_in_a_story_with_no_sign_of_romance_needs_the_bare_bar(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(relationship_learned, "shipped", lambda: _always(1, 0.8))
    assert not rels(with_characters(STORY, "Mara Quell", "Tomas Reyne"))
    # A bond is the plain reading of such a story: the common bar is enough.
    monkeypatch.setattr(relationship_learned, "shipped", lambda: _always(2, 0.8))
    assert list(rels(with_characters(STORY, "Mara Quell", "Tomas Reyne"))) == [
        "Mara Quell & Tomas Reyne"
    ]


def test_no_guess_beside_a_stated_relationship_or_a_third_lead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(relationship_learned, "shipped", lambda: _always(1, 0.95))
    w = Work(chapters=[Chapter(1, text=STORY)])
    for name in ("Mara Quell", "Tomas Reyne"):
        w.add_tag(Tag("character", name))
    w.add_tag(Tag("relationship", "Ada Hart/Ben Lowe", "stated"))
    relationship_tagger(w)
    assert [t.name for t in w.tags_of("relationship") if t.source == "inferred"] == []
    # Three given characters are three leads: the story is no one pair's.
    assert not rels(with_characters(STORY, "Mara Quell", "Tomas Reyne", "Harbour Master"))


def test_no_couple_between_kin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relationship_learned, "shipped", lambda: _always(1, 0.95))
    story = STORY.replace("Tomas Reyne", "Tomas Quell")
    assert "Mara Quell/Tomas Quell" not in rels(with_characters(story, "Mara Quell", "Tomas Quell"))


def test_bare_is_a_story_with_no_romance_sign() -> None:
    values = dict.fromkeys(FEATURES, 0.0)
    assert bare(values)
    values["story_weak"] = 0.4
    assert not bare(values)


def test_paragraphs_read_around_names_are_the_texts_paragraphs() -> None:
    text = "Ada came.\n\n  Ben sat with Ada.\nCal left.\n   \nAda and Ben slept.\n  "
    starts = [i for i in range(len(text)) if text.startswith(("Ada", "Ben"), i)]
    whole = [(lo, hi) for lo, hi in _spans(text, _PARAGRAPH) if any(lo <= s < hi for s in starts)]
    got = _lines_named(text, starts)
    assert [text[lo:hi].strip() for lo, hi in got] == [text[lo:hi].strip() for lo, hi in whole]


def test_word_uses_counts_whole_words() -> None:
    assert word_uses("our bed, their bed; ourbed", "our bed") == 1
    assert word_uses("mate. mates, checkmate", "mate") == 1


def test_no_guess_in_a_story_its_author_files_under_gen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relationship_learned, "shipped", lambda: _always(1, 0.95))
    w = Work(chapters=[Chapter(1, text=STORY)])
    for name in ("Mara Quell", "Tomas Reyne"):
        w.add_tag(Tag("character", name))
    w.add_tag(Tag("category", "Gen", "stated"))
    relationship_tagger(w)
    assert "Mara Quell/Tomas Reyne" not in rels(w)


def test_a_partner_named_a_seventh_as_often_as_the_lead_is_shown_under_the_bar() -> None:
    text = (
        "Geralt rode all day. Geralt made camp by the river and Geralt slept. Geralt kissed "
        "Roach by the fire. Geralt woke at dawn and kissed Roach again, and Roach was in "
        "love with Geralt. Geralt rode on."
    )

    def shown(share: float) -> float:
        w = Work(chapters=[Chapter(1, text=text)])
        w.add_tag(Tag("character", "Geralt", "inferred", 0.9, attrs={"share": 1.0}))
        w.add_tag(Tag("character", "Roach", "inferred", 0.4, attrs={"share": share}))
        relationship_tagger(w)
        return rels(w)["Geralt/Roach"].confidence

    assert shown(MIN_PARTNER_SHARE / 2) <= PAST_CONFIDENCE < shown(0.5)
