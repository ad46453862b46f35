"""Hand-made records for the store/dedup/export tests (no spaCy needed)."""

from __future__ import annotations

from typing import Any

from tacitus.records import Actor, CodedArticle, Event, Evidence, Location

ACTORS = {
    "ISRGOV": Actor("Netanyahu", "Benjamin Netanyahu", "ISRGOV", "ISR", "GOV", "benjamin-netanyahu"),
    "RUSGOV": Actor("Putin", "Vladimir Putin", "RUSGOV", "RUS", "GOV", "vladimir-putin"),
    "RUSGOV2": Actor("the Kremlin", "Russian government", "RUSGOV", "RUS", "GOV", None),
    "SYRMIL": Actor("Syrian forces", "Syrian military", "SYRMIL", "SYR", "MIL", None),
    "SYRREB": Actor("rebels", "Syrian rebels", "SYRREB", "SYR", "REB", None),
    "USAGOV": Actor("Washington", "United States government", "USAGOV", "USA", "GOV", None),
    "CHNGOV": Actor("Beijing", "Chinese government", "CHNGOV", "CHN", "GOV", None),
}
PLACES = {
    "Moscow": Location("Moscow", "RUS", 55.75, 37.62),
    "Idlib": Location("Idlib", "SYR", 35.93, 36.63),
    "Paris": Location("Paris", "FRA", 48.85, 2.35),
}
PLOVER = {"03": ("CONSULT", None), "04": ("CONSULT", None), "19": ("ASSAULT", None), "11": ("ACCUSE", None),
          "17": ("COERCE", None)}


def make_event(src: str = "ISRGOV", tgt: str | None = "RUSGOV", cameo: str = "040", status: str = "occurred",
               date: str | None = "2018-01-29", precision: str | None = "day", fallback: bool = False,
               place: str | None = "Moscow", confidence: float = 0.7, text: str = "met", **kw: Any) -> Event:
    plover, mode = PLOVER.get(cameo[:2], ("OTHER", None))
    return Event(source=ACTORS[src], target=ACTORS[tgt] if tgt else None, cameo=cameo, cameo_name="x",
                 plover=plover, plover_mode=mode, quad_class=1 if cameo[:2] in ("03", "04") else 4,
                 goldstein=1.0, status=status, date=date, date_precision=precision if date else None,
                 date_fallback=fallback, location=PLACES[place] if place else None,
                 evidence=Evidence(text, 0, len(text), sentence=text), confidence=confidence, rule="r",
                 knowledge_version="test", **kw)


def make_article(id: str, events: list[Event], published: str = "2018-01-29", source: str = "Outlet A",
                 url: str | None = None) -> CodedArticle:
    return CodedArticle(id, published, tuple(events), title=f"title {id}", source=source,
                        url=url or f"https://example.org/{id}")
