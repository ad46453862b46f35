"""The coder's accuracy on the dev gold set and the bundled example may not fall below the recorded
floors (eval/accuracy_floor.json). The held-out test set is deliberately not used here."""

import json
from importlib import resources
from pathlib import Path

from tacitus.api import evaluate_file

ROOT = Path(__file__).resolve().parents[1]
FLOOR = json.loads((ROOT / "eval" / "accuracy_floor.json").read_text(encoding="utf-8"))


def test_dev_accuracy_floor(coder):
    d = evaluate_file(ROOT / "eval" / "gold" / "dev.jsonl", coder).to_dict()
    floor = FLOOR["dev"]
    assert d["events"]["f1"] >= floor["f1"], d["events"]
    assert d["events"]["precision"] >= floor["precision"], d["events"]
    assert d["strict"]["f1"] >= floor["strict_f1"], d["strict"]
    assert d["date_accuracy"] >= floor["date_accuracy"]
    assert d["location_country_accuracy"] >= floor["location_country_accuracy"]
    assert d["actors"]["f1"] >= floor["actor_f1"], d["actors"]
    assert d["actors"]["country_accuracy"] >= floor["actor_country_accuracy"], d["actors"]


def test_bundled_example_floor(coder):
    gold = resources.files("tacitus") / "examples" / "example.gold.jsonl"
    d = evaluate_file(str(gold), coder).to_dict()
    assert d["events"]["f1"] >= FLOOR["example"]["f1"], d["events"]
