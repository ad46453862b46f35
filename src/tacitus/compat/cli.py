"""CLI for the compat layer: ``tacitus conformance petrarch2 PATH`` / ``conformance ud-gsr PATH``.

Call :func:`register` with the main Typer app to add the ``conformance`` group.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import TacitusError


def _print(result, failures: bool, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(result.to_dict(failures=failures), indent=1))
        return
    typer.echo(f"{result.suite}: {result.passed}/{result.total} expected codings passed "
               f"({result.rate:.1%}); precision {result.precision:.1%} of {result.produced} produced")
    for cat, v in result.per_category.items():
        typer.echo(f"  {cat:<12} {v['passed']:>4}/{v['total']:<4} {v['rate']:.1%}")
    for kind, v in result.by_kind.items():
        typer.echo(f"  [{kind}] {v['passed']}/{v['total']} {v['rate']:.1%}")
    if failures:
        for f in result.failures:
            typer.echo(f"- {f['id']} [{f['category']}] {f['text'][:100]}")
            typer.echo(f"    missing {f['missing']}  got {f['got']}")


def _dicts(path: Path, dict_dir: Optional[Path]) -> Path:
    if dict_dir is not None:
        return dict_dir
    # default: petrarch2's data/dictionaries next to data/text (the unit-test layout)
    for base in [path.parent.parent / "dictionaries", *(p / "petrarch2" / "petrarch2" / "data" / "dictionaries"
                                                        for p in path.parents)]:
        if (base / "CAMEO.2.0.txt").is_file():  # UniversalPetrarch's own folder lacks the English set
            return base
    raise typer.BadParameter("cannot find the dictionaries; pass --dicts DIR")


Dicts = Annotated[Optional[Path], typer.Option("--dicts", help="PETRARCH dictionary directory.")]
Fail = Annotated[bool, typer.Option("--failures", help="List the failing sentences.")]
Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def _run(runner, path: Path, dicts: Path | None, failures: bool, as_json: bool) -> None:
    try:
        _print(runner(path, _dicts(path, dicts)), failures, as_json)
    except (TacitusError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def register(app: typer.Typer) -> typer.Typer:
    conf = typer.Typer(no_args_is_help=True, help="Run peer conformance suites (PETRARCH2, UD-PETRARCH).")
    app.add_typer(conf, name="conformance")

    @conf.command("petrarch2")
    def petrarch2(path: Annotated[Path, typer.Argument(help="PETR.UnitTest.records.xml")],
                  dicts: Dicts = None, failures: Fail = False, as_json: Json = False) -> None:
        """PETRARCH2 unit suite with its PETR.Validate.* dictionaries (Treebank parses ignored)."""
        from .conformance import run_petrarch2

        _run(run_petrarch2, path, dicts, failures, as_json)

    @conf.command("ud-gsr")
    def ud_gsr(path: Annotated[Path, typer.Argument(help="PETR2_GSR_validation.xml")],
               dicts: Dicts = None, failures: Fail = False, as_json: Json = False) -> None:
        """UD-PETRARCH English GSR with the Phoenix dictionaries (CoNLL-U parses ignored)."""
        from .conformance import run_ud_gsr

        _run(run_ud_gsr, path, dicts, failures, as_json)

    return conf
