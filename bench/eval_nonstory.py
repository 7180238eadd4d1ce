"""The not-a-story judgement: how often it skips a story (false skips), and how often it
skips the pages that hold none.

Every story-like file found is read the way the importer reads it (read -> clean ->
parse) and judged by :func:`fandex.parse.nonstory.judge`:

- ``bench/`` story fixtures (the header corpus, the rating and tagger fixtures),
- ``examples/``,
- the passages of ``../shared/data/warning-passages-dev.jsonl``, each wrapped in a minimal
  header (a title line and an author line) as a short story file,
- the files of ``../shared/data/realworld/`` its labels call stories, and, as the other
  side, the ones they call not a story (true skips),
- any further files or folders named on the command line (counted as stories).

The shared files are real works by their authors, read from ``../shared/data`` only;
when that folder is absent the bench says so and measures the rest.

Run from the repository root::

    .venv/bin/python bench/eval_nonstory.py [-v] [PATH...]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from fandex.clean import clean
from fandex.errors import FandexError
from fandex.parse import build_work
from fandex.parse.nonstory import judge
from fandex.read import read_bytes

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
_STORY_SUFFIXES = (".txt", ".html", ".htm", ".md", ".rtf", ".docx", ".epub", ".odt")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in _STORY_SUFFIXES)


def _with_body(paths: list[Path]) -> list[Path]:
    """Header-corpus files whose sidecar gives story text (one is a header alone)."""
    out = []
    for p in paths:
        side = p.with_suffix(".json")
        if not side.is_file() or json.loads(side.read_text(encoding="utf-8")).get("body", "x"):
            out.append(p)
    return out


def _verdict(data: bytes, name: str) -> str | None:
    """Why the file would be skipped, or None when it imports as a story."""
    try:
        doc = clean(read_bytes(data, name))
    except FandexError as exc:
        return f"unreadable: {exc}"
    return judge(build_work(doc), doc)


def _passages() -> Iterator[tuple[str, bytes]]:
    path = SHARED / "warning-passages-dev.jsonl"
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        header = f"Passage {row['example_id']}\nby anonymous\n\n"
        yield f"passage-{row['example_id']}.txt", (header + row["text"]).encode()


def _realworld() -> tuple[list[Path], list[Path]]:
    gold = SHARED / "realworld" / "gold.yaml"
    if not gold.is_file():
        return [], []
    import yaml  # only the shared labels need it

    cases = yaml.safe_load(gold.read_text(encoding="utf-8"))["cases"]
    folder = gold.parent
    stories = [folder / c["file"] for c in cases if c.get("is_story")]
    others = [folder / c["file"] for c in cases if not c.get("is_story")]
    return stories, others


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="name every wrong verdict")
    ap.add_argument("paths", nargs="*", help="more story files or folders")
    args = ap.parse_args(argv)

    groups: dict[str, list[tuple[str, bytes]]] = {}

    def add(group: str, paths: list[Path]) -> None:
        groups.setdefault(group, []).extend((str(p), p.read_bytes()) for p in paths)

    add("bench header corpus", _with_body(_files(ROOT / "bench" / "header_corpus")))
    add("bench rating/tagger fixtures", _files(ROOT / "bench" / "rating_fixtures"))
    add("bench rating/tagger fixtures", _files(ROOT / "bench" / "tagger_fixtures"))
    add("examples", _files(ROOT / "examples"))
    groups["warning passages (wrapped)"] = list(_passages())
    stories, others = _realworld()
    add("shared realworld stories", stories)
    extra = [p for a in args.paths for p in (_files(Path(a)) if Path(a).is_dir() else [Path(a)])]
    add("given on the command line", extra)
    if not (SHARED / "warning-passages-dev.jsonl").is_file():
        print(f"eval_nonstory: {SHARED} is absent; shared passages and files not measured")

    total = skipped = 0
    for group, items in groups.items():
        if not items:
            continue
        wrong = [(name, reason) for name, data in items if (reason := _verdict(data, name))]
        total += len(items)
        skipped += len(wrong)
        print(f"{group:32} {len(wrong):4}/{len(items):<5} skipped  ({len(wrong) / len(items):.1%})")
        if args.verbose:
            for name, reason in wrong:
                print(f"    {Path(name).name}: {reason}")
    if total:
        print(f"false skips: {skipped}/{total} = {skipped / total:.2%}")
    if others:
        missed = [(str(p), None) for p in others if _verdict(p.read_bytes(), p.name) is None]
        print(f"true skips on the shared non-stories: {len(others) - len(missed)}/{len(others)}")
        if args.verbose:
            for name, _ in missed:
                print(f"    kept as a story: {Path(name).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
