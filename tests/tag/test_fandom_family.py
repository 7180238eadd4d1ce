"""One canon, several AO3 fandoms: a guess from the text is the family's umbrella, a header
line's words keep the fandom they name, and a stated fandom still wins.

The canon here is invented: "Lantern Street", books with a TV series and a game, in a
user pack written for these tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fandex.errors import ConfigError
from fandex.model import Chapter, Evidence, Tag, Work
from fandex.tag.aliases import alias_index
from fandex.tag.fandom import fandom_tagger, packs_in_scope
from fandex.tag.fandom_family import family_named
from fandex.vocab.packs import dump_pack, find_pack, parse_pack, reset_cache

UMBRELLA = "Lantern Street & Related Fandoms"
BOOKS = "Lantern Street - Wren Calloway"
TV = "Lantern Street (TV)"
GAME = "Lantern Street (Video Game)"

PACK = f"""
schema = 1
fandom = "{BOOKS}"
aliases = ["Lantern Street"]
characters = [
  {{ name = "Ada Finch", gender = "F", aliases = ["Ada"] }},
  {{ name = "Tobias Marrow", gender = "M", aliases = ["Tobias", "Marrow"] }},
  {{ name = "Inspector Quillon", gender = "M", aliases = ["Quillon"] }},
]
places = ["Cinderwick", "the Tallow Bridge"]

[canon]
umbrella = "{UMBRELLA}"
fandoms = ["{BOOKS}", "{TV}", "{GAME}"]

[canon.names]
"{TV}" = ["LST", "Lantern Street TV"]
"""

STORY = (
    "Ada Finch crossed the Tallow Bridge at dusk with Tobias Marrow a step behind. "
    "Quillon was waiting in Cinderwick, by the lamp-maker's door. Ada asked him what he "
    "wanted. Quillon said the lamps had gone out again. Tobias laughed, and Ada told him "
    "to stop. They walked back over the Tallow Bridge to Cinderwick together."
)


@pytest.fixture(autouse=True)
def lantern_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "lantern_street.toml").write_text(PACK, encoding="utf-8")
    monkeypatch.setenv("FANDEX_PACKS", str(folder))
    reset_cache()
    yield
    reset_cache()


def _tagged(text: str = STORY, header: dict[str, str] | None = None) -> Work:
    w = Work(chapters=[Chapter(1, text=text)], header=header or {})
    fandom_tagger(w)
    return w


def test_a_story_of_a_canon_with_several_fandoms_is_guessed_as_its_umbrella() -> None:
    (tag,) = _tagged().tags_of("fandom")
    assert tag.name == UMBRELLA
    assert tag.source == "inferred" and tag.confidence > 0.6
    # The evidence is the canon's own words in the text.
    assert tag.evidence and all(STORY[e.start : e.end] in e.quote for e in tag.evidence)


def test_a_header_line_keeps_the_fandom_it_names() -> None:
    (tag,) = _tagged("Nothing much.", {"Fandom": TV}).tags_of("fandom")
    assert tag.name == TV


def test_a_header_naming_the_canon_but_no_fandom_of_it_is_the_umbrella() -> None:
    # "Lantern Street" is the books, the series and the game alike.
    (tag,) = _tagged("Nothing much.", {"Fandom": "Lantern Street"}).tags_of("fandom")
    assert tag.name == UMBRELLA


def test_a_stated_adaptation_wins_and_no_umbrella_is_guessed_beside_it() -> None:
    w = Work(chapters=[Chapter(1, text=STORY)])
    w.add_tag(Tag("fandom", TV, evidence=[Evidence(field="Fandom", quote=TV)]))
    fandom_tagger(w)
    assert [(t.name, t.source) for t in w.tags_of("fandom")] == [(TV, "stated")]


def test_an_umbrella_puts_its_packs_in_scope() -> None:
    index = alias_index()
    w = Work(chapters=[Chapter(1, text=STORY)])
    w.add_tag(Tag("fandom", UMBRELLA, "inferred", 0.9))
    own, _ = packs_in_scope(w, index)
    pack = find_pack(BOOKS)
    assert pack is not None and index.packs.index(pack) in own


def test_the_family_knows_its_members_and_tells_them_apart() -> None:
    fam = family_named(TV)
    assert fam is not None and fam.umbrella == UMBRELLA
    assert family_named(UMBRELLA) is fam
    assert fam.member(TV) == TV and fam.member(BOOKS) == BOOKS
    assert fam.member("Lantern Street") is None  # names them all
    assert fam.holds(GAME) and fam.holds(UMBRELLA) and fam.holds("Lantern Street")
    assert not fam.holds("Harbour Tales (TV)")
    assert family_named("Harbour Tales (TV)") is None


def test_another_name_of_a_fandom_names_that_fandom() -> None:
    # "LST" is no pack's alias: only the family's [canon.names] knows it.
    fam = family_named("LST")
    assert fam is not None and fam.umbrella == UMBRELLA
    assert fam.member("lst") == TV and fam.holds("Lantern Street TV")
    (tag,) = _tagged("Nothing much.", {"Fandom": "Lantern Street TV"}).tags_of("fandom")
    assert tag.name == TV


def test_a_stated_other_name_is_kept_as_the_fandom_it_names() -> None:
    from fandex.parse.values import resolve_fandom

    assert resolve_fandom("LST") == TV
    assert resolve_fandom("Lantern Street") == BOOKS  # the pack's own short name


def test_canon_round_trips_through_dump_and_parse() -> None:
    import tomllib

    pack = parse_pack(tomllib.loads(PACK))
    again = parse_pack(tomllib.loads(dump_pack(pack)))
    assert again.canon_umbrella == UMBRELLA
    assert again.canon_fandoms == (BOOKS, TV, GAME)
    assert again.canon_names == {TV: ("LST", "Lantern Street TV")}


@pytest.mark.parametrize(
    "canon",
    [
        {"umbrella": UMBRELLA},  # no fandoms
        {"umbrella": "", "fandoms": [TV]},
        {"umbrella": UMBRELLA, "fandoms": [TV, GAME]},  # the pack's own fandom missing
        {"umbrella": UMBRELLA, "fandoms": [BOOKS], "metatag": 1},
        {"umbrella": UMBRELLA, "fandoms": [BOOKS], "names": {"Other (TV)": ["OT"]}},
        {"umbrella": UMBRELLA, "fandoms": [BOOKS, TV], "names": {TV: "LST"}},
    ],
)
def test_a_bad_canon_table_is_refused(canon: dict[str, object]) -> None:
    data = {"fandom": BOOKS, "characters": [{"name": "Ada Finch"}], "canon": canon}
    with pytest.raises(ConfigError):
        parse_pack(data)
