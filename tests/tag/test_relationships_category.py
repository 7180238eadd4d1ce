"""The couple of a story of two whose author files it under one romantic category
("M/M", "F/F", "F/M"): its two leads, however quietly the text shows them; never two
relatives, never under "Gen" or beside a stated relationship."""

from __future__ import annotations

from relationship_fixtures import rels

from fandex.model import Chapter, Tag, Work
from fandex.tag.relationship_category import CATEGORY_CONFIDENCE
from fandex.tag.relationships import relationship_tagger

QUIET = (
    "Orrin Vale and Tamsin Roe ran the night ferry between the two islands. Orrin took "
    "the wheel and Tamsin took the fares, and at the far landing they drank tea from the "
    "same flask. Tamsin talked about the weather. Orrin talked about the engine. They "
    "tied up at dawn and walked home along the harbour wall."
)


def _work(text: str, *categories: str, stated: str | None = None) -> Work:
    w = Work(chapters=[Chapter(1, text=text)])
    for name in ("Orrin Vale", "Tamsin Roe"):
        w.add_tag(Tag("character", name))
    for c in categories:
        w.add_tag(Tag("category", c, "stated", 1.0))
    if stated:
        w.add_tag(Tag("relationship", stated, "stated", 1.0))
    relationship_tagger(w)
    return w


def test_a_romantic_category_makes_the_two_leads_the_couple() -> None:
    got = rels(_work(QUIET, "M/M"))
    assert "Orrin Vale/Tamsin Roe" in got
    assert got["Orrin Vale/Tamsin Roe"].confidence == CATEGORY_CONFIDENCE
    assert got["Orrin Vale/Tamsin Roe"].evidence


def test_gen_or_no_category_makes_no_couple() -> None:
    for cats in ((), ("Gen",), ("M/M", "Gen")):
        assert not any("/" in n for n in rels(_work(QUIET, *cats)))


def test_never_beside_a_stated_relationship() -> None:
    got = rels(_work(QUIET, "F/M", stated="Orrin Vale & Tamsin Roe"))
    assert not any("/" in n for n, t in got.items() if t.source == "inferred")


def test_never_two_relatives() -> None:
    text = QUIET.replace("Tamsin talked", "His sister Tamsin talked")
    assert not any("/" in n for n in rels(_work(text, "F/M")))


def test_never_two_the_text_calls_friends() -> None:
    text = QUIET + " Orrin and Tamsin had been best friends since they were eleven."
    assert not any("/" in n for n in rels(_work(text, "F/M")))


# A story of three leads: the one affection between two of them is the category's couple.
THREE = (
    "Orrin Vale, Tamsin Roe and Ilse Brand ran the night ferry between the two islands. "
    "Ilse took the fares. Orrin took the wheel. Tamsin read the charts. Ilse counted the "
    "crates. Orrin Vale and Tamsin Roe held hands on the landing. Ilse logged the tide. "
    "Tamsin slept. Orrin checked the engine. Ilse walked home along the harbour wall."
)


def _three(*categories: str, shares: tuple[float, float, float] = (1.0, 0.9, 0.8)) -> Work:
    w = Work(chapters=[Chapter(1, text=THREE)])
    for name, share in zip(("Orrin Vale", "Tamsin Roe", "Ilse Brand"), shares, strict=True):
        w.add_tag(Tag("character", name, "inferred", attrs={"share": share}))
    for c in categories:
        w.add_tag(Tag("category", c, "stated", 1.0))
    relationship_tagger(w)
    return w


def test_the_one_affection_among_three_leads_is_the_category_couple() -> None:
    got = rels(_three("M/M"))
    assert list(got) == ["Orrin Vale/Tamsin Roe"]
    assert got["Orrin Vale/Tamsin Roe"].confidence == CATEGORY_CONFIDENCE


def test_affection_among_three_is_no_couple_under_gen_nor_with_a_side_figure() -> None:
    assert not rels(_three("Gen"))
    assert not rels(_three())
    # The one held is named under half as often as the lead: a side figure's comfort.
    assert not rels(_three("M/M", shares=(1.0, 0.45, 0.9)))
