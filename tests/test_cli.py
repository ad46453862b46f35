import json
import re
from pathlib import Path

from typer.testing import CliRunner

from tacitus.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_code_jsonl_from_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Syrian government forces shelled rebel positions near Idlib on Tuesday.", encoding="utf-8")
    r = runner.invoke(app, ["code", str(f), "--published", "2019-05-16", "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.stdout.strip().splitlines()[-1])
    assert rec["id"] == "a.txt" and rec["published"] == "2019-05-16"
    ev = rec["events"][0]
    assert ev["source"]["code"] == "SYRMIL" and ev["cameo"].startswith("19")
    for key in ("source", "target", "cameo", "cameo_name", "plover", "plover_mode", "quad_class", "goldstein",
                "status", "date", "date_precision", "location", "evidence", "confidence"):
        assert key in ev
    assert ev["date"] == "2019-05-14"


def test_code_keeps_jsonl_ids_and_reports_rejects(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "r-1", "text": "Police arrested dozens of protesters in Minsk.",
                             "published": "2020-08-10"}) + "\n{broken\n", encoding="utf-8")
    r = runner.invoke(app, ["code", str(f), "-f", "jsonl"])
    assert r.exit_code == 0
    assert json.loads(r.stdout.strip().splitlines()[0])["id"] == "r-1"
    assert "malformed JSON" in r.stderr


def test_empty_input_fails_clearly(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("", encoding="utf-8")
    r = runner.invoke(app, ["code", str(f)])
    assert r.exit_code == 1 and "empty" in r.stderr


def test_gold_check_reports_line_numbers(tmp_path):
    bad = {"id": "x", "title": "t", "published": "2020-01-01", "source": "s", "text": "Some text.",
           "events": [{"source": {"name": "a", "code": "USA"}, "target": None, "cameo": "999", "cameo_ok": [],
                       "plover": "X", "status": "maybe", "date": "2020-02-31", "location": {"name": "x", "country": "ZZZ"},
                       "evidence": "not in text", "required": True}]}
    f = tmp_path / "g.jsonl"
    f.write_text("\n" + json.dumps(bad) + "\n", encoding="utf-8")
    r = runner.invoke(app, ["gold", "check", str(f)])
    assert r.exit_code == 1
    for msg in ("line 2", "unknown CAMEO code", "status must be", "bad date", "unknown ISO3", "evidence is not"):
        assert msg in r.stderr


def test_kb_stats_json():
    r = runner.invoke(app, ["kb", "stats", "--json"])
    assert r.exit_code == 0
    assert json.loads(r.stdout)["countries"] >= 240


def test_every_command_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = []
    for cmd in app.registered_commands:
        names.append(cmd.name or cmd.callback.__name__)
    for group in app.registered_groups:
        for cmd in group.typer_instance.registered_commands:
            names.append(f"{group.name} {cmd.name or cmd.callback.__name__}")
    for name in names:
        assert re.search(rf"tacitus {name}\b", readme), f"`tacitus {name}` is not documented in README.md"
