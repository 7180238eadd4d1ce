"""Reading state and saved searches in the web UI: badges in the listing, the work
page's panel and resume, the JSON twins, the sidebar's saved searches."""

from __future__ import annotations

from starlette.testclient import TestClient

from fandex.library import Library, reading, searches

from .conftest import csrf_of

LANTERN = "aa11bb22cc33dd44"
RAIN = "ee55ff66aa77bb88"


def test_listing_shows_what_is_read_and_where_the_reader_stopped(
    client: TestClient, lib: Library
) -> None:
    reading.record_position(lib, LANTERN, chapter=2, position=0.25)
    reading.mark(lib, RAIN, "read")
    reading.set_rating(lib, RAIN, 4)
    html = client.get("/").text
    lantern_blurb = html.split(f'id="work-{LANTERN}"')[1].split("</article>")[0]
    assert (
        "stopped in chapter 2" in lantern_blurb and f"/works/{LANTERN}?chapter=2" in lantern_blurb
    )
    rain_blurb = html.split(f'id="work-{RAIN}"')[1].split("</article>")[0]
    assert "✓ Read" in rain_blurb and "★★★★☆" in rain_blurb
    record = client.get("/works.json").json()["works"]
    by_id = {w["id"]: w for w in record}
    assert by_id[LANTERN]["reading"]["chapter"] == 2
    assert by_id[RAIN]["reading"]["status"] == "finished"


def test_the_work_page_opens_where_the_reader_stopped(client: TestClient, lib: Library) -> None:
    reading.record_position(lib, LANTERN, chapter=2, position=0.4)
    html = client.get(f"/works/{LANTERN}").text
    assert 'id="chapter-2"' in html and 'id="chapter-1"' not in html
    assert 'data-resume-chapter="2"' in html and 'data-resume-position="0.4"' in html
    # An explicit chapter still wins.
    assert 'id="chapter-1"' in client.get(f"/works/{LANTERN}?chapter=1").text


def test_reading_api_records_places_marks_ratings_and_notes(client: TestClient) -> None:
    api = f"/api/works/{LANTERN}/reading"
    assert client.get(api).json()["reading"]["status"] == "never"
    r = client.post(api, json={"chapter": 1, "position": 0.5})
    assert r.status_code == 200 and r.json()["reading"]["status"] == "progress"
    r = client.post(api, json={"mark": "toread", "rating": 5, "notes": "lovely", "view": True})
    state = r.json()["reading"]
    assert state["toread"] and state["rating"] == 5 and state["notes"] == "lovely"
    assert state["view_count"] == 1 and state["last_viewed"]
    for bad in ({"mark": "maybe"}, {"chapter": 1, "position": 3}, {"rating": 9}, {}):
        assert client.post(api, json=bad).status_code == 400
    assert (
        client.post("/api/works/ffff0000ffff0000/reading", json={"view": True}).status_code == 404
    )


def test_reading_forms_need_the_csrf_token(client: TestClient, lib: Library) -> None:
    url = f"/works/{LANTERN}/reading"
    assert client.post(url, data={"mark": "read"}).status_code == 403
    r = client.post(url, data={"mark": "read", "csrf": csrf_of(client)}, follow_redirects=False)
    assert r.status_code == 303
    assert reading.get(lib, LANTERN).status == "finished"


def test_saved_searches_are_saved_listed_shown_and_removed(
    client: TestClient, lib: Library
) -> None:
    csrf = csrf_of(client)
    r = client.post(
        "/searches",
        data={"csrf": csrf, "name": "Tales", "q": 'fandom:"Harbour Tales"'},
        follow_redirects=False,
    )
    assert r.status_code == 303
    html = client.get("/").text
    sidebar = html.split('id="saved-h"')[1].split("</section>")[0]
    assert "Tales" in sidebar and "fandom%3A%22Harbour+Tales%22" in sidebar
    assert "Save this search as" in client.get("/?q=rain").text
    listed = client.get("/api/searches").json()["searches"]
    assert [s["name"] for s in listed] == ["Tales"]
    bad = client.post("/api/searches", json={"name": "Broken", "query": "rating:zz"})
    assert bad.status_code == 400 and "unknown rating" in bad.json()["error"]
    gone = client.delete(
        f"/api/searches/{listed[0]['id']}", headers={"content-type": "application/json"}
    )
    assert gone.status_code == 200 and searches.entries(lib) == []
