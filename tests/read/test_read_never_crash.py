"""Whatever the bytes, reading gives a document or one ReadError line, never anything else."""

from __future__ import annotations

import storybuilders as sb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fandex.clean import clean
from fandex.errors import ReadError
from fandex.read import read_bytes

NAMES = st.sampled_from(["a.txt", "a.html", "a.epub", "a.docx", "a", "a.zip"])
TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<br>",
        "<b>",
        "</b>",
        "<i>",
        "<div>",
        "</div>",
        "<hr>",
        "<pre>",
        "<h2>",
        "<table><tr><td>",
        "<!--",
        "-->",
        "<a href='x'>",
        "</a>",
        "&amp;",
        "&#xd800;",
        "<dl class='tags'>",
        "<dt>Fandom:</dt>",
        "<dd>",
        '<div id="preface">',
        '<div class="meta group">',
        "<script>",
    ]
)
WORDS = st.text(alphabet=st.characters(max_codepoint=0x2FFF), max_size=12)


def _read(data: bytes, name: str) -> None:
    try:
        doc = clean(read_bytes(data, name))
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert any(b.text for b in doc.all_blocks())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), name=NAMES)
def test_random_bytes(data: bytes, name: str) -> None:
    _read(data, name)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(TAGS, WORDS), max_size=60), name=NAMES)
def test_random_tag_soup(parts: list[str], name: str) -> None:
    _read(("<html><body>" + "".join(parts)).encode("utf-8", "surrogatepass"), name)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(min_value=1, max_value=10_000), flip=st.integers(min_value=0))
def test_damaged_epubs_and_docx(cut: int, flip: int) -> None:
    for data, name in ((sb.ao3_epub(), "a.epub"), (sb.docx_bytes(), "a.docx")):
        damaged = bytearray(data[: max(1, len(data) - cut)])
        damaged[flip % len(damaged)] ^= 0xFF
        _read(bytes(damaged), name)
