"""Typed records passed between pipeline stages and returned by the public API."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["occurred", "planned", "negated", "hypothetical"]
Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class Article:
    """One input document after ingest. ``published`` is ISO ``YYYY-MM-DD`` or None."""

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    text: str  # surface text in the article
    name: str  # canonical name
    code: str  # CAMEO actor code, e.g. ISRGOV
    country: str | None  # ISO3 (or IGO/region 3-letter part)
    role: str | None  # GOV, MIL, OPP ... or None for a state as a whole
    entity: str | None = None  # canonical entity id in the KB (person/org/country)
    resolved_by: str = "kb"  # kb | title | coreference | context
    start: int = 0  # char offsets of the mention in the article text
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    precision: Literal["place", "country"] = "place"
    inferred: bool = False  # not named in the event's sentence: the dateline or the story's last place

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    start: int
    end: int
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    source: Actor
    target: Actor | None
    cameo: str
    cameo_name: str
    plover: str
    plover_mode: str | None
    quad_class: int
    goldstein: float
    status: Status
    date: str | None
    date_precision: Precision | None
    date_fallback: bool
    location: Location | None
    evidence: Evidence
    confidence: float
    rule: str  # id of the pattern that fired
    speaker: Actor | None = None  # for reported speech
    knowledge_version: str = ""
    sentence_index: int = 0

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_name": self.cameo_name,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "status": self.status,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_fallback": self.date_fallback,
            "location": self.location.to_dict() if self.location else None,
            "evidence": {"text": self.evidence.text, "start": self.evidence.start, "end": self.evidence.end},
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "knowledge_version": self.knowledge_version,
            "sentence_index": self.sentence_index,
        }
        return d


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """The result of coding one article."""

    id: str
    published: str | None
    events: tuple[Event, ...] = ()
    skipped: str | None = None  # reason when the article was not coded
    title: str | None = None
    source: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "published": self.published,
            "events": [e.to_dict() for e in self.events],
        }
        if self.skipped:
            d["skipped"] = self.skipped
        for k in ("title", "source", "url"):
            v = getattr(self, k)
            if v:
                d[k] = v
        return d
