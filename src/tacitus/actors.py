"""Actor resolution and rule-based coreference over the dependency parse.

:class:`DocActors` is created per article. It keeps the discourse history (who has been mentioned,
where, in which syntactic role) so that pronouns, surnames, titles and definite descriptions
("the Russian leader", "the group") link to their antecedent rather than to the nearest name.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Token

from .events import subject_of
from .knowledge import Knowledge
from .knowledge.parsers import Organization, Person
from .mentions import (ADJECTIVE, AGENT, CITY, COUNTRY, METONYM, ORG, PERSON, SURNAME, ActorIndex, Mention, find_mentions,
                       fold)
from .places import REGION_NOUNS
from .records import Actor

NP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "npadvmod", "nummod", "case", "flat", "punct",
                     "quantmod", "nn"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
RELATIVE = frozenset({"who", "whom", "whose", "which", "that"})
# definite descriptions that refer back to an organisation: "the council", "the group"
ORG_DESCRIPTIONS = {
    "council": ("igo",), "alliance": ("igo",), "bloc": ("igo",), "organization": ("igo", "ngo"),
    "organisation": ("igo", "ngo"), "agency": ("igo",), "union": ("igo",), "body": ("igo",),
    "court": ("igo",), "tribunal": ("igo",), "group": ("armed", "ngo", "party", "movement"),
    "militia": ("armed",), "movement": ("armed", "movement", "party"), "party": ("party",),
    "faction": ("armed", "party"), "organisation's": ("igo",), "coalition": ("armed", "party", "igo"),
    "charity": ("ngo",), "watchdog": ("ngo", "igo"),
}
ARMED_ROLES = frozenset({"REB", "INS"})
PARTITIVES = frozenset({"member", "representative", "delegate", "delegation", "envoy", "emissary", "wing"})
SETTING_PREPS = frozenset({"in", "at", "near", "outside", "across", "throughout", "into"})
OFFICIAL_TERMS = frozenset({"official", "spokesman", "spokeswoman", "spokesperson", "envoy", "delegation",
                            "delegate", "representative", "negotiator", "aide", "adviser", "advisor"})
PAIR_NOUNS = frozenset({"side", "party", "country", "nation", "leader", "government", "delegation", "neighbour", "neighbor",
                        "state", "rival", "capital", "president", "minister", "foe", "adversary"})
HEAD_TITLES = frozenset({"president", "prime minister", "leader", "premier", "chancellor", "king", "emir",
                         "head of state", "head of government", "supreme leader", "monarch", "sultan",
                         "crown prince", "ruler", "strongman"})


@dataclass(frozen=True, slots=True)
class HistoryItem:
    token: int
    actor: Actor
    kind: str  # person | org | country | group
    is_root_subject: bool
    sentence: int


def np_tokens(head: Token) -> list[Token]:
    """The head and its pre-/post-modifiers that belong to the same noun phrase."""
    out = [head]
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in NP_DEPS or (c.dep_ == "prep" and c.lower_ == "of" and t == head and
                                     any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)):
                out.append(c)
                stack.append(c)
            elif c.dep_ == "pobj" and t.dep_ == "prep":
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _role_of(code: str) -> str | None:
    return code[3:6] or None



DIPLOMATIC_MISSIONS = frozenset({"embassy", "consulate", "legation"})


def _mission_of(tok: Token) -> bool:
    """The country word names a diplomatic mission: "the French embassy", "the embassy of Japan"."""
    if tok.dep_ in ("amod", "compound") and tok.head.lemma_.lower() in DIPLOMATIC_MISSIONS:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in DIPLOMATIC_MISSIONS


def _anchoring(tok: Token) -> bool:
    """Does this country mention place its sentence: a subject or its modifier ("Russian forces fired"),
    a locative ("in Kabul"), a possessor ("Iran's army")?"""
    if tok.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    if tok.dep_ in ("amod", "compound", "nmod") and tok.head.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in SETTING_PREPS | {"from"}


def _relabel(a: Actor, text: str, start: int, end: int, how: str) -> Actor:
    """The same actor found through another mention (coreference, a title, a pair reference)."""
    return replace(a, text=text, start=start, end=end, resolved_by=how)

class DocActors:
    """Resolves noun phrases to actors for one document."""

    def __init__(self, doc: Doc, kb: Knowledge, index: ActorIndex, published: date,
                 place_country: Callable[[str], str | None] | None = None, home: str | None = None,
                 headline: Iterable[str] = ()) -> None:
        """``place_country`` maps a place name to its country (the gazetteer): it tells where the
        story is set when the places are not in the knowledge base ("in South Kivu"). ``home`` is the
        country of the article's dateline, ``headline`` the countries its headline names."""
        self.doc = doc
        self.kb = kb
        self.index = index
        self.published = published
        self.history: list[HistoryItem] = []
        self.mention_at: dict[int, Mention] = {}
        self.text = doc.text  # Doc.text is rebuilt on every access
        self.sents = list(doc.sents)
        for sent in self.sents:
            for m in find_mentions(sent, index):
                for i in range(m.start, m.end):
                    self.mention_at[i] = m
        self._sent_of = {t.i: k for k, s in enumerate(self.sents) for t in s}
        self._doc_countries: dict[str, int] = {}
        self._sent_countries: dict[int, dict[str, int]] = {}
        self._sent_anchors: dict[int, set[str]] = {}  # countries of a sentence's subjects and locatives
        self._sent_mentions: dict[int, list[int]] = {}  # first tokens of the country mentions (-1: a place)
        self._setting: dict[str, int] = {}  # countries of places in locative phrases ("in Kabul")
        for m in {id(m): m for m in self.mention_at.values()}.values():
            e = m.first(COUNTRY, ADJECTIVE, METONYM, CITY)
            last = doc[m.end - 1]
            if e is not None and e.kind != ADJECTIVE and last.dep_ == "pobj" and last.head.lower_ in SETTING_PREPS:
                self._setting[e.ref] = self._setting.get(e.ref, 0) + 1
            if e is not None and self.kb.countries.get(e.ref) and self.kb.countries[e.ref].region != "REG":
                self._doc_countries[e.ref] = self._doc_countries.get(e.ref, 0) + 1
                if _mission_of(last):
                    continue  # "outside the French embassy" in Niamey: a foreign mission says nothing of who is there
                per = self._sent_countries.setdefault(self._sent_of.get(m.start, 0), {})
                per[e.ref] = per.get(e.ref, 0) + 1
                if e.kind == CITY or _anchoring(last):  # a town named is where things are ("north of Aden")
                    self._sent_anchors.setdefault(self._sent_of.get(m.start, 0), set()).add(e.ref)
                locative = last.dep_ == "pobj" and last.head.lower_ in SETTING_PREPS | {"near", "from", "to"}
                self._sent_mentions.setdefault(self._sent_of.get(m.start, 0), []).append(-1 if locative else m.start)
        if place_country is not None:
            for ent in doc.ents:
                root = ent.root
                if root.dep_ == "compound" and root.head.lower_ in REGION_NOUNS:
                    root = root.head  # "in Rakhine state" (the tagger may call "Rakhine" an organisation)
                elif ent.label_ not in ("GPE", "LOC", "FAC"):
                    continue
                if root.dep_ == "pobj" and root.head.lower_ in SETTING_PREPS and ent.root.i not in self.mention_at:
                    c = place_country(ent.text)
                    if c:
                        self._setting[c] = self._setting.get(c, 0) + 1
        for c in headline:  # "UN rights chief calls Myanmar crackdown ...": the story is about Myanmar
            self._setting[c] = self._setting.get(c, 0) + 1
        if home is not None:
            # a dateline the text never names again ("GENEVA —" over a story about Myanmar) is where the
            # reporter was, less where the story is
            self._setting[home] = self._setting.get(home, 0) + (3 if self._doc_countries.get(home) else 1)
        self._seen_heads: set[int] = set()
        self.place_hint: str | None = None  # country of the event being resolved, set by the coder
        self.source_tokens: set[int] = set()  # the event's source phrases, while its targets resolve

    def sentence_of(self, tok: Token) -> int:
        return self._sent_of.get(tok.i, 0)

    @property
    def doc_countries(self) -> set[str]:
        """Countries the article mentions (a hint for place names that exist in several countries)."""
        return set(self._doc_countries)

    # ------------------------------------------------------------------ history
    def observe_sentence(self, sent_index: int) -> None:
        """Record every resolvable mention of a sentence in the discourse history (in order)."""
        sent = self.sents[sent_index]
        heads = []
        for t in sent:
            if t.pos_ in ("PROPN", "NOUN", "PRON") and t.dep_ not in ("compound", "amod", "flat"):
                heads.append(t)
        for h in heads:
            if h.i in self._seen_heads:
                continue
            if h.dep_ == "pobj" and h.head.lower_ in ("in", "at", "near", "outside", "inside", "across", "to",
                                                       "from", "into", "around", "throughout"):
                m = self.mention_at.get(h.i)
                if m is not None and m.kinds & {METONYM, CITY, COUNTRY}:
                    continue  # "arrived in Moscow": a place here, not an actor
            self._seen_heads.add(h.i)
            actor = self.resolve(h, self.published, record=False)
            if actor is not None:
                self._push(h, actor)

    def remember(self, head: Token, actor: Actor) -> None:
        """Add an actor the coder inferred for a mention ("protesters" → the country's civilians) to the
        discourse history, so later pronouns and descriptions can refer to it."""
        if not any(h.token == head.i for h in self.history):
            self._push(head, actor, ordered=True)

    def _push(self, head: Token, actor: Actor, ordered: bool = False) -> None:
        kind = "person" if actor.entity and actor.entity in self.kb.people else (
            "org" if actor.entity and actor.entity in self.index.org_by_id else (
                "country" if actor.role is None else "group"))
        if kind == "group" and actor.resolved_by in ("title",) and head.pos_ != "PRON":
            kind = "person" if self._agent_kind(head) == "person" else "group"
        root_subj = head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ROOT"
        item = HistoryItem(head.i, actor, kind, root_subj, self._sent_of.get(head.i, 0))
        if ordered:  # an earlier mention recorded late keeps the history in text order
            bisect.insort(self.history, item, key=lambda h: h.token)
        else:
            self.history.append(item)

    def _agent_kind(self, head: Token) -> str | None:
        m = self.mention_at.get(head.i)
        if m:
            e = m.first(AGENT)
            if e:
                return self.kb.agents[e.ref].kind
        return None

    # ------------------------------------------------------------------ resolution
    def resolve(self, head: Token, on: date, record: bool = True) -> Actor | None:
        actor = self._resolve(head, on)
        if actor is not None and record and head.i not in self._seen_heads:
            self._seen_heads.add(head.i)
            self._push(head, actor)
        return actor

    def _span(self, tokens: list[Token]) -> tuple[str, int, int]:
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        return self.text[start:end], start, end

    def _resolve(self, head: Token, on: date) -> Actor | None:
        low = head.lower_
        if head.pos_ == "PRON" or low in RELATIVE:
            return self._pronoun(head, on)
        toks = np_tokens(head)
        text, start, end = self._span(toks)
        mentions: list[Mention] = []
        for t in toks:
            m = self.mention_at.get(t.i)
            if m and m not in mentions and not (m.kinds <= {CITY}):
                mentions.append(m)
        head_m = self.mention_at.get(head.i)
        if head_m is not None and head_m.kinds <= {CITY}:
            head_m = None
        if head_m is None and head.lemma_.lower() in PARTITIVES:
            # "two members of the ruling military council", "representatives of the opposition"
            of = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"), None)
            inner = self._resolve(of, on) if of is not None else None
            if inner is not None:
                return _relabel(inner, text, start, end, inner.resolved_by)
        # "Army chief Gen. Waker-uz-Zaman", "opposition spokesman Ahmad X": a title before an unknown name
        titled = head.pos_ == "PROPN" and any(
            e.kind == AGENT and self.kb.agents[e.ref].kind == "person" and m.end <= head.i
            and all(self.doc[k].dep_ in ("compound", "amod", "punct", "flat") for k in range(m.start, head.i))
            for m in mentions for e in m.entries)
        if head_m is None and not (head.ent_type_ == "PERSON" and head.pos_ == "PROPN") and not titled:
            definite = any(c.lower_ in ("the", "this", "that") for c in head.children)
            if head.lemma_.lower() in ORG_DESCRIPTIONS and definite:
                return self._org_description(head, text, start, end)
            if head.lemma_.lower() in ("country", "nation") and definite:
                # "a state of emergency across the country": the country the story is about
                c = self.context_country(head)
                if c is not None and c in self.kb.countries:
                    return Actor(text, self.kb.countries[c].name, c, c, None, c, "context", start, end)
            return None  # "a military base": a modifier does not make the phrase an actor
        if head_m is not None and any(e.kind == AGENT and self.kb.agents[e.ref].kind == "group"
                                      for e in head_m.entries):
            # "supporters of former president Jair Bolsonaro": the group, neither the person it follows nor
            # his title
            inner = {t.i for c in head.children if c.dep_ == "prep" for t in c.subtree}
            mentions = [m for m in mentions if not (m.kinds & {PERSON, AGENT} and
                                                    all(k in inner for k in range(m.start, m.end)))]
        people = [(m, e) for m in mentions for e in m.entries if e.kind == PERSON]
        # a surname counts only as the head of the name: "Sheikh Hasina" is not Mr al-Sheikh
        surnames = [(m, e) for m in mentions for e in m.entries if e.kind == SURNAME and m.start <= head.i < m.end]
        # "Foreign Minister Patricia Rodas" is not Haroldo Rodas: a given name in the text must be the person's
        given = {fold(t.text) for t in toks if t.i < head.i and t.pos_ == "PROPN" and t.i not in self.mention_at
                 and t.is_alpha and t.is_title and len(t.text) > 2 and t.ent_type_ == "PERSON"}
        if given:
            surnames = [(m, e) for m, e in surnames if given <= self._name_words(e.ref)]
        orgs = [(m, e) for m in mentions for e in m.entries if e.kind == ORG]
        agents = [(m, e) for m in mentions for e in m.entries if e.kind == AGENT]
        places = [(m, e) for m in mentions for e in m.entries if e.kind in (COUNTRY, ADJECTIVE, METONYM)]

        if people:
            person = self.kb.people[people[-1][1].ref]
            title = next((r for m in mentions for e in m.entries
                          if e.kind == AGENT and (r := self.kb.agents[e.ref].role)), None)
            if any(t.lower_ in ("former", "ex", "ex-") or t.lower_.startswith("ex-") for t in toks):
                title = "ELI"  # "Former U.S. President Barack Obama"
            return self._person_actor(person, on, text, start, end, "kb", head, title)
        seen = {h.actor.entity for h in self.history if h.token < head.i}
        if surnames and (head.pos_ == "PROPN" or (head.is_title and any(e.ref in seen for _, e in surnames))) \
                and not any(m.start <= head.i < m.end for m, _ in orgs):
            # a surname that is also a group's name ("Houthi targets") is the group; a capitalised surname
            # the tagger took for a noun ("Morales stepped down") counts once the person was named
            person = self._pick_surname([self.kb.people[e.ref] for _, e in surnames], on)
            if person is not None:
                return self._person_actor(person, on, text, start, end, "coreference", head)
        country = self._country_from(places, toks)
        org = self._org_on([e.ref for _, e in orgs], on)
        if country is None and org is None:
            # a thing ("the tanker", "positions", "the decision") is an actor only as someone's
            agents = [(m, e) for m, e in agents if self.kb.agents[e.ref].kind != "thing"]
        if agents:
            # the agent term closest to the head decides the role ("opposition spokesman")
            agents.sort(key=lambda me: (me[0].end <= head.i, -me[0].end))
            agent_terms = [self.kb.agents[e.ref] for _, e in agents]
            role = next((a.role for a in agent_terms if a.role), None)
            main = agent_terms[0]
            if org is None and main.kind == "group":
                # "insurgents from the Arakan Rohingya Salvation Army", "fighters of al-Shabaab"
                org = next((o for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
                            for g in c.children if g.dep_ == "pobj"
                            if (m := self.mention_at.get(g.i)) is not None
                            if (o := self._org_on([e.ref for e in m.entries if e.kind == ORG], on))), None)
            if org is not None and role is None:
                return self._org_actor(org, text, start, end, "kb")
            if org is not None and org.code[3:] == "" and role:
                code = org.code + role
                return Actor(text, org.name, code, org.code[:3], role, org.id, "kb", start, end)
            if org is not None:
                return self._org_actor(org, text, start, end, "kb")
            if main.term.startswith(("spokes", "aide")) and country is None:
                # "a spokesman for Secretary-General Guterres", "an aide to Netanyahu": whom they speak for
                boss = next((a for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "to", "of")
                             for g in c.children if g.dep_ == "pobj"
                             if (a := self._resolve(g, on)) is not None and a.resolved_by != "context"), None)
                if boss is not None:
                    return _relabel(boss, text, start, end, "title")
            if main.kind == "person" and (country or head.pos_ != "PROPN") and not (
                    head.tag_ in ("NNS", "NNPS") and main.term in OFFICIAL_TERMS):  # "officials" are not one official
                linked = self._title_coref(main.term, country, on, head)
                if linked is not None:
                    return _relabel(linked, text, start, end, "coreference")
            if role is None and main.term in OFFICIAL_TERMS:
                role = "GOV"  # "local officials", "a spokesman said": unaffiliated officials are the state's
            if role is None:
                return None
            if role == "GOV" and any(t.lower_ == "former" or t.lower_.startswith("ex-") for t in toks):
                role = "ELI"  # "former vice president Jorge Glas", whom the knowledge base does not know
            owner = self._pronoun_owner(head, on) if country is None else None
            if owner is not None:
                # "Chavez told his foreign minister", "French officials denied their soldiers had ...": the
                # owner's people; an armed group's or an institution's own ("its spokesman") are the owner
                if owner.entity not in (None, owner.country) and owner.entity not in self.kb.people:
                    return _relabel(owner, text, start, end, "coreference")
                country = owner.country
            if country is None and role in ARMED_ROLES and main.kind == "group":
                # "the rebels", "insurgents", "the group's fighters": the armed group the story named
                prior = self._armed_antecedent(head)
                if prior is not None:
                    return _relabel(prior, text, start, end, "coreference")
            if country is None:
                country = self._located_in(head)  # "officials in Washington", "police in Kabul"
            if country is None:
                country = self.context_country(head, use_place=main.kind == "group", use_setting=True)
                how = "context"
            else:
                how = "coreference" if owner is not None else "title"
            if country is None:
                return None
            cname = self.kb.countries[country].name if country in self.kb.countries else country
            return Actor(text, f"{cname} {role}", country + role, country, role, None, how, start, end)
        if org is not None:
            return self._org_actor(org, text, start, end, "kb")
        if places:
            kinds = {e.kind for m, e in places if head.i in range(m.start, m.end)}
            if country is None:
                return None
            cname = self.kb.countries[country].name if country in self.kb.countries else country
            if METONYM in kinds and COUNTRY not in kinds:
                return Actor(text, f"{cname} government", country + "GOV", country, "GOV", country, "kb", start,
                             end)
            if ADJECTIVE in kinds and COUNTRY not in kinds and head.tag_ in ("NNS", "NNPS") and \
                    not any(c.dep_ == "det" for c in head.children):
                # "thousands of Cubans took to the streets", "aid to Syrians displaced by the fighting":
                # people, not "the Russians" standing for their state
                if any(c.lower_ in ("displaced", "uprooted") for c in head.children if c.dep_ in ("amod", "acl")):
                    # "Syrians displaced by the fighting", "displaced Syrians": refugees
                    return Actor(text, f"{cname} refugees", country + "REF", country, "REF", None, "title", start,
                                 end)
                return Actor(text, f"{cname} civilians", country + "CVL", country, "CVL", None, "title", start, end)
            if kinds & {COUNTRY, ADJECTIVE} or head.pos_ in ("PROPN",):
                return Actor(text, cname, country, country, None, country, "kb", start, end)
            return None
        if head.ent_type_ == "PERSON" and head.pos_ == "PROPN":
            return self._unknown_person(head, text, start, end)
        return None

    def _pronoun_owner(self, head: Token, on: date) -> Actor | None:
        """Whom a possessive pronoun before an agent noun refers to ("his troops", "its spokesman")."""
        poss = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if poss is None:
            return None
        subj = subject_of(head.head) if head.dep_ == "dobj" and head.head.pos_ == "VERB" else None
        if subj is not None and poss.lower_ in ("its", "his", "her", "their") and subj.i != poss.i:
            # "prompting Moscow to recall its ambassador": the one who acts on what is theirs
            owner = self.resolve(subj, on, record=False)
            person = owner is not None and (owner.entity or "") in self.kb.people
            if owner is not None and owner.country in self.kb.countries and \
                    person == (poss.lower_ in ("his", "her")):  # "Bogota accused his government": not Bogota's
                return owner
        owner = self._pronoun(poss, on)
        return owner if owner is not None and owner.country in self.kb.countries else None

    def _located_in(self, head: Token) -> str | None:
        """The country of an "in <capital/country>" complement of an agent noun."""
        for c in head.children:
            if c.dep_ != "prep" or c.lower_ not in ("in", "from"):
                continue
            for g in c.children:
                m = self.mention_at.get(g.i) if g.dep_ == "pobj" else None
                if m is None:
                    continue
                refs = [e.ref for e in m.entries if e.kind in (COUNTRY, METONYM)]
                if refs and refs[0] in self.kb.countries and self.kb.countries[refs[0]].region != "REG":
                    return refs[0]
        return None

    def _country_from(self, places: list[tuple[Mention, object]], toks: list[Token]) -> str | None:
        if not places:
            return None
        # prefer a possessor ("Iran's foreign minister") then the first nationality word
        for m, e in places:
            tok = self.doc[m.end - 1]
            if tok.dep_ == "poss" or any(c.dep_ == "case" for c in tok.children):
                return e.ref  # type: ignore[attr-defined]
        return places[0][1].ref  # type: ignore[attr-defined]

    def _name_words(self, pid: str) -> set[str]:
        """The folded words of a person's names and aliases ("Sam Kahamba Kutesa" → sam, kahamba, kutesa)."""
        person = self.kb.people[pid]
        return {fold(w) for n in (person.name, *person.aliases) for w in n.replace("-", " ").split()}

    def _org_on(self, ids: list[str], on: date) -> Organization | None:
        """The organisation a name denotes on ``on``; of several active namesakes ("National Liberation
        Army" in Colombia and in Macedonia), the one of the country the story is about."""
        active = [o for oid in ids for o in self.index.org_by_id.get(oid, [])
                  if (o.start is None or o.start <= on) and (o.end is None or on <= o.end)]
        if len({o.id for o in active}) > 1 and self._setting:
            home = self._story_country()
            local = [o for o in active if o.country == home]
            if local:
                return local[0]
        if active:
            return active[0]
        for oid in ids:
            rows = self.index.org_by_id.get(oid, [])
            if rows:
                return rows[-1]
        return None

    def _org_actor(self, org: Organization, text: str, start: int, end: int, how: str) -> Actor:
        country = org.code[3:6] if org.code.startswith(("IGO", "NGO", "MNC")) and len(org.code) > 3 else org.code[:3]
        role = org.code[3:6] if not org.code.startswith(("IGO", "NGO", "MNC", "IMG")) else None
        return Actor(text, org.name, org.code, country, role or None, org.id, how, start, end)

    def _person_actor(self, person: Person, on: date, text: str, start: int, end: int, how: str,
                      head: Token | None = None, title: str | None = None) -> Actor:
        role = person.role_on(on)
        active = [r for r in person.roles if r.active(on)]
        if len(active) > 1:
            # several offices at once ("Army chief Gen. al-Burhan", also head of state): the title in the
            # text decides, else the office an earlier mention in the article was coded with
            earlier = next((h.actor.code for h in reversed(self.history)
                            if h.actor.entity == person.id and (head is None or h.token < head.i)), None)
            role = next((r for r in active if title and _role_of(r.code) == title), None) or \
                next((r for r in active if r.code == earlier), None) or role
        if role is None and head is not None:
            # out of the KB's offices: an apposition may say what they are now ("Annan, the UN envoy")
            for c in head.children:
                if c.dep_ == "appos":
                    a = self._resolve(c, on)
                    if a is not None and a.entity != person.id:
                        return Actor(text, person.name, a.code, a.country, a.role, person.id, "title", start, end)
        if role is None and title and len(person.nationality) == 3:
            # out of the KB's offices but titled in the text ("Kyrgyz President Kurmanbek Bakiyev" after
            # his ouster, before his resignation): the text's title
            return Actor(text, person.name, person.nationality + title, person.nationality, title, person.id,
                         "title", start, end)
        code = role.code if role else person.nationality
        country = code[3:6] if code.startswith(("IGO", "NGO")) else code[:3]
        return Actor(text, person.name, code, country, _role_of(code) if not code.startswith(("IGO", "NGO")) else None,
                     person.id, how, start, end)

    def _org_description(self, head: Token, text: str, start: int, end: int) -> Actor | None:
        word = head.lemma_.lower()
        kinds = ORG_DESCRIPTIONS[word]
        for h in reversed(self.history):
            if h.token >= head.i or h.kind != "org" or not h.actor.entity:
                continue
            rows = self.index.org_by_id.get(h.actor.entity, [])
            if rows and (rows[0].kind in kinds or word in rows[0].name.lower()):
                a = h.actor
                return _relabel(a, text, start, end, "coreference")
        return None

    def _armed_antecedent(self, head: Token, window: int = 6) -> Actor | None:
        """The latest named armed group (an organisation of the KB with a rebel or insurgent role)
        within ``window`` sentences before ``head``; none when two different groups are that close."""
        here = self._sent_of.get(head.i, 0)
        found: list[Actor] = []
        for h in reversed(self.history):
            if h.token >= head.i or h.kind != "org" or here - h.sentence > window:
                continue
            if h.actor.role in ARMED_ROLES and all(f.entity != h.actor.entity for f in found):
                found.append(h.actor)
        return found[0] if len(found) == 1 else None

    def _pick_surname(self, candidates: list[Person], on: date) -> Person | None:
        seen = [h.actor.entity for h in reversed(self.history)]
        for pid in seen:
            for c in candidates:
                if c.id == pid:
                    return c
        # a bare surname the article has not introduced: only someone in office then ("Farah" the Afghan
        # province is not a Somali prime minister of 2001)
        active = [c for c in candidates if c.role_on(on) is not None]
        return active[0] if len(active) == 1 else None

    def _title_coref(self, term: str, country: str | None, on: date, head: Token) -> Actor | None:
        """'the Russian leader' / 'the prime minister' → the most recent matching person; when people of
        several countries match, the one of the country the story is about."""
        found: list[Actor] = []
        for h in reversed(self.history):
            if h.kind != "person" or h.token >= head.i:
                continue
            if country and h.actor.country != country:
                continue
            if not h.actor.entity:  # "Kuwait's emir ... the emir"
                if h.actor.resolved_by == "title" and term in h.actor.text.lower() and not found:
                    return h.actor
                continue
            person = self.kb.people.get(h.actor.entity)
            if person is None or any(f.entity == person.id for f in found):
                continue
            for role in (r for r in person.roles if r.active(on)):  # a PM may also be foreign minister
                title = role.title.lower()
                if term in title or (term in HEAD_TITLES and any(t in title for t in HEAD_TITLES)):
                    found.append(self._person_actor(person, on, h.actor.text, h.actor.start, h.actor.end, "kb"))
                    break
        if len({f.country for f in found}) > 1 and self._setting:
            home = self._story_country()
            return next((f for f in found if f.country == home), found[0])
        return found[0] if found else None

    def context_country(self, head: Token, use_place: bool = True, use_setting: bool | None = None) -> str | None:
        """The country an unqualified agent ("police", "the army") most likely belongs to: the event's
        place, else its sentence's only country, else where the story is set, else the country the
        article names most."""
        if self.place_hint and use_place:
            return self.place_hint  # where the event happens ("government forces shelled Homs")
        k = self._sent_of.get(head.i, 0)
        local = self._sent_countries.get(k)
        if local and len(local) == 1:
            # "The United States imposed sanctions on members of the ruling council" in a story set in
            # Myanmar: a sentence's only country that names the source itself yields to the setting
            inside = all(t in self.source_tokens for t in self._sent_mentions.get(k, ()))
            # a country only in passing ("chanting 'No to the Russian law'", "sympathising with North
            # Korea") does not say whose the parliament or the opposition is: the story's setting does
            passing = not self._sent_anchors.get(k) and self._story_country() not in local
            if not ((inside or passing) and use_place and self._setting):
                return next(iter(local))
        if not local:
            # no country named: the one country of the known people the sentence names ("Morales stepped
            # down after the armed forces commander urged him to resign")
            people = {h.actor.country for h in self.history if h.sentence == k and h.kind == "person"
                      and h.actor.entity in self.kb.people and h.actor.country in self.kb.countries}
            if len(people) == 1:
                return next(iter(people))
        if (use_place if use_setting is None else use_setting) and self._setting:
            return self._story_country()  # domestic groups ("insurgents", "police") belong there
        counts = dict(self._doc_countries)
        if not counts:
            return None
        # the most named country; a tie goes to where the story is set, then to the first named
        first = {c: i for i, c in enumerate(counts)}
        return max(counts, key=lambda c: (counts[c], self._setting.get(c, 0), -first[c]))

    def story_country(self) -> str | None:
        """Where the story takes place (None when the article names no country or place)."""
        return self._story_country() if self._setting or self._doc_countries else None

    def _story_country(self) -> str:
        """Where the story takes place: locatives and the dateline, with each time the story names a
        country counting for half a locative (call only when there is a setting)."""
        score = {c: n + 0.5 * self._doc_countries.get(c, 0) for c, n in self._setting.items()}
        for c, n in self._doc_countries.items():
            score.setdefault(c, 0.5 * n)
        # a tie goes to the country the story named first (its headline or lead)
        order = list(dict.fromkeys([*self._doc_countries, *self._setting]))
        return max(score, key=lambda c: (score[c], -order.index(c)))

    def _unknown_person(self, head: Token, text: str, start: int, end: int) -> Actor | None:
        last = head.lower_
        for h in reversed(self.history):
            if h.kind == "person" and h.token < head.i and h.actor.name.lower().split()[-1:] == [last]:
                return _relabel(h.actor, text, start, end, "coreference")
        # apposition: "X, the army chief", "Laurent Berger, head of the CFDT union"
        for c in head.children:
            if c.dep_ == "appos":
                a = self._resolve(c, self.published)
                if a is None:
                    a = next((x for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                              for g in p.children if g.dep_ == "pobj" if (x := self._resolve(g, self.published))),
                             None)
                if a is not None:
                    return Actor(text, head.text, a.code, a.country, a.role, None, "title", start, end)
        return None

    def pair_reference(self, head: Token, on: date, states: bool = False,
                       exclude: frozenset[str | None] = frozenset(),
                       pronoun: bool = False) -> tuple[Actor, Actor] | None:
        """'the two sides', 'both countries', 'the military chiefs of the two countries' → the two most
        recently mentioned actors of different countries (with the head's role when it names one).
        "Countries", and any pair when ``states``, are the states as a whole. With ``pronoun``, "them" is
        such a pair too (the caller knows it addresses two sides: "urged them to exercise restraint")."""
        noun, role = head, None
        them = pronoun and head.lower_ == "them"
        if not them and head.lemma_.lower() not in PAIR_NOUNS:
            m = self.mention_at.get(head.i)
            e = m.first(AGENT) if m else None
            role = self.kb.agents[e.ref].role if e else None
            noun = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj"), None)
            if noun is None or noun.lemma_.lower() not in PAIR_NOUNS:
                return None
        if not them and not any(c.lower_ in ("two", "both", "all") for c in noun.children):
            return None
        people = noun.lemma_.lower() in ("leader", "president", "minister")
        latest: dict[str, tuple[int, Actor]] = {}  # country → (mentions, its latest actor)
        for h in self.history:
            if h.token >= head.i or not h.actor.country or h.actor.country not in self.kb.countries:
                continue
            if people and h.kind != "person":
                continue  # "the two leaders": people, not the countries named since
            n, _ = latest.get(h.actor.country, (0, h.actor))
            latest[h.actor.country] = (n + 1, h.actor)
        if people and len({c for c in latest if c not in exclude}) < 2:
            # "Guterres urged both leaders" in a civil war: the two latest other people of different codes
            rivals: dict[str, Actor] = {}  # entity → its latest mention, while their codes differ
            for h in reversed(self.history):
                if h.token < head.i and h.kind == "person" and h.actor.entity and h.actor.entity not in rivals \
                        and h.actor.country not in exclude \
                        and all(r.code != h.actor.code for r in rivals.values()):
                    rivals[h.actor.entity] = h.actor
                if len(rivals) == 2:
                    a, b = (self._person_actor(self.kb.people[x.entity], on, head.text, head.idx,
                                               head.idx + len(head.text), "coreference")  # type: ignore[index]
                            for x in sorted(rivals.values(), key=lambda x: x.start))
                    return a, b
            return None
        if them:  # "them" are others than the speaker's side
            latest = {c: v for c, v in latest.items() if c not in exclude}
        if len(latest) < 2:
            return None
        # the two sides are the two most mentioned countries of the story (ties: the most recent)
        order = {c: i for i, c in enumerate(latest)}
        top = sorted(latest, key=lambda c: (-latest[c][0], -order[c]))[:2]
        a, b = sorted((latest[c][1] for c in top), key=lambda x: x.start)
        text, start, end = head.text, head.idx, head.idx + len(head.text)

        def as_role(x: Actor) -> Actor:
            if role is None and (states or noun.lemma_.lower() in ("country", "nation", "state")):
                # "both countries", "urged both sides": the states as a whole
                c = x.country
                return Actor(text, self.kb.countries[c].name, c, c, None, c, "coreference", start, end)
            code = x.country + role if role else x.code
            return Actor(text, x.name, code, x.country, role or x.role, x.entity, "coreference", start, end)

        return as_role(a), as_role(b)

    def _salient(self, cands: list[HistoryItem], head: Token) -> HistoryItem:
        """Most salient antecedent: a main-clause subject of this or the previous sentence, else the latest."""
        cur = self._sent_of.get(head.i, 0)
        for sent in (cur, cur - 1):
            subj = [h for h in cands if h.sentence == sent and h.is_root_subject]
            if subj:
                return subj[-1]
        return cands[-1]

    def _pronoun(self, head: Token, on: date) -> Actor | None:
        low = head.lower_
        if low in RELATIVE:
            # "the man who attacked" → the noun the relative clause modifies
            clause = head.head
            if clause.dep_ == "relcl":
                return self.resolve(clause.head, on, record=False)
            return None
        text, start, end = head.text, head.idx, head.idx + len(head.text)
        before = [h for h in self.history if h.token < head.i]
        if low in PERSON_PRONOUNS:
            people = [h for h in before if h.kind == "person"]
            if not people:
                return None
            cur = self._sent_of.get(head.i, 0)
            same = [h for h in people if h.sentence == cur]
            prev_sent = max((h.sentence for h in people if h.sentence < cur), default=None)
            pool = same or [h for h in people if h.sentence == prev_sent]
            subj = [h for h in pool if h.is_root_subject]
            pick = (subj or pool or people)[-1] if not same else (subj[-1] if subj else same[0])
            a = pick.actor
        elif low in GROUP_PRONOUNS or low in THING_PRONOUNS:
            if head.dep_ in ("dobj", "pobj", "dative"):
                # "police fired tear gas to disperse them": an object pronoun is not its own clause's subject
                local = {subj.i for v in head.ancestors if v.pos_ in ("VERB", "AUX")
                         for subj in v.children if subj.dep_ in ("nsubj", "nsubjpass")}
                before = [h for h in before if h.token not in local]
            cands = [h for h in before if h.kind in ("group", "org", "country")] or (
                before if low in GROUP_PRONOUNS else [])
            if not cands:
                return None
            a = self._salient(cands, head).actor
        else:
            return None
        person = self.kb.people.get(a.entity) if a.entity else None
        if person is not None:  # the antecedent's offices as of this event's date
            return self._person_actor(person, on, text, start, end, "coreference")
        return _relabel(a, text, start, end, "coreference")
