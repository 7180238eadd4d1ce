"""Text signatures: the MinHash is datasketch's, computed in numpy; a chapter's anchors are
those of its text on its own, however the text's shingles are shared out."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.library import signature
from fandex.library.signature import (
    NUM_PERM,
    SEED,
    anchors_of,
    minhash_of,
    shingle_hashes,
    signature_of_text,
    word_ids,
    words_of,
    words_of_plain,
)

_PROSE = (
    "The keeper climbed the stairs at dawn and lit the lamp. Below, the boats came in "
    "one by one, and the harbour master counted them twice, as he always did. "
)


def _datasketch(hashes: np.ndarray) -> np.ndarray:
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)
    if len(hashes):
        m.update_batch(np.unique(hashes & np.uint64(0xFFFFFFFF)).tolist())
    return np.asarray(m.hashvalues, dtype=np.uint32)


def test_minhash_equals_datasketch_for_texts_of_every_size() -> None:
    rng = np.random.default_rng(7)
    sizes = [0, 1, 3, 100, signature._MINHASH_BLOCK + 5]  # empty, tiny, two blocks
    for n in sizes:
        hashes = rng.integers(0, 2**63, size=n, dtype=np.uint64) * np.uint64(2)
        assert np.array_equal(minhash_of(hashes), _datasketch(hashes)), n
    text_hashes = shingle_hashes(words_of(_PROSE * 30))
    assert np.array_equal(minhash_of(text_hashes), _datasketch(text_hashes))


def test_chapter_anchors_are_each_chapter_signed_alone() -> None:
    chapters = [_PROSE * 12, "Too short.", "", _PROSE[40:] * 9, "one two three four five"]
    sig = signature_of_text(chapters)
    alone = [anchors_of(shingle_hashes(words_of(c))).tolist() for c in chapters]
    assert sig.chapter_anchors == alone
    assert any(alone)  # the prose chapters do hold anchors
    whole = shingle_hashes([w for c in chapters for w in words_of(c)])
    assert np.array_equal(sig.anchors, anchors_of(whole))
    assert sig.words == sum(len(words_of(c)) for c in chapters)
    assert sig.shingles == len(np.unique(whole))


def test_word_hashes_do_not_depend_on_what_was_seen_before() -> None:
    words = words_of("Zyxwv quell'd the Ünder-tow; zyxwv again.")
    first = word_ids(words)
    again = word_ids(list(reversed(words)))[::-1]
    assert np.array_equal(first, again)
    assert first[0] == first[-2]  # the same word, the same hash
    assert all(int(h) % 2 == 1 for h in first)


def test_no_words_no_signature_values() -> None:
    sig = signature_of_text(["", "  "])
    assert sig.words == 0 and sig.shingles == 0 and len(sig.anchors) == 0
    assert np.all(sig.minhash == np.uint32(0xFFFFFFFF))


# What the quick word split treats apart: ASCII and curly apostrophes, the separators it
# replaces, "_", accents, letters that fold to ASCII, a control character, a surrogate.
_WORDY = "ab Z9_'’‘“”—–….-\n\tßKﬁé\u00a0\u0301\x01杨\ud800"


@given(st.text(alphabet=_WORDY, max_size=40) | st.text(max_size=40))
@settings(max_examples=500, deadline=None)
def test_words_are_the_regex_words_of_any_text(text: str) -> None:
    assert words_of(text) == words_of_plain(text)
