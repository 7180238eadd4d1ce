"""Small lookups the site page readers share (Royal Road, Wattpad, XenForo forums,
Twisting the Hellmouth, mobile FanFiction.net, Tumblr): classes, ``<meta>`` values, the
page's canonical address, where the page says it was saved from, and the classes its own
style sheet hides.

A site that hides lines in its text (Royal Road's anti-copy sentences, in a class its
``<style>`` sets ``display: none``) is read as a person sees it: those lines left out.
"""

from __future__ import annotations

import re
from typing import Any

from fandex.read.document import RawDocument
from fandex.read.htmltext import blocks_of, squashed_text, text_of

# ".abc123 { display: none; ... }": a class selector alone, whose rule hides it.
_HIDING_RULE = re.compile(
    r"\.(-?[A-Za-z_][\w-]{0,80})\s*\{[^{}]{0,400}?display\s*:\s*none", re.IGNORECASE
)
# Style sheets longer than this are a site's whole theme, not a page's hidden lines.
_MAX_STYLE_CHARS = 20_000
# Where a saved page says it came from, in a comment at its top: the browser's "Save
# page as" (``<!-- saved from url=(0042)https://... -->``, Chrome and Internet Explorer)
# or the SingleFile extension's header (``<!--\n Page saved with SingleFile \n url:
# https://... \n saved date: ...-->``; "Archive processed by SingleFile" in its old
# versions), which fans use to keep a page whole in one file.
_SAVED_FROM = re.compile(
    r"saved from url=\(\d+\)(https?://[^\s>]+)"
    r"|(?:Page saved with|Archive processed by) SingleFile\s+url:\s*(https?://[^\s>]+)",
    re.IGNORECASE,
)
_SAVED_FROM_HEAD = 4096  # the comment opens the file
# A bot check a site's protection shows in place of the page (Cloudflare's "Just a
# moment...", which FanFiction.net serves to browsers it doubts; "Attention Required!";
# DDoS-Guard): saved, it is the check, not the story. Told by its title, or by the
# challenge's own form and script marks (not by Cloudflare's scripts alone, which
# ordinary pages of those sites load too).
_BOT_CHECK_TITLE = re.compile(
    r"^(?:just a moment\W*|attention required!?(?:\s*\|.*cloudflare)?|"
    r"checking your browser\b.*|ddos-guard|one more step\b.*cloudflare)$",
    re.IGNORECASE,
)
_BOT_CHECK_MARKS = ("cf_chl_opt", "challenge-form", "challenge-running", "cf-browser-verification")
# Cloudflare's own error page, shown in place of the site's: a firewall's refusal ("Error
# 1020 Access denied"), its rate limit (1015), the site down behind it (521, 522, 524).
# Every one holds its details box, which no site's own page carries.
_PROTECTION_ERROR_MARKS = ('id="cf-error-details"', "id='cf-error-details'")


def classes(el: Any) -> set[str]:
    """The element's classes."""
    return set((el.get("class") or "").split())


def with_class(root: Any, *names: str, tag: str | None = None) -> list[Any]:
    """Every element under ``root`` (of ``tag`` when given) carrying all of ``names``."""
    wanted = set(names)
    found = root.iter(tag) if tag else root.iter()
    return [el for el in found if isinstance(el.tag, str) and wanted <= classes(el)]


def first_with_class(root: Any, *names: str, tag: str | None = None) -> Any | None:
    """The first element under ``root`` carrying all of ``names``, or None."""
    wanted = set(names)
    found = root.iter(tag) if tag else root.iter()
    return next((el for el in found if isinstance(el.tag, str) and wanted <= classes(el)), None)


def meta_content(root: Any, *keys: str) -> str | None:
    """The ``content`` of the first ``<meta>`` whose ``property`` or ``name`` is one of
    ``keys`` (in the order given), whitespace squashed; None when the page has none."""
    metas = list(root.iter("meta"))
    for key in keys:
        for m in metas:
            if key in (m.get("property"), m.get("name")):
                value = " ".join((m.get("content") or "").split())
                if value:
                    return value
    return None


def canonical(root: Any) -> str | None:
    """The page's canonical address (``<link rel=canonical>``, else ``og:url``)."""
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            href = str(link.get("href")).strip()
            return f"https:{href}" if href.startswith("//") else href
    return meta_content(root, "og:url")


def saved_from(head: str) -> str | None:
    """The address a saved page's opening comment says it was saved from, or None.

    >>> saved_from("<!-- saved from url=(0030)https://www.whofic.com/s?sid=1 -->")
    'https://www.whofic.com/s?sid=1'
    >>> saved_from("<html><!--\\n Page saved with SingleFile \\n url: https://x.org/a \\n-->")
    'https://x.org/a'
    """
    m = _SAVED_FROM.search(head[:_SAVED_FROM_HEAD])
    return (m.group(1) or m.group(2)) if m else None


def bot_check(root: Any, html: str) -> bool:
    """Whether the page is a bot check shown in place of the page asked for.

    >>> import lxml.html
    >>> bot_check(lxml.html.fromstring("<title>Just a moment...</title><p>x</p>"), "")
    True
    """
    title = next(root.iter("title"), None)
    if title is not None and _BOT_CHECK_TITLE.match(" ".join(title.text_content().split())):
        return True
    return any(mark in html for mark in _BOT_CHECK_MARKS)


def protection_error(html: str) -> bool:
    """Whether the page is Cloudflare's error page (access denied, rate-limited, the site
    down) shown in place of the page asked for.

    >>> protection_error('<div id="cf-error-details"><h1>Error 1020</h1></div>')
    True
    """
    return any(mark in html for mark in _PROTECTION_ERROR_MARKS)


def hidden_classes(root: Any) -> set[str]:
    """The classes the page's own ``<style>`` elements hide (``display: none``)."""
    hidden: set[str] = set()
    for style in root.iter("style"):
        css = style.text or ""
        if len(css) <= _MAX_STYLE_CHARS:
            hidden.update(m.group(1) for m in _HIDING_RULE.finditer(css))
    return hidden


def drop_hidden(el: Any, hidden: set[str]) -> int:
    """Remove, in place, the elements under ``el`` carrying a class in ``hidden``;
    returns how many."""
    if not hidden:
        return 0
    doomed = [d for d in el.iterdescendants() if isinstance(d.tag, str) and classes(d) & hidden]
    for d in doomed:
        if d.getparent() is not None:
            d.drop_tree()
    return len(doomed)


def text(el: Any | None) -> str:
    """An element's text on one line ("" for None)."""
    return squashed_text(el) if el is not None else ""


def summary_text(el: Any | None) -> str:
    """A description box's text, its line breaks and paragraphs kept (a site's
    description often parts its lines with ``<br>``, which a one-line text runs
    together: "run.Written"); "" for None."""
    return text_of(el).strip() if el is not None else ""


def chapter_page(body: Any, root: Any, meta: dict[str, Any], host: str) -> RawDocument | None:
    """One chapter page of a site as a document: ``body``'s blocks with ``meta``, the
    page's canonical address kept when it is on ``host``; None when the body is empty
    (a page saved before its text loaded is no story)."""
    meta["single_chapter"] = True  # a page holds one chapter
    blocks = blocks_of(body)
    if not any(b.text.strip() for b in blocks):
        return None
    url = canonical(root)
    if url and host in url:
        meta["url"] = url
    return RawDocument(format="html", blocks=blocks, metadata=meta)


__all__ = [
    "bot_check",
    "canonical",
    "chapter_page",
    "classes",
    "drop_hidden",
    "first_with_class",
    "hidden_classes",
    "meta_content",
    "protection_error",
    "summary_text",
    "text",
    "with_class",
]
