"""Emphasis a page sets with CSS, read as the italics and bold a reader sees.

Word processors' HTML sets a story's italics by style, not by ``<i>``: Google Docs'
"Download as web page" puts every run of italic words in a ``<span class="c3">`` and
``.c3{font-style:italic}`` in the page's ``<style>``; Word's and LibreOffice's pages, and
text pasted from them into a site, write ``<span style="font-style: italic">``. Read by
tag alone, the italics (a character's thoughts, a word stressed, a letter quoted) were
lost. :func:`mark_emphasis` renames those inline elements to ``<em>`` and ``<strong>``
before the page's text is read.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["emphasis_classes", "mark_emphasis"]

# "sel, sel { declarations }": a rule of the page's own style sheet.
_RULE = re.compile(r"([^{}]{1,2000})\{([^{}]{0,2000})\}")
_ITALIC = re.compile(r"font-style\s*:\s*(?:italic|oblique)\b", re.IGNORECASE)
_BOLD = re.compile(r"font-weight\s*:\s*(?:bold(?:er)?|[6-9]00)\b", re.IGNORECASE)
# ".c3" or "span.c3": one class alone (a rule for a class inside another's scope, or
# for an element, says nothing of one run of words).
_CLASS_SELECTOR = re.compile(r"\s*(?:span|font)?\.(-?[A-Za-z_][\w-]{0,80})\s*")
# Longer style sheets are a site's theme, whose rules are for its chrome.
_MAX_STYLE_CHARS = 200_000
_INLINE = ("span", "font")


def emphasis_classes(root: Any) -> tuple[set[str], set[str]]:
    """The classes the page's ``<style>`` elements set italic, and those set bold.

    >>> import lxml.html
    >>> page = lxml.html.fromstring(
    ...     "<html><head><style>.c3{font-style:italic}.c5{font-weight:700}"
    ...     ".c0{font-style:normal;font-weight:400}</style></head><body><p>x</p></body></html>")
    >>> emphasis_classes(page)
    ({'c3'}, {'c5'})
    """
    italic: set[str] = set()
    bold: set[str] = set()
    for style in root.iter("style"):
        css = style.text or ""
        if len(css) > _MAX_STYLE_CHARS:
            continue
        for selectors, body in _RULE.findall(css):
            slanted = _ITALIC.search(body) is not None
            if not slanted and _BOLD.search(body) is None:
                continue
            for selector in selectors.split(","):
                m = _CLASS_SELECTOR.fullmatch(selector)
                if m is not None:
                    (italic if slanted else bold).add(m.group(1))
    return italic, bold


def mark_emphasis(root: Any) -> int:
    """Rename, in place, the inline elements under ``root`` that the page's style sheet
    or their own ``style`` sets italic (to ``em``) or bold (to ``strong``); returns how
    many. Italic wins where both are set: a reader's italics carry the meaning."""
    italic, bold = emphasis_classes(root)
    marked = []
    for el in root.iter(*_INLINE):
        names = set((el.get("class") or "").split())
        style = el.get("style") or ""
        if names & italic or (style and _ITALIC.search(style)):
            marked.append((el, "em"))
        elif names & bold or (style and _BOLD.search(style)):
            marked.append((el, "strong"))
    for el, tag in marked:
        el.tag = tag
    return len(marked)
