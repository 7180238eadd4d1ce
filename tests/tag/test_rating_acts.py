"""Sex told as it happens (``acts:sexual``): plain wordings of the act counted per 1000
words, an arrival or a coat not, and the shipped model reading them."""

from __future__ import annotations

from fandex.model import Chapter, Work
from fandex.tag.cues_analysis import analyse
from fandex.tag.rating import EXPLICIT, RANK, infer_rating
from fandex.tag.rating_acts import act_count
from fandex.tag.rating_model import default_model, feature_values

# A brief scene in plain clinical words that names no sex term the cue lexicon counts
# (a fixture written for fandex).
PLAIN = (
    "After dinner they went upstairs. She rode him slowly in the lamplight, and he came, "
    "quietly, with his hands on her waist. Afterwards they lay talking about the garden."
)
# The same evening with the words that read like it and are not: an arrival, a coat.
ALIKE = (
    "After dinner they went upstairs. She came home as she had promised, with the "
    "photographs inside her coat, and they lay on the rug talking about the garden."
)
PICNIC = "They ate sandwiches by the lake and counted the ducks until the sun went down. "


def features(text: str) -> dict[str, float]:
    return feature_values(analyse(Work(title="t", chapters=[Chapter(1, text=text)])))


def test_plain_wordings_of_the_act_are_counted_once_each() -> None:
    assert act_count([PLAIN]) == 2  # "rode him", "he came,"
    assert act_count([PLAIN, PLAIN.upper()]) == 2  # distinct wordings, any case
    assert act_count([ALIKE]) == 0
    assert act_count(["You came.", "She came home late."]) == 0


def test_the_feature_is_a_density_so_a_novels_one_scene_weighs_less() -> None:
    short, padded = features(PLAIN), features(PLAIN + " " + PICNIC * 200)
    assert short["acts:sexual"] > padded["acts:sexual"] > 0
    assert features(ALIKE)["acts:sexual"] == 0


def test_the_shipped_model_reads_the_scene_as_likelier_explicit() -> None:
    assert "acts:sexual" in default_model().features
    shown = infer_rating(analyse(Work(title="t", chapters=[Chapter(1, text=PLAIN)])))
    alike = infer_rating(analyse(Work(title="t", chapters=[Chapter(1, text=ALIKE)])))
    assert shown.at_least(RANK[EXPLICIT]) > alike.at_least(RANK[EXPLICIT])
