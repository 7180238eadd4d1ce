"""The inferred rating at each level, context-dependent texts, and rating flags."""

from __future__ import annotations

import math

import pytest

from fandex.model import Chapter, Tag, Work
from fandex.tag.rating import EXPLICIT, GENERAL, MATURE, RATINGS, TEEN, rating_tagger
from fandex.tag.rating_model import default_model
from fandex.tag.warnings import FLAG_KIND

GENERAL_TEXT = (
    "Ada baked a lemon cake for the fair and won second prize. Her brother ate most of it "
    "on the walk home, and she forgave him because he carried the ribbon."
)
TEEN_FIGHT = (
    "Marcus shoved Dev against the lockers and punched him; Dev kicked back and they fought "
    'on the floor until a teacher pulled them apart. "What the hell," Dev swore.'
)
WAR_NO_GORE = (
    "The regiment dug trenches along the river while artillery rumbled in the hills. The "
    "soldiers of the platoon wrote letters home. In the spring offensive Corporal Ames was "
    "killed crossing the bridge, and Sergeant Hale wrote to his mother. When the ceasefire "
    "came, the men who were left stood in the square and listened to the bell."
)
FADE_TO_BLACK = (
    "At the end of the dance Elena kissed him by the gate. She took his hand and led him "
    "upstairs to her room, and the door closed behind them. In the morning he was humming "
    "in the kitchen, and she watched him from the doorway, smiling."
)
MATURE_GRAPHIC = (
    "The axe left the soldier's arm mangled and severed at the elbow; blood sprayed across "
    "the mud and she heard the crunch of bone. A man lay bleeding out from a gaping wound, "
    "screaming, and the whole field was covered in blood after the attack."
)
EXPLICIT_CLINICAL = (
    "Written in clinical terms for a test. They had sex: penetration, intercourse, thrusting "
    "into her; she had an orgasm and he ejaculated. Later oral sex, a blowjob, his erect penis, "
    "her clitoris, then anal intercourse with lube and a condom, and another orgasm."
)


def rate(text: str, stated: str | None = None, announced: str | None = None) -> Work:
    work = Work(title="t", chapters=[Chapter(1, text=text)])
    if stated:
        attrs = {"announced": announced} if announced else {}
        work.add_tag(Tag("rating", stated, source="stated", attrs=attrs))
    rating_tagger(work)
    return work


def inferred_rating(work: Work) -> Tag:
    (tag,) = [t for t in work.tags if t.type == "rating" and t.source == "inferred"]
    return tag


def test_each_level_is_inferred() -> None:
    assert inferred_rating(rate(GENERAL_TEXT)).name == GENERAL
    assert inferred_rating(rate(TEEN_FIGHT)).name == TEEN
    assert inferred_rating(rate(MATURE_GRAPHIC)).name == MATURE
    assert inferred_rating(rate(EXPLICIT_CLINICAL)).name == EXPLICIT


def test_a_war_story_without_gore_is_teen_not_mature() -> None:
    assert inferred_rating(rate(WAR_NO_GORE)).name == TEEN


def test_a_romance_that_fades_to_black_is_teen() -> None:
    assert inferred_rating(rate(FADE_TO_BLACK)).name == TEEN


def test_inferred_rating_carries_evidence_and_reasons() -> None:
    tag = inferred_rating(rate(EXPLICIT_CLINICAL))
    assert tag.tagger == "rating"
    assert tag.evidence and tag.attrs["reasons"] == ["explicit"]
    # The confidence is the model's probability of the rating through its calibration
    # map; the probability itself is kept.
    probabilities = tag.attrs["probabilities"]
    assert list(probabilities) == list(RATINGS)
    assert sum(probabilities.values()) == pytest.approx(1.0, abs=2e-3)
    assert tag.attrs["raw_confidence"] == pytest.approx(probabilities[EXPLICIT], abs=1e-3)
    length = math.log1p(tag.attrs["words"] / 1000)  # a map may read the length too
    shown = default_model().confidence(tag.attrs["raw_confidence"], words=length)
    assert tag.confidence == pytest.approx(shown, abs=1e-3)
    assert all(probabilities[EXPLICIT] > p for r, p in probabilities.items() if r != EXPLICIT)


def test_more_content_makes_every_higher_rating_likelier() -> None:
    # The chance of "at least Teen", "at least Mature", "at least Explicit" grows as the
    # text shows more (the model's weights on content are never negative); a fight with
    # no sex in it need not make Explicit likelier (since session 14 the Explicit
    # threshold gives the Teen bar no weight), but never less likely.
    def at_least(text: str) -> list[float]:
        p = inferred_rating(rate(text)).attrs["probabilities"]
        return [sum(p[r] for r in RATINGS[k:]) for k in (1, 2, 3)]

    general, teen, explicit = (
        at_least(GENERAL_TEXT),
        at_least(TEEN_FIGHT),
        at_least(EXPLICIT_CLINICAL),
    )
    assert all(g <= t < e for g, t, e in zip(general, teen, explicit, strict=True))
    assert general[0] < teen[0] and general[1] < teen[1]


def test_general_rating_has_no_evidence_and_modest_confidence_when_short() -> None:
    tag = inferred_rating(rate(GENERAL_TEXT))
    assert tag.evidence == []
    assert tag.confidence < 0.7


def test_stated_teen_on_an_explicit_text_is_flagged() -> None:
    work = rate(EXPLICIT_CLINICAL, stated=TEEN)
    (flag,) = [f for f in work.flags if f["kind"] == FLAG_KIND]
    assert flag["type"] == "rating" and flag["tag"] == EXPLICIT and flag["stated"] == TEEN
    assert work.find_tag("rating", TEEN).source == "stated"  # type: ignore[union-attr]


def test_the_flag_carries_the_probability_of_a_rating_two_levels_up() -> None:
    work = rate(EXPLICIT_CLINICAL, stated=TEEN)
    (flag,) = [f for f in work.flags if f["kind"] == FLAG_KIND]
    p = inferred_rating(work).attrs["probabilities"]
    # Two levels above Teen is Explicit: the flag is as sure as the text is Explicit.
    assert flag["confidence"] == pytest.approx(p[EXPLICIT], abs=2e-3)
    assert flag["confidence"] >= 0.5 and flag["evidence"]
    # Below the configured bar, no flag.
    quiet = Work(title="t", chapters=[Chapter(1, text=EXPLICIT_CLINICAL)])
    quiet.add_tag(Tag("rating", TEEN, source="stated"))
    rating_tagger(quiet, {"flag_confidence": 0.999})
    assert quiet.flags == []


def test_one_level_apart_is_not_flagged() -> None:
    assert rate(EXPLICIT_CLINICAL, stated=MATURE).flags == []


def test_an_announced_rating_counts_as_stated() -> None:
    work = rate(EXPLICIT_CLINICAL, stated=TEEN, announced=EXPLICIT)
    assert work.flags == []
    assert inferred_rating(work).attrs["announced"] == EXPLICIT


def test_stated_rating_matching_the_text_is_kept_alone() -> None:
    work = rate(EXPLICIT_CLINICAL, stated=EXPLICIT)
    tags = [t for t in work.tags if t.type == "rating"]
    assert [t.source for t in tags] == ["stated"]
