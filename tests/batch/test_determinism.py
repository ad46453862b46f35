"""Same input + same config ⇒ byte-identical shards, whatever the number of workers."""

from __future__ import annotations

import json

from conftest import shard_ids, tree_bytes, write_corpus

from tacitus.batch import run_batch
from tacitus.config import CoderConfig


def test_jsonl_shards_byte_identical_across_runs_and_worker_counts(tmp_path, batch_coder):
    corpus = tmp_path / "c.jsonl"
    ids = write_corpus(corpus, 14)
    a = run_batch(corpus, tmp_path / "a", CoderConfig(), workers=1, shard_size=3, coder=batch_coder)
    b = run_batch(corpus, tmp_path / "b", CoderConfig(), workers=2, shard_size=3)  # fresh spawned processes
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b")
    assert a["articles"] == b["articles"] == 14 and a["events"] == b["events"] > 0
    assert shard_ids(tmp_path / "a") == ids  # input order is kept
    summary = json.loads((tmp_path / "b" / "summary.json").read_text())
    assert summary["workers"] == 2 and summary["articles_per_s"] > 0


def test_parquet_shards_byte_identical_and_match_jsonl(tmp_path, batch_coder):
    import pyarrow.parquet as pq

    corpus = tmp_path / "c.jsonl"
    ids = write_corpus(corpus, 8)
    for name in ("p1", "p2"):
        run_batch(corpus, tmp_path / name, CoderConfig(), workers=1, shard_size=3, fmt="parquet", coder=batch_coder)
    run_batch(corpus, tmp_path / "j", CoderConfig(), workers=1, shard_size=3, coder=batch_coder)
    assert tree_bytes(tmp_path / "p1") == tree_bytes(tmp_path / "p2")
    table = pq.read_table(sorted((tmp_path / "p1" / "shards").glob("*.parquet")))
    assert table.column("id").to_pylist() == ids
    jsonl = {r["id"]: r for f in sorted((tmp_path / "j" / "shards").glob("*.jsonl"))
             for r in map(json.loads, f.read_text().splitlines())}
    for row in table.to_pylist():
        assert json.loads(row["events"]) == jsonl[row["id"]]["events"]
        assert row["n_events"] == len(jsonl[row["id"]]["events"])
