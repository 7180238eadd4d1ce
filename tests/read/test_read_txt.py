"""Plain text: line ends, hard-wrapped text, real line breaks, emphasis conventions."""

from __future__ import annotations

import time
from pathlib import Path

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.read.txt import TextReader, read_text

FIXTURES = Path(__file__).parent / "fixtures"


def _texts(data: bytes) -> list[str]:
    return [b.text for b in read_bytes(data, "story.txt").blocks]


def test_crlf_and_cr_line_ends_read_like_lf() -> None:
    lf = b"Title: Rain\n\nFirst paragraph.\n\nSecond paragraph.\n"
    assert _texts(lf.replace(b"\n", b"\r\n")) == _texts(lf)
    assert _texts(lf.replace(b"\n", b"\r")) == _texts(lf)
    assert _texts(lf) == ["Title: Rain", "First paragraph.", "Second paragraph."]


def test_hard_wrapped_paragraphs_are_rejoined() -> None:
    doc = read_bytes((FIXTURES / "hard_wrapped.txt").read_bytes(), "hard_wrapped.txt")
    assert doc.metadata["wrap_width"] == 75
    first = doc.blocks[1].text
    assert "\n" not in first
    assert first.startswith("The ferry left at seven") and first.endswith("against the stones.")
    assert any("rejoined" in n for n in doc.notices)


def test_hard_wrapped_text_keeps_letters_poems_and_headers_apart() -> None:
    blocks = _texts((FIXTURES / "hard_wrapped.txt").read_bytes())
    assert blocks[0] == "Title: Letters from the Coast\nAuthor: M. Harbour"
    assert "Dear Ann,\nWe are all well here.\nThe garden is under snow.\nLove,\nFather" in blocks
    assert "Roses are red,\nthe sea is grey,\nthe ferry is late\nagain today." in blocks


def test_poem_alone_is_not_taken_for_wrapped_text() -> None:
    poem = "\n".join(["The tide comes in across the sand"] * 3 + ["and leaves again"]) + "\n"
    doc = read_bytes(poem.encode(), "poem.txt")
    assert "wrap_width" not in doc.metadata
    assert doc.blocks[0].text.count("\n") == 3


def test_wrapped_text_without_blank_lines_splits_at_short_lines() -> None:
    line = "word " * 14
    text = (
        f"{line}\n{line}\n{line}\nend of the first paragraph.\n"
        f"{line}\n{line}\n{line}\nend of the second paragraph.\n"
    )
    blocks = _texts(text.encode())
    assert len(blocks) == 2
    assert blocks[0].endswith("end of the first paragraph.")


def test_one_paragraph_per_line_becomes_paragraphs() -> None:
    para = "She walked along the shore for a long time, thinking about nothing at all. " * 2
    blocks = _texts(f"{para}\n{para}\n{para}\n".encode())
    assert len(blocks) == 3


def test_emphasis_conventions_become_spans_and_markers_go() -> None:
    text = "He was *very* tired.\n\n//Go away,// she thought.\n\nShe said it _twice_, _slowly_."
    doc = read_bytes(text.encode(), "e.txt")
    assert [b.text for b in doc.blocks] == [
        "He was very tired.",
        "Go away, she thought.",
        "She said it twice, slowly.",
    ]
    spans = [(s.kind, b.text[s.start : s.end]) for b in doc.blocks for s in b.spans]
    assert spans == [("em", "very"), ("thought", "Go away,"), ("em", "twice"), ("em", "slowly")]
    assert set(doc.metadata["conventions"]) == {"*", "//", "_"}


def test_slashes_in_pairings_urls_and_dates_are_not_thoughts() -> None:
    text = "Pairing: Spike/Xander\n\nSee http://example.org/a/b on 1/2/2003 and/or later."
    doc = read_bytes(text.encode(), "p.txt")
    assert doc.blocks[0].text == "Pairing: Spike/Xander"
    assert "http://example.org/a/b" in doc.blocks[1].text
    assert not any(b.spans for b in doc.blocks)


def test_a_lone_slash_pair_is_not_taken_for_a_convention() -> None:
    doc = read_bytes(b"She checked /usr/ once.", "p.txt")
    assert doc.blocks[0].text == "She checked /usr/ once."


def test_scene_break_stars_are_kept() -> None:
    doc = read_bytes(b"One.\n\n* * *\n\nTwo.", "s.txt")
    assert [b.text for b in doc.blocks] == ["One.", "* * *", "Two."]


def test_ten_megabytes_on_one_line_reads_quickly() -> None:
    data = (b"word and more words here " * 4000 + b"*so* ")[:] * 84
    start = time.monotonic()
    doc = read_bytes(data, "long.txt")
    assert time.monotonic() - start < 20
    from fandex.read.limits import MAX_BLOCK_CHARS

    # Read whole, in blocks no later stage has to split into millions of words at once.
    assert all(0 < len(b.text) <= MAX_BLOCK_CHARS for b in doc.blocks)
    assert sum(len(b.text) for b in doc.blocks) > 8_000_000


def test_binary_bytes_are_not_text() -> None:
    assert TextReader().sniff(b"\x00\x01\x02\x03binary\x00\x00\x10", "x.txt") == 0.0


def test_bomless_utf16_is_text() -> None:
    data = "Title: Rain\n\nIt rained.".encode("utf-16-le")
    assert [b.text for b in read_bytes(data, "r.txt").blocks] == ["Title: Rain", "It rained."]


def test_html_emphasis_tags_in_plain_text_become_spans() -> None:
    doc = read_bytes(b"She was <i>so</i> tired and <B>very</B> cross, 3 < 4.", "t.txt")
    block = doc.blocks[0]
    assert block.text == "She was so tired and very cross, 3 < 4."
    assert [(s.kind, block.text[s.start : s.end]) for s in block.spans] == [
        ("em", "so"),
        ("strong", "very"),
    ]


def test_a_fanficfare_text_download_reads_its_markdown_marks_as_a_reader_sees_them() -> None:
    text = (
        "Harbour Tales\n\nby Wren Calloway\n\n\n\nStatus: Completed\nRating: Teen\n\n\n\n"
        "TABLE OF CONTENTS\n\n\nChapter 1, The Ford\n\nChapter 2, The Bank\n\n\n\n"
        "        Chapter 1, The Ford\n\n\n### The Ford\n\n"
        "Ila said **no** twice and _meant_ it, then _left_ the ford.\n\n\n\n"
        "        Chapter 2, The Bank\n\n\n"
        "She climbed the **bank** in the dark.\n\n\n\nEnd file.\n"
    )
    w = build_work(clean(read_bytes(text.encode(), "harbour.txt")))
    assert [c.title for c in w.chapters] == ["Chapter 1, The Ford", "Chapter 2, The Bank"]
    first = w.chapters[0].text
    assert first.startswith("The Ford\n\nIla said no twice and meant it")
    assert "*" not in first and "#" not in first
    assert w.chapters[1].text == "She climbed the bank in the dark."
    assert w.status == "complete"


def test_a_lone_hash_line_stays_text() -> None:
    w = build_work(clean(read_bytes(b"# of days at sea: nine.\n\nIla rowed home.", "log.txt")))
    assert w.chapters[0].text.startswith("# of days at sea: nine.")


CONVERTER_CONTENTS = (
    "Table of Contents:\n\n* Title Page\n\n* The Ford\n\n\n\n\n\n"
    "The Ford by Wren Calloway\n\n\nRating: General Audiences\n\n"
    "Summary: A ferry that does not run.\n\n\n\n\n\n"
    "The ferry did not run that week; the river was too high for the rope.\n\n"
    "Ila waited on the bank with her pack and counted the boats that passed.\n"
)


def test_a_converters_contents_list_over_the_title_is_dropped() -> None:
    # calibre's TXT output with its inline contents: the list, a wide gap, the book.
    doc = read_bytes(CONVERTER_CONTENTS.encode(), "book.txt")
    assert doc.blocks[0].text == "The Ford by Wren Calloway"
    w = build_work(clean(doc))
    assert (w.title, w.authors, w.summary) == (
        "The Ford",
        ["Wren Calloway"],
        "A ferry that does not run.",
    )
    assert not w.notes_begin


def test_a_contents_list_with_no_gap_after_it_stays() -> None:
    # Without the converter's wide gap the list is left to the parser's contents rule.
    text = CONVERTER_CONTENTS.replace("\n\n\n\n\n\n", "\n\n")
    assert _texts(text.encode())[0].startswith("Table of Contents:")


def test_a_short_hard_wrapped_text_is_rejoined() -> None:
    # Two paragraphs, one wrapped line each: too few lines to count, but each break
    # is one a wrapper had to make.
    text = (
        "Title: Rain\n\n"
        "The rain came down on the roofs of the town all through the night,\n"
        "and in the morning the streets were full of water and leaves.\n\n"
        "Ada walked to the bakery anyway, because the bread would not wait\n"
        "for the weather, and neither would her mother.\n"
    )
    texts = _texts(text.encode())
    assert texts[1].startswith(
        "The rain came down on the roofs of the town all through the night, and"
    )
    assert texts[2].endswith("would not wait for the weather, and neither would her mother.")


def test_short_lines_kept_on_purpose_stay_in_a_short_text() -> None:
    # Sentences one a line, of uneven length: no wrapper broke them.
    text = (
        "She opened the door and let the cold air into the narrow hall.\n"
        "Nobody was there.\n"
        "The lane was empty all the way down to the harbour wall and the boats.\n"
    )
    assert _texts(text.encode()) == [text.strip()]


def test_a_labelled_header_does_not_hide_that_the_story_is_wrapped() -> None:
    # A mailing-list header: many short labelled lines, one long wrapped summary.
    header = "\n".join(
        f"{k}: {v}"
        for k, v in [
            ("TITLE", "Rain"),
            ("AUTHOR", "Ada"),
            ("RATING", "PG"),
            ("SPOILERS", "none"),
            ("ARCHIVE", "yes"),
            ("KEYWORDS", "weather"),
        ]
    )
    header += "\nSUMMARY: The rain comes down on the roofs of the town all through the\nnight."
    para = (
        "The rain came down on the roofs of the town all through the night,\n"
        "and in the morning the streets were full of water and leaves, and\n"
        "Ada walked to the bakery anyway.\n"
    )
    texts = _texts(f"{header}\n\n{para}\n{para}".encode())
    assert "\n" not in texts[1]


def test_a_line_broken_mid_sentence_a_little_short_of_the_width_is_rejoined() -> None:
    # "and after a" stops a few columns short: the next word would have fitted, but
    # the sentence runs on in lower case.
    para = (
        "The corridor outside the ward was painted a pale green colour that\n"
        "somebody had once thought calming, and she sat there after a\n"
        "while with the cup cold in her hands and the rain on the window.\n"
    )
    other = (
        "Mulder came around the corner with two paper cups and held one out\n"
        "to her without a word, and she took it because it was easier than\n"
        "refusing him again.\n"
    )
    texts = _texts(f"{para}\n{other}".encode())
    assert "after a while with" in texts[0]


_WRAPPED_PARA = (
    "The keeper climbed the stairs again at dusk and trimmed the wick, and\n"
    "the light went out across the water to the boats still coming home\n"
    "against the wind, one after another, until the harbour was full.\n"
)


def test_title_lines_over_wrapped_prose_are_headings() -> None:
    # pandoc's plain output: a heading is a line of its own, the prose wrapped at 72.
    text = "\n".join(
        f"{name}\n\n{_WRAPPED_PARA}\n{_WRAPPED_PARA}" for name in ("The First Night", "Low Tide")
    )
    doc = read_bytes(text.encode(), "book.txt")
    assert [(b.kind, b.text) for b in doc.blocks if b.kind == "heading"] == [
        ("heading", "The First Night"),
        ("heading", "Low Tide"),
    ]
    w = build_work(clean(doc))
    assert [c.title for c in w.chapters] == ["The First Night", "Low Tide"]


def test_short_lines_of_dialogue_or_a_lone_line_are_no_headings() -> None:
    said = "\n".join(f'"{line}"\n\n{_WRAPPED_PARA}' for line in ("Not yet", "Go on then"))
    lone = f"Three days later\n\n{_WRAPPED_PARA}\n{_WRAPPED_PARA}"
    for text in (said, lone):
        assert all(b.kind == "paragraph" for b in read_bytes(text.encode(), "a.txt").blocks)


def test_rtf_paragraph_marks_left_in_a_text_are_taken_off() -> None:
    text = "She walked to the harbour.\\par\n\\par\nNobody came.\\par\n\\par\nShe went home.\\par\n"
    assert _texts(text.encode()) == ["She walked to the harbour.", "Nobody came.", "She went home."]


def test_a_lone_backslash_word_in_a_text_stays() -> None:
    text = "The code read C:\\par on the screen.\n\nNobody came.\n"
    assert _texts(text.encode())[0] == "The code read C:\\par on the screen."


def test_a_title_printed_again_under_its_title_page_is_read_once() -> None:
    # calibre's TXT of a pandoc EPUB: the title page, then the text's own title.
    text = (
        "The Ford\n\n\nWren Calloway\n\n\n\n\n\nThe Ford\n\n\nRating: General Audiences\n\n"
        "The ferry did not run that week; the river was too high for the rope.\n"
    )
    w = build_work(clean(read_bytes(text.encode(), "book.txt")))
    assert (w.title, w.authors) == ("The Ford", ["Wren Calloway"])
    assert not w.notes_begin
    assert any(t.type == "rating" for t in w.tags)


def test_a_line_said_twice_in_the_story_stays() -> None:
    texts = _texts(b"Run.\n\nShe ran.\n\nRun.\n\nAnd she did, down to the boats.\n")
    assert texts == ["Run.", "She ran.", "Run.", "And she did, down to the boats."]


def test_bulleted_lines_a_blank_line_apart_are_one_list() -> None:
    # calibre's text writes a list's items (and lines broken by <br>) a blank line
    # apart; a scene break's "* * *" and a lone bulleted line stay as they are.
    doc = read_text(
        "Notes\n\n* maps of the coast;\n\n* a tide table;\n\n* the keeper's log.\n\n"
        "The ferry left at six.\n\n* * *\n\n* one more thing\n\nShe slept."
    )
    assert [b.text for b in doc.blocks] == [
        "Notes",
        "* maps of the coast;\n* a tide table;\n* the keeper's log.",
        "The ferry left at six.",
        "* * *",
        "* one more thing",
        "She slept.",
    ]
