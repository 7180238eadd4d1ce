"""What a web page says about its story outside the story's text.

- its ``<title>``: "Harry Potter and the Methods of Rationality, Chapter 1: A Day of
  Very Low Probability", "Commonplaces", "Tide Tables | Harbour Archive". A person takes
  the story's title (and the chapter's) from it when the text states none, and never
  the site's name;
- a labelled metadata block in an HTML comment, which some sites' archive scripts
  leave for themselves (``<!-- STORYINFO title: ... fandom: ... summary: ... -->``):
  a browser does not show it, but the author's archive wrote it about this story.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

from fandex.parse.dates import map_language, parse_date
from fandex.parse.labels import field_for
from fandex.parse.lines import chapter_heading
from fandex.read.blogcard import post_filing
from fandex.read.document import Block
from fandex.read.htmltext import squashed_text

_SEPARATORS = re.compile(r"\s+[|–—]\s+|\s+-\s+|\s+::\s+|\s+»\s+")
# A piece of a page's title that numbers a chapter ("2 - The Causeway", "Chapter 2").
_NUMBERED_PIECE = re.compile(r"\s*(?:\d{1,4}\b|(?:chapter|ch\.|part)\s+\w)", re.IGNORECASE)
_STRONG_SEPARATORS = re.compile(r"\s+\|\s+|\s+::\s+|\s+»\s+")
_CHAPTER = re.compile(
    r"^(?P<title>.+?)[,:]?\s+(?:chapter|ch\.?|part)\s+(?P<num>\d{1,4})\b\s*[:.\-–—]?\s*"
    r"(?P<chapter>.*)$",
    re.IGNORECASE,
)
_SITE_WORDS = re.compile(
    r"\b(?:archive|fanfic\w*|fan\s+fiction|fiction|library|livejournal|dreamwidth|"
    r"home\s*page|site|treasure)\b|\.(?:com|net|org)\b",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"<!--(.{10,4000}?)-->", re.DOTALL)
_COMMENT_FIELD = re.compile(r"^\s*([A-Za-z][A-Za-z ']{0,24}?)\s*:\s*(\S.{0,2000}?)\s*$")
_SCAN = 100_000


def _headings(root: Any) -> set[str]:
    """Texts a page shows as headings or bold title lines, case-folded."""
    out: set[str] = set()
    for el in root.iter("h1", "h2", "h3", "h4", "b", "strong"):
        text = squashed_text(el)
        if 0 < len(text) <= 200:
            out.add(text.casefold())
    return out


def page_title(root: Any) -> tuple[str | None, str | None]:
    """``(story title, chapter title)`` from the page's ``<title>``, without the site's
    name; ``(None, None)`` when it has none.

    The piece of a "Story | Site" title that the page also shows as a heading wins;
    otherwise the piece that does not read as a site's name.
    """
    el = next(root.iter("title"), None)
    text = squashed_text(el) if el is not None else ""
    if not text:
        return None, None
    # "Story :: 2 - The Ferry": a bar, "::" or "»" parts the title's pieces before a dash
    # does; the dash may be inside a piece (the chapter's "2 - The Ferry").
    split = _STRONG_SEPARATORS if _STRONG_SEPARATORS.search(text) else _SEPARATORS
    pieces = [p.strip() for p in split.split(text) if p.strip()]
    named = [p for p in pieces if chapter_heading(p) is not None]
    if len(pieces) > 1 and len(named) < len(pieces) and named:
        # "Prologue – The Quiet Harbour": the chapter's own name beside the story's.
        rest = [p for p in pieces if p not in named]
        story = next((p for p in rest if not _SITE_WORDS.search(p)), None)
        if story is not None:
            return story, named[0]
    if len(pieces) > 1:
        shown = _headings(root)
        chosen = next((p for p in pieces if p.casefold() in shown), None)
        also = [p for p in pieces if p != chosen and p.casefold() in shown]
        if chosen is not None and len(also) == 1 and _NUMBERED_PIECE.match(also[0]):
            # "Salt Roads :: 2 - The Causeway" over the headings "Salt Roads" and "2 - The
            # Causeway": the story's title and its numbered chapter's (a blog's name,
            # "Tide | Wren Writes", is shown in its banner too).
            return chosen, also[0]
        if chosen is None:
            chosen = next((p for p in pieces if not _SITE_WORDS.search(p)), pieces[0])
        text = chosen
    m = _CHAPTER.match(text)
    if m:
        chapter = m.group("chapter").strip() or None
        return m.group("title").strip(" ,:"), chapter
    if _SITE_WORDS.search(text) and text.casefold() not in _headings(root):
        return None, None  # "Fic Archive": the site's name, not the story's
    return text, None


_CHAPTER_MENU = re.compile(r"chap", re.IGNORECASE)
# Option values that open one of the story's pages: eFiction's "viewstory.php?sid=2",
# "&chapter=2", "chapno=2", a site's "/story/2" or "/s/1/2".
_CHAPTER_LINK = re.compile(r"chap|[?&]sid=|/story/|/s/\d", re.IGNORECASE)
_MENU_NUMBER = re.compile(r"^\s*(?:\d+\s*[.:)]|chapter\s+\d+\s*[.:)-])\s*", re.IGNORECASE)
_HEADING_BLOCKS = 3  # the chapter's title is one of the page's first blocks


def chapter_menu_choice(root: Any) -> str | None:
    """The chapter a page's chapter menu shows as chosen (a ``<select>`` named,
    identified or classed for chapters, or whose every option opens one of the story's pages, with
    one ``selected`` option of two or more), without its number; None when the page
    has no such menu.
    """
    for menu in root.iter("select"):
        options = list(menu.iter("option"))
        # Named, identified or classed for chapters (Adult-FanFiction's 2024 skin:
        # select.chapter-select, its options valued "1", "2").
        marks = " ".join(menu.get(a) or "" for a in ("name", "id", "class"))
        named = _CHAPTER_MENU.search(marks)
        linking = all(_CHAPTER_LINK.search(o.get("value") or "") for o in options)
        if not (named or linking):
            continue
        chosen = [o for o in options if o.get("selected") is not None]
        if len(options) >= 2 and len(chosen) == 1:
            name = _MENU_NUMBER.sub("", squashed_text(chosen[0])).strip()
            return name or None
    return None


_LINK_NUMBER = re.compile(r"^\s*\d+\s*[-.:)]\s*")


def _same_page(href: str, address: str) -> bool:
    """Whether a link opens the page at ``address`` (same path and query, any host)."""
    a, b = urlsplit(urljoin(address, href)), urlsplit(address)
    return a.path == b.path and parse_qs(a.query) == parse_qs(b.query)


def chapter_link_choice(root: Any, address: str | None) -> str | None:
    """The chapter a page's list of chapter links names by linking the page's own
    address (Adult-FanFiction.org's chapter dropdown of "1-Dusk", "2-Dark" links, the
    page saved from ``...&chapter=2``), without its number; None when no such list
    links it. Its sibling links must open the story's other chapters."""
    if not address or not re.search(r"chap", address, re.IGNORECASE):
        return None
    for a in root.iter("a"):
        href = a.get("href") or ""
        if not _CHAPTER_LINK.search(href) or not _same_page(href, address):
            continue
        box = a.getparent()
        if box is None:
            continue
        siblings = [s for s in box.iter("a") if _CHAPTER_LINK.search(s.get("href") or "")]
        if len(siblings) >= 2:
            name = _LINK_NUMBER.sub("", squashed_text(a)).strip()
            return name or None
    return None


def without_heading(blocks: list[Block], heading: str) -> list[Block]:
    """``blocks`` without the short block among the first few that reads exactly
    ``heading`` (the chapter's title shown over its text)."""
    key = " ".join(heading.split()).casefold()
    for i, block in enumerate(blocks[:_HEADING_BLOCKS]):
        if " ".join(block.text.split()).casefold() == key:
            return blocks[:i] + blocks[i + 1 :]
    return blocks


def comment_fields(html: str) -> list[tuple[str, str]]:
    """Labelled fields from an HTML comment that holds a metadata block: at least two
    lines ``label: value`` with labels a story header uses.

    >>> comment_fields("<!-- STORYINFO\\ntitle: Rain\\nfandom: Idol RPF\\n-->")
    [('title', 'Rain'), ('fandom', 'Idol RPF')]
    >>> comment_fields("<!-- saved from url=(0042)http://example.org/ -->")
    []
    """
    out: list[tuple[str, str]] = []
    head = html[:_SCAN]
    if "<!--" not in head:
        return out
    for m in _COMMENT.finditer(head):
        found = []
        for line in m.group(1).splitlines():
            f = _COMMENT_FIELD.match(line)
            if f and field_for(f.group(1)):
                found.append((f.group(1).strip(), f.group(2).strip()))
        if len(found) >= 2:
            out += found
    return out


# schema.org types a story page declares itself as (``itemscope itemtype=".../Book"``).
_WORK_TYPES = ("book", "creativework", "article", "blogposting", "shortstory")
# A chapter page may declare only its chapter; the story's own name and author then sit
# in the page outside any scope (microdata without an enclosing ``itemscope``).
_CHAPTER_TYPES = ("chapter",)


def _scope_type(el: Any) -> str:
    return str(el.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1].casefold()


def _prop(scope: Any, name: str) -> list[Any]:
    """Elements carrying ``itemprop=name`` in ``scope`` but not in a nested scope."""
    out = []
    for el in scope.iterdescendants():
        if not isinstance(el.tag, str) or name not in (el.get("itemprop") or "").split():
            continue
        inner = next((a for a in el.iterancestors() if a.get("itemscope") is not None), None)
        if inner is scope:
            out.append(el)
    return out


def _loose_props(root: Any, name: str) -> list[Any]:
    """Elements carrying ``itemprop=name`` outside every ``itemscope``."""
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str) or name not in (el.get("itemprop") or "").split():
            continue
        if el.get("itemscope") is None and not any(
            a.get("itemscope") is not None for a in el.iterancestors()
        ):
            out.append(el)
    return out


def microdata(root: Any) -> dict[str, Any]:
    """What a page's schema.org microdata says about its work: the outermost ``Book`` /
    ``CreativeWork`` scope's name, author, language and abstract (fallbacks: a story's
    own header wins over them). A page that declares only a ``Chapter`` gives the
    chapter's name as ``chapter_title`` and the work's from properties outside every
    scope; the byline it reads there is taken out of the page."""
    scopes = [
        el for el in root.iter() if isinstance(el.tag, str) and el.get("itemscope") is not None
    ]
    scope = next((el for el in scopes if _scope_type(el) in _WORK_TYPES), None)
    chapter = next((el for el in scopes if _scope_type(el) in _CHAPTER_TYPES), None)
    if scope is None and chapter is None:
        return {}
    out: dict[str, Any] = {}

    def value(el: Any) -> str:
        return " ".join(str(el.get("content") or squashed_text(el)).split())

    def props(name: str) -> list[Any]:
        return _prop(scope, name) if scope is not None else _loose_props(root, name)

    if scope is None and chapter is not None:
        named = [value(e) for e in _prop(chapter, "name")]
        if named and named[0]:
            out["chapter_title"] = named[0]
    names = [value(e) for e in props("name")]
    if names and names[0]:
        out["fallback_title"] = names[0]
    author_els = props("author")
    authors = [value(e) for e in author_els]
    if any(authors):
        out["fallback_authors"] = [a for a in authors if a]
    if scope is None:
        for el in author_els:  # the work's byline on a chapter page, not its story
            el.drop_tree()
    langs = [value(e) for e in props("inLanguage")]
    code = map_language(langs[0]) if langs and langs[0] else None
    if code:
        out["language"] = code
    abstract = [value(e) for e in props("abstract") + props("description")]
    if abstract and abstract[0]:
        out["fallback_summary"] = abstract[0]
    return out


# Blog posts marked with microformats (hAtom, microformats2): WordPress, Blogger and
# most blog themes class the post, its title, its byline and its date.
_ENTRY_CLASSES = frozenset({"hentry", "h-entry"})
_AUTHOR_HREF = re.compile(r"/author/|[?&]author=", re.IGNORECASE)
_ENTRY_TITLE = frozenset({"entry-title", "p-name"})
# Twenty Twenty and its kin: "<li class="post-author meta-wrapper">... By <a>Name</a>",
# "<li class="post-date meta-wrapper"><a><span class="meta-text">March 2, 2014</span>"
# (no stamp), each after a screen-reader label ("Post author").
_AUTHOR_CLASSES = frozenset({"author", "p-author", "h-card", "post-author"})
_NAME_CLASSES = frozenset({"fn", "p-name"})
_PUBLISHED = frozenset({"published", "dt-published", "entry-date"})


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def microformats(root: Any) -> dict[str, Any]:
    """What a blog post's microformats say about it: the one post's title, its
    author's name (a person's byline, "by <span class=author vcard>...") and its
    date, as fallbacks a story's own header wins over. A page of several posts (a
    blog's front page) gives nothing: no one post is the page's."""
    entries = [
        el for el in root.iter() if isinstance(el.tag, str) and _classes(el) & _ENTRY_CLASSES
    ]
    if len(entries) != 1:
        return {}
    entry = entries[0]
    out: dict[str, Any] = {}
    title = next((el for el in entry.iter() if _classes(el) & _ENTRY_TITLE), None)
    if title is not None and 0 < len(squashed_text(title)) <= 200:
        out["fallback_title"] = squashed_text(title)
    for el in entry.iter():
        if not isinstance(el.tag, str) or not _classes(el) & _AUTHOR_CLASSES:
            continue
        if any("comment" in " ".join(_classes(a)) for a in el.iterancestors()):
            continue  # a commenter's card
        named = next((n for n in el.iter() if _classes(n) & _NAME_CLASSES), None)
        if named is None:  # the link to the author's page, else the element's own text
            named = next((a for a in el.iter("a") if _AUTHOR_HREF.search(a.get("href") or "")), el)
        name = squashed_text(named)
        if 0 < len(name) <= 80:
            out["fallback_authors"] = [name]
            break
    stamp = next(
        (
            el
            for el in entry.iter()
            if isinstance(el.tag, str) and _classes(el) & _PUBLISHED and el.get("datetime")
        ),
        None,
    )
    if stamp is not None:
        day = str(stamp.get("datetime"))[:10]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            out["published"] = day
    elif (shown := _shown_date(entry)) is not None:
        out["published"] = shown
    # The post's category and tag links (rel="category tag", rel="tag"): the blog's own
    # filing, read item by item: a known fandom is the fandom when the post states none,
    # the rest are tags.
    links = (
        squashed_text(a) for a in entry.iter("a") if "tag" in (a.get("rel") or "").lower().split()
    )
    out.update(post_filing(links))
    return out


def _shown_date(entry: Any) -> str | None:
    """A post's date as its ``post-date`` item shows it, no stamp ("March 2, 2014" in
    its ``meta-text``), when the date is whole."""
    item = next(
        (el for el in entry.iter() if isinstance(el.tag, str) and "post-date" in _classes(el)), None
    )
    if item is None:
        return None
    shown = next((el for el in item.iter() if "meta-text" in _classes(el)), item)
    day = parse_date(squashed_text(shown))
    return day if day and len(day) == 10 else None


# A post's date-and-byline line ("Posted on March 2, 2014 by Wren"), which the post's
# microformats have read already: not a line of the story or its header.
_ENTRY_META = frozenset({"entry-meta", "post-meta", "posted-on"})
_ENTRY_META_WORDS = 40


def drop_entry_meta(root: Any) -> int:
    """Remove the one blog post's date-and-byline lines, in place; returns how many."""
    entries = [
        el for el in root.iter() if isinstance(el.tag, str) and _classes(el) & _ENTRY_CLASSES
    ]
    if len(entries) != 1:
        return 0
    doomed = [
        el
        for el in entries[0].iter()
        if isinstance(el.tag, str)
        and _classes(el) & _ENTRY_META
        and len(squashed_text(el).split()) <= _ENTRY_META_WORDS
        and not any(_classes(a) & _ENTRY_META for a in el.iterancestors())
    ]
    for el in doomed:
        el.drop_tree()
    return len(doomed)


_CRUMBS = re.compile(r"(?:^|[\s_-])breadcrumbs?(?:$|[\s_-])", re.IGNORECASE)
# A link into the archive's fandom listing: eFiction's ``catid``, "/category/...".
_FANDOM_HREF = re.compile(r"categor|fandom|catid", re.IGNORECASE)


def _crumb_trail(root: Any) -> list[Any]:
    """The items of the page's breadcrumb trail (its ``<li>``, else its links)."""
    for el in root.iter("nav", "ol", "ul", "div", "p"):
        ident = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('aria-label') or ''}"
        if not _CRUMBS.search(ident):
            continue
        items = [li for li in el.iter("li")] or [a for a in el.iter("a")]
        if len(items) >= 2:
            return items
    return []


def breadcrumb_fandom(root: Any, title: str | None) -> str | None:
    """The fandom an archive files the story under, from the breadcrumb trail that
    leads to it ("Home > TV > Lantern Lane > The Story"): the item just before the
    story's own, when it links into the archive's fandom listing.

    >>> import lxml.html
    >>> page = lxml.html.fromstring('<nav class="breadcrumb"><li><a href="/">Home</a></li>'
    ...     '<li><a href="/category/9/list.html">Lantern Lane</a></li><li>Tide</li></nav>')
    >>> breadcrumb_fandom(page, "Tide")
    'Lantern Lane'
    """
    if not title:
        return None
    items = _crumb_trail(root)
    want = " ".join(title.split()).casefold()
    texts = [" ".join(squashed_text(li).split()).casefold() for li in items]
    if want not in texts:
        return None
    at = texts.index(want)
    if at == 0:
        return None
    before = items[at - 1]
    link = before if before.tag == "a" else next(before.iter("a"), None)
    if link is None or not _FANDOM_HREF.search(link.get("href") or ""):
        return None
    name = " ".join(squashed_text(before).split())
    return name if 0 < len(name) <= 150 else None


__all__ = ["breadcrumb_fandom", "comment_fields", "microdata", "microformats", "page_title"]
