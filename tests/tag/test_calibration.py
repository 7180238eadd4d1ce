"""Calibration maps: raw confidences become probabilities; a lead outranks a passer-by."""

from __future__ import annotations

import pytest

from fandex.errors import ConfigError
from fandex.model import Chapter, Evidence, Tag, Work
from fandex.tag.calibration import calibrated, default_maps, parse_maps
from fandex.tag.characters import character_tagger
from fandex.tag.fandom import fandom_tagger


def test_a_shipped_character_map_ranks_leads_over_passers_by() -> None:
    assert "character" in default_maps()
    lead = calibrated("character", 0.6, share=1.0)
    passer_by = calibrated("character", 0.6, share=0.02)
    assert 0.0 < passer_by < 0.5 < lead < 1.0


def test_a_type_without_a_map_keeps_its_raw_confidence() -> None:
    assert calibrated("relationship-of-no-kind", 0.73) == 0.73


def test_maps_must_name_known_features_with_one_weight_each() -> None:
    with pytest.raises(ConfigError, match="unknown feature"):
        parse_maps({"maps": {"character": {"features": ["colour"], "weights": [1], "bias": 0}}})
    with pytest.raises(ConfigError, match="one weight per feature"):
        parse_maps({"maps": {"character": {"features": ["share"], "weights": [1, 2], "bias": 0}}})


def test_the_character_tagger_calibrates_on_how_prominent_a_character_is() -> None:
    text = (
        "Buffy walked the cemetery. Buffy checked the graves and Buffy sighed. Buffy "
        "waited by the crypt, and Buffy listened. Buffy heard Giles call once, far off."
    )
    work = Work(chapters=[Chapter(1, text=text)])
    work.add_tag(Tag("fandom", "Buffy the Vampire Slayer (TV)", evidence=[Evidence(field="F")]))
    fandom_tagger(work)
    character_tagger(work)
    buffy = work.find_tag("character", "Buffy Summers")
    giles = work.find_tag("character", "Rupert Giles")
    assert buffy is not None and giles is not None
    assert buffy.attrs["share"] == 1.0 and giles.attrs["share"] < 0.5
    assert giles.confidence < buffy.confidence
    assert giles.confidence == pytest.approx(
        calibrated("character", giles.attrs["raw_confidence"], share=giles.attrs["share"]),
        abs=1e-4,
    )
