"""Is this a story? Pages that hold no story text are not works.

People save more than stories: a story's index page (its chapter list and metadata), an
archive's info page with "Read the fanfic" and download links, a browse list of story
blurbs, an adult-content gate ("Discretion Advised"), a site's "Story Not Found" page,
a journal post announcing a fic that lives elsewhere. Imported as works they fill a
library with junk titled like a site menu.

:func:`judge` looks at the parsed work the way a reader glances at a page: is there a
run of continuous prose, or only short lines, lists and links? It names a page only
when a *positive* sign says what it is (stat lines, a chapter list, download links, a
gate or error notice, a "read it at" link) *and* the prose is too thin to be the story,
so a short story (a drabble, a two-line test file) still imports.
:func:`check_story` raises :class:`~fandex.errors.NotAStory` with the reason; the
importer reports the file as ``skipped``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fandex.errors import NotAStory
from fandex.model import Work, count_words
from fandex.parse.asides import reads_as_asides
from fandex.parse.blurbcard import blurb_only
from fandex.parse.contents import fold
from fandex.parse.endmatter import end_heading
from fandex.parse.labels import field_for
from fandex.parse.lines import chapter_heading, parts_line
from fandex.parse.reviewpost import review_post
from fandex.parse.threadpage import discussion_thread, first_poster, only_links
from fandex.read.document import RawDocument
from fandex.vocab.ao3 import load_toml

__all__ = ["NotAStory", "check_story", "has_stat", "judge", "longest_prose_run"]

_PROSE_END = (".", "!", "?", '"', "”", "’", "'", "…", ")")
# "Words: 56,452", "Word count: 2,197", "(17,719 words)", "[Reviews - 19]", "Chapters: 12",
# "366 mots", "735 lectures": the stat words are data (header.toml [stats]), in the
# languages archives are written in.


def _stat_pattern() -> re.Pattern[str]:
    stats = load_toml("header.toml")["stats"]
    labels = "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in stats["labels"])
    units = "|".join(re.escape(w) for w in stats["units"])
    return re.compile(
        rf"\b(?:{labels})\s*[:\-]\s*[\d,.]+k?\b|\(\s*[\d,.]+k?\s+words?\s*\)|"
        rf"(?<![\w.,])\d[\d,.]*k?\s+(?:{units})\b",
        re.IGNORECASE,
    )


_STAT = _stat_pattern()
_STAT_HINT = re.compile(r"[\d:(\-]")
_STAT_NEED = re.compile(r"\d|[:\-(]\s*[,.]")
# "12. Chapter Title by Author [Reviews - 3] (4,587 words)", "1 - Title :: Subtitle".
_INDEX_LINE = re.compile(r"^\s*\d{1,4}\s*[.:)\-–]\s+\S")
_DOWNLOAD = re.compile(
    r"\b(?:download(?:\s+the\s+\w+)?|also\s+available\s+as)\b.{0,40}\b(?:epub|mobi|pdf|txt|html|"
    r"lit|azw3?)\b|\bread\s+the\s+(?:fan\s*fic|fic|story)\b|\bclick\s+(?:here\s+)?to\s+read\b|"
    r"\b(?:table\s+of\s+contents|story\s+chapters|chapter\s+list)\b",
    re.IGNORECASE,
)


def _index_label_pattern() -> re.Pattern[str]:
    labels = load_toml("header.toml")["index_labels"]["labels"]
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in labels)
    # The label alone, or over what it labels after a colon or dash ("Latest Chapter:
    # Chapter 278"); "Latest chapter, she thought" is a sentence.
    return re.compile(rf"\W*(?:{alt})\s*(?:[:：\-–—»›>|].*)?", re.IGNORECASE | re.DOTALL)


# "Latest Chapter: Chapter 278", "Start Reading": a label line of a story's index page.
_INDEX_LABEL = _index_label_pattern()
_LABEL_LINE_WORDS = 12


def _index_label(line: str) -> bool:
    """A short line that labels a chapter list or a way into the story, not a sentence
    that mentions one."""
    s = line.strip()
    return bool(s) and count_words(s) <= _LABEL_LINE_WORDS and _INDEX_LABEL.fullmatch(s) is not None


_GATE = re.compile(
    r"\bdiscretion\s+advised\b|\badult\s+content\b|\bmature\s+content\b|"
    r"\byou\s+must\s+be\s+(?:at\s+least\s+)?(?:1[3-8]|over\s+1[3-8]|of\s+legal\s+age)\b|"
    r"\bconfirm\s+(?:that\s+)?you\s+(?:want|wish|would\s+like)\s+to\s+(?:view|see|continue)\b|"
    r"\bage\s+verification\b|\bare\s+you\s+(?:over\s+)?18\b",
    re.IGNORECASE,
)
# "Story Not Found", "That story either does not exist on this archive or has not been
# validated": the subject, then within the clause what happened to it.
_ERROR = re.compile(
    r"\b(?:story|stories|page|chapter|entry|work|fic|file|document|url|journal|blog|account|"
    r"site)\b[^.!?\n]{0,60}?\b(?:(?:has\s+)?not\s+(?:been\s+)?found|"
    # "That page can't be found" (WordPress), "This site can't be reached" (a browser's
    # own page for a site it could not reach).
    r"can(?:not|\s+not|[’']?t)\s+be\s+(?:found|reached)|"
    r"(?:is|was)\s+(?:unavailable|not\s+available)|does\s*n[o'’]t\s+exist|"
    # "has been deleted and purged", "has been either temporarily or permanently suspended"
    r"(?:has|have|had)\s+been\s+(?:[\w,]+\s+){0,4}?(?:deleted|removed|suspended|purged)|"
    r"could\s+not\s+be\s+found|cannot\s+be\s+found|"
    r"no\s+longer\s+(?:exists|available))\b|\bunavailable\s+for\s+reading\b|"
    r"\bno\s+such\s+(?:story|page|chapter|entry|work)\b|\b404\b.{0,20}\bnot\s+found\b|"
    # A web server's own answer saved in place of the page: a redirect ("302 Found / The
    # document has moved here"), a refusal or a failure.
    r"\b(?:document|page|resource)\s+has\s+(?:been\s+)?moved\b|\bmoved\s+permanently\b|"
    r"\b30[1-8]\s+(?:found|moved|see\s+other|temporary\s+redirect)\b|"
    # The Wayback Machine's "Got an HTTP 302 response at crawl time".
    r"\bhttp\s+(?:30[1-8]|4\d\d|5\d\d)\s+response\b|"
    r"\b403\s+forbidden\b|\binternal\s+server\s+error\b|\b50[234]\s+(?:bad\s+gateway|"
    r"service\s+(?:temporarily\s+)?unavailable|gateway\s+time-?out)\b",
    re.IGNORECASE,
)
# An error notice is a short line of its own, not a sentence inside a story's paragraph.
_NOTICE_WORDS = 40
# A site's page saying it lives elsewhere now ("We've moved!", "The archive has moved
# to ..."), and a lapsed domain's parking page: saved from an old address, no story.
_MOVED = re.compile(
    r"\b(?:we['’]ve|we\s+have|(?:site|archive|blog|journal|community)\s+has)\s+moved\b"
    r"(?!\s+on\b)|\bnow\s+lives\s+at\b",
    re.IGNORECASE,
)
# ... said with where to: a new address ("harbour.example.net") or "update your bookmarks"
# ("We've moved house twice" in a drabble names none).
_NEW_ADDRESS = re.compile(
    r"\b[\w-]+\.(?:com|net|org|io|info|co\.uk|me|dreamwidth\.org)\b|\bbookmarks?\b|"
    r"\bnew\s+(?:address|home|url|site)\b",
    re.IGNORECASE,
)
_PARKED = re.compile(
    r"\bthis\s+domain\s+(?:name\s+)?(?:may\s+be|is)\s+for\s+sale\b|\bbuy\s+this\s+domain\b",
    re.IGNORECASE,
)
# A review's own header line on an archive's reviews page (eFiction's "Reviewer: gull").
_REVIEWER = re.compile(r"^(?:reviewer|reviewed\s+by|review\s+by)\s*:", re.IGNORECASE | re.MULTILINE)
# Notices that are a page's whole line, said so by a site in place of the story: a
# request for access (Google Docs' "You need access"), a sensitive-media gate (Tumblr's).
_ACCESS_LINE = re.compile(r"you\s+need\s+access[.!]?", re.IGNORECASE)
_GATE_LINE = re.compile(
    r"this\s+(?:tumblr|blog)\s+(?:may\s+contain|contains)\s+sensitive\s+(?:media|content)[.!]?",
    re.IGNORECASE,
)
# A site's answer to a reader asking too often, saved by a downloader in place of the
# work: AO3's "Retry later" (the whole body of its 429 answer), "Too Many Requests",
# "Rate limit exceeded". Only as the whole text: "I'll retry later," she said is a story's.
_THROTTLE = re.compile(
    r"(?:(?:error\s*)?429\b\W*)?(?:retry\s+later|too\s+many\s+requests|"
    r"rate[\s-]*limit(?:ed|\s+exceeded|\s+reached)|you\s+are\s+being\s+rate[\s-]*limited)\W*",
    re.IGNORECASE,
)
_ELSEWHERE = re.compile(
    r"\bread\s+(?:it\s+|the\s+(?:rest|fic|story)\s+|more\s+)?(?:at|here|on|over\s+at)\b|"
    r"\b(?:posted|is\s+up)\s+(?:at|to|on|over\s+at)\s+\S|\bcan\s+be\s+found\s+(?:at|here)\b|"
    r"\blink\s+to\s+(?:the\s+)?(?:fic|story)\b|"
    # "Also on AO3.", "Also posted at FFN": the story's other home.
    r"\balso\s+(?:posted\s+|up\s+|available\s+)?(?:on|at)\s+(?:ao3|archive\s+of\s+our\s+own|"
    r"ffn|ff\.net|fanfiction\.net|dreamwidth|livejournal|tumblr|wattpad)\b",
    re.IGNORECASE,
)
# A line of a list of stories (a recs post): "Salt Roads by marram (Harbour Tales, PG)",
# "Fog Signal by sedge - the foghorn breaks".
_REC_LINE = re.compile(r"^[^\n.!?\"“]{1,80}?\s+by\s+[^\s(),.:]{2,40}\s*[(\[,:\-–—]")
_REC_LINES = 3
# A writer planning, not telling: "I need to start it off with", "ANOTHER IDEA".
_PLANNING = re.compile(
    r"\bI\s+(?:need|could|can|should|want|will|might|have)\s+(?:to\s+)?(?:have|make|start|"
    r"write|figure|introduce|put|do|add|open|end|show|decide)\b|\bideas?\b|\boutline\b|"
    r"\bbrainstorm\w*|\bplot\s+points?\b|\bto-?do\b",
    re.IGNORECASE,
)
_PLANNING_WORDS = 3000
# Below these, the prose is too thin to be the story the signs say is elsewhere.
_THIN_RUN = 150
_THIN_WORDS = 600
# A page of notes alone (an author's note, a works-cited list) is short: a work longer
# than this under such a heading is read as the story it holds (five times this for a
# page whose own title calls it notes too).
_NOTES_PAGE_WORDS = 1000


def _paragraphs(work: Work) -> list[str]:
    return [p.strip() for c in work.chapters for p in c.text.split("\n\n") if p.strip()]


def has_stat(paragraph: str) -> bool:
    """A stat line ("Words: 56,452") in ``paragraph``: :data:`_STAT`, ruled out first by
    what every match of it holds (a digit, or "," or "." after ":", "-" or "("), which
    the words of a story seldom have and which is some ten times quicker to look for."""
    return (
        _STAT_HINT.search(paragraph) is not None
        and _STAT_NEED.search(paragraph) is not None
        and _STAT.search(paragraph) is not None
    )


def _is_prose(paragraph: str) -> bool:
    if has_stat(paragraph):
        return False
    words = count_words(paragraph)
    return words >= 20 or (words >= 4 and paragraph.rstrip().endswith(_PROSE_END))


def longest_prose_run(paragraphs: Iterable[str], enough: int | None = None) -> int:
    """Words in the longest run of consecutive prose paragraphs (scene breaks allowed);
    counting stops once a run reaches ``enough``.

    >>> longest_prose_run(["It rained all night on the harbour.", "She waited.", "Words: 9"])
    7
    """
    best = run = 0
    for p in paragraphs:
        if p == "* * *":
            continue
        if _is_prose(p):
            run += count_words(p)
            best = max(best, run)
            if enough is not None and best >= enough:
                break
        else:
            run = 0
    return best


def _points_elsewhere(paragraph: str) -> bool:
    """A short line of the poster's own (not dialogue) sending readers to the story."""
    s = paragraph.strip()
    if not s or s[0] in "\"“'‘" or count_words(s) > 25:
        return False
    return _ELSEWHERE.search(s) is not None


def _only_end_matter(work: Work) -> bool:
    """Every chapter is set under an end-matter heading ("Author's Note:", "Works Cited")
    or a summary's label ("Summary", "Description") that is not the work's own title: a
    story's front page holding its notes or blurb, not the story. (A last chapter so
    titled is end notes; a work keeps its first chapter.) A line of links above them
    (the work's address) is the page's pointer to the work, not a chapter of it."""
    own = fold(work.title or "")
    titled = [c for c in work.chapters if not (c.title is None and _only_links(c.text))]
    return bool(titled) and all(
        c.title is not None
        and (end_heading(c.title) or field_for(c.title) == "summary")
        and fold(c.title) != own
        for c in titled
    )


def _only_links(text: str) -> bool:
    return only_links([p for p in text.split("\n\n") if p.strip()])


def _titled_notes(work: Work) -> bool:
    """The page's own title calls it notes ("Notes", "Glossary") and it opens under a
    notes heading ("Author's notes"): its later headings are the notes' topics."""
    first = work.chapters[0].title if work.chapters else None
    return (
        end_heading(work.title or "")
        and first is not None
        and end_heading(first)
        and fold(first) != fold(work.title or "")  # a work named "Postscript" is its chapter
    )


# "Title:" over its value on the next line, or "Title: value": a field of a record.
_FIELD_LINE = re.compile(
    r"(?P<label>[^\W\d_][\w /'’()&.\-]{0,40}?)\s*:(?:[ \t]+(?P<value>\S.*))?[ \t]*"
)
_RECORD_FIELDS = 8
_ITEM_WORDS = 8
_RECORD_SHARE = 0.8
# A header row: five or more short bare lines, three or more of them known labels.
_ROW_LINES = 5
_ROW_LABELS = 3


def _record_kind(doc: RawDocument | None) -> str | None:
    """What a file of fields and no story is: a metadata record (a downloader's dump of
    a story's fields, ``Label:`` over or beside each value) or a table (a header row of
    bare column labels, ``Status`` / ``Title`` / ``Author`` / ``URL``, over its rows).

    Labels must be different from each other: a script's ``MARA: ...`` lines repeat
    their speakers, a record names each field once. Lines set under a chapter heading
    ("Chapter 1") that are not fields are the story under its header, however short: a
    downloader's e-book keeps the story's fields over its chapters."""
    if doc is None:
        return None
    labels: list[str] = []
    lines = covered = 0
    prose_outside = False
    row: list[bool] = []  # the run of short bare lines, and whether each is a label
    best_row = 0
    under = 0  # lines since a bare "Label:": its value, then a list's short items
    in_chapter = False  # past a heading block that reads as a chapter's
    for block, line in ((b, ln.strip()) for b in doc.all_blocks() for ln in b.text.split("\n")):
        if block.kind == "heading":
            in_chapter = chapter_heading(line) is not None
        if not line:
            continue
        lines += 1
        m = _FIELD_LINE.fullmatch(line)
        sentence = len(line.split()) >= 4 and line.endswith(_PROSE_END)
        if m is not None and len(m.group("label").split()) <= 5:
            labels.append(m.group("label").casefold())
            covered += 1
            under = 1 if m.group("value") is None else 0
        elif in_chapter and block.kind != "heading":
            under = 0
            prose_outside = True  # a line of a chapter's text: the story under its header
        elif under == 1 or (under > 1 and not sentence and len(line.split()) <= _ITEM_WORDS):
            covered += 1
            under += 1
        else:
            under = 0
            prose_outside = prose_outside or sentence  # the story under its header
        if m is None and len(line.split()) <= 2 and not line.endswith(_PROSE_END):
            row.append(field_for(line) is not None)  # a column's name, maybe a label
            if len(row) >= _ROW_LINES:
                best_row = max(best_row, sum(row))
        else:
            row = []
    if (
        len(labels) >= _RECORD_FIELDS
        and not prose_outside
        and covered >= _RECORD_SHARE * lines
        and len(set(labels)) >= _RECORD_SHARE * len(labels)
    ):
        return "a metadata record (fields, no story)"
    if best_row >= _ROW_LABELS:
        return "a table of stories (a list or a download log)"
    return None


# Quoted speech: a story's, which a page of notes or references seldom holds.
_SPEECH = re.compile(r"[\"“][^\"“”\n]{2,}[\"”]")


def _notes_titled_page(work: Work, paragraphs: list[str]) -> bool:
    """A page its own title calls notes or references ("Works Cited", "Author's Notes",
    "Glossary") with no chapter heading and no quoted speech: the story's apparatus,
    not the story."""
    return (
        end_heading(work.title or "")
        and all(c.title is None for c in work.chapters)
        and not any(_SPEECH.search(p) for p in paragraphs)
    )


# A heading that names a file or a path ("ao3_parse.py", "/.source"): a software page's.
_FILE_HEADING = re.compile(
    r"(?:[\w.-]*/)*[\w-]+\.(?:py|sh|js|ts|rb|pl|json|ya?ml|toml|cfg|ini)|/\.?\w+"
)


def _software_page(doc: RawDocument | None) -> bool:
    """A program's documentation (a fic repository's README): a preformatted block of
    code or commands and a section headed by a file's name."""
    if doc is None:
        return False
    blocks = doc.all_blocks()
    return any(b.kind == "pre" for b in blocks) and any(
        b.kind == "heading" and _FILE_HEADING.fullmatch(b.text.strip()) for b in blocks
    )


def _any_line(texts: Iterable[str | None], line: re.Pattern[str]) -> bool:
    """Whether any of ``texts`` (titles, paragraphs) is, whole, a line ``line`` matches."""
    return any(t and line.fullmatch(t.strip()) for t in texts)


def judge(work: Work, doc: RawDocument | None = None) -> str | None:
    """Why ``work`` is not a story (``"no story text, looks like ..."``), or None.

    >>> from fandex.model import Chapter
    >>> judge(Work(chapters=[Chapter(1, None, "She woke.")])) is None
    True
    >>> judge(Work(title="Discretion Advised", chapters=[Chapter(1, None,
    ...     "You're about to view content advised to be viewed with discretion.")]))
    'no story text, looks like an adult-content gate page'
    """
    if doc is not None and doc.metadata.get("offsite"):
        return None  # an archive's record of a story kept elsewhere: a bookmark it lists
    paragraphs = _paragraphs(work)
    # The chapters' own counts (the same words as their paragraphs'), which the work
    # keeps: the library stores them, so they are counted once, not here and again there.
    words = sum(c.words for c in work.chapters if c.text)
    kind = str((doc.metadata.get("page_kind") if doc is not None else None) or "")
    if kind:  # the reader found the page's kind in its markup (an index, no chapter)
        return f"no story text, looks like {kind}"
    if not words:
        # Nothing left after the header: what the page showed may still say what it is.
        shown = [b.text.strip() for b in doc.all_blocks() if b.text.strip()] if doc else []
        index = sum(1 for p in shown if _INDEX_LINE.match(p) and has_stat(p))
        if index >= 2:
            return "no story text, looks like a story index page"
        record = _record_kind(doc)
        return f"no story text, looks like {record}" if record else "no story text"
    if (
        (words < _NOTES_PAGE_WORDS and _only_end_matter(work))
        or (words < 5 * _NOTES_PAGE_WORDS and _titled_notes(work))
        or (words < _NOTES_PAGE_WORDS and _notes_titled_page(work, paragraphs))
    ):
        return "no story text, only notes set under a notes heading"
    if only_links(paragraphs):
        return "no story text, only a link (the work is elsewhere)"
    if words < _THIN_RUN and blurb_only(paragraphs):
        return "no story text, looks like a work's notes (its tags and summary)"
    # The post above the comments: a story told there keeps the page a story; a writer's
    # talk about their fic (an announcement: "updates every Sunday", "thanks to my beta")
    # is no story, however long.
    post = paragraphs[: first_poster(paragraphs)]
    before = 0 if reads_as_asides(post) else longest_prose_run(post, enough=2 * _THIN_RUN)
    if discussion_thread(paragraphs, before):
        return "no story text, looks like a discussion thread (a post and its comments)"
    if review_post(work.title, [*(c.title or "" for c in work.chapters[:1]), *paragraphs]):
        return "no story text, looks like a reader's review of a book"
    run = longest_prose_run(paragraphs, enough=2 * _THIN_RUN)
    if run >= 2 * _THIN_RUN and words > _PLANNING_WORDS:
        return None  # a long run of prose in a long text: no sign below can apply
    thin = run < _THIN_RUN and words < _THIN_WORDS
    opening = f"{work.title}\n{chr(10).join(paragraphs[:6])}"[:1500]
    # A short page's notice may sit under a site's menu labels or be set as a heading:
    # every short line counts, chapter titles too.
    notices = [work.title, *(c.title or "" for c in work.chapters), *paragraphs]
    if (_GATE.search(opening) or _any_line(notices, _GATE_LINE)) and (
        words < 400 and run < _THIN_RUN
    ):
        return "no story text, looks like an adult-content gate page"
    if words < 200 and _any_line(notices, _ACCESS_LINE):
        return "no story text, looks like a page asking for access (log in or ask for it)"
    if words < 20 and all(_THROTTLE.fullmatch(p) for p in paragraphs):
        return "no story text, looks like a site's rate-limit page (download the work again later)"
    if words < 200 and any(
        count_words(p) <= _NOTICE_WORDS and _ERROR.search(p) for p in notices if p
    ):
        return "no story text, looks like an error page"
    short = [p for p in notices if p and count_words(p) <= _NOTICE_WORDS] if words < 200 else []
    if any(_PARKED.search(p) for p in short):
        return "no story text, looks like a lapsed domain's parking page"
    if any(_MOVED.search(p) for p in short) and any(_NEW_ADDRESS.search(p) for p in short):
        return "no story text, looks like a notice that the site has moved"
    if run < 2 * _THIN_RUN and sum(1 for p in paragraphs if _REVIEWER.search(p)) >= 2:
        return "no story text, looks like a page of reviews"
    stats = sum(1 for p in paragraphs if has_stat(p))
    index_lines = sum(1 for p in paragraphs if _INDEX_LINE.match(p) and has_stat(p))
    downloads = any(_DOWNLOAD.search(p) for p in paragraphs) or any(
        _index_label(p) for p in notices if p
    )
    if run < 2 * _THIN_RUN and (index_lines >= 3 or (thin and (index_lines or downloads))):
        return "no story text, looks like a story index page"
    if stats >= 3 and stats * 5 >= len(paragraphs) and run < 2 * _THIN_RUN:
        return "no story text, looks like a list of stories"
    if (
        thin
        and run < 100
        and (
            any(_points_elsewhere(p) for p in paragraphs)
            or any(parts_line(c.title or "") for c in work.chapters)
            or any(parts_line(p) for p in paragraphs)
        )
    ):
        # "Read it at ...", or the post's only lines link the story's parts: a masterpost.
        return "no story text, looks like a post announcing a story"
    recs = sum(1 for p in paragraphs if _REC_LINE.match(p))
    if thin and recs >= _REC_LINES and 2 * recs >= len(paragraphs):
        return "no story text, looks like a list of stories"
    if thin and stats:
        return "no story text, looks like a story index page"
    if thin and _software_page(doc):
        return "no story text, looks like a program's documentation (a README)"
    if thin and (record := _record_kind(doc)) is not None:
        return f"no story text, looks like {record}"
    if (
        words <= _PLANNING_WORDS
        and sum(1 for p in paragraphs if _PLANNING.search(p)) >= 2
        and reads_as_asides(paragraphs, share=0.5)
    ):
        return "no story text, looks like planning notes"
    return None


def check_story(work: Work, doc: RawDocument | None = None) -> None:
    """Raise :class:`NotAStory` when :func:`judge` finds ``work`` is not a story."""
    reason = judge(work, doc)
    if reason is not None:
        raise NotAStory(reason)
