"""A character name found by proper-name extraction is a name seen as a name: a possessive
or a contraction ends it ("Teo's Sparrow" is two people; "Marco'd" is Marco)."""

from __future__ import annotations

from fandex.model import Chapter, Work
from fandex.tag.unknown_cast import extract_characters

# Invented: a vet called Teo, whose partner the farmers call "Teo's Sparrow".
LAMBING = (
    "The phone rang at two, and Teo reached for it. Teo said he would come at once. "
    "Sparrow rolled over and watched him dress. Half the valley called him Sparrow; the "
    "other half called him Teo's Sparrow, as if he belonged to the practice. Teo laughed "
    "at that. Sparrow made soup while Teo drove out to the farm. Later Teo's Sparrow "
    "walked down with the flask, and Sparrow waited in the lambing shed until Teo was done. "
    "Teo smiled at him. Sparrow said the soup was cold. Teo drank it anyway."
)

# Invented: Marco is named five times, three of them with a contraction ("Marco'd",
# "Marco'll"): without them he is named twice, too few for a name of a fandom with no pack.
HAULERS = (
    "The ice hauler shuddered, and Amos looked up from the engine. Marco'd said the "
    "seals would hold. Amos laughed. Naomi said nothing, and Marco waved from the hatch. "
    "Amos waved back. Marco'll fix it, Naomi said, and Marco nodded. Amos shrugged and "
    "went back to work. Naomi smiled at Amos. Marco'd already gone to the airlock."
)


def names(text: str) -> set[str]:
    work = Work(chapters=[Chapter(1, text=text)])
    return {t.name for t in extract_characters(work, tagger_name="characters")}


def test_a_possessive_inside_a_run_of_names_ends_the_name() -> None:
    found = names(LAMBING)
    assert "Teo's Sparrow" not in found
    assert {"Teo", "Sparrow"} <= found


def test_a_contraction_is_not_part_of_the_name() -> None:
    found = names(HAULERS)
    assert not any("'" in n for n in found)
    assert "Marco" in found


def test_a_full_name_without_a_possessive_stays_one_name() -> None:
    # The negative: the cut is at the possessive, not at every space.
    text = LAMBING.replace("Teo's Sparrow", "Sparrow Hale").replace("Teo", "Teo Marin", 1)
    found = names(text)
    assert "Sparrow Hale" in found
    assert "Teo Marin" in found
