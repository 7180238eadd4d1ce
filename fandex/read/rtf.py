"""RTF (WordPad, TextEdit, old Word and Scrivener exports), by a small tokenizer.

striprtf (BSD) was considered: it gives plain text only, losing the italics and
headings the DOCX and ODT readers keep, and rtf-tokenize is GPL; RTF's core is small
enough to read here. The walk is iterative (a group stack, never recursion), so deep
nesting cannot exhaust the stack, and ``\\binN`` data is jumped over, not scanned.

Text is decoded per run: ``\\'hh`` bytes in the current font's code page (from the
font table's ``\\fcharset``, else the document's ``\\ansicpg``), ``\\uN`` as Unicode
with its ``\\ucN`` fallback characters skipped. ``\\par`` ends a paragraph; ``\\i``
and ``\\b`` become spans; paragraphs with an outline level or a "heading N"/"Title"
style become heading blocks, as in the DOCX reader. Footnotes become ``[n]`` marks
and ``[n] note`` legend lines at the end, as in the ODT reader. ``\\info`` gives a
title and author only as a fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from fandex.errors import ReadError
from fandex.read.document import Block, RawDocument, Span

_TOKEN = re.compile(
    r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # control word, optional number, one eaten space
    r"|\\'([0-9a-fA-F]{2})"  # a byte in the current code page
    r"|\\([^a-zA-Z'])"  # control symbol
    r"|([{}])"
    r"|([\r\n]+)"  # line ends in the source are not text
    r"|([^\\{}\r\n]+)",
    re.S,
)
_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*\{\\rtf", re.S)
_HEADING = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)$", re.I)
_NO_AUTHOR = {"user", "admin", "author", "unknown", "owner"}
# Destinations whose text is never story text (those marked \* are skipped as well).
_SKIP_DESTS = frozenset(
    """colortbl pict object objdata header headerl headerr headerf footer footerl footerr
    footerf fldinst listtable listoverridetable rsidtbl generator pgdsctbl revtbl filetbl
    themedata colorschememapping latentstyles datastore xmlnstbl mmathpr shpinst
    nonshppict annotation atnid atnauthor atnref xe tc txe bkmkstart bkmkend template
    userprops docvar private""".split()
)
# Optional ("{\*\word") destinations that are read all the same: pandoc writes
# its footnotes as "{\*\footnote ...}".
_STARRED_READ = frozenset(["footnote"])
_INFO_FIELDS = frozenset(["title", "author", "subject", "operator"])
_SYMBOLS = {
    "emdash": "—",
    "endash": "–",
    "lquote": "‘",
    "rquote": "’",
    "ldblquote": "“",
    "rdblquote": "”",
    "bullet": "•",
    "tab": " ",
    "line": "\n",
    "emspace": " ",
    "enspace": " ",
    "qmspace": " ",
}
# calibre's RTF writer leaves a placeholder where a picture was
# ("SPECIAL_IMAGE-//host/image/1/75/-REPLACE_ME"): no text of the story.
_CALIBRE_IMAGE = re.compile(r"SPECIAL_IMAGE-\S*?-REPLACE_ME ?")
_EMPTY_LINE = re.compile(r"\n[ \t\u00a0]*\n\s*")
_CONTROL_SYMBOLS = {"~": "\u00a0", "_": "\u2011", "-": "", "\\": "\\", "{": "{", "}": "}"}
# \fcharset -> code page (Windows' own table).
_CHARSETS = {
    0: "cp1252",
    77: "mac_roman",
    128: "cp932",
    129: "cp949",
    134: "gbk",
    136: "cp950",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
}


# \ansicpgN numbers Python knows by another name: Apple's code pages (TextEdit and
# older Mac Word write \mac\ansicpg10000), and Windows' numbers for UTF-8 and Latin-1.
_CODEPAGES = {
    10000: "mac_roman",
    10006: "mac_greek",
    10007: "mac_cyrillic",
    10029: "mac_latin2",
    10079: "mac_iceland",
    10081: "mac_turkish",
    20127: "ascii",
    28591: "latin-1",
    28605: "iso8859_15",
    65001: "utf-8",
}


@dataclass
class _State:
    """Formatting that a group inherits and restores on ``}``."""

    italic: bool = False
    bold: bool = False
    hidden: bool = False
    uc: int = 1
    font: int | None = None
    dest: str = ""  # "" for the body; else what the group's text feeds
    style: int = 0
    outline: int = -1


@dataclass
class _Para:
    parts: list[str] = field(default_factory=list)
    length: int = 0
    spans: list[Span] = field(default_factory=list)

    def add(self, text: str, italic: bool, bold: bool) -> None:
        if not text:
            return
        start, self.length = self.length, self.length + len(text)
        self.parts.append(text)
        for on, kind in ((italic, "em"), (bold, "strong")):
            if not on:
                continue
            last = next((s for s in reversed(self.spans) if s.kind == kind), None)
            if last is not None and last.end == start:
                last.end = self.length
            else:
                self.spans.append(Span(start, self.length, kind))


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.codepage = "cp1252"
        self.fonts: dict[int, str] = {}
        self.styles: dict[int, str] = {}
        self.blocks: list[Block] = []
        self.legends: list[str] = []
        self.info: dict[str, str] = {}
        self.para = _Para()
        self.dest_text: list[str] = []  # text of the destination group being read
        self.notes = 0
        self.cited = False  # a \chftn mark already stands for the next footnote
        self.unclosed = 0

    def codec(self, state: _State) -> str:
        if state.font is not None and state.font in self.fonts:
            font = self.fonts[state.font]
            # Apple's writers give every font \fcharset0 ("ANSI") in a Mac Roman file:
            # there the font's charset is the document's own code page.
            if font == "cp1252" and self.codepage.startswith("mac_"):
                return self.codepage
            return font
        return self.codepage

    def run(self) -> None:
        state = _State()
        stack: list[_State] = []
        dest_starts: list[tuple[int, str]] = []  # (stack depth, destination) being read
        pending = bytearray()
        skip = 0  # \u fallback characters still to drop
        new_group = False
        starred = False  # "{\*" was just read: skip the group unless we know its word
        pos, end = 0, len(self.text)
        while pos < end:
            m = _TOKEN.match(self.text, pos)
            if m is None:  # a lone backslash at the very end
                break
            pos = m.end()
            word, num, hexbyte, symbol, brace, newline, chars = m.groups()
            if hexbyte is None and pending:
                self.emit(self.decode(bytes(pending), state), state)
                pending.clear()
            if newline:
                continue
            if brace == "{":
                stack.append(state)
                state = replace(state)
                new_group, skip, starred = True, 0, False
                continue
            if brace == "}":
                if not stack:
                    break  # text after the document's closing brace is not RTF
                state = stack.pop()
                if dest_starts and dest_starts[-1][0] > len(stack):
                    self.close_dest(dest_starts.pop()[1])
                new_group, skip, starred = False, 0, False
                continue
            first, new_group = new_group, False
            star, starred = starred, False
            if star and (word is None or word not in _STARRED_READ):
                state.dest = "skip"  # an optional destination this reader does not know
            if hexbyte is not None:
                if skip:
                    skip -= 1
                elif not state.hidden and state.dest != "skip":
                    pending.append(int(hexbyte, 16))
                continue
            if chars is not None:
                if skip:
                    dropped = min(skip, len(chars))
                    chars, skip = chars[dropped:], skip - dropped
                if first and chars.startswith("\t") and state.dest == "":
                    # calibre's RTF opens each block of the page with "{" and a raw tab,
                    # with no \par closing the text before it: a new paragraph.
                    self.end_paragraph(state)
                    chars = chars[1:]
                if not state.hidden and state.dest != "skip":
                    raw = chars.encode("latin-1", "replace")
                    self.emit(self.decode(raw, state, raw=True), state)
                continue
            if symbol is not None:
                if skip:
                    skip -= 1
                    continue
                if symbol == "*" and first:
                    starred = new_group = True  # the destination's word comes next
                elif symbol in "\r\n":
                    self.end_paragraph(state)
                elif symbol in _CONTROL_SYMBOLS and not state.hidden:
                    self.emit(_CONTROL_SYMBOLS[symbol], state)
                continue
            if skip and word != "u":
                skip -= 1
                continue
            n = int(num) if num is not None else None
            if word == "bin" and n:
                pos += max(n, 0)  # raw binary data: jump over it
                continue
            skip = self.control(word, n, state, first, len(stack), dest_starts)
        if pending:
            self.emit(self.decode(bytes(pending), state), state)
        self.unclosed = len(stack)
        self.end_paragraph(state)

    def decode(self, data: bytes, state: _State, raw: bool = False) -> str:
        if raw and not data.isascii():
            # Some writers put raw UTF-8 bytes in the file (the spec says 7-bit only);
            # valid UTF-8 is almost never cp125x. \'hh escapes are always the code page.
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
        try:
            return data.decode(self.codec(state), "replace")
        except LookupError:
            return data.decode("cp1252", "replace")

    def control(
        self,
        word: str,
        n: int | None,
        state: _State,
        first: bool,
        depth: int,
        dests: list[tuple[int, str]],
    ) -> int:
        """Apply one control word; returns how many fallback characters to skip."""
        if word == "u" and n is not None:
            if state.dest != "skip" and not state.hidden:
                self.emit(chr(n + 65536 if n < 0 else n), state)
            return max(state.uc, 0)
        if first and word in _SKIP_DESTS:
            state.dest = "skip"
        if state.dest == "skip":
            return 0
        if first and word in ("fonttbl", "stylesheet", "info", "footnote"):
            state.style = 0  # in the style sheet, \sN names the entry being read
            dests.append((depth, word))
            if word == "footnote":
                self.notes += 1
                if not self.cited:
                    self.emit(f"[{self.notes}]", replace(state, dest=""))
                self.cited = False
                self.dest_text = []
            state.dest = word
            state.italic = state.bold = False
            return 0
        if first and state.dest == "info" and word in _INFO_FIELDS:
            dests.append((depth, word))
            self.dest_text = []
            state.dest = "info-" + word
            return 0
        if word in ("ansicpg", "cpg") and n and state.dest == "":
            self.codepage = _CODEPAGES.get(n, f"cp{n}")
        elif word == "mac":
            self.codepage = "mac_roman"
        elif word in ("pc", "pca"):
            self.codepage = "cp437" if word == "pc" else "cp850"
        elif word == "f" and n is not None:
            state.font = n
        elif word == "fcharset" and n is not None and state.dest == "fonttbl":
            if state.font is not None and n in _CHARSETS:
                self.fonts[state.font] = _CHARSETS[n]
        elif word == "s" and n is not None:
            state.style = n
        elif word == "outlinelevel" and n is not None:
            state.outline = n
        elif word == "pard":
            state.style, state.outline = 0, -1
        elif word == "plain":
            state.italic = state.bold = state.hidden = False
        elif word in ("i", "b", "v"):
            on = n != 0
            if word == "i":
                state.italic = on
            elif word == "b":
                state.bold = on
            else:
                state.hidden = on
        elif word == "uc" and n is not None:
            state.uc = n
        elif word in ("par", "sect", "page", "row") and state.dest == "":
            self.end_paragraph(state)
        elif word == "par" and state.dest == "footnote":
            self.dest_text.append(" ")
        elif word == "cell":
            self.emit(" ", state)
        elif word == "chftn" and state.dest == "":
            self.emit(f"[{self.notes + 1}]", state)
            self.cited = True
        elif word in _SYMBOLS and not state.hidden:
            self.emit(_SYMBOLS[word], state)
        return 0

    def emit(self, text: str, state: _State) -> None:
        if "SPECIAL_IMAGE-" in text:
            text = _CALIBRE_IMAGE.sub("", text)
        if not text:
            return
        if state.dest == "":
            self.para.add(text, state.italic, state.bold)
        elif state.dest.startswith("info-") or state.dest == "footnote":
            self.dest_text.append(text)
        elif state.dest == "stylesheet":
            self.styles[state.style] = self.styles.get(state.style, "") + text

    def close_dest(self, dest: str) -> None:
        text = " ".join(_fix_surrogates("".join(self.dest_text)).split())
        if dest in _INFO_FIELDS and text:
            self.info.setdefault(dest, text)
        elif dest == "footnote" and text:
            self.legends.append(f"[{self.notes}] {text}")
        if dest in _INFO_FIELDS or dest == "footnote":
            self.dest_text = []

    def end_paragraph(self, state: _State) -> None:
        para, self.para = self.para, _Para()
        joined = _fix_surrogates("".join(para.parts))
        level = self.heading_level(state)
        kind = "heading" if level else "paragraph"
        # An empty line inside a paragraph (two \line marks: calibre writes a page's
        # "<br><br>" so) parts it, as a blank line parts plain text's paragraphs; of a
        # heading so parted, the last part is the heading (the lines over it, a page's
        # menu run into its title's paragraph).
        at = 0
        gaps = list(_EMPTY_LINE.finditer(joined))
        if gaps and joined[gaps[-1].end() :].strip() == "":
            gaps.pop()  # an empty line closing the paragraph parts nothing
        for gap in [*gaps, None]:
            kind_here = "paragraph" if gap is not None else kind
            end = gap.start() if gap is not None else len(joined)
            raw = joined[at:end]
            text = raw.strip()
            if text:
                lead = at + len(raw) - len(raw.lstrip())
                spans = [
                    Span(max(s.start - lead, 0), min(s.end - lead, len(text)), s.kind)
                    for s in para.spans
                    if s.end - lead > 0 and s.start - lead < len(text)
                ]
                self.blocks.append(
                    Block(kind_here, text, level=level if kind_here == kind else 0, spans=spans)
                )
            if gap is not None:
                at = gap.end()

    def heading_level(self, state: _State) -> int:
        if 0 <= state.outline <= 8:
            return state.outline + 1
        name = self.styles.get(state.style, "").strip().rstrip(";").strip()
        if name.lower() == "title":
            return 1
        m = _HEADING.match(name)
        return int(m.group(1)) if m else 0


def _fix_surrogates(text: str) -> str:
    """Join UTF-16 surrogate pairs written as two ``\\u`` escapes (emoji, rare CJK)."""
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def read_rtf(data: bytes) -> RawDocument:
    """Read RTF bytes; ReadError when they are not RTF or hold no text."""
    m = _START.match(data[:1024])
    if not m:
        raise ReadError("not an RTF document (no {\\rtf header)")
    text = data[m.end() - 5 :].decode("latin-1")  # from the "{\\rtf", past any BOM
    reader = _Reader(text)
    reader.run()
    blocks = reader.blocks + [Block("paragraph", legend) for legend in reader.legends]
    if not blocks:
        raise ReadError("the document has no text")
    meta: dict[str, Any] = {}
    # Fallbacks only, as DOCX core properties: the text's own title and byline win.
    if reader.info.get("title"):
        meta["fallback_title"] = reader.info["title"]
    author = reader.info.get("author", "")
    if author and author.lower() not in _NO_AUTHOR:
        meta["fallback_authors"] = [author]
    notices = []
    if reader.unclosed:
        notices.append(
            f"the RTF file ends early ({reader.unclosed} groups left open); read to the end"
        )
    return RawDocument(format="rtf", blocks=blocks, metadata=meta, notices=notices)


class RtfReader:
    """Rich Text Format."""

    name = "rtf"
    extensions = (".rtf",)

    def sniff(self, head: bytes, filename: str) -> float:
        """0.95 for bytes that start with ``{\\rtf``; 0 otherwise, whatever the name."""
        return 0.95 if _START.match(head[:1024]) else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Read paragraphs, emphasis, headings and footnotes; ReadError if not RTF."""
        return read_rtf(data)


__all__ = ["RtfReader", "read_rtf"]
