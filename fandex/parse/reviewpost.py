"""A reader's review of a book posted on a story site: prose about a work, not a story.

Sites where stories are published also publish their readers' reviews as posts
(Author.Today's ``/review/N``: "Рецензия на роман «Кодекс Охотника»", filed under
"Рецензии"). Saved, such a page is a heading, the reviewer's name, the reviewed book's
card and several paragraphs of prose, which reads like a story's opening. Two marks
together tell it: a heading that names it a review of a work, and the page's filing
under the site's reviews. The words are data (``[review_posts]`` in
``vocab/header.toml``).
"""

from __future__ import annotations

import re
from functools import cache

from fandex.vocab.ao3 import load_toml

_NEAR_TOP = 12  # lines: the heading and the filing sit above the review's prose
_CATEGORY_WORDS = 3


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_toml("header.toml")["review_posts"]
    heads = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in data["heads"])
    cats = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in data["categories"])
    # "Рецензия на роман «X»", "Review of X": the head, then the work it names.
    head = re.compile(rf"\W*(?:{heads})\s*\S.*", re.IGNORECASE | re.DOTALL)
    category = re.compile(rf"\W*(?:{cats})\W*", re.IGNORECASE)
    return head, category


def review_post(title: str | None, lines: list[str]) -> bool:
    """Whether a page titled ``title`` whose first lines are ``lines`` is a review of a
    book: a review heading (the title or a line near the top) and a reviews filing line
    near the top."""
    head, category = _patterns()
    top = [" ".join(line.split()) for line in lines[:_NEAR_TOP] if line.strip()]
    headed = any(head.fullmatch(t) for t in [title or "", *top] if t)
    filed = any(len(t.split()) <= _CATEGORY_WORDS and category.fullmatch(t) for t in top)
    return headed and filed


__all__ = ["review_post"]
