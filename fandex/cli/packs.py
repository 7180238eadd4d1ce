"""``fandex packs``: list, show, check and learn fandom packs.

Packs are TOML files (see :mod:`fandex.vocab.packs`); a user's own go in
``$FANDEX_PACKS`` or ``$XDG_CONFIG_HOME/fandex/packs``, which ``learn`` writes to.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from fandex.cli.context import AppContext, fail, pass_app
from fandex.tag.pipeline import TaggerPipeline
from fandex.tag.retag import PACK_TAGGERS
from fandex.tag.retag import retag as retag_work
from fandex.vocab.packlearn import learn_packs, pack_filename
from fandex.vocab.packs import (
    BUILTIN_DIR,
    Pack,
    all_packs,
    check_pack_data,
    dump_pack,
    find_pack,
    load_errors,
    merge_packs,
    pack_files,
    read_pack_file,
    reset_cache,
    user_pack_dirs,
)


@click.group("packs")
def command() -> None:
    """Fandom packs: the characters, ships, places and terms fandex knows."""


@command.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_app
def list_(app: AppContext, as_json: bool) -> None:
    """List the packs in use (built-in and your own)."""
    packs = sorted(all_packs(), key=lambda p: p.fandom.casefold())
    if as_json:
        click.echo(json.dumps([_summary(p) for p in packs], ensure_ascii=False, indent=2))
        return
    table = Table("pack", "fandom", "characters", "ships", "origin")
    for p in packs:
        table.add_row(p.id, p.fandom, str(len(p.characters)), str(len(p.ships)), p.origin)
    app.console.print(table)
    dirs = ", ".join(str(d) for d in user_pack_dirs())
    app.err.print(f"{len(packs)} packs; your own packs go in {dirs}", highlight=False)
    for err in load_errors():
        app.err.print(f"skipped: {err}", highlight=False)


def _summary(p: Pack) -> dict[str, Any]:
    return {
        "id": p.id,
        "fandom": p.fandom,
        "characters": len(p.characters),
        "ships": len(p.ships),
        "origin": p.origin,
        "files": [str(f) for f in p.paths],
    }


@command.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the pack as JSON.")
@pass_app
def show(app: AppContext, name: str, as_json: bool) -> None:
    """Show one pack: NAME is a fandom, one of its aliases ("BtVS") or a pack id."""
    pack = find_pack(name)
    if pack is None:
        fail(f"no pack for {name!r} (see `fandex packs list`)", code=1)
    if as_json:
        data = pack.to_toml_dict()
        data["origin"] = pack.origin
        data["files"] = [str(f) for f in pack.paths]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    out = app.console
    out.print(f"[bold]{pack.fandom}[/bold]  ({pack.media or 'media unknown'}, {pack.origin})")
    if pack.aliases:
        out.print("also: " + ", ".join(pack.aliases), highlight=False)
    if pack.related:
        out.print("related: " + ", ".join(pack.related), highlight=False)
    table = Table("character", "gender", "aliases")
    for c in pack.characters:
        names = [f"{a}?" if a in c.ambiguous else a for a in c.aliases]
        table.add_row(c.name + ("?" if c.name in c.ambiguous else ""), c.gender, ", ".join(names))
    out.print(table)
    if pack.ships:
        out.print("ships: " + "; ".join(f"{k} = {v}" for k, v in pack.ships.items()))
    for label, items in (("places", pack.places), ("terms", pack.terms)):
        if items:
            out.print(f"{label}: " + ", ".join(items), highlight=False)
    out.print("(? marks a name that is also a common word)", style="dim")


@command.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=True, path_type=Path))
@pass_app
def check(app: AppContext, paths: tuple[Path, ...]) -> None:
    """Check pack files against the schema (default: built-in and your own packs)."""
    files = (
        pack_files([p for p in paths if p.is_dir()]) + [p for p in paths if p.is_file()]
        if paths
        else pack_files([BUILTIN_DIR, *user_pack_dirs()])
    )
    bad = 0
    for f in files:
        try:
            problems = check_pack_data(tomllib.loads(f.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems = [f"cannot read: {exc}"]
        if problems:
            bad += 1
            for problem in problems:
                click.echo(f"{f}: {problem}")
    click.echo(f"{len(files)} pack files checked, {bad} with problems", err=True)
    if bad:
        raise SystemExit(1)


@command.command("learn")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write learned packs to (default: your first pack folder).",
)
@click.option(
    "--min-alias-hits",
    type=click.IntRange(1),
    default=3,
    show_default=True,
    help="Times an alias must occur in the texts to be learned.",
)
@click.option("--dry-run", is_flag=True, help="Print the packs instead of writing them.")
@click.option(
    "--retag/--no-retag",
    default=True,
    show_default=True,
    help="Re-tag the library with the new packs (fandom, characters, relationships, "
    "category); only when writing to your own pack folder.",
)
@pass_app
def learn(
    app: AppContext, output: Path | None, min_alias_hits: int, dry_run: bool, retag: bool
) -> None:
    """Learn characters, aliases and new fandoms from works with stated tags."""
    works = app.library.iter_works(with_text=True)
    learned = learn_packs(works, all_packs(), min_alias_hits=min_alias_hits)
    if not learned:
        app.err.print("nothing new to learn (works need a stated fandom and characters)")
        return
    folder = output or user_pack_dirs()[0]
    for pack in learned:
        if dry_run:
            click.echo(f"# {pack_filename(pack)}\n{dump_pack(pack)}")
            continue
        path = folder / pack_filename(pack)
        if path.exists():
            pack = merge_packs(read_pack_file(path, "user"), pack)
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_pack(pack), encoding="utf-8")
        app.err.print(
            f"wrote {path} ({len(pack.characters)} characters for {pack.fandom})",
            highlight=False,
        )
    reset_cache()
    if retag and not dry_run and output is None:
        pipe = TaggerPipeline(list(PACK_TAGGERS))
        lib = app.library
        changed = 0
        for work in lib.iter_works(with_text=True):
            if retag_work(work, pipe):
                lib.save(work)
                changed += 1
        app.err.print(f"re-tagged: {changed} works changed", highlight=False)
