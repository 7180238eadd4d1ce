"""The learned tagger: applies only winning models, as ``source: learned``, under stated tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from fandex.learn.model import LinearModel, ModelSet
from fandex.learn.store import load_models, models_path_for, save_models
from fandex.learn.tagger import apply_models, learned_tagger
from fandex.model import Chapter, Tag, Work


def zorblax_model(use: bool = True) -> LinearModel:
    return LinearModel(
        "warning", "Major Character Death", {"zorblax": 2.0}, {"zorblax": 8.0}, -3.0, use=use
    )


def work(text: str) -> Work:
    return Work(title="t", chapters=[Chapter(1, text=text)])


def test_a_used_model_adds_a_learned_tag_with_evidence() -> None:
    w = work("The river was quiet. Then came the zorblax, and nothing was the same.")
    added = apply_models(w, ModelSet([zorblax_model()]))
    (tag,) = added
    assert (tag.source, tag.tagger, tag.name) == ("learned", "learned", "Major Character Death")
    assert tag.evidence[0].quote.endswith("nothing was the same.")
    assert "zorblax" in tag.evidence[0].quote


def test_an_unused_model_adds_nothing() -> None:
    w = work("zorblax zorblax")
    assert apply_models(w, ModelSet([zorblax_model(use=False)])) == []


def test_a_stated_tag_is_never_replaced_by_a_learned_one() -> None:
    w = work("zorblax zorblax")
    w.add_tag(Tag("warning", "Major Character Death", source="stated"))
    assert apply_models(w, ModelSet([zorblax_model()])) == []
    assert w.find_tag("warning", "Major Character Death").source == "stated"  # type: ignore[union-attr]


def test_only_the_most_probable_rating_is_added() -> None:
    teen = LinearModel("rating", "Teen And Up Audiences", {"aa": 1.0}, {"aa": 2.0}, 0.0, use=True)
    mature = LinearModel("rating", "Mature", {"aa": 1.0}, {"aa": 6.0}, 0.0, use=True)
    w = work("aa aa aa")
    added = apply_models(w, ModelSet([teen, mature]))
    assert [t.name for t in added] == ["Mature"]


def test_models_live_next_to_the_library_file(tmp_path: Path) -> None:
    assert models_path_for(tmp_path / "lib.db") == tmp_path / "lib.models.json"
    assert models_path_for("postgresql://host/db").name.startswith("models-")


def test_default_models_path_follows_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The answer is remembered per location: a changed data folder must still be seen.
    for folder in (tmp_path / "a", tmp_path / "b", tmp_path / "a"):
        monkeypatch.setenv("XDG_DATA_HOME", str(folder))
        assert models_path_for(None) == folder / "fandex" / "library.models.json"


def test_the_tagger_reads_its_models_path_and_is_quiet_without_one(tmp_path: Path) -> None:
    path = tmp_path / "lib.models.json"
    w = work("zorblax zorblax")
    learned_tagger(w, {"models_path": str(path)})
    assert w.tags == []
    save_models(ModelSet([zorblax_model()]), path)
    assert load_models(path) is not None
    learned_tagger(w, {"models_path": str(path)})
    assert [t.source for t in w.tags] == ["learned"]


def test_public_api_of_fandex_learn_is_pinned() -> None:
    import fandex.learn

    assert sorted(fandex.learn.__all__) == [
        "LinearModel",
        "ModelSet",
        "load_models",
        "models_path_for",
        "save_models",
        "tokenize",
    ]
