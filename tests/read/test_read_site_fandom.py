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


def test_singlefiles_header_gives_the_address() -> None:
    """The SingleFile extension keeps a page whole in one file and says where it came
    from in a comment of its own at the top: 'Page saved with SingleFile / url: ...'."""
    data = page_bytes(PAGE).replace(b'<link rel="canonical"', b'<link rel="alternate"')
    header = (
        b"<!--\n Page saved with SingleFile \n url: http://naruto.adult-fanfiction.org/"
        b"story.php?no=1 \n saved date: Sat Mar 02 2024 10:12:40 GMT+0100\n-->"
    )
    saved = data.replace(b"<head>", header + b"<head>", 1)
    assert header in saved
    assert tags(_work(saved), "fandom") == ["Naruto"]


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


def test_the_chapter_link_to_the_pages_own_address_names_the_chapter() -> None:
    """Adult-FanFiction.org's older skin lists the chapters as links ("1-Dusk", "2-Dark")
    in a dropdown, none marked: the one linking the address the page was saved from is
    the page's chapter."""
    page = (
        "<!-- saved from url=(0060)"
        "http://hp.adult-fanfiction.org/story.php?no=600123&chapter=2 -->\n"
        "<html><head><title>Story: Lantern Keeper</title></head><body><table><tr><td>"
        "<h2><a href='story.php?no=600123'>Lantern Keeper</a></h2>"
        "<div>by <a href='profile.php?no=4455'>saltmarsh</a></div>"
        "<div class='dropdown'><button class='dropbtn'>Chapters</button>"
        "<div class='dropdown-content'><a href='story.php?no=600123&amp;chapter=1'>1-Dusk</a>"
        "<a href='story.php?no=600123&amp;chapter=2'>2-Dark</a></div></div></td></tr>"
        "<tr><td><p>The keeper climbed the stair at dusk with a can of oil.</p>"
        "<p>Below him the harbour filled with the small boats coming home.</p></td></tr>"
        "</table></body></html>"
    )
    w = _work(page.encode())
    assert [c.title for c in w.chapters] == ["Dark"]
    assert tags(w, "fandom") == ["Harry Potter - J. K. Rowling"]
    unsaid = _work(page.split("\n", 1)[1].encode())  # no address: no chapter named
    assert [c.title for c in unsaid.chapters] == [None]
    singlefile = page.replace(
        "<!-- saved from url=(0060)",
        "<html><!--\n Page saved with SingleFile \n url: ",
    ).replace(" -->\n<html>", " \n saved date: Sat Mar 02 2024\n-->")
    assert [c.title for c in _work(singlefile.encode()).chapters] == ["Dark"]
