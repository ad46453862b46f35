"""Assemble: turn a matched trigger and its resolved parts into an :class:`Event`, and merge
repeated mentions of the same event inside one article (captions, standfirsts, restatements).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from .actors import np_tokens
from .knowledge import Knowledge, Pattern
from .records import Actor, Article, Event, Evidence, Location, Status
from .timex import Resolved

SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06"})
HOW_WEIGHT = {"kb": 0.12, "title": 0.08, "coreference": 0.04, "context": -0.1}


POLITICAL_ROLES = frozenset({"GOV", "LEG", "OPP", "ELI", "JUD"})


def event_code(pattern_code: str, status: Status, source: Actor | None = None, target: Actor | None = None,
               trigger: str = "") -> str:
    """CAMEO conventions applied after matching: a planned meeting/visit is 'express intent to meet'
    (036); civilians fighting or clashing (19x) are protesting violently (145); politicians who
    "clash" with each other disagree in words (111)."""
    if status == "planned" and pattern_code.startswith("04"):
        return "036"
    if pattern_code.startswith("19") and source is not None and source.role in ("CVL", "LAB"):
        return "145"
    if (pattern_code.startswith("19") and trigger in ("clash", "spar", "feud") and source is not None
            and target is not None and source.role in POLITICAL_ROLES
            and (target.role in POLITICAL_ROLES or target.code.startswith("IGO"))):
        return "111"
    return pattern_code


def confidence(pattern: Pattern, src: Actor, tgt: Actor | None, when: Resolved | None) -> float:
    c = 0.5 + 0.05 * min(pattern.specificity, 2)
    c += HOW_WEIGHT.get(src.resolved_by, 0)
    c += HOW_WEIGHT.get(tgt.resolved_by, 0) if tgt else -0.05
    c += 0.05 if when is not None else -0.05
    return max(0.05, min(0.99, c))


def evidence_span(sent: Span, article: Article, trigger: Token, args: list[Actor]) -> Evidence:
    toks = np_tokens(trigger) if trigger.pos_ == "NOUN" else [trigger]
    # an agentless passive's subject says what happened: "a state of emergency was declared"
    toks += [t for c in trigger.children if c.dep_ == "nsubjpass" for t in c.subtree]
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    for a in args:
        # implicit actors (conventional targets, "context") have no span of their own
        if a.end > a.start and sent.start_char <= a.start < sent.end_char:
            start, end = min(start, a.start), max(end, a.end)
    return Evidence(article.text[start:end], start, end, article.text[sent.start_char:sent.end_char].strip())


def build_event(kb: Knowledge, article: Article, doc: Doc, sent: Span, sent_index: int, trigger: Token,
                pattern: Pattern, src: Actor, tgt: Actor | None, status: Status, when: Resolved | None,
                pub: date, loc: Location | None, speaker: Actor | None) -> Event:
    code = event_code(pattern.code, status, src, tgt, trigger.lemma_.lower())
    info = kb.cameo_info(code)
    if when is None or when.precision == "year":
        date_value, precision, fallback = pub.isoformat(), "day", True
        if when is not None:
            date_value, precision, fallback = when.value, "year", False
    else:
        date_value, precision, fallback = when.value, when.precision, False
    return Event(
        source=src, target=tgt, cameo=code, cameo_name=info.name, plover=info.plover,
        plover_mode=info.plover_mode, quad_class=info.quad_class, goldstein=info.goldstein, status=status,
        date=date_value, date_precision=precision, date_fallback=fallback,  # type: ignore[arg-type]
        location=loc, evidence=evidence_span(sent, article, trigger, [a for a in (src, tgt) if a]),
        confidence=confidence(pattern, src, tgt, when), rule=pattern.id, speaker=speaker,
        knowledge_version=kb.version, sentence_index=sent_index,
    )


def _actor_key(a: Actor | None) -> str:
    if a is None:
        return "-"
    return a.entity or a.code


def _family(code: str) -> str:
    return "04" if code == "036" else code[:2]


def _dates_compatible(a: Event, b: Event) -> bool:
    if a.date_fallback or b.date_fallback or a.date is None or b.date is None:
        return True
    if a.status == "planned" and b.status == "planned":
        return True  # one article's plans for one dyad are one plan (a date may be the announcement's)
    return a.date.startswith(b.date) or b.date.startswith(a.date)


def _better(a: Event, b: Event) -> Event:
    """The more informative of two mentions of one event (explicit date, place, confidence)."""
    def score(e: Event) -> tuple:
        prec = {"day": 3, "month": 2, "year": 1}.get(e.date_precision or "", 0)
        return (not e.date_fallback, e.location is not None, len(e.cameo), prec, e.confidence, -e.evidence.start)
    return a if score(a) >= score(b) else b


def merge_events(events: list[Event]) -> list[Event]:
    """Merge mentions of one event: same dyad (unordered for cooperative roots 03–06), same root
    family, same kind of status (planned vs. not) and compatible dates."""
    out: list[Event] = []
    for ev in events:
        fam = _family(ev.cameo)
        dyad = (_actor_key(ev.source), _actor_key(ev.target))
        if fam in SYMMETRIC_ROOTS:
            dyad = tuple(sorted(dyad))  # type: ignore[assignment]
        merged = False
        for i, other in enumerate(out):
            ofam = _family(other.cameo)
            odyad = (_actor_key(other.source), _actor_key(other.target))
            if ofam in SYMMETRIC_ROOTS:
                odyad = tuple(sorted(odyad))  # type: ignore[assignment]
            if (ofam == fam and odyad == dyad and (other.status == "planned") == (ev.status == "planned")
                    and (other.status in ("negated", "hypothetical")) == (ev.status in ("negated", "hypothetical"))
                    and _dates_compatible(ev, other)):
                out[i] = _better(other, ev)
                merged = True
                break
        if not merged:
            out.append(ev)
    return sorted(out, key=lambda e: e.evidence.start)
