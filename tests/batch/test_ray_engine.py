from __future__ import annotations

import json
import os

import pytest
from conftest import write_corpus

pytestmark = pytest.mark.ray
ray = pytest.importorskip("ray", reason="ray[data] is not installed (pip install 'tacitus[ray]')")


def test_ray_engine_on_two_cpus(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from tacitus.config import CoderConfig
    from tacitus.ray_engine import run_ray

    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")
    corpus = tmp_path / "c.jsonl"
    ids = write_corpus(corpus, 8)
    with open(corpus, "a") as fh:
        fh.write("{broken\n")
    out = tmp_path / "ray"
    s = run_ray([str(corpus)], out, CoderConfig(), num_cpus=2, batch_size=4)
    assert not ray.is_initialized()  # the local Ray it started is shut down
    table = pq.read_table(out)
    rows = {r["id"]: r for r in table.to_pylist()}
    assert sorted(i for i, r in rows.items() if r["status"] == "coded") == sorted(ids)
    assert rows["c.jsonl:9"]["status"] == "rejected" and "malformed JSON" in rows["c.jsonl:9"]["reason"]
    assert s["articles"] == 8 and s["errors"] == 1 and s["events"] > 0
    assert json.loads((out / "_summary.json").read_text())["articles"] == 8
    assert all(json.loads(r["events"]) is not None for r in rows.values())
    assert os.environ["RAY_AUTH_MODE"] == "disabled"
