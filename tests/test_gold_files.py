"""The team's gold sets are valid and have the coverage the evaluation issue asks for."""

import json
from collections import Counter
from pathlib import Path

import pytest

from tacitus.gold import check_file

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold"


SETS = ["dev.jsonl", "test.jsonl", "fresh.jsonl", "fresh2.jsonl", "fresh3.jsonl", "fresh4.jsonl", "fresh5.jsonl", "fresh6.jsonl"]


@pytest.mark.parametrize("name", SETS)
def test_gold_validates(kb, name):
    assert check_file(GOLD / name, kb) == []


def test_dev_coverage():
    recs = [json.loads(line) for line in (GOLD / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(recs) >= 60
    events = [e for r in recs for e in r["events"]]
    roots = Counter(e["cameo"][:2] for e in events)
    assert all(roots[f"{i:02d}"] >= 5 for i in range(1, 21)), roots
    traps = sum(e["status"] in ("negated", "hypothetical") for e in events)
    assert traps / len(events) >= 0.15
    assert sum(1 for r in recs if not r["events"]) >= 5
    years = {r["published"][:4] for r in recs}
    assert min(years) <= "2011" and max(years) >= "2025"
