"""``fandex mark ID read|reading|toread|notoread|unread``: your reading state.

``read`` marks a work finished, ``reading`` started, ``toread`` Marked for Later
(``notoread`` takes the mark off), ``unread`` forgets progress and the mark. A rating
(``--rating 1..5``, ``--rating 0`` clears it) and private notes (``--note``) may come
with a state or alone. The state is the library's own reader's (the first user added),
or ``--user NAME``'s.
"""

from __future__ import annotations

import click

from fandex.cli.context import AppContext, fail, pass_app
from fandex.library import reading
from fandex.readstate import ReadState


@click.command("mark")
@click.argument("work_ids", nargs=-1, required=True, metavar="ID... [STATE]")
@click.option("--rating", type=click.IntRange(0, 5), default=None, help="1 to 5; 0 clears it.")
@click.option("--note", default=None, help="Private notes (an empty string clears them).")
@click.option("--user", "user", default=None, help="Whose state (default: the library's own).")
@pass_app
def command(
    app: AppContext,
    work_ids: tuple[str, ...],
    rating: int | None,
    note: str | None,
    user: str | None,
) -> None:
    """Mark works read, reading, toread, notoread or unread; rate them; note them.

    \b
    fandex mark 1a2b read
    fandex mark 1a2b 3c4d toread
    fandex mark 1a2b --rating 5 --note "the ending!"
    """
    ids, state = list(work_ids), None
    if ids and ids[-1] in reading.MARKS:
        state = ids.pop()
    if not ids:
        fail("give at least one work ID", code=2)
    if state is None and rating is None and note is None:
        fail(f"give a state ({'|'.join(reading.MARKS)}), --rating or --note", code=2)
    lib = app.library
    for prefix in ids:
        work = lib.get(prefix, with_text=False)
        new: ReadState | None = None
        if state is not None:
            new = reading.mark(lib, work.id, state, reader=user)
        if rating is not None:
            new = reading.set_rating(lib, work.id, rating or None, reader=user)
        if note is not None:
            new = reading.set_notes(lib, work.id, note, reader=user)
        assert new is not None
        extra = f", rated {new.rating}/5" if new.rating else ""
        extra += ", with notes" if new.notes else ""
        later = ", Marked for Later" if new.toread and new.status != "never" else ""
        app.console.print(f"{work.id} {work.title}: {new.summary()}{later}{extra}", highlight=False)
