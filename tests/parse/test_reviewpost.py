"""A reader's review of a book posted on a story site is not a story: told by a heading
that names it a review of a work together with the page's filing under reviews."""

from __future__ import annotations

from fandex.model import Chapter, Work
from fandex.parse.nonstory import judge
from fandex.parse.reviewpost import review_post

PROSE = (
    "I want to start with a few words about the authors of this cycle, who built one "
    "shared world out of many books. The first volume began as yet another tale of a "
    "hero reborn with all his strength, but it grows into something wider as it goes."
)


def test_review_heading_and_reviews_filing_make_a_review() -> None:
    lines = ["Review of the novel \u201cThe Salt Road\u201d", "Author: Ash Vale", "Reviews", PROSE]
    assert review_post(None, lines)
    assert review_post("Рецензия на роман «Соляная дорога»", ["Рецензии", PROSE])


def test_either_mark_alone_is_not_enough() -> None:
    assert not review_post("The Performance Review", ["Reviews", PROSE])  # no review head
    assert not review_post("Review of the Fleet", [PROSE])  # a story so titled, no filing
    assert not review_post(None, ["Reviews: 12", "Review of the Fleet", PROSE])


def test_judge_skips_a_review_post() -> None:
    work = Work(
        title="Review of the novel \u201cThe Salt Road\u201d",
        chapters=[Chapter(1, None, "Reviews\n\n" + "\n\n".join([PROSE] * 4))],
    )
    assert judge(work) == "no story text, looks like a reader's review of a book"


STORY = (
    "The fleet came home at dawn, three ships low in the water and one burning. Mara "
    "stood on the harbour wall and counted the sails twice before she let herself "
    "breathe, and then she ran down the steps to the quay where the first boat landed."
)


def test_judge_keeps_a_story_titled_review() -> None:
    work = Work(title="Review of the Fleet", chapters=[Chapter(1, None, "\n\n".join([STORY] * 4))])
    assert judge(work) is None
