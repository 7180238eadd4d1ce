"""Chapter HTML as XHTML that epubcheck accepts: sanitised, parsed, structure repaired.

Browsers shrug at ``<span><div>..</div></span>`` or a stray ``<li>``; an EPUB's
validator does not. :func:`html_to_xhtml` sanitises with ``nh3``, keeps the HTML5 tree
nh3 built, and moves or renames elements until each sits where XHTML allows it.

>>> str(html_to_xhtml("<i><p>a</p><p>b</p></i>"))
'<p><i>a</i></p><p><i>b</i></p>'
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html  # type: ignore[import-untyped]
from markupsafe import Markup, escape

from fandex.export.markup import sanitise_html

_VOID = re.compile(r"<(br|hr)(\s[^>]*)?>")
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _parse_fragment(clean: str) -> Any:
    """Parse nh3's output under a ``<div>``, keeping its HTML5 tree.

    nh3 serialises a tree an HTML5 parser built; read as XML (void tags closed,
    ``&nbsp;`` spelled out) that tree survives as it is, where libxml2's HTML parser
    would rebuild it (``<i><p>..</p></i>`` loses its italics). HTML parsing is the
    fallback.
    """
    xmlish = _VOID.sub(lambda m: f"<{m.group(1)}{m.group(2) or ''}/>", clean)
    xmlish = xmlish.replace("&nbsp;", "&#160;")
    try:
        return etree.fromstring(f"<div>{xmlish}</div>", _SAFE_XML)
    except etree.XMLSyntaxError:
        return lxml_html.fragment_fromstring(clean, create_parent="div")


# Content-model repair: what a browser shrugs at, epubcheck rejects.
_BLOCKS = frozenset(
    {"p", "div", "blockquote", "ul", "ol", "dl", "table", "hr", "pre"}
    | {f"h{i}" for i in range(1, 7)}
)
_FORMATTING = frozenset(
    {"a", "abbr", "b", "cite", "code", "del", "em", "i", "ins", "kbd", "q", "s", "small",
     "span", "strong", "sub", "sup", "u"}
)  # fmt: skip
_PHRASING_BLOCKS = frozenset({"p", "pre", "dt"} | {f"h{i}" for i in range(1, 7)})
_CONTAINERS = {"li": ("ul", "ol"), "dd": ("dl",), "dt": ("dl",)}


def _clone(el: Any) -> Any:
    return el.makeelement(el.tag, dict(el.attrib))


def _push_down(el: Any) -> None:
    """``<i>a<p>b</p></i>`` -> ``<i>a</i><p><i>b</i></p>``: formatting moves inside blocks."""
    parent = el.getparent()
    index = parent.index(el)
    out: list[Any] = []
    inline: Any = None

    def add_text(text: str | None) -> None:
        nonlocal inline
        if not text:
            return
        if inline is None:
            if not text.strip() and out:
                out[-1].tail = (out[-1].tail or "") + text
                return
            inline = _clone(el)
            out.append(inline)
        if len(inline):
            inline[-1].tail = (inline[-1].tail or "") + text
        else:
            inline.text = (inline.text or "") + text

    add_text(el.text)
    for child in list(el):
        tail, child.tail = child.tail, None
        if child.tag in _BLOCKS:
            inline = None
            if child.tag in _PHRASING_BLOCKS or child.tag in ("div", "blockquote"):
                wrapper = _clone(el)
                wrapper.text, child.text = child.text, None
                for grandchild in list(child):
                    wrapper.append(grandchild)
                child.append(wrapper)
            out.append(child)
        else:
            if inline is None:
                inline = _clone(el)
                out.append(inline)
            inline.append(child)
        add_text(tail)
    tail = el.tail
    parent.remove(el)
    for offset, node in enumerate(out):
        parent.insert(index + offset, node)
    if tail:
        if out:
            out[-1].tail = (out[-1].tail or "") + tail
        elif index > 0:
            parent[index - 1].tail = (parent[index - 1].tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _repair_once(root: Any) -> bool:
    for el in root.iter():
        if el is root or not isinstance(el.tag, str):
            continue
        has_block = any(child.tag in _BLOCKS for child in el)
        parent = el.getparent()
        if el.tag in _CONTAINERS and parent.tag not in _CONTAINERS[el.tag]:
            el.tag = "div"  # a list item or definition outside its list
            return True
        if has_block and el.tag in _FORMATTING:
            _push_down(el)
            return True
        if has_block and el.tag in _PHRASING_BLOCKS:
            el.tag = "div"  # a heading or paragraph that holds blocks
            return True
    return False


def repair_content_model(root: Any, *, max_steps: int = 10_000) -> None:
    """Rewrite ``root``'s subtree until every element sits where XHTML allows it."""
    for _ in range(max_steps):
        if not _repair_once(root):
            return


def html_to_xhtml(html: str) -> Markup:
    """Sanitise ``html`` and serialise it as XHTML (closed ``<br/>``, no HTML entities),
    with its structure repaired so that epubcheck accepts it."""
    clean = sanitise_html(html)
    if not clean.strip():
        return Markup("")
    root = _parse_fragment(clean)
    repair_content_model(root)
    parts = [escape(root.text or "")]
    for child in root:
        parts.append(Markup(etree.tostring(child, method="xml", encoding="unicode")))
    return Markup("").join(parts)
