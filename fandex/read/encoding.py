"""Decode text whose encoding nobody wrote down, and check the guess.

Order: a byte-order mark wins; then BOM-less UTF-16 (NULs on alternate bytes); then
strict UTF-8 (which also covers ASCII). Anything else is a legacy single-byte file:
charset-normalizer gives its opinion, and a plausibility score compares it with the
Western encodings fan archives actually used (cp1252, mac-roman, latin-1), because on
short English texts charset-normalizer often names a cousin (cp1250, mac-greek) that
turns smart quotes into letters.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from collections.abc import Iterator

import charset_normalizer

from fandex.read.sniff import utf16_order

# Tried in this order; ties go to the earlier one (cp1252 is by far the most common).
WESTERN = ("cp1252", "mac_roman", "latin_1")

_SAMPLE_CHARS = 100_000
_CN_WINDOW = 32_768
# Enough evidence to tell the candidates apart; scoring more only costs time.
_MAX_CHARS = 3_000
_TYPICAL_PUNCT = frozenset("’‘“”…–—")
_UNLIKELY = frozenset("¤¦¨¬¯±´¸¹²³¼½¾×÷ƒˆ˜‰Š‹ŽšžŸ√∫◊≈∆Ωπ∂∑∏ﬁﬂ‡‚„˘˙˚˝˛ˇ¥µ∞≤≥")
_NONASCII = re.compile(r"[^\x00-\x7f]")
_NONASCII_LETTER = re.compile(r"[^\x00-\x7f\W\d_]")
_LETTERS_BEFORE = re.compile(r"[^\W\d_]*$")
_LETTERS = re.compile(r"[^\W\d_]*")


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)``.

    >>> decode("“Hi”".encode("cp1252"))
    ('“Hi”', 'cp1252')
    """
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    utf16 = _bomless_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        # A file that is UTF-8 except for a few damaged bytes near the end (a truncated
        # download) is still UTF-8; a legacy file fails early and often.
        if exc.start > 0.9 * len(data) and _valid_utf8_ratio(data) > 0.999:
            return data.decode("utf-8", errors="replace"), "utf-8"
    return _legacy(data)


def _bomless_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if b"\x00" not in sample:
        return None
    return utf16_order(sample)


def _valid_utf8_ratio(data: bytes) -> float:
    text = data.decode("utf-8", errors="replace")
    return 1.0 - text.count("\ufffd") / max(len(text), 1)


def _legacy(data: bytes) -> tuple[str, str]:
    candidates: list[str] = list(WESTERN)
    # charset-normalizer's opinion on a window that starts where the non-ASCII text does
    # (its cost grows with the input; a window is as telling as the whole file).
    first = next((i for i, b in enumerate(data[:_SAMPLE_CHARS]) if b >= 0x80), 0)
    window = data[max(0, first - 1024) : first + _CN_WINDOW]
    best = charset_normalizer.from_bytes(window).best()
    if best is not None:
        name = codecs.lookup(best.encoding).name.replace("-", "_")
        if name not in candidates and name not in ("utf_8", "ascii"):
            candidates.append(name)
    scored: list[tuple[float, int, str, str]] = []
    for order, name in enumerate(candidates):
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((plausibility(text[:_SAMPLE_CHARS]), -order, name, text))
    if not scored:
        return data.decode("cp1252", errors="replace"), "cp1252"
    _score, _order, name, text = max(scored)
    if name == "cp1252" and not any(0x80 <= b <= 0x9F for b in data):
        name = "latin_1"  # the same characters; name it for what it is
    return text, name.replace("_", "-")


def plausibility(text: str) -> float:
    """How much ``text`` looks like prose rather than mis-decoded bytes (higher is better).

    Rewards smart punctuation and accented letters inside otherwise ASCII words;
    penalises C1 controls, replacement characters, rare symbols, words mixing Latin
    with another script, words made only of accented letters, and capitals glued to
    the end of a lowercase run ("donÕt" is mac-roman read as cp1252).
    """
    score = 0.0
    for m in itertools.islice(_NONASCII.finditer(text), _MAX_CHARS):
        ch = m.group()
        o = ord(ch)
        if 0x80 <= o <= 0x9F or ch == "\ufffd":
            score -= 5
        elif ch in _TYPICAL_PUNCT:
            score += 2
        elif ch in _UNLIKELY:
            score -= 1
    for word in itertools.islice(_nonascii_words(text), _MAX_CHARS):
        has_ascii = any(c.isascii() for c in word)
        scripts = {_script(c) for c in word if not c.isascii()}
        if has_ascii and scripts - {"LATIN"}:
            score -= 3
        elif not has_ascii and scripts == {"LATIN"} and len(word) > 2:
            score -= 1
        else:
            score += 1
        for prev, cur in itertools.pairwise(word):
            if not cur.isascii() and cur.isupper() and prev.islower():
                score -= 2
    return score


def _nonascii_words(text: str) -> Iterator[str]:
    """Words holding a non-ASCII letter, found from those letters outwards (a regex that
    looked for such words directly backtracks through every ASCII word)."""
    end = -1
    for m in _NONASCII_LETTER.finditer(text):
        i = m.start()
        if i < end:
            continue  # inside the word just scored
        left = _LETTERS_BEFORE.search(text, max(0, i - 40), i)
        right = _LETTERS.match(text, i + 1)
        start = left.start() if left else i
        end = right.end() if right else i + 1
        yield text[start:end]


def _script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return "UNKNOWN"
