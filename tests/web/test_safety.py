"""Untrusted fic HTML, tokens, CSRF, upload limits and paths."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from fandex.library import Library
from fandex.web.app import create_app
from fandex.web.imports import safe_filename
from fandex.web.security import sanitize_html

from .conftest import csrf_of

HOSTILE = [
    ("<script>alert(1)</script><p>ok</p>", "<script"),
    ('<p onclick="alert(1)" onmouseover="x()">ok</p>', "onclick"),
    ('<a href="javascript:alert(1)">ok</a>', "javascript:"),
    ('<a href="JaVaScRiPt:alert(1)">ok</a>', "alert"),
    ('<a href="data:text/html,<script>x</script>">ok</a>', "data:"),
    ("<style>body{display:none}</style><p>ok</p>", "<style"),
    ('<p style="position:fixed">ok</p>', "style="),
    ('<iframe src="https://example.com"></iframe><p>ok</p>', "<iframe"),
    ('<svg onload="alert(1)"><animate onbegin="alert(2)"/></svg><p>ok</p>', "<svg"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "javascript"),
    ('<img src=x onerror="alert(1)"><p>ok</p>', "onerror"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "onerror"),
    ('<form action="https://evil.example"><input name="q"></form>', "<form"),
    ('<object data="x.swf"></object><embed src="x">', "<object"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta"),
    ('<base href="https://evil.example/">', "<base"),
]


@pytest.mark.parametrize(("html", "forbidden"), HOSTILE)
def test_sanitizer_strips_active_content(html: str, forbidden: str) -> None:
    assert forbidden.lower() not in sanitize_html(html).lower()


def test_sanitizer_keeps_the_story() -> None:
    out = sanitize_html('<p><em>Hi</em> <a href="https://example.org/">there</a></p>')
    assert "<em>Hi</em>" in out and 'href="https://example.org/"' in out
    assert "noopener" in out


def test_reader_shows_sanitized_html_and_escaped_titles(client: TestClient) -> None:
    html = client.get("/works/ee55").text
    assert "<p>It rained.</p>" in html and "They waited under the awning." in html
    for bad in ("alert(2)", "javascript:", "onerror", "onclick", "<iframe", "onbegin"):
        assert bad not in html
    assert "<script>alert(1)</script>" not in html
    assert "Rain &lt;script&gt;alert(1)&lt;/script&gt;" in html
    listing = client.get("/").text
    assert "<script>alert(1)" not in listing


def test_json_twin_sanitizes_chapter_html(client: TestClient) -> None:
    record = client.get("/api/works/ee55").json()
    assert "<script" not in record["chapters"][0]["html"]


def _decide(client: TestClient, **extra: str) -> int:
    data = {"work_id": "aa11", "type": "freeform", "name": "Lanterns", "decision": "accept"}
    resp = client.post("/review/decide", data={**data, **extra}, follow_redirects=False)
    return resp.status_code


def test_forms_need_the_csrf_token(client: TestClient) -> None:
    client.get("/")
    assert _decide(client) == 403
    assert _decide(client, csrf="wrong-token-value-xxxxxxxx") == 403
    assert _decide(client, csrf=csrf_of(client)) == 303


def test_cross_origin_writes_are_refused(client: TestClient) -> None:
    token = csrf_of(client)
    resp = client.post(
        "/review/decide",
        data={"csrf": token, "work_id": "aa11", "type": "freeform", "name": "Lanterns",
              "decision": "accept"},
        headers={"origin": "https://evil.example"},
    )  # fmt: skip
    assert resp.status_code == 403


def test_plain_text_posts_are_refused(client: TestClient) -> None:
    resp = client.post(
        "/api/works/aa11/tags", content=b"{}", headers={"content-type": "text/plain"}
    )
    assert resp.status_code == 403


def test_non_loopback_server_needs_its_token_for_writes(lib: Library, tmp_path: Path) -> None:
    app = create_app(lib, token="s3cret-token", upload_dir=tmp_path / "up")
    body = {"type": "freeform", "name": "Lanterns", "decision": "accept"}
    with TestClient(app, base_url="http://192.0.2.10:8000") as c:
        assert c.get("/").status_code == 200  # reading needs no token
        assert "Read-only" in c.get("/").text
        assert c.post("/api/works/aa11/tags", json=body).status_code == 403
        wrong = {"authorization": "Bearer nope"}
        assert c.post("/api/works/aa11/tags", json=body, headers=wrong).status_code == 403
        assert c.delete("/api/works/aa11").status_code == 403
        ok = c.post(
            "/api/works/aa11/tags", json=body, headers={"authorization": "Bearer s3cret-token"}
        )
        assert ok.status_code == 200 and ok.json()["tag"]["source"] == "user"


def test_token_link_sets_a_cookie_and_drops_the_token_from_the_url(
    lib: Library, tmp_path: Path
) -> None:
    app = create_app(lib, token="s3cret-token", upload_dir=tmp_path / "up")
    with TestClient(app, base_url="http://192.0.2.10:8000", follow_redirects=False) as c:
        bad = c.get("/?token=guess")
        assert "fandex_token" not in bad.cookies
        resp = c.get("/review?token=s3cret-token&tagger=x")
        assert resp.status_code == 303 and resp.headers["location"] == "/review?tagger=x"
        assert c.cookies.get("fandex_token") == "s3cret-token"
        page = c.get("/")
        assert "Read-only" not in page.text
        csrf = c.cookies.get("fandex_csrf")
        assert csrf
        resp = c.post("/blocklist", data={"csrf": csrf, "query": 'fandom:"Nope"'})
        assert resp.status_code == 303


def test_uploads_over_the_limit_are_refused_before_reading(lib: Library, tmp_path: Path) -> None:
    app = create_app(lib, max_upload_bytes=2000, upload_dir=tmp_path / "up")
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        csrf = csrf_of(c)
        big = ("big.txt", b"x" * 5000, "text/plain")
        resp = c.post("/import", data={"csrf": csrf}, files={"files": big})
        assert resp.status_code == 413
        assert not (tmp_path / "up").exists() or not any((tmp_path / "up").iterdir())


def test_form_bodies_are_size_limited_too(client: TestClient) -> None:
    resp = client.post("/blocklist", content=b"q=" + b"x" * 2_000_000,
                       headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert resp.status_code == 413


@pytest.mark.parametrize(
    "name",
    ["../../evil.txt", "/etc/passwd", "..\\..\\evil.txt", ".hidden", "a/../../b.txt", ""],
)
def test_upload_names_cannot_escape_the_upload_folder(name: str, tmp_path: Path) -> None:
    clean = safe_filename(name)
    assert "/" not in clean and "\\" not in clean and not clean.startswith(".")
    assert (tmp_path / clean).resolve().parent == tmp_path.resolve()


def test_zip_members_with_traversal_names_stay_inside(
    client: TestClient, lib: Library, tmp_path: Path
) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../../escape.txt", "Title: Escape\n\nA short calm story about tea.\n")
    csrf = csrf_of(client)
    resp = client.post(
        "/api/imports",
        data={"csrf": csrf},
        files={"files": ("../evil.zip", buf.getvalue(), "application/zip")},
    )
    assert resp.status_code == 202
    assert not (tmp_path / "escape.txt").exists()
    assert not (tmp_path.parent / "escape.txt").exists()
    assert all(p.resolve().is_relative_to((tmp_path / "uploads").resolve())
               for p in (tmp_path / "uploads").rglob("*"))  # fmt: skip


def test_only_messages_the_server_signed_are_shown(client: TestClient) -> None:
    crafted = client.get("/review", params={"msg": "Your library was deleted, call us"})
    assert "call us" not in crafted.text
    resp = client.post(
        "/review/decide",
        data={"csrf": csrf_of(client), "work_id": "aa11", "type": "freeform",
              "name": "Lanterns", "decision": "accept"},
        follow_redirects=False,
    )  # fmt: skip
    shown = client.get(resp.headers["location"])
    assert 'role="status">Accepted Lanterns' in shown.text
