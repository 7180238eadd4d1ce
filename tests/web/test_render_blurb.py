"""A listing blurb's "fandex noticed" line: guesses of a type no map calibrates stay off it."""

from __future__ import annotations

import pytest

from fandex.model import Chapter, Tag, Work
from fandex.web import render


def _work() -> Work:
    w = Work(title="t", chapters=[Chapter(1, text="Some text.")])
    w.add_tag(Tag("relationship", "Buffy Summers/Spike", "inferred", 0.9, [], "relationships"))
    w.add_tag(Tag("character", "Spike", "inferred", 0.9, [], "characters"))
    w.add_tag(Tag("warning", "Major Character Death", "inferred", 0.7, [], "warnings"))
    return w


def test_a_blurb_shows_calibrated_guesses_and_warnings() -> None:
    shown, _more = render.blurb_notes(_work())
    names = {t.name for t in shown}
    assert {"Buffy Summers/Spike", "Spike", "Major Character Death"} <= names


def test_a_guess_of_an_uncalibrated_type_stays_off_the_blurb_but_a_warning_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(render, "uncalibrated", lambda type_: type_ in ("relationship", "warning"))
    shown, more = render.blurb_notes(_work())
    names = {t.name for t in shown}
    assert "Buffy Summers/Spike" not in names
    assert {"Spike", "Major Character Death"} <= names
    # The work page still lists it: the blurb counts it among the ones it leaves out.
    assert more == 1 and len(shown) == 2
