"""Packs that share their cast (the Conan Doyle stories and BBC Sherlock) are told apart
by the story's world: era words, the characters only one has, the names people go by.
With nothing (or too little) to tell them apart, their umbrella is tagged, "Sherlock
Holmes & Related Fandoms", which AO3 files both under."""

from __future__ import annotations

from pathlib import Path

import pytest

from fandex.model import Chapter, Work
from fandex.tag.fandom import fandom_tagger
from fandex.vocab.packs import ConfigError, dump_pack, parse_pack

BBC = "Sherlock (TV)"
ACD = "Sherlock Holmes - Arthur Conan Doyle"

VICTORIAN = (
    "It was a raw morning when I came down to find Holmes at the window of Baker Street. "
    '"A client, Watson," said he, and a hansom drew up below. Holmes took a telegram '
    "from the mantel and threw it across to me. Mrs. Hudson showed in a young governess "
    "in a grey ulster, and Holmes bade her sit by the gasogene. Lestrade, she said, had "
    "laughed at her. Holmes smiled. Watson, he said, fetch my hat; Lestrade is wrong again."
)
MODERN = (
    "Sherlock texted John from the back of a taxi on the way to Baker Street. John read it "
    "on his phone in the middle of clinic and sighed. Lestrade had already sent the case "
    "notes by email, and Mrs. Hudson had the kettle on when John got in. Sherlock was on "
    "the sofa with the laptop, reading John's blog. Lestrade rang again. Sherlock ignored "
    "it; John answered."
)
# The same people, named in full, and nothing of their world either way.
BARE = (
    "Sherlock Holmes stood at the window of Baker Street. John Watson sat in his chair. "
    "Mrs. Hudson came up with the post. Sherlock Holmes read the letter twice and gave it "
    "to John Watson. Mrs. Hudson went down again. John Watson asked Sherlock Holmes what "
    "it said, and Sherlock Holmes said it was nothing, which meant it was something."
)


def _fandom(text: str) -> tuple[str, float]:
    w = Work(chapters=[Chapter(1, text=text)])
    fandom_tagger(w)
    (tag,) = w.tags_of("fandom")
    return tag.name, tag.confidence


def test_victorian_world_reads_as_conan_doyle() -> None:
    name, conf = _fandom(VICTORIAN)
    assert name == ACD
    assert conf >= 0.8


def test_modern_world_reads_as_bbc_sherlock() -> None:
    name, conf = _fandom(MODERN)
    assert name == BBC
    assert conf >= 0.8


def test_a_bbc_fic_naming_only_sherlock_and_john_keeps_its_fandom() -> None:
    text = (
        "Sherlock was at the window of Baker Street when John came in. John put the bag "
        "down and watched him. Sherlock said nothing for an hour. Mrs. Hudson brought up "
        "the post. John made the tea. Sherlock drank it without looking, and John smiled, "
        "and Sherlock finally turned round. Mrs. Hudson laughed at them both."
    )
    assert _fandom(text)[0] == BBC


def test_shared_names_alone_are_the_familys_umbrella() -> None:
    # Nothing of the story's world says Victorian London or today's: what AO3 would file
    # either under, at the family's confidence.
    w = Work(chapters=[Chapter(1, text=BARE)])
    fandom_tagger(w)
    (tag,) = w.tags_of("fandom")
    assert tag.name == "Sherlock Holmes & Related Fandoms"
    assert tag.confidence > 0.6
    assert any("Sherlock Holmes" in e.quote for e in tag.evidence)


def test_a_world_half_told_is_the_umbrella_not_an_unsure_member() -> None:
    # One era word for Conan Doyle does not outweigh the BBC series' larger share.
    text = BARE + " A hansom waited outside."
    assert _fandom(text)[0] == "Sherlock Holmes & Related Fandoms"


def test_the_cues_are_the_evidence() -> None:
    w = Work(chapters=[Chapter(1, text=VICTORIAN)])
    fandom_tagger(w)
    (tag,) = w.tags_of("fandom")
    quotes = " ".join(e.quote for e in tag.evidence).casefold()
    assert "hansom" in quotes or "telegram" in quotes or "ulster" in quotes


def test_one_tag_for_the_family_not_a_crossover() -> None:
    w = Work(chapters=[Chapter(1, text=VICTORIAN + "\n\n" + MODERN)])
    fandom_tagger(w)
    assert len(w.tags_of("fandom")) == 1


def test_setting_round_trips_through_dump_and_parse(tmp_path: Path) -> None:
    import tomllib

    data = {
        "fandom": "Lantern Street (Books)",
        "related": ["Lantern Street (TV)"],
        "characters": [{"name": "Ada Finch"}],
        "setting": {"cues": ["hansom", "telegram"], "names": ["Finch"], "prior": 0.3},
    }
    pack = parse_pack(data)
    again = parse_pack(tomllib.loads(dump_pack(pack)))
    assert again.setting_cues == ("hansom", "telegram")
    assert again.setting_names == ("Finch",)
    assert again.setting_prior == pytest.approx(0.3)


@pytest.mark.parametrize(
    "setting", [{"prior": 1.5, "cues": ["x"]}, {"cues": "hansom"}, {"cues": ["x"], "era": 1}]
)
def test_a_bad_setting_is_refused(setting: dict[str, object]) -> None:
    data = {"fandom": "Lantern Street", "characters": [{"name": "Ada Finch"}], "setting": setting}
    with pytest.raises(ConfigError):
        parse_pack(data)
