from __future__ import annotations

import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.model import (
    Chapter,
    Evidence,
    Footnote,
    Source,
    Tag,
    Work,
    _count_words_plain,
    count_words,
)


def _work() -> Work:
    return Work(
        id="0123456789abcdef",
        title="Blood Pure",
        authors=["Sajinn"],
        summary="A summary.",
        notes_begin="Begin.",
        notes_end="End.",
        language="en",
        chapters=[Chapter(1, "Part 1", "One two three."), Chapter(2, "Part 2", "Four five.")],
        footnotes=[Footnote("1", "'Hallelujah' - Leonard Cohen")],
        source=Source("a.txt", "txt", "ab" * 32),
        header={"Rating": "R (will be NC-17 shortly)"},
        tags=[
            Tag("rating", "Mature", evidence=[Evidence(field="Rating", quote="R")]),
            Tag(
                "rating",
                "Explicit",
                source="inferred",
                confidence=0.93,
                evidence=[Evidence(chapter=2, start=0, end=4, quote="Four")],
            ),
        ],
    )


def test_work_record_has_the_design_shape() -> None:
    record = _work().to_dict()
    for key in (
        "id",
        "title",
        "authors",
        "summary",
        "notes",
        "language",
        "words",
        "chapters",
        "footnotes",
        "source",
        "header",
        "tags",
    ):
        assert key in record
    assert record["words"] == 5
    assert record["chapters"][0] == {"index": 1, "title": "Part 1", "words": 3}
    assert record["tags"][1]["evidence"][0] == {"chapter": 2, "start": 0, "end": 4, "quote": "Four"}
    assert record["tags"][0]["evidence"][0] == {"field": "Rating", "quote": "R"}
    json.dumps(record)  # serialisable


def test_work_record_round_trips_through_json() -> None:
    work = _work()
    again = Work.from_dict(json.loads(json.dumps(work.to_dict(with_text=True))))
    assert again.to_dict(with_text=True) == work.to_dict(with_text=True)


def test_chapter_text_only_with_text() -> None:
    assert "text" not in _work().to_dict()["chapters"][0]
    assert _work().to_dict(with_text=True)["chapters"][0]["text"] == "One two three."


def test_stated_tag_is_not_overwritten_by_inferred() -> None:
    work = Work(tags=[Tag("warning", "Major Character Death")])
    added = work.add_tag(
        Tag("warning", "major character death", source="inferred", confidence=0.99)
    )
    assert not added
    assert work.tags[0].source == "stated"


def test_user_tag_is_never_replaced() -> None:
    work = Work(tags=[Tag("freeform", "Fluff", source="user")])
    assert not work.add_tag(Tag("freeform", "Fluff", source="stated"))
    assert work.tags[0].source == "user"


def test_more_confident_inference_replaces_less_confident() -> None:
    work = Work()
    work.add_tag(Tag("fandom", "Merlin (TV)", source="inferred", confidence=0.4))
    assert work.add_tag(Tag("fandom", "Merlin (TV)", source="inferred", confidence=0.8))
    assert work.add_tag(Tag("fandom", "Merlin (TV)", source="stated"))
    assert [t.source for t in work.tags] == ["stated"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"type": "genre", "name": "x"}, "tag type"),
        ({"type": "rating", "name": "x", "source": "guessed"}, "tag source"),
        ({"type": "rating", "name": "x", "confidence": 1.5}, "outside"),
    ],
)
def test_invalid_tags_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Tag(**kwargs)  # type: ignore[arg-type]


def test_count_words_counts_contractions_once() -> None:
    assert count_words("Don't stop -- she said.") == 4
    assert count_words("") == 0


# The characters the fast word count treats apart: ASCII joiners and punctuation, curly
# quotes and joiners, dashes, an ellipsis, accents, unspaced scripts, odd spaces, a lone
# surrogate.
_COUNTED = "ab Z9_ '-.,:\n\t—–“”‘’…éÉ杨泰\u0e01\u00a0\u2003\u0301\ud800"


@given(st.text(alphabet=_COUNTED, max_size=60) | st.text(max_size=60))
@settings(max_examples=400, deadline=None)
def test_count_words_agrees_with_its_plain_definition(text: str) -> None:
    assert count_words(text) == _count_words_plain(text)


def test_count_words_counts_a_long_run_without_spaces_as_one_word() -> None:
    # A megabyte with no space and one accent at its start: scanned once, not once per
    # character (the count would take hours).
    assert count_words("é" + "x" * 1_000_000) == 1


def test_a_chapter_counts_its_words_once_and_again_when_its_text_changes() -> None:
    ch = Chapter(1, None, "One two three.")
    assert ch.words == 3 and ch.words == 3
    ch.text = "One two three four five."
    assert ch.words == 5
    again = pickle.loads(pickle.dumps(ch))  # the count travels with the chapter
    assert again.words == 5 and again == ch
