"""``fandex serve``: the web library."""

from __future__ import annotations

import click

from fandex.cli.context import AppContext, pass_app


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@pass_app
def command(app: AppContext, host: str, port: int) -> None:
    """Serve the library in a web browser."""
    import uvicorn

    from fandex.web.app import create_app

    web = create_app(app.library)
    click.echo(f"fandex is serving {app.library.location} at http://{host}:{port}/", err=True)
    uvicorn.run(web, host=host, port=port, log_level="warning")
