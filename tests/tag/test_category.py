"""The category tagger: genders of relationship members, Gen, Multi, no guess on unknowns."""

from __future__ import annotations

from fandex.model import Chapter, Evidence, Tag, Work
from fandex.tag.category import category_tagger


def work_with(*rels: tuple[str, str, float], characters: tuple[str, ...] = ()) -> Work:
    w = Work(chapters=[Chapter(1, text="Some text.")])
    for name, source, conf in rels:
        ev = [Evidence(chapter=1, start=0, end=4, quote="Some")]
        w.add_tag(Tag("relationship", name, source, conf, ev, "relationships"))
    for c in characters:
        w.add_tag(Tag("character", c, "inferred", 0.8, [Evidence(1, 0, 4, "Some")], "x"))
    category_tagger(w)
    return w


def cats(w: Work) -> set[str]:
    return {t.name for t in w.tags_of("category")}


def test_female_male_pair_is_f_m() -> None:
    w = work_with(("Buffy Summers/Spike", "inferred", 0.8))
    assert cats(w) == {"F/M"}
    (tag,) = w.tags_of("category")
    assert tag.source == "inferred" and tag.tagger == "category" and tag.evidence


def test_two_kinds_add_multi() -> None:
    w = work_with(
        ("Tara Maclay/Willow Rosenberg", "stated", 1.0),
        ("Spike/Xander Harris", "inferred", 0.7),
    )
    assert cats(w) == {"F/F", "M/M", "Multi"}


def test_unknown_gender_gives_no_category() -> None:
    assert cats(work_with(("Mara Quell/Spike", "inferred", 0.9))) == set()


def test_low_confidence_or_past_relationship_does_not_count() -> None:
    w = work_with(("Buffy Summers/Spike", "inferred", 0.3))
    assert cats(w) == set()
    w = Work(chapters=[Chapter(1, text="x")])
    w.add_tag(
        Tag("relationship", "Angel/Buffy Summers", "inferred", 0.9, [], "r", {"status": "past"})
    )
    category_tagger(w)
    assert cats(w) == set()


def test_characters_without_relationships_are_gen() -> None:
    w = work_with(characters=("Sam Winchester", "Dean Winchester"))
    assert cats(w) == {"Gen"}


def test_only_friendships_or_kin_are_gen_but_a_weak_romance_is_not() -> None:
    # AO3's Gen means no romantic or sexual relationship, so "A & B" alone is Gen...
    chars = ("Sam Winchester", "Dean Winchester")
    w = work_with(("Dean Winchester & Sam Winchester", "stated", 1.0), characters=chars)
    assert cats(w) == {"Gen"}
    # ...while a "/" guess under the bar gives no category and no Gen either.
    w = work_with(("Buffy Summers/Spike", "inferred", 0.3), characters=("Buffy Summers",))
    assert cats(w) == set()


def test_nothing_known_gives_no_category() -> None:
    assert cats(work_with()) == set()


def test_gender_guessed_for_unknown_fandom_characters_is_used() -> None:
    w = Work(chapters=[Chapter(1, text="x")])
    for name, g in (("Mara Quell", "F"), ("Tobin Ashe", "M")):
        w.add_tag(Tag("character", name, "inferred", 0.5, [], "c", {"gender": g}))
    w.add_tag(Tag("relationship", "Mara Quell/Tobin Ashe", "inferred", 0.7, [], "r"))
    category_tagger(w)
    assert cats(w) == {"F/M"}


def test_stated_category_is_left_alone() -> None:
    w = Work(chapters=[Chapter(1, text="x")])
    w.add_tag(Tag("category", "Gen", evidence=[Evidence(field="Category")]))
    w.add_tag(Tag("relationship", "Buffy Summers/Spike", "stated"))
    category_tagger(w)
    assert cats(w) == {"Gen"}
