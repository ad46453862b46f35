"""Scoring predictions against gold events (``tacitus evaluate``).

A prediction matches a gold event one-to-one when source and target *countries* agree (the first
three letters of the actor codes after dropping an ``IGO``/``NGO``/``MNC`` prefix) and its CAMEO root
is that of ``cameo`` or one of ``cameo_ok``; for roots 03–06 source and target may be swapped.
Strict matching compares whole actor codes (prefix dropped). Predictions with status occurred or
planned are *asserted*. Gold negated/hypothetical events are *traps*: an asserted prediction matching
one is a false positive. Gold events with ``required: false`` neither reward nor cost.

Actor accuracy is scored apart from event detection: each gold event is aligned with a prediction whose
evidence span overlaps the gold evidence in the article text and whose CAMEO root is compatible
(whatever their actors), preferring alignments whose actors agree. On aligned pairs every actor slot
(source, target) counts: same code → true positive; a different code → a false positive and a false
negative; a code on one side only → a false positive or a false negative. Country accuracy is the share
of gold actor slots whose predicted code has the same country.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ASSERTED = ("occurred", "planned")
SWAP_ROOTS = frozenset({"03", "04", "05", "06"})


def norm_code(code: str | None) -> str:
    if not code:
        return "-"
    code = code.upper()
    for prefix in ("IGO", "NGO", "MNC"):
        if code.startswith(prefix) and len(code) > 3:
            return code[3:]
    return code


def _country(code: str | None) -> str:
    return norm_code(code)[:3]


def _code(actor: Mapping[str, Any] | None) -> str | None:
    return actor.get("code") if actor else None


def _roots(gold: Mapping[str, Any]) -> set[str]:
    return {c[:2] for c in [gold["cameo"], *gold.get("cameo_ok", [])]}


def compatible(pred: Mapping[str, Any], gold: Mapping[str, Any], strict: bool = False) -> bool:
    root = str(pred["cameo"])[:2]
    if root not in _roots(gold):
        return False
    key = norm_code if strict else _country
    ps, pt = key(_code(pred.get("source"))), key(_code(pred.get("target")))
    gs, gt = key(_code(gold.get("source"))), key(_code(gold.get("target")))
    if (ps, pt) == (gs, gt):
        return True
    return root in SWAP_ROOTS and (ps, pt) == (gt, gs)


def _max_matching(preds: list[int], golds: list[int], ok: Callable[[int, int], bool]) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths): gold index → pred index."""
    match_g: dict[int, int] = {}
    match_p: dict[int, int] = {}
    adj = {g: [p for p in preds if ok(p, g)] for g in golds}

    def augment(g: int, seen: set[int]) -> bool:
        for p in adj[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in match_p or augment(match_p[p], seen):
                match_g[g], match_p[p] = p, g
                return True
        return False

    for g in golds:
        augment(g, set())
    return match_g


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    articles: int = 0
    events: Counts = field(default_factory=Counts)
    strict: Counts = field(default_factory=Counts)
    by_root: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_plover: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    traps: int = 0
    traps_as_fact: int = 0
    dates: list[bool] = field(default_factory=list)
    locations: list[bool] = field(default_factory=list)
    planned: list[bool] = field(default_factory=list)
    actors: Counts = field(default_factory=Counts)  # actor slots of evidence-aligned events
    actor_countries: dict[str, list[bool]] = field(default_factory=lambda: {"source": [], "target": []})
    aligned: int = 0
    alignable: int = 0
    source_codes: list[bool] = field(default_factory=list)  # exact source code among matches
    target_codes: list[bool] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @staticmethod
    def _rate(xs: list[bool]) -> float | None:
        return round(sum(xs) / len(xs), 4) if xs else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "events": self.events.to_dict(),
            "strict": self.strict.to_dict(),
            "traps": self.traps,
            "traps_coded_as_fact": self.traps_as_fact,
            "date_accuracy": self._rate(self.dates), "dates_scored": len(self.dates),
            "location_country_accuracy": self._rate(self.locations), "locations_scored": len(self.locations),
            "planned_status_accuracy": self._rate(self.planned), "planned_scored": len(self.planned),
            "source_code_accuracy": self._rate(self.source_codes),
            "target_code_accuracy": self._rate(self.target_codes),
            "actor_code_accuracy": self._rate(self.source_codes + self.target_codes),
            "actors": {**self.actors.to_dict(), "aligned_events": self.aligned, "gold_events": self.alignable,
                       "source_country_accuracy": self._rate(self.actor_countries["source"]),
                       "target_country_accuracy": self._rate(self.actor_countries["target"]),
                       "country_accuracy": self._rate(self.actor_countries["source"]
                                                      + self.actor_countries["target"])},
            "by_root": {k: v.to_dict() for k, v in sorted(self.by_root.items())},
            "by_plover": {k: v.to_dict() for k, v in sorted(self.by_plover.items())},
            "errors": self.errors,
        }


def _date_ok(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    g, p = gold["date"], pred.get("date") or ""
    return p[: len(g)] == g if len(g) == 7 else p == g


def _score_article(rec: Mapping[str, Any], preds: list[Mapping[str, Any]], strict: bool, report: Report,
                   details: bool) -> Counts:
    golds = rec["events"]
    asserted = [i for i, p in enumerate(preds) if p.get("status") in ASSERTED]
    required = [i for i, g in enumerate(golds) if g["required"] and g["status"] in ASSERTED]
    traps = [i for i, g in enumerate(golds) if g["required"] and g["status"] not in ASSERTED]
    optional = [i for i, g in enumerate(golds) if not g["required"]]
    ok = lambda p, g: compatible(preds[p], golds[g], strict)  # noqa: E731
    matched = _max_matching(asserted, required, ok)
    left = [p for p in asserted if p not in matched.values()]
    trap_hits = _max_matching(left, traps, ok)
    left = [p for p in left if p not in trap_hits.values()]
    absorbed = _max_matching(left, optional, ok)
    left = [p for p in left if p not in absorbed.values()]
    c = Counts(tp=len(matched), fp=len(trap_hits) + len(left), fn=len(required) - len(matched))
    if strict:
        return c
    report.traps += len(traps)
    report.traps_as_fact += len(trap_hits)
    for g in required:
        gold = golds[g]
        root, plover = gold["cameo"][:2], gold.get("plover") or "?"
        if g in matched:
            pred = preds[matched[g]]
            report.by_root[root].tp += 1
            report.by_plover[plover].tp += 1
            if gold["date"]:
                report.dates.append(_date_ok(pred, gold))
            if gold["location"]:
                report.locations.append(((pred.get("location") or {}).get("country")) == gold["location"]["country"])
            if gold["status"] == "planned":
                report.planned.append(pred.get("status") == "planned")
            swapped = (norm_code(_code(pred.get("source"))) == norm_code(_code(gold.get("target"))) and
                       norm_code(_code(pred.get("source"))) != norm_code(_code(gold.get("source"))))
            ps, pt = (("target", "source") if swapped else ("source", "target"))
            report.source_codes.append(norm_code(_code(pred.get(ps))) == norm_code(_code(gold.get("source"))))
            report.target_codes.append(norm_code(_code(pred.get(pt))) == norm_code(_code(gold.get("target"))))
        else:
            report.by_root[root].fn += 1
            report.by_plover[plover].fn += 1
            if details:
                report.errors.append({"article": rec["id"], "kind": "FN", "cameo": gold["cameo"],
                                      "source": _code(gold["source"]), "target": _code(gold.get("target")),
                                      "evidence": gold["evidence"]})
    for p in [*trap_hits.values(), *left]:
        pred = preds[p]
        root, plover = str(pred["cameo"])[:2], pred.get("plover") or "?"
        report.by_root[root].fp += 1
        report.by_plover[plover].fp += 1
        if details:
            ev = pred.get("evidence") or {}
            report.errors.append({"article": rec["id"], "kind": "FP-trap" if p in trap_hits.values() else "FP",
                                  "cameo": pred["cameo"], "source": _code(pred.get("source")),
                                  "target": _code(pred.get("target")), "status": pred.get("status"),
                                  "evidence": ev.get("text") if isinstance(ev, dict) else ev})
    return c


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    if not needle:
        return []
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)]


def _pred_span(pred: Mapping[str, Any]) -> tuple[int, int] | None:
    ev = pred.get("evidence")
    if isinstance(ev, dict) and isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
        return ev["start"], ev["end"]
    return None


def _slots(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(slot, gold code, predicted code) for source and target, swapped for roots 03–06 when that agrees more."""
    gs, gt = norm_code(_code(gold.get("source"))), norm_code(_code(gold.get("target")))
    ps, pt = norm_code(_code(pred.get("source"))), norm_code(_code(pred.get("target")))
    if str(pred["cameo"])[:2] in SWAP_ROOTS and (ps == gt) + (pt == gs) > (ps == gs) + (pt == gt):
        ps, pt = pt, ps
    return [("source", gs, ps), ("target", gt, pt)]


def _score_actors(rec: Mapping[str, Any], preds: list[Mapping[str, Any]], report: Report, details: bool) -> None:
    text = rec.get("text") or ""
    golds = [g for g in rec["events"] if g["required"]]
    report.alignable += len(golds)
    gspans = [_spans(text, g.get("evidence") or "") for g in golds]
    pspans = [_pred_span(p) for p in preds]

    def overlaps(p: int, g: int) -> bool:
        ps = pspans[p]
        return ps is not None and any(s < ps[1] and ps[0] < e for s, e in gspans[g])

    tiers: list[Callable[[int, int], bool]] = [
        lambda p, g: overlaps(p, g) and compatible(preds[p], golds[g], strict=True),
        lambda p, g: overlaps(p, g) and compatible(preds[p], golds[g]),
        lambda p, g: overlaps(p, g) and str(preds[p]["cameo"])[:2] in _roots(golds[g]) and any(
            _country(_code(preds[p].get(s))) == _country(_code(golds[g].get(s))) != "-" for s in ("source", "target")),
        lambda p, g: overlaps(p, g) and str(preds[p]["cameo"])[:2] in _roots(golds[g]),
    ]
    pairs: dict[int, int] = {}
    for ok in tiers:
        free_p = [p for p in range(len(preds)) if p not in pairs.values()]
        free_g = [g for g in range(len(golds)) if g not in pairs]
        pairs.update(_max_matching(free_p, free_g, ok))
    report.aligned += len(pairs)
    for g, p in pairs.items():
        for slot, gc, pc in _slots(preds[p], golds[g]):
            if gc != "-":
                report.actor_countries[slot].append(pc != "-" and pc[:3] == gc[:3])
            if gc == pc:  # the same actor, or both without one ("claimed responsibility")
                report.actors.tp += gc != "-"
                continue
            if details:
                actor, gactor = preds[p].get(slot) or {}, golds[g].get(slot) or {}
                report.errors.append({"article": rec["id"], "kind": f"ACTOR-{slot[0]}", "cameo": preds[p]["cameo"],
                                      "slot": slot, "gold": gc, "predicted": pc, "gold_name": gactor.get("name", ""),
                                      "text": actor.get("text", ""), "evidence": golds[g].get("evidence")})
            report.actors.fn += gc != "-"
            report.actors.fp += pc != "-"


def score(gold: Iterable[Mapping[str, Any]], predictions: Mapping[str, list[Mapping[str, Any]]],
          details: bool = True) -> Report:
    """Score predictions (article id → list of events in ``tacitus code --format jsonl`` schema)."""
    report = Report()
    for rec in gold:
        report.articles += 1
        preds = list(predictions.get(rec["id"], []))
        for attr, strict in (("events", False), ("strict", True)):
            c = _score_article(rec, preds, strict, report, details and not strict)
            total = getattr(report, attr)
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        _score_actors(rec, preds, report, details)
    return report


def format_error(e: Mapping[str, Any]) -> str:
    """One line of ``tacitus evaluate --errors``: a missed or spurious event, or an actor mismatch."""
    if e["kind"].startswith("ACTOR"):
        what = f"{e['gold']}→{e['predicted']} {e['gold_name']!r} as {e['text']!r}"
    else:
        what = f"{e['source']}→{e['target']} {e.get('status', '')}"
    return f"    {e['kind']:8} {e['article']:10} {e['cameo']:5} {what}  {e['evidence']!r}"


def format_markdown(results: Mapping[str, Mapping[str, Any]]) -> str:
    """A Markdown accuracy table (one row per gold file) from ``Report.to_dict()`` results."""
    rows = ["| gold set | articles | event P | event R | event F1 | strict F1 | traps as fact | date acc. |"
            " location-country acc. | planned status acc. | actor code F1 | actor country acc. |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]

    def pct(v: Any) -> str:
        return "n/a" if v is None else f"{v:.3f}"

    for name, d in results.items():
        if "events" not in d:
            continue
        rows.append(
            f"| {Path(name).name} | {d['articles']} | {d['events']['precision']:.3f} | {d['events']['recall']:.3f} "
            f"| **{d['events']['f1']:.3f}** | {d['strict']['f1']:.3f} | {d['traps_coded_as_fact']}/{d['traps']} "
            f"| {pct(d['date_accuracy'])} | {pct(d['location_country_accuracy'])} "
            f"| {pct(d['planned_status_accuracy'])} | {d['actors']['f1']:.3f} | {pct(d['actors']['country_accuracy'])} |")
    for name, d in results.items():
        if "macro_f1" in d:
            rows.append(f"\nNGEC synthetic stories ({d['documents']}): document-level PLOVER macro-F1 "
                        f"**{d['macro_f1']:.3f}**")
    return "\n".join(rows)


def format_report(name: str, r: Report) -> str:
    d = r.to_dict()
    lines = [
        f"{name}: {d['articles']} articles",
        f"  events   P {d['events']['precision']:.3f}  R {d['events']['recall']:.3f}  F1 {d['events']['f1']:.3f}"
        f"   (tp {r.events.tp}, fp {r.events.fp}, fn {r.events.fn})",
        f"  strict   P {d['strict']['precision']:.3f}  R {d['strict']['recall']:.3f}  F1 {d['strict']['f1']:.3f}",
        f"  traps coded as fact: {r.traps_as_fact}/{r.traps}",
    ]
    lines.append(f"  actor codes exact among matches: source {d['source_code_accuracy']}, "
                 f"target {d['target_code_accuracy']}")
    a = d["actors"]
    lines.append(f"  actors ({a['aligned_events']}/{a['gold_events']} gold events aligned by evidence and type): "
                 f"strict code P {a['precision']:.3f}  R {a['recall']:.3f}  F1 {a['f1']:.3f};  country accuracy "
                 f"source {a['source_country_accuracy']}, target {a['target_country_accuracy']}")
    for label, key, n in (("date accuracy", "date_accuracy", "dates_scored"),
                          ("location-country accuracy", "location_country_accuracy", "locations_scored"),
                          ("planned-status accuracy", "planned_status_accuracy", "planned_scored")):
        v = d[key]
        lines.append(f"  {label}: {'n/a' if v is None else f'{v:.3f}'} (n={d[n]})")
    lines.append("  per root: " + "  ".join(f"{k}:{v.f1:.2f}" for k, v in sorted(r.by_root.items())))
    return "\n".join(lines)


PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def score_plover_docs(labels: list[str], predicted: list[set[str]]) -> dict[str, Any]:
    """Document-level PLOVER scoring (NGEC's benchmark): each document has one gold type; the
    predicted types of a document are those of its asserted events. Per-type P/R/F1 and macro-F1
    over the 16 PLOVER types."""
    per: dict[str, Counts] = {t: Counts() for t in PLOVER_TYPES}
    for gold, pred in zip(labels, predicted, strict=True):
        for t in PLOVER_TYPES:
            if t == gold and t in pred:
                per[t].tp += 1
            elif t == gold:
                per[t].fn += 1
            elif t in pred:
                per[t].fp += 1
    macro = sum(c.f1 for c in per.values()) / len(per)
    return {"documents": len(labels), "macro_f1": round(macro, 4),
            "documents_with_any_event": sum(1 for p in predicted if p),
            "by_type": {t: c.to_dict() for t, c in per.items()}}
