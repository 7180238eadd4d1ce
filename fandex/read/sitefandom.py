"""The fandom a single-fandom archive's page says by where it is, not in its text.

A person reading a page saved from "A Teaspoon and an Open Mind: A Doctor Who Fanfiction
Archive", or from ``hp.adult-fanfiction.org`` (an archive that gives each fandom its own
host), knows the story's fandom though no line of the page names it:

- the archive's name in the page's ``<title>``: an article, the fandom, then "Fanfiction
  Archive" or a like phrase (``header.toml`` [site_names]), counted only when a fandom
  pack knows the fandom;
- the page's address (the browser's or SingleFile's "saved from" comment, ``<link rel=canonical>``,
  ``og:url``, the title heading's link) on a host that ``site_hosts.toml`` lists as one fandom's.

Readers use it only when the page states no fandom.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from fandex.parse import values
from fandex.read.htmltext import squashed_text
from fandex.read.sitepage import canonical, saved_from
from fandex.vocab.ao3 import load_toml

_PIECES = re.compile(r"\s*[:|–—]\s*|\s+-\s+|\s+»\s+")


@cache
def _site_name() -> re.Pattern[str]:
    """A fandom archive's own name: "A Doctor Who Fanfiction Archive"."""
    kinds = sorted(load_toml("header.toml")["site_names"]["kinds"], key=len, reverse=True)
    alt = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in kinds)
    return re.compile(rf"^(?:(?:an?|the)\s+)?(?P<fandom>.{{2,80}}?)\s+(?:{alt})$", re.IGNORECASE)


@cache
def _hosts() -> dict[str, str]:
    table: dict[str, str] = load_toml("site_hosts.toml")["single_fandom"]
    return {k.casefold(): v for k, v in table.items()}


def title_fandom(root: Any) -> str | None:
    """The fandom the archive's name in ``<title>`` gives, when a pack knows it.

    >>> import lxml.html
    >>> title_fandom(lxml.html.fromstring(
    ...     "<title>Teacups: A Doctor Who Fanfiction Archive :: Rain</title><p>x</p>"))
    'Doctor Who'
    """
    el = next(root.iter("title"), None)
    text = squashed_text(el) if el is not None else ""
    for piece in _PIECES.split(text):
        m = _site_name().match(piece.strip())
        if m is not None and values.is_known_fandom(m.group("fandom")):
            return m.group("fandom")
    return None


def page_address(root: Any, html: str) -> str | None:
    """Where the page was saved from: the browser's "saved from" comment (or
    SingleFile's), else the page's canonical address, else where its title heading
    links (a download's title links to the story on its archive)."""
    if found := saved_from(html):
        return found
    if found := canonical(root):
        return found
    head = next(root.iter("h1"), None)
    link = next(head.iter("a"), None) if head is not None else None
    return str(link.get("href") or "") or None if link is not None else None


def host_fandom(address: str | None) -> str | None:
    """The fandom of an address on a host ``site_hosts.toml`` lists.

    >>> host_fandom("http://hp.adult-fanfiction.org/story.php?no=1"), host_fandom(None)
    ('Harry Potter', None)
    """
    if not address:
        return None
    host = (urlsplit(address).hostname or "").casefold().removeprefix("www.")
    return _hosts().get(host)


def site_fandom(root: Any, html: str) -> str | None:
    """The fandom the page's archive stands for, by its name or its address."""
    return title_fandom(root) or host_fandom(page_address(root, html))


__all__ = ["host_fandom", "page_address", "site_fandom", "title_fandom"]
