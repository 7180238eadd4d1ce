"""FanFiction.net's facts line copied into a text header ("Rated: Fiction T - English -
Romance/Drama - [A, B] C - Words: ..."): its unlabelled parts are read as the language,
genres and characters, and a summary sentence between "By:" and the line is the summary."""

from __future__ import annotations

import pytest
from helpers_parse import tag_names, work_of

from fandex.parse.ffnline import expand_facts_line
from fandex.vocab import names

STORY = "The keeper climbed the stair at dusk with a can of oil and a rag, and lit the lamp."


@pytest.fixture(autouse=True)
def _names_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "resolve_character", lambda n, fandoms=None: " ".join(n.split()))
    monkeypatch.setattr(names, "resolve_ship", lambda n, fandoms=None: None)


def test_unlabelled_parts_are_named_by_what_they_are() -> None:
    got = expand_facts_line("Rated: Fiction K+ - English - General - Oriel T. - Complete")
    assert got == [
        "Rated: Fiction K+",
        "Language: English",
        "Characters: Oriel T.",
        "Status: Complete",
    ]
    assert expand_facts_line("Rated: PG") is None  # no parts: an ordinary rating line


def test_profile_box_copied_line_by_line() -> None:
    work = work_of(
        "Lantern Keeper\nBy: saltmarsh\n"
        "A lamp is lit each night on the pier, and one night it is not.\n"
        "Rated: Fiction T - English - Romance/Drama - [Corran B., Ila W.] Oriel T. - "
        f"Words: 1,234 - Published: 3/1/2012\n\n{STORY}"
    )
    assert (work.title, work.authors) == ("Lantern Keeper", ["saltmarsh"])
    assert work.summary == "A lamp is lit each night on the pier, and one night it is not."
    assert tag_names(work, "rating") == ["Teen And Up Audiences"]
    assert tag_names(work, "relationship") == ["Corran B./Ila W."]
    assert sorted(tag_names(work, "freeform")) == ["Drama", "Romance"]
    assert work.text.startswith("The keeper climbed")
