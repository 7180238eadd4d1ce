"""A page whose text is a table of stories: each row a story's link and its writer's.

An archive's lists of a reader's alerts or favourites, a search's results, a writer's
bookmarks set out as a table: rows of title, writer, fandom and dates, the title linking
the story's page and the writer's name a profile. Such a page names stories and holds
none, however many rows it has. How archives address a story and a writer is data
(``fandex/vocab/story_links.toml``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from fandex.vocab.ao3 import load_toml

__all__ = ["story_table"]

LINKS_FILE = "story_links.toml"
_ROWS = 3  # rows that each link a story and a writer, at least
_SHARE = 0.5  # of the page's words in such rows, at least


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_toml(LINKS_FILE)
    story = "|".join(f"(?:{p})" for p in data.get("story", []))
    writer = "|".join(f"(?:{p})" for p in data.get("writer", []))
    return re.compile(story), re.compile(writer)


def _words(el: Any) -> int:
    return len(el.text_content().split())


def story_table(root: Any) -> bool:
    """Whether most of the page's words sit in table rows that each link a story's page
    and a writer's profile (and no row holds a paragraph of prose)."""
    story, writer = _patterns()
    rows = []
    for tr in root.iter("tr"):
        if any(inner is not tr for inner in tr.iter("tr")):
            continue  # a layout table's row around the list: its own rows are the entries
        hrefs = [a.get("href") or "" for a in tr.iter("a")]
        if any(story.search(h) for h in hrefs) and any(writer.search(h) for h in hrefs):
            rows.append(tr)
    if len(rows) < _ROWS:
        return False
    # A row is an entry, not a story told in a table: no long text in any of its cells.
    if any(_words(td) > 60 for tr in rows for td in tr.iter("td", "th")):
        return False
    body = next(root.iter("body"), root)
    return sum(_words(tr) for tr in rows) >= _SHARE * max(1, _words(body))
