"""The observer of an "Outsider POV" story is in none of its couples."""

from __future__ import annotations

from fandex.model import Chapter, Tag, Work
from fandex.tag.relationships import relationship_tagger

TEXT = (
    "Orrin Vale kissed Tamsin Roe by the lockers. I saw the whole thing.\n\n"
    "Later Orrin Vale kissed Tamsin Roe again, and I pretended to read the rota.\n\n"
)


def _work(*freeform: str) -> Work:
    w = Work(chapters=[Chapter(1, text=TEXT)])
    w.add_tag(Tag("character", "Orrin Vale", attrs={"narrator": True}))
    w.add_tag(Tag("character", "Tamsin Roe"))
    for name in freeform:
        w.add_tag(Tag("freeform", name, "stated"))
    relationship_tagger(w)
    return w


def test_the_narrator_of_an_outsider_pov_story_is_in_no_couple() -> None:
    assert [t.name for t in _work().tags_of("relationship")] == ["Orrin Vale/Tamsin Roe"]
    assert _work("Outsider POV").tags_of("relationship") == []
    assert _work("Outsider Perspective").tags_of("relationship") == []
