"""``tacitus serve``: run the web explorer. Call :func:`register` with the main Typer app to add it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

err = Console(stderr=True)


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: Annotated[Path, typer.Option("--db", help="Store file (created on the first save).")] = Path("tacitus.db"),
        port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
        host: Annotated[str, typer.Option("--host", help="Interface (keep 127.0.0.1 unless you mean it).")] = "127.0.0.1",
        kb: Annotated[Optional[list[Path]], typer.Option("--kb", help="Extra knowledge directory (repeatable).")] = None,
        max_body: Annotated[int, typer.Option("--max-body", help="Largest request body in bytes.")] = 2 * 1024 * 1024,
    ) -> None:
        """Web explorer: code an article in the browser, explore the store (timeline, map, dyads), JSON API
        with docs at /docs. The store is opened read-only except when you save a coded article."""
        try:
            import uvicorn

            from .app import create_app
        except ImportError as exc:  # pragma: no cover - depends on the install
            err.print(f"[red]error:[/red] the web explorer needs fastapi and uvicorn ({exc}); "
                      "pip install 'tacitus[web]'")
            raise typer.Exit(1) from exc

        def factory():  # type: ignore[no-untyped-def]
            from ..coder import Coder
            from ..config import CoderConfig

            return Coder(CoderConfig(kb_dirs=tuple(str(p) for p in kb or ())))

        application = create_app(db, coder_factory=factory, max_body=max_body, preload=True)
        err.print(f"Tacitus explorer on [bold]http://{host}:{port}/[/bold]  (store {db}, API docs /docs)")
        uvicorn.run(application, host=host, port=port, log_level="warning")
