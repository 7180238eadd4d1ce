"""A KOReader-style client against a real ``fandex serve`` on 127.0.0.1.

The client does what KOReader's OPDS browser and progress-sync plugin do: HTTP Basic
credentials on every request, a HEAD before each GET of a feed, catalog links found
by their type and rel, the search template from the OpenSearch description, the
download's file name from a HEAD, and sync calls with ``x-auth-user`` and
``x-auth-key = md5(password)`` keyed by the partial MD5 of the downloaded file.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urljoin

import httpx
import pytest
from lxml import etree

from fandex.library.documents import partial_md5
from fandex.test.helper import write_fic

from .ereader import OS, A, check_feed

OPDS_ACCEPT = "application/opds+json, application/atom+xml;profile=opds-catalog, */*"
PASSWORD = "lantern-light"
FANDEX = str(Path(sys.executable).with_name("fandex"))  # the installed command


def _fandex(
    library: Path, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    cmd = [FANDEX, "--library", str(library), *args]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        cmd, input=stdin, capture_output=True, text=True, timeout=180, env=env, check=True
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    library = tmp_path / "served.db"
    fics = tmp_path / "fics"
    for n, (fandom, ship) in enumerate(
        [("Harbour Tales", "Ana/Bo"), ("Harbour Tales", "Cy/Di"), ("Star Harbour", "Ana/Cy")]
    ):
        body = "\n\n".join(f"Chapter {c}\n\nThe lamp was lit for evening {n}-{c}." for c in (1, 2))
        write_fic(
            fics,
            f"fic{n}.txt",
            {
                "Title": f"Lamp {n}",
                "Author": "Quill",
                "Fandom": fandom,
                "Pairing": ship,
                "Rating": "G",
            },
            body,
        )
    _fandex(library, "import", "-j", "1", str(fics))
    _fandex(library, "users", "add", "ana", "--password-stdin", stdin=PASSWORD + "\n")
    _fandex(library, "search", "save", "Star", 'fandom:"Star Harbour"')
    port = _free_port()
    cmd = [FANDEX, "--library", str(library), "serve", "--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(base + "/healthcheck", timeout=1)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("fandex serve did not start") from None
            time.sleep(0.1)
    try:
        yield base, library
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class KOReaderLike:
    """The requests KOReader's OPDS browser makes, with its headers and Basic auth."""

    def __init__(self, base: str, user: str, password: str) -> None:
        self.base = base
        self.http = httpx.Client(
            auth=(user, password), timeout=30, headers={"Accept-Encoding": "identity"}
        )
        self.user, self.key = user, hashlib.md5(password.encode()).hexdigest()

    def feed(self, url: str) -> etree._Element:
        head = self.http.head(url, headers={"Accept": OPDS_ACCEPT})  # parseFeed asks HEAD first
        assert head.status_code == 200, (url, head.status_code)
        r = self.http.get(url, headers={"Accept": OPDS_ACCEPT})
        assert r.status_code == 200 and not r.text.lstrip().startswith("{")  # OPDS 1.x
        root = check_feed(r.content)
        root.set("base", url)
        return root

    @staticmethod
    def items(root: etree._Element) -> list[dict[str, object]]:
        """Entries as KOReader's genItemTableFromCatalog reads them."""
        out = []
        catalog_rels = {
            "subsection",
            "http://opds-spec.org/subsection",
            "http://opds-spec.org/sort/new",
            "http://opds-spec.org/sort/popular",
        }
        for e in root.findall(A + "entry"):
            item: dict[str, object] = {"title": e.findtext(A + "title"), "acq": []}
            for link in e.findall(A + "link"):
                href = urljoin(root.get("base", ""), link.get("href", ""))
                if "application/atom+xml" in (link.get("type") or "") and (
                    not link.get("rel") or link.get("rel") in catalog_rels
                ):
                    item["url"] = href
                if (link.get("rel") or "").startswith("http://opds-spec.org/acquisition"):
                    item["acq"].append((link.get("type"), href))  # type: ignore[union-attr]
            out.append(item)
        return out

    def search_url(self, root: etree._Element) -> str:
        osd_href = next(
            x.get("href")
            for x in root.findall(A + "link")
            if "opensearchdescription" in (x.get("type") or "")
        )
        osd = etree.fromstring(self.http.get(urljoin(self.base, osd_href)).content)
        url = next(u for u in osd.iter(OS + "Url") if "application/atom+xml" in u.get("type"))
        return str(url.get("template"))

    def sync(self, method: str, path: str, body: dict[str, object] | None = None) -> httpx.Response:
        headers = {
            "x-auth-user": self.user,
            "x-auth-key": self.key,
            "accept": "application/vnd.koreader.v1+json",
        }
        return httpx.request(method, self.base + path, json=body, headers=headers, timeout=30)


def test_browse_by_fandom_and_saved_search_download_and_sync(server: tuple[str, Path]) -> None:
    base, library = server
    client = KOReaderLike(base, "ana", PASSWORD)
    assert httpx.get(base + "/opds").status_code == 401  # users exist: credentials needed
    assert client.sync("GET", "/users/auth").json() == {"authorized": "OK"}

    root = client.feed(base + "/opds")
    shelves = {i["title"]: i for i in client.items(root)}
    fandoms = client.feed(str(shelves["By fandom"]["url"]))
    by_name = {i["title"]: i for i in client.items(fandoms)}
    assert set(by_name) == {"Harbour Tales", "Star Harbour"}
    harbour = client.feed(str(by_name["Harbour Tales"]["url"]))
    books = client.items(harbour)
    assert sorted(str(b["title"]) for b in books) == ["Lamp 0", "Lamp 1"]

    saved = client.feed(str(shelves["Saved searches"]["url"]))
    star = client.feed(str(client.items(saved)[0]["url"]))
    assert [b["title"] for b in client.items(star)] == ["Lamp 2"]

    found = client.feed(client.search_url(root).replace("{searchTerms}", quote('"evening 1-2"')))
    assert [b["title"] for b in client.items(found)] == ["Lamp 1"]

    book = next(b for b in books if b["title"] == "Lamp 0")
    _kind, href = next(a for a in book["acq"] if a[0] == "application/epub+zip")  # type: ignore[union-attr]
    head = client.http.head(href)  # getServerFileName
    assert 'filename="Lamp_0_-_Quill.epub"' in head.headers["content-disposition"]
    epub = client.http.get(href).content
    assert epub[:2] == b"PK" and b"mimetype" in epub[:64]
    document = partial_md5(epub)

    push = {
        "document": document,
        "progress": "/body/DocFragment[3]/body/div/div[2]/p[1]",
        "percentage": 0.75,
        "device": "Kobo Libra",
        "device_id": "K1",
    }
    assert client.sync("PUT", "/syncs/progress", push).status_code == 200
    other = KOReaderLike(base, "ana", PASSWORD)  # a second device pulls
    pulled = other.sync("GET", f"/syncs/progress/{document}").json()
    assert pulled["percentage"] == 0.75 and pulled["device_id"] == "K1"

    listing = json.loads(_fandex(library, "ls", "read:progress", "--json").stdout)
    assert [w["title"] for w in listing] == ["Lamp 0"]
    assert listing[0]["reading"]["chapter"] == 2 and listing[0]["reading"]["progress"] == 75.0
    reading_now = client.feed(str(shelves["Currently reading"]["url"]))
    assert reading_now.findtext(OS + "totalResults") == "1"
