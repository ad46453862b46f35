"""``tacitus batch``: code a large corpus on all cores into resumable shards (or on a Ray cluster).

Call :func:`register` with the main Typer app to add the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from .errors import TacitusError

err = Console(stderr=True)
out = Console()


class _RateColumn(ProgressColumn):
    """Articles per second since the start of this run (resumed shards excluded)."""

    def render(self, task) -> Text:  # type: ignore[override]
        rate = task.fields.get("rate")
        return Text(f"{rate:,.1f} art/s" if rate else "– art/s", style="progress.data.speed")


def _print_summary(summary: dict) -> None:
    table = Table(title="batch summary", show_header=False)
    table.add_column("key", style="bold")
    table.add_column("value")
    for k in ("articles", "events", "errors", "skipped", "coded_this_run", "seconds", "articles_per_s", "workers",
              "shard_size", "format", "output", "engine"):
        if k in summary:
            table.add_row(k, str(summary[k]))
    out.print(table)


def batch_cmd(
    input: Annotated[str, typer.Argument(help="JSONL(.gz) file, folder of .txt/.html/.jsonl(.gz), or - (stdin).")],
    output: Annotated[Path, typer.Argument(help="Output directory (shards/, rejects/, done/, summary.json).")],
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", help="Worker processes (default: all cores).")] = None,
    shard_size: Annotated[int, typer.Option("--shard-size", help="Articles per shard (the resume unit).")] = 500,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Shard format: jsonl or parquet.")] = "jsonl",
    engine: Annotated[str, typer.Option("--engine", help="local (process pool) or ray.")] = "local",
    address: Annotated[Optional[str], typer.Option("--address", help="Ray cluster address (engine ray).")] = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD for inputs without one.")] = None,
    kb: Annotated[Optional[list[Path]], typer.Option("--kb", help="Extra knowledge directory (repeatable).")] = None,
    progress_bar: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")] = True,
) -> None:
    """Code a large corpus into resumable shards; rerun the same command to resume after a crash."""
    from .config import CoderConfig
    from .ingest import normalize_date

    if engine not in ("local", "ray"):
        err.print("[red]error:[/red] --engine must be local or ray")
        raise typer.Exit(2)
    if fmt not in ("jsonl", "parquet"):
        err.print("[red]error:[/red] --format must be jsonl or parquet")
        raise typer.Exit(2)
    if published is not None and normalize_date(published) is None:
        err.print(f"[red]error:[/red] --published {published!r} is not a date (YYYY-MM-DD)")
        raise typer.Exit(2)
    try:
        config = CoderConfig(kb_dirs=tuple(str(p) for p in kb or ()))
        if engine == "ray":
            from .ray_engine import run_ray

            with err.status("coding on Ray…"):
                summary = run_ray([input], output, config, address=address, num_cpus=workers, published=published)
            summary["engine"] = "ray"
        else:
            summary = _run_local(input, output, config, workers, shard_size, fmt, published, progress_bar)
            summary["engine"] = "local"
    except TacitusError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1)
    except ImportError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1)
    _print_summary(summary)
    if summary.get("errors") and not summary.get("articles"):
        raise typer.Exit(1)  # nothing could be coded


def _run_local(input, output, config, workers, shard_size, fmt, published, show: bool) -> dict:
    from .batch import BatchProgress, estimate_total, run_batch

    total = estimate_total([input]) if show else None
    columns = [SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
               MofNCompleteColumn(), _RateColumn(), TextColumn("events {task.fields[events]:,}"),
               TextColumn("rejects {task.fields[rejects]:,}"), TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=err, disable=not show, transient=False) as bar:
        task = bar.add_task("coding", total=total, events=0, rejects=0, rate=0.0)

        def on_progress(p: BatchProgress) -> None:
            fresh = p.articles - p.skipped_articles
            bar.update(task, completed=p.items, events=p.events, rejects=p.rejects,
                       rate=fresh / p.seconds if p.seconds > 0 else 0.0,
                       description=f"coding (resumed {p.shards_skipped} shards)" if p.shards_skipped else "coding")

        summary = run_batch([input], output, config, workers=workers, shard_size=shard_size, fmt=fmt,
                            progress=on_progress, published=published, total=total)
    return summary


def register(app: typer.Typer) -> None:
    """Add the ``batch`` command to ``app``."""
    app.command("batch")(batch_cmd)


if __name__ == "__main__":  # pragma: no cover - python -m tacitus.batch_cli INPUT OUTPUT ...
    _app = typer.Typer(add_completion=False)
    register(_app)

    @_app.callback()
    def _cb() -> None:
        pass

    _app()
