"""What header values mean: ratings, warnings, pairings, categories, dates, status."""

from __future__ import annotations

import pytest
from helpers_parse import tag_names, work_of

from fandex.parse.dates import map_language, map_status, parse_date
from fandex.parse.values import (
    map_rating,
    map_warnings,
    parse_pairings,
    split_categories,
    split_fandoms,
    split_list,
)


@pytest.mark.parametrize(
    ("value", "rating"),
    [
        # AO3's own import mapping, tier by tier
        ("NC-17", "Explicit"),
        ("nc17", "Explicit"),
        ("NC-18", "Explicit"),
        ("X", "Explicit"),
        ("MA", "Explicit"),
        ("Explicit", "Explicit"),
        ("E", "Explicit"),
        ("R", "Mature"),
        ("M", "Mature"),
        ("Mature", "Mature"),
        ("PG-13", "Teen And Up Audiences"),
        ("PG-15", "Teen And Up Audiences"),
        ("T", "Teen And Up Audiences"),
        ("Teen", "Teen And Up Audiences"),
        ("PG", "General Audiences"),
        ("G", "General Audiences"),
        ("K", "General Audiences"),
        ("K+", "General Audiences"),
        # extensions
        ("FRC", "General Audiences"),
        ("FRT", "Teen And Up Audiences"),
        ("FRM", "Mature"),
        ("FRAO", "Explicit"),
        ("All Ages", "General Audiences"),
        ("Pre-Teen", "General Audiences"),
        ("Adult", "Explicit"),
        ("Adults Only", "Explicit"),
        ("P6", "General Audiences"),
        ("P12", "Teen And Up Audiences"),
        ("P16 / Slash", "Mature"),
        ("P18-AVL", "Explicit"),
        ("Not Rated", "Not Rated"),
        ("Rated R for language", "Mature"),
        ("PG-13 to R", "Mature"),
        ("General Audiences", "General Audiences"),
        ("Teen And Up Audiences", "Teen And Up Audiences"),
        # A phrase says more than a word in it ("adult" alone is Explicit).
        ("Young Adults", "Teen And Up Audiences"),
        ("R - Restricted", "Mature"),
        ("Restricted", "Explicit"),
        ("A - All Readers", "General Audiences"),
        ("NC-17 mature audiences", "Explicit"),
        # What a rating is given for is not a second rating; alone it is one.
        ("PG-13 for adult themes", "Teen And Up Audiences"),
        ("T (mature themes)", "Teen And Up Audiences"),
        ("PG (mature language)", "General Audiences"),
        ("NC-17 (adult content)", "Explicit"),
        ("Mature themes", "Mature"),
    ],
)
def test_rating_maps_legacy_value_to_ao3(value: str, rating: str) -> None:
    got = map_rating(value)
    assert got is not None and got.rating == rating


def test_rating_unknown_value_maps_to_nothing() -> None:
    assert map_rating("spicy") is None


@pytest.mark.parametrize(
    ("value", "stated", "announced"),
    [
        ("R (will be NC-17 shortly)", "Mature", "Explicit"),
        ("PG-13 (NC-17 in later chapters)", "Teen And Up Audiences", "Explicit"),
        ("PG, NC-17 overall", "General Audiences", "Explicit"),
        ("R (for now)", "Mature", None),
    ],
)
def test_rating_keeps_announced_rating_apart(
    value: str, stated: str, announced: str | None
) -> None:
    got = map_rating(value)
    assert got is not None and (got.rating, got.announced) == (stated, announced)


def test_rating_announcement_becomes_tag_attr_with_evidence() -> None:
    w = work_of("Title: T\nRating: R (will be NC-17 shortly)\n\nStory.")
    (tag,) = w.tags_of("rating")
    assert (tag.name, tag.source, tag.attrs) == ("Mature", "stated", {"announced": "Explicit"})
    assert (tag.evidence[0].field, tag.evidence[0].quote) == ("Rating", "R (will be NC-17 shortly)")


@pytest.mark.parametrize(
    ("value", "warnings", "freeforms"),
    [
        ("rape", ["Rape/Non-Con"], []),
        ("non-con", ["Rape/Non-Con"], []),
        ("character death", ["Major Character Death"], []),
        ("MCD", ["Major Character Death"], []),
        ("violence, gore", ["Graphic Depictions Of Violence"], ["Gore"]),
        ("torture", ["Graphic Depictions Of Violence"], ["Torture"]),
        ("underage", ["Underage Sex"], []),
        ("chan", ["Underage Sex"], []),
        ("Underage Sex", ["Underage Sex"], []),
        ("none", ["No Archive Warnings Apply"], []),
        ("No warnings", ["No Archive Warnings Apply"], []),
        ("Choose not to warn", ["Choose Not To Use Archive Warnings"], []),
        ("blood play, strong language", [], ["Blood Play", "Strong Language"]),
        ("minor character death", [], ["Minor Character Death"]),
        ("dub-con", [], ["Dub-con"]),
        ("chance encounter", [], ["Chance Encounter"]),
        ("no character death", [], []),
    ],
)
def test_warning_items_map_to_archive_warnings_or_freeforms(
    value: str, warnings: list[str], freeforms: list[str]
) -> None:
    got = map_warnings(value)
    assert [w.name for w in got if w.type == "warning"] == warnings
    assert [w.name for w in got if w.type == "freeform"] == freeforms


def test_warning_list_after_this_fic_will_contain() -> None:
    got = map_warnings("This fic will contain: violence, torture, strong language...")
    assert [(w.type, w.name) for w in got] == [
        ("warning", "Graphic Depictions Of Violence"),
        ("freeform", "Torture"),
        ("freeform", "Strong Language"),
    ]


def test_warning_commas_inside_brackets_do_not_split() -> None:
    got = map_warnings("non-con (past, not shown), MCD")
    assert [w.name for w in got] == ["Rape/Non-Con", "Major Character Death"]


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Spike/Xander", ["Spike/Xander"]),
        ("Xander x Spike", ["Spike/Xander"]),
        ("Willow & Buffy", ["Buffy & Willow"]),
        ("Willow/Tara/Oz", ["Oz/Tara/Willow"]),
        ("Buffy/Angel, Xander/Anya", ["Angel/Buffy", "Anya/Xander"]),
        ("Buffy/Angel; Xander/Anya", ["Angel/Buffy", "Anya/Xander"]),
        ("Buffy/Angel and Xander/Anya", ["Angel/Buffy", "Anya/Xander"]),
        ("Mulder and Scully", ["Mulder/Scully"]),
        ("Spuffy", ["Spuffy"]),
        ("none", []),
        ("Gen", []),
    ],
)
def test_pairings_normalise_to_ao3_form(value: str, names: list[str]) -> None:
    assert [p.name for p in parse_pairings(value)] == names


def test_pairing_platonic_flag_and_qualifiers() -> None:
    got = parse_pairings("implied Angel/Darla, Wesley/Cordelia (eventual), Buffy & Dawn")
    assert [(p.name, p.platonic, p.qualifier) for p in got] == [
        ("Angel/Darla", False, "implied"),
        ("Cordelia/Wesley", False, "eventual"),
        ("Buffy & Dawn", True, None),
    ]


def test_pairings_resolve_names_through_fandom_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    from fandex.vocab import names

    aliases = {"Spike": "Spike", "Wes": "Wesley Wyndam-Pryce", "Buffy": "Buffy Summers"}
    monkeypatch.setattr(
        names, "resolve_character", lambda n, fandoms=None: aliases.get(n.strip(), n.strip())
    )
    monkeypatch.setattr(
        names,
        "resolve_ship",
        lambda n, fandoms=None: "Buffy Summers/Spike" if n == "Spuffy" else None,
    )
    got = [p.name for p in parse_pairings("Wes/Spike, Spuffy")]
    assert got == ["Spike/Wesley Wyndam-Pryce", "Buffy Summers/Spike"]


def test_pairing_tags_carry_field_and_raw_value() -> None:
    w = work_of("Title: T\nPairing: Spike/Wesley\n\nStory.")
    (tag,) = w.tags_of("relationship")
    assert (tag.name, tag.source) == ("Spike/Wesley", "stated")
    assert (tag.evidence[0].field, tag.evidence[0].quote) == ("Pairing", "Spike/Wesley")


@pytest.mark.parametrize(
    ("value", "categories"),
    [
        ("Slash", ["M/M"]),
        ("Het", ["F/M"]),
        ("Gen", ["Gen"]),
        ("Femslash", ["F/F"]),
        ("Femmeslash", ["F/F"]),
        ("Slash, Het", ["M/M", "F/M"]),
        ("M/M", ["M/M"]),
        ("Multi", ["Multi"]),
    ],
)
def test_category_words_map_to_ao3_categories(value: str, categories: list[str]) -> None:
    assert split_categories(value)[0] == categories


def test_category_field_holding_a_fandom_is_a_fandom() -> None:
    w = work_of("Title: T\nCategory: Due South, Gen, Angst\n\nStory.")
    assert tag_names(w, "fandom") == ["Due South"]
    assert tag_names(w, "category") == ["Gen"]
    assert tag_names(w, "freeform") == ["Angst"]


def test_fandoms_split_crossovers() -> None:
    assert split_fandoms("BtVS/AtS crossover") == ["BtVS", "AtS"]
    assert split_fandoms("Law & Order") == ["Law & Order"]


def test_series_label_naming_a_show_is_the_fandom() -> None:
    w = work_of("Title: T\nSeries: Star Trek: The Next Generation\n\nStory.")
    assert tag_names(w, "fandom") == ["Star Trek: The Next Generation"]
    assert w.series == []


def test_series_label_with_a_part_number_is_the_story_series() -> None:
    w = work_of("Title: T\nFandom: Highlander\nSeries: Frost Cycle, part 2 of 4\n\nStory.")
    assert [s.to_dict() for s in w.series] == [{"name": "Frost Cycle", "position": 2, "total": 4}]


@pytest.mark.parametrize(
    ("value", "status"),
    [("Complete", "complete"), ("WIP", "wip"), ("in progress", "wip"), ("One-shot", "complete")],
)
def test_status_values(value: str, status: str) -> None:
    assert map_status(value) == status


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2003-07-14", "2003-07-14"),
        ("12/03/2001", "2001-12-03"),
        ("25/12/2001", "2001-12-25"),
        ("14.07.2003", "2003-07-14"),
        ("March 5th, 2002", "2002-03-05"),
        ("5 March 2002", "2002-03-05"),
        ("June 2004", "2004-06"),
        ("sometime in 1999", "1999"),
        ("12/25/99", "1999-12-25"),
    ],
)
def test_dates_parse_to_iso(value: str, iso: str) -> None:
    assert parse_date(value) == iso


def test_language_names_map_to_codes() -> None:
    assert (map_language("English"), map_language("Deutsch"), map_language("Klingon")) == (
        "en",
        "de",
        None,
    )


def test_split_list_handles_and_and_trailing_dots() -> None:
    assert split_list("angst, fluff and more angst...") == ["angst", "fluff", "more angst"]


def test_efiction_nested_category_splits_fandom_from_category() -> None:
    assert split_categories("Buffy the Vampire Slayer > Het") == (
        ["F/M"],
        [],
        ["Buffy the Vampire Slayer"],
    )


def test_stated_fandoms_take_the_packs_name(monkeypatch: pytest.MonkeyPatch) -> None:
    from fandex.parse import values

    known = {"BtVS": "Buffy the Vampire Slayer (TV)", "AtS": "Angel: the Series"}
    monkeypatch.setattr(values, "resolve_fandom", lambda n: known.get(n, n))
    monkeypatch.setattr(values, "is_known_fandom", lambda n: n in known)
    w = work_of("Title: T\nFandom: BtVS, Farscape\nCategory: BtVS/AtS, Mulder/Scully romance\n\nX.")
    assert tag_names(w, "fandom") == [
        "Buffy the Vampire Slayer (TV)",
        "Farscape",
        "Angel: the Series",
    ]
    assert tag_names(w, "freeform") == ["Mulder/Scully Romance"]


@pytest.mark.parametrize(
    ("count", "status"), [("5/5", "complete"), ("3/10", "wip"), ("3/?", "wip")]
)
def test_chapter_count_states_status(count: str, status: str) -> None:
    assert work_of(f"Title: T\nChapters: {count}\n\nStory.").status == status


def test_gen_pairing_field_states_gen_category() -> None:
    w = work_of("Title: T\nPairing: none (gen)\n\nStory.")
    assert tag_names(w, "relationship") == []
    assert tag_names(w, "category") == ["Gen"]


def test_mentioned_violence_and_death_are_notes_not_archive_warnings() -> None:
    from fandex.parse.values import map_warnings

    got = [(w.type, w.name) for w in map_warnings("mentions of violence, implied character death")]
    assert got == [("freeform", "Mentions of Violence"), ("freeform", "Implied Character Death")]
    past = [(w.type, w.name) for w in map_warnings("past rape")]
    assert ("warning", "Rape/Non-Con") in past


@pytest.mark.parametrize(
    ("stated", "canonical", "same"),
    [
        ("BtVS", "Buffy the Vampire Slayer (TV)", True),  # an abbreviation
        ("Harry Potter", "Harry Potter - J. K. Rowling", True),  # a shorter name
        ("Haikyu!!", "Haikyuu!!", True),  # another spelling
        ("Torchwood", "Doctor Who", False),  # a spin-off the pack also covers
        ("Avengers", "Marvel Cinematic Universe", False),  # a part of a bigger fandom
    ],
)
def test_a_pack_renames_a_fandom_only_when_it_is_the_same_one(
    stated: str, canonical: str, same: bool
) -> None:
    from fandex.parse.values import _same_fandom

    assert _same_fandom(stated, canonical) is same


def test_a_rating_given_for_later_parts_is_the_works_rating() -> None:
    from fandex.parse.values import map_rating

    rating = map_rating("M for language in later parts.")
    assert rating is not None and rating.rating == "Mature"


def test_an_author_with_a_spelled_out_email_is_the_name_alone() -> None:
    w = work_of("Title: Gull Count\nAuthor: Wren Alder (wren at example dot net)\n\nThe gulls.")
    assert w.authors == ["Wren Alder"]


@pytest.mark.parametrize(
    ("value", "warnings", "freeforms"),
    [
        ("Charaktertod", ["Major Character Death"], []),
        ("Gewalt", ["Graphic Depictions Of Violence"], []),
        ("Folter", ["Graphic Depictions Of Violence"], ["Torture"]),
        ("Vergewaltigung", ["Rape/Non-Con"], []),
        ("Keine Warnungen", ["No Archive Warnings Apply"], []),
        ("keine Gewalt", [], []),
        ("mort d’un personnage", ["Major Character Death"], []),
        ("mort d'un personnage secondaire", [], ["Mort D'un Personnage Secondaire"]),
        ("violence graphique", ["Graphic Depictions Of Violence"], []),
        ("Aucun avertissement", ["No Archive Warnings Apply"], []),
        ("muerte de un personaje", ["Major Character Death"], []),
        ("no consentido", ["Rape/Non-Con"], []),
        ("sin violencia", [], []),
        ("Sin advertencias", ["No Archive Warnings Apply"], []),
        ("morte di un personaggio", ["Major Character Death"], []),
        ("Nessun avvertimento", ["No Archive Warnings Apply"], []),
    ],
)
def test_french_german_spanish_italian_warnings_map(
    value: str, warnings: list[str], freeforms: list[str]
) -> None:
    got = map_warnings(value)
    assert [w.name for w in got if w.type == "warning"] == warnings
    assert [w.name for w in got if w.type == "freeform"] == freeforms


@pytest.mark.parametrize(
    ("value", "rating"),
    [
        ("Tout public", "General Audiences"),
        ("Todo público", "General Audiences"),
        ("Adolescents", "Teen And Up Audiences"),
        ("ab 16", "Mature"),
        ("FSK 18", "Explicit"),
        ("Adultos", "Explicit"),
        ("Giallo", "Teen And Up Audiences"),
        ("Rosso", "Explicit"),
    ],
)
def test_french_german_spanish_italian_ratings_map(value: str, rating: str) -> None:
    got = map_rating(value)
    assert got is not None and got.rating == rating


def test_a_german_header_states_its_warnings_and_rating() -> None:
    w = work_of(
        "Titel: Die Furt\nAltersfreigabe: ab 16\nWarnungen: Charaktertod, Gewalt\n\n"
        "Ila wartete am Ufer, bis das Wasser fiel."
    )
    assert tag_names(w, "rating") == ["Mature"]
    assert sorted(tag_names(w, "warning")) == [
        "Graphic Depictions Of Violence",
        "Major Character Death",
    ]


def test_an_italian_archive_card_line_reads_field_by_field() -> None:
    # EFP's story card: "|"-separated labels, the rating as a colour, "Completa" alone.
    w = work_of(
        "Il guado\n"
        "Autore: Wren Calloway | Pubblicata: 23/10/12 | Aggiornata: 30/10/12 | "
        "Rating: Giallo | Genere: Drammatico | Capitoli: 2 | Completa\n"
        "Tipo di coppia: Het | Personaggi: Ila, Tom | Avvertimenti: Nessuno\n"
        "Categoria: Originali | Contesto: Dopo la piena\n\n"
        "Ila aspettò sulla riva finché l'acqua non calò."
    )
    assert (w.title, w.authors) == ("Il guado", ["Wren Calloway"])
    assert (w.published, w.updated, w.status) == ("2012-10-23", "2012-10-30", "complete")
    assert tag_names(w, "rating") == ["Teen And Up Audiences"]
    assert tag_names(w, "warning") == ["No Archive Warnings Apply"]
    assert tag_names(w, "category") == ["F/M"]
    assert "Dopo la piena" not in " ".join(tag_names(w, "fandom"))


def test_german_publication_and_status_labels() -> None:
    w = work_of(
        "Titel: Die Furt\nVeröffentlicht: 02.03.2014\nStatus: Abgeschlossen\n\nIla wartete."
    )
    assert (w.published, w.status) == ("2014-03-02", "complete")
