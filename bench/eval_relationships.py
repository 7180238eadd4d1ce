"""Relationships found and guesses right, as a reader sees them, per folder of works.

    .venv/bin/python bench/eval_relationships.py [FOLDER ...] [--misses]

With no folder, the main written set (``bench/calibration_works``).

For every work of each folder (works that state their tags, read with the stated tags
taken away, as ``calibration_sets.written`` reads them), the inferred relationships
shown at the bar a reader sees (``SHOWN``, not past) are matched against the stated
ones: how many stated relationships are found, how many guesses are right. ``--misses``
lists, per work, the stated relationships not found and the wrong guesses (with every
guess under the bar, for diagnosis).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from labelled import corpus, right

from fandex.tag.pipeline import TaggerPipeline

SHOWN = 0.6


def score(folder: Path, misses: bool) -> tuple[int, int, int, int]:
    """(stated, found, guesses shown, right) over the works of ``folder``."""
    pipe = TaggerPipeline()
    stated = found = shown = ok = 0
    for item in corpus(folder):
        labels = item.labels.get("relationship", [])
        work = pipe(item.work)
        guesses = [
            t
            for t in work.tags_of("relationship")
            if t.source == "inferred" and t.attrs.get("status") != "past"
        ]
        seen = [t for t in guesses if t.confidence >= SHOWN]
        hit = [lab for lab in labels if any(right("relationship", t.name, [lab]) for t in seen)]
        good = [t for t in seen if right("relationship", t.name, labels)]
        stated, found = stated + len(labels), found + len(hit)
        shown, ok = shown + len(seen), ok + len(good)
        if misses and (len(hit) < len(labels) or len(good) < len(seen)):
            print(f"  {item.name}")
            for lab in labels:
                if lab not in hit:
                    print(f"    missed: {lab}")
            for t in guesses:
                mark = "ok" if right("relationship", t.name, labels) else "WRONG"
                print(f"    guess {t.confidence:.2f} {mark}: {t.name}")
    return stated, found, shown, ok


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument(
        "folders", nargs="*", type=Path, help="folders of works (default: the main written set)"
    )
    ap.add_argument(
        "--misses", action="store_true", help="list each work's misses and wrong guesses"
    )
    args = ap.parse_args()
    misses = args.misses
    folders = list(args.folders)
    # (Printing nothing for no folder looked like a bench that found nothing.)
    for folder in folders or [Path(__file__).resolve().parent / "calibration_works"]:
        stated, found, shown, ok = score(folder, misses)
        print(
            f"{folder.name}: {found}/{stated} stated relationships found; "
            f"{ok}/{shown} guesses shown (>= {SHOWN}) right"
        )


if __name__ == "__main__":
    main()
