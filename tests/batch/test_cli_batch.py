from __future__ import annotations

import json

import typer
from conftest import shard_ids, write_corpus
from typer.testing import CliRunner

from tacitus.batch_cli import register

app = typer.Typer(add_completion=False)
register(app)


@app.callback()
def _main() -> None:
    """Test app."""


runner = CliRunner()


def test_batch_command_codes_resumes_and_prints_summary(tmp_path):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "out"
    ids = write_corpus(corpus, 7)
    with open(corpus, "a") as fh:
        fh.write("{broken\n")
    args = ["batch", str(corpus), str(out), "--workers", "1", "--shard-size", "3", "--published", "2020-01-01"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "batch summary" in r.stdout and "articles" in r.stdout
    assert sorted(shard_ids(out)) == sorted(ids)
    r2 = runner.invoke(app, args)
    assert r2.exit_code == 0
    assert json.loads((out / "summary.json").read_text())["skipped_shards"] == 3


def test_batch_command_rejects_bad_options(tmp_path):
    r = runner.invoke(app, ["batch", "x.jsonl", str(tmp_path / "o"), "--format", "csv"])
    assert r.exit_code == 2 and "jsonl or parquet" in r.stderr
    r = runner.invoke(app, ["batch", "x.jsonl", str(tmp_path / "o"), "--engine", "spark"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["batch", "x.jsonl", str(tmp_path / "o"), "--published", "yesterday"])
    assert r.exit_code == 2
