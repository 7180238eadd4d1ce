"""After a pipeline's first work, what its taggers loaded is settled out of the cyclic
collector's sight once per process and tagger: garbage is collected first, not kept,
and a later pipeline of the same taggers settles nothing again."""

from __future__ import annotations

import gc
import weakref
from typing import Any

from fandex.model import Chapter, Work
from fandex.tag.pipeline import TaggerPipeline
from fandex.tag.spec import TaggerSpec


class _Node:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def _noop(work: Work, config: dict[str, Any]) -> None:
    return None


def _work() -> Work:
    return Work(chapters=[Chapter(1, text="Buffy patrolled.")])


def test_a_first_work_settles_once_per_tagger_and_collects_garbage_first() -> None:
    registry = {"settle-probe": TaggerSpec("settle-probe", _noop)}
    garbage = _Node()
    gone = weakref.ref(garbage)
    del garbage  # garbage in a cycle when the first work is tagged
    before = gc.get_freeze_count()
    TaggerPipeline(registry=registry)(_work())
    assert gone() is None  # collected, not frozen for good
    assert gc.get_freeze_count() > before  # what was alive then is settled
    # A second pipeline of the same tagger settles nothing: what it keeps alive and
    # drops later is left to the collector.
    kept = _Node()
    still = weakref.ref(kept)
    settled = gc.get_freeze_count()
    TaggerPipeline(registry=registry)(_work())
    assert gc.get_freeze_count() == settled
    del kept
    gc.collect()
    assert still() is None


def test_the_collector_is_paused_while_a_work_is_tagged_and_resumed_after() -> None:
    seen: list[bool] = []

    def probe(work: Work, config: dict[str, Any]) -> None:
        seen.append(gc.isenabled())

    def failing(work: Work, config: dict[str, Any]) -> None:
        seen.append(gc.isenabled())
        raise RuntimeError("a tagger's bug")

    registry = {
        "gc-probe": TaggerSpec("gc-probe", probe),
        "gc-fails": TaggerSpec("gc-fails", failing),
    }
    pipe = TaggerPipeline(registry=registry)
    assert gc.isenabled()
    work = pipe(_work())
    assert seen == [False, False]  # paused for every tagger, the failing one too
    assert gc.isenabled()  # and running again after, although a tagger raised
    assert [f["tagger"] for f in work.failures] == ["gc-fails"]
    # A pipeline run inside another tagger's run (nested) leaves it paused until the
    # outer one ends.
    inner = TaggerPipeline(registry={"gc-probe": TaggerSpec("gc-probe", probe)})

    def nested(work: Work, config: dict[str, Any]) -> None:
        inner(_work())
        seen.append(gc.isenabled())

    seen.clear()
    TaggerPipeline(registry={"gc-nested": TaggerSpec("gc-nested", nested)})(_work())
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    try:
        TaggerPipeline(registry={"settle-probe": TaggerSpec("settle-probe", _noop)})(_work())
        assert not gc.isenabled()
    finally:
        gc.enable()
