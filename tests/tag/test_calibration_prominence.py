"""What the character map may read beyond mention counts: the rank among the work's
characters, and whether the summary names the character."""

from __future__ import annotations

import pytest

from fandex.model import Chapter, Evidence, Tag, Work
from fandex.tag.calibration import calibrated, parse_maps
from fandex.tag.characters import character_tagger
from fandex.tag.characters_prominence import calibrate
from fandex.tag.fandom import fandom_tagger

TEXT = (
    "Buffy walked the cemetery. Buffy checked the graves and Buffy sighed. Buffy "
    "waited by the crypt, and Buffy listened. Giles called once, far off. Willow "
    "answered him, and Willow laughed."
)


def map_reading(t: Tag, unknown: float = 0.0) -> float:
    """The character map's reading of exactly the attributes ``t`` records."""
    a = t.attrs
    return calibrated(
        "character",
        a["raw_confidence"],
        share=a["share"],
        density=a["density"],
        unknown=unknown,
        rank=a["rank"],
        summary=a["summary"],
    )


def buffy_work(summary: str | None) -> Work:
    work = Work(summary=summary, chapters=[Chapter(1, text=TEXT)])
    work.add_tag(Tag("fandom", "Buffy the Vampire Slayer (TV)", evidence=[Evidence(field="F")]))
    fandom_tagger(work)
    character_tagger(work)
    return work


def test_the_character_tagger_records_rank_and_whether_the_summary_names_each() -> None:
    work = buffy_work("Giles has a long night in the library and a longer morning.")
    buffy = work.find_tag("character", "Buffy Summers")
    giles = work.find_tag("character", "Rupert Giles")
    willow = work.find_tag("character", "Willow Rosenberg")
    assert buffy is not None and giles is not None and willow is not None
    assert buffy.attrs["rank"] == 1 and willow.attrs["rank"] == 2 and giles.attrs["rank"] == 3
    assert giles.attrs["summary"] == 1.0 and buffy.attrs["summary"] == -1.0
    # The confidence is the map's reading of exactly these attributes.
    assert giles.confidence == pytest.approx(map_reading(giles), abs=1e-4)


def test_without_a_summary_no_character_is_marked_either_way() -> None:
    work = buffy_work(None)
    assert {t.attrs["summary"] for t in work.tags_of("character")} == {0.0}


def test_a_map_reading_the_summary_and_rank_ranks_a_named_lead_first() -> None:
    found = parse_maps(
        {
            "maps": {
                "character": {"features": ["summary", "rank"], "weights": [1.0, -1.0], "bias": 0}
            }
        }
    )["character"]
    named_lead = found(0.5, summary=1.0, rank=1)
    unnamed_third = found(0.5, summary=-1.0, rank=3)
    no_summary = found(0.5, summary=0.0, rank=1)
    assert unnamed_third < no_summary < named_lead


def test_names_the_story_is_not_about_are_not_found_in_the_summary_by_a_part_word() -> None:
    # "Will" the verb is lower case: only a capitalised whole word names someone.
    work = buffy_work("Someone will have to tell them what happened in the library.")
    assert {t.attrs["summary"] for t in work.tags_of("character")} == {-1.0}


def test_proper_name_guesses_record_rank_and_summary_too() -> None:
    text = (
        "Mara Quell walked to the harbour. Mara Quell said nothing to the gulls. Later "
        "Mara Quell asked Tobin about the nets, and Tobin said they were mended. Mara "
        "Quell nodded. Tobin laughed at her and Tobin went home. Mara Quell stayed."
    )
    work = Work(summary="Tobin mends nets by the sea all winter.", chapters=[Chapter(1, text=text)])
    work.add_tag(Tag("fandom", "Original Work", evidence=[Evidence(field="F")]))
    fandom_tagger(work)
    character_tagger(work)
    found = {t.name: t for t in work.tags_of("character")}
    assert set(found) == {"Mara Quell", "Tobin"}
    assert found["Mara Quell"].attrs["rank"] == 1 and found["Tobin"].attrs["rank"] == 2
    assert found["Mara Quell"].attrs["summary"] == -1.0 and found["Tobin"].attrs["summary"] == 1.0
    for t in found.values():
        assert t.confidence == pytest.approx(map_reading(t, unknown=1.0), abs=1e-4)


def test_the_one_calibration_stage_reads_what_each_finder_recorded() -> None:
    # A pack's character and an extracted name, alike but for unknown_fandom: the stage
    # ranks them together and reads the flag (the map weighs it), once each.
    def guess(name: str, mentions: int, **extra: object) -> Tag:
        attrs = {"mentions": mentions, "share": mentions / 9, "density": 2.0 * mentions}
        attrs |= {"raw_confidence": 0.6, **extra}
        return Tag("character", name, "inferred", 0.6, [], "characters", attrs)

    known, named = guess("Rupert Giles", 9), guess("Mara Quell", 3, unknown_fandom=True)
    work = Work(summary="Mara Quell keeps the lighthouse through the winter.")
    calibrate(work, [known, named], {"Mara Quell": ["Mara"]})
    assert (known.attrs["rank"], named.attrs["rank"]) == (1, 2)
    assert (known.attrs["summary"], named.attrs["summary"]) == (-1.0, 1.0)
    for t, unknown in ((known, 0.0), (named, 1.0)):
        a = t.attrs
        assert t.confidence == pytest.approx(
            calibrated(
                "character",
                0.6,
                share=a["share"],
                density=a["density"],
                unknown=unknown,
                rank=a["rank"],
                summary=a["summary"],
            ),
            abs=1e-4,
        )
