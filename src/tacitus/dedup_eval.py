"""Scoring cross-article deduplication against a gold file (``eval/gold/dedup.jsonl``).

The gold file has the per-article schema of the other gold files (``docs/gold-guidelines.md``) plus a
``"cluster"`` string on every event: the id of the real-world event; several articles report the same
events. Scoring:

1. code the articles (or take given predictions);
2. per article, align predicted mentions one-to-one to gold events with
   :func:`tacitus.evaluate.compatible` and maximum bipartite matching (as the event scorer does);
3. deduplicate *all* predicted mentions with :func:`tacitus.dedup.deduplicate`;
4. over the aligned mentions only, compare predicted event ids with gold clusters: pairwise
   precision/recall/F1 (pairs of mentions put together) and B-cubed precision/recall/F1.

Unaligned predictions and gold events are counted (``alignment``) but do not enter the cluster scores —
they are event-coding errors, which ``tacitus evaluate`` measures.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dedup import Mention, deduplicate, mention_from_event
from .evaluate import _max_matching, compatible
from .ingest import make_article
from .records import CodedArticle

if TYPE_CHECKING:
    from .coder import Coder


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _prf(p: float | None, r: float | None) -> dict[str, float | None]:
    f = None if p is None or r is None else (2 * p * r / (p + r) if p + r else 0.0)
    return {"precision": None if p is None else round(p, 4), "recall": None if r is None else round(r, 4),
            "f1": None if f is None else round(f, 4)}


def pairwise(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, Any]:
    """Pairwise cluster P/R/F1: ``pred[i]``/``gold[i]`` are the predicted/gold cluster of item i.
    A score is None when it has no pairs to judge (e.g. precision with all predicted singletons)."""
    both = Counter(zip(pred, gold))
    tp = sum(_pairs(n) for n in both.values())
    pp = sum(_pairs(n) for n in Counter(pred).values())
    gp = sum(_pairs(n) for n in Counter(gold).values())
    out = _prf(tp / pp if pp else None, tp / gp if gp else None)
    out.update(true_pairs=tp, predicted_pairs=pp, gold_pairs=gp)
    return out


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, Any]:
    """B-cubed P/R/F1 (averaged over items)."""
    if not pred:
        return _prf(None, None)
    both = Counter(zip(pred, gold))
    pc, gc = Counter(pred), Counter(gold)
    p = sum(both[(a, b)] / pc[a] for a, b in zip(pred, gold)) / len(pred)
    r = sum(both[(a, b)] / gc[b] for a, b in zip(pred, gold)) / len(pred)
    return _prf(p, r)


@dataclass
class DedupReport:
    articles: int = 0
    gold_events: int = 0
    gold_clusters: int = 0
    predicted: int = 0
    aligned: int = 0
    predicted_events: int = 0  # distinct predicted events among the aligned mentions
    pairwise: dict[str, Any] = field(default_factory=dict)
    bcubed: dict[str, Any] = field(default_factory=dict)
    alignment: list[dict[str, Any]] = field(default_factory=list)  # aligned mention → gold cluster

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "gold_events": self.gold_events, "gold_clusters": self.gold_clusters,
                "predicted_mentions": self.predicted, "aligned_mentions": self.aligned,
                "predicted_events": self.predicted_events, "pairwise": self.pairwise, "bcubed": self.bcubed}


def score_dedup(gold: Iterable[Mapping[str, Any]], coded: Iterable[CodedArticle],
                strict: bool = False) -> DedupReport:
    """Score deduplication of ``coded`` articles against gold records carrying ``cluster`` ids."""
    gold = list(gold)
    by_id = {c.id: c for c in coded if isinstance(c, CodedArticle)}
    meta = {r["id"]: r for r in gold}
    rep = DedupReport(articles=len(gold))
    mentions = []
    for c in by_id.values():
        rec = meta.get(c.id, {})
        published = c.published or rec.get("published")
        outlet = c.source or rec.get("source")
        mentions.extend(mention_from_event(e, c.id, i, published, outlet) for i, e in enumerate(c.events))
    rep.predicted = len(mentions)
    result = deduplicate(mentions)
    event_of = {m.mention_id: eid for m, eid in zip(mentions, result.event_ids)}
    clusters = set()
    pred_labels: list[str] = []
    gold_labels: list[str] = []
    for rec in gold:
        golds = rec.get("events", [])
        rep.gold_events += len(golds)
        for k, g in enumerate(golds):
            clusters.add(str(g.get("cluster") or f"{rec['id']}/{k}"))
        c = by_id.get(rec["id"])
        if c is None:
            continue
        preds = [e.to_dict() for e in c.events]
        matched = _max_matching(list(range(len(preds))), list(range(len(golds))),
                                lambda p, g: compatible(preds[p], golds[g], strict))
        for g, p in sorted(matched.items()):
            cluster = golds[g].get("cluster")
            if not cluster:
                continue
            mid = f"{c.id}#{p}"
            pred_labels.append(event_of[mid])
            gold_labels.append(str(cluster))
            rep.alignment.append({"mention_id": mid, "event_id": event_of[mid], "cluster": str(cluster),
                                  "cameo": preds[p]["cameo"], "gold_cameo": golds[g]["cameo"]})
    rep.gold_clusters = len(clusters)
    rep.aligned = len(pred_labels)
    rep.predicted_events = len(set(pred_labels))
    rep.pairwise = pairwise(pred_labels, gold_labels)
    rep.bcubed = bcubed(pred_labels, gold_labels)
    return rep


def read_dedup_gold(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate_dedup_file(path: str | Path, coder: Coder | None = None) -> DedupReport:
    """Code the gold articles with ``coder`` (default ``Coder()``) and score their deduplication."""
    from .coder import Coder

    coder = coder or Coder()
    gold = read_dedup_gold(path)
    arts = (make_article(r["id"], r["text"], r.get("published"), title=r.get("title"), source=r.get("source"))
            for r in gold)
    return score_dedup(gold, [c for c in coder.code_articles(arts) if isinstance(c, CodedArticle)])


def format_dedup_report(name: str, r: DedupReport) -> str:
    def f(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    pw, b3 = r.pairwise, r.bcubed
    return "\n".join([
        f"{name}: {r.articles} articles, {r.gold_events} gold events in {r.gold_clusters} clusters",
        f"  aligned mentions {r.aligned} of {r.predicted} predicted → {r.predicted_events} predicted events",
        f"  pairwise P {f(pw.get('precision'))}  R {f(pw.get('recall'))}  F1 {f(pw.get('f1'))}"
        f"   (pairs: true {pw.get('true_pairs')}, predicted {pw.get('predicted_pairs')}, gold {pw.get('gold_pairs')})",
        f"  B-cubed  P {f(b3.get('precision'))}  R {f(b3.get('recall'))}  F1 {f(b3.get('f1'))}",
    ])


def _gold_mention(rec: Mapping[str, Any], k: int, g: Mapping[str, Any]) -> Mention:
    from .evaluate import norm_code

    def side(actor: Mapping[str, Any] | None) -> tuple[str | None, str | None, str | None]:
        if not actor:
            return None, None, None
        code = str(actor.get("code") or "")
        n = norm_code(code)
        return code, n[:3], (n[3:6] or None)

    sc, scountry, srole = side(g.get("source"))
    tc, tcountry, trole = side(g.get("target"))
    date = g.get("date")
    precision = None if not date else ("day" if len(date) == 10 else "month")
    loc = g.get("location") or {}
    return Mention(
        mention_id=f"{rec['id']}#{k}", article_id=rec["id"], cameo=g["cameo"], status=g["status"],
        src_code=sc or "---", src_country=scountry, src_role=srole, tgt_code=tc, tgt_country=tcountry,
        tgt_role=trole, date=date or rec.get("published"), date_precision=precision or "day",
        date_fallback=not date, loc_country=loc.get("country"), published=rec.get("published"),
        outlet=rec.get("source"), confidence=0.9,
    )


def score_dedup_oracle(gold: Iterable[Mapping[str, Any]]) -> DedupReport:
    """Deduplicate the *gold* events themselves (actor codes, codes, dates, places as annotated):
    measures the merging rules alone, without event-coding errors."""
    gold = list(gold)
    rep = DedupReport(articles=len(gold))
    mentions = [_gold_mention(r, k, g) for r in gold for k, g in enumerate(r.get("events", []))]
    labels = [str(g.get("cluster") or f"{r['id']}/{k}") for r in gold for k, g in enumerate(r.get("events", []))]
    result = deduplicate(mentions)
    rep.gold_events = rep.predicted = rep.aligned = len(mentions)
    rep.gold_clusters = len(set(labels))
    rep.predicted_events = len(set(result.event_ids))
    rep.pairwise = pairwise(list(result.event_ids), labels)
    rep.bcubed = bcubed(list(result.event_ids), labels)
    return rep
