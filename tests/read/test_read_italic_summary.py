"""An old archive's page sets the summary in italics under the title, byline and rating,
with no label, over the first chapter's heading: it is the summary, not story text. A
quotation set the same way (an epigraph) stays the story's."""

from __future__ import annotations

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes

PAGE = """<html><head><title>Archive - The Lamp Room</title></head><body>
<h1 class="title">The Lamp Room by <a href="/authors/saltmarsh/">saltmarsh</a></h1>
{facts}
<h2>Chapter 1: The First Lamp</h2>
<p>Ila carried the taper down the path every evening at six.</p>
<p>Corran waved from the door of the hut, and she waved back.</p>
</body></html>"""

SUMMARY = "Ila keeps the lamps lit at the edge of the marsh through one long winter."


def _work(facts: str) -> Work:
    return build_work(clean(read_bytes(PAGE.format(facts=facts).encode(), "lamp.html")))


def test_italic_line_under_the_rating_is_the_summary() -> None:
    w = _work(f'<div class="summary">Rating: PG<br /> <i>{SUMMARY}</i></div>')
    assert w.summary == SUMMARY
    assert [c.title for c in w.chapters] == ["Chapter 1: The First Lamp"]
    assert "long winter" not in w.text


def test_italic_paragraph_of_its_own_is_the_summary() -> None:
    w = _work(f"<p>Rating: PG</p><p><i>{SUMMARY}</i></p>")
    assert w.summary == SUMMARY
    assert "long winter" not in w.text


def test_an_italic_epigraph_stays_story_text() -> None:
    quote = "The sea is the same colour everywhere. - Old Corran"
    w = _work(f"<p>Rating: PG</p><p><i>{quote}</i></p>")
    assert w.summary != quote
    assert "same colour everywhere" in w.text


def test_a_plain_paragraph_is_not_taken_for_a_summary() -> None:
    w = _work(f"<p>Rating: PG</p><p>{SUMMARY}</p>")
    assert w.summary != SUMMARY
