"""Pure parsers for Tacitus knowledge files.

Every parser takes the file's text and a ``source`` name (used in errors) and returns frozen
records. Errors raise :class:`~tacitus.errors.KnowledgeError` naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import yaml

from ..errors import KnowledgeError

AGENT_KINDS = ("person", "group", "thing")
CODE_RE = re.compile(r"^(?:[A-Z0-9]{3})+$")
CAMEO_RE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
ROLES = frozenset(
    "GOV MIL COP JUD LEG OPP REB INS SPY CVL REF BUS MED NGO REL LAB ELI CRM EDU HLH AGR".split()
)
PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT OTHER".split()
)
SLOTS = frozenset(
    "subj dobj iobj poss mod of by with to on against from at into over for in toward towards "
    "between about upon onto across near after within among through outside".split()
)


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    plover: str
    plover_mode: str | None
    quad_class: int
    goldstein: float

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capital: str
    metonyms: tuple[str, ...]
    region: str
    cities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    code: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class Role:
    code: str
    title: str
    start: date | None
    end: date | None

    def active(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    nationality: str
    roles: tuple[Role, ...]

    def role_on(self, on: date) -> Role | None:
        """The role held on ``on``: an office before an opposition role, then the most recently started."""
        active = [r for r in self.roles if r.active(on)]
        if not active:
            return None
        # on a handover day (one office ends, opposition begins or ends) the person is still or already
        # in office: "Hasina resigned on 5 August", "Starmer took office on 5 July"
        active = [r for r in active if not r.code.endswith("OPP")] or active
        return max(active, key=lambda r: r.start or date.min)


@dataclass(frozen=True, slots=True)
class Agent:
    term: str
    role: str | None  # None = inherits from its affiliation
    kind: str  # person | group | thing (an actor only when a state or group owns it: "an Iranian tanker")


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    code: str
    trigger: str  # lemma; may be multiword for nouns ("air strike")
    pos: str  # VERB | NOUN | ADJ (matched on the surface form: "concerned", "unacceptable")
    target: tuple[str, ...]
    source: tuple[str, ...]
    particle: str | None = None
    object: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()  # lemmas the subject, its conjuncts or what it counts must include
    negated: bool = False  # fires only when the trigger is negated ("will not tolerate")
    threat: bool = False  # fires only on a future or conditional act, which is then a threat ("would retaliate")
    accusation: bool = False  # fires only in reported speech: the speaker accuses the doer ("said X had intruded")
    origin: str = ""  # file:line

    @property
    def specificity(self) -> int:
        return (2 if self.object or self.subject else 0) + (1 if self.particle else 0) + (1 if self.negated else 0)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    aliases: tuple[str, ...]
    country: str
    lat: float | None
    lon: float | None


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _date(value: str, source: str, line: int) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise KnowledgeError(source, line, f"bad date {value!r} (want YYYY-MM-DD)") from None


def read_tsv(text: str, source: str, header: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for a TSV with the exact ``header``; blank and # lines skipped."""
    lines = text.splitlines()
    if not lines:
        raise KnowledgeError(source, 1, "empty file")
    got = lines[0].rstrip("\r").split("\t")
    if got != header:
        raise KnowledgeError(source, 1, f"header must be {header}, got {got}")
    for n, raw in enumerate(lines[1:], start=2):
        raw = raw.rstrip("\r")
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) < len(header):
            fields += [""] * (len(header) - len(fields))
        if len(fields) != len(header):
            raise KnowledgeError(source, n, f"expected {len(header)} tab-separated fields, got {len(fields)}")
        yield n, dict(zip(header, (f.strip() for f in fields), strict=True))


def parse_cameo(text: str, source: str) -> list[CameoCode]:
    out = []
    seen: set[str] = set()
    header = ["code", "name", "plover", "plover_mode", "quad_class", "goldstein"]
    for n, r in read_tsv(text, source, header):
        code = r["code"]
        if not CAMEO_RE.match(code):
            raise KnowledgeError(source, n, f"bad CAMEO code {code!r}")
        if code in seen:
            raise KnowledgeError(source, n, f"duplicate CAMEO code {code}")
        if r["plover"] not in PLOVER_TYPES:
            raise KnowledgeError(source, n, f"unknown PLOVER type {r['plover']!r}")
        try:
            quad = int(r["quad_class"])
            gold = float(r["goldstein"])
        except ValueError:
            raise KnowledgeError(source, n, "quad_class must be an integer and goldstein a number") from None
        if quad not in (1, 2, 3, 4) or not -10 <= gold <= 10:
            raise KnowledgeError(source, n, "quad_class must be 1-4 and goldstein within [-10, 10]")
        seen.add(code)
        out.append(CameoCode(code, r["name"], r["plover"], r["plover_mode"] or None, quad, gold))
    return out


def parse_countries(text: str, source: str) -> list[Country]:
    header = ["iso3", "name", "aliases", "adjectives", "capital", "metonyms", "region", "cities"]
    out = []
    for n, r in read_tsv(text, source, header):
        if not re.fullmatch(r"[A-Z]{3}", r["iso3"]):
            raise KnowledgeError(source, n, f"bad ISO3 code {r['iso3']!r}")
        if not r["name"]:
            raise KnowledgeError(source, n, "empty name")
        out.append(
            Country(
                r["iso3"], r["name"], _split(r["aliases"]), _split(r["adjectives"]), r["capital"],
                _split(r["metonyms"]), r["region"], _split(r["cities"]),
            )
        )
    return out


def _check_code(code: str, source: str, n: int) -> None:
    if not CODE_RE.match(code):
        raise KnowledgeError(source, n, f"bad actor code {code!r} (3-letter parts, uppercase)")


def parse_organizations(text: str, source: str) -> list[Organization]:
    header = ["id", "code", "name", "aliases", "kind", "country", "start", "end"]
    kinds = {"igo", "ngo", "armed", "party", "movement", "ethnic", "company", "media"}
    out = []
    for n, r in read_tsv(text, source, header):
        _check_code(r["code"], source, n)
        if r["kind"] not in kinds:
            raise KnowledgeError(source, n, f"kind must be one of {sorted(kinds)}, got {r['kind']!r}")
        out.append(
            Organization(
                r["id"], r["code"], r["name"], _split(r["aliases"]), r["kind"], r["country"],
                _date(r["start"], source, n), _date(r["end"], source, n),
            )
        )
    return out


def parse_people(text: str, source: str) -> list[Person]:
    header = ["id", "name", "aliases", "nationality", "code", "title", "start", "end"]
    rows: dict[str, list[tuple[int, dict[str, str], Role]]] = {}
    for n, r in read_tsv(text, source, header):
        if not r["id"] or not r["name"]:
            raise KnowledgeError(source, n, "id and name are required")
        _check_code(r["code"], source, n)
        start, end = _date(r["start"], source, n), _date(r["end"], source, n)
        if start and end and start > end:
            raise KnowledgeError(source, n, f"start {start} is after end {end}")
        rows.setdefault(r["id"], []).append((n, r, Role(r["code"], r["title"], start, end)))
    out = []
    for pid, entries in rows.items():
        _, first, _ = entries[0]
        aliases: list[str] = []
        for _, r, _ in entries:
            aliases.extend(a for a in _split(r["aliases"]) if a not in aliases)
        out.append(Person(pid, first["name"], tuple(aliases), first["nationality"], tuple(e[2] for e in entries)))
    return out


def parse_agents(text: str, source: str) -> list[Agent]:
    out = []
    for n, r in read_tsv(text, source, ["term", "role", "kind"]):
        role = None if r["role"] == "-" else r["role"]
        if role is not None and role not in ROLES:
            raise KnowledgeError(source, n, f"unknown role {role!r}")
        if r["kind"] not in AGENT_KINDS:
            raise KnowledgeError(source, n, f"kind must be one of {', '.join(AGENT_KINDS)}, got {r['kind']!r}")
        out.append(Agent(r["term"].lower(), role, r["kind"]))
    return out


def parse_places(text: str, source: str) -> list[Place]:
    out = []
    for n, r in read_tsv(text, source, ["name", "aliases", "country", "lat", "lon"]):
        try:
            lat = float(r["lat"]) if r["lat"] else None
            lon = float(r["lon"]) if r["lon"] else None
        except ValueError:
            raise KnowledgeError(source, n, "lat/lon must be numbers") from None
        out.append(Place(r["name"], _split(r["aliases"]), r["country"], lat, lon))
    return out


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~5x faster


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A YAML loader that records the line of each mapping as ``__line__``."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, object]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# YAML 1.1 reads on/off/yes/no as booleans; in patterns "on" is a preposition slot.
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                  list("tTfF"))


def _str_list(value: object, source: str, line: int, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(source, line, f"{name} must be a list of strings")
    return tuple(value)


def parse_patterns(text: str, source: str, valid_codes: frozenset[str] | None = None) -> list[Pattern]:
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KnowledgeError(source, mark.line + 1 if mark else None, f"invalid YAML: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("patterns"), list):
        raise KnowledgeError(source, 1, "expected a mapping with a 'patterns' list")
    out = []
    seen: set[str] = set()
    for item in doc["patterns"]:
        if not isinstance(item, dict):
            raise KnowledgeError(source, None, "each pattern must be a mapping")
        line = int(item.get("__line__", 0))
        for key in ("id", "code", "trigger", "pos"):
            if not item.get(key):
                raise KnowledgeError(source, line, f"pattern is missing {key!r}")
        pid, code, pos = str(item["id"]), str(item["code"]), str(item["pos"]).upper()
        if pid in seen:
            raise KnowledgeError(source, line, f"duplicate pattern id {pid!r}")
        seen.add(pid)
        if not CAMEO_RE.match(code) or (valid_codes is not None and code not in valid_codes):
            raise KnowledgeError(source, line, f"unknown CAMEO code {code!r}")
        if pos not in ("VERB", "NOUN", "ADJ"):
            raise KnowledgeError(source, line, f"pos must be VERB, NOUN or ADJ, got {pos!r}")
        target = _str_list(item.get("target", []), source, line, "target")
        default_source = ("subj", "poss", "mod", "by") if pos == "NOUN" else ("subj",)
        src = _str_list(item.get("source"), source, line, "source") or default_source
        for slot in (*target, *src):
            if slot not in SLOTS:
                raise KnowledgeError(source, line, f"unknown slot {slot!r}")
        unknown = set(item) - {"id", "code", "trigger", "pos", "target", "source", "particle", "object",
                               "subject", "negated", "threat", "accusation", "__line__"}
        if unknown:
            raise KnowledgeError(source, line, f"unknown field(s) {sorted(unknown)}")
        out.append(
            Pattern(
                id=pid, code=code, trigger=str(item["trigger"]).lower(), pos=pos, target=target, source=src,
                particle=str(item["particle"]).lower() if item.get("particle") else None,
                object=tuple(o.lower() for o in _str_list(item.get("object"), source, line, "object")),
                subject=tuple(o.lower() for o in _str_list(item.get("subject"), source, line, "subject")),
                negated=bool(item.get("negated", False)), threat=bool(item.get("threat", False)),
                accusation=bool(item.get("accusation", False)),
                origin=f"{source}:{line}",
            )
        )
    return out
