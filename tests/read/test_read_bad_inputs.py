"""A folder of broken and hostile files: every one gets one clear answer, nothing crashes."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import storybuilders as sb

from fandex.clean import clean
from fandex.errors import ReadError
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.read.discover import Limits, discover


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _hostile_folder(root: Path) -> None:
    epub = sb.generic_epub()
    root.mkdir()
    (root / "truncated.epub").write_bytes(epub[: len(epub) // 2])
    (root / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.html").write_bytes(b"<html><body>  </body></html>")
    (root / "garbage.docx").write_bytes(os.urandom(3000))
    (root / "noise.txt").write_bytes(os.urandom(3000))
    (root / "one-line.txt").write_bytes(b"word " * 400_000)
    (root / "bomb.zip").write_bytes(_zip({"b.txt": b"\0" * (32 * 1024 * 1024)}))
    (root / "evil.zip").write_bytes(_zip({"../../x.txt": b"x", "ok.txt": b"Fine story."}))
    data = bytearray(_zip({"secret.txt": b"hidden"}))
    data[data.find(b"PK\x03\x04") + 6] |= 1
    data[data.find(b"PK\x01\x02") + 8] |= 1
    (root / "locked.zip").write_bytes(bytes(data))
    (root / "good.txt").write_bytes(sb.txt())


def test_every_bad_file_gets_one_answer_and_the_good_one_imports(tmp_path: Path) -> None:
    folder = tmp_path / "fics"
    _hostile_folder(folder)
    outcomes: dict[str, str] = {}
    for cand in discover([folder], Limits()):
        name = cand.path[len(str(folder)) + 1 :]
        if cand.error:
            outcomes[name] = f"refused: {cand.error}"
            continue
        try:
            data = cand.load(Limits())
            work = build_work(clean(read_bytes(data, Path(name.split("!")[-1]).name)))
            outcomes[name] = f"read: {work.title}"
        except ReadError as exc:
            assert "\n" not in str(exc)
            outcomes[name] = f"error: {exc}"
    assert outcomes["good.txt"] == f"read: {sb.TITLE}"
    assert outcomes["evil.zip!ok.txt"].startswith("read:")
    assert outcomes["one-line.txt"].startswith("read:")
    assert "zip bomb" in outcomes["bomb.zip"]
    assert "unsafe path" in outcomes["evil.zip!../../x.txt"]
    assert "password" in outcomes["locked.zip!secret.txt"]
    assert "damaged or truncated" in outcomes["truncated.epub"]
    assert "PNG image" in outcomes["image.html"]
    assert "empty" in outcomes["empty.txt"]
    assert outcomes["blank.html"].startswith("error:")
    assert outcomes["garbage.docx"].startswith("error:")
    assert outcomes["noise.txt"].startswith(("error:", "read:"))
    assert len(outcomes) == 12
