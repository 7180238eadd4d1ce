"""A fandom named only in the disclaimer: read from the packs' names and aliases."""

from __future__ import annotations

from fandex.model import Chapter, Work
from fandex.tag.fandom import fandom_tagger

SHORT = "She closed the book and set it down beside the lamp, then went to bed."


def _work(disclaimer: str | None, text: str = SHORT) -> Work:
    w = Work(chapters=[Chapter(1, text=text)])
    w.disclaimer = disclaimer
    return w


def _fandoms(w: Work) -> list[tuple[str, str]]:
    fandom_tagger(w)
    return [(t.name, t.evidence[0].field or "") for t in w.tags_of("fandom")]


def test_a_disclaimer_naming_the_canon_gives_the_fandom() -> None:
    w = _work("Harry Potter belongs to its author. I own nothing.")
    assert _fandoms(w) == [("Harry Potter - J. K. Rowling", "Disclaimer")]
    assert w.tags_of("fandom")[0].source == "inferred"


def test_a_disclaimer_may_name_two_canons() -> None:
    got = [name for name, _f in _fandoms(_work("I don't own Doctor Who or Merlin."))]
    assert got == ["Doctor Who", "Merlin (TV)"]


def test_a_disclaimer_naming_no_canon_gives_nothing() -> None:
    assert _fandoms(_work("I own nothing and make no money from this.")) == []
    assert _fandoms(_work(None)) == []


def test_short_capital_words_of_a_shouted_disclaimer_are_no_acronyms() -> None:
    # "GO" and "OP" are packs' aliases, but not in a disclaimer written in capitals.
    assert _fandoms(_work("I DO NOT OWN ANY OF IT. ALL RIGHTS GO TO THE OP.")) == []
    assert [n for n, _f in _fandoms(_work("I don't own GO."))] == ["Good Omens (TV)"]


def test_a_lower_case_word_is_no_fandom_name() -> None:
    # "twilight" in prose is a time of day, not the books.
    assert _fandoms(_work("Written at twilight; the people are not mine.")) == []


BUFFY = (
    "Buffy walked through Restfield with a stake. Spike followed her, smoking. "
    "Giles was in the library with Willow, reading about the Hellmouth, and Xander "
    "was eating doughnuts. Buffy sighed and said Spike was annoying. Later, Willow "
    "found the answer and Giles cleaned his glasses in Sunnydale."
)


def test_the_texts_own_evidence_is_kept_for_the_canon_it_shows() -> None:
    w = _work("Buffy belongs to Mutant Enemy.", BUFFY)
    fandom_tagger(w)
    (tag,) = w.tags_of("fandom")
    assert tag.name == "Buffy the Vampire Slayer (TV)"
    assert tag.evidence[0].field != "Disclaimer"


def test_a_canon_only_the_disclaimer_names_joins_the_texts() -> None:
    got = _fandoms(_work("Buffy and Doctor Who are not mine.", BUFFY))
    assert [n for n, _f in got] == ["Buffy the Vampire Slayer (TV)", "Doctor Who"]
    assert got[1][1] == "Disclaimer"
