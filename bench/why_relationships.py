"""Why a stated relationship is not found: one reason per missed relationship, per work.

    .venv/bin/python bench/why_relationships.py FOLDER [FOLDER ...]

Each work is read as ``eval_relationships.py`` reads it (its stated tags taken away);
for every stated relationship not found at the shown bar, the first of these that holds
is printed, and a table of their counts per folder:

- ``not in text``: a person of it is named nowhere in the text ("Narrator", a nickname
  only): no name to find;
- ``person not tagged``: a person is named but no inferred character is them;
- ``no evidence``: both are characters, but no romance cue sentence (for "/") or
  friendship cue sentence (for "&") joins them;
- ``relatives rule``: the pair has evidence but is taken for relatives;
- ``affection only``: (for "/") every cue sentence joining them is what a friend or a
  relative gives as well (a hug, "love you", a hand held): no couple;
- ``below the bar``: the pair has evidence but no guess is made (too little of it);
- ``wrong kind``: a guess joins them with the other separator;
- ``guess under 0.6``: the guess is made, at a confidence under the shown bar.

A story told in "I" or "you" by a narrator no character tag stands for
(:func:`fandex.tag.characters_narrator.told_by`) has its misses of the first two kinds
counted apart as well (``... told in I/you``): the person missing is most often that
narrator, a fault of character finding rather than of the relationship rules.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections import Counter
from pathlib import Path

from eval_relationships import SHOWN
from labelled import _person_words, corpus, right, same_person, split_relationship

from fandex.model import Work
from fandex.tag.characters_narrator import told_by
from fandex.tag.friendship import friendship_pairs
from fandex.tag.kinship import shared_family_name
from fandex.tag.pipeline import TaggerPipeline
from fandex.tag.relationships import relatives
from fandex.tag.romance import score_pairs

REASONS = (
    "not in text",
    "person not tagged",
    "no evidence",
    "relatives rule",
    "affection only",
    "below the bar",
    "wrong kind",
    "guess under 0.6",
)


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKC", s).casefold()


def reason(label: str, work_text: str, chars: list[str], work: Work) -> tuple[str, str]:
    """The first reason ``label`` is missed, and a detail."""
    sep, people = split_relationship(label)
    low = _fold(work_text)
    who: list[list[str]] = []
    for p in people:
        outside, inside = _person_words(p)
        if not any(re.search(rf"\b{re.escape(w)}\b", low) for w in outside | inside):
            return "not in text", p
        who.append([c for c in chars if same_person(p, c)])
    if any(not w for w in who):
        return "person not tagged", ", ".join(p for p, w in zip(people, who, strict=True) if not w)
    tags = [t for t in work.tags_of("relationship") if t.source == "inferred"]
    for t in tags:
        # The same people, whatever the kind.
        if right("relationship", _romantic(t.name), [_romantic(label)]):
            if t.confidence < SHOWN:
                return "guess under 0.6", f"{t.name} {t.confidence:.2f}"
            return "wrong kind", t.name
    pairs = set()
    if len(who) == 2:
        pairs = {frozenset((a, b)) for a in who[0] for b in who[1] if a != b}
    romance = score_pairs(work)
    friends = friendship_pairs(work) if sep == "&" else {}
    ev = {frozenset(k): v for k, v in (*romance.pairs.items(), *friends.items())}
    got = [(p, ev[p]) for p in pairs if p in ev]
    if not got:
        return "no evidence", ""
    p, ps = max(got, key=lambda kv: kv[1].score)
    a, b = sorted(p)
    if relatives(a, b) or shared_family_name(work, [(a, b)]):
        return "relatives rule", f"{a} / {b}"
    if sep == "/" and ps.romantic == 0:
        return "affection only", f"{ps.sentences} sentences"
    return (
        "below the bar",
        f"score {ps.score:.2f}, {ps.sentences} sentences ({ps.named} naming both)",
    )


def _romantic(name: str) -> str:
    return "/".join(p.strip() for p in name.replace("&", "/").split("/"))


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("folders", nargs="+", type=Path, help="folders of works stating their tags")
    args = ap.parse_args()
    pipe = TaggerPipeline()
    for folder in args.folders:
        counts: Counter[str] = Counter()
        for item in corpus(folder):
            labels = item.labels.get("relationship", [])
            work = pipe(item.work)
            seen = [
                t.name
                for t in work.tags_of("relationship")
                if t.source == "inferred"
                and t.confidence >= SHOWN
                and t.attrs.get("status") != "past"
            ]
            chars = [t.name for t in work.tags_of("character") if t.source == "inferred"]
            text = "\n".join(ch.text for ch in work.chapters)
            narrated = not any(t.attrs.get("narrator") for t in work.tags_of("character"))
            person = told_by(work) if narrated else None
            for lab in labels:
                if any(right("relationship", n, [lab]) for n in seen):
                    counts["found"] += 1
                    continue
                why, detail = reason(lab, text, chars, work)
                counts[why] += 1
                if person is not None and why in REASONS[:2]:
                    counts[f"{why} told in I/you"] += 1
                    detail = f"{detail}; told in {person!r}, no narrator tagged"
                print(f"  {item.name}: {lab}: {why}" + (f" ({detail})" if detail else ""))
        kinds = ("found", *REASONS[:2], *(f"{r} told in I/you" for r in REASONS[:2]), *REASONS[2:])
        row = ", ".join(f"{k} {counts[k]}" for k in kinds if counts[k])
        print(f"{folder.name}: {row}")


if __name__ == "__main__":
    main()
