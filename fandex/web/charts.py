"""Small inline SVG charts (no scripts, no external assets), readable without colour.

>>> "<svg" in bar_chart([("Buffy", 3), ("Angel", 1)], title="Works by fandom")
True
"""

from __future__ import annotations

from markupsafe import Markup, escape

_ROW = 26
_LABEL_W = 220
_BAR_W = 320


def bar_chart(rows: list[tuple[str, int]], *, title: str) -> Markup:
    """A horizontal bar chart: one labelled bar per row, the count written at its end."""
    if not rows:
        return Markup("")
    top = max(n for _, n in rows) or 1
    height = _ROW * len(rows) + 8
    width = _LABEL_W + _BAR_W + 70
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="chart-{id(rows)}">',
        f'<title id="chart-{id(rows)}">{escape(title)}: '
        + escape(", ".join(f"{name} {n}" for name, n in rows))
        + "</title>",
    ]
    for i, (name, n) in enumerate(rows):
        y = 4 + i * _ROW
        bar = max(2, round(_BAR_W * n / top))
        label = name if len(name) <= 30 else name[:29] + "…"
        parts.append(
            f'<text class="chart-label" x="{_LABEL_W - 8}" y="{y + 17}" '
            f'text-anchor="end">{escape(label)}</text>'
            f'<rect class="chart-bar" x="{_LABEL_W}" y="{y + 3}" width="{bar}" height="{_ROW - 8}"'
            ' rx="2"></rect>'
            f'<text class="chart-value" x="{_LABEL_W + bar + 6}" y="{y + 17}">{n:,}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
