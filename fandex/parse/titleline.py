"""Title lines and bylines: ``Blood Pure`` / ``by Sajinn`` / ``Stand by Me by Alice``.

Small, pure helpers for the header parse; every pattern is bounded.
"""

from __future__ import annotations

import re
from functools import cache

from fandex.parse import values
from fandex.parse.dates import map_status
from fandex.parse.labels import field_for, match_label
from fandex.parse.lines import chapter_heading, is_separator
from fandex.vocab.ao3 import load_toml

_BYLINE = re.compile(
    # "by Sedge", "written by Sedge", "A Harbour Tales story by Sedge".
    r"[~*\s]{0,4}(?:an?\s+(?:[\w'’.:&/-]{1,30}\s+){0,5}?"
    r"(?P<kind>story|tale|fic|fanfic|fan\s?fiction|one-?shot|drabble|ficlet|songfic|poem)\s+)?"
    r"(?:written\s+)?by[:\s]\s*(?P<author>\S.{0,400}?)[~*\s]{0,4}",
    re.I,
)
_TITLE_BY = re.compile(r"(?P<title>\S.{0,150})\s+by\s+(?P<author>\S.{0,80})", re.I)
PART_OF = re.compile(
    r"[\[(]?(?P<part>(?:part|book|chapter|story)\s+\w{1,8}(?:\s+of\s+|\s*/\s*)\w{1,8})[\])]?\.?",
    re.I,
)
_QUOTES = "\"'“”‘’«»"
_DECOR = " \t~*=#_-|"
_WRAPS = ("[]", "<>")  # brackets decorating a title when they wrap it whole
# A word count after the title ("Salt and Cedar (12345 words) by ...", AO3's share
# snippet and rec lists): the work's size, not its name.
_WORD_COUNT_TAIL = re.compile(r"\s*[(\[]\s*\d[\d,. ]{0,12}\s*words?\s*[)\]]$", re.I)


def _undecorated(text: str) -> str:
    """``text`` without the decoration around it: rules and stars on either side, and
    brackets only where they wrap the whole ("[ Salt and Cedar ]"): a bracket the title
    opens with and closes inside ("[Fic] Salt and Cedar") is the title's own."""
    s = text.strip().strip(_DECOR).strip()
    while len(s) >= 2 and s[0] + s[-1] in _WRAPS and _wraps_whole(s):
        s = s[1:-1].strip().strip(_DECOR).strip()
    return s


def _wraps_whole(s: str) -> bool:
    """Whether the bracket ``s`` opens with is closed by its last character."""
    depth = 0
    for i, c in enumerate(s):
        depth += (c == s[0]) - (c == s[-1])
        if depth == 0:
            return i == len(s) - 1
    return False


def clean_title_line(text: str) -> str:
    """A title line without decoration, wrapping quotes or a word count after it.

    >>> clean_title_line("** Salt and Cedar (12,345 words) **")
    'Salt and Cedar'
    >>> clean_title_line("[Fic] Salt and Cedar"), clean_title_line("[ Salt and Cedar ]")
    ('[Fic] Salt and Cedar', 'Salt and Cedar')
    """
    s = _undecorated(_WORD_COUNT_TAIL.sub("", _undecorated(text)))
    if len(s) >= 2 and s[0] in _QUOTES and s[-1] in _QUOTES:
        s = s[1:-1].strip()
    return " ".join(s.split())


def is_title_line(line: str) -> bool:
    """A short line that reads as a title: no sentence end, no dialogue, few words."""
    s = _undecorated(line)
    if not s or len(s) > 120 or "\n" in s:
        return False
    words = s.split()
    if len(words) > 12:
        return False
    if s[0] in _QUOTES and s[-2:-1] in {".", ",", "!", "?"}:
        return False  # "Hi," she said.  -- dialogue
    if s.endswith((".", ",", ";", ":")) and not s.endswith("..."):
        return False
    return chapter_heading(s) is None


def title_case_enough(line: str) -> bool:
    """Most longer words capitalised, as a title is and prose rarely."""
    # A title alone (no label, no byline) is accepted only when it looks like one:
    # most words capitalised, as prose's first line rarely is.
    words: list[str] = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    if not words:
        return bool(line.strip())
    caps = sum(w[0].isupper() for w in words)
    return caps * 2 >= len(words) + 1 or caps == len(words)


_FOR_TAIL = re.compile(r"\s+for\s+\S.*$", re.IGNORECASE | re.DOTALL)
_NOT_A_NAME = frozenset("the a an this that his her my their its our your".split())


# The year (or date) a downloader writes after the byline's name: "by Wren (2018)".
_DATE_TAIL = re.compile(r"\s*[(\[]\s*(?:1[89]|20)\d\d(?:[-/.]\d{1,2}){0,2}\s*[)\]]\s*$")


def byline(line: str) -> str | None:
    """The author of a ``by Author`` line, else None.

    A dedication after the name is not part of it: "by astolat for the kink meme."; nor
    is the year after it: "by Wren (2018)".

    >>> byline("by Sajinn"), byline("by astolat for the ontd_ai kink meme.")
    ('Sajinn', 'astolat')
    >>> byline("by Wren Calloway (2018)")
    'Wren Calloway'
    >>> byline("By the time she came for the boat.") is None
    True
    """
    m = _BYLINE.fullmatch(line.strip())
    if m is None:
        return None
    author = _DATE_TAIL.sub("", m.group("author")).strip()
    if m.group("kind") and author.split()[0].casefold() in _NOT_A_NAME:
        return None  # "A long story by the sea"
    name = _FOR_TAIL.sub("", author).strip()
    if name == author and len(author.split()) <= 6 and not author.endswith("."):
        return author
    if name == author and _name_list(author):
        return author  # co-authors: "by Wren, Ash Vale, Tamsin Reed"
    words = name.split()
    if (
        name != author
        and 1 <= len(words) <= 3
        and words[0].casefold() not in _NOT_A_NAME
        and (len(words) == 1 or all(w[:1].isupper() for w in words))
        and not name.endswith((".", ","))
    ):
        return name
    return None


_LIST_SPLIT = re.compile(r",\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")


def _name_list(text: str) -> bool:
    """A list of names: two or more comma-separated items of one to four words, each
    opening with a capital (a handle may be one lower-case word), none a sentence."""
    items = [i.strip() for i in _LIST_SPLIT.split(text)]
    if len(items) < 2 or text.rstrip().endswith((".", "!", "?")):
        return False
    for item in items:
        words = item.split()
        if not 1 <= len(words) <= 4 or words[0].casefold() in _NOT_A_NAME:
            return False
        if len(words) > 1 and not words[0][:1].isupper():
            return False
    return True


_RATED_TAIL = re.compile(r"\s*[(\[](?:rated\s*:?\s*)?(?P<r>[^()\[\]]{1,20})[)\]]\s*$", re.I)


def rating_tail(text: str) -> tuple[str, str | None]:
    """``text`` without a rating in brackets at its end, and that rating:
    "Sedge (PG-13)" -> ("Sedge", "PG-13"); text with no such tail comes back whole.

    >>> rating_tail("Sedge (PG-13)"), rating_tail("Moth (Part One)")
    (('Sedge', 'PG-13'), ('Moth (Part One)', None))
    """
    m = _RATED_TAIL.search(text)
    if m is None or m.start() == 0 or values.map_rating(m.group("r")) is None:
        return text, None
    return text[: m.start()].rstrip(), m.group("r").strip()


def title_by(line: str) -> tuple[str, str] | None:
    """``(title, author)`` from a ``Title by Author`` line, else None.

    >>> title_by("Sea Glass by marram"), title_by("She waited by the sea")
    (('Sea Glass', 'marram'), None)
    """
    s = line.strip().strip(_DECOR).strip()
    m = _TITLE_BY.fullmatch(s)
    if not m:
        return None
    # "Stand by Me by Alice": the last " by " separates the author.
    title, _, author = s.rpartition(" by ")
    if not title:
        return None
    if len(author.split()) > 5 or len(title.split()) > 12 or author.endswith("."):
        return None
    if author.split()[0].casefold() in _NOT_A_NAME:
        return None  # "She waited by the sea": a place, not an author
    # "Moth, by Sedge": the comma belongs to the line, not the title.
    return clean_title_line(title.rstrip(" ,;")), author.strip()


# A dateline opening a story ("London, 1888") is not a title.
DATELINE = re.compile(r",\s*(?:\d{2,4}|\w+\s+\d{4})\s*$")


_NAME_WORD = re.compile(r"[^\W_][\w.'’-]{0,39}")
_INITIAL = re.compile(r"[A-Z]\.")
# A handle: a single token a username would be ("moonlitwriter", "wren_77", "SkyFox").
_HANDLE_MARK = re.compile(r"^[a-z]|[\d_]|[a-z][A-Z]")


@cache
def _common_words() -> frozenset[str]:
    return frozenset(load_toml("common_words.toml")["words"])


def bare_name(line: str, *, handle_only: bool = False) -> str | None:
    """The author's name on a line of its own under a title, with no "by": a handle
    (``moonlitwriter``) or a short capitalised name (``Jane Q. Writer``), else None.

    A line of everyday words ("Dark Times", "Complete"), a heading or a label is no
    name. ``handle_only``: only a handle-shaped token counts (where nothing else in the
    file says the lines are a header).

    >>> bare_name("moonlitwriter"), bare_name("Jane Q. Writer"), bare_name("Dark Times")
    ('moonlitwriter', 'Jane Q. Writer', None)
    >>> bare_name("Jane Writer", handle_only=True), bare_name("wren_77", handle_only=True)
    (None, 'wren_77')
    >>> bare_name("Harry Potter") is None  # a fandom a pack knows
    True
    """
    s = line.strip().strip(_DECOR).strip()
    words = s.split()
    if not 1 <= len(words) <= 4 or s.endswith((".", ",", "!", "?", ":", ";")):
        return None
    if not all(_NAME_WORD.fullmatch(w) for w in words) or words[0].casefold() in _NOT_A_NAME:
        return None
    if chapter_heading(s) is not None or is_separator(s) or PART_OF.fullmatch(s):
        return None
    if match_label(s, allow_colonless=True) is not None or field_for(s) or map_status(s):
        return None
    common = _common_words()
    if all(w.casefold().strip(".") in common for w in words):
        return None
    if values.is_known_fandom(s):
        return None  # "The Long Road Home" / "Harry Potter": the fandom, not the author
    if len(words) == 1:
        return s if not handle_only or _HANDLE_MARK.search(s) else None
    if handle_only:
        return None
    return s if all(w[0].isupper() or _INITIAL.fullmatch(w) for w in words) else None
