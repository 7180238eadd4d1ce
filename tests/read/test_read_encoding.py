"""Encoding detection: BOMs, UTF-16 without a BOM, and the legacy Western encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from fandex.read.encoding import decode, plausibility

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = "“Don’t go,” she said… – it’s café time. Naïve façade."


@pytest.mark.parametrize(
    ("raw", "expected_encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("cp1252"), "cp1252"),
        (SAMPLE.encode("mac_roman"), "mac-roman"),
    ],
)
def test_decode_recovers_the_text_and_names_the_encoding(
    raw: bytes, expected_encoding: str
) -> None:
    text, encoding = decode(raw)
    assert text == SAMPLE
    assert encoding == expected_encoding


def test_latin1_text_without_cp1252_punctuation_is_named_latin1() -> None:
    text, encoding = decode("Café au lait, s'il vous plaît. Déjà vu.".encode("latin-1"))
    assert text == "Café au lait, s'il vous plaît. Déjà vu."
    assert encoding == "latin-1"


def test_cp1252_fixture_keeps_its_smart_quotes() -> None:
    text, encoding = decode((FIXTURES / "cp1252_smart_quotes.txt").read_bytes())
    assert encoding == "cp1252"
    assert "“It’s only a little rain,” she said – and opened the door…" in text


def test_mac_roman_fixture_is_not_read_as_cp1252() -> None:
    text, encoding = decode((FIXTURES / "macroman_smart_quotes.txt").read_bytes())
    assert encoding == "mac-roman"
    assert "It’s only" in text and "ItÕs" not in text


def test_cyrillic_cp1251_is_left_to_charset_normalizer() -> None:
    sample = "Привет, как дела? Это небольшой рассказ о море и маяке, написанный для проверки."
    text, encoding = decode(sample.encode("cp1251"))
    assert text == sample
    assert encoding == "cp1251"


def test_utf8_with_a_damaged_tail_stays_utf8() -> None:
    raw = ("Ça va très bien. " * 200).encode("utf-8") + b"\xe2\x80"
    text, encoding = decode(raw)
    assert encoding == "utf-8"
    assert text.startswith("Ça va très bien.")


def test_plausibility_prefers_the_right_reading() -> None:
    right = "“Don’t,” she said."
    wrong = right.encode("cp1252").decode("mac_roman")
    assert plausibility(right) > plausibility(wrong)


@pytest.mark.parametrize(
    "text",
    [
        "Le garçon était très fâché. Même sa sœur l'a vu, et son cœur battait.",
        "Noël à Zoë: « où êtes-vous? » dit-elle. Il était déjà trop tard pour la fête.",
        "Œuvre complète, chapitre deux: la sœur aînée répondit à peine.",
    ],
)
def test_short_french_in_windows_1252_is_not_read_as_central_european(text: str) -> None:
    decoded, encoding = decode(text.encode("cp1252"))
    assert decoded == text
    assert encoding in ("cp1252", "latin-1")


def test_polish_in_windows_1250_still_reads_as_polish() -> None:
    text = "Wiedział, że to już koniec. Łódź była daleko, a śnieg padał cały dzień."
    decoded, encoding = decode(text.encode("cp1250"))
    assert (decoded, encoding) == (text, "cp1250")


def test_a_shift_jis_text_with_a_japanese_header_reads() -> None:
    from fandex.clean import clean
    from fandex.parse import build_work
    from fandex.read import read_bytes

    story = "彼は本を閉じて、机の上に置いた。川まで歩いて船を眺めていた。"
    text = f"タイトル：静かな時間\n作者：菩提樹\n\n{story}\n"
    w = build_work(clean(read_bytes(text.encode("shift_jis"), "story.txt")))
    assert (w.title, w.authors) == ("静かな時間", ["菩提樹"])
    assert w.chapters[0].text.startswith("彼は本を閉じて")
