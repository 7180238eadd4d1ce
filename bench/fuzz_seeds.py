"""Valid files of every format fandex reads, for bench/fuzz_import.py to mutate: the
project's own ``examples/`` and small documents built here (plain text in several
encodings, a legacy archive page, an AO3 download page, EPUB, DOCX, ODT, FODT, RTF, MOBI,
PDF, pages saved as MHTML and as a Safari web archive, FB2, and zips of them). The story
text is generated (bench/load_fics.py). Not a bench itself.
"""

from __future__ import annotations

import html
import io
import plistlib
import quopri
import random
import struct
import zipfile
from pathlib import Path

from load_fics import fandoms, fic

ROOT = Path(__file__).resolve().parent.parent


def _story(seed: int) -> tuple[dict[str, str], list[str]]:
    """A generated fic split into its header fields and paragraphs."""
    text = fic(random.Random(seed), seed, fandoms())
    head, _, body = text.partition("\n\n")
    fields = dict(line.split(": ", 1) for line in head.splitlines())
    paras = [p for p in body.split("\n\n") if p.strip()][:60]
    return fields, paras


def legacy_html(seed: int) -> bytes:
    fields, paras = _story(seed)
    head = "".join(f"<b>{k}:</b> {html.escape(v)}<br>\n" for k, v in fields.items())
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        f"<title>{html.escape(fields['Title'])}</title></head><body bgcolor=white>\n"
        f'<center><font size="+2">{html.escape(fields["Title"])}</font></center>\n{head}<hr>\n'
        f"{body}\n<hr><a href='index.html'>Back</a></body></html>"
    ).encode("cp1252", "replace")


def ao3_html(seed: int) -> bytes:
    fields, paras = _story(seed)
    tags = [("Rating", "Teen And Up Audiences"), ("Archive Warning", "No Archive Warnings Apply")]
    tags += [("Fandom", fields["Fandom"]), ("Relationship", fields["Pairing"])]
    dl = "\n".join(
        f'<dt>{k}:</dt><dd><a href="https://archiveofourown.org/tags/x">{html.escape(v)}</a></dd>'
        for k, v in tags
    )
    chapters = "\n".join(
        f'<div class="meta group"><h2 class="heading">Chapter {i + 1}</h2></div>\n'
        '<!--chapter content--><div class="userstuff">\n'
        + "\n".join(f"<p>{html.escape(p)}</p>" for p in paras[i::3])
        + "\n</div><!--/chapter content-->"
        for i in range(3)
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="UTF-8"/>'
        f"<title>{html.escape(fields['Title'])} [Archive of Our Own]</title></head><body>\n"
        '<div id="preface"><p class="message">Posted originally on the '
        '<a href="http://archiveofourown.org/">Archive of Our Own</a>.</p>\n'
        f'<div class="meta"><dl class="tags">{dl}</dl><h1>{html.escape(fields["Title"])}</h1>'
        f'<div class="byline">by <a rel="author" href="x">{fields["Author"]}</a></div>'
        f'<p>Summary</p><blockquote class="userstuff"><p>{html.escape(fields["Summary"])}'
        f'</p></blockquote></div></div>\n<div id="chapters" class="userstuff">{chapters}</div>\n'
        '<div id="afterword"><p class="message">Please drop by the archive and comment.</p>'
        "</div></body></html>"
    ).encode()


def _zip(members: list[tuple[str, bytes]], stored_first: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (name, data) in enumerate(members):
            method = zipfile.ZIP_STORED if stored_first and i == 0 else zipfile.ZIP_DEFLATED
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buf.getvalue()


def epub(seed: int) -> bytes:
    fields, paras = _story(seed)
    title = html.escape(fields["Title"])
    pages = []
    for i in range(3):
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras[i::3])
        pages.append(
            (
                f"OEBPS/ch{i}.xhtml",
                (
                    '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/'
                    f'xhtml"><head><title>{title}</title></head><body><h1>Chapter {i + 1}</h1>'
                    f"{body}</body></html>"
                ).encode(),
            )
        )
    opf = (
        '<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" '
        'version="2.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/'
        f'1.1/"><dc:title>{title}</dc:title><dc:creator>{fields["Author"]}</dc:creator>'
        '<dc:language>en</dc:language><dc:identifier id="id">urn:x:1</dc:identifier>'
        f"<dc:subject>{html.escape(fields['Fandom'])}</dc:subject></metadata><manifest>"
        + "".join(
            f'<item id="c{i}" href="ch{i}.xhtml" media-type="application/xhtml+xml"/>'
            for i in range(3)
        )
        + "</manifest><spine>"
        + "".join(f'<itemref idref="c{i}"/>' for i in range(3))
        + "</spine></package>"
    )
    container = (
        '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:'
        'xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" '
        'media-type="application/oebps-package+xml"/></rootfiles></container>'
    )
    members = [
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", container.encode()),
    ]
    members += [("OEBPS/content.opf", opf.encode()), *pages]
    return _zip(members, stored_first=True)


def docx(seed: int) -> bytes:
    import docx as python_docx

    fields, paras = _story(seed)
    d = python_docx.Document()
    for k, v in fields.items():
        d.add_paragraph(f"{k}: {v}")
    for i, p in enumerate(paras):
        if i % 20 == 0:
            d.add_heading(f"Chapter {i // 20 + 1}", level=2)
        run = d.add_paragraph().add_run(p)
        run.italic = i % 7 == 0
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


_ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)


def _odt_body(seed: int) -> str:
    fields, paras = _story(seed)
    lines = [f"<text:p>{html.escape(k)}: {html.escape(v)}</text:p>" for k, v in fields.items()]
    for i, p in enumerate(paras):
        if i % 20 == 0:
            lines.append(f'<text:h text:outline-level="2">Chapter {i // 20 + 1}</text:h>')
        lines.append(f'<text:p text:style-name="P1">{html.escape(p)}</text:p>')
    styles = (
        '<office:automatic-styles><style:style style:name="P1" style:family="paragraph">'
        '<style:text-properties fo:font-style="italic"/></style:style></office:automatic-styles>'
    )
    return f"{styles}<office:body><office:text>{''.join(lines)}</office:text></office:body>"


def odt(seed: int) -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODT_NS} '
        f'office:version="1.2">{_odt_body(seed)}</office:document-content>'
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
        'names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>'
    )
    return _zip(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.encode()),
            ("META-INF/manifest.xml", manifest.encode()),
        ],
        stored_first=True,
    )


def fodt(seed: int) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document {_ODT_NS} office:version="1.2" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        f"{_odt_body(seed)}</office:document>"
    ).encode()


def rtf(seed: int) -> bytes:
    fields, paras = _story(seed)

    def esc(s: str) -> str:
        out = s.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
        return "".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in out)

    head = "".join(f"{esc(k)}: {esc(v)}\\par\n" for k, v in fields.items())
    body = "".join(
        ("{\\i " + esc(p) + "}" if i % 5 == 0 else esc(p)) + "\\par\n" for i, p in enumerate(paras)
    )
    return (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}"
        "{\\stylesheet{\\s1 heading 1;}}\n" + head + "\\par\n" + body + "}"
    ).encode("ascii")


def _palmdoc_literals(data: bytes) -> bytes:
    """``data`` as PalmDOC's compression writes it with literals only (a valid stream:
    a byte past ASCII goes in a run of one), so fuzzing reaches the decompressor."""
    out = bytearray()
    for b in data:
        out += bytes([b]) if b == 0 or 0x09 <= b <= 0x7F else bytes([1, b])
    return bytes(out)


def mobi(seed: int) -> bytes:
    """A MOBI book as calibre lays it out: a Palm database whose record 0 holds the
    PalmDOC and MOBI headers and the EXTH metadata, then PalmDOC-compressed text."""
    fields, paras = _story(seed)
    pages = "<mbp:pagebreak/>".join(
        f'<p height="1em"><font size="7"><b>Chapter {k + 1}</b></font></p>'
        + "".join(f"<p>{html.escape(p)}</p>" for p in paras[k::2])
        for k in range(2)
    )
    text = f"<html><head><guide></guide></head><body>{pages}</body></html>".encode()
    chunks = [text[i : i + 4096] for i in range(0, len(text), 4096)]
    meta = [(100, fields["Author"].encode()), (503, fields["Title"].encode()), (524, b"en")]
    body = b"".join(struct.pack(">II", k, len(v) + 8) + v for k, v in meta)
    exth = b"EXTH" + struct.pack(">II", len(body) + 12, len(meta)) + body
    name = fields["Title"].encode()
    size = 0xE8
    header = bytearray(size)
    header[0:4] = b"MOBI"
    struct.pack_into(">III", header, 4, size, 2, 65001)
    struct.pack_into(">I", header, 20, 6)
    struct.pack_into(">II", header, 84 - 16, 16 + size + len(exth), len(name))
    struct.pack_into(">I", header, 128 - 16, 0x40)
    palmdoc = struct.pack(">HHIHHHH", 2, 0, len(text), len(chunks), 4096, 0, 0)
    records = [palmdoc + bytes(header) + exth + name + b"\0\0"]
    records += [_palmdoc_literals(c) for c in chunks]
    at = 78 + 8 * len(records) + 2
    table = b""
    for k, rec in enumerate(records):
        table += struct.pack(">IB3s", at, 0, k.to_bytes(3, "big"))
        at += len(rec)
    head = f"book{seed}".encode().ljust(32, b"\0") + bytes(28) + b"BOOKMOBI" + bytes(8)
    return head + struct.pack(">H", len(records)) + table + b"\0\0" + b"".join(records)


def mhtml(seed: int) -> bytes:
    """An AO3 download page saved as one file by a browser (quoted-printable, an image
    part beside it)."""
    boundary = f"----MultipartBoundary--seed{seed}----"
    page = quopri.encodestring(ao3_html(seed))
    return (
        (
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: "
            f"https://archiveofourown.org/works/{seed + 1}\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"'
            f"\r\n\r\n\r\n--{boundary}\r\nContent-Type: text/html\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Location: https://archiveofourown.org/works/{seed + 1}\r\n\r\n"
        ).encode()
        + page
        + (
            f"\r\n--{boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64"
            f"\r\n\r\niVBORw0KGgo=\r\n--{boundary}--\r\n"
        ).encode()
    )


def webarchive(seed: int) -> bytes:
    """An AO3 download page saved by Safari (a binary property list)."""
    main = {
        "WebResourceData": ao3_html(seed),
        "WebResourceMIMEType": "text/html",
        "WebResourceTextEncodingName": "UTF-8",
        "WebResourceURL": f"https://archiveofourown.org/works/{seed + 1}",
    }
    return plistlib.dumps({"WebMainResource": main}, fmt=plistlib.FMT_BINARY)


def fb2(seed: int) -> bytes:
    """A FictionBook: the generated fic's fields as its description, three sections."""
    fields, paras = _story(seed)
    sections = "".join(
        f"<section><title><p>Chapter {i + 1}</p></title>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in paras[i::3])
        + "</section>"
        for i in range(3)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<FictionBook xmlns="http://www.gribuser.ru/'
        'xml/fictionbook/2.0"><description><title-info><genre>fanfiction</genre><author>'
        f"<nickname>{html.escape(fields['Author'])}</nickname></author><book-title>"
        f"{html.escape(fields['Title'])}</book-title><annotation><p>"
        f"{html.escape(fields['Summary'])}</p></annotation><lang>en</lang></title-info>"
        f"</description><body>{sections}</body></FictionBook>"
    ).encode()


def txt(seed: int, encoding: str = "utf-8") -> bytes:
    return fic(random.Random(seed), seed, fandoms()).encode(encoding, "replace")


def pdf(seed: int) -> bytes:
    """A PDF as a converter sets a story: the header fields and the paragraphs wrapped
    at 66 characters of 12-point Courier, pages of 48 lines, a page number at each
    foot, the title and author in the Info dictionary."""
    fields, paras = _story(seed)
    lines = [f"{k}: {v}" for k, v in fields.items()] + [""]
    for para in paras:
        words, line = para.split(), ""
        for word in words:
            if line and len(line) + 1 + len(word) > 66:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines += [line, ""]
    objects = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"]
    kids = []
    for n, start in enumerate(range(0, len(lines), 48), start=1):
        ops = [
            b"BT /F1 12 Tf 72 %d Td (%s) Tj ET" % (720 - 14 * k, _pdf_string(text))
            for k, text in enumerate(lines[start : start + 48])
            if text
        ]
        ops.append(b"BT /F1 9 Tf 300 36 Td (%d) Tj ET" % n)
        stream = b"\n".join(ops)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objects)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    title = _pdf_string(fields.get("Title", "Untitled"))
    author = _pdf_string(fields.get("Author", ""))
    objects.append(b"<< /Title (%s) /Author (%s) >>" % (title, author))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    return bytes(out)


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def seeds() -> list[tuple[str, bytes]]:
    """(file name, bytes) of every seed, in a stable order."""
    out: list[tuple[str, bytes]] = []
    for path in sorted((ROOT / "examples").iterdir()):
        out.append((path.name, path.read_bytes()))
    group: list[tuple[str, bytes]] = []
    for s in range(3):
        group = [
            (f"story{s}.txt", txt(s)),
            (f"story{s}-cp1252.txt", txt(s + 10, "cp1252")),
            (f"story{s}-utf16.txt", txt(s + 20, "utf-16")),
            (f"legacy{s}.html", legacy_html(s)),
            (f"ao3-{s}.html", ao3_html(s)),
            (f"book{s}.epub", epub(s)),
            (f"draft{s}.docx", docx(s)),
            (f"draft{s}.odt", odt(s)),
            (f"draft{s}.fodt", fodt(s)),
            (f"draft{s}.rtf", rtf(s)),
            (f"kindle{s}.mobi", mobi(s)),
            (f"saved{s}.mhtml", mhtml(s)),
            (f"saved{s}.webarchive", webarchive(s)),
            (f"book{s}.fb2", fb2(s)),
            (f"printed{s}.pdf", pdf(s)),
        ]
        out += group
    # The last seed's files zipped, and three of them in a zip inside a zip.
    out.append(("bundle.zip", _zip(group)))
    out.append(("nested.zip", _zip([("inner.zip", _zip(group[:3])), ("a.txt", txt(99))])))
    return out


if __name__ == "__main__":
    print("fuzz_seeds: the valid files bench/fuzz_import.py mutates")
