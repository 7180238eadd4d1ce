"""Text signatures: what grouping compares instead of whole texts.

A work's story text (its chapters; not its header, notes or summary, which differ
between copies and which unrelated stories can share) is normalised to lower-case
words and cut into overlapping 5-word shingles. From the shingles:

- a **MinHash** (64 permutations; the values datasketch's ``MinHash`` gives, computed
  here in numpy, since importing datasketch costs a process half a second of start-up)
  estimates the Jaccard similarity of two texts; its 16 bands of 4 values are **LSH
  keys**: two copies of one text (another format, light edits) share a band with
  probability near 1 above a Jaccard of ~0.5;
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

from fandex.model import pieces

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
ANCHOR_MOD = 24
SEED = 17
KIND_BAND = 0
KIND_ANCHOR = 1

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_MASK32 = np.uint64(0xFFFFFFFF)
_MAX32 = np.uint32(0xFFFFFFFF)


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    # datasketch's MinHash(num_perm=NUM_PERM, seed=SEED) (its default "affine32" scheme):
    # an odd ``a`` and any ``b`` per permutation, drawn from the seed in this order. The
    # values are stored in libraries, so they must never change (a test pins them to
    # datasketch's).
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


_PERM_A, _PERM_B = _permutations()
# The largest shingle set a signature keeps (about a million shingles: a long novel).
SET_KEPT_BYTES = 8 << 20
# Shingles per block of the MinHash product (a block is NUM_PERM x this many uint32).
_MINHASH_BLOCK = 8192


@dataclass
class Signature:
    """A work's text signature. ``minhash``: NUM_PERM uint32 values; ``anchors``:
    the sampled shingle hashes (int64, sorted, unique); ``chapter_anchors``: each
    chapter's anchors, to tell which chapters one copy has and another lacks.
    ``shingle_set``: the text's :func:`shingle_set`, when the signature was just made
    from the text (not stored: grouping right after an import compares with it instead
    of reading and cutting the text again)."""

    minhash: np.ndarray
    anchors: np.ndarray
    shingles: int
    words: int
    chapters: int
    chapter_anchors: list[list[int]] = field(default_factory=list)
    shingle_set: np.ndarray | None = field(default=None, repr=False, compare=False)

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
    folded = text.casefold()
    if not folded.isascii():
        for mark in _SEPARATORS:
            folded = folded.replace(mark, " ")
    # In C where the text allows: every ASCII character that is neither a word character
    # nor "'" becomes a space, the curly apostrophe a one-byte stand-in; what is left is
    # then ASCII (else the regex reads the text), and an apostrophe not between two
    # letters or digits a space, so the words are what lies between spaces: the regex's
    # words (a test checks the two agree on any text).
    data = folded.encode("utf-8", "surrogatepass").translate(_WORD_BYTES)
    if not data.isascii():
        data = data.replace(_CURLY, b"\x01")
        if not data.isascii():
            return _WORD.findall(folded)
    if b"'" in data or b"\x01" in data:
        data = _LOOSE_APOSTROPHE.sub(b" ", data)
        return data.decode("ascii").replace("\x01", "’").split()
    return data.decode("ascii").split()


def words_of_plain(text: str) -> list[str]:
    """:func:`words_of` by the regex alone: the definition it is tested against."""
    return _WORD.findall(text.casefold())


# Characters that are neither word characters nor apostrophes, common in prose: spaces
# to the regex, so replacing them leaves many texts ASCII but for the curly apostrophe.
_SEPARATORS = ("“", "”", "‘", "—", "–", "…", "\u00a0")
_CURLY = "’".encode()
_WORD_BYTES = bytes(c if c >= 128 or c == 39 or chr(c).isalnum() else 32 for c in range(256))
# An apostrophe (either) without a letter or digit after it, or before it.
_LOOSE_APOSTROPHE = re.compile(rb"[\x01'](?:(?![a-z0-9])|(?<![a-z0-9].))")


def _fmix64(h: np.ndarray) -> np.ndarray:
    # MurmurHash3's finaliser: spreads the combined word hashes over all 64 bits.
    # In place (``h`` is the caller's own new array): one text-sized array, not five.
    with np.errstate(over="ignore"):
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xFF51AFD7ED558CCD)
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xC4CEB9FE1A85EC53)
        h ^= h >> np.uint64(33)
    return h


def _fmix32(h: np.ndarray) -> np.ndarray:
    # datasketch's pre-mix of its affine32 scheme (MurmurHash3's 32-bit finaliser).
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    out: np.ndarray = h ^ (h >> np.uint32(16))
    return out


_VOCAB: dict[str, int] = {}
_NO_HASHES = np.zeros(0, dtype=np.uint64)
_TEXT_PIECE = 1 << 20


def word_ids(words: Sequence[str]) -> np.ndarray:
    """Each word's hash (its UTF-8 CRC-32 with the low bit set), as uint64.

    >>> int(word_ids(["a"])[0]) == zlib.crc32(b"a") | 1
    True
    """
    vocab = _VOCAB
    if len(vocab) > 2_000_000:
        vocab.clear()
    try:  # straight into the array, with no list of Python ints between
        return np.fromiter(map(vocab.__getitem__, words), np.uint64, len(words))
    except KeyError:
        # New words: hash each once (a set, not a Python loop over the text), then look
        # every word up again; both passes run in C.
        for w in set(words).difference(vocab):
            vocab[w] = zlib.crc32(w.encode()) | 1
        return np.fromiter(map(vocab.__getitem__, words), np.uint64, len(words))


def text_ids(text: str) -> np.ndarray:
    """:func:`word_ids` of :func:`words_of` ``text``, a piece of about a megabyte of
    text at a time, so a long text never becomes a list of millions of words (cut at
    whitespace, which no word holds: the same words as the whole text gives)."""
    if len(text) <= _TEXT_PIECE:
        return word_ids(words_of(text))
    return np.concatenate([word_ids(words_of(p)) for p in pieces(text, _TEXT_PIECE)])


def _shingles(ids: np.ndarray) -> np.ndarray:
    # Shingle hashes from word hashes: one per start position; a text shorter than a
    # shingle has one, of all its words.
    if not len(ids):
        return _NO_HASHES
    n = max(1, len(ids) - SHINGLE + 1)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(min(SHINGLE, len(ids))):
            h *= np.uint64(1_000_003)
            h += ids[j : j + n]
    return _fmix64(h)


def shingle_hashes(words: Sequence[str]) -> np.ndarray:
    """64-bit hashes of every 5-word shingle (uint64; one per start position).

    >>> len(shingle_hashes("a b c d e f".split()))
    2
    """
    return _shingles(word_ids(words))


def unique(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` for a 1-D integer array, by sorting: numpy's own goes
    through a hash table, some 100 times slower on the millions of shingles of a long
    text (25 s against 0.2 s for nine million, numpy 2.4).

    >>> unique(np.array([3, 1, 3, 2], dtype=np.uint64)).tolist()
    [1, 2, 3]
    """
    if len(values) < 2:
        return values.copy()
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def anchors_of(hashes: np.ndarray) -> np.ndarray:
    """The content-sampled shingles: hashes that are 0 modulo ANCHOR_MOD, as sorted
    unique int64 (what the database index stores)."""
    step = 1 << 20  # a million at a time: no text-sized temporaries
    picked = [
        part[(part >> np.uint64(7)) % np.uint64(ANCHOR_MOD) == 0]
        for part in (hashes[i : i + step] for i in range(0, len(hashes), step))
    ]
    return unique(np.concatenate(picked).view(np.int64) if picked else _NO_HASHES.view(np.int64))


def minhash_of(hashes: np.ndarray) -> np.ndarray:
    """The MinHash values (uint32) of a set of shingle hashes: datasketch's ``MinHash``
    (affine32 scheme) updated with each hash's low 32 bits, computed in blocks in numpy."""
    out = np.full(NUM_PERM, _MAX32, dtype=np.uint32)
    if len(hashes):
        mixed = _fmix32((hashes & _MASK32).astype(np.uint32))
        # A permutation per row, so each minimum runs along contiguous memory (some
        # three times quicker than along columns), the sum added in place.
        a, b = _PERM_A[:, None], _PERM_B[:, None]
        for i in range(0, len(mixed), _MINHASH_BLOCK):
            block = mixed[None, i : i + _MINHASH_BLOCK] * a
            block += b
            np.minimum(out, block.min(axis=1), out=out)
    return out


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
    per_chapter = [text_ids(t) for t in chapters]
    sizes = [len(c) for c in per_chapter]
    short = {i: c for i, c in enumerate(per_chapter) if len(c) < SHINGLE}
    ids = np.concatenate(per_chapter) if per_chapter else _NO_HASHES
    del per_chapter  # a long text's word ids held once, not twice
    hashes = _shingles(ids)
    del ids
    distinct = unique(hashes) if sum(sizes) >= SHINGLE else _NO_HASHES
    return Signature(
        minhash=minhash_of(hashes),
        anchors=anchors_of(hashes),
        shingles=len(distinct),
        words=sum(sizes),
        chapters=len(chapters),
        chapter_anchors=[anchors_of(h).tolist() for h in _chapter_shingles(sizes, short, hashes)],
        # Kept for the grouping pass only when small: a long text's set would travel
        # back from the import worker and sit in memory for one comparison.
        shingle_set=distinct if distinct.nbytes <= SET_KEPT_BYTES else None,
    )


def _chapter_shingles(
    sizes: list[int], short: dict[int, np.ndarray], hashes: np.ndarray
) -> list[np.ndarray]:
    """Each chapter's shingle hashes on its own (``sizes``: its word count): the text's
    shingles that lie inside the chapter (the same values), computed apart only for a
    chapter shorter than a shingle (``short``: its word ids)."""
    out = []
    start = 0
    for i, size in enumerate(sizes):
        if size >= SHINGLE:
            out.append(hashes[start : start + size - SHINGLE + 1])
        else:
            out.append(_shingles(short[i]))
        start += size
    return out


def shingle_set(chapters: Sequence[str]) -> np.ndarray:
    """Every distinct shingle hash of a text (sorted uint64): what verification compares."""
    ids = np.concatenate([text_ids(t) for t in chapters]) if chapters else _NO_HASHES
    return unique(_shingles(ids)) if len(ids) >= SHINGLE else _NO_HASHES


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
