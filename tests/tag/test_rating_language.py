"""Swearing as an input of the rating (``ratio:strong_language``, session 14): measured
on a text that swears, zero on one that does not, and the shipped model reads the text
that swears as likelier Teen or above than the same scene told without it."""

from __future__ import annotations

from fandex.model import Chapter, Work
from fandex.tag.cues_analysis import analyse
from fandex.tag.rating import RANK, TEEN, infer_rating
from fandex.tag.rating_model import default_model, feature_values

# Two friends argue over a flat tyre (fixtures written for fandex): once politely, once
# swearing at it.
POLITE = (
    "The tyre was flat again. Sam kicked it and said it was useless, completely useless, "
    "and that he was tired of this car. Alex told him to calm down and fetched the jack."
)
SWEARING = (
    "The tyre was flat again. Sam kicked it and said it was shit, fucking useless, and "
    "that he was sick of this goddamn car. Alex told him to calm the hell down, the "
    "bastard thing was not worth it, and fetched the jack."
)


def rate(text: str) -> float:
    work = Work(title="t", chapters=[Chapter(1, text=text)])
    return infer_rating(analyse(work)).at_least(RANK[TEEN])


def test_swearing_is_measured_and_its_absence_is_zero() -> None:
    polite = feature_values(analyse(Work(title="t", chapters=[Chapter(1, text=POLITE)])))
    rude = feature_values(analyse(Work(title="t", chapters=[Chapter(1, text=SWEARING)])))
    assert polite["ratio:strong_language"] == 0
    assert rude["ratio:strong_language"] > 0


def test_the_shipped_model_reads_a_text_that_swears_as_likelier_teen() -> None:
    assert "ratio:strong_language" in default_model().features
    assert rate(SWEARING) > rate(POLITE)
