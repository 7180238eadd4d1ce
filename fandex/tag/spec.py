"""A tagger component: its name, what it requires and assigns, its default settings.

A tagger is a function ``(work, config) -> None`` that adds tags with
:meth:`fandex.model.Work.add_tag`, wrapped in a :class:`TaggerSpec` (spaCy's
``Language.factory`` idea)::

    @tagger("fandom", assigns=("tags.fandom",), default_config={"min_score": 3.0})
    def fandom_tagger(work: Work, config: dict[str, Any]) -> None: ...

Its own module because both the plugin registry (:mod:`fandex.plugins`) and the
pipeline that runs taggers (:mod:`fandex.tag.pipeline`) speak of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fandex.model import Work

TaggerFunc = Callable[[Work, dict[str, Any]], None]


@dataclass(frozen=True)
class TaggerSpec:
    """A named tagger component with its declared inputs, outputs and defaults."""

    name: str
    func: TaggerFunc
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    default_config: Mapping[str, Any] = field(default_factory=dict)

    def __call__(self, work: Work, config: dict[str, Any] | None = None) -> None:
        self.func(work, {**self.default_config, **(config or {})})


def tagger(
    name: str,
    *,
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
    default_config: Mapping[str, Any] | None = None,
) -> Callable[[TaggerFunc], TaggerSpec]:
    """Declare a tagger component (use as a decorator)."""

    def wrap(func: TaggerFunc) -> TaggerSpec:
        return TaggerSpec(
            name=name,
            func=func,
            requires=tuple(requires),
            assigns=tuple(assigns),
            default_config=dict(default_config or {}),
        )

    return wrap
