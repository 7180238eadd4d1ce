"""The pages and their JSON twins, through the ASGI test client."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient

from fandex.library import Library
from fandex.web import querystate
from fandex.web.app import create_app


def _q_of(url: str) -> str:
    return parse_qs(urlsplit(url).query).get("q", [""])[0]


def test_listing_shows_blurbs_with_symbols_and_marks_guessed_tags(client: TestClient) -> None:
    html = client.get("/").text
    assert "The Harbour Lantern" in html and "Quill Writer" in html
    # The four squares carry text alternatives, not just colour.
    assert 'class="sq rating-general' in html and "General Audiences</span>" in html
    assert "Complete Work" in html and "Work in Progress" in html
    # A guessed tag looks different and shows its confidence.
    assert re.search(
        r'class="tag guessed"[^>]*title="inferred by relationships, 72% confident"', html
    )
    assert "Possible missing warning" in html and "Major Character Death" in html


def test_listing_json_twin_has_records_facets_and_total(client: TestClient) -> None:
    data = client.get("/works.json").json()
    assert data["total"] == 2
    assert {w["id"] for w in data["works"]} == {"aa11bb22cc33dd44", "ee55ff66aa77bb88"}
    assert ["Harbour Tales", 2] in data["facets"]["fandom"]
    assert client.get("/api/works").json()["total"] == 2


def test_sidebar_links_round_trip_through_the_query_string(client: TestClient) -> None:
    html = client.get("/").text
    include = re.search(r'href="([^"]+)" aria-label="Include relationship Mara/Tomas"', html)
    assert include
    url = include.group(1).replace("&amp;", "&")
    assert _q_of(url) == 'relationship:"Mara/Tomas"'
    filtered = client.get(url)
    assert "The Harbour Lantern" in filtered.text and "Rain &lt;script" not in filtered.text
    exclude = re.search(
        r'href="([^"]+)" aria-label="Exclude warning Graphic Depictions Of Violence"',
        client.get("/").text,
    )
    assert exclude
    q = _q_of(exclude.group(1).replace("&amp;", "&"))
    assert querystate.state(q, "warning", "Graphic Depictions Of Violence") == "exclude"
    listed = client.get("/works.json", params={"q": q}).json()
    assert [w["title"] for w in listed["works"]] == ["The Harbour Lantern"]


def test_active_filter_shows_as_chip_that_removes_it(client: TestClient) -> None:
    html = client.get("/", params={"q": 'lantern -fandom:"Nope"'}).text
    remove = re.search(r'href="([^"]+)" aria-label="Remove filter -fandom:&#34;Nope&#34;"', html)
    assert remove
    assert _q_of(remove.group(1).replace("&amp;", "&")) == "lantern"


def test_malformed_query_gives_one_line_and_400(client: TestClient) -> None:
    page = client.get("/", params={"q": 'title:"unclosed'})
    assert page.status_code == 400
    assert 'role="alert"' in page.text and "Traceback" not in page.text
    api = client.get("/api/works", params={"q": 'title:"unclosed'})
    assert api.status_code == 400
    assert isinstance(api.json()["position"], int)


def test_pagination_keeps_the_query_in_the_url(client: TestClient) -> None:
    html = client.get("/", params={"q": 'fandom:"Harbour Tales"', "per_page": 1}).text
    nxt = re.search(r'rel="next" href="([^"]+)"', html)
    assert nxt
    params = parse_qs(urlsplit(nxt.group(1).replace("&amp;", "&")).query)
    assert params["page"] == ["2"] and params["q"] == ['fandom:"Harbour Tales"']


def test_reader_has_chapter_navigation_notes_footnotes_and_end_notes(client: TestClient) -> None:
    ch1 = client.get("/works/aa11").text
    assert "Chapter 1: Evening" in ch1 and "Chapter 2: Later" not in ch1
    assert 'rel="next" href="/works/aa11bb22cc33dd44?chapter=2"' in ch1
    assert "Written for a prompt about light." in ch1 and "Thanks for reading!" in ch1
    ch2 = client.get("/works/aa11?chapter=2").text
    # The [1] in the text links to its note, and the note links back.
    assert 'id="fnref-1" href="#fn-1"' in ch2
    assert 'id="fn-1"' in ch2 and 'href="#fnref-1"' in ch2
    full = client.get("/works/aa11?view=full").text
    assert "Chapter 1: Evening" in full and "Chapter 2: Later" in full


def test_why_this_tag_highlights_the_evidence_in_the_chapter(client: TestClient) -> None:
    page = client.get("/works/aa11", params={"why": "relationship:Mara/Tomas"}).text
    assert "Why “Mara/Tomas”?" in page
    assert '<mark id="ev-0" tabindex="-1">Mara lit it every evening</mark>' in page
    assert "72% confident" in page
    # The second passage is in chapter 2: a link opens that chapter at the mark.
    assert "chapter=2" in page and "#ev-1" in page
    ch2 = client.get("/works/aa11", params={"why": "relationship:Mara/Tomas", "chapter": 2}).text
    assert '<mark id="ev-1" tabindex="-1">Tomas</mark>' in ch2


def test_work_json_twin_is_the_record_with_text(client: TestClient) -> None:
    record = client.get("/works/aa11.json").json()
    assert record["id"] == "aa11bb22cc33dd44"
    assert record["chapters"][0]["text"].startswith("The lantern hung")
    assert (
        client.get("/api/works/aa11", params={"text": "0"}).json()["chapters"][0].get("text")
        is None
    )


def test_unknown_or_hostile_work_ids_are_404(client: TestClient) -> None:
    for wid in ("ffff", "..%2F..%2Fetc%2Fpasswd", "aa11.json/../x"):
        assert client.get(f"/works/{wid}").status_code == 404
    assert client.get("/api/works/zzz").json()["status"] == 404


def test_export_links_download_from_the_exporters(client: TestClient) -> None:
    page = client.get("/works/aa11").text
    assert 'href="/works/aa11bb22cc33dd44/export/epub"' in page
    epub = client.get("/works/aa11bb22cc33dd44/export/epub")
    assert epub.status_code == 200 and epub.content[:2] == b"PK"
    assert "attachment" in epub.headers["content-disposition"]
    record = client.get("/works/aa11bb22cc33dd44/export/ao3").json()
    assert record["title"] == "The Harbour Lantern"
    assert client.get("/works/aa11bb22cc33dd44/export/exe").status_code == 404


def test_stats_page_has_svg_charts_and_json(client: TestClient) -> None:
    html = client.get("/stats").text
    assert html.count("<svg") >= 2 and "Works by fandom" in html
    data = client.get("/stats.json").json()
    assert data["works"] == 2 and ["2004", 1] in data["years"]


def test_openapi_schema_lists_every_api_route(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    app_paths = {
        r.path.replace(":int", "") for r in client.app.routes if r.path.startswith("/api/")
    }  # type: ignore[attr-defined]
    assert app_paths <= set(doc["paths"])


def test_pages_send_a_strict_content_security_policy(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/../app.py").status_code == 404


def test_public_names_of_the_web_package() -> None:
    import fandex.web

    assert fandex.web.__all__ == ["create_app"]


def test_slow_facets_do_not_hold_the_listing_back(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fandex.web import searching

    searching.clear_facet_cache()
    real = searching.search
    gate = threading.Event()

    def slow_search(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("facets"):
            gate.wait(10)  # the facet count is "slow" until the test lets it finish
        return real(*args, **kwargs)

    monkeypatch.setattr(searching, "search", slow_search)
    app = create_app(lib, upload_dir=tmp_path / "up", facet_wait=0.01)
    with TestClient(app) as c:
        page = c.get("/", params={"q": 'fandom:"Harbour Tales"'}).text
        assert "The Harbour Lantern" in page
        assert 'data-facets-url="/facets?q=fandom' in page and "Counting" in page
        assert "facets=wait" in page  # the no-script way to the counts
        gate.set()
        fragment = c.get("/facets", params={"q": 'fandom:"Harbour Tales"'}).text
        assert "<html" not in fragment
        assert 'aria-label="Include relationship Mara/Tomas"' in fragment
        # Once counted, the listing shows them inline.
        again = c.get("/", params={"q": 'fandom:"Harbour Tales"'}).text
        assert "data-facets-url" not in again and "Include relationship Mara/Tomas" in again
    searching.clear_facet_cache()


def test_facets_json_twin_and_bad_query(client: TestClient) -> None:
    data = client.get("/facets.json", params={"q": "tea"}).json()
    assert data["query"] == "tea" and isinstance(data["groups"], list)
    assert client.get("/api/facets", params={"q": 'title:"x'}).status_code == 400


def test_a_write_drops_cached_facets(client: TestClient) -> None:
    before = client.get("/works.json").json()["facets"]
    assert ["Beacons", 1] not in before.get("freeform", [])
    client.post("/api/works/aa11/tags", json={"type": "freeform", "name": "Beacons",
                                               "decision": "accept"})  # fmt: skip
    after = client.get("/works.json").json()["facets"]
    assert ["Beacons", 1] in after["freeform"]


def test_work_page_says_why_no_warning_is_shown(client: TestClient, lib: Library) -> None:
    # A work with no warning of any kind and a short text says why; one that states a
    # warning, or is flagged for a possible missing one, does not.
    from fandex.model import Chapter, Work
    from fandex.web.render import no_warning

    short = Work(id="0123456789abcdef", title="t", chapters=[Chapter(1, text="They had tea.")])
    assert "too short to be sure none applies" in (no_warning(short) or "")
    lib.save(short)
    page = client.get(f"/works/{short.id}").text
    assert "none inferred" in page and "too short to be sure none applies" in page
    assert "none inferred" not in client.get("/works/ee55ff66aa77bb88").text
    flagged = client.get("/works/aa11bb22cc33dd44").text
    assert "Possible missing warning" in flagged
    assert "none inferred" not in flagged
