"""Fandom packs: every built-in pack passes the schema; user packs load, merge and fail cleanly."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from fandex.errors import ConfigError
from fandex.vocab import packs
from fandex.vocab.packs import (
    BUILTIN_DIR,
    GENDERS,
    all_packs,
    are_relatives,
    check_pack_data,
    dump_pack,
    fandom_key,
    find_pack,
    load_packs,
    pack_files,
    parse_pack,
    reset_cache,
    user_pack_dirs,
)

BUILTIN_FILES = pack_files([BUILTIN_DIR])


@pytest.fixture
def user_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "packs"
    folder.mkdir()
    monkeypatch.setenv("FANDEX_PACKS", str(folder))
    reset_cache()
    yield folder
    reset_cache()


MINIMAL = """
schema = 1
fandom = "Harbour Tales"
characters = [
  { name = "Mara Quell", gender = "F", aliases = ["Mara"] },
  { name = "Tobin Ashe", gender = "M", aliases = ["Tobin"] },
]
[ships]
Marobin = "Mara Quell/Tobin Ashe"
"""


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: p.stem)
def test_every_builtin_pack_passes_the_schema(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert check_pack_data(data) == []
    pack = parse_pack(data, path=path)
    assert pack.characters and all(c.gender in GENDERS for c in pack.characters)


def test_builtin_packs_cover_buffy_angel_and_at_least_25_more_fandoms() -> None:
    packs = load_packs(BUILTIN_DIR, [])
    names = {p.fandom for p in packs}
    assert {"Buffy the Vampire Slayer (TV)", "Angel: the Series"} <= names
    assert len(names) >= 27
    assert len({fandom_key(n) for n in names}) == len(names)


def test_buffyverse_pack_knows_epithets_ships_and_common_word_names() -> None:
    buffy = find_pack("BtVS", load_packs(BUILTIN_DIR, []))
    assert buffy is not None
    spike = buffy.character("Spike")
    assert spike is not None and "William the Bloody" in spike.aliases
    angel = buffy.character("Angel")
    assert angel is not None and "Angel" in angel.ambiguous
    assert buffy.ships["Spuffy"] == "Buffy Summers/Spike"
    assert "Sunnydale" in buffy.places and "Hellmouth" in buffy.terms


def test_schema_reports_unsorted_ship_and_unknown_member() -> None:
    data = tomllib.loads(MINIMAL.replace('"Mara Quell/Tobin Ashe"', '"Tobin Ashe/Mara Quell"'))
    assert any("sorted" in p for p in check_pack_data(data))
    data = tomllib.loads(MINIMAL.replace('"Mara Quell/Tobin Ashe"', '"Mara Quell/Ilsa"'))
    assert any("'Ilsa' is not a character" in p for p in check_pack_data(data))


def test_schema_rejects_an_alias_two_characters_share() -> None:
    data = tomllib.loads(MINIMAL.replace('aliases = ["Tobin"]', 'aliases = ["Mara"]'))
    assert any("also belongs to" in p for p in check_pack_data(data))


def test_schema_rejects_bad_gender_and_ambiguous_name_not_among_names() -> None:
    bad = MINIMAL.replace('gender = "M", aliases = ["Tobin"]', 'gender = "X", ambiguous = ["T"]')
    problems = check_pack_data(tomllib.loads(bad))
    assert any("gender" in p for p in problems)
    assert any("ambiguous name 'T'" in p for p in problems)


def test_user_pack_folder_comes_from_fandex_packs_or_xdg_config() -> None:
    assert user_pack_dirs({"FANDEX_PACKS": "/a:/b"}) == [Path("/a"), Path("/b")]
    assert user_pack_dirs({"XDG_CONFIG_HOME": "/cfg"}) == [Path("/cfg/fandex/packs")]


def test_user_pack_is_loaded_and_found_by_name(user_packs: Path) -> None:
    (user_packs / "harbour.toml").write_text(MINIMAL, encoding="utf-8")
    pack = find_pack("harbour tales")
    assert pack is not None and pack.origin == "user"
    assert pack.character("Mara Quell") is not None


def test_a_fandom_looked_up_before_its_pack_was_added_is_found_after(
    user_packs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(packs, "_RECHECK_SECONDS", 0.0)  # look at the folders every time
    assert find_pack("harbour tales") is None
    (user_packs / "harbour.toml").write_text(MINIMAL, encoding="utf-8")
    pack = find_pack("harbour tales")
    assert pack is not None and pack.fandom == "Harbour Tales"
    # Other packs than those in use are searched, not answered from what was found.
    assert find_pack("harbour tales", load_packs(BUILTIN_DIR, [])) is None


def test_user_pack_for_a_builtin_fandom_extends_it(user_packs: Path) -> None:
    extra = """
schema = 1
fandom = "BtVS"
characters = [
  { name = "Xander Harris", gender = "M", aliases = ["Zeppo"] },
  { name = "Mrs. Kalish", gender = "F" },
]
"""
    (user_packs / "mine.toml").write_text(extra, encoding="utf-8")
    buffy = find_pack("Buffy the Vampire Slayer (TV)")
    assert buffy is not None and buffy.origin == "builtin+user"
    xander = buffy.character("Xander Harris")
    assert xander is not None and "Zeppo" in xander.aliases and "Xander" in xander.aliases
    assert buffy.character("Mrs. Kalish") is not None


def test_broken_user_pack_is_skipped_by_taggers_and_raised_by_strict_load(
    user_packs: Path,
) -> None:
    (user_packs / "broken.toml").write_text('fandom = "X"\ncharacters = []\n', encoding="utf-8")
    assert find_pack("BtVS") is not None  # the built-ins still load
    with pytest.raises(ConfigError, match=r"broken\.toml: 'characters' must be"):
        load_packs(BUILTIN_DIR, [user_packs])
    errors: list[str] = []
    load_packs(BUILTIN_DIR, [user_packs], errors)
    assert len(errors) == 1


def test_invalid_toml_is_one_line_config_error(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("fandom = [", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^bad\.toml: not valid TOML"):
        load_packs(None, [tmp_path])


def test_dump_pack_round_trips_through_the_schema(user_packs: Path) -> None:
    for pack in all_packs():
        data = tomllib.loads(dump_pack(pack))
        assert check_pack_data(data) == []
        again = parse_pack(data)
        assert again.characters == pack.characters and dict(again.ships) == dict(pack.ships)
        assert again.relatives() == pack.relatives()


def test_schema_rejects_a_guest_flag_that_is_not_a_boolean() -> None:
    data = tomllib.loads(MINIMAL.replace('aliases = ["Tobin"]', 'aliases = ["Tobin"], guest = 1'))
    assert any("guest must be true or false" in p for p in check_pack_data(data))


def test_find_pack_accepts_a_qualified_name_but_not_a_longer_title() -> None:
    packs = load_packs(BUILTIN_DIR, [])
    hp = find_pack("Harry Potter - J. K. Rowling", packs)
    assert hp is not None and hp.fandom == "Harry Potter - J. K. Rowling"
    tw = find_pack("Twilight (Movies 2008)", packs)
    assert tw is not None and tw.fandom.startswith("Twilight")
    assert find_pack("Twilight Zone", packs) is None
    assert find_pack("Sherlock Holmes & Related Fandoms", packs) is None


def test_either_side_of_a_bilingual_pack_name_resolves_to_it(user_packs: Path) -> None:
    from fandex.parse.values import resolve_fandom

    bilingual = MINIMAL.replace('"Harbour Tales"', '"Minato Monogatari | Harbour Tales"')
    (user_packs / "harbour.toml").write_text(bilingual, encoding="utf-8")
    assert resolve_fandom("Harbour Tales") == "Minato Monogatari | Harbour Tales"
    assert resolve_fandom("minato monogatari") == "Minato Monogatari | Harbour Tales"
    assert resolve_fandom("Tales") == "Tales"


FAMILY = MINIMAL.replace(
    '{ name = "Tobin Ashe", gender = "M", aliases = ["Tobin"] },',
    '{ name = "Tobin Ashe", gender = "M", aliases = ["Tobin"] },\n'
    '  { name = "Kit Ashe", gender = "M" },\n  { name = "Odile Ashe", gender = "F" },',
) + (
    '[family]\nsiblings = [["Tobin Ashe", "Kit Ashe"]]\n'
    'parents = { "Tobin Ashe" = ["Odile Ashe"] }\n'
)


def test_family_gives_sibling_and_parent_pairs() -> None:
    pack = parse_pack(tomllib.loads(FAMILY))
    assert pack.relatives() == {
        frozenset({"Tobin Ashe", "Kit Ashe"}),
        frozenset({"Tobin Ashe", "Odile Ashe"}),
    }


def test_schema_rejects_family_members_that_are_not_characters() -> None:
    data = tomllib.loads(FAMILY.replace('["Tobin Ashe", "Kit Ashe"]', '["Tobin Ashe", "Kitt"]'))
    assert any("'Kitt' is not a character" in p for p in check_pack_data(data))
    bad = tomllib.loads(FAMILY.replace('siblings = [["Tobin Ashe", "Kit Ashe"]]', "cousins = []"))
    assert any("unknown key 'cousins'" in p for p in check_pack_data(bad))


def test_user_pack_family_joins_the_builtin_relatives(user_packs: Path) -> None:
    (user_packs / "harbour.toml").write_text(FAMILY, encoding="utf-8")
    assert are_relatives("Kit Ashe", "Tobin Ashe")
    assert not are_relatives("Mara Quell", "Tobin Ashe")
    # Built-in packs say who is family by canon, too.
    assert are_relatives("Mycroft Holmes", "Sherlock Holmes")
    assert are_relatives("Draco Malfoy", "Narcissa Black Malfoy")


def test_a_user_pack_adds_epithets_to_a_character_of_the_pack_it_extends() -> None:
    base = parse_pack(
        tomllib.loads(
            MINIMAL.replace('aliases = ["Mara"]', 'aliases = ["Mara"], epithets = ["the pilot"]')
        )
    )
    extra = parse_pack(
        tomllib.loads(MINIMAL.replace('aliases = ["Mara"]', 'epithets = ["the harbourmaster"]'))
    )
    mara = packs.merge_packs(base, extra).character("Mara Quell")
    assert mara is not None and mara.epithets == ("the pilot", "the harbourmaster")


@pytest.mark.parametrize(
    ("stated", "kept"),
    [
        # One AO3 fandom of a canon with several is kept as the author wrote it: the
        # pack's own name would be another fandom of the family.
        ("Doctor Who (2005)", "Doctor Who (2005)"),
        ("Game of Thrones (TV)", "Game of Thrones (TV)"),
        ("Doctor Who & Related Fandoms", "Doctor Who & Related Fandoms"),
        # A short name of the canon is still the pack's AO3 name.
        ("Harry Potter", "Harry Potter - J. K. Rowling"),
        ("BtVS", "Buffy the Vampire Slayer (TV)"),
        # Another name fans write for one fandom of a family is that fandom on AO3.
        ("GoT", "Game of Thrones (TV)"),
        ("Game of Thrones", "Game of Thrones (TV)"),
        ("TOS", "Star Trek: The Original Series"),
        ("DA:I", "Dragon Age: Inquisition"),
        ("ASOIAF", "A Song of Ice and Fire - George R. R. Martin"),
        ("The Hobbit", "The Hobbit"),  # the books or the films: as written
    ],
)
def test_a_stated_fandom_of_a_canon_family_keeps_its_name(stated: str, kept: str) -> None:
    from fandex.parse.values import resolve_fandom

    assert resolve_fandom(stated) == kept
