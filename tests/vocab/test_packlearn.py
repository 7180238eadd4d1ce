"""Learning packs from works with stated tags: new fandoms, new aliases, genders."""

from __future__ import annotations

from fandex.model import Chapter, Evidence, Tag, Work
from fandex.vocab.packlearn import learn_packs, pack_filename
from fandex.vocab.packs import BUILTIN_DIR, check_pack_data, load_packs

PACKS = load_packs(BUILTIN_DIR, [])


def stated_work(text: str, fandom: str, chars: list[str], rel: str = "", cat: str = "") -> Work:
    w = Work(chapters=[Chapter(1, text=text)])
    ev = [Evidence(field="tags")]
    w.add_tag(Tag("fandom", fandom, evidence=ev))
    for c in chars:
        w.add_tag(Tag("character", c, evidence=ev))
    if rel:
        w.add_tag(Tag("relationship", rel, evidence=ev))
    if cat:
        w.add_tag(Tag("category", cat, evidence=ev))
    return w


HARBOUR = "Mara looked at Tobin. Mara laughed. Tobin smiled at Mara. Tobin left. Ilsa came. "


def test_unknown_fandom_becomes_a_new_pack_with_aliases_from_the_text() -> None:
    works = [
        stated_work(HARBOUR, "Harbour Tales", ["Mara Quell", "Tobin Ashe", "Ilsa Quell"]),
        stated_work(HARBOUR, "Harbour Tales", ["Mara Quell", "Tobin Ashe"]),
    ]
    (pack,) = learn_packs(works, PACKS)
    assert pack.fandom == "Harbour Tales" and pack.origin == "user"
    mara = pack.character("Mara Quell")
    assert mara is not None and mara.aliases == ("Mara",)
    ilsa = pack.character("Ilsa Quell")
    assert ilsa is not None and ilsa.aliases == ()  # "Ilsa" seen only twice
    assert "Quell" not in {a for c in pack.characters for a in c.aliases}  # shared surname
    assert check_pack_data(pack.to_toml_dict()) == []
    assert pack_filename(pack) == "learned-harbour-tales.toml"


def test_known_fandom_gets_only_what_its_pack_lacks() -> None:
    text = "Zeppo ran. Xander sighed. Zeppo laughed. Amy Madison waved. Zeppo left. " * 2
    w = stated_work(text, "BtVS", ["Xander Harris", "Zeppo", "Amy Madison"])
    (pack,) = learn_packs([w], PACKS)
    assert pack.fandom == "Buffy the Vampire Slayer (TV)"
    names = {c.name for c in pack.characters}
    assert names == {"Zeppo"}  # Xander and Amy are already known, with these aliases


def test_category_settles_genders_of_new_characters() -> None:
    text = "Mara kissed Ilsa. Ilsa smiled at Mara. Mara laughed. Ilsa sang. Mara and Ilsa. "
    w = stated_work(text, "Harbour Tales", ["Mara Quell", "Ilsa Vey"], "Ilsa Vey/Mara Quell", "F/F")
    (pack,) = learn_packs([w], PACKS)
    assert {c.name: c.gender for c in pack.characters} == {"Mara Quell": "F", "Ilsa Vey": "F"}


def test_alias_also_used_in_lower_case_is_flagged_ambiguous() -> None:
    text = "Hope ran. Hope laughed. Hope sang. They had no hope left. Hope won. "
    w = stated_work(text, "Harbour Tales", ["Hope Vey"])
    (pack,) = learn_packs([w], PACKS)
    hope = pack.character("Hope Vey")
    assert hope is not None and hope.ambiguous == frozenset({"Hope"})


def test_crossovers_and_works_without_stated_characters_teach_nothing() -> None:
    w = stated_work(HARBOUR, "Harbour Tales", ["Mara Quell"])
    w.add_tag(Tag("fandom", "Other Tales", evidence=[Evidence(field="tags")]))
    bare = Work(chapters=[Chapter(1, text=HARBOUR)])
    assert learn_packs([w, bare], PACKS) == []
