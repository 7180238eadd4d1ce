"""Who a death befalls, and violence told at length (archive warnings, session 21)."""

from __future__ import annotations

import pytest

from fandex.model import Chapter, Work
from fandex.tag.victims import befalls_someone
from fandex.tag.warnings import DEATH, GRAPHIC, warnings_tagger


def warnings_of(text: str) -> set[str]:
    work = Work(title="t", chapters=[Chapter(1, text=text)])
    warnings_tagger(work)
    return {t.name for t in work.tags if t.type == "warning" and t.source == "inferred"}


def at(text: str, cue: str) -> bool:
    start = text.index(cue)
    return befalls_someone(text, start, start + len(cue))


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        ("The boy died in about a minute.", "died", False),
        ("His mother died on a Tuesday in April.", "died", False),
        ("Neil sat with his mother, who was dying, for six weeks.", "dying", False),
        ("Hagman killed them from the window.", "killed", False),
        ("The skald sang that Uhtred killed twenty men in the river.", "killed", False),
        ("Sol looked at the dead man on the bank.", "dead man", False),
        ("Wyn died a little after midnight.", "died", True),
        ("He died there on the hillside.", "died", True),
        ("Papa died this morning at ten past six.", "died", True),
        ("Benedek killed him with one blow.", "killed", True),
        ("Benedek killed her at the gate.", "killed", True),
        ("Benedek killed her.", "killed", True),
        ("Benedek killed her brother at the gate.", "killed", False),
        ("Benedek killed the Doctor.", "killed", True),
        ("Garrow, on his knees, killed another.", "killed", False),
        ("The coffee machine on the Rocinante died at six.", "died", False),
        ("Mara on the Rocinante died at six.", "died", True),
        ("Garrow killed two, and the rest ran.", "killed", False),
        ("The old captain was finally killed at the gate.", "killed", False),
        ("Mara was killed at the gate.", "was killed", True),
        ("Mara held his hand as his breathing stopped.", "his breathing stopped", True),
    ],
)
def test_who_the_death_befalls(text: str, cue: str, expected: bool) -> None:
    assert at(text, cue) is expected


BODY_FOUND = (
    "Inspector Mara Quill knelt on the towpath at seven. The dead man lay half in the reeds, "
    "his coat soaked through. The dead man was called Arthur Penrose, a clerk from the "
    "market. Mara wrote down the time and looked at the dead man's hands. Nothing about "
    "it said murder, and nothing said suicide; the doctor wanted his lunch."
)
DEATH_ON_PAGE = (
    "Mara Quill held Tom's hand on the hillside while the rain came in. Tom Ashby was shot "
    "twice in the chest, and he bled out on the wet grass while she pressed on the wound. "
    "Tom died before the medics reached them. Mara sat beside his body until dawn."
)


def test_a_body_found_is_no_major_character_death() -> None:
    assert DEATH not in warnings_of(BODY_FOUND)


def test_a_named_character_killed_on_the_page_is() -> None:
    assert DEATH in warnings_of(DEATH_ON_PAGE)


_BLOWS = (
    "The raiders came over the wall again. Ilse swung the axe and struck the first man, "
    "then kicked the second down the steps. Bram punched the third and stabbed him. They "
    "fought along the wall, hitting and slashing, shoving men off the ledge; "
)
_ROUND = _BLOWS + (
    "Ilse was cut across the arm and the blood ran to her wrist, Bram took a wound to the "
    "ribs and was beaten to his knees and rose swinging. "
)
_UNHURT = _BLOWS + "Ilse ducked the swords, Bram was knocked to his knees and rose swinging. "
_LULL = "They drank water and counted arrows in the tower. " * 16
# A battle told over several passages of the story, with the hurt it leaves on the page.
FIGHT = _ROUND + _LULL + _ROUND + _LULL + _ROUND
# The same blows with nobody hurt on the page: no graphic depiction.
UNHURT_FIGHT = _UNHURT + _LULL + _UNHURT + _LULL + _UNHURT
ONE_BLOW = "At the bar a man punched Teo once, and Teo's nose bled onto his shirt."


def test_a_battle_told_at_length_is_graphic_violence() -> None:
    assert GRAPHIC in warnings_of(FIGHT)


def test_a_battle_with_nobody_hurt_on_the_page_is_not() -> None:
    assert GRAPHIC not in warnings_of(UNHURT_FIGHT)


def test_one_blow_is_not() -> None:
    assert GRAPHIC not in warnings_of(ONE_BLOW)
