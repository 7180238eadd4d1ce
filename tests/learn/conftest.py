"""Synthetic libraries for the learning tests: made-up words, so no built-in cue knows them."""

from __future__ import annotations

import random

import pytest

from fandex.model import Chapter, Tag, Work

FILLER = (
    *("river", "lantern", "market", "kettle", "meadow", "harbour", "violin", "window"),
    *("garden", "letter", "morning", "village", "bicycle", "orchard", "pencil", "blanket"),
)


def synthetic_works(n: int = 40, seed: int = 7) -> list[Work]:
    """Works whose stated Major Character Death goes with the made-up word "zorblax"."""
    rng = random.Random(seed)
    works = []
    for i in range(n):
        positive = i % 2 == 0
        words = [rng.choice(FILLER) for _ in range(120)]
        if positive:
            for _ in range(4):
                words.insert(rng.randrange(len(words)), "zorblax")
        work = Work(title=f"w{i}", id=f"{i:04x}", chapters=[Chapter(1, text=" ".join(words))])
        work.add_tag(
            Tag("warning", "Major Character Death" if positive else "No Archive Warnings Apply")
        )
        work.add_tag(Tag("rating", "General Audiences"))
        works.append(work)
    return works


@pytest.fixture
def works() -> list[Work]:
    return synthetic_works()
