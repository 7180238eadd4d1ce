"""Helpers the relationship tests share: a work tagged in a pack's fandom or with given
characters, its relationships, and one short romance written for the tests."""

from __future__ import annotations

from fandex.model import Chapter, Evidence, Tag, Work
from fandex.tag.characters import character_tagger
from fandex.tag.fandom import fandom_tagger
from fandex.tag.relationships import relationship_tagger


def run(text: str, fandom: str = "Buffy the Vampire Slayer (TV)") -> Work:
    w = Work(chapters=[Chapter(1, text=text)])
    w.add_tag(Tag("fandom", fandom, evidence=[Evidence(field="Fandom")]))
    fandom_tagger(w)
    character_tagger(w)
    relationship_tagger(w)
    return w


def with_characters(text: str, *names: str) -> Work:
    """A work whose characters are given (a fandom no pack knows), relationships tagged."""
    w = Work(chapters=[Chapter(1, text=text)])
    for name in names:
        w.add_tag(Tag("character", name))
    relationship_tagger(w)
    return w


def rels(w: Work) -> dict[str, Tag]:
    return {t.name: t for t in w.tags_of("relationship")}


def romantic(w: Work) -> list[str]:
    """The romantic relationships of ``w`` (relatives may have a platonic one)."""
    return [t.name for t in w.tags_of("relationship") if "/" in t.name]


ROMANCE = (
    "Buffy and Willow were studying when Spike came in. Spike kissed Buffy in the "
    "doorway. Willow pretended to read. Later Buffy kissed Spike again on the porch, "
    "and Spike told Buffy he was in love with her."
)
