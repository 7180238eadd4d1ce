"""Import, review, blocklist and delete through the web, forms and JSON alike."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from .conftest import csrf_of

CALM = "Title: {title}\nAuthor: Test Writer\nFandom: Harbour Tales\nPairing: {ship}\n\n{body}\n"


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


def _wait(client: TestClient, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/imports/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError("the import did not finish")


def test_upload_a_zip_imports_each_member_with_per_file_results(client: TestClient) -> None:
    data = _zip(
        {
            "one.txt": CALM.format(title="Tide Bell", ship="Ana/Bo", body="The bell rang."),
            "two.txt": CALM.format(title="Net Mender", ship="Bo/Cy", body="She mended nets."),
            "notes.bin": "\x00\x01\x02 not a story",
        }
    )
    resp = client.post(
        "/import",
        data={"csrf": csrf_of(client)},
        files={"files": ("batch.zip", data, "application/zip")},
        follow_redirects=False,
    )
    assert resp.status_code == 303 and resp.headers["location"].startswith("/import/")
    job_id = resp.headers["location"].rsplit("/", 1)[1]
    job = _wait(client, job_id)
    assert job["state"] == "done" and job["total"] == 3
    by_name = {r["path"].rsplit("!", 1)[-1]: r for r in job["results"]}
    assert by_name["one.txt"]["status"] == "imported"
    assert by_name["notes.bin"]["status"] == "failed" and by_name["notes.bin"]["reason"]
    page = client.get(f"/import/{job_id}").text
    assert "Tide Bell" in page and "failed" in page
    titles = [w["title"] for w in client.get("/api/works?per_page=100").json()["works"]]
    assert "Tide Bell" in titles and "Net Mender" in titles


def test_uploading_the_same_file_again_is_unchanged(client: TestClient) -> None:
    text = CALM.format(title="Tide Bell", ship="Ana/Bo", body="The bell rang.").encode()
    results = []
    for _ in range(2):
        job = client.post(
            "/api/imports",
            data={"csrf": csrf_of(client)},
            files={"files": ("tide.txt", text, "text/plain")},
        ).json()
        results.append(_wait(client, job["id"])["results"][0]["status"])
    assert results == ["imported", "unchanged"]


def test_upload_without_files_is_a_one_line_error(client: TestClient) -> None:
    resp = client.post("/import", data={"csrf": csrf_of(client)})
    assert resp.status_code == 400 and "choose at least one file" in resp.text


def test_review_page_lists_flags_first_and_accept_form_stores_user_tag(
    client: TestClient,
) -> None:
    page = client.get("/review").text
    assert page.index("Major Character Death") < page.index("Lanterns")
    resp = client.post(
        "/review/decide",
        data={"csrf": csrf_of(client), "work_id": "aa11bb22cc33dd44", "type": "freeform",
              "name": "Lanterns", "decision": "accept", "return_to": "/review?type=freeform"},
        follow_redirects=False,
    )  # fmt: skip
    assert resp.status_code == 303 and resp.headers["location"].startswith("/review?type=freeform")
    tags = client.get("/api/works/aa11?text=0").json()["tags"]
    assert {"name": "Lanterns", "source": "user"}.items() <= next(
        t for t in tags if t["name"] == "Lanterns"
    ).items()


def test_return_to_cannot_redirect_off_site(client: TestClient) -> None:
    resp = client.post(
        "/review/decide",
        data={"csrf": csrf_of(client), "work_id": "aa11", "type": "freeform", "name": "Rain",
              "decision": "reject", "return_to": "//evil.example/x"},
        follow_redirects=False,
    )  # fmt: skip
    assert resp.headers["location"].startswith("/review")


def test_review_json_and_bulk_accept_api(client: TestClient) -> None:
    queue = client.get("/review.json").json()
    assert queue["items"][0]["kind"] == "missing-warning"
    assert ["topics", 2] in queue["taggers"]
    resp = client.post("/api/review/bulk", json={"tagger": "topics", "min_confidence": 0.9})
    assert resp.json() == {"accepted": 1}
    bad = client.post("/api/review/bulk", json={"tagger": "topics", "min_confidence": 7})
    assert bad.status_code == 400


def test_tag_api_edit_and_reject(client: TestClient) -> None:
    resp = client.post(
        "/api/works/aa11/tags",
        json={"type": "relationship", "name": "Mara/Tomas", "decision": "edit",
              "new_name": "Mara & Tomas"},
    )  # fmt: skip
    assert resp.status_code == 200 and resp.json()["tag"]["name"] == "Mara & Tomas"
    tags = {t["name"]: t for t in client.get("/api/works/aa11?text=0").json()["tags"]}
    assert tags["Mara/Tomas"]["attrs"] == {"rejected": True}
    assert tags["Mara & Tomas"]["source"] == "user"
    # A rejected tag is no longer shown on the page.
    assert "Mara/Tomas" not in client.get("/works/aa11").text.split("<main")[1].split("Why")[0]


def test_blocklist_add_hides_works_and_listing_says_how_many(client: TestClient) -> None:
    csrf = csrf_of(client)
    resp = client.post(
        "/blocklist", data={"csrf": csrf, "query": 'warning:"Graphic Depictions Of Violence"'}
    )
    assert resp.status_code == 200 and "Graphic Depictions Of Violence" in resp.text
    listing = client.get("/api/works").json()
    assert listing["total"] == 1 and listing["hidden"] == 1
    assert "1 works hidden by your" in client.get("/").text
    assert client.get("/api/works?show_hidden=1").json()["total"] == 2
    number = client.get("/api/blocklist").json()["blocklist"][0]["number"]
    client.post("/blocklist/remove", data={"csrf": csrf, "number": str(number)})
    assert client.get("/api/blocklist").json()["blocklist"] == []


def test_blocklist_rejects_a_malformed_query_with_its_message(client: TestClient) -> None:
    resp = client.post("/blocklist", data={"csrf": csrf_of(client), "query": 'title:"open'})
    assert resp.status_code == 400 and 'role="alert"' in resp.text
    api = client.post("/api/blocklist", json={"query": ""})
    assert api.status_code == 400 and api.json()["error"]
    assert client.delete("/api/blocklist/999", headers={"content-type": "application/json"}
                         ).status_code == 404  # fmt: skip


def test_delete_removes_the_work(client: TestClient) -> None:
    resp = client.post("/works/ee55/delete", data={"csrf": csrf_of(client)}, follow_redirects=False)
    assert resp.status_code == 303
    assert client.get("/works/ee55").status_code == 404
    gone = client.delete("/api/works/aa11", headers={"content-type": "application/json"})
    assert gone.json() == {"removed": "aa11bb22cc33dd44"}


def test_one_click_block_presets_disappear_once_used(client: TestClient) -> None:
    page = client.get("/blocklist").text
    assert 'value="warning:&#34;Rape/Non-Con&#34;"' in page
    client.post("/blocklist", data={"csrf": csrf_of(client), "query": 'warning:"Rape/Non-Con"'})
    page = client.get("/blocklist").text
    assert 'name="query" value="warning:&#34;Rape/Non-Con&#34;"' not in page
    assert "<code>warning:&#34;Rape/Non-Con&#34;</code>" in page


def test_a_damaged_zip_in_an_upload_fails_alone(client: TestClient) -> None:
    good = CALM.format(title="Tide Bell", ship="Ana/Bo", body="The bell rang.")
    damaged = bytearray(_zip({"a.txt": good * 20}))
    entry = damaged.find(b"PK\x01\x02")
    # The directory claims deflate: the stored text is no deflate stream (zlib.error).
    damaged[entry + 10 : entry + 12] = (8).to_bytes(2, "little")
    future = bytearray(_zip({"b.txt": good}))
    directory = future.find(b"PK\x01\x02")
    future[directory + 6 : directory + 8] = (99).to_bytes(2, "little")  # zip version 9.9
    job = client.post(
        "/api/imports",
        data={"csrf": csrf_of(client)},
        files=[
            ("files", ("damaged.zip", bytes(damaged), "application/zip")),
            ("files", ("future.zip", bytes(future), "application/zip")),
            ("files", ("tide.txt", good.encode(), "text/plain")),
        ],
    ).json()
    done = _wait(client, job["id"])
    assert done["state"] == "done"
    by_name = {r["path"].rsplit("/", 1)[-1]: r for r in done["results"]}
    assert by_name["tide.txt"]["status"] == "imported"
    assert by_name["damaged.zip!a.txt"]["status"] == "failed"
    assert by_name["future.zip"]["status"] == "failed"
    assert "zip feature" in by_name["future.zip"]["reason"]


def test_a_temporary_upload_folder_is_made_at_the_first_upload_and_removed_at_stop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from fandex.library import Library
    from fandex.web.app import create_app

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where mkdtemp makes folders
    made = lambda: sorted(p.name for p in tmp_path.glob("fandex-uploads-*"))  # noqa: E731
    lib = Library.open(":memory:")
    try:
        for _server in range(3):  # apps that never see an upload leave nothing behind
            with TestClient(create_app(lib, facet_wait=None)) as client:
                assert client.get("/import").status_code == 200
            assert made() == []
        with TestClient(create_app(lib, facet_wait=None)) as client:
            text = CALM.format(title="Tide Bell", ship="Ana/Bo", body="The bell rang.")
            job = client.post(
                "/api/imports",
                data={"csrf": csrf_of(client)},
                files={"files": ("tide.txt", text.encode(), "text/plain")},
            ).json()
            assert _wait(client, job["id"])["results"][0]["status"] == "imported"
            assert len(made()) == 1
        assert made() == []  # the server stopped: its temporary folder is gone
    finally:
        lib.close()
