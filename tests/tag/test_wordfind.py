"""Whole-word search with str.find: the edges decide, not the first substring hit."""

import pytest

from fandex.tag.wordfind import WIDE_SPACES, first_whole, split_count


def test_a_form_inside_a_longer_word_is_skipped_for_the_whole_word_after_it() -> None:
    text = "The balance tipped; Alan laughed. alan again"
    assert first_whole(text, "alan") == text.index("alan again")


def test_joiners_count_as_part_of_a_word() -> None:
    assert first_whole("coal-scuttle", "coal") == 0
    assert first_whole("coal-scuttle", "coal", joiners="-") == -1
    assert first_whole("Alan's hat", "Alan", joiners="'’") == -1
    assert first_whole("Alan's hat, Alan", "Alan", joiners="'’") == len("Alan's hat, ")


def test_nowhere_empty_and_start() -> None:
    assert first_whole("telegraph", "telegram") == -1
    assert first_whole("anything", "") == -1
    assert first_whole("car, car", "car", start=1) == 5


def test_split_count_is_the_length_of_a_split_whatever_the_whitespace() -> None:
    texts = [
        "",
        "   ",
        "one",
        " two  words ",
        "tabs\tand\nlines\r\nand\x0bvertical\x0cfeeds",
        "separators\x1cfile\x1dgroup\x1erecord\x1funit",  # whitespace to str.split
        "curly “quotes” and café, no wide space",
        "a no-break\xa0space and an em\u2003space",
        "ideographic\u3000space, next\x85line",
    ]
    for text in texts:
        assert split_count(text) == len(text.split()), repr(text)


def test_split_count_read_in_pieces_counts_the_words_cut_between_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fandex.tag import wordfind

    monkeypatch.setattr(wordfind, "_PIECE", 3)  # a word, a space, a run cut anywhere
    for text in ["one two  three four", " ab cd", "abc def", "ab  c", "café ok", "a"]:
        assert split_count(text) == len(text.split()), repr(text)


def test_the_wide_spaces_are_every_whitespace_beyond_ascii() -> None:
    every = {chr(c) for c in range(0x80, 0x110000) if chr(c).isspace()}
    assert set(WIDE_SPACES) == every
