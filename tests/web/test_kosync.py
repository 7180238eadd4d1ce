"""The KOReader progress-sync API: two devices round-trip their places, bad keys are
401 and bad bodies 400 (never 500), and a document fandex served moves the work's
reading state (and hears back where the web reader stopped)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from fandex.library import Library, documents, reading, users
from fandex.web.app import create_app

from .ereader import cheap_hashing, shelf

KEY = hashlib.md5(b"lantern-light").hexdigest()  # what KOReader sends: md5(password)
DOC = "0b229176d4e8db7f6d2b5a4952368d7a"


@pytest.fixture
def sync_lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Library]:
    cheap_hashing(monkeypatch)
    lib = Library.open(tmp_path / "sync.db")
    shelf(lib)
    users.add(lib, "ana", "lantern-light")
    yield lib
    lib.close()


@pytest.fixture
def client(sync_lib: Library) -> Iterator[TestClient]:
    app = create_app(sync_lib, facet_wait=None)
    with TestClient(app, base_url="http://192.168.1.5:8000", client=("192.168.1.20", 1)) as c:
        yield c


def _h(user: str = "ana", key: str = KEY) -> dict[str, str]:
    return {"x-auth-user": user, "x-auth-key": key, "accept": "application/vnd.koreader.v1+json"}


def _push(c: TestClient, doc: str, pct: float, where: str, device: str, dev_id: str) -> dict:  # type: ignore[type-arg]
    body = {
        "document": doc,
        "progress": where,
        "percentage": pct,
        "device": device,
        "device_id": dev_id,
    }
    r = c.put("/syncs/progress", json=body, headers=_h())
    assert r.status_code == 200, r.text
    out: dict = r.json()  # type: ignore[type-arg]
    return out


def test_auth_answers_ok_for_the_right_key_only(client: TestClient) -> None:
    assert client.get("/users/auth", headers=_h()).json() == {"authorized": "OK"}
    for headers in (_h(key="0" * 32), _h(user="bo"), {}, {"x-auth-user": "ana"}):
        r = client.get("/users/auth", headers=headers)
        assert r.status_code == 401 and r.json() == {"code": 2001, "message": "Unauthorized"}


def test_two_devices_round_trip_their_progress(client: TestClient) -> None:
    assert client.get(f"/syncs/progress/{DOC}", headers=_h()).json() == {}
    first = _push(client, DOC, 0.32, "/body/DocFragment[2]/body/p[22]", "Kobo", "dev-kobo")
    assert first["document"] == DOC and isinstance(first["timestamp"], int)
    got = client.get(f"/syncs/progress/{DOC}", headers=_h()).json()
    assert got["percentage"] == 0.32 and got["device"] == "Kobo"
    assert got["progress"] == "/body/DocFragment[2]/body/p[22]" and got["document"] == DOC
    _push(client, DOC, 0.22, "/body/DocFragment[2]/body/p[3]", "PocketBook", "dev-pb")
    latest = client.get(f"/syncs/progress/{DOC}", headers=_h()).json()
    assert (latest["percentage"], latest["device"], latest["device_id"]) == (
        0.22,
        "PocketBook",
        "dev-pb",
    )


def test_bad_keys_are_401_before_anything_else(client: TestClient) -> None:
    r = client.put("/syncs/progress", content=b"not json", headers=_h(key="f" * 32))
    assert r.status_code == 401
    assert client.get(f"/syncs/progress/{DOC}", headers=_h(key="f" * 32)).status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2]",
        b'"a string"',
        b"\xff\xfe",
        json.dumps({"progress": "x", "percentage": 0.1, "device": "d"}).encode(),
        json.dumps({"document": "", "progress": "x", "percentage": 0.1, "device": "d"}).encode(),
        json.dumps(
            {"document": DOC, "progress": "x", "percentage": "lots", "device": "d"}
        ).encode(),
        json.dumps({"document": DOC, "progress": "x", "percentage": None, "device": "d"}).encode(),
        json.dumps({"document": DOC, "percentage": 0.5, "device": "d"}).encode(),
        json.dumps({"document": DOC, "progress": "x", "percentage": 0.5}).encode(),
        json.dumps({"document": "a:b", "progress": "x", "percentage": 0.5, "device": "d"}).encode(),
        json.dumps(
            {"document": DOC, "progress": {"a": 1}, "percentage": 0.5, "device": "d"}
        ).encode(),
        json.dumps(
            {"document": DOC, "progress": "x", "percentage": 0.5, "device": "d", "device_id": ["x"]}
        ).encode(),
        b'{"document": "' + DOC.encode() + b'", "progress": "x", "percentage": NaN, "device": "d"}',
    ],
)
def test_malformed_bodies_are_400_never_500(client: TestClient, body: bytes) -> None:
    r = client.put("/syncs/progress", content=body, headers=_h())
    assert r.status_code == 400, r.text
    assert r.json()["code"] in (2003, 2004)


def test_registration_is_the_owners_job(client: TestClient) -> None:
    r = client.post("/users/create", json={"username": "eve", "password": KEY})
    assert r.status_code == 402 and "fandex users add" in r.json()["message"]
    assert client.get("/healthcheck").json() == {"state": "OK"}


def test_a_served_epub_maps_progress_to_its_work(client: TestClient, sync_lib: Library) -> None:
    wid = next(w.id for w in sync_lib.iter_works() if w.title == "Work 00002")
    epub = client.get(f"/opds/works/{wid}.epub", auth=("ana", "lantern-light")).content
    digest = documents.partial_md5(epub)
    _push(client, digest, 0.6, "/body/DocFragment[3]/body/div/div[2]/p[1]", "Kobo", "k1")
    state = reading.get(sync_lib, wid, reader="ana")
    assert state.status == "progress" and state.progress == pytest.approx(60.0)
    assert state.chapter == 2  # DocFragment 3 is the second chapter after the preface
    _push(client, digest, 1.0, "/body/DocFragment[3]/body/div/div[2]/p[2]", "Kobo", "k1")
    assert reading.get(sync_lib, wid, reader="ana").status == "finished"


def test_the_web_readers_newer_place_is_offered_to_the_device(
    client: TestClient, sync_lib: Library
) -> None:
    wid = next(w.id for w in sync_lib.iter_works() if w.title == "Work 00001")
    epub = client.get(f"/opds/works/{wid}.epub", auth=("ana", "lantern-light")).content
    digest = documents.partial_md5(epub)
    # The web reader, acting for the library's own reader (ana, the first user),
    # stops halfway through chapter 2.
    local = TestClient(client.app, base_url="http://127.0.0.1:8000", client=("127.0.0.1", 2))
    r = local.post(f"/api/works/{wid}/reading", json={"chapter": 2, "position": 0.5})
    assert r.status_code == 200, r.text
    got = client.get(f"/syncs/progress/{digest}", headers=_h()).json()
    assert got["device"] == "fandex web reader"
    assert got["progress"].startswith("/body/DocFragment[3]/body/")
    assert 0.5 < got["percentage"] < 1.0
