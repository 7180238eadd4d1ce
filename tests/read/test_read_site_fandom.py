"""A page's fandom said by where it is: an archive that gives each fandom a host of its
own (Adult-FanFiction.org's ``hp.``, ``naruto.``), or a single-fandom archive, names the
story's fandom by the address the page was saved from (``site_hosts.toml``); a stated
fandom wins. The chapter menu a skin marks only by its class names the chapter."""

from __future__ import annotations

from pages import page_bytes, tags, work_of

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.read.sitefandom import host_fandom

PAGE = "adultff_chapter.html"


def _work(data: bytes) -> Work:
    return build_work(clean(read_bytes(data, "page.html")))


def test_a_fandoms_own_host_gives_the_fandom() -> None:
    w = work_of(PAGE)
    assert (w.title, w.authors) == ("Lantern Keeper", ["saltmarsh"])
    assert tags(w, "fandom") == ["Harry Potter - J. K. Rowling"]


def test_the_saved_from_comment_gives_the_address() -> None:
    data = page_bytes(PAGE).replace(b'<link rel="canonical"', b'<link rel="alternate"')
    assert tags(_work(data), "fandom") == []
    saved = b"<!-- saved from url=(0049)http://naruto.adult-fanfiction.org/story.php?no=1 -->\n"
    assert tags(_work(saved + data), "fandom") == ["Naruto"]


def test_a_host_of_many_fandoms_gives_none() -> None:
    data = page_bytes(PAGE).replace(b"//hp.adult", b"//anime.adult")
    assert tags(_work(data), "fandom") == []
    assert host_fandom("https://www.whofic.com/viewstory.php?sid=1") == "Doctor Who"


def test_a_stated_fandom_wins_over_the_host() -> None:
    data = page_bytes(PAGE).replace(
        b"<h1>Lantern Keeper</h1>", b"<h1>Lantern Keeper</h1><p>Fandom: Naruto</p>"
    )
    assert tags(_work(data), "fandom") == ["Naruto"]


def test_a_chapter_menu_marked_by_its_class_names_the_chapter() -> None:
    w = work_of(PAGE)
    assert [c.title for c in w.chapters] == ["Dark"]
    assert w.text.startswith("The keeper climbed")


def test_a_downloads_title_link_gives_the_archives_fandom() -> None:
    """A site's own download heads the story with its title linking to the story's
    page on the archive."""
    page = (
        "<html><head><title>Fog Signal</title></head><body><header><h1>"
        "<a href='https://www.whofic.com/viewstory.php?sid=7'>Fog Signal</a></h1>"
        "<h2>by <a href='https://www.whofic.com/viewuser.php?uid=2'>sedge</a></h2></header>"
        "<p>Three short blasts mean something different in every harbour, she said.</p>"
        "<p>He counted them anyway, as he always had.</p></body></html>"
    )
    assert tags(_work(page.encode()), "fandom") == ["Doctor Who"]
    assert tags(_work(page.replace("whofic.com", "example.org").encode()), "fandom") == []
