"""Command-line interface: a thin layer over the library that turns errors into exit codes."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .errors import TacitusError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Tacitus: evidence-backed political event data (CAMEO/PLOVER) from news text.")
gold_app = typer.Typer(no_args_is_help=True, help="Work with gold annotation files.")
kb_app = typer.Typer(no_args_is_help=True, help="Inspect and check knowledge files.")
app.add_typer(gold_app, name="gold")
app.add_typer(kb_app, name="kb")
out = Console() if sys.stdout.isatty() else Console(width=160)  # piped tables stay readable
err = Console(stderr=True)

KbOpt = Annotated[Optional[list[Path]], typer.Option("--kb", help="Extra knowledge directory (repeatable).")]


def _coder(kb: list[Path] | None, dictionaries: list[str] | None = None, builtin: bool = True):
    from .coder import Coder
    from .config import CoderConfig

    return Coder(CoderConfig(kb_dirs=tuple(str(p) for p in kb or ()), dictionaries=tuple(dictionaries or ()),
                             builtin_knowledge=builtin))


def _fail(exc: Exception, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {exc}")
    raise typer.Exit(code)


@app.callback()
def main_callback(
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logging (-v, -vv).")] = 0,
) -> None:
    logging.basicConfig(level=logging.WARNING - 10 * min(verbose, 2), stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


def _print_table(coded) -> None:
    table = Table(title=f"{coded.id}  (published {coded.published or 'unknown'})", show_lines=False)
    for col in ("source", "event", "target", "status", "date", "place", "conf", "evidence"):
        table.add_column(col, overflow="fold")
    for e in coded.events:
        table.add_row(
            f"{e.source.name} [{e.source.code}]",
            f"{e.cameo} {e.cameo_name}\n{e.plover}",
            f"{e.target.name} [{e.target.code}]" if e.target else "—",
            e.status,
            (e.date or "—") + (" (pub.)" if e.date_fallback else ""),
            (f"{e.location.name}, {e.location.country}" + (" (story)" if e.location.inferred else ""))
            if e.location else "—",
            f"{e.confidence:.2f}",
            e.evidence.text if len(e.evidence.text) <= 120 else e.evidence.text[:117] + "…",
        )
    out.print(table)
    if not coded.events:
        out.print("  no events found")


@app.command("code")
def code_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, JSONL files or - for stdin.")],
    published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD for inputs without one.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    kb: KbOpt = None,
    dictionaries: Annotated[Optional[list[str]], typer.Option(
        "--dictionaries", help="Also read a foreign dictionary set: petrarch:DIR (PETRARCH/Phoenix files).")] = None,
    builtin: Annotated[bool, typer.Option("--builtin/--no-builtin",
                                          help="Use the built-in actors and patterns (off: only --kb/--dictionaries).")] = True,
) -> None:
    """Code articles and print their events."""
    from .ingest import Reject, read_inputs
    from .records import CodedArticle

    if fmt not in ("table", "jsonl"):
        _fail(ValueError("--format must be table or jsonl"), 2)
    try:
        coder = _coder(kb, dictionaries, builtin)
    except TacitusError as exc:
        _fail(exc)
    sink = open(output, "w", encoding="utf-8") if output else sys.stdout
    rejected = coded = 0
    try:
        for item in coder.code_articles(read_inputs(inputs, published, coder.config.max_chars)):
            if isinstance(item, Reject):
                rejected += 1
                err.print(f"[yellow]skipped[/yellow] {item.id}: {item.reason}")
                continue
            assert isinstance(item, CodedArticle)
            coded += 1
            if item.meta.get("published_missing"):
                err.print(f"[yellow]warning[/yellow] {item.id}: no publication date (give --published); "
                          "relative dates were resolved against today")
            if fmt == "jsonl":
                sink.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            else:
                _print_table(item)
    finally:
        if output:
            sink.close()
    if rejected and not coded:
        raise typer.Exit(1)  # nothing could be coded


@app.command()
def demo() -> None:
    """Code the bundled example article and print its events."""
    from .api import example_article
    from .ingest import make_article

    text, published = example_article()
    coder = _coder(None)
    out.print(f"[bold]Example article[/bold] (published {published}):\n")
    out.print(text.strip()[:600] + (" …" if len(text) > 600 else "") + "\n")
    _print_table(coder.code_article(make_article("example.txt", text, published)))


@app.command()
def evaluate(
    gold: Annotated[Optional[list[Path]], typer.Argument(help="Gold JSONL file(s).")] = None,
    pred: Annotated[Optional[Path], typer.Option(help="Score this prediction JSONL instead of coding.")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List every false positive / negative.")] = False,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write machine-readable results here.")] = None,
    plover_docs: Annotated[Optional[Path], typer.Option(
        "--plover-docs", help="Also score document-level PLOVER types on NGEC's synthetic stories (CSV or .zip).")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N stories of --plover-docs.")] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print a Markdown accuracy table at the end.")] = False,
    dedup: Annotated[Optional[Path], typer.Option(
        "--dedup", help="Score cross-article deduplication on a gold file with event clusters.")] = None,
    kb: KbOpt = None,
) -> None:
    """Measure accuracy on gold files: event P/R/F1, strict actors, traps, dates, places."""
    from .api import evaluate_file, evaluate_plover_docs
    from .evaluate import format_error, format_markdown, format_report

    results: dict[str, dict] = {}
    if not gold and not plover_docs and not dedup:
        _fail(ValueError("give gold files and/or --plover-docs FILE"), 2)
    try:
        coder = _coder(kb)
        preds = None
        if pred:
            with open(pred, encoding="utf-8") as fh:
                preds = [json.loads(line) for line in fh if line.strip()]
        for g in gold or []:
            report = evaluate_file(g, coder, preds)
            out.print(format_report(g.name, report))
            if errors:
                for e in report.errors:
                    out.print(format_error(e), markup=False, highlight=False)
            results[str(g)] = report.to_dict()
        if dedup:
            from .dedup_eval import evaluate_dedup_file, format_dedup_report, read_dedup_gold, score_dedup_oracle

            dreport = evaluate_dedup_file(dedup, coder)
            out.print(format_dedup_report(f"{dedup.name} (coded)", dreport), markup=False, highlight=False)
            oracle = score_dedup_oracle(read_dedup_gold(dedup))
            out.print(format_dedup_report(f"{dedup.name} (gold mentions: merging rules alone)", oracle),
                      markup=False, highlight=False)
            results[str(dedup)] = {"coded": dreport.to_dict(), "gold_mentions": oracle.to_dict()}
        if plover_docs:
            docs = evaluate_plover_docs(plover_docs, coder, limit)
            out.print(f"{plover_docs.name}: {docs['documents']} stories, PLOVER macro-F1 {docs['macro_f1']:.3f}"
                      f" ({docs['documents_with_any_event']} with an event)")
            for t, c in docs["by_type"].items():
                out.print(f"  {t:10} P {c['precision']:.2f}  R {c['recall']:.2f}  F1 {c['f1']:.2f}")
            results[str(plover_docs)] = docs
    except (TacitusError, OSError, json.JSONDecodeError) as exc:
        _fail(exc)
    if markdown:
        out.print(format_markdown(results), markup=False, highlight=False)
    if json_out:
        json_out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


@gold_app.command("check")
def gold_check(files: Annotated[list[Path], typer.Argument(help="Gold JSONL file(s).")]) -> None:
    """Validate gold files (evidence in text, ISO3 countries, CAMEO codes, dates); exit 1 on problems."""
    from .gold import check_file
    from .knowledge import load_knowledge

    kb = load_knowledge()
    bad = 0
    for f in files:
        problems = check_file(f, kb)
        for p in problems:
            err.print(f"{f}:{p}")
        bad += len(problems)
        if not problems:
            n = sum(1 for line in open(f, encoding="utf-8") if line.strip())
            out.print(f"{f}: OK ({n} articles)")
    if bad:
        raise typer.Exit(1)


@kb_app.command("stats")
def kb_stats(kb: KbOpt = None,
             as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Knowledge-base coverage: countries, IGOs, groups, people, roles, patterns."""
    from .knowledge import load_knowledge

    try:
        stats = load_knowledge(kb or ()).stats()
    except TacitusError as exc:
        _fail(exc)
    if as_json:
        out.print_json(json.dumps(stats))
        return
    for k, v in stats.items():
        out.print(f"{k:24} {v}")


@kb_app.command("check")
def kb_check(dirs: Annotated[list[Path], typer.Argument(help="Knowledge directories to validate.")]) -> None:
    """Validate user knowledge files (errors name file and line)."""
    from .knowledge import load_knowledge

    try:
        load_knowledge(dirs)
    except TacitusError as exc:
        _fail(exc)
    out.print("OK")


@app.command()
def version() -> None:
    """Print the version."""
    out.print(__version__)


def _register_extensions() -> None:
    """Commands that live beside their library modules (each module has a ``register(app)``)."""
    from .batch_cli import register as register_batch
    from .compat.cli import register as register_compat
    from .store_cli import register as register_store
    from .web.cli import register as register_web

    register_batch(app)
    register_store(app)
    register_web(app)
    register_compat(app)


_register_extensions()


def main() -> None:
    app()
