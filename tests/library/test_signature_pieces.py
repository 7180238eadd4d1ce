"""A long text's signature is made a piece at a time (word ids a megabyte of text at a
time, MinHash a batch of shingles at a time), and equals the one made from the whole
word list at once."""

from __future__ import annotations

import random

import numpy as np
from datasketch import MinHash

from fandex.library import signature
from fandex.library.signature import (
    NUM_PERM,
    SEED,
    anchors_of,
    shingle_hashes,
    shingle_set,
    signature_of_text,
    words_of,
)


def _text(rng: random.Random, n: int) -> str:
    words = "the rain fell Zoë naïve don’t STRASSE 杨泰隆 harbour’s lamp-light 42".split()
    seps = [" ", "\n", ", ", " -- ", "\u3000"]
    return "".join(rng.choice(words) + rng.choice(seps) for _ in range(n))


def test_a_long_texts_signature_equals_the_whole_word_list_ones() -> None:
    rng = random.Random(15)
    chapters = [_text(rng, 300_000), _text(rng, 12), _text(rng, 200_000)]
    assert len(chapters[0]) > 1 << 20  # over one piece
    whole = [w for c in chapters for w in words_of(c)]
    hashes = shingle_hashes(whole)
    reference = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)
    reference.update_batch(np.unique(hashes & np.uint64(0xFFFFFFFF)).tolist())

    sig = signature_of_text(chapters)
    assert len(np.unique(hashes)) > signature._MINHASH_BLOCK  # over one MinHash batch
    assert sig.words == len(whole) and sig.shingles == len(np.unique(hashes))
    assert (sig.minhash == np.asarray(reference.hashvalues, dtype=np.uint32)).all()
    assert (sig.anchors == anchors_of(hashes)).all()
    assert sig.chapter_anchors == [
        anchors_of(shingle_hashes(words_of(c))).tolist() for c in chapters
    ]
    assert (shingle_set(chapters) == np.unique(hashes)).all()


def test_short_texts_keep_their_signatures() -> None:
    for chapters in ([], [""], ["one two"], ["one two", "three four"]):
        sig = signature_of_text(chapters)
        assert sig.shingles == 0 and sig.words == sum(len(words_of(c)) for c in chapters)
        assert len(shingle_set(chapters)) == 0
