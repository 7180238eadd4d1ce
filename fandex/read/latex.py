"""LaTeX (``.tex``): a story a downloader or converter wrote as a LaTeX book.

fanfix, pandoc and others export a story as LaTeX: ``\\title{}``, ``\\author{}`` and
``\\date{}`` state the work, ``\\chapter{}`` (or ``\\section{}``) heads each chapter,
paragraphs are separated by blank lines, ``\\emph{}`` is emphasis, TeX's quote and dash
ligatures (````...''``, ``---``) are quotes and dashes, and a vertical skip
(``\\bigskip``, ``\\vspace{}``, or a command the preamble defines as one) is a scene
break. The text is turned into plain HTML and read as any page is, so chapters,
emphasis and scene breaks come out as from an e-book. Commands fandex does not know keep
the text of their argument (``\\say{Yes}`` is "Yes") and lose their name; nothing is
run or expanded beyond that.
"""

from __future__ import annotations

import html
import re

from fandex.errors import ReadError
from fandex.read import sniff
from fandex.read.document import RawChapter, RawDocument
from fandex.read.encoding import decode

__all__ = ["LatexReader", "latex_to_html"]

_MARKS = (b"\\documentclass", b"\\begin{document}")
_HEAD_MARKS = re.compile(rb"\\(?:chapter|section|title|author)\*?\{")
_COMMENT = re.compile(r"(?<!\\)%.*")
_DOC_BODY = re.compile(r"\\begin\{document\}(.*?)(?:\\end\{document\}|\Z)", re.S)
_COMMAND = re.compile(r"\\([A-Za-z@]+)\*?|\\(.)")
_NEWCOMMAND = re.compile(
    r"\\(?:re)?newcommand\*?\s*\{?\\([A-Za-z@]+)\}?\s*(?:\[\d\])?\s*\{((?:[^{}]|\{[^{}]*\})*)\}"
)
_SKIPS = frozenset({"bigskip", "medskip", "smallskip", "vspace", "vskip", "vfill"})
_HEADINGS = frozenset({"part", "chapter", "section", "subsection"})
_FACTS = frozenset({"title", "author", "date"})
_EM = frozenset({"emph", "textit", "textsl", "it", "em"})
_STRONG = frozenset({"textbf", "bf"})
_SECOND = frozenset({"href", "hypertarget"})
# Commands whose arguments are settings, not text: dropped with them.
_SETTINGS = frozenset(
    {
        "documentclass",
        "usepackage",
        "newcommand",
        "renewcommand",
        "providecommand",
        "setlength",
        "addtolength",
        "label",
        "ref",
        "pagestyle",
        "thispagestyle",
        "begin",
        "end",
        "includegraphics",
        "hspace",
        "input",
        "include",
        "setcounter",
    }
)
_SYMBOLS = {
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "textemdash": "—",
    "textendash": "–",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "ss": "ß",
    "S": "§",
    "P": "¶",
    "copyright": "©",
}
_LIGATURES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("`", "‘"), ("~", " "))
_BREAK = "\x00hr\x00"
_HEADING = "\x00h\x00"


def _group(text: str, i: int) -> tuple[str, int] | None:
    """The braced group opening at ``text[i]`` (after spaces) and the index after it."""
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] not in "{[":
        return None
    close = "}" if text[i] == "{" else "]"
    depth, j = 0, i
    while j < len(text):
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch == text[i]:
            depth += 1
        elif ch == close:
            depth -= 1
            if depth == 0:
                return text[i + 1 : j], j + 1
        j += 1
    return text[i + 1 :], len(text)


def _brace_arg(text: str, i: int) -> tuple[str, int] | None:
    """The command's ``{...}`` argument after any ``[...]`` options."""
    while (g := _group(text, i)) is not None:
        if text[i:].lstrip(" \t").startswith("{"):
            return g
        i = g[1]
    return None


def _skip_args(text: str, i: int) -> int:
    """The index after every braced or bracketed argument at ``text[i]``."""
    while (g := _group(text, i)) is not None:
        i = g[1]
    return i


def _expand(text: str, breaks: frozenset[str], facts: dict[str, str]) -> str:
    """``text`` as HTML inline text, headings and breaks set on marker lines."""
    out: list[str] = []
    i = 0
    while i < len(text):
        m = _COMMAND.match(text, i)
        if m is None:
            j = text.find("\\", i)
            j = len(text) if j < 0 else j
            out.append(_plain(text[i:j]))
            i = j
            continue
        name, symbol = m.group(1), m.group(2)
        i = m.end()
        if symbol is not None:
            # "\\" a line break, "\," and its kind a space, "\-" a hyphenation point.
            spaces = {"\\": "<br/>", "-": "", ",": " ", ";": " ", ":": " ", "!": "", " ": " "}
            out.append(spaces.get(symbol, html.escape(symbol)))
            continue
        if name in _SETTINGS:
            i = _skip_args(text, i)
        elif name in _FACTS or name in _HEADINGS:
            arg = _brace_arg(text, i)
            inner = _expand(arg[0], breaks, facts) if arg else ""
            i = arg[1] if arg else i
            if name in _FACTS:
                facts.setdefault(name, _text_of(inner))
            else:
                out.append(f"\n\n{_HEADING}{inner}\n\n")
        elif name in _SKIPS or name in breaks:
            i = _skip_args(text, i)
            out.append(f"\n\n{_BREAK}\n\n")
        elif name in _SECOND:
            # \href{address}{words}, \hypertarget{label}{text}: the second is the text.
            first = _group(text, i)
            arg = _group(text, first[1]) if first else None
            if arg is not None:
                out.append(_expand(arg[0], breaks, facts))
                i = arg[1]
        elif name in _EM or name in _STRONG:
            tag = "em" if name in _EM else "strong"
            arg = _brace_arg(text, i)
            if arg is not None:
                out.append(f"<{tag}>{_expand(arg[0], breaks, facts)}</{tag}>")
                i = arg[1]
        elif name in _SYMBOLS:
            out.append(_SYMBOLS[name])
            i = _skip_args(text, i)  # "\ldots{}"
        else:
            # An unknown command: its arguments' text, not its name.
            while (arg := _group(text, i)) is not None:
                out.append(_expand(arg[0], breaks, facts))
                i = arg[1]
    return "".join(out)


def _plain(text: str) -> str:
    for tex, char in _LIGATURES:
        text = text.replace(tex, char)
    return html.escape(text.replace("{", "").replace("}", ""), quote=False)


def _text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def latex_to_html(source: str) -> tuple[str, dict[str, str]]:
    """A LaTeX document as an HTML page, and its stated title, author and date.

    >>> page, facts = latex_to_html(
    ...     "\\\\title{Rain}\\\\author{Wren}\\\\begin{document}\\\\chapter{One}"
    ...     "\\n``Go,'' she said---\\\\emph{now}.\\n\\n\\\\bigskip\\nShe went.\\\\end{document}")
    >>> facts["title"], facts["author"]
    ('Rain', 'Wren')
    >>> page
    '<h2>One</h2>\\n<p>“Go,” she said—<em>now</em>.</p>\\n<hr/>\\n<p>She went.</p>'
    """
    text = "\n".join(_COMMENT.sub("", line) for line in source.splitlines())
    breaks = frozenset(
        name
        for name, body in _NEWCOMMAND.findall(text)
        if re.search(r"\\(?:vspace|bigskip|medskip|smallskip|vskip)\b", body)
    )
    facts: dict[str, str] = {}
    body = _DOC_BODY.search(text)
    if body is not None:
        _expand(text[: body.start()], breaks, facts)  # the preamble's \title, \author
    inline = _expand(body.group(1) if body else text, breaks, facts)
    parts: list[str] = []
    for chunk in re.split(r"\n\s*\n", inline):
        chunk = " ".join(chunk.split())
        if not chunk or (not _text_of(chunk) and _BREAK not in chunk and _HEADING not in chunk):
            continue
        if chunk.startswith(_HEADING):
            parts.append(f"<h2>{chunk[len(_HEADING) :].strip()}</h2>")
        elif chunk == _BREAK:
            parts.append("<hr/>")
        else:
            parts.append(f"<p>{chunk}</p>")
    return "\n".join(parts), facts


def _chapters_at_headings(doc: RawDocument) -> None:
    """Each ``\\chapter`` (a heading of the page) opens a chapter the format marks: the
    document's headings are its chapters, never its title."""
    blocks = doc.all_blocks()
    if doc.chapters or not any(b.kind == "heading" for b in blocks):
        return
    first = next(i for i, b in enumerate(blocks) if b.kind == "heading")
    doc.blocks = blocks[:first]
    for b in blocks[first:]:
        if b.kind == "heading":
            doc.chapters.append(RawChapter(title=b.text.strip() or None))
        else:
            doc.chapters[-1].blocks.append(b)


class LatexReader:
    """Reader component: a story written out as a LaTeX document."""

    name = "latex"
    extensions = (".tex", ".latex", ".ltx")

    def sniff(self, head: bytes, filename: str) -> float:
        """0.9 for LaTeX (``\\documentclass`` and ``\\begin{document}``, or a ``.tex``
        name with ``\\chapter{``/``\\title{``): above the plain-text reader, which would
        keep the markup as words; 0 otherwise."""
        if sniff.looks_binary(head):
            return 0.0
        if all(m in head for m in _MARKS):
            return 0.9
        named = filename.lower().endswith(self.extensions)
        return 0.9 if named and _HEAD_MARKS.search(head) else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """The document's text as a page; ReadError when it holds no text."""
        from fandex.read.html import HtmlReader  # the HTML reader imports most readers

        source, encoding = decode(data)
        page, facts = latex_to_html(source)
        if not _text_of(page):
            raise ReadError("the LaTeX file holds no text")
        doc = HtmlReader().read(
            f"<html><body>{page}</body></html>".encode(), filename.rsplit(".", 1)[0] + ".html"
        )
        doc.format = "latex"
        _chapters_at_headings(doc)
        meta = doc.metadata
        meta.pop("fallback_title", None)
        if facts.get("title"):
            meta["title"] = facts["title"]
        if facts.get("author"):
            meta["authors"] = [a.strip() for a in re.split(r"\\and|\s+and\s+", facts["author"])]
        meta["encoding"] = encoding
        return doc
