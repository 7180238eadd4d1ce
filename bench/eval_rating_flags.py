"""Rating flags on honestly rated works: how often the text reads above the author's rating.

A guessed rating above the author's is kept as a ``rating-disagrees`` flag for review
(``fandex.tag.reconcile``). On the written sets (the main set and the spent held-out
sets, ``calibration_sets.SPENT``; never the unseen set) every author rated by the content
as written, so every such flag there is a false alarm. This prints, over those works with
the author's rating taken away and every default tagger run (reconcile off), how many
guesses sit how many levels from the stated rating, and how many flags reconcile's
``FLAG_RATING_GAP`` keeps: the false-alarm rate a reader's review queue would see on
honestly rated works. It then gives each work its stated rating and warnings back and
runs the whole pipeline, reconcile included, and counts the works a rating flag of any
kind would put in the review queue (the rating tagger's own "possibly rated too low" flag
too). The rating model was fitted on these sets, so the rates are a floor; a real
library's flag rate far above them is the signal.

Run: ``.venv/bin/python bench/eval_rating_flags.py [FOLDER...]`` (``--list`` names each
flagged work; folders of written works instead of the main and spent sets)
"""

from __future__ import annotations

import argparse
import copy
from collections import Counter
from pathlib import Path

from calibration_sets import CALIBRATION_WORKS, SPENT
from labelled import corpus

from fandex.model import Tag
from fandex.tag.pipeline import TaggerPipeline
from fandex.tag.reconcile import FLAG_RATING_GAP
from fandex.vocab import ao3

RANK = {name: i for i, name in enumerate(ao3.RATING_ORDER)}


def level(name: str) -> int | None:
    """The rating's place on AO3's scale (None for Not Rated and other names)."""
    return RANK.get(ao3.canonical_rating(name) or "")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="name each work a flag would hold")
    parser.add_argument("folders", nargs="*", type=Path, help="folders of written works")
    args = parser.parse_args()
    pipe = TaggerPipeline(disable=["reconcile"])
    full = TaggerPipeline()
    gaps: Counter[int] = Counter()
    flagged: list[str] = []
    queued: list[str] = []
    for folder in args.folders or (CALIBRATION_WORKS, *SPENT):
        for item in corpus(folder):
            said = level((item.labels.get("rating") or [""])[0])
            if said is None:
                continue
            work = pipe(copy.deepcopy(item.work))  # item.work is given its tags back below
            guesses = [t for t in work.tags if t.type == "rating" and t.source != "stated"]
            guess = guesses[0] if guesses else None
            read = level(guess.name) if guess else None
            if guess is None or read is None:
                continue
            gaps[read - said] += 1
            if read - said >= FLAG_RATING_GAP:
                said_name = item.labels["rating"][0]
                flagged.append(f"{folder.name}/{item.name}: {guess.name} over {said_name}")
            whole = item.work
            whole.tags.append(Tag("rating", item.labels["rating"][0]))
            for name in item.stated_warnings:
                whole.tags.append(Tag("warning", name))
            shown = [f for f in full(whole).flags if f.get("type") == "rating"]
            if shown:
                said_name = item.labels["rating"][0]
                queued.append(f"{folder.name}/{item.name}: {shown[0].get('tag')} over {said_name}")
    total = sum(gaps.values())
    print(f"works with a stated rating and a guess: {total}")
    for gap in sorted(gaps):
        share = gaps[gap] / total
        print(f"  guess {gap:+d} levels from the author's: {gaps[gap]:4d} ({share:.1%})")
    above = sum(n for g, n in gaps.items() if g > 0)
    print(f"reading above the author's: {above} ({above / total:.1%})")
    print(
        f"flags kept (>= {FLAG_RATING_GAP} levels above): {len(flagged)} "
        f"({len(flagged) / total:.1%}), every one a false alarm on these sets"
    )
    if args.list:
        for line in flagged:
            print("  " + line)
    print(
        f"works a rating flag of any kind puts in the review queue, stated tags given back: "
        f"{len(queued)} ({len(queued) / total:.1%})"
    )
    if args.list:
        for line in queued:
            print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
