"""Stated wins on real files: how many guessed ratings and archive warnings are shown
beside a stated one they contradict (the target is 0), before and after reconciling.

Reads every file of ``../shared/data/realworld/gold.yaml`` (real files, for measuring
only; skipped with a note when absent) and ``examples/``, runs each through read, clean,
parse and every default tagger, and counts, per file:

- ``before``: guesses (inferred/learned) of a rating or warning beside the author's own
  (what fandex showed before the reconcile stage);
- ``shown``: the same count on the work as the library stores and shows it (after the
  pipeline's reconcile stage and a save), in its tags and in a blurb's "fandex noticed"
  line; and how many of those a search counts (``warning:X`` / ``rating:X`` selecting the
  work on a guess against its author);
- ``flags``: guesses kept as flags for review, and how many ``suspect:`` finds;
- ``odd pairs``: inferred relationships shown (at the relationship bar) that join a
  person to themselves under another spelling (the same first name: "Draco M." and
  "Draco Malfoy") or two relatives (a pack's family, or one family name no pack
  knows). The target is 0.

Run: ``.venv/bin/python bench/eval_stated_wins.py`` (a minute or two: one file is a
large anthology).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from fandex.clean import clean
from fandex.library import Library
from fandex.model import Work, content_hash, work_id_for
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.search import search
from fandex.tag.pipeline import TaggerPipeline
from fandex.tag.reconcile import contradicted, decided_types, held_tag
from fandex.tag.relationships import relatives
from fandex.web.render import blurb_notes

ROOT = Path(__file__).resolve().parents[1]
REALWORLD = ROOT.parent / "shared" / "data" / "realworld"


def files() -> list[Path]:
    out: list[Path] = []
    gold = REALWORLD / "gold.yaml"
    if gold.exists():
        names = re.findall(r"^- file:\s*(\S+)", gold.read_text("utf-8"), re.M)
        out += [REALWORLD / n for n in names]
    else:
        print(f"(no real-world set at {REALWORLD}: examples only)")
    out += sorted(p for p in (ROOT / "examples").rglob("*") if p.is_file())
    return out


def contradictions(work: Work) -> list[str]:
    decided = decided_types(work)
    return [f"{t.type}:{t.name} {t.confidence:.2f}" for t in work.tags if contradicted(t, decided)]


# The confidence from which an inferred relationship is shown (the listing's bar).
SHOWN_RELATIONSHIP = 0.6


def odd_pairs(work: Work) -> list[str]:
    """Shown inferred relationships between one person and themselves, or relatives."""
    out = []
    for t in work.tags_of("relationship"):
        if t.source != "inferred" or t.confidence < SHOWN_RELATIONSHIP:
            continue
        people = [p.strip() for p in re.split(r"[/&]", t.name) if p.strip()]
        pairs = [(a, b) for i, a in enumerate(people) for b in people[i + 1 :]]
        if any(a.split()[0] == b.split()[0] or relatives(a, b) for a, b in pairs):
            out.append(f"{t.name} {t.confidence:.2f}")
    return out


def quote(name: str) -> str:
    return '"' + name.replace('"', "") + '"'


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--flags", action="store_true", help="list each flag kept for review")
    args = parser.parse_args()
    plain = TaggerPipeline(disable=["reconcile"])
    full = TaggerPipeline()
    lib = Library.open(":memory:")
    totals = {"files": 0, "before": 0, "shown": 0, "blurb": 0, "counted": 0, "flags": 0}
    totals["suspect_found"] = 0
    totals["odd"] = 0
    started = time.monotonic()
    print(f"{'file':48} before  shown  flags  suspect")
    for path in files():
        data = path.read_bytes()
        try:
            doc = clean(read_bytes(data, path.name))
        except Exception as exc:  # a file fandex refuses is not a work
            print(f"{path.name[:48]:48} (not read: {str(exc).splitlines()[0][:40]})")
            continue
        base = build_work(doc)
        base.id = work_id_for(content_hash(data))
        before = contradictions(plain(Work.from_dict(base.to_dict(with_text=True))))
        work = full(base)
        lib.save(work)
        stored = lib.get(work.id)
        shown = contradictions(stored)
        decided = decided_types(stored)
        blurb = [t for t in blurb_notes(stored, limit=1000)[0] if contradicted(t, decided)]
        counted = 0
        suspected = 0
        held = [t for t in map(held_tag, stored.flags) if t is not None]
        for tag in held:
            field = "warning" if tag.type == "warning" else "rating"
            ids = {w.id for w in search(lib, f"{field}:{quote(tag.name)}", per_page=1000).works}
            counted += stored.id in ids
            ids = {w.id for w in search(lib, f"suspect:{quote(tag.name)}", per_page=1000).works}
            suspected += stored.id in ids
        totals["files"] += 1
        totals["before"] += len(before)
        totals["shown"] += len(shown)
        totals["blurb"] += len(blurb)
        totals["counted"] += counted
        totals["flags"] += len(held)
        totals["suspect_found"] += suspected
        odd = odd_pairs(stored)
        totals["odd"] += len(odd)
        for line in odd:
            print(f"{path.name[:48]:48} ODD PAIR {line}")
        if before or shown or held:
            print(
                f"{path.name[:48]:48} {len(before):>6} {len(shown):>6} {len(held):>6} "
                f"{suspected:>4}/{len(held)}"
            )
            for line in shown:
                print(f"    STILL SHOWN {line}")
            if args.flags:
                for tag in held:
                    said = ", ".join(t.name for t in stored.tags if t.type == tag.type)
                    print(f"    FLAG {tag.type} {tag.name} ({tag.confidence:.2f}); stated {said}")
    print()
    print(f"files read: {totals['files']} ({time.monotonic() - started:.0f} s)")
    print(
        f"guessed ratings/warnings beside a stated one they contradict, before: {totals['before']}"
    )
    print(f"  shown in the stored work's tags now: {totals['shown']}")
    print(f"  shown on a listing blurb's 'fandex noticed' line now: {totals['blurb']}")
    print(f"  selected by warning:/rating: search on the guess now: {totals['counted']}")
    print(f"kept as flags for review: {totals['flags']}, ", end="")
    print(f"found by suspect: {totals['suspect_found']}")
    print(f"odd pairs shown (a person with themselves, or relatives): {totals['odd']}")
    return 0 if totals["shown"] == totals["blurb"] == totals["counted"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
