"""Footnotes an e-book marks up as such: EPUB 3's ``epub:type="footnote"`` notes and the
notes section Pandoc, Sigil and calibre write at a chapter's or book's end.

A reader sees a small raised number in the text and the note at the bottom of the page
(or in a pop-up), never a numbered list after the story ending in "↩︎" back links.
:func:`take_notes` removes the notes from the page, turns each reference into a ``[n]``
mark as the other readers write it, and returns ``(mark, text)`` pairs.
"""

from __future__ import annotations

from typing import Any

from fandex.read.htmltext import text_of

_OPS_TYPE = "{http://www.idpf.org/2007/ops}type"
# Containers of notes, by EPUB 3 semantics, ARIA role or the class converters give them.
_NOTE_BOX_TYPES = frozenset({"footnotes", "endnotes", "rearnotes"})
_NOTE_BOX_ROLES = frozenset({"doc-endnotes", "doc-footnotes"})
_NOTE_BOX_CLASSES = frozenset({"footnotes", "endnotes"})
_NOTE_TYPES = frozenset({"footnote", "endnote", "rearnote"})
_NOTE_ROLES = frozenset({"doc-footnote", "doc-endnote"})
_BACKLINK_ROLES = frozenset({"doc-backlink"})
_BACKLINK_CLASSES = frozenset({"footnote-back", "footnote-backref", "fn-back"})
_REF_TYPES = frozenset({"noteref"})
_REF_ROLES = frozenset({"doc-noteref"})
_REF_CLASSES = frozenset({"footnote-ref", "noteref"})


def _words(el: Any, attr: str) -> set[str]:
    value = el.get(attr) or ""
    if attr == _OPS_TYPE:
        value = value or el.get("epub:type") or ""
    return set(value.split())


def _is(el: Any, types: frozenset[str], roles: frozenset[str], classes: frozenset[str]) -> bool:
    return bool(
        _words(el, _OPS_TYPE) & types or _words(el, "role") & roles or _words(el, "class") & classes
    )


def _note_items(box: Any) -> list[Any]:
    items = [
        el
        for el in box.iter()
        if isinstance(el.tag, str) and _is(el, _NOTE_TYPES, _NOTE_ROLES, frozenset())
    ]
    return items or list(box.iter("li"))


def take_notes(root: Any, start: int = 1) -> list[tuple[str, str]]:
    """Remove the page's marked notes; return ``[(mark, text)]`` in order, numbered from
    ``start`` (a book's notes run on from page to page).

    >>> from fandex.read.htmltext import parse_html
    >>> page = parse_html('<p>Ila rowed.<a href="#fn1" class="footnote-ref">1</a></p>'
    ...     '<section class="footnotes"><ol><li id="fn1"><p>A boat.'
    ...     '<a href="#fnref1" class="footnote-back">↩</a></p></li></ol></section>')
    >>> take_notes(page), text_of(page).strip()
    ([('1', 'A boat.')], 'Ila rowed.[1]')
    """
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    boxes = [el for el in elements if _is(el, _NOTE_BOX_TYPES, _NOTE_BOX_ROLES, _NOTE_BOX_CLASSES)]
    loose = [
        el
        for el in elements
        if _is(el, _NOTE_TYPES, _NOTE_ROLES, frozenset())
        and not any(b in el.iterancestors() for b in boxes)
    ]
    items = [item for box in boxes for item in _note_items(box)] + loose
    if not items:
        return []
    ids: dict[str, str] = {}
    notes: list[tuple[str, str]] = []
    for n, item in enumerate(items, start=start):
        for back in [
            el
            for el in item.iter()
            if isinstance(el.tag, str) and _is(el, frozenset(), _BACKLINK_ROLES, _BACKLINK_CLASSES)
        ]:
            back.getparent().remove(back)
        mark = str(n)
        if item.get("id"):
            ids[item.get("id")] = mark
        text = " ".join(text_of(item).split())
        if text:
            notes.append((mark, text))
    for ref in [el for el in elements if _is(el, _REF_TYPES, _REF_ROLES, _REF_CLASSES)]:
        href = ref.get("href") or next(
            (str(a.get("href")) for a in ref.iter("a") if a.get("href")), ""
        )
        target = str(href).rpartition("#")[2]
        ref_mark = ids.get(target)
        if ref_mark is None:
            continue
        tail = ref.tail
        for child in list(ref):
            ref.remove(child)
        ref.text = f"[{ref_mark}]"
        ref.tail = tail
    for el in [*boxes, *loose]:
        parent = el.getparent()
        if parent is not None:
            _drop_keeping_tail(el)
    return notes


def _drop_keeping_tail(el: Any) -> None:
    parent = el.getparent()
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


__all__ = ["take_notes"]
