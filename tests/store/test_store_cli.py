import json

import polars as pl
import pytest
import typer
from typer.testing import CliRunner

from tacitus.store import Store
from tacitus.store_cli import register

app = typer.Typer()
register(app)


@app.command()
def _noop() -> None:  # a second command keeps typer from collapsing the app into the group
    pass


runner = CliRunner()


@pytest.fixture
def db(tmp_path, small_corpus):
    path = tmp_path / "t.db"
    with Store(path) as s:
        s.add(small_corpus)
    return path


def test_query_formats(db):
    r = runner.invoke(app, ["store", "query", "--db", str(db), "--min-reports", "2", "-f", "jsonl"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["article_count"] == 3
    r = runner.invoke(app, ["store", "query", "--db", str(db), "--actor", "SYR", "-f", "csv"])
    assert r.exit_code == 0 and r.stdout.splitlines()[0].startswith("event_id,")
    assert len(r.stdout.splitlines()) == 2
    r = runner.invoke(app, ["store", "query", "--db", str(db), "--from", "2018-01-27", "--to", "2018-01-29"])
    assert r.exit_code == 0 and "3 events" in r.stdout
    r = runner.invoke(app, ["store", "query", "--db", str(db), "--mentions", "--outlet", "Outlet B", "-f", "jsonl"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 2
    assert runner.invoke(app, ["store", "query", "--db", str(db), "-f", "xml"]).exit_code == 2
    assert runner.invoke(app, ["store", "query", "--db", str(db.parent / "none.db")]).exit_code == 1


def test_export_and_info(db, tmp_path):
    for fmt in ("jsonl", "parquet", "csv", "gdelt", "plover"):
        out = tmp_path / f"o.{fmt}"
        r = runner.invoke(app, ["store", "export", "--db", str(db), "--format", fmt, str(out)])
        assert r.exit_code == 0, r.output
        assert out.exists() and "4 rows" in r.stdout
    assert len(pl.read_parquet(tmp_path / "o.parquet")) == 4
    assert runner.invoke(app, ["store", "export", "--db", str(db), "-f", "xml", str(tmp_path / "x")]).exit_code == 2
    r = runner.invoke(app, ["store", "info", "--db", str(db), "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["events"] == 4


@pytest.mark.slow
def test_add_codes_inputs(tmp_path, coder, monkeypatch):
    monkeypatch.setattr("tacitus.coder.Coder", lambda config=None: coder)
    f = tmp_path / "a.txt"
    f.write_text("Syrian government forces shelled rebel positions near Idlib on Tuesday.", encoding="utf-8")
    db = tmp_path / "new.db"
    r = runner.invoke(app, ["store", "add", str(f), "--db", str(db), "--published", "2019-05-16"])
    assert r.exit_code == 0, r.output
    assert "1 added" in r.stdout
    r = runner.invoke(app, ["store", "add", str(f), "--db", str(db), "--published", "2019-05-16"])
    assert r.exit_code == 0 and "1 unchanged" in r.stdout
    r = runner.invoke(app, ["store", "add", str(tmp_path / "missing.txt"), "--db", str(db)])
    assert r.exit_code == 1 and "no such file" in r.stderr
    with Store(db, read_only=True) as s:
        assert s.counts()["articles"] == 1 and s.counts()["events"] >= 1
