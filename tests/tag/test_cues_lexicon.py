"""The cue lexicon: how terms, prefixes and idioms (masks) resolve to concepts."""

from __future__ import annotations

from fandex.tag.cues_lexicon import build, load_tables


def test_a_longer_prefix_idiom_swallows_the_cue_prefix_it_continues() -> None:
    lex = build({"war": {"strong": ["trench*"]}, "mask": {"cues": ["trenchcoat*"]}})
    assert lex.concepts_of("trenchcoats") == ()
    assert lex.concepts_of("trenchcoat") == ()
    assert lex.concepts_of("trenches") == (("war", 3.0),)


def test_a_longer_cue_beats_a_shorter_prefix_idiom() -> None:
    lex = build({"war": {"strong": ["bombard*"]}, "mask": {"cues": ["bomb*"]}})
    assert lex.concepts_of("bombardment") == (("war", 3.0),)
    assert lex.concepts_of("bombshell") == ()


def test_an_idiom_keeps_the_concepts_its_own_entry_lists() -> None:
    lex = build({"mask": {"cues": ["bloody hell"]}, "swearing": {"weak": ["bloody hell"]}})
    assert lex.concepts_of("bloody hell") == (("swearing", 1.0),)


def test_masks_from_several_cue_files_are_joined() -> None:
    # Each shipped file may keep idioms beside its own concepts; none is lost in the merge.
    import tomllib
    from importlib import resources

    folder = resources.files("fandex.vocab").joinpath("cues")
    per_file = [
        tomllib.loads(f.read_text(encoding="utf-8")).get("mask", {}).get("cues", [])
        for f in folder.iterdir()
        if f.name.endswith(".toml")
    ]
    assert sum(1 for terms in per_file if terms) >= 2
    merged = set(load_tables()["mask"]["cues"])
    assert all(set(terms) <= merged for terms in per_file)
