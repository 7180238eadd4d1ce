"""A story a downloader wrote out as LaTeX: its \\title and \\author are the work's, each
\\chapter a chapter, TeX's quotes and dashes read as quotes and dashes, a vertical skip
(or a command the preamble defines as one) a scene break; the markup is no text."""

from __future__ import annotations

import pytest

from fandex.clean import clean
from fandex.errors import ReadError
from fandex.parse import build_work
from fandex.read import choose_reader, read_bytes

BOOK = r"""%
% Written out by a downloader.
%
\documentclass[a4paper]{book}
\usepackage[utf8]{inputenc}
\newcommand{\br}{\vspace{10 mm}}
\newcommand{\say}{--- \noindent\emph}
\begin{document}
\title{Lamps Unlit}
\author{Wren Calloway}
\maketitle

\chapter{The Quay}

\say{``Count them again,'' she said.}

Ila counted the lamps along the quay---all but one were lit.

\br
At dawn the dark lamp was lit.

\chapter{``Low'' Water}
The harbour emptied at noon, \emph{as it always did}.

\end{document}
"""


def _work(data: bytes, name: str = "lamps.tex"):  # type: ignore[no-untyped-def]
    return build_work(clean(read_bytes(data, name)))


def test_the_latex_reader_takes_a_tex_file_and_a_latex_document_of_any_name() -> None:
    assert choose_reader(BOOK.encode(), "lamps.tex").name == "latex"
    assert choose_reader(BOOK.encode(), "lamps.txt").name == "latex"
    assert choose_reader(b"Ila counted the lamps.", "notes.tex").name != "latex"


def test_title_author_and_chapters_come_from_the_commands() -> None:
    w = _work(BOOK.encode())
    assert (w.title, w.authors) == ("Lamps Unlit", ["Wren Calloway"])
    assert [c.title for c in w.chapters] == ["The Quay", '"Low" Water']
    assert w.chapters[0].text.startswith('"Count them again," she said.')
    assert w.chapters[1].text.endswith("as it always did.")


def test_quotes_dashes_and_a_skip_command_read_as_a_reader_sees_them() -> None:
    text = _work(BOOK.encode()).chapters[0].text
    assert "quay\u2014all but one" in text
    assert "* * *" in text  # \br, defined as a \vspace, is a scene break
    assert "\\" not in text and "{" not in text and "documentclass" not in text


def test_a_tex_file_without_text_is_a_one_line_error() -> None:
    with pytest.raises(ReadError, match="no text"):
        read_bytes(b"\\documentclass{book}\\begin{document}\\maketitle\\end{document}", "x.tex")


def test_a_converters_latex_keeps_headings_links_and_options_right() -> None:
    """pandoc's shape: a hypertarget around the heading, an option before a heading's
    argument, a link's words kept and its address not."""
    book = (
        "\\documentclass{article}\\begin{document}\n"
        "\\hypertarget{low-water}{%\n\\section[Low]{Low Water}\\label{low-water}}\n\n"
        "Ila read the \\href{https://tides.example.org}{tide tables} twice.\n"
        "\\end{document}\n"
    )
    w = _work(book.encode(), "tides.tex")
    assert [c.title for c in w.chapters] == ["Low Water"]
    assert w.text == "Ila read the tide tables twice."
