"""``fandex serve``: prints the address; a non-loopback bind gets a token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner
from starlette.testclient import TestClient

from fandex.cli.main import cli


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        seen.update(kwargs, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return seen


def _serve(tmp_path: Path, *args: str) -> tuple[int, str]:
    runner = CliRunner()
    result = runner.invoke(cli, ["--library", str(tmp_path / "s.db"), "serve", *args])
    return result.exit_code, result.stdout


def test_loopback_serve_prints_the_address_without_a_token(
    tmp_path: Path, served: dict[str, Any]
) -> None:
    code, out = _serve(tmp_path, "--port", "8123")
    assert code == 0 and "Open http://127.0.0.1:8123/\n" in out
    assert served["host"] == "127.0.0.1" and served["port"] == 8123
    with TestClient(served["app"], base_url="http://127.0.0.1:8123") as c:
        assert c.post("/api/review/bulk", json={"min_confidence": 1}).status_code == 200
    # A page on another domain that re-resolves to 127.0.0.1 (DNS rebinding) is refused.
    with TestClient(served["app"], base_url="http://evil.example:8123") as c:
        assert c.get("/").status_code == 400
    with TestClient(served["app"], base_url="http://localhost:8123") as c:
        assert c.get("/").status_code == 200


def test_public_bind_prints_a_token_that_writes_require(
    tmp_path: Path, served: dict[str, Any]
) -> None:
    code, out = _serve(tmp_path, "--host", "0.0.0.0", "--port", "8124")
    assert code == 0
    token = out.split("?token=", 1)[1].split()[0]
    assert len(token) >= 24
    with TestClient(served["app"], base_url="http://192.0.2.1:8124") as c:
        body = {"min_confidence": 1}
        assert c.post("/api/review/bulk", json=body).status_code == 403
        auth = {"authorization": f"Bearer {token}"}
        assert c.post("/api/review/bulk", json=body, headers=auth).status_code == 200


def test_explicit_token_is_used(tmp_path: Path, served: dict[str, Any]) -> None:
    code, out = _serve(tmp_path, "--host", "192.0.2.7", "--token", "my-own-token-123")
    assert code == 0 and "http://192.0.2.7:8000/?token=my-own-token-123" in out
