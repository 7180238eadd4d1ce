"""The lean of an author's other stated tags: which tags lean where, and how a model that
reads them moves the inferred rating (only where no rating is stated)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from fandex.errors import ConfigError
from fandex.model import Chapter, Tag, Work
from fandex.tag import rating
from fandex.tag.rating_model import (
    COUNTED,
    STATED,
    STATED_INPUTS,
    WARNED,
    RatingModel,
    leans,
    parse_leans,
    parse_model,
    stated_values,
)

PICNIC = "They ate sandwiches by the lake and counted the ducks until the sun went down."


def stated(*tags: tuple[str, str], source: str = "stated") -> list[Tag]:
    return [Tag(type_, name, source=source) for type_, name in tags]


@pytest.mark.parametrize(
    ("tag", "level"),
    [
        ("Implied Sexual Content", 2),  # the longer entry wins over "sexual content"
        ("Sexual Content", 3),  # sex stated, not implied: 34 of 35 labelled works Explicit
        ("Fluff and Smut", 3),  # over the general of "fluff"
        ("Plot What Plot/Porn Without Plot", 3),
        ("Angst with Sexual Content", 3),  # the longest entry inside the tag
        ("Violence", 2),  # as a bare tag: 16 of 17 spent works Mature
        ("Mentions of Violence", 1),  # the longer entry wins
        ("No Violence", 0),  # a negated tag leans General, as "No Smut" does
        ("Implied/Referenced Rape/Non-con", 2),  # referred to: its content's level, capped
        # Content referred to rather than shown leans as it does, never above Mature (AO3:
        # sex not described on the page is Mature); a tag opening "No" denies it.
        ("Sex Referred To", 2),
        ("Past Sexual Content", 2),
        ("Implied/Referenced Sex", 2),
        ("Sexual Content (mentioned)", 2),
        ("Implied/Referenced Character Death", 1),
        ("Brief Sexual Content", 3),  # brief, yet on the page
        ("No Kissing", 0),
        ("No Fighting On Screen", 0),
        ("Non-Con", 2),  # "non" is no negation
        ("Explicit Language", 1),  # not the explicit of a bare "Explicit" tag
        ("Explicit", 3),
        ("Sex Work", 2),
        ("Bisexual Characters", None),  # no entry is a whole word of it
        ("Sign Language", None),  # "language" leans only as the whole tag
        ("FLUFF", 0),
        ("Coffee Shops", None),
        # Addiction as a theme leans Mature (session 21: all 19 labelled works so tagged,
        # in 11 writer sets); a drink alone still Teen.
        ("Alcoholism", 2),
        ("Drug Addiction", 2),
        ("Past Drug Addiction", 2),
        ("Alcohol Abuse", 2),
        ("Heavy Drinking", 2),
        ("Overdose Mentioned", 2),
        ("Drinking", 1),
        ("Alcohol", 1),
        # Mental health, trauma and drugs as themes, and a night implied, lean Mature
        # (session 22: all 48 labelled works so tagged, in 18 writer sets).
        ("Suicidal Thoughts", 2),
        ("Depression", 2),
        ("Past Trauma", 2),
        ("PTSD", 2),
        ("Morning After", 2),
        ("Cocaine", 2),
        ("Suicide", 1),  # a theme named alone stays Teen
        ("Suicide Attempt", 2),
        ("Dark", 2),  # as a whole tag, as "Dark Themes"
        ("War", 1),  # war told plainly is Teen content
    ],
)
def test_a_tag_leans_to_the_level_of_its_longest_entry(tag: str, level: int | None) -> None:
    assert leans().level(tag) == level


def test_the_highest_lean_of_tags_and_warnings_wins_and_general_only_alone() -> None:
    fluff = stated_values(stated(("freeform", "Fluff"), ("freeform", "Coffee Shops")))
    assert {f: fluff[f] for f in STATED} == {
        "stated:general": 1.0,
        "stated:teen": 0.0,
        "stated:mature": 0.0,
        "stated:explicit": 0.0,
    }
    with_death = stated_values(stated(("freeform", "Fluff"), ("warning", "Major Character Death")))
    assert with_death["stated:general"] == 0.0 and with_death["stated:teen"] == 1.0
    smut = stated_values(stated(("freeform", "Smut"), ("warning", "No Archive Warnings Apply")))
    assert [smut[f] for f in STATED] == [0.0, 1.0, 1.0, 1.0]
    noncon = stated_values(stated(("warning", "Rape/Non-Con")))
    assert [noncon[f] for f in STATED] == [0.0, 1.0, 1.0, 0.0]


def test_each_archive_warning_of_warned_is_an_input_of_its_own_however_spelled() -> None:
    # The opt-out leans nowhere in the table, yet is an input (its weight is learned).
    opted_out = stated_values(stated(("warning", "Creator Chose Not To Use Archive Warnings")))
    assert opted_out["warned:unwarned"] == 1.0 and not any(opted_out[f] for f in STATED)
    both = stated_values(
        stated(("warning", "graphic depictions of violence"), ("warning", "Major Character Death"))
    )
    assert [both[f] for f in WARNED.values()] == [1.0, 1.0, 0.0]
    assert both["stated:teen"] == 1.0  # the table's lean is kept beside them
    assert not any(
        stated_values(stated(("freeform", "Major Character Death")))[f] for f in WARNED.values()
    )
    assert set(stated_values([])) == set(STATED_INPUTS)


def test_the_counts_say_how_many_stated_tags_lean_to_teen_or_higher_and_to_mature() -> None:
    values = stated_values(
        stated(
            ("freeform", "Angst"),
            ("freeform", "Violence"),
            ("freeform", "Fluff"),
            ("warning", "Major Character Death"),
        )
    )
    assert values["count:teen"] == pytest.approx(math.log1p(3))
    assert values["count:mature"] == pytest.approx(math.log1p(1))
    assert all(
        v == 0.0 for k, v in stated_values(stated(("freeform", "Fluff"))).items() if k in COUNTED
    )


def test_only_the_authors_or_users_tags_lean_never_a_guess_or_the_rating() -> None:
    guessed = stated_values(stated(("freeform", "Smut"), source="inferred"))
    assert not any(guessed.values())
    assert stated_values(stated(("freeform", "Smut"), source="user"))["stated:explicit"] == 1.0
    rejected = Tag("freeform", "Smut", source="stated", attrs={"rejected": True})
    assert not any(stated_values([rejected]).values())
    assert not any(stated_values(stated(("rating", "Explicit"))).values())


def test_a_bad_lean_file_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown levels"):
        parse_leans({"naughty": {"tags": ["x"]}})
    with pytest.raises(ConfigError, match="unknown levels"):
        parse_leans({"warnings": {"adult": ["x"]}})
    with pytest.raises(ConfigError, match="referred_cap"):
        parse_leans({"qualifiers": {"referred": ["past"], "referred_cap": "adult"}})


def test_the_qualifiers_are_the_files_own_and_optional() -> None:
    table = {"explicit": {"phrases": ["smut"]}, "teen": {"phrases": ["kissing"]}}
    plain = parse_leans(table)
    assert (plain.level("Past Smut"), plain.level("No Kissing")) == (3, 1)
    qualified = parse_leans(
        {**table, "qualifiers": {"referred": ["past"], "referred_cap": "teen", "negations": ["no"]}}
    )
    assert (qualified.level("Past Smut"), qualified.level("No Kissing")) == (1, 0)
    assert qualified.level("No Beta") is None  # a negation of nothing the table names


def model_data(**more: Any) -> dict[str, Any]:
    return {
        "features": ["reaches:teen"],
        "weights": [1.0],
        "cuts": [0.5, 2.0, 3.5],
        "low": [0.0],
        "high": [1.0],
        **more,
    }


def test_a_bad_stated_part_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="stated_features"):
        parse_model(model_data(stated_features=["stated:colour"], stated_weights=[1.0]))
    with pytest.raises(ConfigError, match="stated_features"):
        parse_model(model_data(stated_features=["stated:teen"], stated_weights=[]))


def test_stated_weights_add_to_the_texts_score_and_nothing_without_them() -> None:
    model = parse_model(
        model_data(stated_features=list(STATED), stated_weights=[-1.0, 1.0, 1.5, 2.0])
    )
    text = {"reaches:teen": 0.0}
    bare = model.probabilities(text)
    smut = model.probabilities({**text, **stated_values(stated(("freeform", "Smut")))})
    fluff = model.probabilities({**text, **stated_values(stated(("freeform", "Fluff")))})
    assert (
        smut["Explicit"] > bare["Explicit"]
        and fluff["General Audiences"] > bare["General Audiences"]
    )
    # A work with no stated tags is rated as by the text alone, in one row or a batch.
    assert model.probabilities({**text, **stated_values([])}) == bare
    s = np.array([[stated_values(stated(("freeform", "Smut")))[f] for f in STATED]])
    assert model.batch(np.array([[0.0]]), s)[0].tolist() == pytest.approx(list(smut.values()))
    assert model.batch(np.array([[0.0]]))[0].tolist() == pytest.approx(list(bare.values()))


def leaning_model() -> RatingModel:
    return parse_model(
        model_data(stated_features=list(STATED), stated_weights=[0.0, 1.0, 1.5, 4.0])
    )


def tagged(*tags: Tag) -> Tag:
    work = Work(title="t", chapters=[Chapter(1, text=PICNIC)], tags=list(tags))
    rating.rating_tagger(work)
    (tag,) = [t for t in work.tags if t.type == "rating" and t.source == "inferred"]
    return tag


def test_the_tagger_reads_the_lean_beside_a_stated_rating_but_never_the_rating(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rating, "default_model", leaning_model)
    bare = tagged()
    smut = tagged(Tag("freeform", "Smut", source="stated"))
    assert smut.attrs["probabilities"]["Explicit"] > bare.attrs["probabilities"]["Explicit"]
    # With a rating stated the author's other tags still lean the guess (and so the
    # flag); the stated rating itself is no input.
    with_rating = tagged(
        Tag("freeform", "Smut", source="stated"),
        Tag("rating", "Teen And Up Audiences", source="stated"),
    )
    assert with_rating.attrs["probabilities"] == smut.attrs["probabilities"]


def test_a_work_whose_tags_lean_is_read_with_cuts_of_its_own() -> None:
    model = parse_model(
        model_data(
            stated_features=list(STATED),
            stated_weights=[0.0, 0.0, 0.0, 0.0],
            stated_cuts=[-1.0, 0.0, 1.0],
        )
    )
    text = {"reaches:teen": 1.0}
    bare = model.probabilities(text)
    leaning = model.probabilities({**text, **stated_values(stated(("freeform", "Fluff")))})
    # The same score against lower cuts: every higher rating likelier.
    assert leaning["Explicit"] > bare["Explicit"] and leaning != bare
    assert model.probabilities({**text, **stated_values([])}) == bare
    s = np.array([[stated_values(stated(("freeform", "Fluff")))[f] for f in STATED], [0.0] * 4])
    batch = model.batch(np.array([[1.0], [1.0]]), s)
    assert batch[0].tolist() == pytest.approx(list(leaning.values()))
    assert batch[1].tolist() == pytest.approx(list(bare.values()))


def test_the_calibration_map_is_monotone_and_flattens_with_a_slope_under_one() -> None:
    assert parse_model(model_data()).confidence(0.73) == 0.73  # no map: the probability
    model = parse_model(model_data(calibration=[0.0, 0.5]))
    shown = [model.confidence(p) for p in (0.1, 0.3, 0.5, 0.7, 0.9)]
    assert shown == sorted(shown) and shown[2] == pytest.approx(0.5)
    assert shown[0] > 0.1 and shown[-1] < 0.9


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"stated_cuts": [0.0, 1.0]}, "stated_cuts"),
        ({"stated_cuts": [1.0, 0.0, 2.0]}, "stated_cuts"),
        ({"calibration": [0.0, -1.0]}, "slope"),
    ],
)
def test_bad_stated_cuts_or_map_are_config_errors(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_model(model_data(**change))


def test_the_tagger_shows_the_mapped_confidence_and_keeps_the_probability(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    flat = parse_model(model_data(calibration=[0.0, 0.5]))
    monkeypatch.setattr(rating, "default_model", lambda: flat)
    tag = tagged()
    p = tag.attrs["probabilities"][tag.name]
    assert tag.attrs["raw_confidence"] == pytest.approx(p, abs=1e-3)
    assert tag.confidence == pytest.approx(flat.confidence(tag.attrs["raw_confidence"]), abs=1e-3)
    assert abs(tag.confidence - 0.5) < abs(p - 0.5)
