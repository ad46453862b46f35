"""The frozen knowledge base: CAMEO table, actors, agents, patterns and places.

Built-in files are listed in ``data/manifest.yaml`` and read through ``importlib.resources``.
Users add their own directories (``--kb DIR``); files there are recognised by name prefix
(``people*.tsv``, ``patterns*.yaml`` ...) and are applied after the built-in ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ..errors import KnowledgeError
from . import parsers as p

KINDS = ("cameo", "countries", "organizations", "people", "agents", "patterns", "places")


@dataclass(frozen=True)
class Knowledge:
    version: str
    cameo: Mapping[str, p.CameoCode]
    countries: Mapping[str, p.Country]
    organizations: tuple[p.Organization, ...]
    people: Mapping[str, p.Person]
    agents: Mapping[str, p.Agent]
    patterns: tuple[p.Pattern, ...]
    places: tuple[p.Place, ...]
    sources: tuple[str, ...] = field(default=())

    def cameo_info(self, code: str) -> p.CameoCode:
        """The table row for ``code``, falling back to its parent codes (0254 → 025 → 02)."""
        for k in (code, code[:3], code[:2]):
            if k in self.cameo:
                return self.cameo[k]
        raise KeyError(code)

    def stats(self) -> dict[str, Any]:
        roots = sorted({c[:2] for c in self.cameo})
        pattern_roots: dict[str, int] = {}
        for pat in self.patterns:
            pattern_roots[pat.code[:2]] = pattern_roots.get(pat.code[:2], 0) + 1
        kinds: dict[str, int] = {}
        for o in self.organizations:
            kinds[o.kind] = kinds.get(o.kind, 0) + 1
        roles: dict[str, int] = {}
        for a in self.agents.values():
            roles[a.role or "-"] = roles.get(a.role or "-", 0) + 1
        return {
            "version": self.version,
            "cameo_codes": len(self.cameo),
            "cameo_roots": len(roots),
            "countries": len(self.countries),
            "organizations": len({o.id for o in self.organizations}),
            "organizations_by_kind": dict(sorted(kinds.items())),
            "igos": len({o.id for o in self.organizations if o.kind == "igo"}),
            "armed_groups": len({o.id for o in self.organizations if o.kind == "armed"}),
            "people": len(self.people),
            "person_roles": sum(len(x.roles) for x in self.people.values()),
            "agents": len(self.agents),
            "agents_by_role": dict(sorted(roles.items())),
            "patterns": len(self.patterns),
            "patterns_by_root": dict(sorted(pattern_roots.items())),
            "places": len(self.places),
            "sources": list(self.sources),
        }


@dataclass
class _Builder:
    """Mutable accumulator used only while loading; frozen into :class:`Knowledge`."""

    cameo: dict[str, p.CameoCode] = field(default_factory=dict)
    countries: dict[str, p.Country] = field(default_factory=dict)
    organizations: dict[tuple[str, Any], p.Organization] = field(default_factory=dict)
    people: dict[str, p.Person] = field(default_factory=dict)
    agents: dict[str, p.Agent] = field(default_factory=dict)
    patterns: dict[str, p.Pattern] = field(default_factory=dict)
    places: list[p.Place] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def add(self, kind: str, text: str, source: str) -> None:
        self.sources.append(source)
        if kind == "cameo":
            self.cameo.update((c.code, c) for c in p.parse_cameo(text, source))
        elif kind == "countries":
            self.countries.update((c.iso3, c) for c in p.parse_countries(text, source))
        elif kind == "organizations":
            self.organizations.update(((o.id, o.start), o) for o in p.parse_organizations(text, source))
        elif kind == "people":
            self.people.update((x.id, x) for x in p.parse_people(text, source))
        elif kind == "agents":
            self.agents.update((a.term, a) for a in p.parse_agents(text, source))
        elif kind == "patterns":
            codes = frozenset(self.cameo) if self.cameo else None
            self.patterns.update((x.id, x) for x in p.parse_patterns(text, source, codes))
        elif kind == "places":
            self.places.extend(p.parse_places(text, source))
        else:  # pragma: no cover - guarded by callers
            raise KnowledgeError(source, None, f"unknown knowledge kind {kind!r}")

    def freeze(self, version: str) -> Knowledge:
        return Knowledge(
            version=version,
            cameo=MappingProxyType(dict(self.cameo)),
            countries=MappingProxyType(dict(self.countries)),
            organizations=tuple(self.organizations.values()),
            people=MappingProxyType(dict(self.people)),
            agents=MappingProxyType(dict(self.agents)),
            patterns=tuple(self.patterns.values()),
            places=tuple(self.places),
            sources=tuple(self.sources),
        )


def _builtin_manifest() -> tuple[str, dict[str, list[str]]]:
    root = resources.files("tacitus.knowledge") / "data"
    manifest = yaml.safe_load((root / "manifest.yaml").read_text(encoding="utf-8"))
    files = manifest.get("files", {})
    for kind in files:
        if kind not in KINDS:
            raise KnowledgeError("manifest.yaml", None, f"unknown kind {kind!r}")
    return str(manifest["version"]), files


def kind_of(path: Path) -> str | None:
    """The knowledge kind of a user file, from its name prefix and suffix."""
    name = path.name.lower()
    for kind in KINDS:
        if name.startswith(kind) and name.endswith(".yaml" if kind == "patterns" else ".tsv"):
            return kind
    return None


def load_knowledge(extra_dirs: Iterable[str | Path] = (), *, builtin: bool | Iterable[str] = True,
                   extra: Iterable[tuple[str, str, str]] = ()) -> Knowledge:
    """Load the built-in knowledge, then each ``extra_dirs`` directory.

    ``builtin`` is True (all built-in files), False (none) or the kinds to take from the package
    (e.g. ``{"cameo", "patterns"}``). ``extra`` holds already-read ``(kind, text, source)`` triples,
    applied last.
    """
    b = _Builder()
    version = "user"
    kinds = set(KINDS) if builtin is True else set() if builtin is False else set(builtin)
    if kinds:
        version, files = _builtin_manifest()
        root = resources.files("tacitus.knowledge") / "data"
        for kind in KINDS:  # fixed order: patterns are validated against the CAMEO table
            if kind not in kinds:
                continue
            for name in files.get(kind, []):
                if not (root / name).is_file():
                    raise KnowledgeError(name, None, "listed in manifest.yaml but missing from the package")
                b.add(kind, (root / name).read_text(encoding="utf-8"), name)
    for d in extra_dirs:
        d = Path(d)
        if not d.is_dir():
            raise KnowledgeError(str(d), None, "knowledge directory does not exist")
        found = sorted((kind_of(f), f) for f in d.iterdir() if kind_of(f))
        if not found:
            raise KnowledgeError(str(d), None, "no knowledge files (people*.tsv, patterns*.yaml, ...) found")
        found.sort(key=lambda kf: KINDS.index(kf[0] or "cameo"))
        for kind, f in found:
            assert kind is not None
            b.add(kind, f.read_text(encoding="utf-8"), str(f))
        version += f"+{d.name}"
    for kind, text, source in extra:
        b.add(kind, text, source)
    if not b.cameo:
        raise KnowledgeError("knowledge", None, "no CAMEO table loaded")
    return b.freeze(version)
