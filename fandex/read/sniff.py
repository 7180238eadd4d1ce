"""Content sniffing: what a file really is, whatever its name says.

Readers score files with these helpers so that an image named ``.html`` or an EPUB
named ``.zip`` is recognised by its bytes, not its extension.
"""

from __future__ import annotations

import io
import re
import zipfile

# Magic numbers of formats that are never a story; a file starting with one of these
# gets a clear "this is an image" error instead of a garbled text read.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a program"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"fLaC", "a FLAC file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc), not supported"),
    (b"{\\rtf", "an RTF document, not supported"),
    (b"\x00\x00\x01\x00", "an icon"),
)

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def binary_kind(head: bytes) -> str | None:
    """Describe ``head`` if it starts like a known non-story binary format.

    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n....")
    'a PNG image'
    """
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            # "BM" and "MZ" are also plain words; require a binary byte soon after.
            if len(magic) == 2 and magic in (b"BM", b"MZ") and b"\x00" not in head[:64]:
                continue
            return what
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        return "a WebP image"
    if head[4:8] == b"ftyp":
        return "a video or image container"
    return None


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def zip_kind(data: bytes) -> str | None:
    """``"epub"``, ``"docx"``, ``"odt"``, ``"zip"`` (an archive of files) or None if not
    a zip.

    EPUB announces itself in an uncompressed ``mimetype`` member at the very start
    (the spec requires it); damaged EPUBs that lost it still have META-INF/container.xml.
    """
    if not is_zip(data[:4]):
        return None
    if data[30:58] == b"mimetypeapplication/epub+zip":
        return "epub"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except Exception:  # BadZipFile, NotImplementedError (unknown version), struct.error...
        # Unreadable directory: guess from the local headers in the first bytes.
        head = data[:4096]
        if b"META-INF/container.xml" in head or b"mimetypeapplication/epub" in head:
            return "epub"
        if b"word/" in head:
            return "docx"
        if b"application/vnd.oasis.opendocument.text" in head:
            return "odt"
        return "zip"
    return kind_of_names(names, _epub_mimetype(data))


def kind_of_names(names: set[str], epub_mimetype: bool = False) -> str:
    """``"epub"``, ``"docx"``, ``"odt"`` or ``"zip"`` from a zip's member names."""
    if "META-INF/container.xml" in names or ("mimetype" in names and epub_mimetype):
        return "epub"
    if "word/document.xml" in names:
        return "docx"
    # OpenDocument (LibreOffice): one document, not an archive to unpack; its
    # spreadsheets and slides then fail as one file instead of as a pile of XML parts.
    if "content.xml" in names and ("mimetype" in names or "META-INF/manifest.xml" in names):
        return "odt"
    return "zip"


def _epub_mimetype(data: bytes) -> bool:
    return b"application/epub+zip" in data[:200]


_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.{0,2000}?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|center|font|h[1-6])\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(rb"<(?:p|br|div|b|i|em|font|center|td|a\s+href)\b[^>]{0,300}>", re.I)


def html_score(head: bytes) -> float:
    """How sure we are that ``head`` is HTML: 0.9 when it starts like a page, less when
    it only contains tags (text with a few ``<i>`` in it is still text)."""
    if binary_kind(head) or is_zip(head):
        return 0.0
    sample = _ascii_view(head[:8192])
    if _HTML_START.match(sample):
        return 0.9
    # Text that merely uses <i> for italics is still text: its blank lines are its
    # paragraphs, which an HTML reading would run together. Require block structure.
    tags = _HTML_TAG.findall(sample)
    structure = sum(1 for t in tags if t[1:3].lower() in (b"p>", b"p ", b"br", b"di", b"td"))
    if len(tags) >= 10 and structure >= 5 and _markup_share(sample) >= _MIN_MARKUP_SHARE:
        return 0.6
    return 0.0


# A page's lines nearly all hold tags; a text that quotes a bit of markup (calibre's
# text of an AO3 page keeps its "share" box, a link's code on one line) has them on few.
_MIN_MARKUP_SHARE = 0.1


def _markup_share(sample: bytes) -> float:
    """The share of ``sample``'s non-blank lines that hold a tag."""
    lines = [ln for ln in sample.splitlines() if ln.strip()]
    tagged = sum(1 for ln in lines if _HTML_TAG.search(ln))
    return tagged / max(1, len(lines))


def _ascii_view(head: bytes) -> bytes:
    """UTF-16 text with its NULs removed, so the tag patterns still match it."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[2:].replace(b"\x00", b"")
    return head


def looks_binary(head: bytes) -> bool:
    """True for bytes no text reader should touch (NULs that are not UTF-16/32)."""
    if binary_kind(head) or is_zip(head):
        return True
    sample = head[:4096]
    if b"\x00" not in sample:
        return False
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return utf16_order(sample) is None


def utf16_order(sample: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when ``sample`` looks like BOM-less UTF-16 text:
    NULs on every other byte and printable characters on the rest."""
    if len(sample) < 16:
        return None
    half = len(sample) // 2
    for zeros, chars, name in (
        (sample[1::2], sample[0::2], "utf-16-le"),
        (sample[0::2], sample[1::2], "utf-16-be"),
    ):
        if zeros.count(0) > 0.4 * half and chars.count(0) < 0.05 * half:
            printable = sum(1 for c in chars if 32 <= c < 127 or c in (9, 10, 13))
            if printable > 0.8 * len(chars):
                return name
    return None
