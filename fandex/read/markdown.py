"""Markdown: YAML front matter, CommonMark text, footnotes.

A fic kept as Markdown (a personal site's source, an Obsidian vault) states its card in
YAML front matter (``title:``, ``author:``, ``fandom:``, ``rating:`` ...) and writes
footnotes as ``[^id]`` marks with ``[^id]:`` definitions after the text; link reference
definitions (``[rpl]: <../Appendix>``) are plumbing, not text. The text is rendered as
CommonMark (markdown-it-py) and read like any HTML page, so hard-wrapped lines join,
``_emphasis_`` becomes a span and ``#`` headings are headings.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fandex.errors import ReadError
from fandex.read import sniff
from fandex.read.blogcard import filing_fields
from fandex.read.document import Block, RawChapter, RawDocument
from fandex.read.encoding import decode
from fandex.read.htmltext import blocks_of, parse_html, text_of

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd", ".mdwn")
_PAGE_SOURCES = (".html", ".htm", ".xhtml")
# Front matter's first line and a first key under it ("---" / "title: ...").
_CARD_START = re.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n[A-Za-z_][\w -]{0,40}:")
_FRONT = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
# Hugo and Zola write the card as TOML between "+++" lines.
_TOML_FRONT = re.compile(
    r"\A\ufeff?\+\+\+[ \t]*\r?\n(?P<toml>.*?)\r?\n\+\+\+[ \t]*(?:\r?\n|\Z)", re.S
)
# Pandoc's title block: up to three "%" lines (title, authors, date) opening the file, a
# value running on over indented lines, authors parted by ";", an empty field a bare "%".
_PANDOC_BLOCK = re.compile(
    r"\A\ufeff?(?P<block>%[^\n]*(?:\n(?:%|[ \t]+\S)[^\n]*){0,12})(?:\n[ \t]*\n|\n?\Z)"
)
_PANDOC_KEYS = ("title", "author", "date")
# A card's chapter that is only a number ("chapter: 3"): the heading under it is the title.
_CHAPTER_NUMBER = re.compile(r"^(?:(?:chapter|ch\.?|part)\s+)?\d+$", re.I)
# Front matter is a card, not a book: anything longer is not read as YAML.
_MAX_FRONT = 20_000
# A heading that opens a chapter: "Chapter 1", "Chapter 1: The Ferry", "Part Two - Ice".
_CHAPTER_HEAD = re.compile(
    r"^(?:chapter|ch\.?|part|chapitre|kapitel|cap[ií]tulo)\s+\w+\b(?:\s*[:.\-–—]\s*\S.*)?$", re.I
)
# A card titled with a named section of a work ("Prologue", "Epilogue: After"): the file
# holds that chapter, as a card titled "Chapter 2" does.
_SECTION_HEAD = re.compile(
    r"^(?:prologue|epilogue|interlude|prelude|coda|afterword|foreword)\b(?:\s*[:.\-–—]\s*\S.*)?$",
    re.I,
)
_AUTHOR_KEYS = ("author", "authors", "creator", "creators", "by", "writer")
_WORK_KEYS = ("collection", "series", "book", "work")
# The card of a file that holds one chapter names it ("chapter_title: The Ferry").
_CHAPTER_KEYS = ("chapter title", "chapter name", "chapter")
# A site generator's page that lists a story's chapters leaves the list to a component
# its script fills (``<directory-index>``, ``<chapter-list>``): a custom element (its
# name has a hyphen) that names a listing and holds no text. Beside it the page has at
# most a blurb, so a page whose prose runs longer is a chapter with a widget on it.
_LISTING_NAME = re.compile(r"index|list|toc|contents|chapters|director", re.I)
_MAX_BLURB_WORDS = 150
# A site generator's card names the page's template ("template: appendix", "layout:
# glossary"): a template named for end matter (header.toml's end-matter headings) makes
# the page the story's apparatus, not the story.
_TEMPLATE_KEYS = ("layout", "template", "type")
# Pandoc's Markdown (a fic converted from a .docx) writes attributes CommonMark does not
# know: ``![](image1.png){width="2in"}``, ``[text]{.underline}``, ``[]{#_Toc12 .anchor}``,
# ``# Prologue {#prologue}`` and fenced divs (``::: {.title}`` ... ``:::``). A reader sees
# the text and the picture, never the braces.
_ATTRS = r"\{(?:\s*(?:[#.][\w:.-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]+)))+\s*\}"
_LINK_ATTRS = re.compile(r"(\]\([^)\n]*\))" + _ATTRS)
_SPAN_ATTRS = re.compile(r"(?<![\]!])\[([^\]\n]*)\]" + _ATTRS)
_HEADING_ATTRS = re.compile(r"^(#{1,6}[ \t].*?)[ \t]*" + _ATTRS + r"[ \t]*$", re.M)
_DIV_FENCE = re.compile(r"^:::+[ \t]*(?:\{[^}\n]*\}|[\w-]+)?[ \t]*$", re.M)


def _pandoc_title_block(text: str) -> tuple[dict[str, Any], str] | None:
    """Pandoc's ``% title`` / ``% author`` / ``% date`` block as a card, and the body
    after it; None when the text does not open with one.

    >>> _pandoc_title_block("% Gulls\\n% Ada; Kay\\n\\nText.")
    ({'title': 'Gulls', 'author': ['Ada', 'Kay']}, 'Text.')
    """
    m = _PANDOC_BLOCK.match(text)
    if m is None:
        return None
    values: list[str] = []
    for line in m.group("block").split("\n"):
        if line.startswith("%"):
            values.append(line[1:].strip())
        else:
            values[-1] = f"{values[-1]} {line.strip()}".strip()
    if len(values) > len(_PANDOC_KEYS) or not values[0]:
        return None
    card: dict[str, Any] = {}
    for key, value in zip(_PANDOC_KEYS, values, strict=False):
        if value and key == "author":
            card[key] = [a.strip() for a in value.split(";") if a.strip()]
        elif value:
            card[key] = value
    return card, text[m.end() :]


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """``(front matter, body)``; an empty dict when there is none or it is not YAML
    (or TOML between ``+++`` lines, or Pandoc's ``%`` title block)."""
    if text.lstrip("\ufeff").startswith("%") and (block := _pandoc_title_block(text)):
        return block
    t = _TOML_FRONT.match(text)
    if t is not None and len(t.group("toml")) <= _MAX_FRONT:
        import tomllib

        try:
            card = tomllib.loads(t.group("toml"))
        except tomllib.TOMLDecodeError:
            return {}, text
        return {str(k): v for k, v in card.items()}, text[t.end() :]
    m = _FRONT.match(text)
    if m is None or len(m.group("yaml")) > _MAX_FRONT:
        return {}, text
    import yaml  # loaded on first use: most imports hold no Markdown

    try:
        data = yaml.safe_load(m.group("yaml"))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    return {str(k): v for k, v in data.items()}, text[m.end() :]


def _value(v: Any) -> str:
    if isinstance(v, list | tuple):
        return ", ".join(_value(x) for x in v if x is not None)
    if isinstance(v, dict):
        return ""
    return " ".join(str(v).split()) if v is not None else ""


_BEGIN_NOTE_KEYS = ("start note", "start notes", "beginning notes", "begin notes", "notes begin")
_END_NOTE_KEYS = ("end note", "end notes", "notes end")


def _card_text(value: str) -> str:
    """A card value as read: HTML in it (``<br/><br/>``, ``<hr>``, links) rendered to
    its text, paragraphs apart."""
    if "<" not in value:
        return value
    blocks = blocks_of(next((b for b in parse_html(f"<div>{value}</div>").iter("body")), None))
    return "\n\n".join(b.text.strip() for b in blocks if b.text.strip())


def front_metadata(front: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Metadata from front matter, and a chapter title when the card names a chapter.

    >>> front_metadata({"title": "Chapter 1", "author": "Kay", "collection": "Gulls"})[1]
    'Chapter 1'
    """
    # Keys are written "content_rating" or "content-rating": the header's "content rating".
    fields = {re.sub(r"[_-]+", " ", str(k)).strip(): _value(v) for k, v in front.items()}
    fields = {k: v for k, v in fields.items() if v}
    meta: dict[str, Any] = {"fields": dict(fields)}
    lower = {k.casefold(): v for k, v in fields.items()}
    chapter: str | None = next((lower[k] for k in _CHAPTER_KEYS if k in lower), None)
    title = lower.get("title")
    # "Chapter 1", "Chapter 2: The Ferry", "Prologue": the card names the file's chapter.
    if title and (_CHAPTER_HEAD.match(title) or _SECTION_HEAD.match(title)):
        chapter, title = title, next((lower[k] for k in _WORK_KEYS if k in lower), None)
    if title:
        meta["title"] = title
    for key in _AUTHOR_KEYS:
        if key in lower:
            meta["authors"] = [a.strip() for a in re.split(r",\s*", lower[key]) if a.strip()]
            break
    # The work's notes ("start_note:", "end_notes:"), which the card may write in HTML.
    for keys, field in ((_BEGIN_NOTE_KEYS, "notes_begin"), (_END_NOTE_KEYS, "notes_end")):
        note = next((_card_text(lower[k]) for k in keys if k in lower), "")
        if note:
            meta[field] = note
    if "<" in lower.get("summary", ""):
        fields = {k: _card_text(v) if k.casefold() == "summary" else v for k, v in fields.items()}
    skip = {"title", *_AUTHOR_KEYS, *_CHAPTER_KEYS, *_BEGIN_NOTE_KEYS, *_END_NOTE_KEYS}
    # A blog's categories and tags are its own filing, read item by item (blogcard).
    filing = filing_fields(front)
    meta["stated_fields"] = [
        pair
        for k, v in fields.items()
        if k.casefold() not in skip
        for pair in filing.get(k, [(k, v)])
    ]
    return meta, chapter


def strip_pandoc_attributes(body: str) -> str:
    """Pandoc's attribute braces and div fences taken out, their text kept.

    >>> strip_pandoc_attributes('![](m/i.png){width="2in"}\\n\\n[Ila]{.underline} rowed.')
    '![](m/i.png)\\n\\nIla rowed.'
    """
    if "{" not in body and ":::" not in body:
        return body
    body = _LINK_ATTRS.sub(r"\1", body)
    body = _SPAN_ATTRS.sub(r"\1", body)
    body = _HEADING_ATTRS.sub(r"\1", body)
    return _DIV_FENCE.sub("", body)


def _template_kind(front: dict[str, Any]) -> str | None:
    """The page kind a card's template names, when it names end matter."""
    from fandex.vocab.ao3 import load_toml

    headings = {h.casefold() for h in load_toml("header.toml")["end_matter"]["headings"]}
    for key in _TEMPLATE_KEYS:
        value = front.get(key)
        if isinstance(value, str):
            last = value.strip().rstrip("/").rsplit("/", 1)[-1]
            name = re.sub(r"[_-]+", " ", last).strip().casefold()
            if name in headings:
                return f"a page of notes (its template: {last})"
    return None


def _renderer() -> MarkdownIt:
    # Loaded on first use: most imports hold no Markdown.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    # HTML inside the Markdown (a converter's <div> and <span> wrappers) is rendered as a
    # person sees it: fandex parses the result itself and keeps only its text.
    return MarkdownIt("commonmark", {"html": True}).use(footnote_plugin)


# A sentence's end: a line so closed, underlined, is a paragraph over a rule.
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "’")
_SENTENCE_WORDS = 5


def _render(body: str) -> str:
    """The body as HTML, with an underlined sentence read as its writer meant it.

    CommonMark makes a line over ``---`` (or ``===``) a heading, but a writer who closes a
    paragraph with a row of dashes is drawing a rule under it ("...he gave a quick
    nod." over "-------------"): a heading names, it is not a sentence. Such a line
    stays a paragraph and the row becomes the rule it looks like.
    """
    from markdown_it.token import Token

    md = _renderer()
    env: dict[str, Any] = {}
    tokens = md.parse(body, env)
    out: list[Any] = []
    for n, tok in enumerate(tokens):
        if tok.type in ("heading_open", "heading_close") and tok.markup in ("-", "="):
            # A setext heading: its line is the inline token inside it.
            line = tokens[n + 1 if tok.type == "heading_open" else n - 1].content.strip()
            if "\n" in line or (
                len(line.split()) >= _SENTENCE_WORDS and line.endswith(_SENTENCE_END)
            ):
                if tok.type == "heading_open":
                    out.append(Token("paragraph_open", "p", 1, map=tok.map))
                else:
                    out.append(Token("paragraph_close", "p", -1))
                    out.append(Token("hr", "hr", 0, markup=tok.markup * 3))
                continue
        out.append(tok)
    return str(md.renderer.render(out, md.options, env))


def _take_footnotes(root: Any) -> list[tuple[str, str]]:
    """The rendered footnote list, removed from the page: ``[(mark, text)]``."""
    notes: list[tuple[str, str]] = []
    for section in list(root.iter("section")):
        if "footnotes" not in (section.get("class") or "").split():
            continue
        for n, li in enumerate(section.iter("li"), start=1):
            for a in list(li.iter("a")):
                if "footnote-backref" in (a.get("class") or ""):
                    a.getparent().remove(a)
            text = text_of(li).strip()
            if text:
                notes.append((str(n), text))
        section.getparent().remove(section)
    return notes


def _lists_pages(root: Any, blocks: list[Any]) -> bool:
    """The page is a story's index: an empty listing component beside a short blurb."""
    listing = any(
        isinstance(el.tag, str)
        and "-" in el.tag
        and _LISTING_NAME.search(el.tag)
        and not "".join(el.itertext()).strip()
        for el in root.iter()
    )
    return listing and sum(len(b.text.split()) for b in blocks) <= _MAX_BLURB_WORDS


# A chapter file named for its chapter ("05 - Barcelona.md", "hope-05-barcelona.md"),
# its card titled with the work's name and the chapter's ("Hope - Barcelona"): the
# name says where the work's title ends. The chapter's words end the name after the
# chapter's number; a name ending so after other words ("hope-barcelona.md"), or with
# no number ("Barcelona.md", a one-shot "Hope: Barcelona" named for its subtitle),
# may be the whole title's, and says nothing.
_TITLE_SEPARATOR = re.compile(r"\s+[-–—]\s+|\s*:\s+")


def _named_chapter(title: str, filename: str) -> tuple[str, str] | None:
    """``(work title, chapter title)`` when the card's title ends with the chapter the
    file is named for, after a dash or a colon; None otherwise.

    >>> _named_chapter("Hope - Barcelona", "05 - Barcelona.md")
    ('Hope', 'Barcelona')
    >>> _named_chapter("Hope - Barcelona", "hope-barcelona.md") is None
    True
    """
    stem = re.sub(r"\.[A-Za-z0-9]{1,9}$", "", filename.replace("\\", "/").rsplit("/", 1)[-1])
    named = re.findall(r"[^\W_]+", stem.casefold())
    for m in _TITLE_SEPARATOR.finditer(title):
        work, chapter = title[: m.start()].strip(), title[m.end() :].strip()
        words = re.findall(r"[^\W_]+", chapter.casefold())
        if not work or not words or named[-len(words) :] != words:
            continue
        before = named[: -len(words)]
        if before and before[-1].isdigit():
            return work, chapter
    return None


# A chapter file's name: its number, then the chapter's title ("007_The_Ferry.md").
_NUMBERED_NAME = re.compile(r"^\d{1,4}[ _.\-]+(?=[^\W\d_])")


def _numbered_heading(blocks: list[Block], filename: str) -> str | None:
    """The text's only heading when it opens the text and repeats the words of a file
    name that numbers it (``007_The_Ferry.md`` / ``# The Ferry``); None otherwise."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,9}$", "", filename.replace("\\", "/").rsplit("/", 1)[-1])
    m = _NUMBERED_NAME.match(stem)
    if m is None or len(blocks) < 2 or blocks[0].kind != "heading":
        return None
    heading = " ".join(blocks[0].text.split())
    words = re.findall(r"[^\W_]+", heading.casefold())
    if not words or re.findall(r"[^\W_]+", stem[m.end() :].casefold()) != words:
        return None
    return heading


def _headed_chapter(
    title: str | None, chapter: str, blocks: list[Block]
) -> tuple[str | None, str, list[Block]]:
    """``(work title, chapter title, blocks)`` for a chapter file whose text opens with
    headings: the work's title over the chapter's ("## Gull Count", "### Chapter 1").

    The card names the chapter; the heading that repeats it (or, for a numbered card,
    reads as a chapter heading) is the chapter's, and a heading above it is the work's
    title, which a card naming only the chapter does not give. Without a chapter
    heading among the opening headings nothing is taken.
    """
    heads = 0
    while heads < len(blocks) - 1 and blocks[heads].kind == "heading":
        heads += 1
    numbered = _CHAPTER_NUMBER.match(chapter) is not None
    for i in range(heads):
        text = blocks[i].text.strip()
        if text.casefold() != chapter.casefold() and not (numbered and _CHAPTER_HEAD.match(text)):
            continue
        above = [b.text.strip() for b in blocks[:i] if b.text.strip()]
        if above and not title:
            title = above[0]
        return title, text if numbered else chapter, blocks[i + 1 :]
    return title, chapter, blocks


class MarkdownReader:
    """Reads Markdown files (``.md``)."""

    name = "markdown"
    extensions = _EXTENSIONS

    def sniff(self, head: bytes, filename: str) -> float:
        """0.6 for a Markdown file name; 0.7 for a page's source that opens with front
        matter (a static site's ``.html`` with its card on top); 0 for binary bytes or
        other names."""
        if sniff.looks_binary(head):
            return 0.0
        name = filename.lower()
        if name.endswith(_EXTENSIONS):
            return 0.6
        # A site generator (Jekyll, Eleventy, Hugo) keeps a page as its card in YAML
        # front matter over the page's HTML: a browser never sees the file so, and the
        # card is the work's. Above a tag-rich text's HTML score, below a real page's.
        if name.endswith(_PAGE_SOURCES) and _CARD_START.match(head):
            return 0.7
        return 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Front matter to metadata, the body to blocks; ReadError when there is no text."""
        text, encoding = decode(data)
        front, body = split_front_matter(text.replace("\r\n", "\n"))
        meta, chapter = front_metadata(front) if front else ({}, None)
        root = parse_html(_render(strip_pandoc_attributes(body)) or "<p></p>")
        footnotes = _take_footnotes(root)
        blocks = blocks_of(next(root.iter("body"), root))
        if not any(b.text.strip() for b in blocks):
            raise ReadError("the file has no text")
        meta["encoding"] = encoding
        if _lists_pages(root, blocks):
            meta["page_kind"] = "a story index page"
        elif kind := _template_kind(front):
            meta["page_kind"] = kind
        if footnotes:
            meta["footnotes"] = footnotes
        if not chapter and meta.get("title") and (named := _named_chapter(meta["title"], filename)):
            meta["title"], chapter = named
        if not front and not chapter and (numbered := _numbered_heading(blocks, filename)):
            # "007_The Ferry.md" opening "# The Ferry": one chapter of a work kept a file a
            # chapter; the heading names the chapter (and, with no card, the work).
            meta.setdefault("title", numbered)
            chapter, blocks = numbered, blocks[1:]
            raw = [RawChapter(title=chapter, blocks=blocks)]
            return RawDocument(format="markdown", chapters=raw, metadata=meta)
        if chapter:
            title, chapter, blocks = _headed_chapter(meta.get("title"), chapter, blocks)
            if title:
                meta["title"] = title
            # The file is one chapter of a work: its card names the chapter. A card that
            # only numbers it ("chapter: 2") leaves the title to the heading over the text.
            if (
                len(blocks) > 1
                and blocks[0].kind == "heading"
                and (
                    _CHAPTER_NUMBER.match(chapter)
                    or blocks[0].text.strip().casefold() == chapter.casefold()
                )
            ):
                chapter, blocks = blocks[0].text.strip(), blocks[1:]
            raw = [RawChapter(title=chapter, blocks=blocks)]
            return RawDocument(format="markdown", chapters=raw, metadata=meta)
        return RawDocument(format="markdown", blocks=blocks, metadata=meta)


__all__ = ["MarkdownReader", "front_metadata", "split_front_matter"]
