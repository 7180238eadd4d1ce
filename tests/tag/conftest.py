"""The relationship rules are tested alone: the learned second chance
(:mod:`fandex.tag.relationship_learned`) reads a story of two written for a rule's test
(a hand held once, a hug, a kiss that is no one's) as its couple more often than not,
where the rule under test says no couple, and is tested on its own in
``test_relationships_learned.py``."""

from __future__ import annotations

import pytest

from fandex.tag import relationship_learned


@pytest.fixture(autouse=True)
def _rules_alone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if not request.module.__name__.endswith("test_relationships_learned"):
        monkeypatch.setattr(relationship_learned, "shipped", lambda: None)
