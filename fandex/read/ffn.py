"""FanFiction.net (and FictionPress) chapter pages saved from a browser, in both layouts.

The story's facts sit in a profile box above the text: the title in bold, the author
linked to ``/u/N``, the summary, and one metadata line::

    Rated: Fiction T - English - Romance/Hurt/Comfort - [Ann B., Tom C.] Sue D. -
    Chapters: 12 - Words: 56,452 - ... - Updated: 5/15 - Published: 9/8/2012 - id: 1

The new layout (2013 on) holds it in ``div#profile_top``; the old one in a table
(``#gui_table1i``) with ``Author:`` before the link and ``Updated: 02-02-12`` dates.
Both are found the same way: the element whose text is that "Rated: ..." line, and the
block around it that also holds the author link. ``#pre_story_links`` names the fandom
("A + B Crossover" names two), ``#chap_select`` the chapter this page holds, and
``#storytext`` the chapter itself.

The chapter text goes on as plain blocks, not a marked chapter: authors open it with
their own header lines, notes and a chapter heading, and close it with notes, which
the parse stage reads as it reads any story's text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from lxml import html as lxml_html

from fandex.errors import ReadError
from fandex.parse.dates import parse_date
from fandex.parse.ffnline import GENRES, META_LINE, PARTS, split_genres
from fandex.parse.values import split_characters
from fandex.read.document import RawDocument
from fandex.read.htmltext import blocks_of, by_id
from fandex.read.htmltext import squashed_text as _text
from fandex.read.marked import MarkedPageReader
from fandex.read.pasted_preface import drop_pasted_preface

_MARKS = (b"fanfiction.net", b"fictionpress.com", b"FanFiction")
_STORYTEXT = re.compile(rb"""id\s*=\s*["']?storytext\b""")
_PARTIAL_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})\s*$")


def find_profile(root: Any) -> tuple[Any, Any] | None:
    """``(profile block, metadata line element)``, or None when the page has none.

    The 2011 layout writes the line as loose text after a separator (``<div
    class=sep></div>Rated: <a>M</a> - English - ...``): that text and the inline
    elements after it up to the next block are gathered into a detached ``span``."""
    for el in root.iter("span", "div", "td"):
        # The line's element starts with "Rated:" itself; checking its own first text
        # keeps this linear (text_content of every outer element would not be).
        first = el[0] if len(el) and isinstance(el[0].tag, str) else None
        if (el.text or "").lstrip().startswith("Rated:"):
            line = el
        elif (
            not (el.text or "").strip()
            and first is not None
            and first.tag in _INLINE
            and first.text_content().lstrip().startswith("Rated:")
        ):
            line = el  # "<a href=fictionratings>Rated: K+</a> - English - ...": the link opens it
        elif (el.tail or "").lstrip().startswith("Rated:") and el.getparent() is not None:
            line = _loose_line(el)
        else:
            continue
        if not META_LINE.match(line.text_content()[:200]):
            continue
        box = el.getparent() if line is el else el
        while box is not None and not any("/u/" in (a.get("href") or "") for a in box.iter("a")):
            box = box.getparent()
        if box is not None:
            return box, line
    return None


_INLINE = frozenset({"a", "b", "i", "em", "strong", "small", "span", "font", "u"})


def _loose_line(before: Any) -> Any:
    """A detached ``span`` holding the text after ``before`` up to the next block."""
    line = lxml_html.Element("span")
    line.text = before.tail
    for sib in before.itersiblings():
        if not isinstance(sib.tag, str) or sib.tag not in _INLINE:
            break
        line.append(copy.deepcopy(sib))
    return line


def _date(stamp: Any | None, shown: str) -> str | None:
    """An ISO date from a shown date ("9/8/2012", "02-02-12"; "5/15", "Jan 5" or "3h ago"
    in the current year) and the page's timestamp (``data-xutime``), keeping what is
    sure: a shown date with its year as shown, else the timestamp's year."""
    partial = _PARTIAL_DATE.match(shown)
    if not partial and (iso := parse_date(shown)) and len(iso) == 10:
        return iso
    xutime = (stamp.get("data-xutime") or "") if stamp is not None else ""
    if not xutime.isdigit():
        return None
    when = datetime.fromtimestamp(int(xutime), tz=UTC).date()
    if partial:
        try:
            return when.replace(month=int(partial.group(1)), day=int(partial.group(2))).isoformat()
        except ValueError:
            pass
    return when.isoformat()


def stamped_date(stamp: Any) -> str | None:
    """The ISO date a ``data-xutime`` span shows (its shown date, its timestamp's year
    when the shown date has none)."""
    return _date(stamp, _text(stamp))


def _dates(stamps: list[Any], meta: dict[str, Any]) -> None:
    for label, key in (("Updated", "updated"), ("Published", "published")):
        shown = meta["fields"].get(label)
        if not shown:
            continue
        stamp = next((s for s in stamps if _text(s) == shown), None)
        iso = _date(stamp, shown)
        if iso:
            meta[key] = iso


def _characters(part: str, stated: list[tuple[str, str]], tags: list[tuple[str, str]]) -> None:
    """Characters and bracketed pairings as header fields, so the parse resolves the
    names within the stated fandom; a pairing whose names hold a slash or "&" cannot be
    written as one and is handed on as a typed tag."""
    pairings, characters = split_characters(part)
    stated.append(("Characters", ", ".join(characters)))
    plain = [p for p in pairings if not any(c in n for n in p for c in "/&,")]
    if plain:
        stated.append(("Pairing", ", ".join("/".join(p) for p in plain)))
    tags.extend(
        ("relationship", "/".join(sorted(p, key=str.casefold))) for p in pairings if p not in plain
    )


def read_details(line: Any, meta: dict[str, Any]) -> None:
    """The metadata line: labelled parts as fields, the unlabelled ones by what they are
    (the language comes first, then genres, then characters); its dates by the page's
    time stamps where it has them."""
    stamps = [s for s in line.iter("span") if s.get("data-xutime")]
    read_details_text(_text(line), meta, stamps)


def read_details_text(text: str, meta: dict[str, Any], stamps: list[Any] | None = None) -> None:
    """:func:`read_details` of the line's text alone (a page that lost its markup): the
    dates as the line shows them."""
    fields: dict[str, str] = meta["fields"]
    stated: list[tuple[str, str]] = meta["stated_fields"]
    tags: list[tuple[str, str]] = meta["tags"]
    unlabelled: list[str] = []
    for part in PARTS.split(text):
        label, sep, value = part.partition(":")
        if sep and 0 < len(label.strip()) < 20 and "[" not in label:
            fields[label.strip()] = value.strip()
        elif part.strip():
            unlabelled.append(part.strip())
    if "Rated" in fields:
        rated = fields.pop("Rated")
        fields["Rating"] = re.sub(r"^Fiction\s+", "", rated, flags=re.IGNORECASE)
        stated.append(("Rated", rated))
    for i, part in enumerate(unlabelled):
        genres = split_genres(part)
        if i == 0 and genres is None:
            fields["Language"] = part
            stated.append(("Language", part))
        elif genres is not None and "Genre" not in fields:
            fields["Genre"] = part
            # "General" is FanFiction.net's "no particular genre", not AO3's Gen.
            named = [g for g in genres if g != "General"]
            if named:
                stated.append(("Genre", ", ".join(named)))
        elif "Characters" not in fields and part.casefold() != "complete":
            fields["Characters"] = part
            _characters(part, stated, tags)
    # The 2011 layout writes the status as a bare "Complete" part, no label.
    if any(p.casefold() == "complete" for p in unlabelled[1:]):
        fields.setdefault("Status", "Complete")
    status = fields.get("Status", "")
    meta["status"] = "complete" if status.casefold() == "complete" else "wip"
    _dates(stamps or [], meta)


def _before(box: Any, line: Any) -> Iterator[Any]:
    """The elements of ``box`` before the metadata line (or the separator a loose line
    follows), in document order."""
    anchor = line if line.getparent() is not None else None
    for el in box.iter():
        if el is anchor or (anchor is None and (el.tail or "").lstrip().startswith("Rated:")):
            return
        yield el


def breadcrumb_fandoms(root: Any) -> list[str]:
    """The fandom from the breadcrumb: its last link; a crossover names two. The 2011
    layout has no ``#pre_story_links``: its breadcrumb's last link into a fandom's
    listing (``/tv/Firefly/``, not the category ``/tv/``) names it."""
    links = by_id(root, "pre_story_links")
    if links is None:
        names = [_text(a) for a in root.iter("a") if _FANDOM_HREF.match(a.get("href") or "")]
    else:
        names = [_text(a) for a in links.iter("a") if _text(a)]
    names = [n for n in names if n]
    if not names:
        return []
    last = names[-1]
    m = re.fullmatch(r"(.+?)\s+\+\s+(.+?)\s+Crossover", last, re.IGNORECASE)
    return [m.group(1), m.group(2)] if m else [last]


# FictionPress's two sections of original work; FanFiction.net has no such folder.
_SITE_HOME = re.compile(r"^(?:https?://[^/]*)?/?$")
_ORIGINAL_HREF = re.compile(r"^(?:https?://[^/]*)?/(?:fiction|poetry)/(?:([^/?#]+)/?)?$", re.I)


def original_genre(root: Any) -> str | None:
    """The genre a FictionPress page files its original story under ("" when its
    breadcrumb names only the section); None for a page of fan fiction."""
    links = by_id(root, "pre_story_links")
    if links is None:
        return None
    found: str | None = None
    for a in links.iter("a"):
        href = (a.get("href") or "").strip()
        if _SITE_HOME.match(href):
            continue  # the site's home, before the section
        m = _ORIGINAL_HREF.match(href)
        if m is None:
            return found
        found = _text(a) if m.group(1) else (found or "")
    return found


# A link into one fandom's story listing: a category folder, then the fandom's own.
_FANDOM_HREF = re.compile(
    r"^(?:https?://[^/]*)?/(?:anime|book|cartoon|comic|game|misc|movie|play|tv)/[^/?#]+/?$",
    re.IGNORECASE,
)
_DESCRIBED = re.compile(r"\bStory summary:\s*(.+?)\.?$", re.IGNORECASE | re.DOTALL)
# A chapter page of a longer story describes itself as "Chapter 3 of a Harbour Tales -
# Drama fanfiction with characters Ila M. & Corran. <summary>.": no label before the
# summary, which starts after the sentence naming the story's people.
_CHAPTER_DESCRIBED = re.compile(
    r"^\s*Chapter\s+\d{1,4}\s+of\s+an?\s+.{1,300}?\bfanfiction\b(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_CHARACTERS_LEAD = re.compile(r"\s*with\s+characters?\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\.(\.?)\s+")


def _after_people(rest: str) -> str | None:
    """What follows "fanfiction[ with characters A & B]." in a chapter description.

    The people are FFN's short names ("Ila M."), so a full stop after a lone capital
    is an initial, unless a second one ends the sentence ("Ila M.. The ...").

    >>> _after_people(" with characters Ila M. & Corran. Two walkers.")
    'Two walkers.'
    >>> _after_people(" with characters Ila M. & Corran T.. Two walkers.")
    'Two walkers.'
    >>> _after_people(". Two walkers.")
    'Two walkers.'
    """
    lead = _CHARACTERS_LEAD.match(rest)
    if lead is None:
        return rest.lstrip()[1:].strip() if rest.lstrip().startswith(".") else None
    people = rest[lead.end() :]
    for stop in _SENTENCE_END.finditer(people):
        before = people[: stop.start()].split()[-1:]
        initial = bool(before) and len(before[0]) == 1 and before[0].isupper()
        if stop.group(1) or not initial:
            return people[stop.end() :]
    return None


def described_summary(root: Any) -> str | None:
    """The summary a page gives only in its description (``<meta name=description
    content="A Firefly - Romance fanfiction ... Story summary: ...">``, or a chapter's
    "Chapter 1 of a Firefly - Romance fanfiction with characters Wash & Zoe. ...")."""
    for m in root.iter("meta"):
        if (m.get("name") or "").casefold() == "description":
            content = m.get("content") or ""
            found = _DESCRIBED.search(content)
            if found and found.group(1).strip():
                return " ".join(found.group(1).split())
            chapter = _CHAPTER_DESCRIBED.match(content)
            told = _after_people(chapter.group("rest")) if chapter else None
            if told and told.strip(" ."):
                return " ".join(re.sub(r"\.$", "", told.strip()).split())
    return None


def _chapter_select(root: Any) -> Any | None:
    """The chapter menu: ``select#chap_select``, or the older layouts' ``<SELECT
    title='chapter navigation' Name=chapter>``."""
    select = by_id(root, "chap_select")
    if select is not None:
        return select
    return next(
        (
            s
            for s in root.iter("select")
            if (s.get("title") or "").casefold() == "chapter navigation"
            or (s.get("name") or "").casefold() == "chapter"
        ),
        None,
    )


def chapter_title(root: Any) -> str | None:
    select = _chapter_select(root)
    if select is None:
        return None
    chosen = next((o for o in select.iter("option") if o.get("selected") is not None), None)
    if chosen is None:
        return None
    # The old layout leaves <option> unclosed: the chosen one's own text is its title.
    label = " ".join((chosen.text or "").split()) or _text(chosen)
    return re.sub(r"^\d+\.\s*", "", label) or None


def _title_and_author(box: Any, meta: dict[str, Any]) -> tuple[Any, Any]:
    """The profile box's bold title and author link (each None where the box has none),
    their texts written into ``meta``."""
    title = next((b for b in box.iter("b") if _text(b)), None)
    if title is not None:
        meta["title"] = _text(title)
    author = next((a for a in box.iter("a") if "/u/" in (a.get("href") or "")), None)
    if author is not None and _text(author):
        meta["authors"] = [_text(author)]
    return title, author


def read_profile(root: Any) -> dict[str, Any]:
    """Title, author, summary and the metadata line of a FanFiction.net page."""
    meta: dict[str, Any] = {
        "producer": "ffnet",
        "fields": {},
        "tags": [],
        "stated_fields": [],
        "single_chapter": True,  # a chapter page holds one chapter
    }
    found = find_profile(root)
    if found is not None:
        box, line = found
        title, author = _title_and_author(box, meta)
        # The summary is the box's first other block: not the line, nor a block
        # holding the title, the author or the story (the 2011 layout's box is the
        # whole page, its summary only in the page's description).
        inside_line = set(line.iter())
        skip = {title, author, by_id(box, "storytext")} - {None}
        summary = next(
            (
                d
                for d in _before(box, line)
                if d.tag == "div"
                and d not in inside_line
                and line not in set(d.iter())
                and not skip & set(d.iter())
                and _text(d)
            ),
            None,
        )
        if summary is not None:
            meta["summary"] = _text(summary)
        elif described := described_summary(root):
            meta["summary"] = described
        read_details(line, meta)
    elif (top := by_id(root, "profile_top")) is not None:
        # The profile box without its "Rated: ..." line (a page trimmed to its skeleton):
        # its bold title and its author link still name the work.
        _title_and_author(top, meta)
    genre = original_genre(root)
    if genre is not None:
        # FictionPress files original work under a genre ("Fiction > Romance"): the
        # breadcrumb names no fandom.
        meta["tags"][:0] = [("fandom", "Original Work")] + ([("freeform", genre)] if genre else [])
    else:
        meta["tags"][:0] = [("fandom", f) for f in breadcrumb_fandoms(root)]
    chapter = chapter_title(root)
    if chapter:
        meta["chapter_title"] = chapter
    canonical = next(
        (ln.get("href") for ln in root.iter("link") if ln.get("rel") == "canonical"), None
    )
    if canonical and "/s/" in canonical:
        meta["url"] = f"https:{canonical}" if canonical.startswith("//") else canonical
    return meta


def _site_page(root: Any) -> bool:
    """Whether the page around ``#storytext`` is the site's own (its profile box, fandom
    links or chapter menu): a downloader's file that kept the story's ``div`` but wrote
    its own header above it is read as any page, header and all."""
    return (
        find_profile(root) is not None
        or by_id(root, "pre_story_links") is not None
        or _chapter_select(root) is not None
    )


def read_ffn(root: Any) -> RawDocument | None:
    """A FanFiction.net chapter page (``div#storytext``), or None when it is not one."""
    story = by_id(root, "storytext")
    if story is None or not _site_page(root):
        return None
    meta = read_profile(root)
    # A chapter cross-posted from AO3 may open with the download's preface: the page's
    # own card says what the work is.
    blocks = drop_pasted_preface(blocks_of(story))
    if not blocks:
        raise ReadError("the FanFiction.net page has no story text")
    return RawDocument(format="html", blocks=blocks, metadata=meta)


_SITE_HOST = re.compile(
    r"^(?:https?:)?//(?:www\.|m\.)?(?:fanfiction\.net|fictionpress\.com)/", re.I
)


def is_site_page(root: Any) -> bool:
    """Whether the page is one of FanFiction.net's (or FictionPress's) own: its
    canonical address is on the site, or it has the site's page frame (the
    ``#content_wrapper`` its pages sit in, with the ``xcontrast_txt`` text class)."""
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical":
            return _SITE_HOST.match((link.get("href") or "").strip()) is not None
    return by_id(root, "content_wrapper") is not None and any(
        "xcontrast_txt" in (el.get("class") or "") for el in root.iter("a", "span", "div")
    )


def holds_no_chapter(root: Any) -> bool:
    """Whether the page is one of FanFiction.net's that holds no chapter (a browse or
    community list, an author's profile, a story's reviews, a "story not found"
    notice): the site's own page, with no chapter of the desktop or mobile site."""
    if any(by_id(root, i) is not None for i in ("storytext", "storycontent")):
        return False
    return is_site_page(root)


class FfnPageReader(MarkedPageReader):
    """A FanFiction.net or FictionPress chapter page saved from a browser: above the
    generic HTML reader when it names the site and has a ``storytext`` element."""

    name = "ffn-page"
    score = 0.95
    sites = _MARKS
    mark = _STORYTEXT
    missing = "not a FanFiction.net chapter page (no story text)"

    def read_root(self, root: Any) -> RawDocument | None:
        return read_ffn(root)


__all__ = [
    "GENRES",
    "FfnPageReader",
    "breadcrumb_fandoms",
    "chapter_title",
    "described_summary",
    "holds_no_chapter",
    "is_site_page",
    "original_genre",
    "read_ffn",
    "read_profile",
    "split_characters",
    "split_genres",
]
