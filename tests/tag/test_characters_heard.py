"""Unknown fandom: leads heard rather than seen, and leads named in full once.

Two people alone in a scene call each other by name and seldom "say" it in narration; a
transcript writes its speakers in capitals; a writer names a lead in full once and by a
short form after ("Pet" for "Petronella Ashcombe", "MO:" for "Morwenna").
"""

from __future__ import annotations

from fandex.model import Chapter, Work
from fandex.tag.addressed import caps_speakers, spoken_to
from fandex.tag.unknown_cast import extract_characters

FILLER = (
    "The rain kept on through the afternoon and the gutters ran over. There was tea, and "
    "then more tea, and the radio said the roads were closed past the bridge. "
)


def names(text: str) -> set[str]:
    """The characters proper-name extraction finds in a one-chapter work of ``text``."""
    work = Work(chapters=[Chapter(1, text=text)])
    return {t.name for t in extract_characters(work, tagger_name="c")}


def test_two_people_who_only_call_each_other_by_name_are_characters() -> None:
    text = FILLER + (
        '"There was lemon cake left. Do not make it strange, Soledad."\n\n'
        '"I am not making it strange. I am eating it. Oh, Ottie, that is good."\n\n'
        '"I know your shoe size, Soledad. I know you hate coriander."\n\n'
        '"Your hand is still on my face, Ottie."\n\n'
        '"Two years, Soledad. Two years of lemon cake."\n\n'
        '"...Ottie."\n\n' + FILLER
    )
    got = names(text)
    assert {"Soledad", "Ottie"} <= got
    # Before, no name was seen speaking or acting, and no one was found.


def test_a_list_of_names_is_no_one_spoken_to() -> None:
    text = '"Me, Ola, and Fraser," he said. "Ola, sit."'
    assert not spoken_to(text, 5, 8)
    assert spoken_to(text, 32, 35) is False  # the opening of what is said, then a comma
    assert spoken_to('"Sit down, Ola."', 11, 14)


def test_a_transcripts_capital_speakers_are_its_characters_by_their_full_name() -> None:
    lines = []
    for _ in range(4):
        lines += [
            "MO: Lines are open. Hello, you are on the Small Hours. Morning, Stan.",
            "STAN: Good morning, Morwenna. I made soup again.",
            "MO: Nobody calls me Morwenna but my nan. How was the soup, Stan?",
            "STAN: It was very bad. Irena wrote salt and not how much.",
        ]
    text = "Transcript excerpts, Radio Coast.\n\n" + "\n\n".join(lines)
    got = names(text)
    # "MO:" is the Morwenna the caller names: one person, named in full.
    assert "Morwenna" in got and "Mo" not in got
    assert "Stan" in got


def test_caps_speakers_needs_a_script() -> None:
    assert caps_speakers("STOP: do not open this door.") == {}
    got = caps_speakers("MO: Hello.\nSTAN: Hi.\nMO: Well?\nSTAN: Well.")
    assert sorted(got) == ["Mo", "Stan"]


def test_a_short_form_english_uses_is_the_lead_named_in_full_once() -> None:
    text = (
        FILLER
        + (
            "Pet was already in the kitchen when I got there. I said hello to Pet and she "
            "did not answer. Later Pet stood at the sink and washed the cups. Ondine, "
            "she said, you are late. I let Pet finish. Petronella Ashcombe stood in the "
            "doorway with her coat on and looked at the boxes. "
        )
        + FILLER
    )
    got = names(text)
    assert "Petronella Ashcombe" in got
    assert "Pet" not in got


def test_a_transcripts_full_names_in_capitals_are_characters_and_roles_are_not() -> None:
    lines = []
    for _ in range(3):
        lines += [
            "**RUFUS ADEYEMI-CLARKE (shore manager):** Kittiwake, this is Hobart. Morning.",
            "**INGRID HALVORSEN-MBEKI:** It is not morning. It is a sort of grey.",
            "**CALLER:** Hello? Is this the radio?",
        ]
    text = FILLER + "\n\n" + "\n\n".join(lines)
    got = names(text)
    assert {"Rufus Adeyemi-Clarke", "Ingrid Halvorsen-Mbeki"} <= got
    assert "Caller" not in got


def test_an_oath_or_a_sound_is_no_one_spoken_to() -> None:
    assert not spoken_to('"Mm."', 1, 3)
    assert not spoken_to('"You are a terrible dancer, Judas," she said.', 28, 33)
    assert spoken_to('"You are a terrible dancer, Ross," she said.', 28, 32)
