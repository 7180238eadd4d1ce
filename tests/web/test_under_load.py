"""The server under concurrent load: a request holds one pooled connection at most, so a
small pool is only ever waited for, never deadlocked; security headers are on every
response; ``fandex serve`` stops promptly on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import create_engine, event
from starlette.testclient import TestClient

from fandex.library import Library, blocklist
from fandex.library.store import _sqlite_pragmas
from fandex.web.app import create_app
from fandex.web.security import SECURITY_HEADERS

from .conftest import lantern, rain


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 60) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _get_busy(url: str) -> tuple[int, bool]:
    """The status of ``url``, and whether a 503 said when to try again."""
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            r.read()
            return r.status, False
    except urllib.error.HTTPError as exc:
        exc.read()
        return exc.code, bool(exc.headers.get("retry-after"))


@pytest.fixture
def tiny_pool_server(tmp_path: Path) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 whose library has a pool of two connections
    and no overflow: a request that checked out a second connection while holding one
    would wait for a connection only such requests hold."""
    path = tmp_path / "pool.db"
    seed = Library.open(path)
    seed.save(lantern())
    seed.save(rain())
    blocklist.add(seed, 'warning:"Graphic Depictions Of Violence"')
    seed.close()
    engine = create_engine(f"sqlite:///{path}", pool_size=2, max_overflow=0, pool_timeout=20)
    event.listen(engine, "connect", _sqlite_pragmas)
    library = Library(engine, str(path))
    app = create_app(library, upload_dir=tmp_path / "up", facet_wait=0.01)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    library.close()


def test_concurrent_searches_never_exhaust_a_small_pool(tiny_pool_server: str) -> None:
    paths = [
        "/?q=lantern",
        "/works.json?q=harbour",
        "/api/works?q=rain&sort=title",
        "/?q=fandom:%22Harbour%20Tales%22",
        "/facets.json?q=lantern",
        "/api/works/aa11bb22cc33dd44",
        "/blocklist.json",
    ]
    urls = [tiny_pool_server + paths[i % len(paths)] for i in range(60)]
    with ThreadPoolExecutor(30) as pool:
        answers = list(pool.map(_get_busy, urls))
    # The facet counts alone may answer "busy" (503 with Retry-After) when counting takes
    # longer than the API waits, by design; anything else must be served.
    for url, (code, busy_after) in zip(urls, answers, strict=True):
        if "/facets.json" in url and code == 503:
            assert busy_after, url
        else:
            assert code == 200, (url, code)
    # Once the crowd is gone, the counts come (the pool is free again, not exhausted).
    assert _get(tiny_pool_server + "/facets.json?q=lantern")[0] == 200
    listing = json.loads(_get(tiny_pool_server + "/works.json")[1])
    assert listing["hidden"] == 1  # the blocklist was read, on the request's connection


def test_security_headers_on_404s_static_files_and_refusals(lib: Library, tmp_path: Path) -> None:
    app = create_app(lib, upload_dir=tmp_path / "up", allowed_hosts=["127.0.0.1"])
    with TestClient(app, base_url="http://127.0.0.1") as c:
        responses = {
            "router 404": c.get("/no/such/page"),
            "static file": c.get("/static/style.css"),
            "static 404": c.get("/static/nothing.css"),
            "405": c.put("/works/aa11bb22cc33dd44"),
            "page": c.get("/"),
        }
    with TestClient(app, base_url="http://evil.example") as c:
        responses["host refused"] = c.get("/")
    assert responses["router 404"].status_code == 404
    assert responses["static file"].status_code == 200
    assert responses["host refused"].status_code == 400
    for what, response in responses.items():
        for header, value in SECURITY_HEADERS.items():
            assert response.headers.get(header) == value, (what, header)


def test_server_errors_carry_security_headers(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "gone.db")
    app = create_app(library, upload_dir=tmp_path / "up")
    library.engine.dispose()
    (tmp_path / "gone.db").unlink()
    (tmp_path / "gone.db").mkdir()  # the library's file turned into a folder: every query fails
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/works.json")
    assert response.status_code == 500
    assert response.headers["x-content-type-options"] == "nosniff"


def test_serve_stops_within_five_seconds_of_sigterm_under_load(tmp_path: Path) -> None:
    library = tmp_path / "served.db"
    seed = Library.open(library)
    seed.save(lantern())
    seed.save(rain())
    seed.close()
    port = _free_port()
    fandex = Path(sys.executable).with_name("fandex")
    proc = subprocess.Popen(
        [str(fandex), "--library", str(library), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if _get(base + "/works.json", timeout=5)[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        stop = threading.Event()

        def hammer() -> None:
            while not stop.is_set():
                try:
                    _get(base + "/?q=lantern", timeout=10)
                except OSError:
                    return

        threads = [threading.Thread(target=hammer, daemon=True) for _ in range(20)]
        for t in threads:
            t.start()
        time.sleep(1)
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        took = time.monotonic() - sent
        stop.set()
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
    assert took < 5, f"the server took {took:.1f} s to stop"


def test_stale_counts_are_served_at_once_while_recounted(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fandex.model import Tag
    from fandex.web import pages_library, searching

    searching.clear_facet_cache()
    app = create_app(lib, upload_dir=tmp_path / "up", facet_wait=0.01)
    with TestClient(app) as c:
        first = c.get("/works.json").json()
        assert first["facets_state"] == "ready" and ["Mara", 1] in first["facets"]["character"]
        lib.set_tag("aa11bb22cc33dd44", Tag("character", "Tomas", source="user"))
        real = searching.search
        gate = threading.Event()

        def slow_search(*args: object, **kwargs: object) -> object:
            if kwargs.get("facets"):
                gate.wait(10)  # the recount is "slow" until the test lets it finish
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(searching, "search", slow_search)
        monkeypatch.setattr(pages_library, "API_FACET_WAIT", 0.05)
        started = time.monotonic()
        page = c.get("/").text
        stale = c.get("/works.json").json()
        assert time.monotonic() - started < 5  # neither waited for the recount
        assert "recounting" in page and "Include character Mara" in page
        assert stale["facets_state"] == "refreshing"
        assert ["Tomas", 1] not in stale["facets"]["character"]  # the last known counts
        gate.set()
        deadline = time.monotonic() + 10
        fresh = stale
        while fresh["facets_state"] != "ready" and time.monotonic() < deadline:
            time.sleep(0.05)
            fresh = c.get("/works.json").json()
        assert ["Tomas", 1] in fresh["facets"]["character"]
    searching.clear_facet_cache()


def test_a_finished_count_leaves_the_table_in_flight_only_under_its_lock(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Requests walk the table of counts in flight under its lock; a count finishing in the
    # counting thread must wait for that lock too, or a request walking the table fails
    # with "dictionary changed size during iteration" (an HTTP 500 under load).
    from fandex.web import searching

    searching.clear_facet_cache()
    real = searching.search
    gate = threading.Event()

    def slow_search(*args: object, **kwargs: object) -> object:
        gate.wait(10)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(searching, "search", slow_search)
    _known, state, future = searching._lookup(lib, "lantern", True)
    assert state == "pending" and future is not None
    with searching._INFLIGHT_LOCK:  # as a request walking the table holds it
        gate.set()
        deadline = time.monotonic() + 10
        while not future.done() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)
        assert future in searching._INFLIGHT.values()  # still there: it waits for the lock
    deadline = time.monotonic() + 10
    while future in searching._INFLIGHT.values() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert future not in searching._INFLIGHT.values()
    searching.clear_facet_cache()


def test_every_page_holds_at_most_one_pooled_connection(lib: Library, tmp_path: Path) -> None:
    # A pool of one connection and no overflow: a handler that checked out a second one
    # while holding the first would wait for itself and fail (a 500) after the timeout.
    from starlette.routing import Mount, Route

    engine = create_engine(lib.engine.url, pool_size=1, max_overflow=0, pool_timeout=3)
    event.listen(engine, "connect", _sqlite_pragmas)
    one = Library(engine, lib.location)
    blocklist.add(one, 'warning:"Graphic Depictions Of Violence"')
    app = create_app(one, upload_dir=tmp_path / "up", facet_wait=None)
    params = {"work_id": "aa11bb22cc33dd44", "fmt": "epub", "job_id": "nope", "number": "1",
              "document": "d41d8cd98f00b204e9800998ecf8427e"}  # fmt: skip
    paths = []
    for route in app.routes:
        if isinstance(route, Route) and "GET" in (route.methods or ()):
            path = route.path
            for name, value in params.items():
                path = path.replace(f"{{{name}}}", value).replace(f"{{{name}:int}}", value)
            paths.append(path)
        elif isinstance(route, Mount):
            paths.append(route.path + "/app.js")
    assert len(paths) > 30
    # From this machine, which may read the e-reader catalog without a user.
    with TestClient(app, raise_server_exceptions=False, client=("127.0.0.1", 5000)) as c:
        answers = {p: c.get(p).status_code for p in paths}
        assert sum(code == 200 for code in answers.values()) > 25
        failed = {p: code for p, code in answers.items() if code >= 500}
        for path in ["/?q=lantern", "/opds/works?q=rain", "/opds/series/feed?name=Lanterns"]:
            if (code := c.get(path).status_code) >= 500:
                failed[path] = code
    engine.dispose()
    assert failed == {}
