"""Taggers as declared components, and the pipeline that runs them.

A tagger is a function ``(work, config) -> None`` that adds tags with
:meth:`fandex.model.Work.add_tag`, wrapped in a :class:`TaggerSpec` that names it and
declares what it ``requires`` and ``assigns`` (spaCy's ``Language.factory`` idea)::

    @tagger("fandom", assigns=("tags.fandom",), default_config={"min_score": 3.0})
    def fandom_tagger(work: Work, config: dict[str, Any]) -> None: ...

Names a tagger may require without another tagger assigning them: those in
:data:`BASE_ATTRIBUTES` (what parsing provides). The pipeline checks at start-up that
every requirement is assigned by an earlier component, runs each tagger on each
work, and records a tagger's failure on that work (``work.failures``) instead of
stopping the import. Stated and user tags survive every tagger untouched.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from fandex.errors import ConfigError
from fandex.model import Tag, Work
from fandex.plugins import taggers
from fandex.tag.spec import TaggerFunc, TaggerSpec, tagger
from fandex.tag.textmemo import forget_all

__all__ = [
    "BASE_ATTRIBUTES",
    "TaggerFunc",
    "TaggerPipeline",
    "TaggerSpec",
    "check_order",
    "order_components",
    "tagger",
]

BASE_ATTRIBUTES: frozenset[str] = frozenset(
    {"text", "header", "chapters", "tags.stated", "language"}
)
_PROTECTED = ("stated", "user")


def order_components(specs: Mapping[str, TaggerSpec]) -> list[TaggerSpec]:
    """Order components so each runs after whatever assigns what it requires.

    Ties keep name order, so a run is reproducible. Raises :class:`ConfigError` on an
    unmet requirement or a cycle.
    """
    providers: dict[str, set[str]] = {}
    for spec in specs.values():
        for attr in spec.assigns:
            providers.setdefault(attr, set()).add(spec.name)
    deps: dict[str, set[str]] = {}
    for spec in specs.values():
        need: set[str] = set()
        for attr in spec.requires:
            if attr in BASE_ATTRIBUTES:
                continue
            if attr not in providers:
                raise ConfigError(
                    f"tagger {spec.name!r} requires {attr!r}, which no tagger assigns"
                )
            need |= providers[attr] - {spec.name}
        deps[spec.name] = need
    ordered: list[TaggerSpec] = []
    done: set[str] = set()
    while len(done) < len(specs):
        ready = sorted(n for n in specs if n not in done and deps[n] <= done)
        if not ready:
            stuck = sorted(n for n in specs if n not in done)
            raise ConfigError(f"taggers depend on each other in a cycle: {', '.join(stuck)}")
        for n in ready:
            ordered.append(specs[n])
            done.add(n)
    return ordered


def check_order(components: list[TaggerSpec]) -> None:
    """Raise :class:`ConfigError` if a component runs before what it requires."""
    available = set(BASE_ATTRIBUTES)
    for spec in components:
        missing = [a for a in spec.requires if a not in available]
        if missing:
            raise ConfigError(
                f"tagger {spec.name!r} requires {', '.join(missing)}, not assigned before it"
            )
        available.update(spec.assigns)


class TaggerPipeline:
    """The taggers of one run, checked once, applied to many works.

    ``names`` fixes an explicit order (checked); otherwise every registered tagger
    runs in dependency order. ``disable`` drops taggers by name; ``config`` maps a
    tagger name to settings merged over its defaults.
    """

    def __init__(
        self,
        names: list[str] | None = None,
        *,
        disable: Iterable[str] = (),
        config: Mapping[str, Mapping[str, Any]] | None = None,
        registry: Mapping[str, TaggerSpec] | None = None,
        library: str | None = None,
    ) -> None:
        if registry is None:
            registry = taggers()
        disabled = set(disable)
        unknown = disabled - set(registry)
        if unknown:
            raise ConfigError(f"no tagger named {', '.join(sorted(unknown))}")
        if names is not None:
            missing = [n for n in names if n not in registry]
            if missing:
                raise ConfigError(f"no tagger named {', '.join(missing)}")
            self.components = [registry[n] for n in names if n not in disabled]
            check_order(self.components)
        else:
            self.components = order_components(
                {n: s for n, s in registry.items() if n not in disabled}
            )
        self.config = {k: dict(v) for k, v in (config or {}).items()}
        self._settled = False  # see _settle
        # A tagger that declares a "library" setting (one that reads models trained on
        # this library, say) is told which library the run writes to.
        for spec in self.components:
            if "library" in spec.default_config and library is not None:
                self.config.setdefault(spec.name, {}).setdefault("library", library)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def __call__(self, work: Work) -> Work:
        with _collector_paused():
            for spec in self.components:
                protected = [t for t in work.tags if t.source in _PROTECTED]
                try:
                    spec(work, self.config.get(spec.name))
                except Exception as exc:  # a tagger's bug must not sink the import
                    reason = str(exc).splitlines()[0] if str(exc) else ""
                    work.failures.append(
                        {"tagger": spec.name, "error": f"{type(exc).__name__}: {reason}"}
                    )
                _restore(work, protected)
        if not self._settled:
            self._settled = True
            _settle(self.names)
        return work


# How many works are being tagged now (threads of one process): the cyclic collector is
# paused while any is, see _collector_paused.
_tagging = 0
_tagging_lock = threading.Lock()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one work is tagged, if it was running.

    Tagging a work allocates tens of thousands of short-lived containers (cue hits, name
    hits, spans), and each 700 of them set off a collection that walks the young objects
    again, a full one now and then everything not frozen: about a tenth of the tagging
    time on real works. Reference counting still frees all of it at once; the few cycles
    wait for the first collection after the work (the next allocations set it off as
    usual). Nested and concurrent calls resume the collector only when the last ends,
    and only if it was running when the first began."""
    global _tagging, _resume
    with _tagging_lock:
        if _tagging == 0:
            _resume = gc.isenabled()
            gc.disable()
        _tagging += 1
    try:
        yield
    finally:
        with _tagging_lock:
            _tagging -= 1
            if _tagging == 0:
                forget_all()  # what the memos kept was of use to the works just tagged
                if _resume:
                    gc.enable()


_resume = False

# The taggers whose first work has been followed by a settling, in this process.
_settled_taggers: set[str] = set()


def _settle(names: Iterable[str]) -> None:
    """Move what the taggers have loaded for good (packs, the alias index, cue lexicons,
    models: about 100,000 objects) out of the cyclic garbage collector's sight, after a
    pipeline's first work. Otherwise every full collection that the allocations of a
    long import trigger walks all of it again: about a fifth of the tagging time.

    Done once per process for each tagger (a later pipeline of the same taggers, as a
    server's next import builds, loads nothing new), so what is alive at that moment and
    dropped later (kept out of the collector for good) stays bounded. The garbage around
    is collected first, not kept."""
    new = set(names) - _settled_taggers
    if not new:
        return
    _settled_taggers.update(new)
    gc.collect()
    gc.freeze()


def _restore(work: Work, protected: list[Tag]) -> None:
    """Put back any stated/user tag a tagger removed or replaced."""
    if not protected:
        return
    # The first tag of each key, as Work.find_tag would find it: one pass over the tags,
    # not one per protected tag.
    first: dict[tuple[str, str], Tag] = {}
    for t in work.tags:
        first.setdefault(t.key, t)
    for tag in protected:
        key = tag.key
        current = first.get(key)
        if current is tag:
            continue
        if current is not None:
            work.tags[work.tags.index(current)] = tag
        else:
            work.tags.append(tag)
        first[key] = tag
