"""``fandex learn``: train per-tag models on the library's stated ratings and warnings.

Prints cross-validated precision, recall and F1 per tag for the learned model and for
the built-in tagger on the same held-out works, saves the models next to the library,
and (unless ``--no-apply``) applies the models that won to every work, as tags with
``source: learned``. Needs scikit-learn (``pip install 'fandex[learn]'``).
"""

from __future__ import annotations

import json

import click
from rich.table import Table

from fandex.cli.context import AppContext, pass_app
from fandex.learn.store import models_path_for, save_models
from fandex.learn.tagger import NAME as LEARNED
from fandex.learn.tagger import apply_models
from fandex.learn.train import TagReport, learn


@click.command("learn")
@click.option(
    "--folds",
    type=click.IntRange(2, 20),
    default=5,
    show_default=True,
    help="Cross-validation folds.",
)
@click.option(
    "--min-examples",
    type=click.IntRange(2),
    default=8,
    show_default=True,
    help="Works needed with and without a tag to train it.",
)
@click.option(
    "--apply/--no-apply",
    default=True,
    show_default=True,
    help="Tag the library's works with the models that beat the built-in tagger.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@pass_app
def command(app: AppContext, folds: int, min_examples: int, apply: bool, as_json: bool) -> None:
    """Learn ratings and warnings from the works whose authors stated them."""
    lib = app.library
    say = None if as_json else (lambda msg: app.err.print(msg, highlight=False))
    models, reports = learn(
        lib.iter_works(with_text=True), folds=folds, min_examples=min_examples, progress=say
    )
    path = models_path_for(lib.location)
    save_models(models, path)
    applied = 0
    if apply:
        # Drop the previous run's learned tags everywhere; add what the new models predict.
        for work in lib.iter_works(with_text=True):
            before = len(work.tags)
            work.tags = [
                t for t in work.tags if not (t.source == "learned" and t.tagger == LEARNED)
            ]
            added = apply_models(work, models)
            applied += len(added)
            if added or len(work.tags) != before:
                lib.save(work)
    if as_json:
        out = {
            "models": str(path),
            "works": models.works,
            "applied": applied,
            "tags": [_report_dict(r) for r in reports],
        }
        click.echo(json.dumps(out, indent=2))
        return
    _print(app, reports)
    used = [m.name for m in models.used()]
    app.console.print(f"\nmodels saved to {path}", highlight=False)
    app.console.print(
        f"used (beat the built-in tagger): {', '.join(used) if used else 'none'}", highlight=False
    )
    if apply:
        app.console.print(f"{applied} learned tag(s) added", highlight=False)


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def _print(app: AppContext, reports: list[TagReport]) -> None:
    table = Table(show_header=True, header_style="bold", box=None)
    table.add_column("tag", no_wrap=True)
    for col in ("works", "yes", "learned P", "R", "F1", "built-in P", "R", "F1", "use"):
        table.add_column(col, no_wrap=True)
    for r in reports:
        lp = r.learned
        bp = r.builtin
        table.add_row(
            r.name,
            str(r.works),
            str(r.positives),
            _f(lp.precision if lp else None),
            _f(lp.recall if lp else None),
            _f(lp.f1 if lp else None),
            _f(bp.precision if bp else None),
            _f(bp.recall if bp else None),
            _f(bp.f1 if bp else None),
            "yes" if r.used else ("-" if r.note else "no"),
        )
    app.console.print(table)
    for r in reports:
        if r.note:
            app.console.print(f"{r.name}: not trained, {r.note}", highlight=False)


def _report_dict(r: TagReport) -> dict[str, object]:
    return {
        "type": r.type,
        "name": r.name,
        "works": r.works,
        "positives": r.positives,
        "learned": r.learned.to_dict() if r.learned else None,
        "builtin": r.builtin.to_dict() if r.builtin else None,
        "used": r.used,
        "note": r.note,
    }
