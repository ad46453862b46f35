"""Mentions: find knowledge-base surface forms (people, countries, organisations, agents) in a Doc.

:class:`ActorIndex` is built once per coder from the knowledge base and the pipeline's tokenizer;
:func:`find_mentions` is a pure longest-match scan over a parsed sentence.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .knowledge import Knowledge

# kinds of knowledge entries a surface form can point to
PERSON, SURNAME, COUNTRY, ADJECTIVE, METONYM, ORG, AGENT, CITY = (
    "person", "surname", "country", "adjective", "metonym", "org", "agent", "city",
)
MAX_LEN = 8
HONORIFICS = frozenset({"sheikh", "shaikh", "king", "prince", "emir", "mullah", "ayatollah", "sultan", "sayyed",
                        "sayyid", "general", "imam", "haji"})
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM", "MNG", "HUN"})
# patronymic naming: the news calls people by their given name ("Abiy", "Isaias")
GIVEN_NAME_SHORT = frozenset({"ETH", "ERI", "ISL"})
_SURNAME_PARTICLES = {"al", "el", "bin", "ibn", "von", "van", "de", "da", "der", "le", "la", "abu"}


@lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Lowercase, strip accents and unify quotes/dashes, for matching."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-").lower()


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    ref: str  # person id, ISO3, organisation id, agent term
    case_sensitive: bool = False
    surface: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # token index in the Doc
    end: int
    entries: tuple[Entry, ...]

    @property
    def kinds(self) -> set[str]:
        return {e.kind for e in self.entries}

    def first(self, *kinds: str) -> Entry | None:
        for k in kinds:
            for e in self.entries:
                if e.kind == k:
                    return e
        return None


class ActorIndex:
    """Surface-form index over the knowledge base (proper names by token text, agents by lemma)."""

    def __init__(self, kb: Knowledge, tokenize: Callable[[str], Iterable[str]]) -> None:
        self.kb = kb
        names: dict[tuple[str, ...], list[Entry]] = {}
        agents: dict[tuple[str, ...], list[Entry]] = {}

        def add(table: dict[tuple[str, ...], list[Entry]], surface: str, kind: str, ref: str) -> None:
            surface = surface.strip()
            if not surface:
                return
            toks = tuple(fold(t) for t in tokenize(surface))
            if not toks or len(toks) > MAX_LEN:
                return
            cs = table is names and len(surface) <= 4 and surface.isupper()
            entry = Entry(kind, ref, cs, surface)
            bucket = table.setdefault(toks, [])
            if entry not in bucket:
                bucket.append(entry)
            if toks[0] == "the" and len(toks) > 1:  # "the Kremlin" also matches "Kremlin"
                add(table, surface[4:], kind, ref)

        for c in kb.countries.values():
            for s in (c.name, *c.aliases):
                add(names, s, COUNTRY, c.iso3)
            for s in c.adjectives:
                add(names, s, ADJECTIVE, c.iso3)
            for s in (c.capital, *c.metonyms):
                add(names, s, METONYM, c.iso3)
            for s in c.cities:  # only a hint of which country an article is about
                if s != c.capital:
                    add(names, s, CITY, c.iso3)
        for o in kb.organizations:
            for s in (o.name, *o.aliases):
                add(names, s, ORG, o.id)
        # a bare surname never shadows a country or its capital ("Montenegro", "Jordan", "Georgia")
        placey = {fold(s) for c in kb.countries.values()
                  for s in (c.name, *c.aliases, *c.adjectives, c.capital, *c.metonyms) if s}

        def add_surname(word: str, pid: str) -> None:
            if fold(word) not in placey:
                add(names, word, SURNAME, pid)

        for person in kb.people.values():
            for s in (person.name, *person.aliases):
                add(names, s, PERSON, person.id)
            parts = [t for t in tokenize(person.name)]
            if " of " in person.name:  # "Salman of Saudi Arabia": the short form is the given name
                add_surname(parts[0], person.id)
            elif len(parts) >= 2:
                if fold(parts[-1]) not in HONORIFICS:  # "Hussein al-Sheikh" is not "Sheikh X"
                    add_surname(parts[-1], person.id)
                if person.nationality in FAMILY_NAME_FIRST | GIVEN_NAME_SHORT:  # "Park" Geun-hye, "Abiy" Ahmed
                    add_surname(parts[0], person.id)
                if len(parts) >= 3 and fold(parts[-2]) in _SURNAME_PARTICLES:
                    add_surname(" ".join(parts[-2:]), person.id)
        for a in kb.agents.values():
            add(agents, a.term, AGENT, a.term)
        self.names = names
        self.agents = agents
        self.first_tokens = frozenset(k[0] for k in names) | frozenset(k[0] for k in agents)
        self.org_by_id: dict[str, list] = {}
        for o in kb.organizations:
            self.org_by_id.setdefault(o.id, []).append(o)


def _proper_ok(tokens: list[Token], entry: Entry) -> bool:
    if entry.case_sensitive:
        return entry.surface.replace(" ", "") == "".join(t.text for t in tokens)
    first = tokens[0]
    if first.lower_ == "the" and len(tokens) > 1:
        first = tokens[1]
    return first.text[:1].isupper() or not first.text[:1].isalpha()


def find_mentions(span: Span | Iterable[Token], index: ActorIndex) -> list[Mention]:
    """Longest-match scan: proper names by folded text, agent terms by lemma."""
    toks = list(span)
    texts = [fold(t.text) for t in toks]
    lemmas = [fold(t.lemma_) for t in toks]
    firsts = index.first_tokens

    def match_at(i: int) -> Mention | None:
        if texts[i] not in firsts and lemmas[i] not in firsts and texts[i][:-1] not in firsts:
            return None
        for n in range(min(MAX_LEN, len(toks) - i), 0, -1):
            key = tuple(texts[i:i + n])
            window = toks[i:i + n]
            entries = [e for e in index.names.get(key, ()) if _proper_ok(window, e)
                       and not (e.kind == CITY and any(t.ent_type_ == "PERSON" for t in window))]
            # (a city is no hint inside a person's name: "Léon Charles" is not León, Mexico)
            agents = index.agents.get(tuple(lemmas[i:i + n])) or index.agents.get(key) or []
            if not agents and window[-1].pos_ == "PROPN" and key[-1].endswith("s"):  # "Royal Marines"
                agents = index.agents.get((*key[:-1], key[-1][:-1])) or []
            if agents and not (window[-1].pos_ in ("NOUN", "PROPN", "ADJ") or n > 1):
                agents = []
            if entries or agents:
                return Mention(window[0].i, window[-1].i + 1, tuple(entries) + tuple(agents))
        return None

    out: list[Mention] = []
    i = 0
    while i < len(toks):
        found = match_at(i)
        if found is not None and any((m := match_at(j)) is not None and m.end > found.end and
                                     (m.kinds - {AGENT} or not found.kinds - {AGENT})
                                     for j in range(i + 1, i + found.end - found.start)):
            # "The World Food Programme" is not "the world" followed by "Food Programme"; but a name is not
            # undone by a generic term overlapping it ("European Union leaders" is not "union leaders")
            found = None
        if found:
            out.append(found)
            i += found.end - found.start
        else:
            i += 1
    return out
