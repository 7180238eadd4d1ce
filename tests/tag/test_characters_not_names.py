"""Capitalised words that are not people: the second word of a title-cased phrase after a
possessive ("Serpent's Teeth", a book's name) and a coined label cut short at a hyphen
("Velox-k", a drug), however often a text names them."""

from __future__ import annotations

from fandex.model import Chapter, Work
from fandex.tag.unknown_cast import extract_characters

# Invented: a critic reviews Ivo Marsh's novel "Wolf's Jaw, Wolf's Bones".
REVIEW = (
    "I was asked to review Ivo Marsh's new novel, Wolf's Jaw, Wolf's Bones, and I agreed. "
    "Wolf's Jaw, Wolf's Bones is the third book of his harbour series. Marsh wrote it in a "
    "year, he says, and it shows. Wolf's Bones opens with a wedding and ends with a wreck. "
    "Marsh told me he wanted a tragedy. Wolf's Bones is not one. Marsh smiled when I said "
    "so, and he poured the tea. Wolf's Bones will sell well all the same. Marsh knows it. "
    "I met Marsh at the college years ago; he was my student then, and he argued often."
)

# Invented: a doctor's trial notes on a drug "Velox-kamine", written "Velox-k" for short.
TRIAL = (
    "Velox-kamine trial, day one. Dr. Okoro gave the first dose. Velox-k will be given "
    "daily. The Velox-k group slept well. Okoro said the Velox-k subjects were calm. "
    "Velox-k appears to help. Okoro checked the charts, and she wrote to the board. "
    "Velox-k was stopped on day nine. Okoro said the Velox-k trial had failed, and she "
    "closed the ward. The Velox-k squadron went home. Okoro signed the report."
)


def names(text: str) -> set[str]:
    work = Work(chapters=[Chapter(1, text=text)])
    return {t.name for t in extract_characters(work, tagger_name="characters")}


def test_the_second_word_of_a_possessive_title_is_no_person() -> None:
    found = names(REVIEW)
    assert "Bones" not in found
    assert any("Marsh" in n for n in found)  # the writer who speaks and acts stays


def test_a_nickname_after_a_possessive_used_alone_too_stays() -> None:
    # The negative: "Teo's Sparrow" names a person, who is named alone and speaks.
    text = (
        "Teo's Sparrow walked down to the shed. Sparrow said the soup was cold, and Teo "
        "laughed. Sparrow sat with him. Teo's Sparrow waited. Sparrow smiled at Teo, and "
        "Teo said he would come home soon. Sparrow nodded."
    )
    assert "Sparrow" in names(text)


def test_a_hyphenated_label_cut_short_is_no_person() -> None:
    found = names(TRIAL)
    assert not any(n.startswith("Velox") for n in found)
    assert "Okoro" in found


def test_a_hyphenated_given_name_is_still_a_name() -> None:
    # The negative: a name's syllables after the hyphen have vowels ("Min-a", "Ji-hoon").
    text = TRIAL.replace("Velox-kamine", "Min-a").replace("Velox-k", "Min-a")
    text = text.replace("The Min-a group slept well.", "Min-a said she slept well.")
    assert "Min-a" in names(text)
