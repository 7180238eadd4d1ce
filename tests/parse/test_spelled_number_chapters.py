"""Chapters headed by a spelled-out number ("One", "~ Two ~") or an old-style part
("Part the First"): a run of them, each the next number with story between, is a run
of chapter headings, as "1." / "I." runs are."""

from __future__ import annotations

import pytest
from helpers_parse import work_of

PARA = (
    "The ferry came in late, its one lantern swinging like a slow bell over the black "
    "water of the harbour, and Ila counted the lanterns on the pier again."
)


@pytest.mark.parametrize(
    "heads",
    [
        ["One", "Two", "Three"],
        ["~ One ~", "~ Two ~", "~ Three ~"],
        ["Part the First", "Part the Second", "Part the Third"],
    ],
)
def test_a_run_of_spelled_numbers_heads_chapters(heads: list[str]) -> None:
    text = "Lanterns\nby Wren\n\n" + "\n\n".join(f"{h}\n\n{PARA}" for h in heads)
    w = work_of(text)
    assert (w.title, w.authors) == ("Lanterns", ["Wren"])
    assert [c.title for c in w.chapters] == heads
    assert w.chapters[0].text.startswith("The ferry came in late")


def test_a_lone_spelled_number_or_a_countdown_stays_story() -> None:
    # "One" once, and numbers that do not follow each other, are the story's words.
    text = f"Lanterns\nby Wren\n\n{PARA}\n\nOne\n\n{PARA}\n\nThree\n\n{PARA}"
    w = work_of(text)
    assert len(w.chapters) == 1
    assert "One" in w.chapters[0].text
