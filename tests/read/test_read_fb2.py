"""FictionBook 2 e-books (ficbook.net, stories.everypony.ru, calibre): the book's stated
metadata, one chapter per section, emphasis, epigraphs and footnotes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import storybuilders as sb

from fandex.clean import clean
from fandex.errors import ReadError
from fandex.importer import ImportSession
from fandex.library import Library
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import choose_reader, read_bytes
from fandex.read.fb2 import Fb2Reader

# Written for this test: a short invented story, in Russian as such books mostly are.
BOOK = """<?xml version="1.0" encoding="windows-1251"?>
<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0"
 xmlns:l="http://www.w3.org/1999/xlink">
<description><title-info><genre>fanfiction</genre>
<author><nickname>Лесная_Сова</nickname></author>
<book-title>Маяк на краю света</book-title>
<annotation><p>Смотритель маяка ждёт бурю.</p><p>Гость уходит утром.</p></annotation>
<keywords>Повседневность, Дружба</keywords>
<date value="2021-03-04">4 марта 2021</date>
<lang>ru</lang>
<sequence name="Морские истории" number="2"/>
</title-info>
<document-info><author><nickname>ficbook</nickname></author></document-info>
</description>
<body><title><p>Маяк на краю света</p></title>
<section><title><p>Глава 1. Буря</p></title>
<epigraph><p>Море помнит всё.</p></epigraph>
<p>Ветер пришёл с запада, и Мара <emphasis>снова</emphasis> поднялась к лампе.<a
 l:href="#n1" type="note">1</a></p>
<empty-line/>
<p>Она проверила фитиль и стекло, а потом долго смотрела на воду.</p>
</section>
<section><title><p>Глава 2. Утро</p></title>
<p>Утром море было тихим, и гость ушёл по берегу к деревне.</p>
</section>
</body>
<body name="notes"><section id="n1"><title><p>1</p></title>
<p>Фитиль меняли каждую неделю.</p></section></body>
<binary id="cover.jpg" content-type="image/jpeg">/9j/4AAQ</binary>
</FictionBook>"""


def _work(data: bytes, name: str = "book.fb2") -> Work:
    return build_work(clean(read_bytes(data, name)))


def test_the_books_own_description_and_one_chapter_per_section() -> None:
    data = BOOK.encode("cp1251")  # its declaration names the code page
    assert choose_reader(data, "book.fb2").name == "fb2"
    assert choose_reader(data, "book.xml").name == "fb2"  # whatever it is called
    work = _work(data)
    assert work.title == "Маяк на краю света" and work.authors == ["Лесная_Сова"]
    assert work.summary == "Смотритель маяка ждёт бурю.\n\nГость уходит утром."
    assert (work.language, work.published) == ("ru", "2021-03-04")
    assert [s.name for s in work.series] == ["Морские истории"]
    assert [(t.type, t.name, t.source) for t in work.tags] == [
        ("freeform", "Повседневность", "stated"),
        ("freeform", "Дружба", "stated"),
    ]
    assert [c.title for c in work.chapters] == ["Глава 1. Буря", "Глава 2. Утро"]
    first = work.chapters[0].text
    assert first.startswith("Море помнит всё.") and "Мара снова поднялась к лампе.[1]" in first
    assert [(f.mark, f.text) for f in work.footnotes] == [("1", "Фитиль меняли каждую неделю.")]
    # Nothing of the notes body, the document-info or the cover picture in the text.
    text = "\n".join(c.text for c in work.chapters)
    assert "ficbook" not in text and "9j" not in text and "Фитиль меняли" not in text


def test_emphasis_stays_a_span() -> None:
    doc = read_bytes(BOOK.encode("utf-8").replace(b"windows-1251", b"utf-8"), "book.fb2")
    block = next(b for c in doc.chapters for b in c.blocks if "снова" in b.text)
    (span,) = [s for s in block.spans if s.kind == "em"]
    assert block.text[span.start : span.end] == "снова"


def test_a_converters_book_of_one_section_is_read_as_its_text() -> None:
    # calibre's FB2 of a download: "Unknown" in the description, AO3's preface flattened
    # into the one section. The preface's tags and the byline are read as from the text.
    preface = (
        "<p>The Lighthouse Keeper</p><p>Posted originally on the Archive of Our Own at "
        "https://archiveofourown.org/works/1.</p><p>Rating: General Audiences Archive "
        "Warning: No Archive Warnings Apply Fandom: Original Work</p><p>by Quill Writer</p>"
    )
    story = "".join(f"<p>{p}</p>" for _t, paras in sb.CHAPTERS for p in paras)
    book = (
        '<?xml version="1.0" encoding="UTF-8"?><FictionBook xmlns="http://www.gribuser.ru/'
        'xml/fictionbook/2.0"><description><title-info><author><first-name></first-name>'
        "<last-name>Unknown</last-name></author><book-title>The Lighthouse Keeper - Quill "
        "Writer - Original Work</book-title><lang>en</lang></title-info></description>"
        f"<body><section>{preface}{story}</section></body></FictionBook>"
    ).encode()
    work = _work(book)
    assert work.title == "The Lighthouse Keeper" and work.authors == ["Quill Writer"]
    assert ("rating", "General Audiences") in [(t.type, t.name) for t in work.tags]
    assert "Posted originally" not in "".join(c.text for c in work.chapters)


def test_not_taken_for_html_and_broken_books_fail_in_one_line() -> None:
    assert Fb2Reader().sniff(sb.legacy_html(), "story.fb2") == 0.0
    for data in (
        b'<?xml version="1.0"?><FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0">',
        b'<?xml version="1.0"?><FictionBook><description/></FictionBook>',
    ):
        with pytest.raises(ReadError) as err:
            read_bytes(data, "broken.fb2")
        assert "\n" not in str(err.value)


def test_a_zipped_book_imports(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mayak.fb2", BOOK.encode("cp1251"))
    (tmp_path / "mayak.fb2.zip").write_bytes(buf.getvalue())
    lib = Library.open(tmp_path / "lib.db")
    report = ImportSession(lib).run([tmp_path / "mayak.fb2.zip"])
    assert not report.failed
    (work_id,) = lib.ids()
    assert lib.get(work_id).title == "Маяк на краю света"  # type: ignore[union-attr]


def test_an_entity_the_parser_does_not_expand_is_left_out_not_a_failure() -> None:
    # No DTD is read: a declared entity stays a node of its own, which a fuzzed book
    # put inside a paragraph (ValueError before: "Input object is not an XML element").
    book = (
        b'<?xml version="1.0"?><!DOCTYPE b [<!ENTITY name "Mara">]><FictionBook '
        b'xmlns="http://www.gribuser.ru/xml/fictionbook/2.0"><body><section><p>Then &name; '
        b"rowed out.</p><p>She came back at dusk.</p></section></body></FictionBook>"
    )
    work = _work(book)
    assert "Then rowed out." in work.chapters[0].text
