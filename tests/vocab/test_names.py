"""Stated names resolve to canonical AO3 names through the packs."""

from __future__ import annotations

from fandex.vocab import names
from fandex.vocab.names import character_gender, resolve_character, resolve_ship


def test_alias_and_epithet_resolve_to_canonical_name() -> None:
    assert resolve_character("Xander") == "Xander Harris"
    assert resolve_character("william the bloody") == "Spike"
    assert resolve_character("Wes") == "Wesley Wyndam-Pryce"


def test_name_shared_by_fandoms_resolves_only_inside_one() -> None:
    assert resolve_character("Will") == "Will"
    assert resolve_character("Will", ["Hannibal (TV)"]) == "Will Graham"
    assert resolve_character("Will", ["Stranger Things"]) == "Will Byers"


def test_unknown_name_comes_back_tidied() -> None:
    assert resolve_character("  Mara   Quell ") == "Mara Quell"


def test_ship_name_resolves_to_sorted_relationship() -> None:
    assert resolve_ship("Spuffy") == "Buffy Summers/Spike"
    assert resolve_ship("drarry") == "Draco Malfoy/Harry Potter"


def test_pairing_by_aliases_is_normalised_and_sorted() -> None:
    assert resolve_ship("Spike/Buffy") == "Buffy Summers/Spike"
    assert resolve_ship("Wes x Spike") == "Spike/Wesley Wyndam-Pryce"
    assert resolve_ship("Dean/Cas", ["Supernatural"]) == "Castiel (Supernatural)/Dean Winchester"


def test_platonic_pairing_keeps_ampersand() -> None:
    assert resolve_ship("Xander & Willow") == "Willow Rosenberg & Xander Harris"


def test_pairing_with_an_unknown_member_is_not_resolved() -> None:
    assert resolve_ship("Spike/Mara") is None
    assert resolve_ship("Buffy") is None


def test_character_gender_from_pack() -> None:
    assert character_gender("Buffy Summers") == "F"
    assert character_gender("Nobody Known") == "U"


def test_ao3_disambiguated_name_resolves_to_the_pack_name() -> None:
    assert resolve_character("Spike (Buffyverse)") == "Spike"
    assert resolve_character("Castiel (Supernatural)") == "Castiel (Supernatural)"
    assert resolve_character("Nobody (Anything)") == "Nobody (Anything)"


def test_a_qualifier_naming_another_fandom_keeps_a_one_word_name_as_stated() -> None:
    # A pack's one-word alias ("Happy" is Marvel's Happy Hogan) is not the character
    # of a fandom the qualifier names and no pack knows.
    assert resolve_character("Happy (Fairy Tail)") == "Happy (Fairy Tail)"
    assert resolve_character("Happy (Fairy Tail)", ["Fairy Tail"]) == "Happy (Fairy Tail)"
    assert resolve_character("Happy", ["Marvel"]) == "Happy Hogan"


def test_a_first_name_in_a_fandom_no_pack_knows_stays_as_written() -> None:
    assert resolve_character("Bob", ["Harbour Tales"]) == "Bob"
    assert resolve_ship("Bill/Bob", ["Harbour Tales"]) is None
    # A full canonical name still names the character, and a known fandom still scopes.
    assert resolve_character("xander harris", ["Harbour Tales"]) == "Xander Harris"
    assert resolve_character("Xander", ["Buffy the Vampire Slayer"]) == "Xander Harris"


def test_an_archives_numbered_doctor_is_that_incarnation() -> None:
    # Doctor Who archives list "The Doctor (10th)"; AO3 tags the incarnation.
    assert names.resolve_character("The Doctor (10th)") == "Tenth Doctor"
    assert names.resolve_character("The Doctor (4th)") == "Fourth Doctor"
    assert names.resolve_character("The Doctor (Eighth)") == "Eighth Doctor"  # a journal header's
    assert names.resolve_character("the Doctor") == "The Doctor (Doctor Who)"
    assert names.resolve_ship("Nine/Rose", ["Doctor Who"]) == "Ninth Doctor/Rose Tyler"


def test_a_category_naming_a_character_gives_its_fandom() -> None:
    assert names.character_fandom("Tenth Doctor") == ("Doctor Who", "Tenth Doctor")
    assert names.character_fandom("Ten") is None  # a one-word alias names no one alone
    assert names.character_fandom("Multi-Era") is None


def test_an_archives_initial_resolves_a_name_written_family_name_first() -> None:
    # FanFiction.net writes "Given F."; a pack may write the family name first.
    assert resolve_character("Naruto U.", ["Naruto"]) == "Uzumaki Naruto"
    assert resolve_character("Draco M.", ["Harry Potter - J. K. Rowling"]) == "Draco Malfoy"
    # The negative: an initial that opens no name of the pack leaves it as written.
    assert resolve_character("Naruto Q.", ["Naruto"]) == "Naruto Q."
