"""Re-running some taggers on a stored work, e.g. after ``fandex packs learn``.

The named taggers' own inferred tags (and failures) are dropped first, so a tag they
would no longer give disappears; stated, user and other taggers' tags stay.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from fandex.model import Work
from fandex.tag.pipeline import TaggerPipeline

PACK_TAGGERS: tuple[str, ...] = ("fandom", "characters", "relationships", "category")


def _fingerprint(work: Work) -> list[str]:
    return sorted(json.dumps(t.to_dict(), sort_keys=True) for t in work.tags)


def retag(work: Work, pipeline: TaggerPipeline, names: Sequence[str] = PACK_TAGGERS) -> bool:
    """Re-run ``pipeline`` (made of ``names``) on ``work``; True if its tags changed."""
    before = _fingerprint(work)
    own = set(names)
    work.tags = [t for t in work.tags if not (t.source == "inferred" and t.tagger in own)]
    work.failures = [f for f in work.failures if f.get("tagger") not in own]
    pipeline(work)
    return _fingerprint(work) != before
