"""Web pages that are not AO3 downloads: legacy archive and personal-site pages,
eFiction story pages, FanFiction.net pages saved from a browser, FanFicFare's HTML.

Site chrome (navigation, menus, footers, forms, scripts) is dropped; everything else
becomes blocks in reading order. A legacy page's header lines (``<b>Title:</b> ...``)
stay as paragraph lines so the header parser reads "Title: ..." text; chapters on a
legacy page are the parser's business (headings are kept as heading blocks).
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html

from fandex.errors import ReadError
from fandex.parse.labels import field_for
from fandex.parse.lines import chapter_heading
from fandex.read import (
    aff,
    ao3,
    ao3_gates,
    bookpage,
    deviantart,
    efiction_page,
    ffde,
    fff,
    ffn,
    ffn_mobile,
    ficbook,
    ficwad,
    journal,
    mediaminer,
    pagemeta,
    quotev,
    royalroad,
    sitefandom,
    sniff,
    storytable,
    titlepage,
    tth,
    tumblr,
    wattpad,
    wpblocks,
    xenforo,
)
from fandex.read.cssemphasis import mark_emphasis
from fandex.read.document import Block, RawChapter, RawDocument
from fandex.read.htmltext import (
    blocks_of,
    decode_html,
    parse_html,
    tag_of,
    text_of,
    unwrap_archive,
)
from fandex.read.sitepage import bot_check, protection_error

_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menubar|footer|sidebar|breadcrumbs?|"
    r"comments?|share|social|ads?|advert\w*|banner|skip|pagination|pager|jumpmenu|"
    r"btn-group|btn-toolbar|dropdown-content|dropdown-menu|dropbtn|"
    r"login|search|copyright|cookies?|consent|gdpr|modal|popup|dialog|tooltip|sr-only|"
    r"visually-hidden|screen-reader-text|landmark|"
    # A wiki's (MediaWiki's) page furniture: the contents box, the "[edit]" links beside
    # headings, the picture gallery's captions, the "Retrieved from" line, categories.
    r"toc|toctitle|toctoggle|editsection|gallery|gallerybox|gallerytext|printfooter|"
    r"catlinks|noprint)(?:$|[\s_-])",
    re.I,
)
# MediaWiki's taglines under a page's heading ("From <wiki>", which reads as a byline),
# told by their exact ids: a class "content sub" may be a site's story box.
_WIKI_TAGLINE_IDS = frozenset({"siteSub", "contentSub"})
# What a page never shows a reader: dialogs, navigation landmarks, hidden boxes.
_CHROME_ROLES = frozenset({"dialog", "alertdialog", "navigation", "search", "banner"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(el: Any) -> bool:
    return (
        (el.get("role") or "").lower() in _CHROME_ROLES
        or (el.get("aria-hidden") or "").lower() == "true"
        or _HIDDEN_STYLE.search(el.get("style") or "") is not None
    )


_CHROME_TAGS = ("nav", "footer", "form", "aside")  # not <header>: titles live there
_NAV_WORDS = re.compile(
    r"\b(?:back|next|prev|previous|home|index|main|return|top|contents|menu|archive|"
    r"reviews?|print|printer|stories|login|search|feedback|chapter list|skin|"
    r"powered by|efiction|copyright|©)\b",
    re.I,
)


_SECTIONING = ("article", "main", "section", "aside")


def _banner(header: Any) -> bool:
    """A page's banner: a ``<header>`` outside every article, main and section (what
    ARIA calls the banner landmark) holding the site's navigation. A story's own
    ``<header>`` (its title and byline) holds no menu and is kept."""
    if any(tag_of(a) in _SECTIONING for a in header.iterancestors()):
        return False
    return any(True for _ in header.iter("nav")) or any(
        (d.get("role") or "").lower() == "navigation" for d in header.iter()
    )


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HIDDEN_MARKS = ("aria-hidden", "role=", "display", "visibility")


def drop_chrome(root: Any, *, hidden: bool = True) -> int:
    """Remove navigation, footers, forms and the like, in place; returns how many.
    ``hidden=False`` skips the hidden-box test (the page marks none)."""
    doomed = []
    for el in root.iter():
        tag = tag_of(el)
        if not tag or tag in ("html", "body"):
            continue
        ident = f"{el.get('id') or ''} {el.get('class') or ''}"
        ident = _CAMEL.sub(" ", ident)  # "chapComments", "shareBox": words run together
        if (
            tag in _CHROME_TAGS
            or el.get("id") in _WIKI_TAGLINE_IDS
            or (ident.strip() and _CHROME.search(ident))
            or (hidden and _hidden(el))
            or (tag == "header" and _banner(el))
        ):
            doomed.append(el)
    dropped = 0
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
            dropped += 1
    return dropped


_NAV_VOCAB = frozenset(
    [
        "back",
        "next",
        "prev",
        "previous",
        "home",
        "index",
        "main",
        "return",
        "to",
        "top",
        "contents",
        "menu",
        "archive",
        "review",
        "reviews",
        "print",
        "printer",
        "stories",
        "story",
        "chapter",
        "chapters",
        "list",
        "login",
        "search",
        "feedback",
        "skin",
        "powered",
        "by",
        "efiction",
        "copyright",
        "the",
        "of",
        "and",
        "go",
        "or",
        "page",
        "browse",
        "register",
        "logout",
        "authors",
        "titles",
        "categories",
        "series",
        "members",
        "help",
        "faq",
        "links",
        "recent",
        "random",
        "contact",
        "rss",
        "top",
    ]
)


_MENU_LINKS = 3


def _is_nav(block: Block) -> bool:
    text = block.text.strip()
    if not text or len(text) > 160:
        return False
    linked = sum(s.end - s.start for s in block.spans if s.kind == "link")
    if linked >= 0.6 * len(text.replace(" ", "")) and _NAV_WORDS.search(text):
        return True
    links = sum(1 for s in block.spans if s.kind == "link")
    if links >= _MENU_LINKS and linked >= len(text) - 2 * links and len(text.split()) <= 15:
        # Nothing but three or more links side by side (a skip-link bar, "Content Harry
        # Potter Naruto"): a menu, whatever its words.
        return True
    # Unlinked, it must be nothing but navigation words ("Back to top", "Home | Index").
    words = re.findall(r"[a-z©]+", text.lower())
    return bool(words) and all(w in _NAV_VOCAB or w == "©" or w.isdigit() for w in words)


def _nav_line(line: str) -> bool:
    words = re.findall(r"[a-z©]+", line.lower())
    return len(words) >= 2 and all(w in _NAV_VOCAB or w == "©" or w.isdigit() for w in words)


def _is_masthead(block: Block) -> bool:
    """A site name over a menu ("Hellmouth Tales Archive" / "Home | Browse | Login"):
    a short block with a line of nothing but navigation words and no labelled field."""
    lines = [ln.strip() for ln in block.text.strip().split("\n") if ln.strip()]
    if not 2 <= len(lines) <= 4 or any(":" in ln for ln in lines):
        return False
    return any(_nav_line(ln) for ln in lines) and all(
        _nav_line(ln) or len(ln.split()) <= 6 for ln in lines
    )


_COMMENT_LINK = re.compile(
    r"\b(?:post|leave|read|view|add|write|see)\b[^.!?\n]{0,30}\b(?:comments?|reviews?|feedback)\b"
    r"|\b(?:comments?|reviews?)\s*\(\d+\)",
    re.IGNORECASE,
)


def _comment_links(block: Block) -> bool:
    """An archive's "Please post a comment on this story. Read posted comments." line:
    short, linked, about the page's comments."""
    text = block.text.strip()
    if not text or len(text.split()) > 30 or not any(s.kind == "link" for s in block.spans):
        return False
    return _COMMENT_LINK.search(text) is not None


def _edge_chrome(block: Block) -> bool:
    return (
        block.kind == "rule"
        or _is_nav(block)
        or _is_masthead(block)
        or _comment_links(block)
        or journal.currents_block(block, strict=True)  # an old journal style's mood lines
        or journal.part_links(block)  # "<< Part 1 | Part 3 >>" on a story's own site
    )


# A site's footer line under every story: its disclaimer or copyright notice ("Harry
# Potter is the property of its owners. No infringement intended.").
_FOOTER = re.compile(
    r"^\s*(?:disclaimer\b|copyright\b|©)|\b(?:(?:is|are) the property of|belongs? to|"
    r"trademarks? of|no (?:copyright )?infringement|no money is made)\b",
    re.IGNORECASE,
)
_FOOTER_WORDS = 60


def _site_footer(block: Block) -> bool:
    return len(block.text.split()) <= _FOOTER_WORDS and _FOOTER.search(block.text) is not None


def trim_edges(blocks: list[Block]) -> list[Block]:
    """Drop navigation lines and mastheads before the first and after the last prose
    block. Under a story a site may close with its disclaimer or copyright line: a
    navigation line before it goes, and so does the line itself when the navigation
    line sets it apart from the story (the site's footer, not the author's words)."""
    start, end = 0, len(blocks)
    while start < end and _edge_chrome(blocks[start]):
        start += 1
    while end > start and _edge_chrome(blocks[end - 1]):
        end -= 1
    tail = end
    while tail > start and (_edge_chrome(blocks[tail - 1]) or _site_footer(blocks[tail - 1])):
        tail -= 1
    kept, nav_seen = blocks[start:tail], False
    for block in blocks[tail:end]:
        if _edge_chrome(block):
            nav_seen = True
        elif not nav_seen:
            kept.append(block)
    return kept


def read_fff_html(root: Any) -> RawDocument | None:
    """FanFicFare's HTML output: a title page, then chapters under section anchors."""
    author_link = next((a for a in root.iter("a") if "authorlink" in ao3.classes(a)), None)
    if author_link is None:
        return None
    body = next(root.iter("body"), root)
    heads: list[Any] = []
    for a in root.iter("a"):
        if (a.get("name") or "").startswith("section"):
            head = a
            while head.getparent() is not None and head.getparent() is not body:
                head = head.getparent()  # the chapter heading's top-level element
            if head.getparent() is body and (not heads or heads[-1] is not head):
                heads.append(head)
    # Regroup the body's children under one <div> per chapter (moving an element moves
    # its tail text too), so inline runs like "<b>Status:</b> Completed<br/>" stay whole.
    groups: list[tuple[Any, Any]] = [(None, lxml.html.Element("div"))]
    groups[0][1].text = body.text
    for el in list(body):
        if any(el is h for h in heads):
            groups.append((el, lxml.html.Element("div")))
            groups[-1][1].text = el.tail
            el.tail = None
        else:
            groups[-1][1].append(el)
    preface_blocks = blocks_of(groups[0][1])
    chapters = [
        RawChapter(title=" ".join(head.text_content().split()) or None, blocks=blocks_of(div))
        for head, div in groups[1:]
    ]
    fields = fff.title_page_fields(preface_blocks)
    from_ao3 = "archiveofourown.org" in (author_link.get("href") or "")
    meta = fff.metadata_from_fields(fields, from_ao3=from_ao3)
    heading = author_link.getparent()
    if heading is not None:
        title_link = next((a for a in heading.iter("a") if a is not author_link), None)
        if title_link is not None and "authorlink" in ao3.classes(title_link):
            title_link = None  # a heading of author links only
        if title_link is not None:
            meta["title"] = " ".join(title_link.text_content().split())
            href = (title_link.get("href") or "").strip()
            if href.startswith(("http://", "https://")):
                meta.setdefault("url", href)  # the title links the story's page
    # Co-authors: one author link each in the heading ("by <a>A</a>, <a>B</a>").
    where = heading if heading is not None else root
    links = [a for a in where.iter("a") if "authorlink" in ao3.classes(a)] or [author_link]
    meta["authors"] = [" ".join(a.text_content().split()) for a in links]
    chapters = [c for c in chapters if c.blocks]
    if not chapters:
        return None
    return RawDocument(format="html", chapters=chapters, metadata=meta)


_CHAP_ID = re.compile(r"^chap_\d+$")


def read_fichub_html(root: Any) -> RawDocument | None:
    """FicHub's HTML download: a card (title, "by" author, summary, "Chapters:",
    "Words:" and the source site's metadata line), a contents list, then one
    ``div#chap_N`` per chapter, each opening with previous/next links."""
    if not any("fichub.net" in (a.get("href") or "") for a in root.iter("a")):
        return None
    boxes = [d for d in root.iter("div") if _CHAP_ID.match(d.get("id") or "")]
    if not boxes:
        return None
    body = next(root.iter("body"), root)
    card = lxml.html.Element("div")
    for el in list(body):
        if el is boxes[0] or tag_of(el) == "nav" or boxes[0] in set(el.iterdescendants()):
            break
        card.append(el)
    chapters = []
    for box in boxes:
        for nav in [d for d in box.iter("div") if "chapter_nav" in ao3.classes(d)]:
            nav.drop_tree()
        head = next(box.iter("h1", "h2", "h3"), None)
        title = " ".join(head.text_content().split()) if head is not None else None
        if head is not None:
            head.drop_tree()
        chapters.append(RawChapter(title=title or None, blocks=blocks_of(box)))
    page = titlepage.read_title_page(blocks_of(card), require=0)
    meta = fff.metadata_from_fields(page.fields if page else {})
    meta["producer"] = "fichub"
    for cls, key in (("title", "title"), ("author", "authors")):
        el = next((s for s in card.iter("span") if cls in ao3.classes(s)), None)
        if el is not None and el.text_content().strip():
            value = " ".join(el.text_content().split())
            meta[key] = [value] if key == "authors" else value
    if page is not None and page.summary and not meta.get("summary"):
        meta["summary"] = page.summary
    chapters = [c for c in chapters if c.blocks]
    return RawDocument(format="html", chapters=chapters, metadata=meta) if chapters else None


# A page titled with an HTTP status (RFC 9110's reason phrases, with or without the code):
# the server's page for a failed request.
_STATUS_TITLE = re.compile(
    r"^(?:(?:error\s*)?[45]\d\d\b.*|(?:page|file|story)?\s*not\s+found|forbidden|"
    r"access\s+denied|unauthori[sz]ed|internal\s+server\s+error|service\s+unavailable|"
    r"bad\s+(?:request|gateway)|gateway\s+time-?out)\s*[.!]?$",
    re.IGNORECASE,
)
_STATUS_WORDS = 60  # a drabble is 100
# A notice box an archive script shows instead of a story: eFiction's "errortext" (the
# story does not exist, needs logging in, or needs the reader's age), "errormsg" boxes.
_NOTICE_CLASS = re.compile(r"^(?:error|errors|errortext|errormsg|error-message|errorbox)$", re.I)
_NOTICE_SHARE = 0.5


def site_notice(root: Any) -> str | None:
    """ "a site's notice" when the page's main text is a box the site marks as an error
    notice (the footer, menus and scripts not counted), else None."""
    boxes = [
        el
        for el in root.iter("div", "p", "span", "td")
        if any(_NOTICE_CLASS.match(c) for c in (el.get("class") or "").split())
    ]
    if not boxes:
        return None
    shown = " ".join(" ".join(b.text_content().split()) for b in boxes)
    page = root.find(".//body")
    if page is None or not shown:
        return None
    holder = lxml.html.fromstring(lxml.html.tostring(page))
    drop_chrome(holder)
    rest = " ".join(b.text for b in blocks_of(holder))
    if len(shown) < _NOTICE_SHARE * len(rest):
        return None
    return "a site's notice (a missing story, a log-in or age check), not a story"


# AO3's pages around works (blurb lists, comments, profiles): their marks, looked for
# in the text before the page's markup is.
_AO3_AROUND_MARKS = (
    "system errors",
    "sessions-new",
    "blurb group",
    "comments_placeholder",
    "home profile",
    "ongoing challenge",
    "not been revealed",
)
# Site pages whose marks a reader's sniff looks for in the first 64 KB only: a page
# whose head holds more (Wattpad's and Royal Road's inline scripts) still reaches its
# site's reader here, when the site is named anywhere in it.
_SITE_PAGES: tuple[tuple[tuple[str, ...], Any], ...] = (
    (("royalroad.com", "Royal Road"), royalroad.read_royalroad),
    (("wattpad.com", "Wattpad"), wattpad.read_wattpad),
    (('id="XF"', 'id="XenForo"'), xenforo.read_thread),
    (("deviantart.com/",), deviantart.read_deviantart),
    (("tthfanfic",), tth.read_tth),
    # Few marks: every mark costs a scan of each page. A saved Quotev page links its own
    # site (canonical address, tag links); FanFiktion.de's may only name itself.
    (("fanfiktion.de", "FanFiktion.de"), ffde.read_ffde),
    (("quotev.com",), quotev.read_quotev),
    (("FicWad", "ficwad.com"), ficwad.read_ficwad),
    (("user_info.php", "/fanfic/src.php/u/"), mediaminer.read_mediaminer),
    (("user-submitted-body", "asianfanfics.com"), aff.read_aff),
    (("storycontent",), ffn_mobile.read_mobile),
    # A page kept without the site's address (a scraper's capture) still has its boxes.
    (
        ("ficbook.net", "creator-username", "js-part-text", "list-of-fanfic-parts"),
        ficbook.read_ficbook,
    ),
    (("SocialMediaPosting",), tumblr.read_post),
)


class HtmlReader:
    """Any HTML page; AO3 downloads that slip past the AO3 reader's sniff still get
    AO3 treatment."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp")

    def sniff(self, head: bytes, filename: str) -> float:
        """0.9 when the bytes start like a page; 0.6 for a tag-rich text; 0 for binaries."""
        score = sniff.html_score(head)
        if score == 0 and filename.lower().endswith(self.extensions):
            stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
            if stripped.startswith(b"<") and not sniff.looks_binary(head):
                return 0.6
        return score

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Read a page; ReadError when it has no text."""
        text = unwrap_archive(decode_html(data)[0])
        root = parse_html(text)
        if ao3.is_ao3(root):
            return ao3.read_ao3_root(root, "html")
        if "adult content" in text or "Chapter Index" in text:
            # AO3's pages saved in place of a work, when their marks came too late for
            # the AO3 page reader's sniff.
            gate = ao3_gates.adult_gate(root) or ao3_gates.chapter_index(root)
            if gate is not None:
                return gate
        if any(m in text for m in _AO3_AROUND_MARKS) and (around := ao3_gates.listing(root)):
            return around
        # Each layout's mark is looked for in the text first: most pages carry none.
        specials = [ffn.read_ffn, read_fff_html]
        if "fichub.net" in text:
            specials.append(read_fichub_html)
        specials += [read for marks, read in _SITE_PAGES if any(m in text for m in marks)]
        for special in specials:
            doc = special(root)
            if doc is not None:
                return doc
        if journal.JournalReader().sniff(data, filename) or (
            "lj:user" in text and journal.is_journal_page(root)
        ):
            # A journal page whose marks come after the first bytes the sniff reads, or
            # an old layout that marks no entry at all.
            doc = journal.read_entry(root, unmarked=True)
            if doc is not None:
                return doc
        if efiction_page.is_efiction_page(text):
            # An eFiction page whose marks come after the first bytes the sniff reads
            # (a Wayback Machine save, a skin with a long head).
            return efiction_page.read_efiction(root, text)
        meta: dict[str, Any] = {}
        if any(m in text for m in ("fanfiction.net", "fictionpress.com")) and (
            ffn.holds_no_chapter(root)
        ):
            meta["page_kind"] = "a FanFiction.net page with no chapter on it"
        efiction_page.read_efiction_title(root, meta)
        card = pagemeta.microdata(root) if "itemscope" in text else {}
        if "entry" in text:
            for key, value in pagemeta.microformats(root).items():
                card.setdefault(key, value)
            pagemeta.drop_entry_meta(root)
        if "wp-block-post" in text:
            # A block theme's post marks no entry: its blocks say what they hold.
            for key, value in wpblocks.block_post(root).items():
                card.setdefault(key, value)
            wpblocks.drop_block_meta(root)
        title, chapter = pagemeta.page_title(root)
        if card.get("fallback_title") and title and chapter_heading(card["fallback_title"]):
            # A post titled "Prologue" on a story's own site: the post is the chapter,
            # the page's title names the story ("Prologue – The Quiet Harbour").
            card.setdefault("chapter_title", card.pop("fallback_title"))
        if card.get("fallback_title") or title:
            meta["fallback_title"] = card.get("fallback_title") or title
        for key in ("fallback_authors", "language", "fallback_summary", "published"):
            if card.get(key):
                meta[key] = card[key]
        if chapter or card.get("chapter_title"):
            meta["chapter_title"] = chapter or card["chapter_title"]
        stated = pagemeta.comment_fields(text)
        named = meta.get("fallback_title")
        fandom = pagemeta.breadcrumb_fandom(root, named) if "breadcrumb" in text else None
        if fandom and not any(field_for(label) == "fandom" for label, _ in stated):
            stated.append(("Fandom", fandom))
        stated += card.get("filing") or []
        fallback = list(card.get("fallback_tags") or [])
        if not any(t == "fandom" for t, _ in fallback) and (
            site := sitefandom.site_fandom(root, text)
        ):
            fallback.append(("fandom", site))  # the archive's name or host says it
        if fallback:
            meta["fallback_tags"] = fallback
        if stated:
            meta["stated_fields"] = stated
        if "error" in text and "page_kind" not in meta and (notice := site_notice(root)):
            meta["page_kind"] = notice
        login_wall = "password" in text and any(
            (i.get("type") or "").lower() == "password" for i in root.iter("input")
        )
        head_title = next(root.iter("title"), None)
        status_title = head_title is not None and _STATUS_TITLE.match(
            " ".join(head_title.text_content().split())
        )
        menu_choice = pagemeta.chapter_menu_choice(root) if "<select" in text else None
        if menu_choice is None and "chap" in text:
            address = sitefandom.page_address(root, text)
            menu_choice = pagemeta.chapter_link_choice(root, address)
        if "italic" in text or "font-weight" in text:
            # A word processor's page sets its italics by CSS (Google Docs' classes).
            mark_emphasis(root)
        # A book's own page (its description and table of contents) is told by its
        # contents list, which the chrome test may take for navigation: looked at first.
        book = bookpage.book_parts(root) if "<li" in text else None
        chrome = drop_chrome(root, hidden=any(m in text for m in _HIDDEN_MARKS))
        body = next(root.iter("body"), root)
        found = blocks_of(body)
        blocks = trim_edges(found)
        if book and bookpage.holds_no_story(blocks, book):
            meta.setdefault("page_kind", "a story index page")
        if "<tr" in text and storytable.story_table(root):
            meta.setdefault("page_kind", "a list of stories")
        if menu_choice:
            # The chapter the page's chapter menu has chosen, shown over the text: the
            # chapter's title, not its first line.
            blocks = pagemeta.without_heading(blocks, menu_choice)
            meta.setdefault("chapter_title", menu_choice)
        if not any(b.text for b in blocks):
            raise ReadError("the page has no text")
        if status_title and sum(len(b.text.split()) for b in blocks) <= _STATUS_WORDS:
            # A web server's own page for a failed request ("404 Not Found"), not the
            # story the address once held.
            meta.setdefault("page_kind", "a web server's error page")
        if login_wall and sum(len(b.text.split()) for b in blocks) <= _STATUS_WORDS:
            # A password box and a few lines: the page asks the reader to log in (a
            # locked entry, a members-only story) instead of showing the story.
            meta.setdefault("page_kind", "a page asking to log in")
        if sum(len(b.text.split()) for b in blocks) <= _STATUS_WORDS and bot_check(root, text):
            meta.setdefault("page_kind", "a bot check shown in place of the page")
        if protection_error(text):
            meta.setdefault(
                "page_kind",
                "Cloudflare's error page (access denied, rate-limited or the site down) "
                "shown in place of the page",
            )
        notices = []
        if chrome or len(found) > len(blocks):
            notices.append(
                f"dropped site chrome: {chrome} navigation/footer elements, "
                f"{len(found) - len(blocks)} link lines at the edges"
            )
        return RawDocument(format="html", blocks=blocks, metadata=meta, notices=notices)


__all__ = ["HtmlReader", "drop_chrome", "text_of", "trim_edges"]
