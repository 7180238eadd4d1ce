"""The ``learned`` tagger: applies a library's trained models (``source: "learned"``).

It reads the models file named by its ``models_path`` setting, else that of the
library the run writes to (its ``library`` setting, filled in by the pipeline), else of
``$FANDEX_LIBRARY`` (or the default library), and does nothing when there is none. Only
models that beat the built-in tagger on held-out works are applied; of the rating
models, only the most probable rating is added. Stated and user tags always win
(:meth:`fandex.model.Work.add_tag`).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

from fandex.learn.model import LinearModel, ModelSet, tokenize
from fandex.learn.store import load_models, models_path_for
from fandex.model import Evidence, Tag, Work
from fandex.tag.cues_analysis import quote
from fandex.tag.pipeline import tagger

NAME = "learned"


def term_evidence(work: Work, terms: list[str], limit: int = 3) -> list[Evidence]:
    """The first passage that uses each of ``terms`` (the words that drove a model)."""
    out: list[Evidence] = []
    for term in terms:
        pattern = re.compile(rf"\b{re.escape(term)}\b", re.IGNORECASE)
        for ch in work.chapters:
            m = pattern.search(ch.text)
            if m:
                out.append(quote(ch.text, ch.index, m.start(), m.end()))
                break
        if len(out) >= limit:
            break
    return out


def apply_models(work: Work, models: ModelSet) -> list[Tag]:
    """Add the tags the used models predict for ``work``; return the tags added."""
    used = models.used()
    if not used or not work.chapters:
        return []
    counts = Counter(tokenize(work.text))
    added: list[Tag] = []
    ratings: list[tuple[float, LinearModel]] = []
    for model in used:
        p = model.probability(counts)
        if p < model.threshold:
            continue
        if model.type == "rating":
            ratings.append((p, model))
            continue
        added.extend(_add(work, model, p, counts))
    if ratings:
        p, model = max(ratings, key=lambda pm: pm[0])
        added.extend(_add(work, model, p, counts))
    return added


def _add(work: Work, model: LinearModel, p: float, counts: Counter[str]) -> list[Tag]:
    evidence = term_evidence(work, model.top_terms(counts))
    tag = Tag(
        model.type,
        model.name,
        source="learned",
        confidence=round(min(0.99, p), 3),
        evidence=evidence,
        tagger=NAME,
        attrs={"terms": model.top_terms(counts, 5)},
    )
    return [tag] if work.add_tag(tag) else []


@tagger(
    NAME,
    requires=("text", "tags.stated"),
    assigns=("tags.learned",),
    default_config={"models_path": None, "library": None},
)
def learned_tagger(work: Work, config: dict[str, Any]) -> None:
    """Apply the library's learned models, if it has any."""
    raw = config.get("models_path")
    location = config.get("library") or os.environ.get("FANDEX_LIBRARY")
    path = Path(raw) if raw else models_path_for(location)
    models = load_models(path)
    if models is not None:
        apply_models(work, models)
