"""Discovery: folders and zip archives, hidden files, loops, and hostile archives."""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import storybuilders as sb

from fandex.errors import ReadError
from fandex.read.discover import Candidate, Limits, discover


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _paths(cands: list[Candidate]) -> list[str]:
    return [c.path for c in cands]


def test_folder_walk_is_sorted_and_skips_hidden_and_system_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / "Thumbs.db").write_bytes(b"x")
    (tmp_path / "~$draft.docx").write_bytes(b"x")
    (tmp_path / "cover.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "labels.yaml").write_text("- file: a.txt\n  title: A\n")
    (tmp_path / "README.md").write_text("# My fic folder\n\nStories I saved.\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("c")
    names = [Path(p).relative_to(tmp_path).as_posix() for p in _paths(list(discover([tmp_path])))]
    assert names == ["a.txt", "b.txt", "sub/c.txt"]


def test_a_saved_pages_companion_folder_is_the_pages_not_stories(tmp_path: Path) -> None:
    # "Webpage, complete": an advert's frame saved as "ads.htm" in "Story_files" was
    # imported as a one-word work "Ads".
    (tmp_path / "Story.html").write_text("<p>story</p>")
    for folder in ("Story_files", "Geschichte-Dateien"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "ads.htm").write_text("<p>ad</p>")
    (tmp_path / "Geschichte.htm").write_text("<p>story</p>")
    # A folder of that shape with no page of its name beside it is walked as any other.
    (tmp_path / "Drafts_files").mkdir()
    (tmp_path / "Drafts_files" / "draft.txt").write_text("a draft")
    names = [Path(p).relative_to(tmp_path).as_posix() for p in _paths(list(discover([tmp_path])))]
    assert names == ["Geschichte.htm", "Story.html", "Drafts_files/draft.txt"]
    zipped = tmp_path / "saved.zip"
    zipped.write_bytes(
        _zip(
            {
                "saved/Story.html": b"<p>story</p>",
                "saved/Story_files/ads.htm": b"<p>ad</p>",
                "saved/Story_files/deep/frame.html": b"<p>frame</p>",
                "other/Story_files/kept.txt": b"no page beside it",
            }
        )
    )
    members = [p.split("!", 1)[1] for p in _paths(list(discover([zipped])))]
    assert members == ["saved/Story.html", "other/Story_files/kept.txt"]


def test_symlink_loop_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text("s")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    start = time.monotonic()
    found = list(discover([tmp_path]))
    assert time.monotonic() - start < 5
    assert [Path(c.path).name for c in found] == ["story.txt"]


def test_missing_path_and_fifo_are_errors_not_hangs(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    found = list(discover([tmp_path / "nope", fifo]))
    assert [c.error for c in found] == ["no such file or folder", "not a regular file"]
    assert list(discover([tmp_path])) == []  # inside a folder, a FIFO is just skipped


def test_file_over_the_size_limit_fails_on_load(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    (cand,) = discover([big], Limits(max_file_bytes=1000))
    with pytest.raises(ReadError, match="2,000 bytes, over the 1,000-byte limit"):
        cand.load(Limits(max_file_bytes=1000))


def test_zip_members_become_candidates_with_bytes(tmp_path: Path) -> None:
    archive = tmp_path / "fics.zip"
    archive.write_bytes(
        _zip({"one.txt": b"One.", "dir/two.html": b"<p>Two</p>", "__MACOSX/._one.txt": b"x"})
    )
    found = list(discover([archive]))
    assert _paths(found) == [f"{archive}!one.txt", f"{archive}!dir/two.html"]
    assert found[0].load(Limits()) == b"One."
    assert found[0].load(Limits()) == b"One."


def test_epub_and_docx_are_documents_not_archives(tmp_path: Path) -> None:
    (tmp_path / "book.epub").write_bytes(sb.generic_epub())
    (tmp_path / "draft.docx").write_bytes(sb.docx_bytes())
    (tmp_path / "renamed.zip").write_bytes(sb.generic_epub())
    names = sorted(Path(p).name for p in _paths(list(discover([tmp_path]))))
    assert names == ["book.epub", "draft.docx", "renamed.zip"]


def test_zip_in_zip_is_expanded_once_and_no_deeper(tmp_path: Path) -> None:
    innermost = _zip({"deep.txt": b"Deep."})
    inner = _zip({"mid.txt": b"Mid.", "innermost.zip": innermost})
    archive = tmp_path / "outer.zip"
    archive.write_bytes(_zip({"top.txt": b"Top.", "inner.zip": inner}))
    found = {c.path: c for c in discover([archive])}
    assert found[f"{archive}!inner.zip!mid.txt"].load(Limits()) == b"Mid."
    assert found[f"{archive}!top.txt"].load(Limits()) == b"Top."
    deep = found[f"{archive}!inner.zip!innermost.zip"]
    assert deep.data is None and "nested too deeply" in str(deep.error)


def test_path_traversal_members_are_refused(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    archive.write_bytes(
        _zip(
            {"../../escape.txt": b"x", "/abs.txt": b"x", "ok.txt": b"fine", "a/../../up.txt": b"x"}
        )
    )
    found = list(discover([archive]))
    good = [c for c in found if c.error is None]
    bad = [c for c in found if c.error is not None]
    assert [c.load(Limits()) for c in good] == [b"fine"]
    assert len(bad) == 3 and all("unsafe path" in str(c.error) for c in bad)
    assert not (tmp_path.parent / "escape.txt").exists()


def test_zip_bomb_is_refused_without_unpacking(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    archive.write_bytes(_zip({"bomb.txt": b"\0" * (64 * 1024 * 1024), "ok.txt": b"fine"}))
    assert archive.stat().st_size < 200_000
    start = time.monotonic()
    found = list(discover([archive]))
    assert time.monotonic() - start < 2
    assert len(found) == 1 and "zip bomb" in str(found[0].error)


def test_bomb_member_inside_a_normal_archive_is_refused_alone(tmp_path: Path) -> None:
    # Plenty of incompressible data keeps the archive's overall ratio low.
    noise = os.urandom(4 * 1024 * 1024)
    archive = tmp_path / "mixed.zip"
    archive.write_bytes(
        _zip({"noise.txt": noise, "bomb.txt": b"\0" * (8 * 1024 * 1024), "ok.txt": b"fine"})
    )
    found = {Path(c.path.split("!")[1]).name: c for c in discover([archive])}
    assert "zip bomb" in str(found["bomb.txt"].error)
    assert found["ok.txt"].load(Limits()) == b"fine"


def test_password_protected_member_is_refused(tmp_path: Path) -> None:
    data = bytearray(_zip({"secret.txt": b"hidden words", "ok.txt": b"fine"}))
    # zipfile cannot encrypt, so set the "encrypted" flag bit in both headers by hand.
    local = data.find(b"PK\x03\x04")
    data[local + 6] |= 0x1
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x1
    archive = tmp_path / "locked.zip"
    archive.write_bytes(bytes(data))
    found = {c.path.split("!")[1]: c for c in discover([archive])}
    assert "password" in str(found["secret.txt"].error)
    assert found["ok.txt"].load(Limits()) == b"fine"


def test_too_many_entries_refuses_the_archive(tmp_path: Path) -> None:
    archive = tmp_path / "many.zip"
    archive.write_bytes(_zip({f"f{i}.txt": b"x" for i in range(20)}))
    found = list(discover([archive], Limits(max_entries=10)))
    assert len(found) == 1 and "20 entries" in str(found[0].error)


def test_member_over_the_file_limit_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "big.zip"
    archive.write_bytes(_zip({"big.txt": os.urandom(5000), "ok.txt": b"fine"}))
    found = {c.path.split("!")[1]: c for c in discover([archive], Limits(max_file_bytes=1000))}
    assert "over the 1,000-byte limit" in str(found["big.txt"].error)
    assert found["ok.txt"].load(Limits()) == b"fine"


def test_damaged_zip_is_one_error(tmp_path: Path) -> None:
    data = _zip({"a.txt": b"a" * 1000, "b.txt": b"b" * 1000})
    archive = tmp_path / "cut.zip"
    archive.write_bytes(data[: len(data) - 30])
    found = list(discover([archive]))
    assert len(found) == 1 and "damaged or truncated" in str(found[0].error)


def test_symlink_members_are_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (0o120777 << 16) | 0x20  # S_IFLNK: a symbolic link
        zf.writestr(link, "/etc/passwd")
        zf.writestr("ok.txt", "fine")
    archive = tmp_path / "links.zip"
    archive.write_bytes(buf.getvalue())
    found = {c.path.split("!")[1]: c for c in discover([archive])}
    assert found["link.txt"].data is None and "symbolic link" in str(found["link.txt"].error)
    assert found["ok.txt"].load(Limits()) == b"fine"


def test_plain_zip_members_are_read_only_when_loaded(tmp_path: Path) -> None:
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(3):
            zf.writestr(f"story{i}.txt", f"Story {i}. " * 50)
    found = list(discover([archive], Limits()))
    assert [c.data for c in found] == [None, None, None]  # nothing held in memory yet
    assert found[2].load(Limits()).startswith(b"Story 2.")


def _damaged_deflate(members: dict[str, bytes], damaged: str) -> bytes:
    """A zip whose member ``damaged`` has its deflate stream overwritten with noise."""
    data = bytearray(_zip(members))
    start = data.find(b"PK\x03\x04")  # the first local header
    while start >= 0:
        name_len = int.from_bytes(data[start + 26 : start + 28], "little")
        extra_len = int.from_bytes(data[start + 28 : start + 30], "little")
        name = data[start + 30 : start + 30 + name_len].decode()
        body = start + 30 + name_len + extra_len
        if name == damaged:
            data[body : body + 16] = bytes([0xFF] * 16)
            return bytes(data)
        start = data.find(b"PK\x03\x04", body)
    raise AssertionError(f"no member {damaged}")


def test_damaged_deflate_member_fails_alone(tmp_path: Path) -> None:
    story = b"The rain fell on the roof all night. " * 100
    archive = tmp_path / "damaged.zip"
    archive.write_bytes(_damaged_deflate({"a.txt": story, "b.txt": story + b"!"}, "a.txt"))
    found = {c.path.split("!")[1]: c for c in discover([archive])}
    assert "damaged in the archive (zlib.error" in str(found["a.txt"].error)
    assert found["b.txt"].load(Limits()).endswith(b"!")


def test_unknown_zip_version_is_one_error(tmp_path: Path) -> None:
    data = bytearray(_zip({"a.txt": b"a story", "b.txt": b"another"}))
    directory = data.find(b"PK\x01\x02")
    data[directory + 6 : directory + 8] = (99).to_bytes(2, "little")  # version needed: 9.9
    archive = tmp_path / "future.zip"
    archive.write_bytes(bytes(data))
    found = list(discover([archive]))
    assert len(found) == 1 and "zip feature fandex cannot read" in str(found[0].error)


def test_an_archive_is_opened_once_for_all_its_members(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fandex.read import safezip

    archive = tmp_path / "many.zip"
    archive.write_bytes(_zip({f"m{i}.txt": f"story {i}".encode() for i in range(3000)}))
    opened: list[object] = []
    real = safezip.open_zip

    def counting(data: bytes | Path, what: str = "archive") -> zipfile.ZipFile:
        opened.append(data)
        return real(data, what)

    monkeypatch.setattr(safezip, "open_zip", counting)
    found = list(discover([archive]))
    assert len(found) == 3000
    assert [c.load(Limits()) for c in found[-2:]] == [b"story 2998", b"story 2999"]
    assert len(opened) == 1  # the directory parsed once, not once per member


def test_a_catalogue_that_breaks_half_way_is_one_failure_and_the_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import types

    from fandex.read import discover as discover_module

    # A made-up catalogue: a folder holding "catalogue.txt" lists its stories; one
    # whose list says "broken" fails after its first story.
    def detect(folder: Path) -> bool:
        return (folder / "catalogue.txt").is_file()

    def expand(folder: Path, _limits: Limits) -> Iterator[Candidate]:
        yield Candidate(f"{folder}!story/1", data=b"Rain.", overlay={"title": "Rain"})
        if (folder / "catalogue.txt").read_text() == "broken":
            raise ValueError("no more stories listed")
        yield Candidate(f"{folder}!story/2", error="the story's chapters are missing")

    module = types.ModuleType("fandex_test_catalogue")
    module.detect, module.expand = detect, expand  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fandex_test_catalogue", module)
    monkeypatch.setattr(discover_module, "CATALOGUES", ["fandex_test_catalogue"])
    for name, listing in (("a-broken", "broken"), ("b-shelf", "two stories")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "catalogue.txt").write_text(listing)
    (tmp_path / "c-plain.txt").write_text("A story.")

    found = [(c.path.removeprefix(str(tmp_path) + "/"), c) for c in discover([tmp_path])]
    assert [path for path, _c in found] == [
        "a-broken!story/1",
        "a-broken",
        "b-shelf!story/1",
        "b-shelf!story/2",
        "c-plain.txt",
    ]
    cands = dict(found)
    assert cands["a-broken"].error == "could not be read (ValueError: no more stories listed)"
    assert cands["b-shelf!story/1"].overlay == {"title": "Rain"}
    assert cands["b-shelf!story/2"].error == "the story's chapters are missing"
    assert cands["c-plain.txt"].fs_path == tmp_path / "c-plain.txt"

    # Given as the path itself, a catalogue is contained the same way.
    top = [c.path for c in discover([tmp_path / "a-broken"])]
    assert top == [f"{tmp_path}/a-broken!story/1", f"{tmp_path}/a-broken"]
