"""The parse stage: a :class:`RawDocument` becomes a :class:`Work` with stated tags.

Modules, one idea each: ``labels`` (header labels -> fields, data in
``vocab/header.toml``), ``lines`` (separators, headings, end markers, footnote
legends), ``titleline`` (title and byline lines), ``header`` (where the header is),
``header_block`` (one header block's labelled fields), ``values`` / ``dates`` (what
values mean: ratings, warnings, pairings, categories, dates), ``structure`` (chapters,
breaks, end notes, footnotes), ``chapter_head`` (a chapter's own opening notes),
``apply`` (fields -> work record and stated tags) and ``build`` (the entry point).
"""

from fandex.parse.build import build_work

__all__ = ["build_work"]
