"""Calibration maps: raw confidences become probabilities; a lead outranks a passer-by."""

from __future__ import annotations

import math

import pytest

from fandex.errors import ConfigError
from fandex.model import Chapter, Evidence, Tag, Work
from fandex.tag.calibration import (
    calibrated,
    calibrated_named,
    default_maps,
    default_shares,
    parse_caps,
    parse_maps,
    parse_shares,
)
from fandex.tag.characters import character_tagger
from fandex.tag.fandom import fandom_tagger
from fandex.tag.rating import rating_tagger
from fandex.tag.rating_model import default_model
from fandex.tag.relationships import relationship_tagger
from fandex.tag.warnings import warnings_tagger


def test_a_shipped_character_map_ranks_leads_over_passers_by() -> None:
    assert "character" in default_maps()
    # A lead named 20 times per thousand words; a passer-by once in two thousand.
    lead = calibrated("character", 0.6, share=1.0, density=20.0)
    passer_by = calibrated("character", 0.6, share=0.02, density=0.5)
    assert 0.0 < passer_by < 0.5 < lead < 1.0


def test_a_type_without_a_map_keeps_its_raw_confidence() -> None:
    assert calibrated("relationship-of-no-kind", 0.73) == 0.73


def test_maps_must_name_known_features_with_one_weight_each() -> None:
    with pytest.raises(ConfigError, match="unknown feature"):
        parse_maps({"maps": {"character": {"features": ["colour"], "weights": [1], "bias": 0}}})
    with pytest.raises(ConfigError, match="one weight per feature"):
        parse_maps({"maps": {"character": {"features": ["share"], "weights": [1, 2], "bias": 0}}})


def buffy_work(text: str) -> Work:
    """A Buffy the Vampire Slayer work, its fandom and characters tagged."""
    work = Work(chapters=[Chapter(1, text=text)])
    work.add_tag(Tag("fandom", "Buffy the Vampire Slayer (TV)", evidence=[Evidence(field="F")]))
    fandom_tagger(work)
    character_tagger(work)
    return work


def test_the_character_tagger_calibrates_on_how_prominent_a_character_is() -> None:
    text = (
        "Buffy walked the cemetery. Buffy checked the graves and Buffy sighed. Buffy "
        "waited by the crypt, and Buffy listened. Buffy heard Giles call once, far off."
    )
    work = buffy_work(text)
    buffy = work.find_tag("character", "Buffy Summers")
    giles = work.find_tag("character", "Rupert Giles")
    assert buffy is not None and giles is not None
    assert buffy.attrs["share"] == 1.0 and giles.attrs["share"] < 0.5
    assert giles.confidence < buffy.confidence
    assert giles.confidence == pytest.approx(
        calibrated(
            "character",
            giles.attrs["raw_confidence"],
            share=giles.attrs["share"],
            density=giles.attrs["density"],
            rank=giles.attrs["rank"],
            summary=giles.attrs["summary"],
        ),
        abs=1e-4,
    )


def test_a_map_may_read_length_and_the_lesser_share_of_a_pair() -> None:
    maps = parse_maps(
        {
            "maps": {
                "rating": {"features": ["raw", "words"], "weights": [1.0, 0.5], "bias": 0.0},
                "relationship": {"features": ["pair_share"], "weights": [1.0], "bias": 1.0},
            }
        }
    )
    # The same raw guess says more about a long text than about a drabble.
    assert maps["rating"](0.7, words=20000) > maps["rating"](0.7, words=300)
    # A couple of the story's leads is likelier right than a pair of passers-by.
    assert (
        maps["relationship"](0.9, pair_share=1.0) > 0.5 > maps["relationship"](0.9, pair_share=0.05)
    )


def test_the_relationship_tagger_records_what_its_map_reads() -> None:
    text = (
        "Buffy and Willow were studying when Spike came in. Spike kissed Buffy in the "
        "doorway. Willow pretended to read. Later Buffy kissed Spike again on the porch, "
        "and Spike told Buffy he was in love with her. Buffy laughed. Buffy left."
    )
    work = buffy_work(text)
    relationship_tagger(work)
    ship = work.find_tag("relationship", "Buffy Summers/Spike")
    spike = work.find_tag("character", "Spike")
    assert ship is not None and spike is not None
    # The lesser prominence of the two: Spike is named less often than Buffy.
    assert spike.attrs["share"] < 1.0
    assert ship.attrs["pair_share"] == pytest.approx(spike.attrs["share"], abs=1e-3)
    # Every value a map may read is recorded, and the confidence is the shipped map's.
    read = ("cues", "named", "dominance", "pair_share", "spread", "words")
    values = {k: float(ship.attrs[k]) for k in read}
    assert values["dominance"] == 1.0 and values["named"] >= 1
    assert ship.confidence == pytest.approx(
        calibrated("relationship", ship.attrs["raw_confidence"], **values), abs=1e-4
    )


def test_the_rating_and_warning_taggers_record_their_raw_confidence_and_length() -> None:
    text = "The soldier was shot in the chest and died in the mud. " * 40
    work = Work(chapters=[Chapter(1, text=text)])
    rating_tagger(work)
    warnings_tagger(work)
    rating = next(t for t in work.tags_of("rating") if t.source == "inferred")
    words = len(text.split())
    assert abs(rating.attrs["words"] - words) <= 5  # the analysis counts words its own way
    # The rating's confidence is its model's probability through the model's own map
    # (fandex/vocab/rating_model.toml), with no map or shares of calibration.toml.
    assert "rating" not in default_shares() and "rating" not in default_maps()
    p = rating.attrs["probabilities"][rating.name]
    assert rating.attrs["raw_confidence"] == pytest.approx(p, abs=1e-3)
    length = math.log1p(rating.attrs["words"] / 1000)  # the map reads the length too
    shown = default_model().confidence(rating.attrs["raw_confidence"], words=length)
    assert rating.confidence == pytest.approx(shown, abs=1e-3)
    for tag in work.tags_of("warning"):
        assert tag.attrs["words"] == rating.attrs["words"] and "raw_confidence" in tag.attrs
        assert tag.confidence == pytest.approx(
            calibrated_named("warning", tag.name, tag.attrs["raw_confidence"], words=1), abs=1e-3
        )


def test_a_map_fitted_as_a_correction_adds_to_the_raw_confidence() -> None:
    maps = parse_maps(
        {
            "maps": {
                "rating": {"features": ["words"], "weights": [0.0], "bias": 0.0, "offset_raw": True}
            }
        }
    )
    # No correction at all: the raw confidence comes back; without the offset it would be 0.5.
    assert maps["rating"](0.8, words=5000) == pytest.approx(0.8)
    plain = parse_maps({"maps": {"rating": {"features": ["words"], "weights": [0.0], "bias": 0.0}}})
    assert plain["rating"](0.8, words=5000) == pytest.approx(0.5)


def test_a_cap_keeps_an_uncalibrated_confidence_under_the_share_measured_right() -> None:
    caps = parse_caps({"caps": {"rating": 0.61}})
    assert caps == {"rating": 0.61}
    with pytest.raises(ConfigError):
        parse_caps({"caps": {"rating": 1.5}})


def test_calibrated_applies_the_shipped_cap_after_the_map(monkeypatch: pytest.MonkeyPatch) -> None:
    from fandex.tag import calibration

    monkeypatch.setattr(calibration, "default_caps", lambda: {"rating": 0.61})
    monkeypatch.setattr(calibration, "default_maps", lambda: {})
    monkeypatch.setattr(calibration, "default_shares", lambda: {})
    assert calibration.calibrated("rating", 0.9) == 0.61
    assert calibration.calibrated("rating", 0.4) == 0.4
    assert calibration.calibrated("character", 0.9) == 0.9
    assert calibration.uncalibrated("rating") and not calibration.uncalibrated("character")


def test_the_shipped_caps_are_read_from_the_map_file() -> None:
    from fandex.tag.calibration import default_caps, uncalibrated

    for type_, cap in default_caps().items():
        assert 0 < cap <= 1 and uncalibrated(type_)
        assert calibrated(type_, 1.0 - 1e-6) <= cap


def test_shares_calibrate_a_guess_by_its_name_and_need_a_share_for_other_names() -> None:
    shares = parse_shares({"shares": {"warning": {"*": 0.8, "Major Character Death": 0.7}}})
    assert shares["warning"]["Major Character Death"] == 0.7
    with pytest.raises(ConfigError, match='"\\*"'):
        parse_shares({"shares": {"warning": {"Major Character Death": 0.7}}})
    with pytest.raises(ConfigError, match=r"\(0, 1\)"):
        parse_shares({"shares": {"warning": {"*": 1.0}}})


def test_calibrated_reads_shares_by_name_before_maps_and_caps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fandex.tag import calibration

    monkeypatch.setattr(
        calibration, "default_shares", lambda: {"warning": {"*": 0.8, "Rape/Non-Con": 0.95}}
    )
    monkeypatch.setattr(calibration, "default_caps", lambda: {"warning": 0.5})
    # The raw confidence says nothing here: the share of guesses of that name does.
    assert calibration.calibrated_named("warning", "Rape/Non-Con", 0.55) == 0.95
    assert calibration.calibrated_named("warning", "Rape/Non-Con", 0.99) == 0.95
    assert calibration.calibrated_named("warning", "Major Character Death", 0.7) == 0.8


def test_a_guess_never_seen_wrong_is_shipped_below_certainty() -> None:
    for table in default_shares().values():
        assert all(0 < p < 1 for p in table.values())
