from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def coder():
    from tacitus import Coder

    return Coder()


@pytest.fixture(scope="session")
def kb(coder):
    return coder.kb


@pytest.fixture(scope="session")
def seed_path() -> Path:
    p = SHARED / "gold" / "seed.jsonl"
    if not p.exists():
        pytest.skip("../shared/gold/seed.jsonl is not present on this machine")
    return p
