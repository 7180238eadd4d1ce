"""A page that is a table of stories (a reader's alerts or favourites, search results:
each row a story's link and its writer's) names stories and holds none; a story that
sets a table of its own, or a page with a row or two of links, is still read."""

from __future__ import annotations

from fandex.clean import clean
from fandex.parse import build_work
from fandex.parse.nonstory import judge
from fandex.read import read_bytes

ROWS = [
    ("Low Water", 101, "Wren", 7, "Harbour Tales"),
    ("Spring Tide", 102, "Sedge", 8, "Harbour Tales"),
    ("The Ferry", 103, "Ila M", 9, "Lighthouse"),
    ("Lamps Unlit", 104, "Wren", 7, "Lighthouse"),
]


def _row(title: str, sid: int, who: str, uid: int, fandom: str) -> str:
    return (
        f"<tr><td><a href='/s/{sid}/1/{title.replace(' ', '-')}'>{title}</a></td>"
        f"<td><a href='/u/{uid}/{who}'>{who}</a></td><td>{fandom}</td>"
        "<td>12-20-2020</td><td><input type=checkbox name=rids[] value=1></td></tr>"
    )


def _verdict(page: str) -> str | None:
    doc = clean(read_bytes(page.encode(), "page.html"))
    return judge(build_work(doc), doc)


def test_a_page_of_story_rows_inside_a_layout_table_is_a_list_of_stories() -> None:
    rows = "".join(_row(*r) for r in ROWS)
    page = (
        "<html><body><table width='100%'><tr><td><ul><li><a href='/alert/story.php'>"
        "Story Alerts</a></li><li><a href='/favorites/story.php'>Favorite Stories</a></li>"
        f"</ul></td><td><form><input name=storyid></form><table>{rows}</table></td></tr>"
        "</table></body></html>"
    )
    assert _verdict(page) == "no story text, looks like a list of stories"


def test_a_story_with_a_table_of_its_own_is_a_story() -> None:
    prose = " ".join(["The ferry came in late over the black water of the harbour."] * 12)
    rows = "".join(_row(*r) for r in ROWS[:2])
    page = f"<html><body><h1>Tide Tables</h1><p>{prose}</p><table>{rows}</table><p>{prose}</p>"
    assert _verdict(page + "</body></html>") is None
