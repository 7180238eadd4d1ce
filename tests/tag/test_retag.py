"""Re-tagging drops a tagger's stale inferred tags and keeps everything else."""

from __future__ import annotations

from fandex.model import Chapter, Evidence, Tag, Work
from fandex.tag.pipeline import TaggerPipeline
from fandex.tag.retag import PACK_TAGGERS, retag


def test_retag_replaces_stale_inferred_tags_and_keeps_stated_and_others() -> None:
    text = "Buffy met Willow. Xander waved at Giles. Buffy laughed and Willow sighed. " * 2
    w = Work(chapters=[Chapter(1, text=text)])
    stale = Tag("character", "Harry Potter", "inferred", 0.9, [], "characters")
    foreign = Tag("freeform", "Fluff", "inferred", 0.7, [], "content-notes")
    stated = Tag("rating", "Mature", evidence=[Evidence(field="Rating")])
    w.tags = [stale, foreign, stated]
    changed = retag(w, TaggerPipeline(list(PACK_TAGGERS)))
    names = {t.name for t in w.tags}
    assert changed
    assert "Harry Potter" not in names
    assert {"Fluff", "Mature", "Buffy Summers", "Willow Rosenberg"} <= names


def test_retag_reports_no_change_when_nothing_changes() -> None:
    w = Work(chapters=[Chapter(1, text="Nothing happens here at all.")])
    pipe = TaggerPipeline(list(PACK_TAGGERS))
    retag(w, pipe)
    assert not retag(w, pipe)
