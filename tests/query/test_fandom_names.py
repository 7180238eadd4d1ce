"""A fandom query finds the forms AO3 gives a fandom's name (and the SQL agrees)."""

from __future__ import annotations

from fandex.model import Chapter, Source, Tag, Work
from fandex.query import Context, default_thresholds, parse

CTX = Context(thresholds=default_thresholds())


def _work(fandom: str) -> Work:
    return Work(
        title="Gulls",
        id="b" * 16,
        chapters=[Chapter(1, text="She counted gulls.")],
        source=Source("/x.txt", "txt", "0" * 64, imported="2026-02-01T10:00:00+00:00"),
        tags=[Tag("fandom", fandom)],
    )


def test_either_side_of_an_ao3_bilingual_name_finds_it() -> None:
    w = _work("Ginga Eiyuu Densetsu | Legend of the Galactic Heroes")
    assert parse('fandom:"Legend of the Galactic Heroes"').match(w, CTX)
    assert parse('fandom:"ginga eiyuu densetsu"').match(w, CTX)
    assert not parse('fandom:"Galactic"').match(w, CTX)


def test_a_short_name_finds_the_related_fandoms_umbrella_and_author_forms() -> None:
    assert parse("fandom:sherlock").match(_work("Sherlock Holmes & Related Fandoms"), CTX)
    assert parse('fandom:"Lighthouse Keepers"').match(
        _work("Lighthouse Keepers - Wren Calloway"), CTX
    )
    assert parse('fandom:"Lighthouse Keepers"').match(_work("Lighthouse Keepers (TV)"), CTX)
    assert not parse('fandom:"Lighthouse"').match(_work("Lighthouse Keepers (TV)"), CTX)


def test_a_filter_on_any_fandom_of_a_canon_family_finds_its_umbrella() -> None:
    # fandex guesses the umbrella for a story of the canon that does not say which of
    # its fandoms it is; a filter on one of them must not hide that story.
    from fandex.tag.fandom_family import families

    fams = families()
    assert fams
    for fam in fams:
        for name in fam.fandoms:
            assert parse(f'fandom:"{name}"').match(_work(fam.umbrella), CTX), name


def test_a_filter_on_an_adaptation_does_not_find_another_of_its_family() -> None:
    assert not parse('fandom:"Elementary (TV)"').match(_work("Sherlock (TV)"), CTX)
    # The pack is named for the books; its TV series and their other names are one
    # fandom each.
    got = _work("Game of Thrones (TV)")
    for q in ("fandom:GoT", 'fandom:"Game of Thrones (TV)"', 'fandom:"game of thrones"'):
        assert parse(q).match(got, CTX), q
        assert not parse(q).match(_work("House of the Dragon (TV)"), CTX), q
    assert parse("fandom:GoT").match(_work("A Song of Ice and Fire & Related Fandoms"), CTX)
    # The pack's own name and the umbrella still find every fandom the pack covers.
    assert parse("fandom:ASOIAF").match(got, CTX)
    assert parse('fandom:"Star Trek"').match(_work("Star Trek: Voyager"), CTX)
    assert not parse("fandom:TOS").match(_work("Star Trek: Voyager"), CTX)
