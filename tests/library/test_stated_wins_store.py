"""The library never stores a guess that contradicts the author: every write reconciles,
and migration 0006 reconciles libraries made before."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete, insert, select, text

from fandex import review
from fandex.library import Library, schema
from fandex.model import Evidence, Tag, Work
from fandex.search import search

NAWA = "No Archive Warnings Apply"


def _work(*tags: Tag) -> Work:
    return Work(title="Harbour", id="ab12cd34ef56ab78", tags=list(tags))


def _guess(name: str, conf: float = 0.79, type_: str = "warning") -> Tag:
    ev = [Evidence(chapter=1, start=0, end=5, quote="words")]
    return Tag(type_, name, "inferred", conf, ev, "warnings")


def _flag_rows(lib: Library) -> list[tuple[str, str | None, str | None, float]]:
    f = schema.flags
    with lib.engine.connect() as conn:
        rows = conn.execute(select(f.c.kind, f.c.type, f.c.name, f.c.confidence).order_by(f.c.id))
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_saving_stores_a_contradicting_guess_as_a_flag_with_a_flag_row() -> None:
    lib = Library.open(":memory:")
    lib.save(_work(Tag("warning", NAWA), _guess("Underage Sex")))
    stored = lib.get("ab12")
    assert [t.name for t in stored.tags] == [NAWA]
    assert [f["tag"] for f in stored.flags] == ["Underage Sex"]
    assert _flag_rows(lib) == [("possible-missing-warning", "warning", "Underage Sex", 0.79)]


def test_a_persons_rating_turns_the_guess_beside_it_into_a_flag_and_back() -> None:
    lib = Library.open(":memory:")
    lib.save(_work(_guess("Explicit", 0.9, "rating")))
    lib.set_tag("ab12cd34ef56ab78", Tag("rating", "Teen And Up Audiences", source="user"))
    stored = lib.get("ab12")
    assert [(t.name, t.source) for t in stored.tags] == [("Teen And Up Audiences", "user")]
    assert [(f["kind"], f["tag"]) for f in stored.flags] == [("rating-disagrees", "Explicit")]
    no = Tag("rating", "Teen And Up Audiences", source="user", attrs={"rejected": True})
    lib.set_tag("ab12cd34ef56ab78", no)
    back = lib.get("ab12").find_tag("rating", "Explicit")
    assert back is not None and back.source == "inferred" and lib.get("ab12").flags == []
    assert _flag_rows(lib) == []


def test_rejecting_the_stated_warning_in_review_lets_the_guess_count() -> None:
    lib = Library.open(":memory:")
    lib.save(_work(Tag("warning", NAWA), _guess("Underage Sex")))
    assert search(lib, "warning:underage").total == 0
    review.decide(lib, "ab12", "warning", NAWA, "reject")
    assert search(lib, "warning:underage").total == 1
    assert lib.get("ab12").flags == []


def test_accepting_a_flagged_warning_overrules_no_archive_warnings_apply() -> None:
    lib = Library.open(":memory:")
    lib.save(_work(Tag("warning", NAWA), _guess("Underage Sex"), _guess("Rape/Non-Con", 0.6)))
    assert [i.tag.name for i in review.queue(lib)] == ["Underage Sex", "Rape/Non-Con"]
    review.decide(lib, "ab12", "warning", "Underage Sex", "accept")
    work = lib.get("ab12")
    said = {(t.name, t.source, bool(t.attrs.get("rejected"))) for t in work.tags}
    assert said == {(NAWA, "user", True), ("Underage Sex", "user", False)}
    assert [f["tag"] for f in work.flags] == ["Rape/Non-Con"]  # still a question
    assert search(lib, "warning:underage").total == 1
    assert search(lib, 'warning:"No Archive Warnings Apply"').total == 0


def test_accepting_the_rating_fandex_read_replaces_the_authors() -> None:
    lib = Library.open(":memory:")
    lib.save(_work(Tag("rating", "Teen And Up Audiences"), _guess("Explicit", 0.9, "rating")))
    assert [i.kind for i in review.queue(lib)] == ["rating-disagrees"]
    review.decide(lib, "ab12", "rating", "Explicit", "accept")
    assert [w.title for w in search(lib, "rating:E").works] == ["Harbour"]
    assert search(lib, "rating:T").total == 0 and review.queue(lib) == []


def test_migration_0006_reconciles_a_library_made_before_stated_wins(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    lib = Library.open(path)
    lib.save(_work(Tag("warning", NAWA), Tag("rating", "Teen And Up Audiences")))
    other = Work(title="Other", id="ffff000011112222", flags=[{"kind": "not-a-story"}])
    lib.save(other)
    with lib.engine.begin() as conn:  # as an old import left it
        for guess in (_guess("Underage Sex"), _guess("Explicit", 0.9, "rating")):
            conn.execute(
                insert(schema.tags).values(
                    work_id="ab12cd34ef56ab78",
                    type=guess.type,
                    name=guess.name,
                    source="inferred",
                    confidence=guess.confidence,
                    tagger=guess.tagger,
                    evidence_json=json.dumps([e.to_dict() for e in guess.evidence]),
                    attrs_json="{}",
                )
            )
        conn.execute(text("DROP TABLE flags"))
        m = schema.migrations_table
        conn.execute(delete(m).where(m.c.name == "0006_flags_stated_wins"))
    lib.close()

    lib = Library.open(path)
    work = lib.get("ab12")
    assert {t.name for t in work.tags} == {NAWA, "Teen And Up Audiences"}
    assert {f["tag"] for f in work.flags} == {"Underage Sex", "Explicit"}
    assert {r[2] for r in _flag_rows(lib)} == {"Underage Sex", "Explicit", None}
    assert [w.title for w in search(lib, "flagged:warning").works] == ["Harbour"]
    assert search(lib, "suspect:underage").total == 1 and search(lib, "warning:underage").total == 0
