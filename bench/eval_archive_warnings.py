"""Score the four archive warnings on short passages written for fandex.

The passage-level dataset of ``eval_warnings.py`` has no question for Rape/Non-Con,
Underage Sex or Graphic Depictions Of Violence, the warnings readers filter on most, so
this script checks them on ``bench/archive_fixtures/cases.toml``: clinical, non-graphic
passages with hard negatives (consensual scenes with "no" and "stop" in them, teenagers
and adults in one text, a battle "assault"). The ``tune`` cases were looked at while the
cue lists were changed; the ``check`` cases were written afterwards and scored as they
were. It prints, per part, each case that went wrong and the precision and recall of the
warnings over all cases. The figures say little about real fics (the texts are short and
written by one person); they show whether the rules do what they claim.

Run: ``.venv/bin/python bench/eval_archive_warnings.py``
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from usage import exit_on_help

from fandex.model import Chapter, Work
from fandex.tag.content import content_tagger
from fandex.tag.warnings import DEATH, GRAPHIC, NONCON, UNDERAGE, warnings_tagger

CASES = Path(__file__).resolve().parent / "archive_fixtures" / "cases.toml"
NAMES = {"noncon": NONCON, "underage": UNDERAGE, "graphic": GRAPHIC, "death": DEATH}


def inferred(text: str) -> set[str]:
    """The short names of the archive warnings fandex infers for ``text``."""
    work = Work(title="case", chapters=[Chapter(1, text=" ".join(text.split()))])
    content_tagger(work)
    warnings_tagger(work)
    found = {t.name for t in work.tags if t.type == "warning" and t.source == "inferred"}
    return {short for short, name in NAMES.items() if name in found}


def main() -> None:
    cases = tomllib.loads(CASES.read_text(encoding="utf-8"))["case"]
    parts = list(dict.fromkeys(c["part"] for c in cases))  # in file order
    for part in parts:
        rows = [c for c in cases if c["part"] == part]
        tp = fp = fn = 0
        right = 0
        print(f"\n{part} part: {len(rows)} passages")
        for case in rows:
            want, got = set(case["expect"]), inferred(case["text"])
            tp += len(want & got)
            fp += len(got - want)
            fn += len(want - got)
            if want == got:
                right += 1
            else:
                print(f"  wrong: {case['id']:32s} expected {sorted(want)}, got {sorted(got)}")
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        print(
            f"  {right}/{len(rows)} passages exactly right; warnings precision {prec:.2f},"
            f" recall {rec:.2f} ({tp} found, {fp} false, {fn} missed)"
        )


if __name__ == "__main__":
    exit_on_help(__doc__)
    main()
