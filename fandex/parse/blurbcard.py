"""A work's blurb with no story: its tags as a comma list, a pairing line, a line of
summary, a prompt's name, and nothing told.

What an app or a site keeps as a work's notes (a reading list's card, a post's header
saved apart from the story) lists the work's tags one after another, "Omega Verse,
Nightmares, Hurt/Comfort, Protectiveness", beside a sentence or two of summary. A story
opens with such a list as often, but then goes on: the card stops.
"""

from __future__ import annotations

from collections.abc import Sequence

from fandex.model import count_words
from fandex.parse.lines import is_separator

__all__ = ["blurb_only", "tag_list"]

_ITEMS = 5  # comma-separated tags, at least
_ITEM_WORDS = 6  # words in one tag, at most
_TOLD_WORDS = 60  # words outside the tag lists, at most, for a card
_TOLD_PARAGRAPHS = 3  # paragraphs outside the tag lists, at most
_TOLD_PARAGRAPH_WORDS = 45  # words in one of them, at most: a drabble runs on longer


def tag_list(paragraph: str) -> bool:
    """A paragraph that is a list of tags: five or more short comma-separated items, most
    capitalised, none a sentence.

    >>> tag_list("Omega Verse, Nightmares, Crying, Hurt/Comfort, Protectiveness")
    True
    >>> tag_list("She ran, stopped, turned, looked back, and then ran on into the dark.")
    False
    """
    text = paragraph.strip()
    if "\n" in text or text.endswith((".", "!", "?", ":")):
        return False
    items = [i.strip() for i in text.split(",")]
    if len(items) < _ITEMS or any(not i or len(i.split()) > _ITEM_WORDS for i in items):
        return False
    capitalised = sum(1 for i in items if i[0].isupper() or not i[0].isalpha())
    return 2 * capitalised > len(items)


def blurb_only(paragraphs: Sequence[str]) -> bool:
    """Whether ``paragraphs`` are a work's blurb and no story: a tag list, and besides
    the tag lists and separators a few short lines (a summary, a prompt) at most."""
    texts = [p for p in paragraphs if p.strip() and not is_separator(p.strip())]
    tags = [p for p in texts if tag_list(p)]
    told = [p for p in texts if not tag_list(p)]
    return (
        bool(tags)
        and len(told) <= _TOLD_PARAGRAPHS
        and sum(count_words(p) for p in told) <= _TOLD_WORDS
        and all(count_words(p) <= _TOLD_PARAGRAPH_WORDS for p in told)
    )
