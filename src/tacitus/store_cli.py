"""CLI for the event store: ``tacitus store add|query|export|info``. Wire it with ``register(app)``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from .errors import TacitusError

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOpt = Annotated[Path, typer.Option("--db", help="Store file (created on first add).")]
DEFAULT_DB = Path("tacitus.db")
BATCH = 500  # articles written per transaction by `store add`
TABLE_COLUMNS = ("event_id", "date", "source_code", "cameo", "target_code", "status", "location_name",
                 "article_count", "source_count", "confidence", "linked_event_id")


def _fail(exc: Exception, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
    raise typer.Exit(code)


def _open(db: Path, read_only: bool):
    from .store import Store

    if read_only and not db.exists():
        _fail(FileNotFoundError(f"{db}: no such store (create it with `tacitus store add`)"))
    return Store(db, read_only=read_only)


def register(app: typer.Typer) -> None:
    """Add the ``store`` command group to ``app``."""
    store_app = typer.Typer(no_args_is_help=True, help="The event store: add coded articles, query, export.")
    app.add_typer(store_app, name="store")

    @store_app.command("add")
    def add_cmd(
        inputs: Annotated[list[str], typer.Argument(help="Files, folders, JSONL files or - for stdin.")],
        db: DbOpt = DEFAULT_DB,
        published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD for inputs without one.")]
        = None,
        kb: Annotated[Optional[list[Path]], typer.Option("--kb", help="Extra knowledge directory (repeatable).")]
        = None,
    ) -> None:
        """Code articles and add them to the store (re-adding an unchanged article writes nothing)."""
        from .coder import Coder
        from .config import CoderConfig
        from .ingest import Reject, read_inputs
        from .records import CodedArticle
        from .store import AddResult

        texts: dict[str, str] = {}
        rejects: list[Reject] = []

        def articles():
            for a in read_inputs(inputs, published):
                if isinstance(a, Reject):
                    rejects.append(a)
                    err.print(f"[yellow]skipped[/yellow] {a.id}: {a.reason}")
                    continue
                texts[a.id] = a.text
                yield a

        try:
            coder = Coder(CoderConfig(kb_dirs=tuple(str(p) for p in kb or ())))
            with _open(db, read_only=False) as store:
                res = AddResult()
                coded: list[CodedArticle] = []

                def flush() -> None:
                    r = store.add(coded, texts=texts, rebuild=False)
                    for k, v in r.to_dict().items():
                        setattr(res, k, getattr(res, k) + v)
                    coded.clear()
                    texts.clear()

                for item in coder.code_articles(articles()):
                    if isinstance(item, Reject):
                        rejects.append(item)
                        err.print(f"[yellow]skipped[/yellow] {item.id}: {item.reason}")
                        continue
                    coded.append(item)
                    if len(coded) >= BATCH:
                        flush()
                flush()
                if store.stale:
                    store.rebuild_events()
                counts = store.counts()
        except TacitusError as exc:
            _fail(exc)
        out.print(f"{db}: {res.added} added, {res.replaced} replaced, {res.unchanged} unchanged, "
                  f"{len(rejects)} skipped; store has {counts['articles']} articles, {counts['mentions']} mentions, "
                  f"{counts['events']} events", highlight=False)
        if rejects and not (res.added or res.replaced or res.unchanged):
            raise typer.Exit(1)

    @store_app.command("query")
    def query_cmd(
        db: DbOpt = DEFAULT_DB,
        actor: Annotated[Optional[str], typer.Option(help="Actor code prefix, either side (ISR, ISRGOV).")] = None,
        entity: Annotated[Optional[str], typer.Option(help="KB entity id, either side.")] = None,
        country: Annotated[Optional[str], typer.Option(help="Actor country (ISO3), either side.")] = None,
        role: Annotated[Optional[str], typer.Option(help="Actor role (GOV, MIL, ...), either side.")] = None,
        root: Annotated[Optional[str], typer.Option(help="CAMEO root (two digits).")] = None,
        cameo: Annotated[Optional[str], typer.Option(help="CAMEO code prefix.")] = None,
        plover: Annotated[Optional[str], typer.Option(help="PLOVER event type.")] = None,
        status: Annotated[Optional[str], typer.Option(help="occurred, planned, negated or hypothetical.")] = None,
        start: Annotated[Optional[str], typer.Option("--from", help="Events on or after YYYY-MM-DD.")] = None,
        end: Annotated[Optional[str], typer.Option("--to", help="Events on or before YYYY-MM-DD.")] = None,
        place: Annotated[Optional[str], typer.Option(help="Location name.")] = None,
        place_country: Annotated[Optional[str], typer.Option("--place-country", help="Location country.")] = None,
        outlet: Annotated[Optional[str], typer.Option(help="Reported by this source outlet.")] = None,
        min_reports: Annotated[Optional[int], typer.Option("--min-reports", help="At least N articles.")] = None,
        mentions: Annotated[bool, typer.Option("--mentions", help="List mentions instead of events.")] = False,
        limit: Annotated[Optional[int], typer.Option(help="At most N rows.")] = None,
        fmt: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
    ) -> None:
        """Query events (or mentions) in the store."""
        if fmt not in ("table", "jsonl", "csv"):
            _fail(ValueError("--format must be table, jsonl or csv"), 2)
        try:
            with _open(db, read_only=True) as store:
                df = store.query(level="mentions" if mentions else "events", actor=actor, entity=entity,
                                 country=country, role=role, root=root, cameo=cameo, plover=plover, status=status,
                                 start=start, end=end, place=place, place_country=place_country, outlet=outlet,
                                 min_reports=min_reports, limit=limit)
        except TacitusError as exc:
            _fail(exc)
        if fmt == "csv":
            sys.stdout.write(df.write_csv())
        elif fmt == "jsonl":
            for row in df.to_dicts():
                sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        else:
            cols = [c for c in (("mention_id", "event_id", *TABLE_COLUMNS[1:]) if mentions else TABLE_COLUMNS)
                    if c in df.columns]
            table = Table(title=f"{db}: {len(df)} {'mentions' if mentions else 'events'}")
            for c in cols:
                table.add_column(c, overflow="fold")
            for row in df.select(cols).iter_rows():
                table.add_row(*("—" if v is None else f"{v:.2f}" if isinstance(v, float) else str(v) for v in row))
            out.print(table)

    @store_app.command("export")
    def export_cmd(
        output: Annotated[Path, typer.Argument(help="Output file.")],
        fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, parquet, csv, gdelt or plover.")],
        db: DbOpt = DEFAULT_DB,
        mentions: Annotated[bool, typer.Option("--mentions", help="jsonl/parquet/csv: mentions, not events.")] = False,
    ) -> None:
        """Export the store's events (GDELT 2.0 table, PLOVER JSON, JSONL, Parquet or CSV)."""
        from .export import FORMATS, export

        if fmt not in FORMATS:
            _fail(ValueError(f"--format must be one of {', '.join(FORMATS)}"), 2)
        try:
            with _open(db, read_only=True) as store:
                n = export(store, fmt, output, level="mentions" if mentions else "events")
        except (TacitusError, OSError) as exc:
            _fail(exc)
        out.print(f"{output}: {n} rows ({fmt})", highlight=False)

    @store_app.command("info")
    def info_cmd(db: DbOpt = DEFAULT_DB,
                 as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
        """Row counts and schema version of a store."""
        try:
            with _open(db, read_only=True) as store:
                info: dict[str, Any] = {"schema_version": store.schema_version(), **store.counts(),
                                        "events_stale": store.stale}
        except TacitusError as exc:
            _fail(exc)
        if as_json:
            out.print_json(json.dumps(info))
            return
        for k, v in info.items():
            out.print(f"{k:16} {v}", highlight=False)
