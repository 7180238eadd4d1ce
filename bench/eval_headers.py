"""Header parser evaluation: field accuracy and body word loss on bench/header_corpus.

Each ``NAME.txt`` in the corpus has a sidecar ``NAME.json`` with the fields a fan would
read from it (``fields``) and the story text (``body``). The file goes through the real
pipeline stages (txt reader -> clean -> build_work) and every expected field is
compared; lists compare as sets, strings ignoring case and whitespace.

Body word loss: story words (from ``body``) missing from the chapters, as a share of
all story words. Header leak: words in the chapters that are not story, same base.

Names are compared as stated: the fandom packs (another module's data, which grows)
are switched off unless ``--packs`` is given, so the figure measures the parser.

Run from the repository root::

    .venv/bin/python bench/eval_headers.py [-v] [--packs]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fandex.clean import clean  # noqa: E402
from fandex.model import Work  # noqa: E402
from fandex.parse import build_work, values  # noqa: E402
from fandex.read.txt import TextReader  # noqa: E402
from fandex.vocab import names  # noqa: E402

CORPUS = ROOT / "bench" / "header_corpus"
_WORD = re.compile(r"[\w'’]+")


def _tags(work: Work, type_: str) -> list[str]:
    return [t.name for t in work.tags if t.type == type_]


def actual_fields(work: Work) -> dict[str, Any]:
    """The parsed work, in the sidecar's field names."""
    rating = next((t for t in work.tags if t.type == "rating"), None)
    return {
        "title": work.title,
        "authors": work.authors,
        "rating": rating.name if rating else None,
        "rating_announced": rating.attrs.get("announced") if rating else None,
        "warnings": _tags(work, "warning"),
        "freeforms": _tags(work, "freeform"),
        "relationships": _tags(work, "relationship"),
        "characters": _tags(work, "character"),
        "fandoms": _tags(work, "fandom"),
        "categories": _tags(work, "category"),
        "summary": work.summary,
        "disclaimer": work.disclaimer,
        "spoilers": work.spoilers,
        "dedication": work.dedication,
        "notes_begin": work.notes_begin,
        "notes_end": work.notes_end,
        "status": work.status,
        "published": work.published,
        "updated": work.updated,
        "series": _series_text(work),
        "language": work.language,
        "chapter_titles": [c.title for c in work.chapters],
        "chapter_count": len(work.chapters),
        "footnotes": {f.mark: f.text for f in work.footnotes},
        "header_labels": sorted(work.header),
    }


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    if isinstance(value, list):
        return sorted(_norm(v) if v is not None else "" for v in value)
    if isinstance(value, dict):
        return {str(k): _norm(v) for k, v in value.items()}
    return value


def _series_text(work: Work) -> str | None:
    """The series a work keeps, written as a header states it ("Frost Cycle, part 2 of
    4"), to compare with the corpus text without reading it through the parser."""
    shown = [e.label + (f" of {e.total}" if e.total else "") for e in work.series]
    return "; ".join(shown) or None


def _drop_article(value: Any) -> Any:
    """ "The Frost Cycle" and "Frost Cycle" are one series name."""
    return re.sub(r"^\s*the\s+", "", value, flags=re.I) if isinstance(value, str) else value


def same(expected: Any, actual: Any) -> bool:
    """Expected and parsed values agree (lists as sets, strings loosely)."""
    if isinstance(expected, list) and isinstance(actual, list):
        return set(map(str, _norm(expected))) == set(map(str, _norm(actual)))
    if expected == "":
        expected = None
    if actual == "":
        actual = None
    return _norm(expected) == _norm(actual)


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    ap.add_argument("--packs", action="store_true", help="resolve names through the fandom packs")
    args = ap.parse_args(argv)
    verbose = args.verbose
    if not args.packs:
        names.resolve_character = lambda n, fandoms=None: " ".join(n.split())  # type: ignore[assignment]
        names.resolve_ship = lambda n, fandoms=None: None  # type: ignore[assignment]
        values.resolve_fandom = lambda name: name  # type: ignore[assignment]
        values.is_known_fandom = lambda name: False  # type: ignore[assignment]
    cases = sorted(CORPUS.glob("*.txt"))
    if not cases:
        print(f"no corpus at {CORPUS}")
        return 1
    total = correct = 0
    per_field: dict[str, list[int]] = {}
    lost = leaked = body_total = 0
    failures: list[str] = []
    started = time.perf_counter()
    for path in cases:
        spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        doc = TextReader().read(path.read_bytes(), path.name)
        work = build_work(clean(doc))
        got = actual_fields(work)
        for name, expected in spec["fields"].items():
            if name == "series":
                expected, got[name] = _drop_article(expected), _drop_article(got[name])
            ok = same(expected, got[name])
            total += 1
            correct += ok
            per_field.setdefault(name, [0, 0])
            per_field[name][0] += ok
            per_field[name][1] += 1
            if not ok:
                failures.append(f"{path.stem}: {name}: expected {expected!r}, got {got[name]!r}")
        want = words(spec.get("body", ""))
        have = words(work.text)
        body_total += sum(want.values())
        lost += sum((want - have).values())
        leaked += sum((have - want).values())
        if verbose and (want - have or have - want):
            failures.append(
                f"{path.stem}: body: lost {sorted(want - have)}, leaked {sorted(have - want)}"
            )
    elapsed = time.perf_counter() - started
    mode = "names via fandom packs" if "--packs" in argv else "names as stated"
    print(f"header corpus: {len(cases)} files, {total} expected fields, {elapsed:.2f}s ({mode})")
    print(f"field accuracy: {correct}/{total} = {100 * correct / total:.1f}%")
    print(f"body word loss: {lost}/{body_total} = {100 * lost / max(body_total, 1):.2f}%")
    print(f"header words leaked into body: {leaked} ({100 * leaked / max(body_total, 1):.2f}%)")
    print("per field:")
    for name, (ok, n) in sorted(per_field.items()):
        print(f"  {name:18} {ok:3}/{n:<3} {100 * ok / n:5.1f}%")
    if failures:
        print(f"{len(failures)} mismatches" + ("" if verbose else " (-v to list)"))
        if verbose:
            for line in failures:
                print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
