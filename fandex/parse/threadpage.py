"""Discussion threads and bare links: saved pages whose words are not a story's.

People keep a forum or Reddit thread about a fic beside the fic (a dump of a post and
its comment tree, Markdown with each comment under its poster's line "u/name:"), or a
post whose only line links to the story ("Link to content"), or an archive entry that
is a picture and a line pointing to the artist's site ("More fanworks @ site.com").
Imported as works they are junk titled like the thread.

:func:`discussion_thread` finds a thread: comments under poster lines from more than one
poster, with no story told before them (a story saved with its comments below keeps
its prose first), or any comment under a post that is only a link. :func:`only_links`
finds a text that is nothing but links.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fandex.model import count_words

__all__ = ["discussion_thread", "only_links"]

# A comment's poster line, alone in its paragraph: Reddit's "u/name:", a board's "name
# said:", "name wrote:", "name replied:". A script's "MARA:" is no poster line: posters
# are named so only on boards, and a script's speaker line carries its speech.
_POSTER = re.compile(
    r"(?:[-*]\s*)?(?:/?u/[\w-]{2,30}|[\w.@-]{2,30}\s+(?:said|wrote|replied|commented)):?",
    re.IGNORECASE,
)
_POSTERS = 3  # comments under poster lines, at least
_NAMES = 2  # from this many posters at least: one poster's lines are a story's device
# Words of continuous prose before the first comment that are a story, not a post's
# question or its link line.
_STORY_BEFORE = 150

# A line that is a link: a web address, or a link's own words ("Link to content",
# "Link to the fic", "More fanworks @ site.com").
_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|info|me|co\.uk|"
    r"tumblr\.com|dreamwidth\.org|livejournal\.com)\b",
    re.IGNORECASE,
)
_LINK_WORDS = re.compile(
    r"link\s+to\s+(?:the\s+)?(?:content|fic|story|work|chapter|post|part|it)",
    re.IGNORECASE,
)
_LINK_TEXT_WORDS = 12  # a text this short at most (a caption and an address)
_CAPTION_WORDS = 4  # "More fanworks @", "Art by me at": an address's caption


def discussion_thread(paragraphs: Sequence[str], prose_before: int) -> bool:
    """Whether ``paragraphs`` are a post and its comments: at least three poster lines
    from two posters or more, with ``prose_before`` (the longest run of prose before the
    first poster line) too short to be a story told above them; or any comment under a
    post that is only a link (the story is behind the link).

    >>> discussion_thread(["Link to content", "u/ash:", "Good."], 0)
    True
    >>> discussion_thread(["A question?", "u/ash:", "Yes.", "u/rowan:", "No.", "u/ash:", "Ok."], 0)
    True
    >>> discussion_thread(["MARA:", "We sail at dawn.", "TOMAS:", "Then we sail."], 0)
    False
    """
    first = first_poster(paragraphs)
    if first < len(paragraphs) and only_links(paragraphs[:first]):
        return True
    if prose_before >= _STORY_BEFORE:
        return False
    names = [p.strip().rstrip(":").split()[0].casefold() for p in paragraphs if _is_poster(p)]
    return len(names) >= _POSTERS and len(set(names)) >= _NAMES


def first_poster(paragraphs: Sequence[str]) -> int:
    """Index of the first poster line in ``paragraphs`` (their count when none)."""
    return next((i for i, p in enumerate(paragraphs) if _is_poster(p)), len(paragraphs))


def _is_poster(paragraph: str) -> bool:
    return _POSTER.fullmatch(paragraph.strip()) is not None


def only_links(paragraphs: Sequence[str]) -> bool:
    """Whether a short text is only links: every paragraph a web address or a link's
    own words, a dozen words in all at most.

    >>> only_links(["More fanworks @ example.com"]), only_links(["Link to content"])
    (True, True)
    >>> only_links(["She left for harbour.example.net at dawn and did not come back."])
    False

    A list of bare addresses, one a line, is only links however long it is:

    >>> only_links(["https://example.org/works/1/chapters/2\\nhttps://example.org/works/3"])
    True
    """
    if not paragraphs:
        return False
    lines = [ln for p in paragraphs for ln in p.splitlines() if ln.strip()]
    if all(_ADDRESS.fullmatch(ln.strip()) for ln in lines):
        return True
    # An address is one word however many parts its path has.
    if sum(count_words(_ADDRESS.sub(" link ", p)) for p in paragraphs) > _LINK_TEXT_WORDS:
        return False
    return all(_is_link_line(p) for p in paragraphs)


def _is_link_line(paragraph: str) -> bool:
    """A link's own words, or a web address with a caption of a few words: a sentence
    that names an address is a story's."""
    if _LINK_WORDS.fullmatch(paragraph.strip().rstrip(".:!")):
        return True
    caption = _ADDRESS.sub(" ", paragraph)
    return caption != paragraph and count_words(caption) <= _CAPTION_WORDS
