"""The labelled pairs the pair model is fitted and scored on (``train_pair_model.py``).

For every work of the written sets (the main set, ``calibration_works/``, and the spent
held-out sets, ``calibration_sets.SPENT``; the unseen ``heldout25/`` is never read
here), read as ``eval_relationships.py`` reads it (its stated tags taken away): what the
taggers show (the hand rules' relationship tags), the stated relationships, and for
every two of the story's leads (``fandex.tag.pair_features.candidate_pairs``) its features
(``fandex.tag.pair_features.pair_rows``) and which kind of relationship the
author states between them: ``/`` a couple, ``&`` a platonic bond, or none; and the
words of its text (``story_words.py``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calibration_sets import CALIBRATION_WORKS, SPENT
from labelled import corpus, right
from story_words import word_counts

from fandex.tag.pair_features import pair_rows
from fandex.tag.pipeline import TaggerPipeline
from fandex.tag.relationships import relatives, stated_pairs, told_bonds
from fandex.tag.romance import score_pairs
from fandex.tag.story_people import THIRD_RATIO, character_shares
from fandex.vocab.packs import relationship_name

SETS = (CALIBRATION_WORKS, *SPENT)
KINDS = ("", "/", " & ")  # class 0: no relationship stated between them


def set_name(folder: Path) -> str:
    return "main" if folder == CALIBRATION_WORKS else folder.name


def read_set(folder: Path) -> list[dict[str, Any]]:
    """One record per labelled work of ``folder`` (see the module)."""
    pipe = TaggerPipeline()
    out = []
    for item in corpus(folder):
        labels = list(item.labels.get("relationship", []))
        work = pipe(item.work)
        tags = [
            {
                "name": t.name,
                "confidence": t.confidence,
                "past": t.attrs.get("status") == "past",
                "tagger": t.tagger,
                "people": sorted(_people(t.name)),
            }
            for t in work.tags_of("relationship")
            # (The pair model's own guesses are no rule's: it is fitted on what they leave.)
            if t.source == "inferred" and "pair_model" not in t.attrs
        ]
        romance = score_pairs(work)
        shares = character_shares(work)
        told = told_bonds(work, romance, shares, THIRD_RATIO)
        pairs = []
        for pair, values in pair_rows(work, romance, shares, told, relatives).items():
            kind = next(
                (
                    k
                    for k in (1, 2)
                    if right("relationship", relationship_name(pair, KINDS[k]), labels)
                ),
                0,
            )
            pairs.append({"pair": list(pair), "x": values, "y": kind})
        out.append(
            {
                "set": set_name(folder),
                "work": item.name,
                "labels": labels,
                "stated": bool(stated_pairs(work)),
                "tags": tags,
                "pairs": pairs,
                "words": word_counts(work),
            }
        )
    return out


def _people(name: str) -> set[str]:
    return {p.strip() for p in name.replace("&", "/").split("/") if p.strip()}


def load(cache: Path | None = None, jobs: int = 2) -> list[dict[str, Any]]:
    """Every set's records (read anew, or from ``cache`` when it exists)."""
    if cache is not None and cache.exists():
        data: list[dict[str, Any]] = json.loads(cache.read_text("utf-8"))
        return data
    if jobs > 1:
        from multiprocessing import Pool

        with Pool(jobs) as pool:
            parts = pool.map(read_set, SETS)
    else:
        parts = [read_set(f) for f in SETS]
    records = [r for part in parts for r in part]
    if cache is not None:
        cache.write_text(json.dumps(records), "utf-8")
    return records
