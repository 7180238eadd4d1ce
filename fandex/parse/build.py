"""Assemble a :class:`Work` from a cleaned document: header, chapters, stated tags.

What the format states wins over what is guessed from text: a reader's ``metadata``
(title, authors, typed tags) and marked chapters are used as given, and the header
parse only reads the preface (``doc.blocks``). A tag type the metadata states is not
also taken from the header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from fandex.model import Chapter, Evidence, Footnote, Tag, Work
from fandex.parse import values
from fandex.parse.apply import add_conventions, apply_fields
from fandex.parse.asides import take_front_notes, take_opening_disclaimer
from fandex.parse.contents import fold
from fandex.parse.dates import map_language, parse_date
from fandex.parse.header import parse_header
from fandex.parse.header_block import fields_from_pairs
from fandex.parse.labels import field_for
from fandex.parse.lines import chapter_heading
from fandex.parse.numbered import promote_numbered
from fandex.parse.series import series_from_metadata
from fandex.parse.structure import attach_footnotes, build_structure, chapters_from_raw
from fandex.parse.theft import drop_theft_notices
from fandex.parse.titleline import (
    bare_name,
    byline,
    clean_title_line,
    is_title_line,
    title_by,
    title_case_enough,
)
from fandex.read import fandex_export
from fandex.read.document import RawDocument

# An author's name alone on a title page: two to four capitalised words ("Wren Calloway",
# "J. R. Quill"), or one handle-like word with a digit or underscore ("nightjar_77").
_NAME = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*|\w*[\d_]\w*")

_META_SCALARS = (
    "summary",
    "notes_begin",
    "notes_end",
    "language",
    "published",
    "updated",
    "status",
)


# Producers whose chapter pages keep the author's notes apart from the story; any other
# marked chapter may carry them written into its text.
_NOTES_APART = frozenset({"ao3"})


def _apply_metadata(work: Work, meta: dict[str, Any]) -> None:
    if meta.get("title"):
        work.title = str(meta["title"])
    if meta.get("authors"):
        work.authors = [str(a) for a in meta["authors"]]
    for name in _META_SCALARS:
        if meta.get(name):
            setattr(work, name, meta[name])
    # Dates in ISO form and languages as ISO codes, however the format wrote them.
    for name in ("published", "updated"):
        value = getattr(work, name)
        if isinstance(value, str) and value:
            setattr(work, name, parse_date(value) or value)
    if isinstance(work.language, str) and work.language:
        work.language = map_language(work.language) or work.language
    work.series = series_from_metadata(meta)


# A heading that only numbers its chapter: "Chapter 2", "Part IV", "3."
_BARE_HEADING = re.compile(
    r"(?:(?:chapter|ch\.?|part)\s*\w{1,8}|\d{1,4}|[ivxlc]{1,7})\.?", re.IGNORECASE
)


def _one_chapter(work: Work) -> None:
    """A page that holds one chapter ("Part 1" and "Part 2" headings inside it are the
    chapter's own sections): its pieces are joined again, the headings kept as lines."""
    first = work.chapters[0]
    parts = [first.text] if first.text else []
    title = first.title
    for c in work.chapters[1:]:
        if title is None:
            title = c.title
        elif c.title:
            parts.append(c.title)
        if c.text:
            parts.append(c.text)
    first.title = title
    first.text = "\n\n".join(parts)
    first.notes_end = work.chapters[-1].notes_end or first.notes_end
    work.chapters = [first]


def _copied_from_text(title: str, work: Work) -> bool:
    """A fallback title a word processor copied from the text: a chapter's heading
    ("Chapter 1", or chapter one's "Chapter One: The Ford") or the story's opening
    sentence. It names the chapter or starts the story, not the work.

    >>> from fandex.model import Chapter
    >>> w = Work(title="Untitled", chapters=[Chapter(1, "Chapter One: The Ford", "Ila rowed.")])
    >>> _copied_from_text("Chapter 1", w), _copied_from_text("chapter one: the ford", w)
    (True, True)
    >>> _copied_from_text("Ila rowed.", w), _copied_from_text("The Ford", w)
    (True, False)
    """
    if chapter_heading(title) is not None:
        return True
    first = work.chapters[0] if work.chapters else None
    if first is None:
        return False
    key = fold(title)
    if key and first.title and fold(first.title) == key:
        return True
    return not is_title_line(title) and first.text.lstrip().startswith(title)


# Lines over a story that only repeat its title and byline.
_MAX_REPEAT_LINES = 3
_MAX_REPEAT_CHARS = 2000


def drop_title_repeat(work: Work) -> None:
    """The first chapter without the lines over its story that repeat the work's title
    and byline ("The Quiet Console" / "by Marigold", or "The Quiet Console by
    Marigold"): a page prints the title again over the text, a person does not read it
    as the story.

    >>> from fandex.model import Chapter
    >>> w = Work(title="Moth", authors=["Sedge"])
    >>> w.chapters = [Chapter(1, None, "Moth by Sedge\\n\\nIt flew.")]
    >>> drop_title_repeat(w); w.chapters[0].text
    'It flew.'
    """
    if not work.chapters or work.title in ("", "Untitled"):
        return
    first = work.chapters[0]
    text = first.text
    # Where each of the first paragraphs starts, found without splitting the whole
    # chapter: a split copies it, and a chapter may be a 50 MB line.
    starts = [0]
    while len(starts) <= _MAX_REPEAT_LINES and (at := text.find("\n\n", starts[-1])) >= 0:
        starts.append(at + 2)
    title = fold(work.title)
    authors = {fold(a) for a in work.authors}
    k = 0
    seen_title = False
    while k < len(starts) - 1:  # (a paragraph follows the one read)
        if starts[k + 1] - starts[k] > _MAX_REPEAT_CHARS:
            break  # no title or byline line is so long
        line = text[starts[k] : starts[k + 1] - 2].strip()
        if "\n" in line:
            break
        pair = title_by(line)
        if fold(line) == title or (pair and fold(pair[0]) == title and fold(pair[1]) in authors):
            seen_title = True
        elif not (seen_title and (by := byline(line)) and fold(by) in authors):
            break
        k += 1
    if k and seen_title:
        first.text = text[starts[k] :]


def _apply_fallbacks(work: Work, meta: dict[str, Any]) -> None:
    """What a page says about itself when its text states nothing: its ``<title>``, a
    journal entry's poster, the chapter a chapter page holds."""
    if work.title in ("", "Untitled") and meta.get("fallback_title"):
        fallback = " ".join(str(meta["fallback_title"]).split())
        if not _copied_from_text(fallback, work):
            work.title = fallback
            split = title_by(fallback) if not work.authors else None
            if split and not meta.get("fallback_authors") and bare_name(split[1]):
                # <title>Lantern Keeper by saltmarsh</title>: the page's name for itself
                # is the title and the author.
                work.title, work.authors = split[0], [split[1]]
    if not work.authors and meta.get("fallback_authors"):
        work.authors = [str(a) for a in meta["fallback_authors"]]
    if not work.summary and meta.get("fallback_summary"):
        work.summary = str(meta["fallback_summary"])
    if meta.get("single_chapter") and len(work.chapters) > 1:
        _one_chapter(work)
    named = str(meta.get("chapter_title") or "")
    if len(work.chapters) == 1 and named and not _BARE_HEADING.fullmatch(named):
        # The page names its chapter ("2. The Ferry"): better than none or "Chapter 2".
        title = work.chapters[0].title
        if not title or _BARE_HEADING.fullmatch(title):
            work.chapters[0].title = named


def take_title_page(work: Work) -> None:
    """Read a word processor's title page: a first, untitled "chapter" of only a title
    line and a byline or author name, before chapters with headings.

    Its lines fill an empty title and author list and the chapter is dropped; a line
    that is neither leaves everything as it was (it may be the story's first words).

    >>> from fandex.model import Chapter
    >>> w = Work(title="Untitled", chapters=[
    ...     Chapter(1, None, "The Ferryman's Daughter\\n\\nWren Calloway"),
    ...     Chapter(2, "Chapter One", "Ila rowed."), Chapter(3, "Chapter Two", "He spoke.")])
    >>> take_title_page(w)
    >>> w.title, w.authors, [c.title for c in w.chapters]
    ("The Ferryman's Daughter", ['Wren Calloway'], ['Chapter One', 'Chapter Two'])
    """
    if len(work.chapters) < 2 or work.chapters[0].title:
        return
    first, rest = work.chapters[0], work.chapters[1:]
    if not all(c.title for c in rest):
        return
    lines = [ln.strip() for ln in first.text.splitlines() if ln.strip()]
    if not lines or len(lines) > 3:
        return
    title = None if work.title in ("", "Untitled") else work.title
    authors = list(work.authors)
    for line in lines:
        folded = clean_title_line(line).casefold()
        by = byline(line)
        if title is not None and folded == title.casefold():
            continue
        if by or any(folded == a.casefold() for a in authors):
            if by and not authors:
                authors = [by]
            continue
        if title is None and is_title_line(line) and title_case_enough(line):
            title = clean_title_line(line)
        elif not authors and _NAME.fullmatch(line):
            authors = [line]
        else:
            return  # a line of the story: keep the chapter
    work.title = title or work.title
    work.authors = authors
    work.chapters = rest
    for i, c in enumerate(rest, start=1):
        c.index = i


# A chapter heading's number before its name: "Chapter 0: ", "Part 1 - ", "0. ".
_HEAD_NUMBER = re.compile(r"(?:(?:chapter|ch\.?|part)\s*\w{1,8}|\d{1,3})\s*[:.\-–—]\s*", re.I)
_SUMMARY_CHAPTER_WORDS = 300


def take_summary_chapter(work: Work) -> None:
    """Read a first chapter that is the work's description: named as a summary
    ("Chapter 0: Description", "Summary", "Synopsis"), short, before chapters of the
    story. It becomes the summary when none is stated, and is no chapter.

    >>> from fandex.model import Chapter
    >>> w = Work(title="Tide", chapters=[Chapter(1, "Chapter 0: Description", "A test."),
    ...     Chapter(2, "Chapter 1: Ford", "Ila rowed."), Chapter(3, "Chapter 2", "He spoke.")])
    >>> take_summary_chapter(w)
    >>> w.summary, [(c.index, c.title) for c in w.chapters]
    ('A test.', [(1, 'Chapter 1: Ford'), (2, 'Chapter 2')])
    """
    if len(work.chapters) < 2 or work.summary or not work.chapters[0].title:
        return
    first = work.chapters[0]
    name = _HEAD_NUMBER.sub("", first.title or "", count=1).strip(" :")
    if (
        field_for(name) != "summary"
        or not first.text.strip()
        or first.words > _SUMMARY_CHAPTER_WORDS
        or not all(c.title for c in work.chapters[1:])
    ):
        return
    work.summary = "\n\n".join(" ".join(p.split()) for p in first.text.split("\n\n") if p.strip())
    work.chapters = work.chapters[1:]
    for i, c in enumerate(work.chapters, start=1):
        c.index = i


def take_preface_byline(work: Work) -> None:
    """Read a title and byline that close the author's preface: notes, a disclaimer or
    thanks above, then "Harbour Tales" / "By Wren" just over the first chapter heading.

    They fill an empty title and author list and leave the preface; what is above them
    stays for the notes. A first chunk not ending on a byline is left as it was.

    >>> from fandex.model import Chapter
    >>> w = Work(title="Untitled", chapters=[
    ...     Chapter(1, None, "Thanks to my beta.\\n\\nHarbour Tales\\n\\nBy Wren Calloway"),
    ...     Chapter(2, "Chapter 1", "Ila rowed.")])
    >>> take_preface_byline(w)
    >>> w.title, w.authors, w.chapters[0].text
    ('Harbour Tales', ['Wren Calloway'], 'Thanks to my beta.')
    """
    if len(work.chapters) < 2 or work.chapters[0].title or not work.chapters[1].title:
        return
    if work.authors:
        return
    first = work.chapters[0]
    paragraphs = [p.strip() for p in first.text.split("\n\n") if p.strip()]
    if len(paragraphs) < 2 or "\n" in paragraphs[-1]:
        return
    author = byline(paragraphs[-1])
    if author is None:
        return
    keep = paragraphs[:-1]
    top = keep[-1] if keep else ""
    untitled = work.title in ("", "Untitled")
    if untitled and "\n" not in top and is_title_line(top) and title_case_enough(top):
        work.title = clean_title_line(top)
        keep = keep[:-1]
    work.authors = [author]
    first.text = "\n\n".join(keep)
    if not keep:
        work.chapters = work.chapters[1:]
        for i, c in enumerate(work.chapters, start=1):
            c.index = i


def build_work(doc: RawDocument) -> Work:
    """Interpret ``doc``: its header fields, its chapters and the tags it states.

    >>> from fandex.read.document import paragraphs
    >>> doc = RawDocument("txt", paragraphs("Title: Dawn\\nRating: PG\\n\\nShe woke."))
    >>> w = build_work(doc)
    >>> w.title, [t.name for t in w.tags], w.chapters[0].text
    ('Dawn', ['General Audiences'], 'She woke.')
    """
    meta = doc.metadata
    work = Work(title="Untitled")
    _apply_metadata(work, meta)
    # A web-serial site's hidden "this story was stolen" line, shown by a downloader.
    drop_theft_notices(doc)

    # "1. The Ford" ... "2. The Bank": numbered headings over story, read as chapters.
    blocks = doc.blocks if doc.chapters else promote_numbered(doc.blocks)
    header = parse_header(blocks)
    # A page's own metadata block ("Rated: NC-17", eFiction's labels) reads as header
    # fields that come first: the page states them about the whole work.
    header.fields[:0] = fields_from_pairs(meta.get("stated_fields") or [])
    if doc.chapters:
        structure = chapters_from_raw(
            doc.chapters,
            inline_notes=meta.get("producer") not in _NOTES_APART,
            work_title=work.title if work.title != "Untitled" else None,
        )
        rest = list(blocks[header.end :])
        if header.remainder is not None:
            rest.insert(0, header.remainder)
        preface = [b.text.strip() for b in rest if b.text.strip()]
        if preface and work.notes_begin is None:
            work.notes_begin = "\n\n".join(preface)
    else:
        body = list(blocks[header.end :])
        if header.remainder is not None:
            body.insert(0, header.remainder)
        if header.heading is not None:
            body.insert(0, header.heading)
        structure = build_structure(body)

    scope = [values.resolve_fandom(str(n)) for t, n in meta.get("tags", []) if t == "fandom"]
    tags = apply_fields(work, header.fields, scope=scope)
    tags += apply_fields(work, structure.fields, trailing=True)
    if structure.front:
        # Paragraphs between the header and a contents list: the summary running on.
        front = "\n\n".join(structure.front)
        if work.summary and header.first("summary") is not None:
            work.summary = f"{work.summary}\n\n{front}"
        else:
            work.notes_begin = f"{work.notes_begin}\n\n{front}" if work.notes_begin else front
    work.chapters = structure.chapters
    take_preface_byline(work)
    take_title_page(work)
    take_summary_chapter(work)
    take_front_notes(work)
    take_opening_disclaimer(work)
    _apply_fallbacks(work, meta)
    drop_title_repeat(work)
    if structure.notes_end:
        work.notes_end = (
            f"{work.notes_end}\n\n{structure.notes_end}" if work.notes_end else structure.notes_end
        )
    if work.status is None:
        work.status = structure.status
    header.legends = _not_contents(header.legends, work.chapters)
    work.footnotes = attach_footnotes(work.chapters, header.legends, require_mark=False)
    work.footnotes += [
        f for f in structure.footnotes if all(g.mark != f.mark for g in work.footnotes)
    ]
    # Footnotes the format itself marks (Markdown's [^id] definitions).
    work.footnotes += [
        Footnote(str(mark), str(text))
        for mark, text in meta.get("footnotes") or []
        if all(g.mark != str(mark) for g in work.footnotes)
    ]

    work.header = {}
    for f in [*header.fields, *structure.fields]:
        value = f.value
        work.header[f.label] = (
            f"{work.header[f.label]}\n{value}" if f.label in work.header else value
        )
    for mark, text in header.legends:
        work.header.setdefault(f"Footnote {mark}", text)
    for key, value in (meta.get("fields") or {}).items():
        work.header[str(key)] = str(value)
    add_conventions(work, [*header.fields, *structure.fields], meta.get("conventions") or [])

    stated_types = {str(t) for t, _ in meta.get("tags", [])}
    for type_, name in meta.get("tags", []):
        if type_ == "character" and (cast := values.cast_word(name)) is not None:
            # "Characters: Everyone": the whole cast, no one person.
            if cast == "ensemble":
                work.add_tag(
                    Tag(
                        "freeform",
                        "Ensemble Cast",
                        evidence=[Evidence(field="metadata", quote=name)],
                    )
                )
            continue
        # One fandom, one name: the pack's name for a variant, the stated text kept.
        canon = values.resolve_fandom(name) if type_ == "fandom" else name
        attrs = {"stated": name} if canon != name else {}
        evidence = [Evidence(field="metadata", quote=name)]
        work.add_tag(Tag(type_, canon, evidence=evidence, attrs=attrs))
    for tag in tags:
        if tag.type not in stated_types:
            work.add_tag(tag)
    # A page's own filing (a journal's or blog's tags naming a known fandom) types a tag
    # only when neither the format nor the text states one of that type.
    for type_, name in meta.get("fallback_tags") or []:
        if not any(t.type == type_ for t in work.tags):
            canon = values.resolve_fandom(name) if type_ == "fandom" else name
            attrs = {"stated": name} if canon != name else {}
            work.add_tag(
                Tag(type_, canon, evidence=[Evidence(field="tags", quote=name)], attrs=attrs)
            )
    fandex_export.restore(work, meta)
    return work


_BY_TAIL = re.compile(r"\s+by\s+\S.{0,80}$", re.IGNORECASE)


def _not_contents(
    legends: list[tuple[str, str]], chapters: Sequence[Chapter]
) -> list[tuple[str, str]]:
    """Numbered lines in the header that name the work's chapters ("1. The Lamp by
    Wrenfield", an archive's printable page listing its chapters) are a contents list,
    not footnote legends."""
    titles = {fold(c.title) for c in chapters if c.title and fold(c.title)}
    if not titles:
        return legends
    return [
        (mark, text)
        for mark, text in legends
        if fold(text) not in titles and fold(_BY_TAIL.sub("", text)) not in titles
    ]
