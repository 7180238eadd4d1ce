"""The Jinja2 environment for export templates (package data in ``templates/``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from fandex.export.markup import xml_safe


def _finalize(value: Any) -> Any:
    # Every string that reaches a page loses the characters XML cannot carry; trusted
    # Markup keeps its type so it is not escaped twice.
    if isinstance(value, Markup):
        return Markup(xml_safe(str(value)))
    if isinstance(value, str):
        return xml_safe(value)
    return value


@cache
def environment() -> Environment:
    """The shared environment: autoescaping everywhere, undefined names are errors."""
    return Environment(
        loader=PackageLoader("fandex.export", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
    )


def render(name: str, **context: Any) -> str:
    """Render template ``name`` with ``context``."""
    return environment().get_template(name).render(**context)


@cache
def stylesheet() -> str:
    """The export stylesheet (inlined in HTML, a file in the EPUB)."""
    loader = environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(environment(), "style.css")
    return source
