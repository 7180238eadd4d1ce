"""A FanFiction.net chapter page that lost its markup: copied from the browser into a
text or Word file, or converted by calibre to TXT, DOCX or RTF.

What is left is the page's words in reading order: the site's menus, the breadcrumb
("Anime/Manga" and the fandom), "Follow/Fav" before the title, "By:" and the author,
the summary, the metadata line ("Rated: Fiction M - English - Adventure/Romance -
[Naruto U., Mei T.] - Chapters: 12 - Words: 56,452 - ... - id: 8508883"), the reader's
controls, the chapter menu, the chapter's text, the chapter menu again and the review
and share boxes. The metadata line says what the file is; it is read with the site
reader's own parser (:func:`fandex.read.ffn.read_details_text`), the lines around it as the
page's parts, and only the chapter's text is kept as text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from fandex.read.document import Block, RawDocument
from fandex.read.ffn import read_details_text
from fandex.vocab.ao3 import load_toml

# The metadata line: a rating as the site writes it, then its dash-separated parts.
_META = re.compile(r"^\s*Rated:\s*(?:Fiction\s+)?(?:K\+?|T|M|MA)\s+-\s+\S.*\bWords:\s*[\d,]+", re.I)
_ID = re.compile(r"\s-\s+id:\s*\d+\s*$")
# The same line run into the text around it (calibre's FB2 joins it to the summary, its
# RTF the title, byline, summary, line and reader's controls into one paragraph): it
# ends with the story's id.
_META_INSIDE = re.compile(
    r"(?<!\S)Rated:\s*(?:Fiction\s+)?(?:K\+?|T|M|MA)\s+-\s+\S.*?\bWords:\s*[\d,]+.*?"
    r"\s-\s+id:\s*\d+",
    re.I | re.S,
)
# Where a run-together profile's parts begin: the title after "Follow/Fav", the byline
# ("By:", the 2011 layout's "Author:").
_PARTS = re.compile(r"(?<=\S)\s*(?=\b(?:By|Author):\s)|(?<=Follow/Fav)(?=\S)")
_LOOK = 250  # the menus before the story box run to some 120 lines
# The byline: "By:" (and the 2011 layout's "Author:", its name followed by "PM", the
# private-message link).
_BY = re.compile(r"^\s*(?:By|Author):\s*(.*?)(?:\s+PM)?$", re.S)
# That layout's byline run together with the summary: "PM" stands between them.
_BY_PM = re.compile(r"^\s*Author:\s*(\S.*?)\s+PM\s+(\S.*)$", re.S)
_FOLLOW = re.compile(r"^\s*Follow/Fav\s*")
# The reader's controls ("+ - Full 3/4 1/2 Expand Tighten") and the chapter menu.
# (the 2011 layout's: "A a Abc Abc Abc Full 3/4 1/2 Expand Tighten", then the menu).
_CONTROLS = re.compile(r"^(?:\+\s*-\s+|A\s+a\s+Abc\s+Abc\s+Abc\s+)Full\b")
# Its titles run together ("1. Chapter 12. Chapter 23. Chapter 3"): each number glued
# to the title before it.
_MENU = re.compile(r"^(?:<\s*Prev\b|1\.\s.*(?:\b2\.\s|\S2\.\s|Next\s*>)|Next\s*>\s*$)")
# The site's sections a breadcrumb starts with.
_SECTIONS = (
    "Anime/Manga",
    "Books",
    "Cartoons",
    "Comics",
    "Games",
    "Misc",
    "Movies",
    "Plays/Musicals",
    "TV Shows",
    "Crossover",
)


def _text(block: Block) -> str:
    return " ".join(block.text.split())


def _fandoms(crumb: str) -> list[str]:
    """The fandoms a breadcrumb line names ("Anime/MangaNaruto", "Books > Harry
    Potter", "Harry Potter + Chronicles of Narnia Crossover"), or none."""
    text = " ".join(crumb.replace(">", " ").replace("\u00bb", " ").split())
    section = next((s for s in _SECTIONS if text.startswith(s)), None)
    if section is None and text.endswith(" Crossover") and " + " in text:
        section, text = "Crossover", "Crossover " + text  # the crossover's own line
    if section is None:
        return []
    rest = text[len(section) :].strip()
    if not rest or len(rest) > 120:
        return []
    if section != "Crossover":
        return [rest]  # "Law & Order" is one fandom
    rest = re.sub(r"\s+Crossover$", "", rest)
    return [p.strip() for p in re.split(r"\s+(?:\+|&)\s+", rest) if p.strip()]


def unpaste(doc: RawDocument) -> RawDocument:
    """``doc`` read as a FanFiction.net page when its metadata line is among its first
    lines (and nothing marked its chapters); otherwise ``doc`` unchanged."""
    if doc.chapters or not doc.blocks:
        return doc
    blocks = _set_apart(doc.blocks)
    line = next((i for i, b in enumerate(blocks[:_LOOK]) if _META.match(_text(b))), None)
    if line is None:
        return doc
    near = range(line - 1, max(line - 8, -1), -1)
    by = next((i for i in near if _BY.match(_text(blocks[i]))), None)
    if by is None and not _ID.search(_text(blocks[line])):
        # A fic's own header may say "Rated: M - Words: 2,000": the site's line ends
        # with the story's id, or follows its "By:" line.
        return doc
    meta: dict[str, Any] = {
        "producer": "ffnet",
        "single_chapter": True,
        "fields": {},
        "tags": [],
        "stated_fields": [],
    }
    read_details_text(_text(blocks[line]), meta)
    start = line + 1
    while start < len(blocks) and (
        _CONTROLS.match(_text(blocks[start])) or _MENU.match(_text(blocks[start]))
    ):
        start += 1
    end = next((i for i in range(start, len(blocks)) if _MENU.match(_text(blocks[i]))), len(blocks))
    # The page's lines round the story box (the 2012 layout's <hr>s) are no scene breaks.
    while start < end and blocks[start].kind == "rule":
        start += 1
    while end > start and blocks[end - 1].kind == "rule":
        end -= 1
    story = blocks[start:end]
    if not any(b.text.strip() for b in story):
        return doc
    if by is not None:
        after = _BY.match(_text(blocks[by]))
        rest = after.group(1).strip() if after else ""
        between = [_text(b) for b in blocks[by + 1 : line] if _text(b)]
        if pm := _BY_PM.match(_text(blocks[by])):
            rest, between = pm.group(1), [pm.group(2), *between]
        # "By:" and the author on one line and the summary on its own, or "By:" alone
        # over the author: the author is known. All three run together on one line
        # (calibre's text and RTF), the name is told from the summary only where the
        # page or the words say where it ends (see split_byline).
        if rest and not between and (parts := split_byline(rest, story)):
            rest, between = parts[0], [parts[1]]
        author = rest or (between.pop(0) if between else "")
        if author and (not rest or between):
            meta["authors"] = [author]
        if between:
            meta["summary"] = "\n\n".join(between)
        # The title's line and the breadcrumb above it; a rule between them (calibre's
        # text writes the 2011 layout's <hr> as "* * *") is passed over.
        above = [b for b in reversed(blocks[:by]) if any(ch.isalnum() for ch in b.text)][:2]
        if above:
            title = _FOLLOW.sub("", _text(above[0])).strip()
            if title:
                meta["title"] = title
            if len(above) > 1 and (fandoms := _fandoms(_text(above[1]))):
                meta["tags"][:0] = [("fandom", f) for f in fandoms]
    merged = {**doc.metadata, **meta}
    return RawDocument(
        format=doc.format,
        blocks=story,
        metadata=merged,
        notices=[
            *doc.notices,
            "a FanFiction.net page without its markup: the site's menus left out",
        ],
    )


# Where the story writes its author's name again: a line of its own (the signature
# under a note), or after "By" or a dash (the story's own byline, "- Wren").
_SIGNED = re.compile(r"^(?:by\b:?|author:|[-~\u2013\u2014]+)\s*", re.I)
_SUMMARY_LINE = re.compile(r"^\s*summary\s*:\s*(\S.*)$", re.I | re.S)
_MAX_NAME = 6  # words of a pen name
_MAX_LOWER_NAME = 3  # words of a pen name in lower case ("fringeperson")
_SIGN_LINE = 60  # characters of a signature line
_FUNCTION_WORDS = 100  # the most frequent words: "the", "of"; no pen name ends with one
_REPEAT_LOOK = 40  # blocks into the story where its own header repeats the summary


@lru_cache(maxsize=1)
def _common() -> tuple[frozenset[str], frozenset[str]]:
    """(everyday words, function words) of the frequency list, lower case."""
    words = load_toml("common_words.toml")["words"]
    return frozenset(words), frozenset(words[:_FUNCTION_WORDS])


def split_byline(run: str, story: list[Block]) -> tuple[str, str] | None:
    """``(author, summary)`` of a byline run into the summary ("SSJ3 Kyuubi Gohan
    Banished as soon as ..."), or None when nothing says where the name ends.

    Said, in this order, by: the story writing the name again on a line of its own or
    after "By" (the signature under the author's note, the story's own byline); the
    story's own header repeating the summary under "Summary:"; a name in lower case
    before the summary's capital ("fringeperson Young Harry liked ..."); a sentence's
    start, an everyday word with a capital followed by a lower-case word ("Silver Queen
    Life as a ninja.", "Pinion King The cost of victory ...").

    >>> split_byline("Silver Queen Life as a ninja.", [])
    ('Silver Queen', 'Life as a ninja.')
    >>> split_byline("Wren Calloway Ila sails home.", []) is None
    True
    """
    words = run.split()
    if len(words) < 3:
        return None
    cut = (
        _signed(words, story)
        or _repeated(words, story)
        or _case_change(words)
        or _sentence_start(words)
    )
    if cut is None:
        return None
    return " ".join(words[:cut]), " ".join(words[cut:])


def _cuts(words: list[str]) -> range:
    """Where a name may end: after one to six words, two words left for the summary."""
    return range(1, min(_MAX_NAME, len(words) - 2) + 1)


def _signed(words: list[str], story: list[Block]) -> int | None:
    bare: set[str] = set()
    signed: set[str] = set()
    for block in story:
        for line in block.text.split("\n"):
            text = " ".join(line.split())
            if not text or len(text) > _SIGN_LINE:
                continue
            name = _SIGNED.sub("", text)
            (signed if name != text else bare).add(name.casefold())
    for cut in reversed(_cuts(words)):
        name = " ".join(words[:cut]).casefold()
        # One word on a line of its own may be anything (a name in a list, "Flashback").
        if name in signed or (cut > 1 and name in bare):
            return cut
    return None


def _repeated(words: list[str], story: list[Block]) -> int | None:
    folded = [w.casefold() for w in words]
    for block in story[:_REPEAT_LOOK]:
        m = _SUMMARY_LINE.match(" ".join(block.text.split()))
        if m is None:
            continue
        head = [w.casefold() for w in m.group(1).split()[:6]]
        for cut in _cuts(words):
            if folded[cut : cut + len(head)] == head:
                return cut
    return None


def _initial(word: str) -> str:
    return next((c for c in word if c.isalpha()), "")


def _case_change(words: list[str]) -> int | None:
    cut = 0
    while cut < len(words) and _initial(words[cut]).islower():
        cut += 1
    if 1 <= cut <= _MAX_LOWER_NAME and cut in _cuts(words) and _initial(words[cut]).isupper():
        return cut
    return None


def _sentence_start(words: list[str]) -> int | None:
    everyday, function = _common()
    for cut in _cuts(words):
        word, after = words[cut], words[cut + 1]
        if (
            word[:1].isupper()
            and word.strip(".,;:!?\"'").casefold() in everyday
            and after[:1].islower()
            and words[cut - 1].casefold() not in function
        ):
            return cut
    return None


def _crumbs_apart(text: str) -> list[str]:
    """The title's line with the site's menus and the 2011 layout's breadcrumb run into
    it ("... Community Anime/Manga » Beelzebub » The Test Story": calibre's RTF) as the
    breadcrumb ("Anime/Manga » Beelzebub »") and the title; ``[text]`` otherwise."""
    crumbs = [c.strip() for c in text.split("\u00bb")]
    if len(crumbs) < 3 or not crumbs[-1] or not crumbs[-2]:
        return [text]
    section = next((s for s in _SECTIONS if crumbs[-3].endswith(s)), None)
    if section is None:
        return [text]
    return [f"{section} \u00bb {crumbs[-2]} \u00bb", crumbs[-1]]


def _set_apart(blocks: list[Block]) -> list[Block]:
    """``blocks`` with a metadata line run into the text around it set apart as its own
    block, the profile before it cut at "By:" (the title's line, the byline), and the
    reader's controls after it their own block; ``blocks`` unchanged when no early
    block holds such a line or it is already on its own."""
    for i, block in enumerate(blocks[:_LOOK]):
        if "Rated:" not in block.text:
            continue  # one look passes over most blocks (the site writes it so)
        text = _text(block)
        m = _META_INSIDE.search(text)
        if m is None or (m.start() == 0 and m.end() == len(text)):
            continue
        before, after = text[: m.start()].strip(), text[m.end() :].strip()
        pieces = [p.strip() for p in _PARTS.split(before)] if before else []
        if pieces and pieces[0] == "Follow/Fav":
            pieces[:2] = ["Follow/Fav" + (pieces[1] if len(pieces) > 1 else "")]
        if pieces:
            pieces[:1] = _crumbs_apart(pieces[0])
        parts = [*pieces, m.group(0), after]
        return [
            *blocks[:i],
            *(Block("paragraph", p) for p in parts if p),
            *blocks[i + 1 :],
        ]
    return blocks


__all__ = ["split_byline", "unpaste"]
