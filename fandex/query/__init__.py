"""The query language: a string parses into query objects that render SQL per
dialect, match a work in Python and describe themselves in words.

>>> q = parse('character:Wes -rating:E "tattoo"')
>>> q.describe()
'character Wesley Wyndam-Pryce and not rating Explicit and the text contains “tattoo”'

The grammar is documented in ``docs/query.md``.
"""

from __future__ import annotations

from fandex.query.nodes import (
    All,
    And,
    AuthorIs,
    Complete,
    Context,
    DateIn,
    HasSource,
    Language,
    Not,
    Number,
    Or,
    Query,
    TagIs,
    Text,
)
from fandex.query.parser import FIELDS, parse
from fandex.query.values import default_thresholds

__all__ = [
    "FIELDS",
    "All",
    "And",
    "AuthorIs",
    "Complete",
    "Context",
    "DateIn",
    "HasSource",
    "Language",
    "Not",
    "Number",
    "Or",
    "Query",
    "TagIs",
    "Text",
    "default_thresholds",
    "parse",
]
