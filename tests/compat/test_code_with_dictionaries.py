"""`tacitus code --dictionaries petrarch:DIR`: code with the Phoenix dictionaries instead of the KB."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tacitus.cli import app
from tacitus.config import CoderConfig
from tacitus.errors import ConfigError

DICTS = Path(__file__).resolve().parents[2].parent / "shared/peers/petrarch2/petrarch2/data/dictionaries"


def test_bad_dictionary_specs_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="expected petrarch:DIR"):
        CoderConfig(dictionaries=("tabari:/x",))
    with pytest.raises(ConfigError, match="does not exist"):
        CoderConfig(dictionaries=(f"petrarch:{tmp_path / 'missing'}",))


@pytest.mark.skipif(not DICTS.is_dir(), reason="../shared/peers (PETRARCH dictionaries) is not on this machine")
def test_code_with_phoenix_dictionaries_only(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("The Russian government condemned the Ukrainian army on Monday.", encoding="utf-8")
    r = CliRunner().invoke(app, ["code", str(f), "--published", "2022-05-02", "-f", "jsonl",
                                 "--dictionaries", f"petrarch:{DICTS}", "--no-builtin"])
    assert r.exit_code == 0, r.output
    (ev,) = json.loads(r.stdout.strip().splitlines()[-1])["events"]
    assert (ev["source"]["code"], ev["cameo"][:2], ev["target"]["code"]) == ("RUSGOV", "11", "UKRMIL")
    assert ev["target"]["entity"].startswith("petr-")  # the actor came from the Phoenix dictionaries
