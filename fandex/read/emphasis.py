"""Emphasis conventions of plain-text fic: ``*stress*``, ``_stress_``, ``/thought/``,
``//thought//``, Markdown's ``**bold**`` (FanFicFare's text download writes it), and
the ``<i>``/``<b>`` tags old text files carry. Markers are removed
and the stretch becomes a :class:`Span`, so the text reads the same as the HTML edition
of the story and the reader can style it.
"""

from __future__ import annotations

import re

from fandex.read.document import Block, Span

# Each convention: opening marker not glued to a word (so "Spike/Xander", "and/or",
# "http://", "snake_case" are left alone), no spaces just inside the markers, bounded
# length so a stray marker cannot swallow a page.
_PATTERN = re.compile(
    r"(?=[*_/<])"  # fail fast: most positions are not a marker
    r"(?:(?P<dslash>(?<![\w:/<])//(?=[^\s/])(?P<t_dslash>[^/\n]{1,400}?)(?<=[^\s/])//(?![\w/]))"
    r"|(?P<dstar>(?<![\w*])\*\*(?=[^\s*])(?P<t_dstar>[^*\n]{1,400}?)(?<=[^\s*])\*\*(?![\w*]))"
    r"|(?P<star>(?<![\w*])\*(?=[^\s*])(?P<t_star>[^*\n]{1,400}?)(?<=[^\s*])\*(?![\w*]))"
    r"|(?P<under>(?<![\w_])_(?=[^\s_])(?P<t_under>[^_\n]{1,400}?)(?<=[^\s_])_(?![\w_]))"
    r"|(?P<slash>(?<![\w:/<.])/(?=[^\s/])(?P<t_slash>[^/\n]{1,400}?)(?<=[^\s/])/(?![\w/]))"
    r"|(?P<tag><(?P<tname>(?i:i|em|b|strong|u))>(?P<t_tag>[^<\n]{1,400}?)</(?P=tname)>))"
)
# Any character a marker begins with: a paragraph without one (most of them) is passed
# over by a quick scan instead of the pattern's.
_MARKER = re.compile(r"[*_/<]")
_KIND = {
    "dslash": "thought",
    "dstar": "strong",
    "star": "em",
    "under": "em",
    "slash": "thought",
    "tag": "em",
}
_MARK = {"dslash": "//", "dstar": "**", "star": "*", "under": "_", "slash": "/"}
_STRONG_TAGS = {"b", "strong"}
# How often a convention must occur before we believe the author uses it; a lone
# "/x/" or "_x_" is more likely a path or a name than a thought.
_MIN_COUNT = {"dslash": 1, "dstar": 1, "star": 1, "under": 2, "slash": 2}


def find_conventions(blocks: list[Block]) -> list[str]:
    """Markers the text uses often enough to be a convention, e.g. ``["*", "//"]``."""
    counts = dict.fromkeys(_MARK, 0)
    for block in blocks:
        if block.kind != "paragraph" or _MARKER.search(block.text) is None:
            continue
        for m in _PATTERN.finditer(block.text):
            kind = _group(m)
            if kind in counts:
                counts[kind] += 1
    return [_MARK[k] for k, n in counts.items() if n >= _MIN_COUNT[k]]


def apply_conventions(blocks: list[Block], conventions: list[str]) -> None:
    """Strip the markers of ``conventions`` (and any ``<i>``-style tags) in place,
    recording emphasis spans."""
    wanted = {k for k, mark in _MARK.items() if mark in conventions} | {"tag"}
    for block in blocks:
        if block.kind != "paragraph" or block.spans or _MARKER.search(block.text) is None:
            continue
        if len(wanted) > 1 or "<" in block.text:
            block.text, block.spans = _rewrite(block.text, wanted)


def _group(m: re.Match[str]) -> str:
    # The outer named group closes after its inner text group, so it is ``lastgroup``.
    assert m.lastgroup in _KIND
    return m.lastgroup


def _rewrite(text: str, wanted: set[str]) -> tuple[str, list[Span]]:
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    length = 0
    for m in _PATTERN.finditer(text):
        kind = _group(m)
        if kind not in wanted:
            continue
        before = text[pos : m.start()]
        out.append(before)
        length += len(before)
        inner = m.group("t_" + kind)
        style = _KIND[kind]
        if kind == "tag" and m.group("tname").lower() in _STRONG_TAGS:
            style = "strong"
        spans.append(Span(length, length + len(inner), style))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans
