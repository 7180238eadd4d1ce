"""The narrator of a story told in "I" whom its summary names and its text never does."""

from __future__ import annotations

from fandex.model import Chapter, Work
from fandex.tag.characters import character_tagger
from fandex.tag.summary_narrator import subjects, summary_narrator

STORY = (
    "I bought the spats on a Tuesday. They were lavender, and I liked them very much. "
    "Jeeves looked at them when I came in and said nothing at all. I put them on. I "
    "took them off. I asked Jeeves what he thought, and Jeeves said he could not say. "
    "I wore them to the club, and I was not asked back. "
) * 3


def work(summary: str, text: str = STORY) -> Work:
    return Work(summary=summary, chapters=[Chapter(1, text=text)])


def test_the_one_the_summary_names_and_the_text_never_does_tells_it() -> None:
    w = work("Bertie buys a pair of lavender spats. Jeeves says nothing, which is worse.")
    # Jeeves is named in the narration: someone the narrator speaks of.
    assert summary_narrator(w) == "Bertie"


def test_two_names_the_text_never_uses_leave_it_open() -> None:
    w = work("Bertie buys a pair of spats. Gussie laughs. Jeeves says nothing.")
    assert summary_narrator(w) is None


def test_a_story_told_in_he_and_she_has_no_such_narrator() -> None:
    text = STORY.replace("I ", "He ").replace(" I ", " he ")
    assert summary_narrator(work("Bertie buys a pair of spats.", text)) is None


def test_a_word_opening_the_summary_is_no_name() -> None:
    # "Transcribed" ends as an English verb, "Voicemails" is no verb's subject.
    assert summary_narrator(work("Transcribed carefully. Voicemails from March.")) is None
    assert subjects("Voicemails from March. Bertie buys spats.") == {"Bertie"}


def test_the_character_tagger_tags_the_narrator_the_summary_names() -> None:
    w = work("Bertie buys a pair of lavender spats. Jeeves says nothing, which is worse.")
    character_tagger(w)
    got = {t.name: t for t in w.tags_of("character")}
    assert got["Bertie"].attrs.get("narrator") is True
    assert got["Bertie"].evidence[0].field == "summary"
    assert "Jeeves" in got and not got["Jeeves"].attrs.get("narrator")
