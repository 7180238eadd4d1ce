"""The narrator of a story told in "I", found by the name others call them.

The name spoken to in someone else's line and never used in the narration is the
narrator's; a name the narrator speaks to, or one the narration uses, is someone else's;
two candidates, or a story told in "he" and "she", give no narrator. The narrator then
stands for the narration's "I" where the relationship taggers look for people.
"""

from __future__ import annotations

from fandex.model import Chapter, Tag, Work
from fandex.tag.characters_narrator import (
    inflected_word,
    mark_narrator,
    narrator_spans,
    told_by,
    vocative_narrator,
)
from fandex.tag.romance import score_pairs
from fandex.tag.romance_people import character_positions
from fandex.tag.unknown_cast import extract_characters

# An invented first-person scene: Tobiah is "I", Wendell the one they speak of.
STORY = (
    "I got to the ferry office at six, and Wendell was already behind the counter, "
    "counting tickets. I hung my coat on the hook and sat down across from him.\n\n"
    '"You are late again, Tobiah," he said, without looking up.\n\n'
    '"The bus was late," I said. "Tell the bus."\n\n'
    "Wendell snorted and slid a mug of tea across to me. I drank it and watched the "
    "harbour lights come on one by one while he counted. I had known him nine years.\n\n"
    '"Sit down, Wendell," I said at last. "The tickets will keep."\n\n'
    "He sat. I told him about the bus, and he laughed, and I watched him laugh."
)


def work_of(text: str) -> Work:
    return Work(chapters=[Chapter(1, text=text)])


def uses(text: str, name: str) -> list[tuple[int, int, int]]:
    out, at = [], text.find(name)
    while at >= 0:
        out.append((1, at, at + len(name)))
        at = text.find(name, at + 1)
    return out


def test_the_name_spoken_to_in_another_s_line_is_the_narrator() -> None:
    work = work_of(STORY)
    hits = {n: uses(STORY, n) for n in ("Tobiah", "Wendell")}
    # Wendell is named in the narration (and spoken to by the narrator): not the narrator.
    assert vocative_narrator(work, hits) == "Tobiah"


def test_a_story_told_in_he_and_she_has_no_narrator() -> None:
    text = STORY.replace("I ", "Marta ").replace(" I", " Marta").replace(" me", " her")
    text = text.replace(" my ", " her ")
    work = work_of(text)
    hits = {n: uses(text, n) for n in ("Tobiah", "Wendell")}
    assert vocative_narrator(work, hits) is None


def test_a_name_only_the_narrator_speaks_to_is_not_the_narrator() -> None:
    text = STORY + '\n\n"Goodnight, Aurel," I said to the cat.'
    work = work_of(text)
    hits = {n: uses(text, n) for n in ("Tobiah", "Wendell", "Aurel")}
    assert vocative_narrator(work, hits) == "Tobiah"


def test_two_names_spoken_to_leave_the_narrator_open() -> None:
    text = STORY + '\n\n"Mind the step, Corvin," he said, to the boy at the door.'
    work = work_of(text)
    hits = {n: uses(text, n) for n in ("Tobiah", "Wendell", "Corvin")}
    assert vocative_narrator(work, hits) is None


def test_a_word_said_alone_is_not_spoken_to() -> None:
    text = STORY.replace('"You are late again, Tobiah," he said', '"Tobiah," and it was')
    work = work_of(text)
    hits = {n: uses(text, n) for n in ("Tobiah", "Wendell")}
    assert vocative_narrator(work, hits) is None


def test_the_narrator_named_once_is_found_as_a_character() -> None:
    work = work_of(STORY)
    tags = {t.name: t for t in extract_characters(work, tagger_name="c")}
    assert "Tobiah" in tags and tags["Tobiah"].attrs.get("narrator") is True
    assert not tags["Wendell"].attrs.get("narrator")


def test_the_narrator_is_mentioned_by_every_i_of_the_narration() -> None:
    work = work_of(STORY)
    tag = Tag("character", "Tobiah", "inferred", 0.3, [], "c", {"mentions": 1})
    mark_narrator(work, tag)
    said = [(s, e) for s, e in narrator_spans(work, STORY, [(0, len(STORY))])]
    # "I said" inside a quotation's speech tag is narration; "I" quoted is not counted.
    assert all(STORY[s:e] in ("I", "me", "my") for s, e in said)
    assert tag.attrs["mentions"] == 1 + len(said)
    assert tag.attrs["role"] == "main" and tag.attrs["share"] == 1.0


def test_the_narrator_stands_where_the_narration_says_i() -> None:
    work = work_of(STORY)
    work.add_tag(Tag("character", "Wendell", "inferred", 0.9, [], "c", {}))
    work.add_tag(Tag("character", "Tobiah", "inferred", 0.9, [], "c", {"narrator": True}))
    pos = character_positions(work)[1]
    got = {STORY[s:e] for s, e, n in pos if n == "Tobiah"}
    assert {"I", "Tobiah"} <= got
    first_i = STORY.index("I got")
    assert (first_i, first_i + 1, "Tobiah") in pos


# A scene of a story told by Tobiah that names Wenda only far before its kiss.
FAR = (
    "Wenda came to the harbour office in March, to count tickets. I showed her the "
    "drawers.\n\n"
    + "The ferry was late again, and I sat with my tea and watched the gulls on the quay. " * 40
    + "\n\nI leaned across the counter and kissed her."
)


def pairs_of(text: str, extra: str | None = None) -> dict[tuple[str, ...], float]:
    work = work_of(text)
    work.add_tag(Tag("character", "Wenda", "inferred", 0.9, [], "c", {"share": 1.0}))
    tobiah = {"narrator": True, "share": 1.0}
    work.add_tag(Tag("character", "Tobiah", "inferred", 0.9, [], "c", tobiah))
    if extra:
        work.add_tag(Tag("character", extra, "inferred", 0.9, [], "c", {"share": 0.1}))
    return {p: ps.score for p, ps in score_pairs(work).pairs.items()}


def test_i_kissed_her_is_the_narrator_and_the_other_lead() -> None:
    assert pairs_of(FAR) == {("Tobiah", "Wenda"): 0.5}


def test_a_scene_naming_someone_else_leaves_her_to_that_one() -> None:
    text = FAR.replace("\n\nI leaned", "\n\nMarguerite came in for a ticket. I leaned")
    # "her" is the woman named just before, as in any story; never the far lead.
    assert ("Tobiah", "Wenda") not in pairs_of(text, "Marguerite")


def test_a_name_whose_word_the_narration_uses_is_someone_else_s() -> None:
    # "Amberly" is only spoken to, but the narration names "Wendell Amberly".
    text = STORY.replace("Wendell was already", "Wendell Amberly was already").replace(
        "You are late again, Tobiah", "You are late again, Amberly"
    )
    work = work_of(text)
    hits = {n: uses(text, n) for n in ("Amberly",)}
    assert vocative_narrator(work, hits) is None


def test_a_quotation_before_a_paragraph_of_mine_is_not_mine() -> None:
    # The narrator's "I" opening the next paragraph is no speech tag of the quotation.
    text = STORY.replace(
        '"You are late again, Tobiah," he said, without looking up.',
        '"Tobiah. You are late again."\n\nI hung up my scarf as well.',
    )
    work = work_of(text)
    hits = {n: uses(text, n) for n in ("Tobiah", "Wendell")}
    assert vocative_narrator(work, hits) == "Tobiah"


def test_an_english_word_with_an_ending_is_no_narrator() -> None:
    text = STORY.replace('"You are late again, Tobiah," he said', '"Noted, Tobiah," he said')
    tags = {t.name for t in extract_characters(work_of(text), tagger_name="c")}
    # ("Noted" taken for a name would leave two spoken to: no narrator.)
    assert "Noted" not in tags and "Tobiah" in tags
    assert inflected_word("Noted") and not inflected_word("James")


def test_a_narrator_called_by_a_short_form_of_a_stated_name_is_that_character() -> None:
    from fandex.tag.pipeline import TaggerPipeline

    def inferred(stated: str) -> set[str]:
        work = work_of(STORY)
        work.add_tag(Tag("character", stated, "stated", 1.0, [], "header", {}))
        work = TaggerPipeline()(work)
        return {t.name for t in work.tags_of("character") if t.source == "inferred"}

    # "Tobiah" is the author's "Tobiahnus Quill"; beside an unrelated stated name, a
    # narrator of its own.
    assert "Tobiah" not in inferred("Tobiahnus Quill")
    assert "Tobiah" in inferred("Marguerite Vane")


def test_the_name_the_narrator_says_is_theirs_is_the_narrator() -> None:
    text = STORY.replace("You are late again, Tobiah", "You are late again") + (
        "\n\nA woman at the door asked who was in charge. My name is Ottoline, I told "
        "her, and I was not."
    )
    hits = {n: uses(text, n) for n in ("Wendell", "Ottoline")}
    assert vocative_narrator(work_of(text), hits) == "Ottoline"
    # Someone else's "I'm Ottoline" in a quotation of theirs is not the narrator's.
    other = text.replace(
        "My name is Ottoline, I told her, and I was not.",
        '"I\'m Ottoline," she said, and I let her in.',
    )
    assert vocative_narrator(work_of(other), {"Ottoline": uses(other, "Ottoline")}) is None


def test_a_story_in_single_quoted_dialogue_is_told_in_he_and_she() -> None:
    # Every "I" is said, in single quotes: the story is not told in "I" (and a letter's
    # "my name is" in it makes no narrator).
    scene = (
        "'I can't find it,' said Marta. 'I looked everywhere I could think of.'\n\n"
        "'I know,' Wendell said. 'I'll help.' He went to the shelf.\n\n"
    )
    text = scene * 20 + "Dear Wendell, my name is Ottoline, and I was your aunt.\n\n"
    work = work_of(text)
    assert told_by(work) is None
    assert vocative_narrator(work, {"Ottoline": uses(text, "Ottoline")}) is None
    assert told_by(work_of(STORY)) == "I"
