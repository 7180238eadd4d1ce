"""Check the built-in rating, warning and content-note taggers on the rating fixtures.

The fixtures in ``bench/rating_fixtures/`` are short clinical texts written for fandex,
one or more per rating level, plus texts whose rating depends on context (a war story
with no gore, a romance that fades to black, idioms such as "killing time"). Each
fixture's expectations are in ``fixtures.toml``. Prints one line per fixture and the
share of fixtures whose rating and tag expectations all hold.

Run: ``.venv/bin/python bench/eval_rating.py``
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from usage import exit_on_help

from fandex.model import Chapter, Work
from fandex.tag.pipeline import TaggerPipeline

FIXTURES = Path(__file__).resolve().parent / "rating_fixtures"


def check(work: Work, want: dict[str, Any]) -> list[str]:
    """The expectations ``work`` fails (empty when all hold)."""
    inferred = {(t.type, t.name) for t in work.tags if t.source == "inferred"}
    problems: list[str] = []
    rating = next((t.name for t in work.tags if t.type == "rating"), None)
    if rating != want["rating"]:
        problems.append(f"rating {rating} != {want['rating']}")
    for name in want.get("warnings", []):
        if ("warning", name) not in inferred:
            problems.append(f"missing warning {name}")
    for name in want.get("not_warnings", []):
        if ("warning", name) in inferred:
            problems.append(f"unwanted warning {name}")
    if want.get("no_warnings"):
        extra = [n for t, n in inferred if t == "warning" and n != "No Archive Warnings Apply"]
        if extra:
            problems.append(f"unwanted warnings {extra}")
    for name in want.get("notes", []):
        if ("freeform", name) not in inferred:
            problems.append(f"missing note {name}")
    for name in want.get("no_notes", []):
        if ("freeform", name) in inferred:
            problems.append(f"unwanted note {name}")
    return problems


def main() -> None:
    manifest = tomllib.loads((FIXTURES / "fixtures.toml").read_text(encoding="utf-8"))
    pipeline = TaggerPipeline(["content-notes", "warnings", "rating"])
    ok_rating = ok_all = 0
    for name, want in manifest.items():
        text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
        work = pipeline(Work(title=name, chapters=[Chapter(1, text=text)]))
        rating = next(t for t in work.tags if t.type == "rating")
        problems = check(work, want)
        ok_rating += rating.name == want["rating"]
        ok_all += not problems
        notes = ", ".join(
            f"{t.name} {t.confidence:.2f}" for t in work.tags if t.type in ("warning", "freeform")
        )
        status = "ok  " if not problems else "FAIL"
        print(f"{status} {name:26s} {rating.name:22s} {rating.confidence:.2f}  [{notes}]")
        for p in problems:
            print(f"       {p}")
    n = len(manifest)
    print(f"\nrating right on {ok_rating}/{n} fixtures; all expectations met on {ok_all}/{n}")


if __name__ == "__main__":
    exit_on_help(__doc__)
    main()
