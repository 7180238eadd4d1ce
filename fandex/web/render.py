"""Turning a work into what a page shows: tag groups, AO3's symbols, chapter text.

Chapter text is plain text; it is escaped here (never trusted as markup) and split
into paragraphs, with evidence passages wrapped in ``<mark>`` and footnote marks
such as ``[1]`` linked to their notes. Offsets of evidence point into the plain text,
so highlighting always works from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from fandex.model import SOURCE_RANK, TAG_TYPES, Tag, Work
from fandex.query import Context, default_thresholds
from fandex.review import open_flags
from fandex.tag.calibration import uncalibrated
from fandex.tag.rating import rating_tagger
from fandex.tag.reconcile import AUTHORITY, GUESSES, RATING_DISAGREES
from fandex.tag.warnings import warnings_tagger, why_no_warning

__all__ = [
    "BLURB_NOTES",
    "Symbol",
    "author_groups",
    "blurb_fandoms",
    "blurb_notes",
    "chapter_html",
    "disagreements",
    "missing_warnings",
    "no_warning",
    "noticed_groups",
    "required_symbols",
    "tag_groups",
    "tag_ref",
    "visible_of",
    "visible_tags",
]

TYPE_LABELS = {
    "rating": "Rating",
    "warning": "Archive Warning",
    "category": "Category",
    "fandom": "Fandom",
    "relationship": "Relationships",
    "character": "Characters",
    "freeform": "Additional Tags",
}

_RATINGS = {
    "general audiences": ("rating-general", "G"),
    "teen and up audiences": ("rating-teen", "T"),
    "mature": ("rating-mature", "M"),
    "explicit": ("rating-explicit", "E"),
}
_REAL_WARNINGS = {
    "graphic depictions of violence",
    "major character death",
    "rape/non-con",
    "underage sex",
    "underage",
}


@dataclass(frozen=True)
class Symbol:
    """One of AO3's four squares: a CSS class, the letter shown, the text alternative."""

    css: str
    letter: str
    label: str
    inferred: bool = False


def visible_tags(work: Work) -> list[Tag]:
    """Tags to show: rejected ones hidden; strongest source first, then confidence."""
    order = {t: i for i, t in enumerate(TAG_TYPES)}
    tags = [t for t in work.tags if not t.attrs.get("rejected")]
    return sorted(
        tags, key=lambda t: (order[t.type], -SOURCE_RANK[t.source], -t.confidence, t.name)
    )


def tag_groups(work: Work) -> list[tuple[str, str, list[Tag]]]:
    """``(type, label, tags)`` per tag type that has any, in AO3's order."""
    tags = visible_tags(work)
    return [
        (type_, TYPE_LABELS[type_], [t for t in tags if t.type == type_])
        for type_ in TAG_TYPES
        if any(t.type == type_ for t in tags)
    ]


def visible_of(work: Work, type_: str) -> list[Tag]:
    """The visible tags of one type."""
    return [t for t in visible_tags(work) if t.type == type_]


# -- the author's tags and what fandex noticed, shown apart ------------------------------

#: How many of fandex's notes (besides archive warnings) a listing blurb shows.
BLURB_NOTES = 3
_CONTEXT = Context(thresholds=default_thresholds())


def _grouped(tags: list[Tag]) -> list[tuple[str, str, list[Tag]]]:
    return [
        (type_, TYPE_LABELS[type_], [t for t in tags if t.type == type_])
        for type_ in TAG_TYPES
        if any(t.type == type_ for t in tags)
    ]


def author_groups(work: Work) -> list[tuple[str, str, list[Tag]]]:
    """The author's tags (and a person's), by type in AO3's order."""
    return _grouped([t for t in visible_tags(work) if t.source in AUTHORITY])


def _noticed(work: Work) -> tuple[list[Tag], list[Tag]]:
    """fandex's guesses that count (as search counts them), and the less sure ones."""
    counting = {id(t) for t in _CONTEXT.counting(work)}
    guesses = [t for t in visible_tags(work) if t.source in GUESSES]
    return [t for t in guesses if id(t) in counting], [t for t in guesses if id(t) not in counting]


def noticed_groups(work: Work) -> tuple[list[tuple[str, str, list[Tag]]], list[Tag]]:
    """What fandex noticed in the text, by type (the guesses search counts), and the
    guesses below their type's threshold (shown apart, as less sure)."""
    sure, unsure = _noticed(work)
    return _grouped(sure), sorted(unsure, key=lambda t: -t.confidence)


def blurb_fandoms(work: Work) -> list[Tag]:
    """The fandoms a blurb's heading names: the author's, else fandex's guesses."""
    return _heading_fandoms(work, _noticed(work)[0])


def _heading_fandoms(work: Work, sure: list[Tag]) -> list[Tag]:
    # Takes the counted guesses from the caller: a blurb asks for them once (they run
    # the search thresholds over every tag of the work).
    stated = [t for t in visible_of(work, "fandom") if t.source in AUTHORITY]
    return stated or [t for t in sure if t.type == "fandom"]


def blurb_notes(work: Work, limit: int = BLURB_NOTES) -> tuple[list[Tag], int]:
    """The few guesses a listing blurb shows on its "fandex noticed" line, and how many
    more the work page lists: every archive warning fandex counts, then the ``limit``
    most confident others (the rating and fandoms have their own places). A guess of a
    type whose confidence no map calibrates (:func:`fandex.tag.calibration.uncalibrated`)
    stays on the work page, except an archive warning: a possible warning is always
    worth a look."""
    counted = _noticed(work)[0]
    heading = {t.key for t in _heading_fandoms(work, counted)}
    noticed = [t for t in counted if t.type not in ("rating", "category") and t.key not in heading]
    sure = [t for t in noticed if t.type == "warning" or not uncalibrated(t.type)]
    warnings = [t for t in sure if t.type == "warning"]
    others = sorted((t for t in sure if t.type != "warning"), key=lambda t: -t.confidence)
    shown = warnings + others[:limit]
    return shown, len(noticed) - len(shown)


def tag_ref(tag: Tag) -> str:
    """How a URL names a tag of a work: ``type:name``."""
    return f"{tag.type}:{tag.name}"


def _best(tags: list[Tag]) -> list[Tag]:
    """The tags of the strongest source present (stated beats a guess)."""
    if not tags:
        return []
    top = max(SOURCE_RANK[t.source] for t in tags)
    return [t for t in tags if SOURCE_RANK[t.source] == top]


def required_symbols(work: Work) -> list[Symbol]:
    """AO3's four squares in AO3's order: rating, category / warning, complete."""
    tags = visible_tags(work)
    ratings = _best([t for t in tags if t.type == "rating"])
    if ratings:
        rating = max(ratings, key=lambda t: t.confidence)
        css, letter = _RATINGS.get(rating.name.casefold(), ("rating-notrated", "?"))
        sym_rating = Symbol(css, letter, rating.name, rating.source in ("inferred", "learned"))
    else:
        sym_rating = Symbol("rating-notrated", "?", "Not Rated")

    warnings = _best([t for t in tags if t.type == "warning"])
    names = {t.name.casefold() for t in warnings}
    guessed = any(t.source in ("inferred", "learned") for t in warnings)
    real = [t.name for t in warnings if t.name.casefold() in _REAL_WARNINGS]
    if real:
        sym_warning = Symbol("warning-yes", "!", "Warnings: " + ", ".join(real), guessed)
    elif "no archive warnings apply" in names:
        sym_warning = Symbol("warning-no", "", "No Archive Warnings Apply", guessed)
    elif warnings:
        sym_warning = Symbol("warning-choosenotto", "?", "Choose Not To Use Archive Warnings")
    else:
        sym_warning = Symbol("warning-unknown", "?", "Warnings unknown")

    cats = _best([t for t in tags if t.type == "category"])
    if len(cats) == 1:
        cat = cats[0]
        css = "category-" + re.sub(r"[^a-z]", "", cat.name.casefold())
        sym_cat = Symbol(css, cat.name[:5], "Category: " + cat.name, cat.source != "stated")
    elif cats:
        label = "Categories: " + ", ".join(t.name for t in cats)
        sym_cat = Symbol("category-multi", "Mx", label, any(t.source != "stated" for t in cats))
    else:
        sym_cat = Symbol("category-none", "", "No category")

    if work.status == "complete":
        sym_done = Symbol("complete-yes", "✓", "Complete Work")
    elif work.status == "wip":
        sym_done = Symbol("complete-no", "…", "Work in Progress")
    else:
        sym_done = Symbol("complete-unknown", "?", "Completion unknown")
    return [sym_rating, sym_cat, sym_warning, sym_done]


def no_warning(work: Work) -> str | None:
    """Why a work shown with its text carries no archive warning at all, or None."""
    if not work.chapters or not any(c.text for c in work.chapters):
        return None  # a listing's work has no text to read: say nothing rather than guess
    if open_flags(work):
        return None  # the page already warns of a possible missing warning
    reason = why_no_warning(work)
    return reason[0] if reason else None


# A listing blurb raises a possible missing warning only at the bar the tagger that
# guesses it raises one at (its "flag_confidence"), read on the probability the flag
# shows; the work page shows every one.
_FLAG_BARS = {
    "warning": float(warnings_tagger.default_config.get("flag_confidence", 0.75)),
    "rating": float(rating_tagger.default_config.get("flag_confidence", 0.75)),
}


def missing_warnings(work: Work, *, listing: bool = False) -> list[Tag]:
    """Warnings a tagger says the work may be missing and no person has ruled on;
    ``listing``: only those sure enough to raise on a blurb."""
    return [
        tag
        for tag, _flag in open_flags(work)
        if not listing or tag.confidence >= _FLAG_BARS.get(tag.type, 0.75)
    ]


def disagreements(work: Work) -> list[Tag]:
    """Ratings fandex read against the author's, which no person has ruled on."""
    return [tag for tag, _flag in open_flags(work, (RATING_DISAGREES,))]


# -- chapter text --------------------------------------------------------------------------

_PARA = re.compile(r"\n[ \t]*\n\s*")


def _ranges(marks: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Evidence ranges made disjoint, each keeping the index of its first passage."""
    out: list[tuple[int, int, int]] = []
    for idx, (start, end) in sorted(enumerate(marks), key=lambda p: p[1]):
        if end <= start:
            continue
        if out and start < out[-1][1]:
            s, e, i = out[-1]
            out[-1] = (s, max(e, end), i)
        else:
            out.append((start, end, idx))
    return out


def _inline(text: str, footnote_re: re.Pattern[str] | None) -> Markup:
    """Escape a run of text; single newlines become ``<br>``; ``[1]`` links its note."""
    html = escape(text)
    if footnote_re is not None:
        html = Markup(
            footnote_re.sub(
                lambda m: (
                    f'<sup><a class="fnref" id="fnref-{_anchor(m.group(1))}" '
                    f'href="#fn-{_anchor(m.group(1))}">[{m.group(1)}]</a></sup>'
                ),
                str(html),
            )
        )
    return Markup(str(html).replace("\n", "<br>\n"))


def _anchor(mark: str) -> str:
    """An id-safe spelling of a footnote mark."""
    return re.sub(r"[^A-Za-z0-9_-]", lambda m: f"_{ord(m.group(0)):x}", mark)


def footnote_anchor(mark: str) -> str:
    """The element id of a footnote (``fn-`` + this)."""
    return _anchor(mark)


def chapter_html(
    text: str,
    *,
    marks: list[tuple[int, int]] | None = None,
    footnote_marks: list[str] | None = None,
) -> Markup:
    """Plain chapter text as escaped ``<p>`` paragraphs.

    ``marks`` are ``(start, end)`` offsets into ``text``; each becomes a ``<mark>``
    whose first piece has the id ``ev-N`` (N: its index in ``marks``).

    >>> str(chapter_html("One <b>.\\n\\nTwo three.", marks=[(10, 13)]))
    '<p>One &lt;b&gt;.</p>\\n<p><mark id="ev-0" tabindex="-1">Two</mark> three.</p>'
    """
    footnote_re = None
    if footnote_marks:
        alts = "|".join(re.escape(m) for m in sorted(footnote_marks, key=len, reverse=True))
        footnote_re = re.compile(r"\[(" + alts + r")\]")
    ranges = _ranges(marks or [])
    paragraphs: list[str] = []
    pos = 0
    bounds: list[tuple[int, int]] = []
    for m in _PARA.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    started: set[int] = set()
    for p_start, p_end in bounds:
        if p_start >= p_end:
            continue
        parts: list[str] = []
        cur = p_start
        for r_start, r_end, idx in ranges:
            s, e = max(r_start, p_start), min(r_end, p_end)
            if s >= e:
                continue
            if s > cur:
                parts.append(_inline(text[cur:s], footnote_re))
            ident = "" if idx in started else f' id="ev-{idx}" tabindex="-1"'
            started.add(idx)
            parts.append(f"<mark{ident}>{_inline(text[s:e], footnote_re)}</mark>")
            cur = e
        if cur < p_end:
            parts.append(_inline(text[cur:p_end], footnote_re))
        paragraphs.append("<p>" + "".join(parts) + "</p>")
    return Markup("\n".join(paragraphs))


def text_html(text: str | None) -> Markup:
    """Short plain text (a summary, notes) as escaped paragraphs."""
    if not text:
        return Markup("")
    return chapter_html(text)
