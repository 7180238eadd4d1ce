"""File names from templates: safe, short, collision-free."""

from __future__ import annotations

import pytest

from fandex.errors import ConfigError
from fandex.export.naming import (
    NameAllocator,
    check_template,
    render_name,
    safe_component,
    template_values,
)
from fandex.model import Tag, Work


def name(title: str, template: str = "{author} - {title}", ext: str = "epub") -> str:
    return render_name(template, {"author": "Ann", "title": title}, ext)


def test_template_fills_author_and_title() -> None:
    assert name("Sea Glass") == "Ann - Sea Glass.epub"


@pytest.mark.parametrize(
    "title",
    ["../../etc/passwd", "..\\..\\windows", "/abs/path", "a/../../b", "sub/dir", ".."],
)
def test_titles_never_make_folders_or_climb_out(title: str) -> None:
    out = name(title, template="{title}")
    assert "/" not in out and "\\" not in out
    assert not out.startswith(".")


def test_control_and_bidi_characters_are_removed() -> None:
    out = name("evil\u202egpj\x00.\nexe", template="{title}")
    assert not any(ord(c) < 32 or c == "\u202e" for c in out)


@pytest.mark.parametrize("reserved", ["CON", "nul", "Com1", "LPT9", "aux.txt"])
def test_windows_reserved_names_are_prefixed(reserved: str) -> None:
    assert safe_component(reserved).startswith("_")


def test_long_titles_are_cut_to_a_byte_limit_without_breaking_characters() -> None:
    out = name("é" * 1000, template="{title}")
    assert len(out.encode("utf-8")) <= 200
    out.encode("utf-8").decode("utf-8")  # still valid UTF-8
    assert out.endswith(".epub")


def test_empty_title_gets_a_fallback() -> None:
    assert name("   ", template="{title}") == "untitled.epub"


def test_template_slashes_make_safe_folders() -> None:
    values = {"fandom": "../Harbour", "author": "Ann", "title": "T"}
    assert render_name("{fandom}/{author} - {title}", values, "html") == "_Harbour/Ann - T.html"


def test_extension_in_template_follows_the_format() -> None:
    assert name("T", template="{title}.epub", ext="html") == "T.html"


def test_unknown_template_field_is_a_one_line_error() -> None:
    with pytest.raises(ConfigError, match="unknown field"):
        check_template("{author} - {nope}")
    with pytest.raises(ConfigError):
        check_template("{unclosed")


def test_allocator_avoids_collisions_ignoring_case() -> None:
    names = NameAllocator()
    assert names.reserve("A.epub") == "A.epub"
    assert names.reserve("a.epub") == "a (2).epub"
    assert names.reserve("A.epub") == "A (3).epub"


def test_template_values_come_from_the_work() -> None:
    work = Work(title="T", authors=["X", "Y"], tags=[Tag("fandom", "F")])
    values = template_values(work)
    assert values["author"] == "X, Y" and values["fandom"] == "F"
    assert template_values(Work())["author"] == "Anonymous"
