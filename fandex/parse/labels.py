"""Header labels: ``Title:``, ``Pairing(s)``, ``A/N -``, ``**Rating:**`` -> a field name.

The label vocabulary is data (``fandex/vocab/header.toml``). One compiled alternation
of literal labels does the matching, so a line costs time linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fandex.vocab.ao3 import load_toml

# Longest line read as a labelled field; longer lines are prose that happens to hold
# a colon.
_MAX_LABEL_LINE = 4000


@dataclass(frozen=True)
class LabelMatch:
    """A labelled line: the label as written, the field it means, and its value."""

    label: str
    field: str
    value: str
    colon: bool


def _alias_pattern(alias: str) -> str:
    out = re.escape(alias).replace("'", "['’]?").replace(r"\ ", r"\s+")
    return out.replace("/", r"\s*/\s*")


@cache
def _tables() -> tuple[dict[str, str], frozenset[str], frozenset[str], re.Pattern[str]]:
    data = load_toml("header.toml")
    fields: dict[str, str] = {}
    for field_name, aliases in data["labels"].items():
        for alias in aliases:
            fields[_fold(alias)] = field_name
    colonless = frozenset(_fold(a) for a in data["label_rules"]["colonless"])
    trailing = frozenset(data["label_rules"]["trailing"])
    aliases = sorted(fields, key=len, reverse=True)
    alternation = "|".join(_alias_pattern(a) for a in aliases)
    # decoration, label (+ optional plural s), decoration, separator, value
    pattern = re.compile(
        r"[ \t*_\[#>•\-]{0,6}"
        rf"(?P<label>(?:{alternation})(?:s|\(s\))?)"
        r"[ \t*_\]]{0,6}"
        r"(?P<sep>:{1,2}|\s[-–—=~]{1,2}(?=\s)|=|~(?=\s)|\s*\.{4,}\s*|\s*(?:>>|->|=>|»)\s*|\s|$)"
        r"[ \t*_]*"
        r"(?P<value>.*)",
        re.IGNORECASE | re.DOTALL,
    )
    return fields, colonless, trailing, pattern


_FIRST_WORD = re.compile(r"[ \t*_\[#>•\-]{0,6}([A-Za-z]+)")


@cache
def _first_words() -> frozenset[str]:
    fields = _tables()[0]
    return frozenset(re.match(r"[a-z]*", a).group(0).rstrip("s") for a in fields)  # type: ignore[union-attr]


def _fold(label: str) -> str:
    s = label.casefold().replace("’", "'")
    return " ".join(s.replace(" / ", "/").split())


def field_for(label: str) -> str | None:
    """The field a label means (``"Pairings"`` -> ``"relationship"``), else None."""
    fields = _tables()[0]
    key = _fold(label)
    key = re.sub(r"\s*/\s*", "/", key)
    key = key[:-3] if key.endswith("(s)") else key  # "Pairing(s)"
    if key in fields:
        return fields[key]
    if key.endswith("s") and key[:-1] in fields:
        return fields[key[:-1]]
    return fields.get(key.replace("'", ""))


# Fields whose label may open a second field inside a line ("Title: Moth Fandom: Sherlock"),
# and the shortest label that may (not "by", "for", "an").
_INNER_FIELDS = frozenset(
    {
        "title",
        "author",
        "fandom",
        "relationship",
        "character",
        "rating",
        "warning",
        "summary",
        "category",
        "genre",
        "disclaimer",
        "spoilers",
        "series",
        "language",
        "status",
        "words",
    }
)
_INNER_MIN = 4


@cache
def _inner_labels() -> re.Pattern[str]:
    fields = _tables()[0]
    aliases = sorted(
        (a for a, f in fields.items() if f in _INNER_FIELDS and len(a) >= _INNER_MIN),
        key=len,
        reverse=True,
    )
    alternation = "|".join(_alias_pattern(a) for a in aliases)
    return re.compile(
        rf"(?:^|(?<=[\s.;,/~|•·\-–—]))[*_\[]{{0,2}}(?:{alternation})(?:s|\(s\))?[*_\]]{{0,2}}\s*:(?!//)",
        re.IGNORECASE,
    )


def split_run_on(line: str) -> list[str] | None:
    """Several labelled fields run together on one line, one per line; None when the
    line is not that.

    >>> split_run_on("Title: Moth Fandom: Sherlock; Rating: PG")
    ['Title: Moth', 'Fandom: Sherlock', 'Rating: PG']
    >>> split_run_on("Summary: She found a note: meet me at dawn.") is None
    True
    """
    if line.count(":") < 2 or len(line) > _MAX_LABEL_LINE:
        return None
    starts = [
        m.start()
        for m in _inner_labels().finditer(line)
        if line[m.start() :].lstrip("*_[")[:1].isupper()  # labels are written capitalised
    ]
    if len(starts) < 2 or line[: starts[0]].strip(" *_["):
        return None
    parts = []
    for a, b in zip(starts, [*starts[1:], len(line)], strict=True):
        part = line[a:b].strip().rstrip(" .;,/~|•·-–—").strip()
        m = match_label(part)
        if m is None or not m.value:
            return None  # "Summary: Warning: ..." is one field with a colon in it
        parts.append(part)
    return parts


def trailing_fields() -> frozenset[str]:
    """Fields that may close a story instead of opening it (disclaimer, notes...)."""
    return _tables()[2]


# A rating stated as a sentence: "This story is rated R for violence.", "This fic has
# been rated PG-13". The subject is the work itself, so a film "rated R" in a story is not.
_RATED_SENTENCE = re.compile(
    r"^[\W_]*(?:this|(?:this|the|my|our)\s+(?:(?:whole|entire|complete)\s+)?"
    r"(?:story|stories|fic|fics|fanfic|fan\s*fic|fanfiction|fan\s+fiction|ficlet|drabble|"
    r"chapter|chapters|work|piece|part|one[\s-]?shot|series|installment|instalment|entry|"
    r"post|collection|tale))\s+(?:is|are|has\s+been|have\s+been|was|will\s+be)\s+"
    r"(?:currently\s+|now\s+|officially\s+)?rated\s+(?:as\s+|at\s+|an?\s+)?"
    r"(?P<value>[^\s.,;:!?()]+(?:\s+[^\s.,;:!?()]+){0,2}?)\s*"
    r"(?=$|[.,;:!?(]|\s+(?:for|because|due|as|with|but|and|so|to|on|in|overall)\b)",
    re.IGNORECASE,
)


def _rated_sentence(line: str) -> LabelMatch | None:
    """``This story is rated R for violence.`` as the field ``rating`` = ``R``.

    >>> _rated_sentence("This story is rated PG-13 for language.").value
    'PG-13'
    >>> _rated_sentence("The film was rated R.") is None
    True
    """
    if "rated" not in line.casefold() or len(line) > 300:
        return None
    m = _RATED_SENTENCE.match(line.strip())
    if m is None:
        return None
    return LabelMatch(label="Rated", field="rating", value=m.group("value"), colon=True)


def match_label(line: str, *, allow_colonless: bool = False) -> LabelMatch | None:
    """Read ``line`` as ``Label: value`` when the label is a known header label.

    Without a colon (``Rating PG-13``) only the short labels listed as colonless count,
    and only when ``allow_colonless`` (inside a header).

    >>> m = match_label("**Pairings:** Spike/Xander")
    >>> (m.label, m.field, m.value)
    ('Pairings', 'relationship', 'Spike/Xander')
    >>> match_label("Titles are hard, she said.") is None
    True
    """
    if len(line) > _MAX_LABEL_LINE:
        return None
    line = line.strip()  # centred headers are indented
    for left, right in ("[]", "()"):
        if len(line) > 2 and line[0] == left and line[-1] == right and right not in line[1:-1]:
            line = line[1:-1].strip()  # "[Rating: PG]", "(Rated PG)"
    rated = _rated_sentence(line)
    if rated is not None:
        return rated
    _, colonless, _, pattern = _tables()
    first = _FIRST_WORD.match(line)
    if first is None or first.group(1).casefold().rstrip("s") not in _first_words():
        return None  # cheap reject before the large alternation: most lines are prose
    m = pattern.match(line)
    if not m:
        return None
    label = " ".join(m.group("label").split())
    field = field_for(label)
    if field is None:
        return None
    sep = m.group("sep")
    value = m.group("value").strip()
    colon = sep.strip() != ""
    if not colon:
        # "Rating PG-13": needs permission, a listed label and a short value.
        if not allow_colonless or _fold(label).rstrip("s") not in {
            c.rstrip("s") for c in colonless
        }:
            return None
        if not value or len(value.split()) > 12 or ":" in value or not _starts_like_value(value):
            return None
    return LabelMatch(label=label, field=field, value=value, colon=colon)


def _starts_like_value(value: str) -> bool:
    # "Rating PG-13", "Pairing Spike/Xander"; not "Titles are hard" or "Rating, she said".
    first = value[0]
    return first.isupper() or first.isdigit() or first in "[(*"


_UNKNOWN_LABEL = re.compile(
    r"[ \t*_\[]{0,4}(?P<label>[A-Z][A-Za-z'’/&. ]{0,28}?)[ \t*_\]]{0,4}:\s*(?P<value>.*)", re.DOTALL
)


def match_unknown_label(line: str) -> LabelMatch | None:
    """An unknown but label-shaped line (``Song: Hallelujah``), read only inside a header."""
    if len(line) > _MAX_LABEL_LINE:
        return None
    m = _UNKNOWN_LABEL.match(line.strip())
    if not m or len(m.group("label").split()) > 3:
        return None
    if m.group("value").startswith("//"):  # a URL's scheme, not a label
        return None
    label = " ".join(m.group("label").split())
    return LabelMatch(label=label, field="other", value=m.group("value").strip(), colon=True)
