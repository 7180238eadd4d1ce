"""``fandex retag [QUERY]``: run the taggers again over stored works."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from fandex.cli.context import AppContext, pass_app

if TYPE_CHECKING:
    from fandex.library import Library


@click.command("retag")
@click.argument("query", nargs=-1)
@click.option(
    "--tagger",
    "taggers",
    multiple=True,
    metavar="NAME",
    help="Only this tagger (repeatable; default: every tagger).",
)
@click.option(
    "--cluster",
    metavar="local|tcp://HOST:PORT",
    help="Run on a Dask cluster (needs fandex[cluster] and a PostgreSQL library).",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=None, help="Workers of --cluster local."
)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@pass_app
def command(
    app: AppContext,
    query: tuple[str, ...],
    taggers: tuple[str, ...],
    cluster: str | None,
    workers: int | None,
    as_json: bool,
) -> None:
    """Run the taggers again over stored works (all, or those QUERY selects).

    After a pack or a model changed, inferred tags are made again from the stored
    text; tags the author stated and tags you set stay. With --cluster the works are
    shared out over a Dask cluster, each batch stored in one transaction.
    """
    from fandex.cli.cluster_run import check_library, print_report, run_with_progress
    from fandex.cluster.partition import WorkerState, plain, retag_partition
    from fandex.cluster.run import ClusterReport, chunks
    from fandex.importer import StageContext, TaggingOptions

    lib = app.library
    ids = _selected(lib, " ".join(query))
    tagging = TaggingOptions(names=taggers or None, library=lib.location)
    pipeline = tagging.build()  # a tagger that does not exist fails here, before any work
    names = tuple(c.name for c in pipeline.components)
    if cluster:
        from fandex.cluster import cluster_retag

        location = check_library(app, cluster)
        report = run_with_progress(
            app,
            "Re-tagging",
            as_json,
            lambda **hooks: cluster_retag(
                location, ids, cluster, names=names, tagging=tagging, workers=workers, **hooks
            ),
        )
    else:
        state = WorkerState(lib, StageContext(taggers=pipeline))
        report = ClusterReport()
        for part in chunks(ids, 200):
            report.add(plain(retag_partition(state, part, names)))
    print_report(app, report, as_json, ("retagged", "unchanged", "failed"))


def _selected(lib: Library, text: str) -> list[str]:
    """The ids of every work ``text`` selects (all works when it is empty), blocked or not."""
    if not text:
        return lib.ids()
    from fandex.search import MAX_PER_PAGE, search

    ids: list[str] = []
    page = 1
    while True:
        found = search(
            lib, text, page=page, per_page=MAX_PER_PAGE, facets=False, apply_blocklist=False
        )
        ids += [w.id for w in found.works]
        if page >= found.pages:
            return ids
        page += 1
