"""Web pages saved as one MIME file (Chrome's .mhtml, Internet Explorer's .mht): read as
the same page saved as HTML, the address it was saved from kept."""

from __future__ import annotations

from email.encoders import encode_base64, encode_quopri
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from pathlib import Path

import pytest
import storybuilders as sb

from fandex.clean import clean
from fandex.errors import ReadError
from fandex.parse import build_work
from fandex.read import choose_reader, read_bytes
from fandex.read.mhtml import MhtmlReader, looks_mhtml

ENTIRE = Path(__file__).parent / "fixtures" / "ao3_page_entire_work.html"
ADDRESS = "https://archiveofourown.org/works/2000002?view_full_work=true"


def mhtml(
    html: bytes,
    charset: str = "utf-8",
    encoding: str = "quoted-printable",
    address: str | None = ADDRESS,
    saved_by: str = "<Saved by Blink>",
    image_first: bool = True,
) -> bytes:
    """A saved page as a browser writes it: the page's HTML beside an image."""
    message = MIMEMultipart("related", type="text/html")
    message["From"] = saved_by
    message["Subject"] = "A saved page"
    if address:
        message["Snapshot-Content-Location"] = address
    page = MIMEBase("text", "html", charset=charset)
    page.set_payload(html)
    (encode_base64 if encoding == "base64" else encode_quopri)(page)
    if address:
        page["Content-Location"] = address
    image = MIMEBase("image", "png")
    image.set_payload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    encode_base64(image)
    image["Content-Location"] = "https://example.org/logo.png"
    for part in [image, page] if image_first else [page, image]:
        message.attach(part)
    return message.as_bytes()


def test_a_saved_ao3_page_reads_as_the_same_page_saved_as_html() -> None:
    html = ENTIRE.read_bytes()
    data = mhtml(html)
    assert choose_reader(data, "page.mhtml").name == "mhtml"
    assert choose_reader(data, "page.html").name == "mhtml"  # whatever it is called
    saved, page = read_bytes(data, "page.mhtml"), read_bytes(html, "page.html")
    for key in ("title", "authors", "tags", "summary", "notes_begin", "published"):
        assert saved.metadata.get(key) == page.metadata.get(key), key
    assert [c.title for c in saved.chapters] == [c.title for c in page.chapters]
    assert [b.text for c in saved.chapters for b in c.blocks] == [
        b.text for c in page.chapters for b in c.blocks
    ]
    # The page part was found though an image came first, and the address it was saved
    # from is the work's.
    assert str(saved.metadata["url"]).startswith("https://archiveofourown.org/works/2000002")


@pytest.mark.parametrize(
    ("charset", "sentence"),
    [
        ("windows-1252", "The café's lamp stayed lit all night, said the keeper."),
        # Left to a guess, these two came out as Mac Roman and cp1252 letters.
        ("koi8-r", "Смотритель маяка ждал бурю всю ночь."),
        ("windows-1250", "Strážce majáku čekal celou noc."),
    ],
)
def test_an_internet_explorer_archive_in_base64_and_its_own_code_page(
    charset: str, sentence: str
) -> None:
    # A page with no charset of its own, its code page said only by the part's header.
    html = sb.legacy_html().replace(
        b"</body>", f"<p>{sentence}</p>".encode(charset) * 3 + b"</body>"
    )
    data = mhtml(
        html,
        charset=charset,
        encoding="base64",
        address="http://www.example.org/stories/viewstory.php?sid=12",
        saved_by="<Saved by Windows Internet Explorer 8>",
        image_first=False,
    )
    assert looks_mhtml(data[:4096])
    saved = build_work(clean(read_bytes(data, "story.mht")))
    assert saved.title == sb.TITLE and saved.authors == [sb.AUTHOR]
    assert sentence in "\n".join(c.text for c in saved.chapters)


def test_html_or_text_that_mentions_mime_is_not_taken_for_a_saved_page() -> None:
    reader = MhtmlReader()
    assert reader.sniff(sb.legacy_html(), "story.mht") == 0.0
    assert reader.sniff(b"Title: Content-Type: multipart/related\n\nIt rained.", "x.txt") == 0.0
    assert reader.sniff(b"Content-Type: multipart/related; boundary=x\n\n--x\n", "x.eml") == 0.0


@pytest.mark.parametrize(
    "data",
    [
        # No HTML part at all.
        b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n--b\n'
        b"Content-Type: image/png\n\nxx\n--b--\n",
        # An empty page.
        b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n--b\n'
        b"Content-Type: text/html\n\n\n--b--\n",
    ],
)
def test_a_saved_page_without_a_page_is_a_one_line_error(data: bytes) -> None:
    with pytest.raises(ReadError) as err:
        read_bytes(data, "broken.mhtml")
    assert "\n" not in str(err.value) and "MHTML" in str(err.value)


def test_a_saved_page_inside_a_saved_page_is_refused() -> None:
    inner = mhtml(ENTIRE.read_bytes())
    outer = (
        b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n--b\n'
        b"Content-Type: text/html\n\n" + inner + b"\n--b--\n"
    )
    with pytest.raises(ReadError, match="nested"):
        read_bytes(outer, "twice.mhtml")
