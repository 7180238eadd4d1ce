"""Two correspondents a letter names together: salutation and signature, or the narrator's "I"."""

from __future__ import annotations

import re

from fandex.model import Chapter, Work
from fandex.tag.relationship_letters import letters_naming

LETTERS = (
    "Dear Agnes,\n\nThe quince took. I grafted it on Tuesday and I have told no one.\n\n"
    "Yours, Tobias\n\n---\n\n"
    "Dear Tobias,\n\nI am glad. Seeds are patient. Please tell me how the grafts do.\n\n"
    "Agnes\n"
)


def positions(text: str, names: dict[str, str]) -> dict[int, list[tuple[int, int, str]]]:
    got = [
        (m.start(), m.end(), names[m.group()])
        for m in re.finditer("|".join(map(re.escape, names)), text)
    ]
    return {1: sorted(got)}


def test_a_letter_signed_by_one_to_the_other_names_both() -> None:
    work = Work(chapters=[Chapter(1, text=LETTERS)])
    pos = positions(LETTERS, {"Agnes": "Agnes", "Tobias": "Tobias"})
    got = letters_naming(work, ("Agnes", "Tobias"), pos, None)
    assert got and got[0].quote and "Dear Agnes" in got[0].quote
    # A third name signs no letter to either.
    assert letters_naming(work, ("Agnes", "Marit"), pos, None) == []


def test_the_narrators_letter_names_its_writer_by_its_i() -> None:
    text = "Dear Agnes,\n\nThe quince took. I grafted it on Tuesday.\n\nT.\n"
    work = Work(chapters=[Chapter(1, text=text)])
    pos = positions(text, {"Agnes": "Agnes", "I ": "Tobias"})
    assert letters_naming(work, ("Agnes", "Tobias"), pos, "Tobias")
    assert letters_naming(work, ("Agnes", "Tobias"), pos, None) == []
