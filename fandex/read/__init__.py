"""The read stage: choose a reader by sniffing content, then read.

Every built-in reader registers through the ``fandex.readers`` entry point, exactly as
a third-party one would. :func:`read_bytes` never lets a reader's surprise escape as
anything but a one-line :class:`~fandex.errors.ReadError`.

Modules, one idea each::

    discover   paths, folders, zips -> Candidates (limits, hidden files, loops)
    safezip    hostile-zip defences shared by discover, epub and docx
    sniff      what bytes really are (magic numbers, zip kinds, HTML-ness)
    encoding   bytes -> text for files that never said their encoding
    unwrap     hard-wrapped plain text -> paragraphs
    emphasis   *stress*, /thought/, <i> in plain text -> spans
    htmltext   any HTML tree -> blocks and spans
    txt        reader: plain text
    html       reader: legacy archive pages, eFiction, FanFiction.net, FanFicFare HTML
    ao3        reader: AO3 downloads (and the AO3 structure inside AO3 EPUBs)
    fff        FanFicFare title-page fields -> metadata
    titlepage  downloaders' title, notes and contents pages (FicHub, AO3 downloaders)
    forum      forum post chrome (threadmarks) in scraped chapters
    sitepage   lookups the site page readers share (classes, <meta>, hidden classes)
    ffn_mobile reader: chapter pages saved from m.fanfiction.net
    royalroad  reader: Royal Road chapter pages
    deviantart deviantART deviation pages, literature read, pictures reported (html reader)
    tth        reader: Twisting the Hellmouth chapter pages
    ffde       FanFiktion.de chapter pages (through the html reader)
    quotev     Quotev story pages (through the html reader)
    ficwad     FicWad story and chapter pages (through the html reader)
    mediaminer MediaMiner story and chapter pages (through the html reader)
    aff        AsianFanfics story and chapter pages (through the html reader)
    ficbook    Ficbook (ficbook.net) story and chapter pages (through the html reader)
    sitefandom a single-fandom archive's fandom from its name or its host
    wattpad    reader: Wattpad story parts
    tumblr     reader: Tumblr posts saved from a blog's page
    readerview reader: pages saved from Firefox's Reader View (the viewer's header left out)
    xenforo    reader: XenForo story threads (SpaceBattles, Sufficient Velocity...)
    ao3_loose  AO3's structure after calibre renamed its classes and split its pages
    ao3_text   an AO3 download that lost its markup (text, Word, RTF made from it)
    ao3_paste  an AO3 work page copied from the browser into a text or a document
    ffn_paste  a FanFiction.net chapter page copied or converted into a text or a document
    menulines  a story page's menu lines over its title, kept by a converter's text
    journal_text a journal entry (Dreamwidth, LiveJournal) converted into a text or document
    epub       reader: AO3, FanFicFare, FicHub, calibre-converted and any other EPUB
    epub_opf   what an EPUB's package file states (title, authors, dates, series)
    epub_site  a web page calibre made a book of (its parts joined), read as the page
    bookshape  a read book's chapters handed on as a text's blocks
    htmlnotes  an e-book's marked footnotes -> [n] marks and footnotes
    mobi       reader: Kindle books (MOBI, AZW3) read through the EPUB reader's pages
    kf8        a KF8 book's pages assembled from their skeletons and fragments
    pdf        reader: PDFs with a text layer (PDFium), AO3's PDF downloads through ao3_text
    pdflayout  a PDF's placed lines -> paragraphs, headings (headers, footers dropped)
    markdown   reader: Markdown (YAML front matter, footnotes)
    docx       reader: Word drafts
    doc        reader: Word 97-2003 .doc files (olefile, the piece table's text)
    ao3page    reader: AO3 work pages saved from a browser (chrome left out)
    odt        reader: OpenDocument text (LibreOffice .odt, flat .fodt)
    rtf        reader: Rich Text Format
    mhtml      reader: pages saved as one file (.mhtml, .mht), read by the page's reader
    webarchive reader: pages Safari saved (.webarchive), read by the page's reader
    fb2        reader: FictionBook 2 e-books (ficbook.net, calibre)
"""

from __future__ import annotations

import re

from fandex.errors import ReadError, UnsupportedFormat
from fandex.plugins import Reader, readers
from fandex.read import ao3_paste, ao3_text, ffn_paste, sniff
from fandex.read.document import Block, RawChapter, RawDocument, Span
from fandex.read.journal_text import unjournal
from fandex.read.limits import split_long_blocks
from fandex.read.marked import NotThisPage
from fandex.read.menulines import drop_menu

__all__ = ["Block", "RawChapter", "RawDocument", "Span", "choose_reader", "read_bytes"]


# Any byte that is not whitespace, a NUL or part of a byte-order mark.
_CONTENT = re.compile(rb"[^ \t\r\n\x00\xef\xbb\xbf\xff\xfe]")


def choose_reader(data: bytes, filename: str) -> Reader:
    """The registered reader most sure the bytes are its format."""
    return _ranked_readers(data, filename)[0]


def _ranked_readers(data: bytes, filename: str) -> list[Reader]:
    """Every registered reader that wants the bytes, the surest first (UnsupportedFormat
    when none does)."""
    head = data[:65536]
    scored = sorted(
        ((_score(r, head, filename), name, r) for name, r in readers().items()),
        key=lambda t: (-t[0], t[1]),
    )
    if not scored or scored[0][0] <= 0.0:
        what = sniff.binary_kind(head)
        if what:
            raise UnsupportedFormat(f"this is {what}, not a story")
        if sniff.zip_kind(data) == "zip":
            raise UnsupportedFormat("a zip archive of files; import it as a folder")
        raise UnsupportedFormat("not a format fandex can read")
    return [r for score, _name, r in scored if score > 0.0]


def _score(reader: Reader, head: bytes, filename: str) -> float:
    try:
        return float(reader.sniff(head, filename))
    except Exception:  # a broken third-party sniff must not stop the others
        return 0.0


def read_bytes(data: bytes, filename: str) -> RawDocument:
    """Read one file's bytes into a document; :class:`ReadError` with a reason if not.

    >>> read_bytes(b"Title: Rain\\n\\nIt rained.", "rain.txt").blocks[1].text
    'It rained.'
    """
    if _CONTENT.search(data) is None:  # (not data.strip(): a copy of the whole file)
        raise ReadError("the file is empty")
    ranked = _ranked_readers(data, filename)
    for reader in ranked[:-1]:
        try:
            return _read_with(reader, data, filename)
        except NotThisPage:
            # A site's page reader found the site's mark but not its page: the next
            # reader (in the end the generic one) reads the file as it is.
            continue
    return _read_with(ranked[-1], data, filename)


def _read_with(reader: Reader, data: bytes, filename: str) -> RawDocument:
    try:
        doc = reader.read(data, filename)
        split_long_blocks(doc)  # whatever the reader, no block of megabytes goes on
        # An AO3 download turned into text, Word or RTF is still an AO3 download, and a
        # work page (AO3's, FanFiction.net's) pasted into one is still the site's page.
        # A story page's menu lines over the title, kept by a converter, are no header.
        doc = ffn_paste.unpaste(ao3_paste.unpaste(ao3_text.unflatten(doc)))
        return drop_menu(unjournal(doc))
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"{reader.name}: the file is nested too deeply to read") from None
    except MemoryError:
        raise ReadError(f"{reader.name}: the file is too large to read in memory") from None
    except Exception as exc:  # one bad file must never stop an import
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise ReadError(
            f"{reader.name} reader failed: {type(exc).__name__}{': ' + detail if detail else ''}"
        ) from None
