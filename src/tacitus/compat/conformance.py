"""Conformance runners: code PETRARCH validation files with the compat matcher and score them.

The Treebank / CoNLL-U parses in the validation files are ignored: every ``<Text>`` is parsed with
spaCy (one ``nlp.pipe`` call) and coded with the dictionaries named in the file's
``<Environment>``. Scoring, per ``<EventCoding>``:

* a positive coding (source, target, event code) passes when the coder produced that triple for
  the sentence (each produced triple satisfies at most one expected coding);
* ``noevents="True"`` passes when the coder produced nothing for the sentence;
* ``error="storydiscard"|"sentencediscard"`` passes when the discard list rejected the sentence
  at that level; other errors (``dateline``, ``bad_input_parse``) pass when nothing was produced.

The pass rate is passed / all expected codings, overall and per sentence category; precision is the
share of produced triples that match an expected positive coding.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..clean import join_broken_hyphens
from ..config import DEFAULT_MODEL
from .petrarch import load_dictionaries
from .petrarch_match import PetrarchMatcher

NULL_TARGET_EVENTS = True  # see PetrarchMatcher.null_target_events


@dataclass
class Expected:
    source: str | None
    target: str | None
    code: str | None
    noevents: bool = False
    error: str | None = None

    @property
    def kind(self) -> str:
        return "error" if self.error else "noevents" if self.noevents else "event"


@dataclass
class Record:
    id: str
    category: str
    date: date | None
    text: str
    expected: list[Expected]
    config: dict[str, str] = field(default_factory=dict)


@dataclass
class Suite:
    environment: dict[str, str]
    records: list[Record]


_ATTR = re.compile(r'([A-Za-z_]+)\s*=\s*"([^"]*)"')


def _attrs(tag: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(tag)}


def read_suite(path: str | Path) -> Suite:
    """Read a PETRARCH validation XML file (PETRARCH2 unit tests or UD-PETRARCH GSR layout).

    Parsed with regular expressions because the GSR file is not well-formed XML (self-closed
    ``<Sentence/>`` followed by its codings, free text outside comments)."""
    text = Path(path).read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    env: dict[str, str] = {}
    m = re.search(r"<Environment>(.*?)</Environment>", text, flags=re.S)
    if m:
        for tag, val in re.findall(r"<(\w+)>\s*(.*?)\s*</\1>", m.group(1), flags=re.S):
            env[tag] = val.strip()
    body = text[m.end():] if m else text
    records = []
    chunks = re.split(r"(?=<Sentence\b)", body)
    for chunk in chunks:
        mo = re.match(r"<Sentence\b([^>]*)>", chunk)
        if not mo:
            continue
        a = _attrs(mo.group(1))
        exp = []
        for ec in re.findall(r"<EventCoding\b([^>]*)>", chunk):
            e = _attrs(ec)
            exp.append(Expected(e.get("sourcecode"), e.get("targetcode"), e.get("eventcode"),
                                e.get("noevents", "").lower() == "true", e.get("error")))
        t = re.search(r"<Text>(.*?)</Text>", chunk, flags=re.S)
        cfg = {c.get("option", ""): c.get("value", "") for c in map(_attrs, re.findall(r"<Config\b([^>]*)>", chunk))}
        ds = a.get("date", "")
        d = date(int(ds[:4]), int(ds[4:6]), int(ds[6:8])) if re.fullmatch(r"\d{8}", ds) else None
        records.append(Record(a.get("id", "?"), a.get("category", "?"), d,
                              " ".join(html.unescape(t.group(1)).split()) if t else "", exp, cfg))
    return Suite(env, records)


@dataclass
class Result:
    suite: str
    total: int
    passed: int
    per_category: dict[str, dict[str, Any]]
    by_kind: dict[str, dict[str, Any]]
    produced: int
    produced_correct: int
    failures: list[dict[str, Any]]
    dictionaries: dict[str, int]

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0

    @property
    def precision(self) -> float:
        return self.produced_correct / self.produced if self.produced else 0.0

    def to_dict(self, failures: bool = False) -> dict[str, Any]:
        d = {"suite": self.suite, "total": self.total, "passed": self.passed, "rate": round(self.rate, 4),
             "precision": round(self.precision, 4), "produced": self.produced,
             "per_category": self.per_category, "by_kind": self.by_kind, "dictionaries": self.dictionaries}
        if failures:
            d["failures"] = self.failures
        return d


def _bool(v: str | None, default: bool) -> bool:
    return default if v is None else v.strip().lower() == "true"


def run_suite(path: str | Path, dict_dir: str | Path, *, verbs: str | None = None, actors: list[str] | None = None,
              agents: str | None = None, discards: str | None = None, nlp=None, require_dyad: bool = True,
              name: str = "") -> Result:
    suite = read_suite(path)
    env = suite.environment
    dicts = load_dictionaries(
        dict_dir,
        verbs=verbs or env["Verbfile"],
        actors=actors or [a.strip() for a in env["Actorfile"].split(",") if a.strip()],
        agents=agents or env["Agentfile"],
        discards=discards or env.get("Discardfile"),
    )
    matcher = PetrarchMatcher(dicts, null_target_events=NULL_TARGET_EVENTS)
    if nlp is None:
        from ..nlp import load_pipeline

        nlp = load_pipeline(DEFAULT_MODEL)
    docs = list(nlp.pipe([join_broken_hyphens(r.text) for r in suite.records], batch_size=64))
    total = passed = produced = produced_ok = 0
    cats: dict[str, Counter] = {}
    kinds: dict[str, Counter] = {}
    failures = []
    for rec, doc in zip(suite.records, docs, strict=True):
        dyad = _bool(rec.config.get("require_dyad"), require_dyad)
        discard = matcher.discarded(rec.text)
        got = [] if discard else [c for s in doc.sents for c in matcher.code_sentence(s, rec.date, dyad)]
        triples = []
        for c in got:
            if (c.source, c.target, c.code) not in triples:
                triples.append((c.source, c.target, c.code))
        pool = Counter(triples)
        produced += len(triples)
        rec_fail = []
        for e in rec.expected:
            if e.kind == "event":
                key = (e.source, e.target, e.code)
                ok = pool[key] > 0
                if ok:
                    pool[key] -= 1
                    produced_ok += 1
            elif e.kind == "noevents":
                ok = not triples and discard is None
            elif e.error in ("storydiscard", "sentencediscard"):
                ok = discard == e.error
            else:
                ok = not triples
            total += 1
            passed += ok
            cats.setdefault(rec.category, Counter())["total"] += 1
            cats[rec.category]["passed"] += ok
            kinds.setdefault(e.kind, Counter())["total"] += 1
            kinds[e.kind]["passed"] += ok
            if not ok:
                rec_fail.append(e)
        if rec_fail:
            failures.append({
                "id": rec.id, "category": rec.category, "date": rec.date.isoformat() if rec.date else None,
                "text": rec.text,
                "missing": [(e.source, e.target, e.code) if e.kind == "event" else e.kind + (f":{e.error}" if e.error else "")
                            for e in rec_fail],
                "expected": [(e.source, e.target, e.code) if e.kind == "event" else e.kind for e in rec.expected],
                "got": triples, "discard": discard,
                "rules": sorted({f"{c.verb}:{c.code}:{c.rule}" for c in got}),
            })

    def table(d: dict[str, Counter]) -> dict[str, dict[str, Any]]:
        return {k: {"passed": v["passed"], "total": v["total"], "rate": round(v["passed"] / v["total"], 4)}
                for k, v in sorted(d.items())}

    return Result(name or Path(path).name, total, passed, table(cats), table(kinds), produced, produced_ok,
                  failures, dicts.counts())


def peers_root(start: str | Path | None = None) -> Path:
    """``<repo>/../shared/peers`` (the peer reference data; may be absent)."""
    here = Path(start) if start else Path(__file__).resolve().parents[3]
    return here.parent / "shared" / "peers"


def petrarch2_paths(peers: Path) -> tuple[Path, Path]:
    base = peers / "petrarch2" / "petrarch2" / "data"
    return base / "text" / "PETR.UnitTest.records.xml", base / "dictionaries"


def run_petrarch2(path: str | Path, dict_dir: str | Path, nlp=None) -> Result:
    """The PETRARCH2 unit suite (PETR.UnitTest.records.xml) with its PETR.Validate.* dictionaries."""
    return run_suite(path, dict_dir, nlp=nlp, name="petrarch2-unit")


def run_ud_gsr(path: str | Path, dict_dir: str | Path, nlp=None) -> Result:
    """UD-PETRARCH's English GSR (PETR2_GSR_validation.xml) with the Phoenix dictionaries."""
    return run_suite(path, dict_dir, nlp=nlp, name="ud-petrarch-gsr")
