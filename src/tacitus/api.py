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


def read_ngec_stories(path: str | Path, limit: int | None = None) -> list[dict[str, str]]:
    """NGEC's synthetic PLOVER stories (a zipped or plain CSV with prompt, text, label, mode columns);
    ``limit`` takes an evenly spaced sample."""
    import csv
    import io
    import zipfile

    path = Path(path)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            raw = z.read(z.namelist()[0]).decode("utf-8")
    else:
        raw = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(raw)))
    stride = max(1, len(rows) // limit) if limit else 1  # an even sample across the (label-sorted) file
    out = []
    for n, row in enumerate(rows):
        if n % stride or (limit is not None and len(out) >= limit):
            continue
        text = f"{row.get('prompt', '').strip()}\n{row.get('text', '').strip()}"
        out.append({"id": f"ngec-{n:05d}", "text": text, "label": row["label"].strip().upper(),
                    "mode": (row.get("mode") or "").strip()})
    return out


def evaluate_plover_docs(path: str | Path, coder: Coder | None = None, limit: int | None = None,
                         published: str = "2023-10-19") -> dict[str, Any]:
    """Derive each story's document-level PLOVER types from its asserted events and score them."""
    from .evaluate import score_plover_docs

    coder = coder or Coder()
    stories = read_ngec_stories(path, limit)
    arts = (make_article(s["id"], s["text"], published) for s in stories)
    predicted = {c.id: {e.plover for e in c.events if e.status in ("occurred", "planned")}
                 for c in coder.code_articles(arts) if isinstance(c, CodedArticle)}
    return score_plover_docs([s["label"] for s in stories], [predicted.get(s["id"], set()) for s in stories])


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
