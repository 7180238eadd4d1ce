from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from fandex import importer
from fandex.errors import ConfigError
from fandex.importer import FileResult, ImportSession, TaggingOptions
from fandex.library import Library
from fandex.model import Tag, Work
from fandex.plugins import register_tagger, unregister
from fandex.tag.pipeline import tagger
from fandex.test.helper import write_fic

BODY = "The rain fell on the old house.\n\nShe opened the door and went in."


def _folder(tmp_path: Path, n: int = 3) -> Path:
    folder = tmp_path / "fics"
    for i in range(n):
        write_fic(folder, f"fic{i}.txt", {"Title": f"Story {i}", "Author": "Ann"}, f"{BODY} {i}")
    return folder


def test_import_folder_stores_each_file(library: Library, tmp_path: Path) -> None:
    report = ImportSession(library).run([_folder(tmp_path)])
    assert report.summary() == {
        "imported": 3,
        "updated": 0,
        "unchanged": 0,
        "skipped": 0,
        "failed": 0,
    }
    titles = sorted(w.title for w in library.iter_works())
    assert titles == ["Story 0", "Story 1", "Story 2"]
    work = next(library.iter_works())
    assert work.source is not None and work.source.format == "txt"
    assert len(work.source.sha256) == 64


def test_importing_twice_gives_one_work(library: Library, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    ImportSession(library).run([folder])
    report = ImportSession(library).run([folder])
    assert report.summary()["unchanged"] == 3
    assert library.count() == 3


def test_same_content_under_two_names_is_one_work(library: Library, tmp_path: Path) -> None:
    folder = _folder(tmp_path, 1)
    (folder / "copy.txt").write_bytes((folder / "fic0.txt").read_bytes())
    report = ImportSession(library).run([folder])
    assert library.count() == 1
    assert report.summary()["unchanged"] == 1


def test_changed_file_updates_its_work_and_keeps_user_tags(
    library: Library, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, 1)
    ImportSession(library).run([folder])
    work_id = library.ids()[0]
    library.set_tag(work_id, Tag("freeform", "Favourite", source="user"))
    write_fic(folder, "fic0.txt", {"Title": "Story 0, revised", "Author": "Ann"}, BODY + " More.")
    report = ImportSession(library).run([folder])
    assert report.summary()["updated"] == 1
    assert library.ids() == [work_id]
    work = library.get(work_id)
    assert work.title == "Story 0, revised"
    assert work.find_tag("freeform", "Favourite") is not None


def test_bad_inputs_fail_one_by_one_and_the_rest_imports(library: Library, tmp_path: Path) -> None:
    folder = _folder(tmp_path, 1)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 40)
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    report = ImportSession(library).run([folder, tmp_path / "does-not-exist"])
    failed = {Path(r.path).name: r.reason for r in report.failed}
    assert set(failed) == {"empty.txt", "blob.bin", "dangling.txt", "does-not-exist"}
    assert all(reason and "\n" not in reason for reason in failed.values())
    assert library.count() == 1


def test_non_utf8_text_is_decoded(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes("Title: Café\n\n“Quoted” text, naïve.".encode("cp1252"))
    ImportSession(library).run([path])
    work = next(library.iter_works(with_text=True))
    assert work.title == "Café"
    assert "naïve" in work.chapters[0].text
    assert "Quoted" in work.chapters[0].text


def test_parallel_mode_matches_sequential(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 6)
    seq = Library.open(tmp_path / "seq.db")
    par = Library.open(tmp_path / "par.db")
    ImportSession(seq, jobs=1).run([folder])
    report = ImportSession(par, jobs=2).run([folder])
    assert report.summary()["imported"] == 6

    def records(lib: Library) -> list[dict[str, Any]]:
        out = []
        for w in lib.iter_works(with_text=True):
            d = w.to_dict(with_text=True)
            d["source"].pop("imported")
            out.append(d)
        return out

    assert records(seq) == records(par)


def test_interrupted_import_leaves_library_consistent(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, 5)
    monkeypatch.setattr(importer, "SAVE_BATCH", 1)  # a transaction per work, here

    class Interrupting(ImportSession):
        def on_result(self, result: FileResult) -> None:
            if len(self.report.results) == 2:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Interrupting(library).run([folder])
    assert library.count() == 2
    for work in library.iter_works(with_text=True):
        assert work.chapters and work.source is not None
    report = ImportSession(library).run([folder])
    assert report.summary() == {
        "imported": 3,
        "updated": 0,
        "unchanged": 2,
        "skipped": 0,
        "failed": 0,
    }


def test_works_are_stored_in_batches_and_reported_each(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The batch is also saved every SAVE_EVERY seconds; on a loaded machine one slow work
    # would split it, and this test is about the count, not the clock.
    monkeypatch.setattr(importer, "SAVE_EVERY", 3600.0)
    folder = _folder(tmp_path, 5)
    commits: list[int] = []
    save_many = library.save_many

    def counted(works, *args):  # type: ignore[no-untyped-def]
        commits.append(len(works))
        return save_many(works, *args)

    library.save_many = counted  # type: ignore[method-assign]
    report = ImportSession(library).run([folder])
    assert report.summary()["imported"] == 5 and commits == [5]
    assert {r.work_id for r in report.results} == set(library.ids())


def test_failing_tagger_is_recorded_on_the_work(library: Library, tmp_path: Path) -> None:
    @tagger("explodes", assigns=("tags.freeform",))
    def explodes(work: Work, config: dict[str, Any]) -> None:
        raise RuntimeError("boom\nsecond line")

    register_tagger(explodes)
    try:
        # inline: a tagger registered at run time (not through an entry point) exists
        # only in this process, not in workers started from a fork server.
        report = ImportSession(library, inline=True).run([_folder(tmp_path, 1)])
    finally:
        unregister("explodes")
    assert report.summary()["imported"] == 1
    work = next(library.iter_works())
    assert {"tagger": "explodes", "error": "RuntimeError: boom"} in work.failures


def test_unknown_disabled_tagger_is_a_config_error(library: Library) -> None:
    with pytest.raises(ConfigError, match="no tagger named"):
        ImportSession(library, tagging=TaggingOptions(disable=("nope",)))


def test_examples_all_import(library: Library, examples_dir: Path) -> None:
    report = ImportSession(library, jobs=1).run([examples_dir])
    assert report.failed == []
    assert library.count() == len(os.listdir(examples_dir))


def test_a_file_without_a_title_is_named_after_the_file(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "07-the_quiet-road.txt"
    path.write_text("They walked home along the quiet road.\n\nNobody spoke.\n")
    ImportSession(library).run([path])
    assert next(library.iter_works()).title == "The Quiet Road"


def test_zip_archives_import_member_by_member(library: Library, tmp_path: Path) -> None:
    import io
    import zipfile

    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("inner.txt", f"Title: Inner\n\n{BODY}")
    archive = tmp_path / "fics.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.txt", f"Title: Outer A\n\n{BODY}")
        zf.writestr("nested.zip", inner.getvalue())
    report = ImportSession(library).run([archive])
    assert report.summary()["imported"] == 2
    assert sorted(w.title for w in library.iter_works()) == ["Inner", "Outer A"]
    assert ImportSession(library).run([archive]).summary()["unchanged"] == 2


GATE_PAGE = (
    b"<html><head><title>Discretion Advised</title></head><body><h1>Discretion Advised</h1>"
    b"<p>You're about to view content that this journal has advised should be viewed with "
    b"discretion. To continue, you must confirm you want to view this content.</p>"
    b'<p><a href="/login">Log In</a></p></body></html>'
)


def test_page_without_story_text_is_skipped_with_the_reason(
    library: Library, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, 1)
    (folder / "gate.html").write_bytes(GATE_PAGE)
    report = ImportSession(library).run([folder])
    skipped = [r for r in report.results if r.status == "skipped"]
    assert [Path(r.path).name for r in skipped] == ["gate.html"]
    assert skipped[0].reason == "no story text, looks like an adult-content gate page"
    assert report.summary()["imported"] == 1 and not report.failed
    assert library.count() == 1


@pytest.mark.parametrize("jobs,inline", [(1, True), (2, False)])
def test_a_copy_of_a_skipped_page_in_the_same_run_is_skipped_too(
    library: Library, tmp_path: Path, jobs: int, inline: bool
) -> None:
    folder = _folder(tmp_path, 1)
    (folder / "gate.html").write_bytes(GATE_PAGE)
    (folder / "gate copy.html").write_bytes(GATE_PAGE)
    report = ImportSession(library, jobs=jobs, inline=inline).run([folder])
    gates = [r for r in report.results if Path(r.path).suffix == ".html"]
    assert len(report.results) == 3 and [r.status for r in gates] == ["skipped", "skipped"]
    gate = "no story text, looks like an adult-content gate page"
    first = next(r for r in gates if r.reason == gate)  # the one read
    copy = next(r for r in gates if r is not first)
    assert copy.reason == f"same content as {first.path}: {gate}"
    assert "first" not in copy.to_dict() and "sha" not in copy.to_dict()


def test_a_copy_of_a_story_in_the_same_run_becomes_its_second_source(
    library: Library, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, 1)
    (folder / "z copy.txt").write_bytes((folder / "fic0.txt").read_bytes())
    report = ImportSession(library).run([folder])
    first, copy = sorted(report.results, key=lambda r: r.path)
    assert (first.status, copy.status) == ("imported", "unchanged")
    assert copy.work_id == first.work_id and copy.reason == "duplicate"
    # Recorded now, not only on the next run: re-importing finds both files known.
    known = library.source(str(folder / "z copy.txt"))
    assert known is not None and known[0] == first.work_id
    again = ImportSession(library).run([folder])
    assert all(r.status == "unchanged" and r.reason is None for r in again.results)


def test_keep_metadata_only_stores_the_page_flagged_and_hidden(
    library: Library, tmp_path: Path
) -> None:
    from fandex.search import search

    folder = _folder(tmp_path, 1)
    (folder / "gate.html").write_bytes(GATE_PAGE)
    report = ImportSession(library, keep_metadata_only=True).run([folder])
    assert report.summary()["imported"] == 2
    kept = next(w for w in library.iter_works() if w.title == "Discretion Advised")
    assert kept.flags == [
        {"kind": "metadata-only", "reason": "no story text, looks like an adult-content gate page"}
    ]
    listed = search(library, "")
    assert [w.title for w in listed.works] == ["Story 0"]
    assert listed.hidden == 1
    shown = search(library, "", apply_blocklist=False)
    assert sorted(w.title for w in shown.works) == ["Discretion Advised", "Story 0"]


def _hostile_zips(folder: Path) -> None:
    """A damaged deflate stream, an unknown zip version and a tag of 100,000
    attributes: each raised past the per-file boundary before (zlib.error,
    NotImplementedError) or ran for minutes."""
    import io
    import zipfile

    story = f"Title: Zipped\n\n{BODY}".encode() * 20
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", story)
    damaged = bytearray(buf.getvalue())
    body = 30 + len("a.txt")
    damaged[body + 4 : body + 24] = bytes(20)  # zeros inside the deflate stream
    (folder / "damaged.zip").write_bytes(bytes(damaged))
    future = bytearray(buf.getvalue())
    directory = future.find(b"PK\x01\x02")
    future[directory + 6 : directory + 8] = (99).to_bytes(2, "little")
    (folder / "future.zip").write_bytes(bytes(future))
    attrs = " ".join(f'a{i}="x"' for i in range(100_000))
    (folder / "attrs.html").write_text(f"<html><body><p {attrs}>Hi.</p></body></html>")


def test_any_exception_from_one_file_fails_only_that_file(library: Library, tmp_path: Path) -> None:
    folder = _folder(tmp_path, 2)
    _hostile_zips(folder)
    report = ImportSession(library).run([folder])
    failed = {Path(r.path.split("!")[0]).name: r.reason or "" for r in report.failed}
    assert set(failed) == {"damaged.zip", "future.zip", "attrs.html"}
    assert "zlib.error" in failed["damaged.zip"]
    assert "zip feature fandex cannot read" in failed["future.zip"]
    assert "more than 1,000 attributes" in failed["attrs.html"]
    assert all("\n" not in reason for reason in failed.values())
    assert report.summary()["imported"] == 2


def test_a_file_over_the_time_budget_is_stopped_and_the_run_goes_on(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No file is read, cleaned, parsed and tagged in ten microseconds: every one overruns.
    # (Without the allowance per megabyte, which gives even a small file a millisecond
    # more: with a warm cache a tiny fic sometimes finished within it.)
    monkeypatch.setattr(importer, "BUDGET_PER_MB", 0.0)
    report = ImportSession(library, time_budget=0.00001).run([_folder(tmp_path, 2)])
    assert [r.status for r in report.results] == ["failed", "failed"]
    for r in report.results:
        assert "-second time budget; stopped" in (r.reason or "")
        assert "fandex import --time-budget" in (r.reason or "")
    assert library.count() == 0
    again = ImportSession(library, time_budget=60).run([tmp_path / "fics"])
    assert again.summary()["imported"] == 2


def test_time_budget_and_file_size_come_from_the_environment(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FANDEX_TIME_BUDGET", "7.5")
    monkeypatch.setenv("FANDEX_MAX_FILE_MB", "0.00005")  # 52 bytes
    session = ImportSession(library)
    assert session.time_budget == 7.5
    report = session.run([_folder(tmp_path, 1)])
    (result,) = report.results
    assert result.status == "failed"
    assert "over the 52-byte limit" in (result.reason or "")
    assert "--max-file-mb" in (result.reason or "")
    monkeypatch.setenv("FANDEX_TIME_BUDGET", "soon")
    with pytest.raises(ConfigError, match="FANDEX_TIME_BUDGET"):
        ImportSession(library)


def test_a_long_single_line_text_imports_whole(library: Library, tmp_path: Path) -> None:
    # Over the megabyte that words are counted and indexed by: the pieces must add up.
    words = ["rain", "harbour", "lantern", "Zoë", "don't", "well-lit"] * 400_000
    path = tmp_path / "one-line.txt"
    path.write_text("Title: One Line\n\n" + " ".join(words) + " lastword.")
    report = ImportSession(library).run([path])
    assert report.summary()["imported"] == 1
    work = next(library.iter_works(with_text=True))
    assert len(work.chapters[0].text) > 2_000_000
    assert work.words == len(words) + 1  # "don't" and "well-lit" are one word each
    from fandex.search import search

    for word in ("lastword", "zoe", "harbour"):
        assert search(library, word, facets=False).total == 1


def test_one_big_file_at_a_time_is_read_and_stored(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fandex.read.discover import Limits
    from fandex.workers import WorkerPool

    folder = tmp_path / "fics"
    for i in range(3):  # big: over a quarter of the 40,000-byte limit
        write_fic(folder, f"big{i}.txt", {"Title": f"Big {i}"}, f"{BODY} {i} " * 200)
    for i in range(4):
        write_fic(folder, f"small{i}.txt", {"Title": f"Small {i}"}, f"{BODY} {i}")
    events: list[tuple[str, str]] = []
    real_submit, real_flush = WorkerPool.submit, ImportSession._flush

    def submit(pool: WorkerPool, key: Any, arg: Any, budget: float | None = None) -> None:
        events.append(("sent", Path(key).name))
        real_submit(pool, key, arg, budget)

    def flush(session: ImportSession) -> None:
        events.extend(("stored", Path(r.path).name) for _w, r in session._batch)
        real_flush(session)

    monkeypatch.setattr(WorkerPool, "submit", submit)
    monkeypatch.setattr(ImportSession, "_flush", flush)
    report = ImportSession(library, jobs=2, limits=Limits(max_file_bytes=40_000)).run([folder])
    assert report.summary()["imported"] == 7
    bigs = [e for e in events if e[1].startswith("big")]
    assert bigs == [(kind, f"big{i}.txt") for i in range(3) for kind in ("sent", "stored")]


def test_workers_from_a_fork_server_import_under_a_small_size_limit(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fandex.read.discover import Limits

    # A fork server's worker builds and warms its own stages before its memory is capped
    # (a cap of 16 x a 40 KB limit would leave it no room for them), as in the web server.
    monkeypatch.setattr(importer, "start_method", lambda: "forkserver")
    report = ImportSession(library, jobs=1, limits=Limits(max_file_bytes=40_000)).run(
        [_folder(tmp_path, 2)]
    )
    assert [r.status for r in report.results] == ["imported", "imported"]


def test_the_documents_text_is_dropped_before_tagging_and_the_work_keeps_it() -> None:
    data = b"Title: Kept\nAuthor: Someone\n\nThe rain fell.\n\nShe waited by the door.\n"
    job = importer.Job("kept.txt", data, importer.content_hash(data), "0" * 16)
    ctx = TaggingOptions(names=()).stage_context()
    seen: dict[str, Any] = {}
    for name, stage in importer.STAGES:
        if name == "tag":
            assert job.doc is not None
            seen = {"blocks": job.doc.blocks, "chapters": job.doc.chapters}
            seen["format"] = job.doc.format
        stage(job, ctx)
    assert seen == {"blocks": [], "chapters": [], "format": "txt"}
    assert job.work is not None and "She waited" in job.work.chapters[0].text
