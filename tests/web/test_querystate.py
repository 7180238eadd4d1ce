"""The sidebar's edits to the query string round-trip through the query language."""

from __future__ import annotations

import pytest

from fandex.query import parse
from fandex.web import querystate as qs


def test_include_then_exclude_flips_the_same_term() -> None:
    q = qs.toggle("", "relationship", "A/B", negated=False)
    assert q == 'relationship:"A/B"'
    q = qs.toggle(q, "relationship", "A/B", negated=True)
    assert q == '-relationship:"A/B"'
    assert qs.toggle(q, "relationship", "A/B", negated=True) == ""


def test_terms_keep_quotes_and_groups_whole() -> None:
    raws = [t.raw for t in qs.terms('tattoo "blue door" (a OR b) -warning:"Rape/Non-Con"')]
    assert raws == ["tattoo", '"blue door"', "(a OR b)", '-warning:"Rape/Non-Con"']


def test_state_reads_aliases_and_ignores_case() -> None:
    assert qs.state('ship:"a/b"', "relationship", "A/B") == "include"
    assert qs.state('-tag:"Fluff"', "tag", "fluff") == "exclude"
    assert qs.state("fluff", "tag", "fluff") is None


def test_user_written_terms_survive_a_toggle() -> None:
    q = qs.toggle('words:>5000 "the end"', "fandom", "Harbour Tales", negated=False)
    assert q == 'words:>5000 "the end" fandom:"Harbour Tales"'


def test_removing_a_chip_takes_out_exactly_that_term() -> None:
    assert qs.without('a -b:"c d" e', '-b:"c d"') == "a e"


@pytest.mark.parametrize(
    "name",
    ["Buffy Summers/Spike", "John Watson & Sherlock Holmes", 'Quote "inside"', "Angel (TV)",
     "Rape/Non-Con", "OR", "a,b", "-leading"],
)  # fmt: skip
def test_every_facet_value_makes_a_query_the_parser_accepts(name: str) -> None:
    for facet in ("fandom", "relationship", "character", "freeform"):
        field = qs.field_for_facet(facet)
        q = qs.toggle("tattoo", field, name, negated=True)
        parse(q)  # raises QueryError if the sidebar ever wrote something malformed
        assert qs.state(q, field, name.replace('"', "")) == "exclude"


@pytest.mark.parametrize(
    ("facet", "name"),
    [("rating", "Teen And Up Audiences"), ("rating", "Not Rated"), ("category", "F/M"),
     ("warning", "Rape/Non-Con"), ("warning", "Choose Not To Use Archive Warnings")],
)  # fmt: skip
def test_vocabulary_facets_make_queries_the_parser_accepts(facet: str, name: str) -> None:
    q = qs.toggle("", qs.field_for_facet(facet), name, negated=False)
    parse(q)
