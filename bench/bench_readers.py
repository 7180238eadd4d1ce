"""Reader throughput: MB/s per format on a generated corpus (>= 200 MB by default).

    .venv/bin/python bench/bench_readers.py [--mb 200] [--clean] [--keep DIR]

The corpus is invented text (seeded, reproducible) written into a temporary folder as
plain text (UTF-8, cp1252 with CRLF, hard-wrapped), legacy archive HTML, AO3 HTML, AO3
EPUB, FanFicFare EPUB, DOCX, a saved AO3 work page, ODT and RTF, each taking an equal
share of the bytes on disk. Each file is read with ``read_bytes`` (and ``clean`` with
``--clean``) in one process; the figures are input MB/s (bytes on disk) and text MB/s
(characters of text extracted), per CPU second of this process (``time.process_time``),
so that other work on a shared machine does not skew them.
"""

from __future__ import annotations

import argparse
import html
import io
import random
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fandex.clean import clean  # noqa: E402
from fandex.read import read_bytes  # noqa: E402

WORDS = [
    "the",
    "a",
    "and",
    "of",
    "to",
    "in",
    "she",
    "he",
    "was",
    "it",
    "that",
    "her",
    "his",
    "they",
    "with",
    "on",
    "at",
    "for",
    "as",
    "by",
    "but",
    "not",
    "had",
    "said",
    "looked",
    "back",
    "door",
    "window",
    "light",
    "rain",
    "sea",
    "harbour",
    "morning",
    "night",
    "kettle",
    "letter",
    "road",
    "quiet",
    "long",
    "small",
    "old",
    "cold",
    "warm",
    "slowly",
    "again",
    "before",
    "after",
    "under",
    "across",
    "through",
    "keeper",
    "lamp",
    "storm",
    "boat",
    "village",
    "market",
    "bell",
    "gull",
    "stone",
    "stair",
    "table",
    "chair",
    "book",
    "page",
    "ink",
    "hand",
]


def sentence(rng: random.Random) -> str:
    n = rng.randint(6, 18)
    words = [rng.choice(WORDS) for _ in range(n)]
    s = " ".join(words).capitalize()
    if rng.random() < 0.15:
        return f"\u201c{s},\u201d she said."
    if rng.random() < 0.1:
        return s.replace(" ", "\u2019s ", 1) + "."
    return s + "."


def story(rng: random.Random, target_chars: int) -> list[tuple[str, list[str]]]:
    chapters: list[tuple[str, list[str]]] = []
    size = 0
    while size < target_chars:
        paras = []
        for _ in range(rng.randint(20, 40)):
            p = " ".join(sentence(rng) for _ in range(rng.randint(2, 7)))
            paras.append(p)
            size += len(p)
        chapters.append((f"Part {len(chapters) + 1}", paras))
    return chapters


def wrap(text: str, width: int = 72) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def header(i: int) -> list[str]:
    return [f"Title: Story {i}", "Author: Bench Writer", "Rating: PG-13", "Summary: Generated.", ""]


def as_txt(i: int, chs: list[tuple[str, list[str]]]) -> bytes:
    lines = header(i)
    for name, paras in chs:
        lines += [name, ""] + [x for p in paras for x in (p, "")]
    return "\n".join(lines).encode()


def as_txt_cp1252(i: int, chs: list[tuple[str, list[str]]]) -> bytes:
    return as_txt(i, chs).decode().replace("\n", "\r\n").encode("cp1252")


def as_txt_wrapped(i: int, chs: list[tuple[str, list[str]]]) -> bytes:
    lines = header(i)
    for name, paras in chs:
        lines += [name, ""] + [x for p in paras for x in (wrap(p), "")]
    return "\n".join(lines).encode()


def as_legacy_html(i: int, chs: list[tuple[str, list[str]]]) -> bytes:
    out = [
        "<html><head><title>Story</title></head><body><a href='index.html'>Back</a>",
        f"<p><b>Title:</b> Story {i}<br><b>Author:</b> Bench Writer<br><b>Rating:</b> PG</p>",
    ]
    for name, paras in chs:
        out.append(f"<center><h3>{name}</h3></center>")
        out += [f"<font face='Arial'>{html.escape(p)}</font><br><br>" for p in paras]
    out.append("<div id='footer'>Powered by nothing</div></body></html>")
    return "\n".join(out).encode("utf-8")


def _ao3_parts(i: int, chs: list[tuple[str, list[str]]]) -> tuple[str, list[str], str]:
    preface = (
        '<div id="preface"><p class="message"><b>Story</b> Posted originally on the Archive '
        f'of Our Own at <a href="https://archiveofourown.org/works/{i}">link</a>.</p>'
        '<div class="meta"><dl class="tags"><dt>Rating:</dt><dd><a>Mature</a></dd>'
        "<dt>Fandom:</dt><dd><a>Original Work</a></dd><dt>Additional Tags:</dt><dd><a>Rain"
        "</a>, <a>Sea</a></dd><dt>Stats:</dt><dd>Published: 2020-01-01 Words: 1 Chapters: "
        f'{len(chs)}/{len(chs)}</dd></dl><h1>Story {i}</h1><div class="byline">by '
        '<a rel="author">Bench Writer</a></div><p>Summary</p><blockquote class="userstuff">'
        "<p>Generated.</p></blockquote></div></div>"
    )
    chapters = [
        f'<div class="meta group"><h2 class="heading">Chapter {n}: {name}</h2></div>'
        '<div class="userstuff">' + "".join(f"<p>{html.escape(p)}</p>" for p in paras) + "</div>"
        for n, (name, paras) in enumerate(chs, 1)
    ]
    after = (
        '<div id="afterword"><p>End Notes</p><blockquote class="userstuff"><p>Thanks.</p>'
        "</blockquote></div>"
    )
    return preface, chapters, after


def as_ao3_html(i: int, chs: list[tuple[str, list[str]]]) -> bytes:
    preface, chapters, after = _ao3_parts(i, chs)
    body = preface + '<div id="chapters" class="userstuff">' + "".join(chapters) + "</div>" + after
    head = '<!DOCTYPE html><html><head><meta charset="UTF-8"/></head>'
    return f"{head}<body>{body}</body></html>".encode()


def _epub(pages: list[tuple[str, str]], extra: str = "") -> bytes:
    def xhtml(body: str) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
            f"<head><title>x</title></head><body>{body}</body></html>"
        )

    manifest = "".join(
        f'<item id="p{n}" href="{name}" media-type="application/xhtml+xml"/>'
        for n, (name, _b) in enumerate(pages)
    )
    spine = "".join(f'<itemref idref="p{n}"/>' for n in range(len(pages)))
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Story</dc:title>'
        f"<dc:creator>Bench Writer</dc:creator><dc:language>en</dc:language>{extra}</metadata>"
        f"<manifest>{manifest}</manifest><spine>{spine}</spine></package>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        zf.writestr(
            "META-INF/container.xml",
            '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf"/></rootfiles></container>',
        )
        zf.writestr("OEBPS/content.opf", opf)
        for name, body in pages:
            zf.writestr(f"OEBPS/{name}", xhtml(body))
    return buf.getvalue()


def as_ao3_epub(i: int, chs: list[tuple[str, list[str]]]) -> bytes:
    preface, chapters, after = _ao3_parts(i, chs)
    pages = [("preface.xhtml", preface)]
    pages += [(f"ch{n}.xhtml", c) for n, c in enumerate(chapters)]
    pages.append(("afterword.xhtml", after))
    return _epub(pages, "<dc:subject>Mature</dc:subject>")


def as_fff_epub(i: int, chs: list[tuple[str, list[str]]]) -> bytes:
    title = (
        f'<h3><a href="https://example.org/s/{i}">Story {i}</a> by <a class="authorlink" '
        'href="https://example.org/u/1">Bench Writer</a></h3><div><b>Category:</b> Original'
        "<br/><b>Status:</b> Completed<br/><b>Rating:</b> T<br/><b>Summary:</b> Generated.</div>"
    )
    pages = [("title_page.xhtml", title)]
    for n, (name, paras) in enumerate(chs, 1):
        body = f"<h3>{name}</h3>" + "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        pages.append((f"file{n:04d}.xhtml", body))
    return _epub(pages, "<dc:contributor>FanFicFare</dc:contributor>")


def as_docx(i: int, chs: list[tuple[str, list[str]]]) -> bytes:
    import docx

    d = docx.Document()
    for line in header(i)[:-1]:
        d.add_paragraph(line)
    for name, paras in chs:
        d.add_heading(name, level=2)
        for p in paras:
            d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def as_ao3_page(i: int, chs: list[tuple[str, list[str]]]) -> bytes:
    """An AO3 "Entire Work" page as a browser saves it, chrome around the work."""
    chrome = "".join(f'<li><a href="/menu/{n}">{n}</a></li>' for n in ("Fandoms", "Browse"))
    chapters = "".join(
        f'<div class="chapter" id="chapter-{n}"><div class="chapter preface group">'
        f'<h3 class="title"><a href="/works/{i}/chapters/{n}">Chapter {n}</a>: {name}</h3></div>'
        '<div class="userstuff module"><h3 class="landmark heading">Chapter Text</h3>'
        + "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        + "</div></div>"
        for n, (name, paras) in enumerate(chs, 1)
    )
    page = (
        '<!DOCTYPE html><html><head><meta charset="UTF-8"/><title>Story [Archive of Our Own]'
        f'</title></head><body><div id="header"><ul class="primary navigation">{chrome}</ul>'
        '</div><dl class="work meta group"><dt class="rating tags">Rating:</dt><dd class='
        '"rating tags"><ul class="commas"><li><a class="tag">Mature</a></li></ul></dd>'
        '<dt class="stats">Stats:</dt><dd class="stats"><dl class="stats"><dt>Published:</dt>'
        f"<dd>2020-01-01</dd><dt>Chapters:</dt><dd>{len(chs)}/{len(chs)}</dd></dl></dd></dl>"
        f'<div id="workskin"><div class="preface group"><h2 class="title heading">Story {i}'
        '</h2><h3 class="byline heading"><a rel="author">Bench Writer</a></h3></div>'
        f'<div id="chapters">{chapters}</div></div><div id="feedback"><p class="kudos">'
        "Someone left kudos on this work!</p></div></body></html>"
    )
    return page.encode()


def as_odt(i: int, chs: list[tuple[str, list[str]]]) -> bytes:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    body = "".join(
        f'<text:h text:outline-level="2">{name}</text:h>'
        + "".join(f"<text:p>{html.escape(p)}</text:p>" for p in paras)
        for name, paras in chs
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body>'
        f"<office:text>{body}</office:text></office:body></office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
    return buf.getvalue()


def as_rtf(i: int, chs: list[tuple[str, list[str]]]) -> bytes:
    def esc(text: str) -> str:
        out = text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
        return "".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in out)

    parts = [r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Times;}}{\info{\title Story}}"]
    for name, paras in chs:
        parts.append(rf"\pard\outlinelevel1\b {esc(name)}\b0\par")
        parts += [rf"\pard {esc(p)}\par" for p in paras]
    return ("\n".join(parts) + "}").encode("ascii")


FORMATS: dict[str, tuple[Callable[[int, list[tuple[str, list[str]]]], bytes], str]] = {
    "txt-utf8": (as_txt, ".txt"),
    "txt-cp1252-crlf": (as_txt_cp1252, ".txt"),
    "txt-wrapped": (as_txt_wrapped, ".txt"),
    "html-legacy": (as_legacy_html, ".html"),
    "ao3-html": (as_ao3_html, ".html"),
    "ao3-epub": (as_ao3_epub, ".epub"),
    "fff-epub": (as_fff_epub, ".epub"),
    "docx": (as_docx, ".docx"),
    "ao3-page": (as_ao3_page, ".html"),
    "odt": (as_odt, ".odt"),
    "rtf": (as_rtf, ".rtf"),
}


def generate(folder: Path, total_mb: float) -> dict[str, list[Path]]:
    """Write the corpus; each format gets an equal share of the bytes on disk."""
    rng = random.Random(20261122)
    share = total_mb * 1024 * 1024 / len(FORMATS)
    files: dict[str, list[Path]] = {}
    for fmt, (build, ext) in FORMATS.items():
        (folder / fmt).mkdir()
        written, n = 0, 0
        files[fmt] = []
        while written < share:
            chs = story(rng, rng.randint(30_000, 400_000))
            data = build(n, chs)
            path = folder / fmt / f"story{n:05d}{ext}"
            path.write_bytes(data)
            files[fmt].append(path)
            written += len(data)
            n += 1
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=200.0, help="corpus size on disk, in MB")
    ap.add_argument("--clean", action="store_true", help="also time the clean stage")
    ap.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="fandex-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        files = generate(folder, args.mb)
        disk = sum(p.stat().st_size for fs in files.values() for p in fs)
        print(
            f"corpus: {sum(len(f) for f in files.values())} files, {disk / 1e6:.0f} MB on disk, "
            f"generated in {time.perf_counter() - t0:.0f}s"
        )
        print(f"{'format':18} {'files':>5} {'in MB':>7} {'in MB/s':>8} {'text MB/s':>9}", end="")
        print(f" {'+clean MB/s':>11}" if args.clean else "")
        for fmt, paths in files.items():
            size = chars = 0
            read_s = clean_s = 0.0
            for path in paths:
                data = path.read_bytes()
                size += len(data)
                t = time.process_time()
                doc = read_bytes(data, path.name)
                read_s += time.process_time() - t
                chars += sum(len(b.text) for b in doc.all_blocks())
                if args.clean:
                    t = time.process_time()
                    clean(doc)
                    clean_s += time.process_time() - t
            line = (
                f"{fmt:18} {len(paths):5d} {size / 1e6:7.1f} {size / 1e6 / read_s:8.1f} "
                f"{chars / 1e6 / read_s:9.1f}"
            )
            if args.clean:
                line += f" {size / 1e6 / (read_s + clean_s):11.1f}"
            print(line, flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
