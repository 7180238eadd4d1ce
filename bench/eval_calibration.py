"""Are fandex's confidences probabilities? A reliability table per tag type, and its ECE.

    .venv/bin/python bench/eval_calibration.py [--corpus DIR] [--no-passages] [--spent] [--write]
    .venv/bin/python bench/eval_calibration.py --held-out
    .venv/bin/python bench/eval_calibration.py --no-passages --rating-seeds

A tag shown at 0.9 should be right about nine times in ten. For every inferred tag that
labelled data can judge (``calibration_sets.py`` says where the labels come from: the
real files with their stated tags hidden, works written for fandex that state their tags,
the benches' fixtures, the warning passages), this bench records (confidence, right or
wrong) and prints per tag type:

- the counts (tags, works, per source): with few tags an ECE says little, and the
  interval printed beside it (a 90% bootstrap over works) says how little;
- the expected calibration error (ECE: the gap between confidence and share right,
  averaged over tags in ten confidence bins; target <= 0.08) and the Brier score of the
  raw confidence, of the calibration map **held out by work** (every tag scored through a
  map fitted, its prior strength chosen included, on folds without its work;
  ``calibration_fit.py``), and **as shown**: through the map where one ships, under the
  cap where one is set (measured without the tag's work too), else raw;
- the reliability table of the confidences as shown, and their ECE per source.

The content notes are scored on the passages by note models fitted without the passage's
work (``train_note_model.py``'s cross-validation), and so is the rating: every labelled
rating is guessed again by a rating model fitted without its work
(``train_rating_model.py``'s cross-validation; the most probable rating, its probability
through the model's map as the confidence), so the table does not score the model on
works it was fitted on; without ``--spent`` every such model is fitted on the spent
sets' ratings too (labelled works of their own, never scored then), as the shipped one is. A
map ships when it is fitted on right and wrong guesses both, beats the raw confidence
held out, meets the target held out and is not flat (a constant loses the tagger's
ranking); a type whose raw confidence misses the target and that no map calibrates gets a
cap, the share of its guesses measured right (``calibration_fit.decide``). An archive
warning may instead ship *shares*: the share right of the guesses of its name, shrunk
towards the others' (``calibration_fit.fit_shares``), when held out they beat the raw
confidence and any map (its raw confidence then had no ranking worth keeping).
``--write`` writes the maps, shares and caps to ``fandex/vocab/calibration.toml`` (SciPy,
the ``learn`` extra).
``--held-out`` scores only the works of ``calibration_works/heldout/`` (``--held-out-dir
DIR``: of DIR), written for calibration and never fitted on: their tags as fandex shows
them (through the shipped maps, shares and caps) and raw.
``--spent`` adds the works of the spent held-out sets (``heldout/`` to ``heldout24/``:
scored, then read while the taggers changed, so labelled data now, never the unseen
``heldout25/``) as a source of their own: more rows, narrower
intervals (with ``--write`` the maps are fitted on them too).
With ``--spent`` the characters are also scored **held out by set**: each spent set is
scored through a map fitted (prior chosen included) on every other set and source, as
an unseen set of new writers would be (works of one set share writers, so a map held
out by work alone has seen the set's other works).
``--write --only KEY`` writes the map of KEY alone (say ``character``), every other
table of the file left as it is.
``--rows`` prints every character guess on the real files (with ``--spent``, on the spent
works too): confidence shown, raw, mentions, density, share, role, stated or not; and, for
the ratings, each source's reliability table, its rows split into guesses the author's
other tags lean and guesses from the text alone, and every real file's and fixture's guess.
``--rating-seeds`` prints the rating table's ECE and Brier under six assignments of works
to folds, and their mean and spread (one assignment's figure on 122 rows moves by a few
hundredths); the rating table also prints what a perfectly calibrated guesser with its
confidences would show by chance (the ECE's floor on so few rows).
``--fandom-text`` scores the fandom guessed from the text alone (the ``Fandom:`` line
dropped as well) on the written and spent works: one canon's several AO3 fandoms are
judged by family (``labelled.same_fandom``).
``--corpus DIR`` adds a folder of AO3 downloads (outside the repository) and prints, for
its works, the precision and recall of the tags shown by default and the false alarms
issue 14 names (``labelled.py``).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from calibration_fit import (
    MAPS,
    SHARES,
    Decision,
    Fitted,
    bootstrap,
    brier,
    capped_held_out,
    cross_validated,
    decide,
    fit,
    fit_shares,
    raw,
    share_cap,
    shares_cross_validated,
)
from calibration_sets import (
    NOTES,
    SPENT,
    Judged,
    Row,
    everything,
    passage_notes,
    the_corpus,
    written,
)
from labelled import Tally
from passages import ece, load, reliability
from rating_fit import held_out_rows
from usage import exit_on_help

from fandex.tag.rating_model import STATED as RATING_LEANS

HERE = Path(__file__).resolve().parent
TARGET_ECE = 0.08
# Draws of a calibrated guesser for the rating table's chance floor (rating_floor).
FLOOR_DRAWS = 2000
# The assignments of works to folds ``--rating-seeds`` scores the rating table under.
RATING_SEEDS = ("", "#1", "#2", "#3", "#4", "#5")
SOURCES = ("real", "real AO3", "written", "spent", "fixtures", "passages", "corpus")
# Types whose rows are a learned model's guesses held out by work (no map over them).
LEARNED = (NOTES, "rating")


def _source(r: Row) -> str:
    return str(r[3].get("_source", "?"))


def held_out(judged: Judged, shares: bool = False) -> Judged:
    """Every row through its map (``shares``: through shares by name) held out by work; a
    type without one keeps its raw confidence."""
    out: Judged = {t: [(raw(r), r[1], r[2], r[3]) for r in rows] for t, rows in judged.items()}
    for key, where in by_key(judged).items():
        if key not in (SHARES if shares else MAPS):
            continue
        rows = [judged[t][i] for t, i in where]
        mapped = shares_cross_validated(rows) if shares else cross_validated(key, rows)
        for (t, i), r in zip(where, mapped, strict=True):
            out[t][i] = r
    return out


def _figure(rows: list[Row]) -> str:
    lo, hi = bootstrap(rows)
    return f"ECE {ece([r[0] for r in rows], [r[1] for r in rows]):.3f} [{lo:.2f}-{hi:.2f}]"


def by_key(judged: Judged) -> dict[str, list[tuple[str, int]]]:
    """Where each map key's rows are: (tag type, index)."""
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for type_, rows in judged.items():
        for i, r in enumerate(rows):
            out[str(r[3].get("_map", type_))].append((type_, i))
    return out


def decisions(judged: Judged, mapped: Judged, shared: Judged) -> dict[str, Decision]:
    """What each map key ships with (``calibration_fit.decide``), given every row held
    out through maps (``mapped``) and through shares (``shared``)."""
    out: dict[str, Decision] = {}
    for key, where in by_key(judged).items():
        if key in MAPS:
            rows = [judged[t][i] for t, i in where]
            held = [mapped[t][i] for t, i in where]
            by_name = [shared[t][i] for t, i in where] if key in SHARES else None
            out[key] = decide(key, rows, held, TARGET_ECE, by_name)
    return out


def as_shown(judged: Judged, mapped: Judged, shared: Judged, chosen: dict[str, Decision]) -> Judged:
    """Every row's confidence as fandex would show it, held out by work: through its map
    or its shares where they ship, under its cap where one is set, else raw."""
    out: Judged = {t: list(rows) for t, rows in mapped.items()}
    for key, where in by_key(judged).items():
        d = chosen.get(key)
        rows = [judged[t][i] for t, i in where]
        if d is None or d.kind == "map":
            continue
        if d.kind == "shares":
            shown = [shared[t][i] for t, i in where]
        elif d.kind == "cap":
            shown = capped_held_out(rows)
        else:
            shown = [(raw(r), *r[1:]) for r in rows]
        for (t, i), r in zip(where, shown, strict=True):
            out[t][i] = r
    return out


def show(judged: Judged, mapped: Judged, shared: Judged, shown: Judged) -> None:
    """Print every type's figures: raw, through a map held out by work (and through
    shares by name, for a type that may have them), as shown."""
    for type_ in sorted(judged):
        rows, held, seen = judged[type_], mapped[type_], shown[type_]
        if not rows:
            continue
        raw_rows = [(raw(r), r[1], r[2], r[3]) for r in rows]
        works = len({r[2] for r in rows})
        right = sum(r[1] for r in rows) / len(rows)
        counts: dict[str, int] = defaultdict(int)
        for r in rows:
            counts[_source(r)] += 1
        where = ", ".join(f"{s} {n}" for s, n in sorted(counts.items()))
        e_seen = ece([r[0] for r in seen], [r[1] for r in seen])
        mark = "ok" if e_seen <= TARGET_ECE else "over target"
        print(f"\n{type_}: {len(rows)} tags in {works} works ({where}); {right:.0%} right")
        if type_ == "rating":
            print(f"  model, held out:    {_figure(raw_rows)}, Brier {brier(raw_rows):.3f}")
        if type_ not in LEARNED:
            print(f"  raw confidence:     {_figure(raw_rows)}, Brier {brier(raw_rows):.3f}")
            print(f"  map, held out:      {_figure(held)}, Brier {brier(held):.3f}")
            if any(r[3].get("_map", type_) in SHARES for r in rows):
                by_name = shared[type_]
                print(f"  shares, held out:   {_figure(by_name)}, Brier {brier(by_name):.3f}")
        print(
            f"  as shown, held out: {_figure(seen)}, Brier {brier(seen):.3f}"
            f"  ({mark}, target <= {TARGET_ECE})"
        )
        parts = {s: [r for r in seen if _source(r) == s] for s in SOURCES}
        parts["real AO3"] = [r for r in seen if r[3].get("_ao3")]
        line = "; ".join(f"{s} {_figure(p)} ({len(p)})" for s, p in parts.items() if p)
        if len(counts) > 1:
            print(f"  by source: {line}")
        if type_ == "character":
            briers = "; ".join(f"{s} {brier(p):.3f}" for s, p in parts.items() if p)
            print(f"  Brier by source: {briers}")
            shown_on_real(seen)
            if any(_source(r) == "spent" for r in rows):
                by_set(str(rows[0][3].get("_map", type_)), rows)
            if "--rows" in sys.argv:
                character_rows(seen)
        if type_ == "rating":
            rating_floor(seen)
        if type_ == "rating" and "--rows" in sys.argv:
            rating_rows_by_source(seen)
        keys = sorted({str(r[3].get("_map", type_)) for r in seen})
        if len(keys) > 1:
            maps = {k: [r for r in seen if r[3].get("_map") == k] for k in keys}
            print("  by map: " + "; ".join(f"{k} {_figure(p)} ({len(p)})" for k, p in maps.items()))
        print(f"    {'confidence':>10s} {'tags':>5s} {'mean conf.':>10s} {'share right':>11s}")
        for bin_, n, conf, acc in reliability([r[0] for r in seen], [r[1] for r in seen]):
            print(f"    {bin_:>10s} {n:5d} {conf:10.2f} {acc:11.2f}")


def rating_rows_by_source(seen: list[Row]) -> None:
    """Per source, the rating rows' reliability table, split by what the guess rests on
    (the author's other tags leaning it, or the text alone, as a bare file is read), and
    every real file's and fixture's guess: what each source's ECE is made of."""
    for source in ("real", "written", "spent", "fixtures"):
        part = [r for r in seen if _source(r) == source]
        if not part:
            continue
        leant = [r for r in part if any(r[3].get("_s", {}).get(k) for k in RATING_LEANS)]
        bare = [r for r in part if r not in leant]
        print(f"  {source}: {len(part)} ratings hidden and guessed")
        for name, rows in (("leant by the author's other tags", leant), ("text alone", bare)):
            if rows:
                print(f"    {len(rows):3d} {name}: {_figure(rows)}")
        for bin_, n, conf, acc in reliability([r[0] for r in part], [r[1] for r in part]):
            print(f"    {bin_:>10s} {n:5d} {conf:10.2f} {acc:11.2f}")
        if source in ("real", "fixtures"):
            for r in part:
                how = "leant" if r in leant else "text"
                print(
                    f"      {r[2][:44]:44s} {str(r[3].get('_label'))[:8]:8s} guessed"
                    f" {str(r[3].get('_name'))[:8]:8s} {r[0]:.2f} {how:5s}"
                    f" {'right' if r[1] else 'wrong'}"
                )


def rating_floor(seen: list[Row]) -> None:
    """What a perfectly calibrated guesser with the same confidences would show on these
    rows by chance (each guess right with probability its confidence): the ECE's median
    over draws, and how often it meets the target. With about a hundred rows in ten bins
    the ECE has a floor well above zero, so the target leaves little room for error."""
    conf = np.array([r[0] for r in seen])
    rng = np.random.default_rng(0)
    draws = np.array([ece(conf, rng.random(len(conf)) < conf) for _ in range(FLOOR_DRAWS)])
    print(
        f"  a calibrated guesser with these confidences: ECE {np.median(draws):.3f} (median),"
        f" <= {TARGET_ECE} in {np.mean(draws <= TARGET_ECE):.0%} of draws"
    )


def rating_seeds(ratings: list[Row], extra: list[Row], first: list[Row]) -> None:
    """``--rating-seeds``: the rating table's ECE and Brier under each assignment of
    works to folds (``RATING_SEEDS``; the table below is the first's), and their mean and
    spread: one assignment's ECE on a hundred-odd rows moves by a few hundredths.
    ``first``: the rows already guessed under the first assignment."""
    eces, briers = [], []
    print("rating, held out under each fold seed (every model also fitted on the spent sets):")
    for salt in RATING_SEEDS:
        rows = first if salt == RATING_SEEDS[0] else held_out_rows(ratings, extra, salt)
        eces.append(ece([r[0] for r in rows], [r[1] for r in rows]))
        briers.append(brier(rows))
        by = {s: [r for r in rows if _source(r) == s] for s in ("real", "written", "fixtures")}
        parts = ", ".join(
            f"{s} {ece([r[0] for r in p], [r[1] for r in p]):.3f}" for s, p in by.items() if p
        )
        print(f"  seed {salt!r:5s} ECE {eces[-1]:.3f}, Brier {briers[-1]:.3f} ({parts})")
    print(
        f"  mean ECE {np.mean(eces):.3f} ± {np.std(eces):.3f},"
        f" Brier {np.mean(briers):.3f} ± {np.std(briers):.3f}"
    )


def set_of(r: Row) -> str:
    """The set a row belongs to for scoring held out by set: its folder for a written
    work (``heldout3``, ``calibration_works``), else its source."""
    return str(r[3].get("_set") or _source(r))


def by_set(key: str, rows: list[Row]) -> None:
    """Print the ECE of each spent set (and source) through a map fitted on all the
    others, beside its raw confidence's and the map held out by work only."""
    groups = sorted({set_of(r) for r in rows})
    held: list[Row] = list(rows)
    for g in groups:
        test = [i for i, r in enumerate(rows) if set_of(r) == g]
        model = fit(key, [r for r in rows if set_of(r) != g])
        probs = model([rows[i] for i in test]) if model else [raw(rows[i]) for i in test]
        for i, p in zip(test, probs, strict=True):
            held[i] = (float(p), *rows[i][1:])
    print(f"  held out by set (a map fitted on the other sets and sources): {_figure(held)}")
    spent = [g for g in groups if g.startswith("heldout")]
    eces = []
    for g in groups:
        part = [h for h in held if set_of(h) == g]
        e = ece([h[0] for h in part], [h[1] for h in part])
        if g in spent:
            eces.append(e)
        right = sum(h[1] for h in part)
        print(f"    {g:18s} {len(part):4d} tags, {right:4d} right: ECE {e:.3f}")
    if eces:
        print(f"    mean over the {len(eces)} spent sets: ECE {sum(eces) / len(eces):.3f}")


def shown_on_real(seen: list[Row]) -> None:
    """Precision and recall of the characters a reader of the real files sees by default
    (at or above the bar of labelled.py), their confidences held out by work, against the
    characters the files state."""
    from calibration_sets import ADDED_LABELS, gold
    from labelled import SHOWN_OTHER, family_words, same_character

    stated = {
        "real:" + c["file"]: [
            *c["characters"],
            *ADDED_LABELS.get(c["file"], {}).get("character", []),
        ]
        for c in gold()
        if c.get("is_story") and c.get("characters")
    }
    if not stated:
        return
    shown = [r for r in seen if r[2] in stated and r[0] >= SHOWN_OTHER]
    ok = sum(r[1] for r in shown)
    found = sum(
        any(
            same_character(label, str(r[3]["_name"]), family_words(labels))
            for r in shown
            if r[2] == work
        )
        for work, labels in stated.items()
        for label in labels
    )
    n = sum(len(labels) for labels in stated.values())
    precision = f"{ok / len(shown):.2f}" if shown else "-"
    print(
        f"  shown on the real files (>= {SHOWN_OTHER}): {len(shown)}, precision {precision};"
        f" stated {n} in {len(stated)} works, recall {found / n:.2f}"
    )


def character_rows(seen: list[Row]) -> None:
    """Every character guess on the real files (and the spent works, with ``--spent``),
    most confident first per work: its confidence as shown held out, its raw confidence,
    mentions, mentions per thousand words, share of the lead's, role, and whether the
    author stated it (Y) or not (-)."""
    print(f"    {'':1s} {'shown':>5s} {'raw':>5s} {'ment.':>6s} {'dens.':>6s} {'share':>6s} role")
    for work in sorted({r[2] for r in seen if _source(r) in ("real", "spent")}):
        rows = sorted((r for r in seen if r[2] == work), key=lambda r: -r[0])
        print(f"  {work}{'  (AO3)' if rows[0][3].get('_ao3') else ''}")
        for r in rows:
            a = r[3]
            print(
                f"    {'Y' if r[1] else '-'} {r[0]:5.2f} {raw(r):5.2f} {a.get('mentions', 0):6d}"
                f" {a.get('density', 0):6.2f} {a.get('share', 0):6.3f}"
                f" {a.get('role', '')!s:9s} {a['_name']}"
            )


def write(judged: Judged, chosen: dict[str, Decision]) -> None:
    """Write the maps and caps chosen (``decisions``) to ``fandex/vocab/calibration.toml``."""
    from fandex.tag.calibration import MAP_FILE

    path = HERE.parent / "fandex" / "vocab" / MAP_FILE
    only = _option("--only")
    if only is not None:
        write_one(path, only, chosen.get(only), judged)
        return
    head = path.read_text(encoding="utf-8")
    for table in ("\n[maps.", "\n[shares.", "\n[caps]"):
        head = head.split(table)[0]
    lines = head.rstrip("\n").split("\n")
    caps: list[str] = []
    print()
    for key, d in chosen.items():
        rows = [r for t in judged for r in judged[t] if r[3].get("_map") == key]
        works = len({r[2] for r in rows})
        print(f"{key}: {d.kind} ({d.why})" + (f", cap {d.cap}" if d.cap is not None else ""))
        if d.kind == "cap":
            right = sum(r[1] for r in rows)
            caps += [f"# {d.why}; right {right} of {len(rows)} in {works} works"]
            caps.append(f"{key} = {d.cap}")
        if d.kind == "shares" and d.shares is not None:
            lines += ["", f"[shares.{key}]"]
            for name, p in sorted(d.shares.table.items()):
                n = [r[1] for r in rows if r[3].get("_name") == name] if name != "*" else []
                count = f"  # right {sum(n)} of {len(n)}" if n else f"  # {len(rows)} guesses"
                lines.append(f"{chr(34) + name + chr(34)} = {round(p, 3)!r}{count}")
            lines.append(
                f"# fitted on {len(rows)} tags of {works} works, prior weight {d.shares.k:g}"
                " chosen by cross-validation grouped by work"
            )
        if d.kind != "map" or d.model is None:
            continue
        lines += ["", *map_lines(key, d.model, rows)]
    if caps:
        lines += ["", "[caps]", *caps]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(HERE.parent)}")


def map_lines(key: str, model: Fitted, rows: list[Row]) -> list[str]:
    """The ``[maps.KEY]`` table of a fitted map, with what it was fitted on."""
    works = len({r[2] for r in rows})
    return [
        f"[maps.{key}]",
        f"features = [{', '.join(chr(34) + n + chr(34) for n in model.names)}]",
        f"weights = [{', '.join(repr(round(float(w), 6)) for w in model.weights)}]",
        f"bias = {round(model.bias, 6)!r}",
        *(["offset_raw = true"] if model.offset_raw else []),
        f"# fitted on {len(rows)} tags of {works} works, prior C = {model.c} chosen by"
        " cross-validation grouped by work",
    ]


def write_one(path: Path, key: str, d: Decision | None, judged: Judged) -> None:
    """Replace the ``[maps.KEY]`` table of ``path`` alone (``--only KEY``): the other
    types' maps, shares and caps stay exactly as they are."""
    if d is None or d.kind != "map" or d.model is None:
        sys.exit(f"--only {key}: no map ships ({d.why if d else 'no such key'}); nothing written")
    rows = [r for t in judged for r in judged[t] if r[3].get("_map") == key]
    text = path.read_text(encoding="utf-8")
    head = f"[maps.{key}]\n"
    if head not in text:
        sys.exit(f"--only {key}: {path.name} has no [maps.{key}] table to replace")
    before, _, rest = text.partition(head)
    # The table runs to the blank line before the next one (or the end of the file).
    _, sep, after = rest.partition("\n\n")
    table = "\n".join(map_lines(key, d.model, rows))
    path.write_text(before + table + (sep or "\n") + after, encoding="utf-8")
    print(f"{key}: map ({d.why}); wrote [maps.{key}] of {path.relative_to(HERE.parent)}")


def _option(name: str) -> str | None:
    if name in sys.argv:
        i = sys.argv.index(name)
        if i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        sys.exit(f"{name} needs a value")
    return None


def _tally(
    judged: Judged,
    items: list,  # type: ignore[type-arg]
    every: dict[str, list[Row]],
    chosen: dict[str, Decision],
) -> None:
    """Precision, recall and false alarms of the corpus's shown tags, each work's tags
    through maps (or under caps) fitted without it."""
    tally = Tally()
    for item in items:
        key = "corpus:" + item.name
        shown = []
        for r in every[item.name]:
            train = [x for x in judged.get(r[3]["_type"], []) if x[2] != key]
            m = r[3]["_map"]
            mine = [x for x in train if x[3].get("_map") == m]
            d = chosen.get(m)
            model = fit(m, mine) if d is not None and d.kind == "map" else None
            conf = float(model([r])[0]) if model else raw(r)
            if d is not None and d.kind == "shares":
                conf = float(fit_shares(mine)([r])[0])
            cap = share_cap(mine) if d is not None and d.kind == "cap" else None
            shown.append((r[3]["_type"], r[3]["_name"], conf if cap is None else min(conf, cap)))
        tally.add(item, shown)
    tally.print(f"Corpus ({len(items)} works): shown tags against the stated ones")


def held_out_works(folder: Path | None = None) -> None:
    """The works written for calibration and kept out of every fit (``folder``, else
    ``calibration_works/heldout/``), scored once: their inferred tags as fandex shows
    them (through the shipped maps) and raw."""
    from calibration_sets import HELD_OUT, written

    folder = folder or HELD_OUT
    judged: Judged = defaultdict(list)
    n = written(judged, (folder,), source="held-out")
    print(f"held-out works read: {n} ({folder})")
    for type_ in sorted(judged):
        rows = judged[type_]
        raw_rows = [(raw(r), r[1], r[2], r[3]) for r in rows]
        right = sum(r[1] for r in rows)
        print(f"\n{type_}: {len(rows)} tags in {len({r[2] for r in rows})} works; {right} right")
        print(f"  raw confidence:  {_figure(raw_rows)}, Brier {brier(raw_rows):.3f}")
        print(f"  as shown:        {_figure(rows)}, Brier {brier(rows):.3f}")
        print(f"    {'confidence':>10s} {'tags':>5s} {'mean conf.':>10s} {'share right':>11s}")
        for bin_, k, conf, acc in reliability([r[0] for r in rows], [r[1] for r in rows]):
            print(f"    {bin_:>10s} {k:5d} {conf:10.2f} {acc:11.2f}")


def fandoms_from_text(folders: tuple[Path, ...]) -> None:
    """``--fandom-text``: the fandom guessed from the text alone (the ``Fandom:`` line
    dropped too, which the tagger otherwise reads first) on written works: how often
    right and how calibrated. A story naming a canon's people seldom says which of its
    AO3 fandoms (books, TV, games) the writer meant; the guess is then the umbrella,
    judged right for any fandom of its family (``labelled.same_fandom``)."""
    from labelled import corpus, right

    from fandex.tag.fandom import fandom_tagger

    rows: list[Row] = []
    for folder in folders:
        for item in corpus(folder):
            labels = item.labels.get("fandom")
            if not labels:
                continue
            w = item.work
            w.header = {k: v for k, v in w.header.items() if k.strip().lower() != "fandom"}
            fandom_tagger(w)
            for t in w.tags_of("fandom"):
                ok = right("fandom", t.name, labels)
                rows.append((t.confidence, ok, item.name, {"_name": t.name}))
                if not ok:
                    print(f"  wrong: {item.name}: {t.name} {t.confidence:.2f} for {labels}")
    n_right = sum(r[1] for r in rows)
    print(f"fandom from the text: {len(rows)} guesses, {n_right} right, {_figure(rows)}")


def main() -> None:
    if "--fandom-text" in sys.argv:
        from calibration_sets import CALIBRATION_WORKS

        fandoms_from_text((CALIBRATION_WORKS, *SPENT))
        return
    if "--held-out" in sys.argv:
        chosen = _option("--held-out-dir")
        held_out_works(Path(chosen) if chosen else None)
        return
    judged, read = everything(passages="--no-passages" not in sys.argv, spent="--spent" in sys.argv)
    folder = _option("--corpus")
    items: list = []  # type: ignore[type-arg]
    every: dict[str, list[Row]] = {}
    if folder is not None:
        if Path(folder).is_dir():
            items, every = the_corpus(Path(folder), judged)
            read["corpus"] = len(items)
        else:
            print(f"corpus not found: {folder} (a folder of AO3 downloads)")
    if "--no-passages" not in sys.argv:
        passage_notes(judged, load())
    # The rating model ships fitted on the spent sets too: without --spent they are not
    # scored, but every held-out rating model is fitted on them as well (other works).
    extra: Judged = defaultdict(list)
    if "--spent" not in sys.argv:
        written(extra, SPENT, source="spent")
        print(f"rating models also fitted on the spent sets' {len(extra['rating'])} ratings")
    ratings = judged["rating"]
    judged["rating"] = held_out_rows(ratings, extra["rating"])
    if "--rating-seeds" in sys.argv:
        rating_seeds(ratings, extra["rating"], judged["rating"])
    print("works read per source: " + ", ".join(f"{s} {n}" for s, n in read.items()))
    mapped, shared = held_out(judged), held_out(judged, shares=True)
    chosen = decisions(judged, mapped, shared)
    show(judged, mapped, shared, as_shown(judged, mapped, shared, chosen))
    if items:
        _tally(judged, items, every, chosen)
    if "--write" in sys.argv:
        write(judged, chosen)


if __name__ == "__main__":
    exit_on_help(__doc__)
    main()
