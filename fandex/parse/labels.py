"""Header labels: ``Title:``, ``Pairing(s)``, ``A/N -``, ``**Rating:**`` -> a field name.

The label vocabulary is data (``fandex/vocab/header.toml``). One compiled alternation
of literal labels does the matching, so a line costs time linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fandex.parse.sentences import rated_sentence, warning_sentence
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


# Two labels joined into one ("Characters/Pairings", "Genre & Rating"): a combined field.
_JOINED = r"\s*[/&+]\s*|\s+and\s+"
_JOINED_SPLIT = re.compile(rf"(?:{_JOINED})", re.IGNORECASE)
# The field name of a combined label joins its parts' fields with this mark.
COMBINED = "+"


def parts_of(field: str) -> tuple[str, ...]:
    """The fields a (possibly combined) field name stands for.

    >>> parts_of("character+relationship"), parts_of("rating")
    (('character', 'relationship'), ('rating',))
    """
    return tuple(field.split(COMBINED))


def is_field(field: str, names: frozenset[str] | set[str]) -> bool:
    """Whether ``field``, or a part of a combined field, is one of ``names``."""
    return any(p in names for p in parts_of(field))


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
    one = rf"(?:{alternation})(?:s|\(s\))?"
    # decoration, label (+ optional plural s; or two labels joined: "Characters/Pairings"),
    # decoration, separator, value
    pattern = re.compile(
        r"(?P<lead>[ \t*_\[#>•\-~<]{0,6})"
        rf"(?P<label>{one}(?:(?:{_JOINED}){one})?)"
        r"(?P<trail>[ \t*_\]~>]{0,6})"
        r"(?P<sep>:{1,2}|\s[-–—=~]{1,2}(?=\s)|=|~(?=\s)|\s*\.{4,}\s*|\s*(?:>>|->|=>|»)\s*"
        r"|\s*;(?!;)|\s\|{1,2}(?=\s)|\s+is\s+(?=\S)|\s|$)"
        r"[ \t*_]*"
        r"(?P<value>.*)",
        re.IGNORECASE | re.DOTALL,
    )
    return fields, colonless, trailing, pattern


_FIRST_WORD = re.compile(r"[ \t*_\[#>•\-~<]{0,6}([A-Za-z]+)")


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
    found = fields.get(key.replace("'", ""))
    if found is None and COMBINED not in label:
        return _combined_field(key)
    return found


def _combined_field(key: str) -> str | None:
    """``characters/pairings`` -> ``character+relationship``; one field when both parts
    mean the same (``pairings/relationships``); None unless both parts are labels."""
    pieces = _JOINED_SPLIT.split(key)
    if len(pieces) != 2 or not all(pieces):
        return None
    found = [field_for(p) for p in pieces]
    if None in found or any(COMBINED in f for f in found if f):
        return None
    a, b = (f for f in found if f)
    return a if a == b else f"{a}{COMBINED}{b}"


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
        # An archive's date line: "Series: None Published: 03/14/2019 · Updated: ...".
        "date",
        "updated",
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


# The value of a run's opening field that is not an inner label ("Chapters: 1").
_SHORT_FIRST = 3


def split_run_on(line: str) -> list[str] | None:
    """Several labelled fields run together on one line, one per line; None when the
    line is not that.

    >>> split_run_on("Title: Moth Fandom: Sherlock; Rating: PG")
    ['Title: Moth', 'Fandom: Sherlock', 'Rating: PG']
    >>> split_run_on("Chapters: 1 Completed: Yes")
    ['Chapters: 1', 'Completed: Yes']
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
    if starts and starts[0] > 0:
        # "Chapters: 1 Completed: Yes": a known label with a short value may open the run
        # though its label is not one looked for inside a line.
        first = match_label(line[: starts[0]].strip())
        if first is not None and first.value and len(first.value.split()) <= _SHORT_FIRST:
            starts.insert(0, 0)
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


@cache
def _note_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load_toml("header.toml")
    notes = frozenset(w.casefold() for w in data["note_labels"]["note"])
    summary = frozenset(w.casefold() for w in data["labels"]["summary"] if " " not in w.strip())
    glue = frozenset(w.casefold() for w in data["note_labels"].get("lone", []))
    return notes, summary, glue


_LONE_LABEL_WORDS = 6
_WORD = re.compile(r"[\w/]+(?:['’][\w]+)?")


def lone_note_label(text: str) -> str | None:
    """``"notes"`` or ``"summary"`` when ``text`` is only a label naming a note or a
    summary, its text under it ("Notes for the Chapter:", "Author's Note:", FanFicFare's
    chapter boxes once a converter has dropped their markup); else None.

    >>> lone_note_label("Summary for the Chapter:"), lone_note_label("Author's Note:")
    ('summary', 'notes')
    >>> lone_note_label("She said:") is None, lone_note_label("Notes: thanks") is None
    (True, True)
    >>> lone_note_label("Note appended in a different hand:") is None
    True
    """
    s = text.strip()
    if "\n" in s or not s.endswith(":") or len(s.split()) > _LONE_LABEL_WORDS:
        return None
    words = {w.casefold().replace("’", "'").removesuffix("'s") for w in _WORD.findall(s[:-1])}
    notes, summary, glue = _note_words()
    if not words <= notes | summary | glue:
        return None  # "Note appended in a different hand:" is the story's
    if words & summary:
        return "summary"
    m = match_label(s)
    if (m is not None and m.field == "notes") or words & notes:
        return "notes"
    return None


@cache
def _weak_rating() -> frozenset[str]:
    data = load_toml("header.toml")
    return frozenset(_fold(a) for a in data["label_rules"].get("weak_rating", []))


def weak_rating_label(label: str) -> bool:
    """A rating label that may mean something else ("CLASSIFICATION: V, R, MSR").

    >>> weak_rating_label("*Classification*"), weak_rating_label("Rating")
    (True, False)
    """
    return _fold(label.strip(" *_[]:")) in _weak_rating()


def trailing_fields() -> frozenset[str]:
    """Fields that may close a story instead of opening it (disclaimer, notes...)."""
    return _tables()[2]


def _sentence(line: str) -> LabelMatch | None:
    """A rating or a warning stated as a sentence about the work (see
    :mod:`fandex.parse.sentences`) as a field."""
    rated = rated_sentence(line)
    if rated is not None:
        return LabelMatch(label="Rated", field="rating", value=rated, colon=True)
    warned = warning_sentence(line)
    if warned is not None:
        return LabelMatch(label="Warning", field="warning", value=warned, colon=True)
    return None


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
    said = _sentence(line)
    if said is not None:
        return said
    _, colonless, _, pattern = _tables()
    first = _FIRST_WORD.match(line)
    if first is None:
        # A label in another script ("タイトル:", "作者:") has no Latin first word.
        if not (line[:1].isalpha() and not line[:1].isascii()):
            return None
    elif first.group(1).casefold().rstrip("s") not in _first_words():
        return None  # cheap reject before the large alternation: most lines are prose
    m = pattern.match(line)
    if not m:
        return None
    label = " ".join(m.group("label").split())
    field = field_for(label)
    if field is None:
        return None
    sep = m.group("sep").strip()
    value = m.group("value").strip()
    # "[Rating] PG", "<Rating> PG", "~Rating~ PG": a wrapped label is as plain as a colon.
    wrapped = (m.group("lead").strip()[-1:] + m.group("trail").strip()[:1]) in _WRAPS
    colon = (sep != "" and sep.casefold() != "is") or wrapped
    if COMBINED in field and not colon:
        return None  # "Characters and pairings are..." is prose
    if not colon:
        # "Rating PG-13": needs permission, a listed label and a short value.
        if not allow_colonless or _fold(label).rstrip("s") not in {
            c.rstrip("s") for c in colonless
        }:
            return None
        if not value and _fold(label) in _BARE_LABELS:
            # "Summary" on a line of its own, its text on the lines below (a summary box
            # copied from an archive page): the label opens a field as "Summary:" does.
            return LabelMatch(label=label, field=field, value="", colon=False)
        if not value or len(value.split()) > 12 or ":" in value or not _starts_like_value(value):
            return None
    return LabelMatch(label=label, field=field, value=value, colon=colon)


_WRAPS = frozenset({"[]", "<>", "~~"})
# Colonless labels that may stand alone on their line over a value below it.
_BARE_LABELS = frozenset({"summary"})


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
