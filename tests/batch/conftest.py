"""Shared helpers for the batch tests: tiny synthetic corpora and one loaded BatchCoder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SENTENCES = [
    "Syrian government forces shelled rebel positions near {city} on Tuesday.",
    "Police arrested dozens of protesters in {city} on Sunday.",
    "Israeli Prime Minister Benjamin Netanyahu will fly to Moscow on Monday to meet Russian President Vladimir Putin.",
    "Iran condemned the United States on Wednesday after new sanctions were announced in {city}.",
    "French President Emmanuel Macron met German Chancellor Angela Merkel in {city} on Thursday.",
]
CITIES = ["Idlib", "Minsk", "Aleppo", "Paris", "Berlin", "Kabul", "Baghdad", "Cairo"]


def pytest_configure(config):
    config.addinivalue_line("markers", "ray: needs ray[data] (pip install 'tacitus[ray]'); skipped without it")


def article(i: int) -> dict:
    text = " ".join(SENTENCES[(i + j) % len(SENTENCES)].format(city=CITIES[(i + j) % len(CITIES)]) for j in range(2))
    return {"id": f"art-{i:03d}", "text": f"Story {i}. " + text, "published": f"2019-05-{1 + i % 28:02d}"}


def write_corpus(path: Path, n: int) -> list[str]:
    """A JSONL corpus of n good articles; returns their ids."""
    recs = [article(i) for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return [r["id"] for r in recs]


def shard_ids(out: Path) -> list[str]:
    """Every article id in every JSONL shard (with repetitions)."""
    ids = []
    for f in sorted((out / "shards").glob("shard-*.jsonl")):
        ids += [json.loads(line)["id"] for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return ids


def rejects(out: Path) -> dict[str, str]:
    found = {}
    for f in sorted((out / "rejects").glob("shard-*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            assert rec["id"] not in found, f"{rec['id']} rejected twice"
            found[rec["id"]] = rec["reason"]
    return found


def tree_bytes(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for sub in ("shards", "rejects", "done")
            for p in sorted((out / sub).iterdir())}


@pytest.fixture(scope="session")
def batch_coder():
    from tacitus.batch import BatchCoder

    return BatchCoder()
