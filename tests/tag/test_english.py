"""The cue taggers guess nothing about a text they cannot read (not English)."""

from __future__ import annotations

from fandex.model import Chapter, Tag, Work
from fandex.tag.english import reads_english
from fandex.tag.pipeline import TaggerPipeline

# Written for this test: a short French scene, a death and a fight in it, which in
# English would make warnings, notes and a Teen rating.
FRENCH = (
    "Le soir tombait sur le village quand Margot ouvrit la porte de la grange. "
    "Son frère était assis près du feu, les mains couvertes de sang après la bagarre "
    "du marché. Elle ne dit rien. Elle prit une bassine d'eau et un linge propre, puis "
    "elle nettoya ses blessures en silence. Dehors, les chiens aboyaient encore. "
    "Demain, il faudrait enterrer le vieux Mathieu, mort dans la nuit, et personne au "
    "village ne voulait en parler. Margot pensa à l'été, quand tout était simple, et "
    "elle pleura enfin, sans bruit, pendant que le feu mourait lentement."
)
ENGLISH = (
    "The evening fell over the village when Margot opened the barn door. Her brother "
    "sat by the fire, his hands covered in blood after the fight at the market. She "
    "said nothing. She cleaned his wounds in silence. Tomorrow they would bury old "
    "Mathieu, who had been killed in the night, and nobody in the village wanted to "
    "talk about it. Margot thought of the summer, when everything was simple, and at "
    "last she cried, without a sound, while the fire slowly died."
)


def tagged(text: str, language: str | None = None) -> Work:
    work = Work(chapters=[Chapter(1, text=text)], language=language)
    return TaggerPipeline(["content-notes", "warnings", "rating"])(work)


def inferred(work: Work) -> set[tuple[str, str]]:
    return {(t.type, t.name) for t in work.tags if t.source == "inferred"}


def test_a_french_story_gets_no_guessed_warning_rating_or_note() -> None:
    assert not reads_english(Work(chapters=[Chapter(1, text=FRENCH)]))
    assert inferred(tagged(FRENCH)) == set()


def test_the_same_story_in_english_is_read() -> None:
    got = inferred(tagged(ENGLISH))
    assert ("rating", "Teen And Up Audiences") in got
    assert ("freeform", "Death") in got


def test_a_stated_language_decides() -> None:
    assert inferred(tagged(ENGLISH, language="fr")) == set()
    assert any(t == "rating" for t, _ in inferred(tagged(ENGLISH, language="en")))


def test_a_stated_rating_on_a_text_fandex_cannot_read_raises_no_flag() -> None:
    work = Work(chapters=[Chapter(1, text=FRENCH)])
    work.add_tag(Tag("rating", "General Audiences", "stated"))
    work.flags.append({"kind": "possible-missing-warning", "type": "rating", "tag": "Explicit"})
    out = TaggerPipeline(["rating"])(work)
    assert not [f for f in out.flags if f.get("type") == "rating"]


def test_a_text_in_another_script_is_not_english() -> None:
    text = "他们在雨中等了很久，谁也没有说话。" * 30
    assert not reads_english(Work(chapters=[Chapter(1, text=text)]))


def test_a_work_whose_language_changes_is_read_again() -> None:
    # The analysis is cached per work and texts; the language is part of what it read.
    work = Work(chapters=[Chapter(1, text=ENGLISH)], language="fr")
    pipe = TaggerPipeline(["content-notes", "warnings", "rating"])
    assert inferred(pipe(work)) == set()
    work.language = "en"
    assert ("rating", "Teen And Up Audiences") in inferred(pipe(work))
