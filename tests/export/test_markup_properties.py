"""Whatever text or tag soup a chapter holds, the export markup is well-formed XHTML
with every element where XHTML allows it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from fandex.export.markup import text_to_paragraphs
from fandex.export.xhtml import html_to_xhtml

TAGS = ["p", "div", "span", "i", "b", "em", "li", "ul", "h2", "blockquote", "dd", "a", "font"]
BLOCKS = {"p", "div", "blockquote", "ul", "ol", "dl", "table", "hr", "pre", "h2"}
INLINE_ONLY = {"span", "i", "b", "em", "a", "p", "h2"}

soup = st.lists(
    st.one_of(
        st.sampled_from([f"<{t}>" for t in TAGS] + [f"</{t}>" for t in TAGS] + ["<br>", "<hr>"]),
        st.text(alphabet="ab &<>\"'\u00a0\x01é", max_size=6),
    ),
    max_size=25,
).map("".join)


def parse(markup: str) -> etree._Element:
    return etree.fromstring(f"<div>{markup}</div>")


@settings(max_examples=80, deadline=None)
@given(soup)
def test_any_tag_soup_becomes_valid_xhtml(html: str) -> None:
    root = parse(str(html_to_xhtml(html)))
    for el in root.iter():
        if el is root:
            continue
        if el.tag in INLINE_ONLY:
            assert not any(child.tag in BLOCKS for child in el), etree.tostring(root)
        if el.tag == "li":
            assert el.getparent().tag in ("ul", "ol")


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200))
def test_any_text_becomes_well_formed_paragraphs(text: str) -> None:
    parse(str(text_to_paragraphs(text)))
