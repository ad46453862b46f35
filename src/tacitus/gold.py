"""Gold annotation files: reading and validation (``tacitus gold check``)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .errors import GoldError
from .knowledge import Knowledge

STATUSES = ("occurred", "planned", "negated", "hypothetical")
DATE_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
ARTICLE_KEYS = ("id", "title", "published", "source", "text", "events")
EVENT_KEYS = ("source", "target", "cameo", "cameo_ok", "plover", "status", "date", "location", "evidence",
              "required")


@dataclass(frozen=True)
class GoldProblem:
    line: int
    article: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line} ({self.article}): {self.message}"


def _valid_date(s: str) -> bool:
    if not DATE_RE.match(s):
        return False
    parts = [int(x) for x in s.split("-")]
    try:
        date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def check_record(rec: Any, line: int, kb: Knowledge) -> list[GoldProblem]:
    if not isinstance(rec, dict):
        return [GoldProblem(line, "?", "not a JSON object")]
    aid = str(rec.get("id", "?"))
    out: list[GoldProblem] = []

    def bad(msg: str) -> None:
        out.append(GoldProblem(line, aid, msg))

    for k in ARTICLE_KEYS:
        if k not in rec:
            bad(f"missing key {k!r}")
    if out:
        return out
    text = rec["text"]
    if not isinstance(text, str) or not text.strip():
        bad("empty text")
        return out
    if not isinstance(rec["published"], str) or not _valid_date(rec["published"]) or len(rec["published"]) != 10:
        bad(f"published must be YYYY-MM-DD, got {rec['published']!r}")
    if not isinstance(rec["events"], list):
        bad("events must be a list")
        return out
    for n, ev in enumerate(rec["events"], start=1):
        where = f"event {n}"
        if not isinstance(ev, dict):
            bad(f"{where}: not an object")
            continue
        missing = [k for k in EVENT_KEYS if k not in ev]
        if missing:
            bad(f"{where}: missing {missing}")
            continue
        for role in ("source", "target"):
            actor = ev[role]
            if actor is None and role == "target":
                continue
            if not isinstance(actor, dict) or not actor.get("code") or not isinstance(actor.get("code"), str):
                bad(f"{where}: {role} must be {{name, code}}")
            elif not re.fullmatch(r"(?:[A-Z0-9]{3})+", actor["code"]):
                bad(f"{where}: bad {role} code {actor['code']!r}")
        for code in [ev["cameo"], *(ev["cameo_ok"] if isinstance(ev["cameo_ok"], list) else [None])]:
            if not isinstance(code, str) or code not in kb.cameo:
                bad(f"{where}: unknown CAMEO code {code!r}")
        if ev["status"] not in STATUSES:
            bad(f"{where}: status must be one of {STATUSES}")
        if ev["date"] is not None and (not isinstance(ev["date"], str) or not _valid_date(ev["date"])):
            bad(f"{where}: bad date {ev['date']!r}")
        loc = ev["location"]
        if loc is not None:
            if not isinstance(loc, dict) or not isinstance(loc.get("country"), str):
                bad(f"{where}: location must be {{name, country}} or null")
            elif loc["country"] not in kb.countries:
                bad(f"{where}: unknown ISO3 country {loc['country']!r}")
        if not isinstance(ev["evidence"], str) or ev["evidence"] not in text:
            bad(f"{where}: evidence is not an exact substring of the text: {str(ev['evidence'])[:60]!r}")
        if not isinstance(ev["required"], bool):
            bad(f"{where}: required must be true or false")
    return out


def read_gold(path: str | Path) -> Iterator[tuple[int, Any]]:
    """(line number, record) for each non-blank line; raises GoldError on malformed JSON."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{path}:{n}: malformed JSON: {exc.msg}") from None


def check_file(path: str | Path, kb: Knowledge) -> list[GoldProblem]:
    problems: list[GoldProblem] = []
    ids: set[str] = set()
    try:
        for n, rec in read_gold(path):
            problems += check_record(rec, n, kb)
            rid = rec.get("id") if isinstance(rec, dict) else None
            if rid in ids:
                problems.append(GoldProblem(n, str(rid), "duplicate id"))
            ids.add(str(rid))
    except GoldError as exc:
        problems.append(GoldProblem(0, "?", exc.message))
    return problems


def load_gold(path: str | Path, kb: Knowledge) -> list[dict[str, Any]]:
    problems = check_file(path, kb)
    if problems:
        raise GoldError(f"{path}: {len(problems)} problem(s); first: {problems[0]}")
    return [rec for _, rec in read_gold(path)]
