"""Convenience functions of the public API (the :class:`Coder` does the work)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from .coder import Coder
from .config import CoderConfig
from .evaluate import Report, score
from .gold import load_gold
from .ingest import Reject, make_article
from .records import CodedArticle, Event


def code(text: str, published: str | date | None = None, *, coder: Coder | None = None) -> list[Event]:
    """Code one text with a default :class:`Coder` (build one yourself to code many)."""
    return (coder or Coder()).code(text, published)


def example_article() -> tuple[str, str]:
    """The bundled example article (text, publication date)."""
    root = resources.files("tacitus") / "examples"
    text = (root / "example.txt").read_text(encoding="utf-8")
    gold = json.loads((root / "example.gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    return text, gold["published"]


def code_gold(coder: Coder, gold: list[dict[str, Any]]) -> Iterator[CodedArticle | Reject]:
    arts = (make_article(r["id"], r["text"], r["published"], title=r.get("title"), source=r.get("source"))
            for r in gold)
    return coder.code_articles(arts)


def evaluate_file(gold_path: str | Path, coder: Coder | None = None,
                  predictions: Iterable[dict[str, Any]] | None = None) -> Report:
    """Score a gold file: code its texts (or use ``predictions`` in the JSONL output schema)."""
    coder = coder or Coder(CoderConfig())
    gold = load_gold(gold_path, coder.kb)
    if predictions is None:
        preds = {c.id: [e.to_dict() for e in c.events] for c in code_gold(coder, gold)
                 if isinstance(c, CodedArticle)}
    else:
        preds = {str(p["id"]): p.get("events", []) for p in predictions}
    return score(gold, preds)
