"""The query language: what parses into what, and what a malformed query says."""

from __future__ import annotations

import pytest

from fandex.errors import QueryError
from fandex.query import (
    All,
    And,
    AuthorIs,
    Complete,
    DateIn,
    Language,
    Not,
    Number,
    Or,
    TagIs,
    Text,
    parse,
)


def test_empty_query_selects_all_works() -> None:
    assert isinstance(parse(""), All)
    assert isinstance(parse("   "), All)


def test_bare_words_merge_into_one_text_search() -> None:
    q = parse("dragon tattoo")
    assert isinstance(q, Text)
    assert [p.words for p in q.search.phrases] == [("dragon",), ("tattoo",)]


def test_quoted_phrase_keeps_word_order() -> None:
    q = parse('"Dragon  Tattoo"')
    assert isinstance(q, Text)
    assert q.search.phrases[0].words == ("dragon", "tattoo")


def test_trailing_star_is_a_prefix_search() -> None:
    q = parse("tatt*")
    assert isinstance(q, Text) and q.search.phrases[0].prefix


def test_title_field_searches_only_the_title() -> None:
    q = parse("title:ink")
    assert isinstance(q, Text) and q.search.column == "title"


def test_minus_and_not_negate() -> None:
    for text in ("-warning:noncon", "NOT warning:noncon"):
        q = parse(text)
        assert isinstance(q, Not) and isinstance(q.part, TagIs)


def test_or_and_comma_give_alternatives() -> None:
    assert isinstance(parse("tea OR rain"), Or)
    q = parse("fandom:btvs,angel")
    assert isinstance(q, TagIs) and "Angel: the Series" in q.names


def test_parentheses_group() -> None:
    q = parse("(tea OR rain) -storm")
    assert isinstance(q, And)
    assert isinstance(q.parts[0], Or) and isinstance(q.parts[1], Not)


def test_ship_name_resolves_to_the_relationship() -> None:
    q = parse("ship:Spuffy")
    assert isinstance(q, TagIs) and q.type == "relationship"
    assert "Buffy Summers/Spike" in q.names


def test_relationship_members_resolve_and_sort() -> None:
    q = parse('relationship:"Wes/Spike"')
    assert isinstance(q, TagIs) and "Spike/Wesley Wyndam-Pryce" in q.names


def test_character_alias_resolves_with_all_its_names() -> None:
    q = parse("character:Wes")
    assert isinstance(q, TagIs)
    assert {"Wesley Wyndam-Pryce", "Wes", "Wesley"} <= set(q.names)


def test_exclusion_carries_the_same_synonyms() -> None:
    q = parse("-character:Wes")
    assert isinstance(q, Not) and isinstance(q.part, TagIs)
    assert "Wesley Wyndam-Pryce" in q.part.names


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("E", {"Explicit"}),
        ("NC-17", {"Explicit"}),
        ("explicit", {"Explicit"}),
        ("G", {"General Audiences"}),
        ("<=teen", {"General Audiences", "Teen And Up Audiences"}),
        (">M", {"Explicit"}),
        ("T..M", {"Teen And Up Audiences", "Mature"}),
        ("NR", {"Not Rated"}),
    ],
)
def test_rating_values_and_comparisons(value: str, expected: set[str]) -> None:
    q = parse(f"rating:{value}")
    assert isinstance(q, TagIs) and set(q.names) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("noncon", "Rape/Non-Con"),
        ('"Rape/Non-Con"', "Rape/Non-Con"),
        ("mcd", "Major Character Death"),
        ("underage", "Underage Sex"),
        ("none", "No Archive Warnings Apply"),
    ],
)
def test_warning_short_forms(value: str, expected: str) -> None:
    q = parse(f"warning:{value}")
    assert isinstance(q, TagIs) and expected in q.names


def test_underage_also_matches_the_pre_2024_name() -> None:
    q = parse("warning:underage")
    assert isinstance(q, TagIs) and "Underage" in q.names


def test_category_aliases() -> None:
    q = parse("category:slash")
    assert isinstance(q, TagIs) and q.names == ("M/M",)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("words:>5000", 5001, None),
        ("words:>=5k", 5000, None),
        ("words:<100", None, 99),
        ("words:1000..2000", 1000, 2000),
        ("chapters:3", 3, 3),
    ],
)
def test_number_comparisons(text: str, low: int | None, high: int | None) -> None:
    q = parse(text)
    assert isinstance(q, Number) and (q.low, q.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("published:2003..2005", "2003", "2006"),
        ("imported:>2026-01-01", "2026-01-02", None),
        ("updated:<=2005-12", None, "2006-01"),
        ("published:2004", "2004", "2005"),
        ("published:<2004-02-29", None, "2004-02-29"),
    ],
)
def test_date_ranges(text: str, low: str | None, high: str | None) -> None:
    q = parse(text)
    assert isinstance(q, DateIn) and (q.low, q.high) == (low, high)


def test_other_fields() -> None:
    assert isinstance(parse("complete:yes"), Complete)
    no = parse("complete:no")
    assert isinstance(no, Not) and isinstance(no.part, Complete)
    lang = parse("lang:en")
    assert isinstance(lang, Language) and "english" in lang.names
    assert isinstance(parse("author:Quill"), AuthorIs)


def test_describe_says_what_is_selected() -> None:
    text = parse("ship:Spuffy -warning:noncon words:>3000 tattoo").describe()
    assert "Buffy Summers/Spike" in text and "not warning Rape/Non-Con" in text
    assert "more than 3,000 words" in text and "“tattoo”" in text


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ('fandom:"Buffy', 7, "unclosed quote"),
        ("(tea OR rain", 0, "never closed"),
        ("tea)", 3, "without a matching"),
        ("colour:red", 0, "unknown field"),
        ("fandom:", 7, "needs a value"),
        ("words:>many", 6, "not a number"),
        ("rating:Q", 7, "unknown rating"),
        ("warning:spiders", 8, "unknown warning"),
        ("category:romance", 9, "unknown category"),
        ("tea OR", 4, "needs something after"),
        ("OR tea", 0, "needs something before"),
        ("published:May", 10, "not a date"),
        ("published:2003-02-30", 10, "not a date"),
        ("complete:maybe", 9, "yes or no"),
        ("source:guessed", 7, "source:"),
        ("-(", 1, "never closed"),
    ],
)
def test_malformed_query_names_the_problem_and_its_position(
    text: str, position: int, fragment: str
) -> None:
    with pytest.raises(QueryError) as info:
        parse(text)
    assert fragment in str(info.value)
    assert info.value.position == position
    assert info.value.query == text
    assert "\n" not in str(info.value)


def test_deep_nesting_is_refused_not_a_crash() -> None:
    with pytest.raises(QueryError, match="too deep"):
        parse("(" * 4_000 + "a" + ")" * 4_000)
    with pytest.raises(QueryError, match="too deep"):
        parse("-(" * 2000 + "a")


def test_huge_query_is_refused_with_a_message() -> None:
    with pytest.raises(QueryError, match="too long"):
        parse("tattoo " * 20_000)


def test_too_many_terms_are_refused() -> None:
    with pytest.raises(QueryError, match="too many terms"):
        parse(" ".join(f"w{i}" for i in range(1000)))


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE works; --",
        "NEAR(a b) AND c*",
        "{title}: x ^y",
        "a -- b",
        "\x00\x01",
        "'",
        "%_\\",
        "tag:%",
        "author:\\_",
        "“curly quotes”",
    ],
)
def test_hostile_strings_parse_into_harmless_queries(text: str) -> None:
    q = parse(text)
    assert q.describe()
