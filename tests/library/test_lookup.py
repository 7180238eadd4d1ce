"""Looking copies up: the shingle set a save just computed is what grouping compares, and
only while the stored signature is still the one it came from."""

from __future__ import annotations

import numpy as np
import pytest

from fandex.library import Library, lookup
from fandex.library.lookup import Lookup, remember_shingles
from fandex.library.signature import shingle_set, signature_of_text
from fandex.model import Chapter, Work

_TEXT = (
    "The keeper climbed the stairs at dawn and lit the lamp. Below, the boats came in "
    "one by one, and the harbour master counted them twice, as he always did. "
) * 10


def _work(work_id: str, text: str) -> Work:
    work = Work(id=work_id, title="The Lamp", chapters=[Chapter(index=1, text=text)])
    work.signature = signature_of_text([text])
    return work


def test_a_saved_signature_lends_its_shingle_set_to_grouping(library: Library) -> None:
    work = _work("a1", _TEXT)
    library.save(work)
    with library.engine.connect() as conn:
        got = Lookup(conn).shingle_set("a1")
    assert got is work.signature.shingle_set  # not read and cut again
    assert np.array_equal(got, shingle_set([_TEXT]))


def test_a_remembered_set_of_another_text_is_not_used(library: Library) -> None:
    library.save(_work("b1", _TEXT))
    other = signature_of_text(["Nothing like the stored text at all, not one shingle of it."])
    remember_shingles("b1", other)  # as if another process had changed the work since
    with library.engine.connect() as conn:
        got = Lookup(conn).shingle_set("b1")
    assert np.array_equal(got, shingle_set([_TEXT]))


def test_remembered_sets_stay_within_their_budget(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    sig = signature_of_text([_TEXT])
    assert sig.shingle_set is not None
    monkeypatch.setattr(lookup, "RECENT_BUDGET", sig.shingle_set.nbytes * 3)
    for i in range(10):
        remember_shingles(f"w{i}", sig)
    held = [k for k in lookup._recent if k.startswith("w")]
    assert held == ["w7", "w8", "w9"]  # the newest, up to the budget
    assert lookup._recent_bytes <= lookup.RECENT_BUDGET


def _passage(seed: int, words: int) -> str:
    # Made-up words, distinct per seed: texts share shingles only where they share a
    # passage.
    rng = np.random.default_rng(seed)
    syllables = ["ka", "lo", "mi", "ren", "tas", "vo", "del", "sun", "ar", "pe"]
    return " ".join("".join(rng.choice(syllables, size=3)) for _ in range(words)) + "."


def _candidates(reader: Lookup, work_id: str) -> list[str]:
    item = reader.item(work_id)
    assert item is not None
    return reader.candidates(item)


def test_candidates_read_ahead_for_a_batch_are_those_found_work_by_work(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Copies, a snapshot, works sharing a passage, and a passage so common that its
    # anchors are not informative (more works hold it than MAX_POSTING, lowered here).
    monkeypatch.setattr(lookup, "MAX_POSTING", 3)
    common, story, other = _passage(1, 400), _passage(2, 1500), _passage(3, 900)
    texts = {
        "full": [story[: len(story) // 2], story[len(story) // 2 :]],
        "copy": [story],
        "snapshot": [story[: len(story) // 2]],
        "shares": [other + " " + story[:1200]],
        "other": [other],
        **{f"common{i}": [common + " " + _passage(10 + i, 300)] for i in range(5)},
    }
    for work_id, chapters in texts.items():
        work = Work(
            id=work_id,
            title=work_id,
            chapters=[Chapter(index=i + 1, text=t) for i, t in enumerate(chapters)],
        )
        work.signature = signature_of_text(chapters)
        library.save(work)
    with library.engine.connect() as conn:
        one_by_one = Lookup(conn)
        each = {w: _candidates(one_by_one, w) for w in texts}
        ahead = Lookup(conn)
        ahead.preload(list(texts))
        ahead.prefetch_keys([ahead.item(w) for w in texts])
        assert ahead.postings  # read ahead, and used below
        batch = {w: _candidates(ahead, w) for w in texts}
    assert batch == each
    assert "copy" in each["full"] and "snapshot" in each["full"]
    assert "common1" not in each["common0"]  # only the common passage is shared
