"""Text signatures: what grouping compares instead of whole texts.

A work's story text (its chapters; not its header, notes or summary, which differ
between copies and which unrelated stories can share) is normalised to lower-case
words and cut into overlapping 5-word shingles. From the shingles:

- a **MinHash** (datasketch, 64 permutations) estimates the Jaccard similarity of two
  texts; its 16 bands of 4 values are **LSH keys**: two copies of one text (another
  format, light edits) share a band with probability near 1 above a Jaccard of ~0.5;
- **anchors**, the shingles whose hash is 0 modulo :data:`ANCHOR_MOD`, are a sample
  chosen by the content alone, so a 3-chapter snapshot holds the same anchors as the
  first three chapters of the 7-chapter copy: shared anchors find *containment*, which
  a Jaccard threshold cannot (3/7 is well under it).

Both kinds of keys go in one inverted index (``signature_keys``), so the candidates of
a new work are found with one indexed lookup, however big the library. Candidates are
then verified on the chapter text itself (:func:`compare`).

>>> a = signature_of_text(["The keeper climbed the stairs at dawn and lit the lamp. " * 20])
>>> a.words, len(a.minhash)
(220, 64)
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
ANCHOR_MOD = 24
SEED = 17
KIND_BAND = 0
KIND_ANCHOR = 1

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
# One permutation set for the process: datasketch derives it from the seed.
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)


@dataclass
class Signature:
    """A work's text signature. ``minhash``: NUM_PERM uint32 values; ``anchors``:
    the sampled shingle hashes (int64, sorted, unique); ``chapter_anchors``: each
    chapter's anchors, to tell which chapters one copy has and another lacks."""

    minhash: np.ndarray
    anchors: np.ndarray
    shingles: int
    words: int
    chapters: int
    chapter_anchors: list[list[int]] = field(default_factory=list)

    def lookup_keys(self) -> list[tuple[int, int]]:
        """``(kind, key)`` lookup keys: LSH bands and anchors."""
        out = [(KIND_BAND, k) for k in band_keys(self.minhash)]
        out += [(KIND_ANCHOR, int(a)) for a in self.anchors]
        return out

    def jaccard(self, other: Signature) -> float:
        """The MinHash estimate of the two texts' Jaccard similarity."""
        if self.shingles == 0 or other.shingles == 0:
            return 0.0
        return float(np.mean(self.minhash == other.minhash))

    def minhash_bytes(self) -> bytes:
        return self.minhash.astype("<u4").tobytes()


def words_of(text: str) -> list[str]:
    """Normalised words: lower case, punctuation and markup gone.

    >>> words_of("“Don’t,” she said -- SOFTLY.")
    ['don’t', 'she', 'said', 'softly']
    """
    return _WORD.findall(text.casefold())


def _fmix64(h: np.ndarray) -> np.ndarray:
    # MurmurHash3's finaliser: spreads the combined word hashes over all 64 bits.
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(33))
        h = h * np.uint64(0xFF51AFD7ED558CCD)
        h = h ^ (h >> np.uint64(33))
        h = h * np.uint64(0xC4CEB9FE1A85EC53)
        h = h ^ (h >> np.uint64(33))
    return h


_VOCAB: dict[str, int] = {}


def shingle_hashes(words: Sequence[str]) -> np.ndarray:
    """64-bit hashes of every 5-word shingle (uint64; one per start position).

    >>> len(shingle_hashes("a b c d e f".split()))
    2
    """
    if not words:
        return np.zeros(0, dtype=np.uint64)
    vocab = _VOCAB
    if len(vocab) > 2_000_000:
        vocab.clear()
    ids = np.fromiter(
        (vocab.get(w) or vocab.setdefault(w, zlib.crc32(w.encode()) | 1) for w in words),
        dtype=np.uint64,
        count=len(words),
    )
    n = max(1, len(ids) - SHINGLE + 1)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(min(SHINGLE, len(ids))):
            h = h * np.uint64(1_000_003) + ids[j : j + n]
    return _fmix64(h)


def anchors_of(hashes: np.ndarray) -> np.ndarray:
    """The content-sampled shingles: hashes that are 0 modulo ANCHOR_MOD, as sorted
    unique int64 (what the database index stores)."""
    picked = hashes[(hashes >> np.uint64(7)) % np.uint64(ANCHOR_MOD) == 0]
    return np.unique(picked.view(np.int64))


def minhash_of(hashes: np.ndarray) -> np.ndarray:
    """The datasketch MinHash values (uint32) of a set of shingle hashes."""
    m = _TEMPLATE.copy()
    if len(hashes):
        m.update_batch(np.unique(hashes & np.uint64(0xFFFFFFFF)).tolist())
    return np.asarray(m.hashvalues, dtype=np.uint32)


def band_keys(minhash: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (the band's index is mixed in, so equal
    values in different bands do not collide)."""
    keys = []
    for b in range(BANDS):
        band = minhash[b * ROWS : (b + 1) * ROWS].astype("<u4").tobytes()
        digest = zlib.crc32(band, b * 7919 + 1) | (zlib.adler32(band, b + 1) << 32)
        keys.append(digest - (1 << 64) if digest >= (1 << 63) else digest)
    return keys


def signature_of_text(chapters: Sequence[str]) -> Signature:
    """The signature of a text given as its chapters' texts."""
    per_chapter = [words_of(t) for t in chapters]
    words = [w for ws in per_chapter for w in ws]
    hashes = shingle_hashes(words)
    return Signature(
        minhash=minhash_of(hashes),
        anchors=anchors_of(hashes),
        shingles=len(np.unique(hashes)) if len(words) >= SHINGLE else 0,
        words=len(words),
        chapters=len(chapters),
        chapter_anchors=[anchors_of(shingle_hashes(ws)).tolist() for ws in per_chapter],
    )


def shingle_set(chapters: Sequence[str]) -> np.ndarray:
    """Every distinct shingle hash of a text (sorted uint64): what verification compares."""
    words = [w for t in chapters for w in words_of(t)]
    return np.unique(shingle_hashes(words)) if len(words) >= SHINGLE else np.zeros(0, np.uint64)


@dataclass(frozen=True)
class Comparison:
    """How two texts relate: ``jaccard`` (shared / all), ``containment`` (shared /
    the smaller), and the two sizes."""

    jaccard: float
    containment: float
    smaller: int
    larger: int


def compare(a: np.ndarray, b: np.ndarray) -> Comparison:
    """Exact comparison of two shingle sets (from :func:`shingle_set`).

    >>> s = shingle_set(["one two three four five six seven eight"])
    >>> compare(s, s[:2]).containment
    1.0
    """
    if len(a) == 0 or len(b) == 0:
        return Comparison(0.0, 0.0, min(len(a), len(b)), max(len(a), len(b)))
    inter = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - inter
    small = min(len(a), len(b))
    return Comparison(inter / union, inter / small, small, max(len(a), len(b)))
