"""FanFiction.net's facts line copied into a text header:
``Rated: Fiction T - English - Romance/Drama - [Ann B., Tom C.] Sue D. - Words: 1,234``.

The line's labelled parts keep their labels; the unlabelled ones are named by what they
are (the language first, then the genres, then the characters, a bare "Complete"), so
the header parse reads each as the field it is. The FanFiction.net page reader
(:mod:`fandex.read.ffn`) reads the same line on a saved page.
"""

from __future__ import annotations

import re

__all__ = ["GENRES", "META_LINE", "PARTS", "expand_facts_line", "split_genres"]

META_LINE = re.compile(r"^\s*Rated:\s*(?:Fiction\s+)?\S{1,3}\s+-\s", re.IGNORECASE)
# The separator between the line's facts (" - ").
PARTS = re.compile(r"\s+-\s+")
# FanFiction.net's genres; "Hurt/Comfort" holds the slash that also separates them.
GENRES = (
    "Hurt/Comfort",
    "General",
    "Romance",
    "Humor",
    "Drama",
    "Poetry",
    "Adventure",
    "Mystery",
    "Horror",
    "Parody",
    "Angst",
    "Supernatural",
    "Suspense",
    "Sci-Fi",
    "Fantasy",
    "Spiritual",
    "Tragedy",
    "Western",
    "Crime",
    "Family",
    "Friendship",
)
_GENRE = re.compile("|".join(re.escape(g) for g in GENRES), re.IGNORECASE)


def split_genres(text: str) -> list[str] | None:
    """The genres of a metadata part, or None when the part is not a genre list.

    >>> split_genres("Romance/Hurt/Comfort"), split_genres("Harry P.")
    (['Romance', 'Hurt/Comfort'], None)
    """
    found: list[str] = []
    pos = 0
    s = text.strip()
    while pos < len(s):
        m = _GENRE.match(s, pos)
        if m is None:
            return None
        canonical = next(g for g in GENRES if g.casefold() == m.group(0).casefold())
        found.append(canonical)
        pos = m.end()
        if pos < len(s):
            if s[pos] != "/":
                return None
            pos += 1
    return found or None


def expand_facts_line(line: str) -> list[str] | None:
    """The facts line as one ``Label: value`` line a part, or None when ``line`` is
    not FanFiction.net's facts line.

    >>> expand_facts_line("Rated: Fiction T - English - Drama - [Ann B., Tom C.] - Words: 9")[1:]
    ['Language: English', 'Genre: Drama', 'Characters: [Ann B., Tom C.]', 'Words: 9']
    """
    if len(line) > 2000 or not META_LINE.match(line):
        return None
    out: list[str] = []
    unlabelled = 0
    for part in PARTS.split(line.strip()):
        label, sep, value = part.partition(":")
        if sep and 0 < len(label.strip()) < 20 and "[" not in label:
            out.append(f"{label.strip()}: {value.strip()}")
            continue
        part = part.strip()
        genres = split_genres(part)
        if part.casefold() == "complete":
            out.append("Status: Complete")
        elif unlabelled == 0 and genres is None:
            out.append(f"Language: {part}")
        elif genres is not None:
            # "General" is FanFiction.net's "no particular genre", not AO3's Gen.
            named = [g for g in genres if g != "General"]
            if named:
                out.append(f"Genre: {', '.join(named)}")
        elif part:
            out.append(f"Characters: {part}")
        unlabelled += 1
    return out
