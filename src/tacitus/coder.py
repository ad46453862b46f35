"""The Coder: one object built from an explicit config that runs every stage on an article.

ingest → clean → NLP → mentions & actors → event patterns → modality → time & place → assemble
→ in-article merge. The Coder loads its resources in ``__init__`` and codes in ``code_*``; it holds
no state between articles, so it can be pickled into worker processes or Ray actors.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .actors import DocActors
from .assemble import SYMMETRIC_ROOTS, build_event, merge_events
from .clean import clean, is_english
from .config import CoderConfig
from .events import (EVALUATIVE_VERBS, PatternIndex, arguments, expand_conj, governing_verb, is_negated, is_passive,
                     match_sentence, slot_fillers, subject_of)
from .ingest import Reject, make_article
from .knowledge import Knowledge, Pattern, load_knowledge
from .mentions import ADJECTIVE, COUNTRY, METONYM, ActorIndex, find_mentions
from .modality import _clause_chain, modality
from .nlp import CachedTokenizer, load_pipeline
from .places import Gazetteer, locate, sentence_places
from .records import Actor, Article, CodedArticle, Event, Location
from .timex import Resolved, crosses_speech, expressions, in_relative_clause, resolve, tree_distance

log = logging.getLogger("tacitus.coder")
QUANTITIES = frozenset({"hundred", "thousand", "dozen", "million", "number", "handful", "score", "lot", "couple",
                        "some", "many", "several", "most", "all", "dozens", "hundreds", "thousands", "group",
                        "crowd", "team", "delegation", "unit", "member", "band"})
PLACE_TARGET_ROOTS = frozenset({"18", "19", "20"})
CLAUSE_TARGET_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
# CAMEO practice for agentless passives: arrests are made by the police, emergencies declared by the government
AGENTLESS_PASSIVE_SOURCES = (("173", "COP"), ("1724", "GOV"), ("1723", "GOV"), ("1721", "GOV"))
CONVENTIONAL_TARGET_CODES = ("0831", "1231", "172")  # see Coder._conventional_actors
# A state named as the agent of an act only its government performs is coded as the government, of an
# armed attack that happened as the armed forces (docs/coding-conventions.md, "a state acting")
STATE_GOV_ACTS = ("02", "04", "05", "08", "10", "114", "16", "17", "191")
STATE_MIL_ACTS = ("19", "20", "15")
# nouns that name whatever was done, and the kinds of event they refer back to
_FORCE = ("15", "17", "18", "19", "20")
_POLICY = ("03", "05", "06", "08", "12", "16", "17")
GENERIC_EVENT_NOUNS = {"incident": _FORCE, "act": _FORCE, "action": ("16", *_FORCE), "aggression": _FORCE,
                       "provocation": ("13", *_FORCE), "violence": ("14", "17", "18", "19", "20"),
                       "measure": ("12", "16", "17"), "move": _POLICY, "decision": _POLICY, "step": _POLICY}
# ... and the ones that refer back only when judged ("called the operation a massacre"; "supported the
# operation" or "carried out the raid" tell a new event)
REACTION_EVENT_NOUNS = {"operation": _FORCE, "raid": _FORCE, "incursion": _FORCE, "offensive": _FORCE}
RESTRAINT_VERBS = frozenset({"refrain", "avoid", "de-escalate", "deescalate", "negotiate"})
VOW_VERBS = frozenset({"vow", "pledge", "promise", "swear"})
FORCE_VERBS = frozenset({"hunt", "crush", "destroy", "eliminate", "defeat", "wipe", "annihilate", "retaliate",
                         "avenge"})
HARM_VERBS = frozenset({"punish", "pursue", "prosecute", "expel", "arrest", "jail"})
MODAL_AUX = frozenset({"will", "would", "could", "may", "might", "shall", "'ll", "wo"})
STATE_PARTNER_ACTS = ("04", "05")  # a state consulted, visited, praised or backed is its government
HOST_PREPS = frozenset({"in", "to", "from", "at"})  # "its ambassador in Caracas / to Brazil"
DOMESTIC_ROLES = frozenset({"COP", "JUD"})  # police and courts act on their own country's people
DOMESTIC_TARGET_ROLES = frozenset({"CVL", "ELI", "OPP", "GOV", "LEG"})  # ... whom the text gives no country
CALM_WORDS = frozenset({"ceasefire", "cease-fire", "calm", "restraint", "truce", "de-escalation", "dialogue",
                        "peace", "end"})  # what appeals with no addressee ask for (see _appeal_for_calm)
REACTION_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})  # statements, appeals, demands, criticism
NARRATIVE_DAYS = 10  # an explicit day this close to publication becomes the narrative's day
# the rejection (12) a refusal of each kind of act is, most specific first: "would not step down" 1231,
# "would not release" 1243, "would not withdraw its troops" 1246, "would not negotiate" 125
REFUSALS = (("0831", "1231"), ("083", "123"), ("084", "1243"), ("081", "1241"), ("085", "1244"), ("086", "1245"),
            ("087", "1246"), ("08", "124"), ("036", "125"), ("057", "127"), ("06", "121"),
            ("07", "122"))


def _refusal_code(code: str) -> str | None:
    return next((r for prefix, r in REFUSALS if code.startswith(prefix)), None)


COUNTERPART_ROOTS = frozenset({"11", "12", "13"})  # reactions: disapprove, reject, threaten
NON_ACTOR_DESCENT = ("poss", "amod", "compound", "npadvmod", "nmod")


@dataclass
class _DocState:
    """Per-article discourse state (lives only while one article is coded)."""

    anchor: date | None = None
    sentence_dates: list[date] = field(default_factory=list)
    sentence_facts: list[date] = field(default_factory=list)  # ... of the sentence's events that happened
    story_day: date | None = None  # the last anchor close to publication: the day of undated events
    lead_day: date | None = None  # the first such day: the news day of the lead
    place: Location | None = None  # where the story last was: the dateline, then each sentence's place


def _appeal_for_calm(trigger: Token) -> bool:
    """"called for a ceasefire", "urged restraint", "appealed for calm" (the object, or the object of "for")."""
    objs = [c for c in trigger.children if c.dep_ == "dobj"]
    objs += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
             if g.dep_ == "pobj"]
    return any(o.lemma_.lower() in CALM_WORDS for o in objs)


def _appeal_for_restraint(trigger: Token) -> bool:
    """"urged them to exercise restraint / to avoid further military action / to agree a ceasefire"."""
    for c in trigger.children:
        if c.dep_ == "xcomp" and any(w.lemma_.lower() in CALM_WORDS or w.lemma_.lower() in RESTRAINT_VERBS
                                     for w in c.subtree):
            return True
    return False


def _role_date(when: Resolved | None, ref: date) -> date:
    """The day whose offices code the event's actors: its own day; for a month, the publication day
    when it falls in that month, else the 15th; the publication day when the date is a year or unknown."""
    if when is None or when.precision == "year":
        return ref
    d = when.as_date
    if when.precision == "month":
        return ref if (ref.year, ref.month) == (d.year, d.month) else d.replace(day=15)
    return d


def _pluperfect(tok: Token) -> bool:
    """Whether the token's clause is in the past perfect ("had moved"): background to the story's day."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head != tok:
        tok = tok.head
    return tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in tok.children)


def _in_relative(tok: Token) -> bool:
    """Whether the token's clause is a relative or free relative ("what he calls ...")."""
    return any(c.dep_ in ("dobj", "nsubj") and c.tag_ in ("WP", "WDT") for c in tok.children)


class Coder:
    """Codes articles into events. ``Coder()`` uses the built-in knowledge and the default model."""

    def __init__(self, config: CoderConfig | None = None, *, nlp: Language | None = None,
                 knowledge: Knowledge | None = None) -> None:
        self.config = config or CoderConfig()
        self.kb = knowledge or _load(self.config)
        self.nlp = nlp or load_pipeline(self.config.model)
        if nlp is None:  # a pipeline loaded by name: its tokenization of the KB names can be cached
            tokenize = CachedTokenizer(self.nlp)
            self.index = ActorIndex(self.kb, tokenize)
            tokenize.flush()
        else:
            self.index = ActorIndex(self.kb, lambda s: [t.text for t in self.nlp.tokenizer(s)])
        self.patterns = PatternIndex(self.kb.patterns)
        self._pattern_by_id = {p.id: p for p in self.kb.patterns}
        self.gazetteer = Gazetteer(self.kb)

    # ------------------------------------------------------------------ public API
    def code(self, text: str, published: str | date | None = None, id: str = "doc") -> list[Event]:
        """Code one text; returns its events."""
        pub = published.isoformat() if isinstance(published, date) else published
        return list(self.code_article(make_article(id, text, pub, max_chars=self.config.max_chars)).events)

    def code_article(self, article: Article) -> CodedArticle:
        return next(iter(self.code_articles([article])))  # type: ignore[return-value]

    def code_articles(self, articles: Iterable[Article | Reject], n_process: int = 1) -> Iterator[CodedArticle | Reject]:
        """Code a stream of articles with batched parsing; rejects pass through unchanged."""

        def prepared() -> Iterator[tuple[str, Article | Reject]]:
            for a in articles:
                if isinstance(a, Reject):
                    yield "", a
                    continue
                if not is_english(a.text):
                    yield "", Reject(a.id, "not English text (skipped)")
                    continue
                c = clean(a.text, a.title)
                yield c.parse_text, (a, c)

        for doc, item in self.nlp.pipe(prepared(), as_tuples=True, batch_size=self.config.batch_size,
                                       n_process=n_process):
            if isinstance(item, Reject):
                yield item
                continue
            yield self.code_doc(doc, item[0], item[1].dateline, item[1].headline)

    def _headline_countries(self, headline: str | None) -> list[str]:
        """The countries a headline names, in order (tokenizer only: the headline is not parsed)."""
        if not headline:
            return []
        found = [e.ref for m in find_mentions(self.nlp.make_doc(headline), self.index) for e in m.entries
                 if e.kind in (COUNTRY, ADJECTIVE, METONYM) and e.ref in self.kb.countries]
        return list(dict.fromkeys(found))

    def _place_country(self, name: str) -> str | None:
        loc = self.gazetteer.lookup(name)
        return loc.country if loc is not None and loc.precision == "place" else None

    # ------------------------------------------------------------------ stages
    def code_doc(self, doc: Doc, article: Article, dateline: str | None = None,
                 headline: str | None = None) -> CodedArticle:
        """Code a parsed (cleaned) article; ``dateline`` is the place the cleaning stage found at the
        start of the body ("KINSHASA —"), the story's home unless the text says otherwise; the countries
        the ``headline`` names are where the story is as much as a locative."""
        pub = date.fromisoformat(article.published) if article.published else None
        meta = {}
        if pub is None:
            meta["published_missing"] = True
        ref = pub or date.today()
        home = self.gazetteer.lookup(dateline) if dateline else None
        actors = DocActors(doc, self.kb, self.index, ref, self._place_country,
                           home=home.country if home is not None else None,
                           headline=self._headline_countries(headline))
        state = _DocState(place=home)
        events: list[Event] = []
        for k, sent in enumerate(doc.sents):
            if not sent.text.strip():
                continue
            actors.observe_sentence(k)
            exprs = expressions(sent)
            sporty = _is_sports(sent)
            for trigger, pattern in match_sentence(sent, self.patterns):
                if sporty and pattern.code[:2] in ("17", "18", "19", "20"):
                    continue  # "beating Croatia", "attack" in a match report
                pattern = self._vowed_harm(trigger, pattern)
                mod = modality(trigger, consumed_negation=pattern.negated)
                status = mod.status
                if pattern.negated and status in ("negated", "planned"):
                    status = "occurred"  # "will not tolerate" is itself the (threat) event
                if pattern.accusation or (pattern.code[:2] in ("18", "19") and mod.speaker_verb is not None and
                                          any(c.lower_ == "first" for c in trigger.children)):
                    # "Beijing said the boats had intruded", "the Thai army said Cambodian troops opened fire
                    # first": the speaker accuses the doer (112), whatever the doer did
                    if mod.speaker_verb is None or is_negated(mod.speaker_verb) or status != "occurred":
                        continue  # a wrong that "could" happen is a warning, not an accusation
                    if not pattern.accusation:
                        pattern = replace(pattern, code="112", accusation=True, target=("subj",))
                    status = "occurred"
                    mod = replace(mod, tense="past")
                if pattern.threat:
                    verb = governing_verb(trigger) if pattern.pos == "NOUN" else trigger
                    if status not in ("planned", "hypothetical") or verb is None or \
                            not MODAL_AUX.intersection(c.lower_ for c in verb.children if c.dep_ == "aux") or \
                            any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children) or \
                            (mod.speaker_verb is not None and is_negated(mod.speaker_verb)):
                        # "Israel retaliated" happened, "retaliating against" describes, "did not say whether
                        # Ottawa would retaliate" threatens nothing
                        continue
                    status = "occurred"  # "said Iran would take revenge" is itself the threat, made now
                    mod = replace(mod, tense="past")
                refused = _refusal_code(pattern.code) if mod.refusal else None  # a refusal is always negated
                if refused is not None:
                    # "said his troops would not withdraw", "refused to release them": the refusal (12)
                    # happened, when it was said
                    pattern = replace(pattern, code=refused, target=pattern.target or ("dobj",))  # refused to whom
                    status = "occurred"
                    mod = replace(mod, tense="past")
                tense = "future" if status == "planned" or mod.tense == "future" else mod.tense
                when = self._date_for(trigger, exprs, ref, tense, state, pattern.code[:2] in REACTION_ROOTS)
                on = _role_date(when, ref)
                speaker = speaker_tok = None
                if mod.speaker_verb is not None:
                    speaker_tok = subject_of(mod.speaker_verb)
                    speaker = actors.resolve(speaker_tok, on) if speaker_tok is not None else None
                chain = _clause_chain(trigger)[1:]
                attack = pattern.code[:2] in PLACE_TARGET_ROOTS
                loc0, how0 = locate(trigger, chain, self.gazetteer, actors.doc_countries, set(), sent, attack)
                actors.place_hint = loc0.country if how0 == "clause" and loc0 and loc0.country in self.kb.countries \
                    else None
                pairs = self._dyads(actors, trigger, pattern, on, speaker, speaker_tok, events)
                actors.place_hint = None
                if not pairs:
                    continue
                for src, tgt in pairs:
                    loc, how = locate(trigger, chain, self.gazetteer,
                                      {a.country for a in (src, tgt) if a and a.country}, set(), sent, attack)
                    if pattern.code.startswith("14") and self._is_state(src):
                        # "The Philippines summoned the ambassador to protest": a state's protest is a
                        # diplomatic complaint (114), coded by its own verb, not a demonstration
                        log.debug("drop %s at %r (%d): a state does not demonstrate", pattern.id, trigger.text,
                                  trigger.idx)
                        continue
                    src, tgt = self._conventional_actors(pattern, src, tgt, loc if how == "clause" else None, trigger)
                    doer = subject_of(trigger) if src is not None and pattern.code.startswith("14") else None
                    if doer is not None:
                        actors.remember(doer, src)  # "protesters marched ... police dispersed them"
                    src = self._acting_state(pattern, src, status)
                    tgt = self._partner_state(pattern, tgt)
                    if src is None or (tgt is None and pattern.target and self.config.require_target):
                        log.debug("drop %s at %r (%d): no %s actor", pattern.id, trigger.text, trigger.idx,
                                  "source" if src is None else "target (nor attacked place)")
                        continue
                    if loc is None and state.place is not None:
                        loc = replace(state.place, inferred=True)  # the story's current place
                    ev = build_event(self.kb, article, doc, sent, k, trigger, pattern, src, tgt, status, when,
                                     ref, loc, speaker)
                    if ev.confidence >= self.config.min_confidence:
                        events.append(ev)
                        if when is not None and not when.anaphoric and when.precision == "day" and \
                                not _pluperfect(trigger):
                            # the events' own days move the narrative, not background ("On Thursday the RSF
                            # had moved ...") nor the dates of readings dropped for want of actors; only the
                            # days of what happened (the facts) become the day of later undated events
                            state.sentence_dates.append(when.as_date)
                            if status not in ("planned", "hypothetical"):
                                state.sentence_facts.append(when.as_date)
            places = sentence_places(sent, self.gazetteer, actors.doc_countries)
            if len(places) == 1 and places[0].precision == "place":
                state.place = places[0]
            # the narrative's reference date moves with every explicit day: the events' own dates when
            # the sentence had some, else its date words read as past
            if state.sentence_dates:
                state.anchor = state.sentence_dates[-1]
            else:
                # the main clause's date word moves the narrative ("... on Sunday night after X fired Y, who
                # had called on Saturday ..." is Sunday's story)
                # (a past-perfect main clause, "On Thursday the RSF had moved ...", is background)
                main = [] if _pluperfect(sent.root) else sorted(
                    (e for e in exprs if not in_relative_clause(e.head)),
                    key=lambda e: tree_distance(e.head, sent.root), reverse=True)
                for e in main:
                    r = resolve(e.text, ref, "past", state.anchor)
                    if r is not None and not r.anaphoric and r.precision == "day":
                        state.anchor = r.as_date
            # the day of undated events: the anchor, unless only a plan's day moved it ("would release the
            # pilot on Friday. Khan criticised India" is today's criticism); background dates ("on August 7,
            # 2009") are not the story's day
            day = state.sentence_facts[-1] if state.sentence_facts else (
                None if state.sentence_dates else state.anchor)
            if day is not None and abs((day - ref).days) <= NARRATIVE_DAYS:
                state.story_day = day
                state.lead_day = state.lead_day or day
            state.sentence_dates.clear()
            state.sentence_facts.clear()
        if self.config.merge_in_article:
            events = merge_events(events)
        return CodedArticle(article.id, article.published, tuple(events), title=article.title,
                            source=article.source, url=article.url, meta=meta)

    def _dyads(self, actors: DocActors, trigger: Token, pattern: Pattern, on: date, speaker: Actor | None,
               speaker_tok: Token | None, earlier: list[Event]) -> list[tuple[Actor | None, Actor | None]]:
        """(source, target) pairs for a matched trigger, or [] when the event lacks its actors."""
        src_toks = arguments(trigger, pattern, "source")
        sources = [a for t in src_toks for a in self._resolve_members(actors, t, on)]
        if pattern.threat and speaker is not None:
            sources = [speaker]  # "Rouhani said Iran would take revenge": the threat is the speaker's
        if pattern.pos == "ADJ" and speaker is not None and speaker.country and \
                all(s.country == speaker.country and s.role is None for s in sources):
            sources = [speaker]  # "Freeland said Canada was concerned": the feeling voiced is the speaker's
        target_toks = arguments(trigger, pattern, "target")
        if pattern.accusation:
            if speaker is None or speaker_tok is None:
                log.debug("drop %s at %r (%d): an accusation needs a speaker", pattern.id, trigger.text, trigger.idx)
                return []
            # "China's coast guard said the Philippine boats had intruded": accused are the doers (for a
            # passive, "the protesters were being controlled from abroad", those it is said of)
            doer = subject_of(trigger) if not is_passive(trigger) else next(
                iter(c for c in trigger.children if c.dep_ == "nsubjpass"), None)
            target_toks = expand_conj(doer) if doer is not None else []
            src_toks, sources = [speaker_tok], [speaker]
        actors.source_tokens = {x.i for t in src_toks for x in t.subtree}
        try:
            targets = [a for t in target_toks for a in self._resolve_members(actors, t, on)]
        finally:
            actors.source_tokens = set()
        if pattern.object and targets and all(a.resolved_by == "context" for a in targets) and \
                not any(slot_fillers(trigger, pattern, s) for s in pattern.target):
            targets = []  # "would send troops": the object's owner is a target only when named
        root = pattern.code[:2]
        if root == "16" and pattern.object and targets and sources and \
                all(t.country == s.country for t in targets for s in sources):
            # "recalled its ambassador in Caracas", "recalled his envoy to Brazil": one's own diplomat,
            # withdrawn from the country where they serve; with no host named ("would not withdraw its
            # diplomats"), from where the story is, else from the country last named
            hosts = [a for t in target_toks for c in t.children if c.dep_ == "prep" and c.lower_ in HOST_PREPS
                     for g in c.children if g.dep_ == "pobj" if (a := self._resolve_arg(actors, g, on))]
            home = actors.story_country()
            here = [Actor("", self.kb.countries[home].name, home, home, None, home, "context", 0, 0)] \
                if home in self.kb.countries and all(home != s.country for s in sources) else []
            targets = hosts or here or self._counterpart(actors, trigger, sources) or targets
        if not sources and pattern.pos == "NOUN":
            between = [a for t in slot_fillers(trigger, pattern, "between") for x in expand_conj(t)
                       if (a := self._resolve_arg(actors, x, on))]
            if len(between) >= 2:  # "talks between Ross and Liu", "clashes between the army and rebels"
                sources, targets = between[:1], between[1:]
        if not src_toks and speaker_tok is not None and is_passive(trigger):
            src_toks = [speaker_tok]  # "the two sides said further talks would be held"
        pair = next((p for t in src_toks if (p := actors.pair_reference(t, on))), None)
        if pair is not None and not targets:
            sources, targets = [pair[0]], [pair[1]]  # "the two sides", "both countries"
        them = next((t for t in target_toks if t.lower_ == "them"), None)
        if root == "02" and them is not None and _appeal_for_restraint(trigger):
            # "urged them to exercise restraint": the two sides of the conflict
            own = frozenset(s.country for s in sources)
            both = actors.pair_reference(them, on, states=True, exclude=own, pronoun=True)
            if both is not None and all(x.country not in own for x in both):
                targets = list(both)
        if not targets and target_toks:
            own = frozenset(s.country for s in sources)
            both = next((p for t in target_toks if (p := actors.pair_reference(t, on, states=True, exclude=own))),
                        None)
            if both is not None:  # "urged both sides to exercise restraint"
                targets = [x for x in both if not sources or all(x.country != s.country for s in sources)]
        if not sources and pattern.pos == "NOUN":
            # "a request for help from Mali's president", "an appeal from the UN"
            sources = [a for t in slot_fillers(trigger, pattern, "from") if (a := self._resolve_arg(actors, t, on))]
        if not targets and target_toks and pattern.code != "015":  # a claim of responsibility has no target
            # "condemned the test", "accepted the offer": whoever carried out the event referred to
            targets = [a for t in target_toks
                       if (a := self._event_anaphor(actors, t, earlier, on, reaction=root in COUNTERPART_ROOTS))]
        if not sources and speaker is not None and pattern.pos == "VERB" and is_passive(trigger) and \
                root not in ("18", "19", "20") and not (
                    pattern.code.startswith("173") and speaker.role not in ("COP", "JUD", "MIL", "SPY")):
            # "May announced that 23 diplomats would be expelled"; who says "10 civilians were killed" only
            # reports the killing, who says "4,000 people were detained" (a ministry, a rights group) the
            # arrests, which are the police's
            sources = [speaker]
        if not sources and len(targets) >= 2 and root in SYMMETRIC_ROOTS | {"19"}:
            sources, targets = targets[:1], targets[1:]  # "talks between X and Y", "clashes between X and Y"
        if sources and not targets and len(sources) >= 2 and root in SYMMETRIC_ROOTS | {"19"} and \
                not pattern.code.startswith("045"):  # co-mediators ("brokered by Qatar and Egypt") are no pair
            sources, targets = sources[:1], sources[1:]  # "X and Y held talks"
        if sources and not targets and pattern.pos == "VERB" and root in CLAUSE_TARGET_ROOTS | {"17"}:
            # "warned that Iran would ...", "warned that Israel could strike Iranian sites", "fired tear gas
            # to disperse them"
            # (coercion falls on one's own people as often as not: "police fired tear gas to disperse them")
            own_countries = {a.country for a in sources} if root != "17" else set()
            targets = self._clause_target(actors, trigger, on, own_countries)
        if sources and not targets and root == "13" and (pattern.threat or trigger.lemma_.lower() in VOW_VERBS):
            # "Iran would take revenge", "vowed to hunt down those responsible": whoever last used force
            # against the threatener's country
            own = {a.country for a in sources}
            hit = next((e for e in reversed(earlier) if e.cameo[:2] in ("15", "17", "18", "19", "20") and
                        e.target is not None and e.target.country in own and e.source.country not in own
                        and e.source.country), None)
            if hit is not None:
                s = hit.source  # a state's forces or government are threatened as the state
                if s.role in ("MIL", "GOV", "COP") and not (s.entity and s.entity in self.kb.people) \
                        and s.country in self.kb.countries:
                    targets = [self._named_state(s, trigger.text, 0, 0, "context")]
                else:
                    targets = [replace(s, text=trigger.text, resolved_by="context", start=0, end=0)]
        if sources and not targets and pattern.target and root in COUNTERPART_ROOTS and pattern.pos == "VERB" \
                and trigger.dep_ not in ("relcl", "acl", "amod", "compound") and not _in_relative(trigger):
            # "Japan lodged a protest", "warned of serious consequences": the side the story has just
            # been about
            targets = self._counterpart(actors, trigger, sources)
        if sources and not targets and root == "02" and pattern.pos == "VERB" and _appeal_for_calm(trigger):
            # "called for a ceasefire", "appealed for calm": addressed to the country the story is about
            # (its people when the appeal comes from its own leaders)
            country = actors.context_country(trigger)
            if country is not None and country in self.kb.countries and self.kb.countries[country].region != "REG":
                name = self.kb.countries[country].name
                if any(s.country == country for s in sources):
                    targets = [Actor("", f"{name} civilians", country + "CVL", country, "CVL", None, "context", 0, 0)]
                else:
                    targets = [Actor("", name, country, country, None, country, "context", 0, 0)]
        if not sources and pattern.pos == "VERB" and is_passive(trigger) and trigger.dep_ != "amod" and \
                (role := next((r for p, r in AGENTLESS_PASSIVE_SOURCES if pattern.code.startswith(p)), None)):
            # "dozens were detained", "a state of emergency was declared": by the state's police/government
            country = actors.context_country(trigger)
            if country is not None and country in self.kb.countries:
                name = self.kb.countries[country].name
                sources = [Actor("", f"{name} {role}", country + role, country, role, None, "context", 0, 0)]
                if not targets and role == "COP":  # "dozens were detained": the country's civilians
                    targets = [Actor("", f"{name} civilians", country + "CVL", country, "CVL", None, "context",
                                     0, 0)]
        if not sources and not root == "14":
            log.debug("drop %s at %r (%d): no source actor", pattern.id, trigger.text, trigger.idx)
            return []
        if pattern.target and not targets and self.config.require_target and root not in ("14", *PLACE_TARGET_ROOTS) \
                and not pattern.code.startswith(CONVENTIONAL_TARGET_CODES):
            log.debug("drop %s at %r (%d): no target actor", pattern.id, trigger.text, trigger.idx)
            return []
        pairs: list[tuple[Actor | None, Actor | None]] = []
        for src in sources or [None]:
            for tgt in targets or [None]:
                if src is not None and tgt is not None and src.role in DOMESTIC_ROLES and src.country and \
                        src.resolved_by != "context" and tgt.resolved_by == "context" and \
                        tgt.role in DOMESTIC_TARGET_ROLES and tgt.country != src.country and \
                        src.country in self.kb.countries:
                    # "Belarusian riot police detained 6,000 people" (datelined Vilnius): their own people;
                    # "Ecuadorian police arrested former vice president Jorge Glas" (datelined Mexico City)
                    label = "civilians" if tgt.role == "CVL" else tgt.role
                    tgt = replace(tgt, name=f"{self.kb.countries[src.country].name} {label}",
                                  code=src.country + tgt.role, country=src.country)
                if src is not None and tgt is not None and _same_actor(src, tgt):
                    continue
                if tgt is not None and root in ("02", "04") and tgt.role == "MED" and tgt.entity is None:
                    continue  # "speaking to reporters" is a statement, not a consultation; "asked reporters"
                pairs.append((src, tgt))
        return pairs

    def _resolve_members(self, actors: DocActors, tok: Token, on: date) -> list[Actor]:
        """One actor per member of "the presidents of Tanzania, Kenya and Uganda" or "the Armenian and
        Azerbaijani ministers"; else the one actor."""
        a = self._resolve_arg(actors, tok, on)
        if a is None or not a.role:
            return [a] if a is not None else []
        adjectives = [x for c in tok.children if c.dep_ == "amod" for x in [c, *[g for g in c.children
                                                                              if g.dep_ == "conj"]]]
        found = [x for t in adjectives if (x := actors.resolve(t, on, record=False)) is not None and x.role is None]
        if found and any(x.country != a.country for x in found):
            # "his Armenian and Azerbaijani counterparts": the nationality words decide, the role stays
            return [Actor(a.text, f"{x.name} {a.role}", x.country + a.role, x.country, a.role, None, "title",
                          a.start, a.end) for x in found]
        of = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"), None)
        if of is None or not any(c.dep_ == "conj" for c in of.children):
            return [a]
        out = []
        for m in expand_conj(of):
            x = actors.resolve(m, on, record=False)
            if x is not None and x.role is None and x.country:  # a country: give it the head's role
                out.append(Actor(a.text, f"{x.name} {a.role}", x.country + a.role, x.country, a.role, None,
                                 "title", a.start, a.end))
        return out or [a]

    def _clause_target(self, actors: DocActors, trigger: Token, on: date,
                       own_countries: set[str | None] = frozenset()) -> list[Actor]:  # type: ignore[assignment]
        """The first actor of a complement clause: "warned that Iran would ...", "declined to sign a deal
        with the EU"."""
        own = subject_of(trigger)
        for c in trigger.children:
            if c.dep_ == "advcl" and not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                continue  # only purpose clauses ("to disperse them") carry the target
            if c.dep_ in ("ccomp", "xcomp") and c.pos_ not in ("VERB", "AUX"):
                # a mis-parsed clause ("demanded that Israel halt construction"): its first named actor
                for t in c.subtree:
                    if t.pos_ == "PROPN" and t != own and (a := actors.resolve(t, on)) is not None and \
                            a.country not in own_countries:
                        return [a]
            if c.dep_ in ("ccomp", "xcomp", "advcl") and c.pos_ in ("VERB", "AUX"):
                subj = subject_of(c)
                cands = [subj] if subj is not None and subj != own else []
                cands += [g for g in c.children if g.dep_ == "dobj"]
                cands += [g for p in c.children if p.dep_ in ("prep", "dative") for g in p.children if g.dep_ == "pobj"]
                for cand in cands:
                    a = self._resolve_arg(actors, cand, on)
                    if a is None:
                        for p in cand.children:
                            if p.dep_ == "prep" and p.lower_ in ("with", "to"):
                                a = next((x for g in p.children if g.dep_ == "pobj"
                                          if (x := self._resolve_arg(actors, g, on))), None)
                    if a is not None and a.country not in own_countries:  # "warned that Israel could ..."
                        return [a]
        return []

    @staticmethod
    def _counterpart(actors: DocActors, trigger: Token, sources: list[Actor], window: int = 1) -> list[Actor]:
        """The latest actor of another country than the sources, mentioned before the trigger in its
        sentence or the ``window`` sentences before it."""
        here = actors.sentence_of(trigger)
        own = {a.country for a in sources} | {a.code for a in sources}
        for h in reversed(actors.history):
            if h.token >= trigger.i:
                continue
            if here - h.sentence > window:
                break
            a = h.actor
            if a.country and a.country not in own and a.code not in own:
                return [Actor(a.text, a.name, a.code, a.country, a.role, a.entity, "context", 0, 0)]
        return []

    def _event_anaphor(self, actors: DocActors, tok: Token, earlier: list[Event], on: date,
                       reaction: bool = False) -> Actor | None:
        """'the test', 'the attack', 'the accusation' → the source of the latest event with that trigger."""
        if tok.pos_ != "NOUN" or not any(c.lower_ in ("the", "this", "that", "such", "these", "its")
                                         for c in tok.children):
            return None
        lemma = tok.lemma_.lower()
        roots = {p.code[:2] for p in self.patterns.by_head.get((lemma, "NOUN"), [])}
        # "the incident", "the measures", "the heinous act"; "the raid" may have been an arrest
        roots |= set(GENERIC_EVENT_NOUNS.get(lemma, ())) | set(REACTION_EVENT_NOUNS.get(lemma, ()) if reaction else ())

        stem = lemma[:4] if len(lemma) <= 6 else lemma[:-3]

        def same_word(ev: Event) -> bool:  # "the strikes" ← "launched strikes", "the seizure" ← "seized"
            pat = self._pattern_by_id.get(ev.rule)
            if pat is None or (roots and ev.cameo[:2] not in roots):
                return False
            return pat.trigger.split()[-1] == lemma or (
                len(stem) >= 4 and any(w.startswith(stem) for w in ev.evidence.text.lower().split()))

        def same_kind(ev: Event) -> bool:
            return bool(roots) and ev.cameo[:2] in roots and ev.rule in self._pattern_by_id

        # "the seizure of the Stena Impero", "the killing of Soleimani": the event done to that one
        of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
              if g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN")]
        named = {w.lower_ for g in of for w in g.subtree if w.pos_ == "PROPN"}

        def done_to_named(ev: Event) -> bool:
            t = ev.target.text.lower() if ev.target is not None else ""
            return bool(named) and (same_word(ev) or same_kind(ev)) and (
                any(w in t.split() for w in named) or
                all(w in (ev.evidence.sentence or ev.evidence.text).lower() for w in named))

        # the same word first (the latest attack may be another one); an event named by its object only as such
        for test in (done_to_named,) if named else (same_word, same_kind):
            # only what happened is reacted to ("they could kill him" is a fear, not "the raid")
            # the same word names the latest such event; a mere kind ("condemned the attack" after a raid,
            # a repelled assault and arrests) the story's first, the one it is about
            order = earlier if test is same_kind else reversed(earlier)
            ev = next((e for e in order if e.status == "occurred" and test(e)), None)
            if ev is not None:
                # "The United States and Britain launched strikes": the first of the joint doers
                ev = next(e for e in earlier if e is ev or (e.rule == ev.rule and e.status == "occurred" and
                                                            e.sentence_index == ev.sentence_index and
                                                            e.evidence.end == ev.evidence.end))
                s = ev.source
                if s.role == "MIL" and s.entity is not None and s.entity == s.country:
                    # "Russia struck ..." was coded as its armed forces by convention; the reaction ("condemned
                    # the strike") is aimed at the state that was named
                    return self._named_state(s, tok.text, tok.idx, tok.idx + len(tok.text), "coreference")
                return Actor(tok.text, s.name, s.code, s.country, s.role, s.entity, "coreference", tok.idx,
                             tok.idx + len(tok.text))
        # not coded before: the subject of the clause that first mentioned it ("North Korea carried out a
        # nuclear test ... condemned the test")
        doc = tok.doc
        for i in range(tok.i):  # the first mention introduces the event; later ones react to it
            prev = doc[i]
            if prev.lemma_.lower() != lemma or prev.pos_ not in ("NOUN", "VERB"):
                continue
            owner = next((c for c in prev.children if c.dep_ == "poss"), None) if prev.pos_ == "NOUN" else None
            a = actors.resolve(owner, on, record=False) if owner is not None else None
            if a is not None:  # "condemned North Korea's first nuclear test ... the test": North Korea's
                return Actor(tok.text, a.name, a.code, a.country, a.role, a.entity, "coreference", tok.idx,
                             tok.idx + len(tok.text))
            verb = prev if prev.pos_ == "VERB" else prev.head  # "Washington offered to ..." / "an offer"
            while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
                verb = verb.head
            if verb.lemma_.lower() in EVALUATIVE_VERBS:
                continue  # "Seoul condemned the test": the one who judges it did not carry it out
            subj = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
            a = actors.resolve(subj, on, record=False) if subj is not None else None
            if a is not None:
                return Actor(tok.text, a.name, a.code, a.country, a.role, a.entity, "coreference", tok.idx,
                             tok.idx + len(tok.text))
            break
        return None

    def _conventional_actors(self, pattern: Pattern, src: Actor | None, tgt: Actor | None, loc: Location | None,
                             trigger: Token) -> tuple[Actor | None, Actor | None]:
        """Actors CAMEO practice supplies when the text leaves them implicit. ``loc`` is the event's
        place when the trigger's own clause names it."""
        countries = self.kb.countries
        if tgt is None and pattern.target and loc and loc.country in countries and \
                pattern.code[:2] in PLACE_TARGET_ROOTS:
            # "warplanes struck a camp near Balakot": the attacked place's country is the target
            tgt = Actor(loc.name, countries[loc.country].name, loc.country, loc.country, None, loc.country,
                        "context", 0, 0)
        if tgt is None and src is not None and src.country in countries:
            name = countries[src.country].name
            if pattern.code in ("0831", "1231"):
                # a resignation accedes to the public's demand for new leadership, refusing to resign rejects it
                tgt = Actor("", f"{name} civilians", src.country + "CVL", src.country, "CVL", None, "context", 0, 0)
            elif pattern.code.startswith(("1721", "1723", "175")):
                # curfews and bans fall on the people; so does force used against a crowd ("stormed a sit-in")
                tgt = Actor("", f"{name} civilians", src.country + "CVL", src.country, "CVL", None, "context", 0, 0)
            elif pattern.code.startswith("172"):  # an emergency or martial law is imposed on the country
                tgt = Actor("", name, src.country, src.country, None, src.country, "context", 0, 0)
        if pattern.code.startswith("14"):
            src, tgt = self._protest_defaults(src, tgt, loc, trigger)
        return src, tgt

    def _is_state(self, a: Actor | None) -> bool:
        """A country as a whole ("Germany", "the Philippines"), not one of its institutions nor a region."""
        state = self.kb.countries.get(a.country or "") if a is not None else None
        return a is not None and a.role is None and a.entity == a.country and state is not None and \
            state.region != "REG"

    def _acting_state(self, pattern: Pattern, src: Actor | None, status: str) -> Actor | None:
        """A state as a whole doing what only its government (expel diplomats, impose sanctions, lodge a
        protest) or its armed forces (an attack that occurred) do is that institution."""
        if src is None or not self._is_state(src):
            return src
        if pattern.code.startswith(STATE_GOV_ACTS):
            role = "GOV"
        elif pattern.code.startswith(STATE_MIL_ACTS) and status == "occurred":
            role = "MIL"
        else:
            return src
        name = self.kb.countries[src.country].name
        label = "government" if role == "GOV" else "armed forces"
        return replace(src, name=f"{name} {label}", code=src.country + role, role=role)

    def _named_state(self, a: Actor, text: str, start: int, end: int, how: str) -> Actor:
        """The bare state behind an actor its conventions made an institution ("Russia struck" → `RUSMIL`):
        reactions and threats aim at the state, as the text names it."""
        return Actor(text, self.kb.countries[a.country].name, a.country, a.country, None, a.country, how, start,
                     end)

    def _vowed_harm(self, trigger: Token, pattern: Pattern) -> Pattern:
        """A vow or pledge to do harm is a threat: "vowed to hunt down those responsible" (138), "vowed that
        those responsible would be punished" (130), not an intent to cooperate (03)."""
        if not pattern.code.startswith("03") or pattern.pos != "VERB" or trigger.lemma_.lower() not in VOW_VERBS:
            return pattern
        for comp in trigger.children:
            if comp.dep_ not in ("xcomp", "ccomp") or comp.pos_ not in ("VERB", "AUX"):
                continue
            lemma = comp.lemma_.lower()
            roots = {p.code[:2] for p in self.patterns.candidates(comp)}
            if lemma in FORCE_VERBS or roots & {"18", "19", "20"}:
                return replace(pattern, code="138", target=("against",))
            if lemma in HARM_VERBS or roots & {"17"}:
                return replace(pattern, code="130", target=("against",))
        return pattern

    def _partner_state(self, pattern: Pattern, tgt: Actor | None) -> Actor | None:
        """The state met, visited, praised or backed ("travel to Saudi Arabia", "backed Spain's unity") is
        its government: only governments are partners of consultation and diplomatic cooperation."""
        if tgt is None or not self._is_state(tgt) or not pattern.code.startswith(STATE_PARTNER_ACTS):
            return tgt
        return replace(tgt, name=f"{self.kb.countries[tgt.country].name} government", code=tgt.country + "GOV",
                       role="GOV")

    def _protest_defaults(self, src: Actor | None, tgt: Actor | None, loc: Location | None,
                          trigger: Token) -> tuple[Actor | None, Actor | None]:
        """Unnamed protesters are the civilians of the place, protesting its government."""
        country = loc.country if loc and loc.country else (src.country if src else None)
        if country is None or country not in self.kb.countries:
            return src, tgt
        name = self.kb.countries[country].name
        if src is None:
            src = Actor(trigger.text, f"{name} civilians", country + "CVL", country, "CVL", None, "context",
                        trigger.idx, trigger.idx + len(trigger.text))
        if tgt is None and src.role in ("CVL", "OPP", "LAB", None):
            tgt = Actor("", f"{name} government", country + "GOV", country, "GOV", country, "context", 0, 0)
        return src, tgt

    def _resolve_arg(self, actors: DocActors, tok: Token, on: date, depth: int = 0) -> Actor | None:
        """The actor an argument refers to. A non-actor noun ("the conference", "rebel positions",
        "the establishment of a base for Iran") is resolved through its modifiers and of/for/by
        complements; an explicitly named actor beats one inferred from context."""
        a = actors.resolve(tok, on)
        if a is not None and a.resolved_by == "context" and depth == 0:
            # "a senior commander of the FARC rebel group": the named group, not the story's country (but
            # "supporters of former president Bolsonaro" are civilians of his country, not the man)
            named = next((b for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj"
                          if (b := self._resolve_arg(actors, g, on, depth + 1)) is not None
                          and b.resolved_by == "kb" and b.entity not in (None, b.country)
                          and not (a.role == "CVL" and b.entity in self.kb.people)), None) \
                if tok.pos_ == "NOUN" and tok.lemma_.lower() not in QUANTITIES else None
            return named or a
        if a is not None and (depth == 0 or a.resolved_by != "context"):
            return a
        if depth >= 3 or tok.pos_ == "PRON":
            return None
        if tok.pos_ == "NUM" or tok.lemma_.lower() in QUANTITIES:
            # "hundreds of residents", "a group of protesters": the quantity stands for its members
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return self._resolve_arg(actors, g, on, depth)
        fallback = None
        for c in tok.children:
            mods = [c] if c.dep_ in NON_ACTOR_DESCENT else []
            if c.dep_ == "amod" and c.tag_ == "VBN":  # "Russian-sponsored"
                mods += [g for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod", "amod")]
            for m in mods:
                a = actors.resolve(m, on)
                if a is not None and a.resolved_by != "context":
                    return a
                fallback = fallback or a
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "for", "by", "on", "against", "from", "through"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        a = self._resolve_arg(actors, g, on, depth + 1)
                        if a is not None:
                            return a
        return fallback if depth == 0 else None

    @staticmethod
    def _closest_date(trigger: Token, exprs: list, pub: date, tense: str, state: _DocState) -> Resolved | None:
        candidates = [e for e in exprs if not crosses_speech(e.head, trigger)]
        if not candidates:
            # "said on Friday it was suspending talks" / "it would expel": the report's date, a past date
            candidates, tense = exprs, "past"
        near = sorted((tree_distance(e.head, trigger), abs(e.head.i - trigger.i), k)
                      for k, e in enumerate(candidates) if tree_distance(e.head, trigger) <= 7)
        for _, _, k in near:  # the closest expression that names a time ("hours after" does not)
            r = resolve(candidates[k].text, pub, _expression_tense(candidates[k].head, trigger, tense), state.anchor)
            if r is not None:
                return r
        return None

    def _date_for(self, trigger: Token, exprs: list, pub: date, tense: str, state: _DocState,
                  reaction: bool = False) -> Resolved | None:
        # a date in a relative clause on the subject is the last resort: "Vucic, who put the army on alert on
        # Friday, blamed Kurti on Monday" is Monday's, "Pompeo, who spoke with both on Tuesday, urged them" Tuesday's
        own = [e for e in exprs if not in_relative_clause(e.head, trigger)]
        for group in (own, [e for e in exprs if e not in own]):
            r = self._closest_date(trigger, group, pub, tense, state)
            if r is not None:
                return r
        if state.story_day is not None and tense != "future":
            # no date in the clause: news narrative keeps the last (recent) day it established; an undated
            # reaction after a flashback ("The raid on Saturday killed ... Correa said ...") is the lead's news
            day = state.lead_day if reaction and state.lead_day and state.lead_day > state.story_day \
                else state.story_day
            return Resolved(day.isoformat(), "day", anaphoric=True)
        return None


SPORTS = frozenset({"match", "tournament", "championship", "league", "goal", "cup", "olympics", "olympic",
                    "medal", "stadium", "scorer", "striker", "midfielder", "coach", "final", "semi-final", "quarter-final",
                    "season", "fifa", "uefa", "nba", "nfl", "grand slam", "innings", "wicket", "marathon", "race",
                    "tennis", "football", "soccer", "cricket", "rugby", "basketball", "player", "team"})


def _load(config: CoderConfig) -> Knowledge:
    """The knowledge a config asks for: built-in files, ``--kb`` directories, foreign dictionary sets."""
    extra: list[tuple[str, str, str]] = []
    for spec in config.dictionaries:
        from .compat.petrarch import PHOENIX_SET, knowledge_files, load_dictionaries

        cameo = load_knowledge(builtin={"cameo"})
        extra += knowledge_files(load_dictionaries(spec.partition(":")[2], **PHOENIX_SET), frozenset(cameo.cameo))
    builtin: bool | set[str] = config.builtin_knowledge or ({"cameo"} if extra else False)
    return load_knowledge(config.kb_dirs, builtin=builtin, extra=extra)


def _expression_tense(expr_head: Token, trigger: Token, tense: str) -> str:
    """A date on a past verb above a planned trigger is past: "had offered on Sunday night to open a
    dialogue" (the offer was made on the Sunday before, whatever it offers)."""
    verb = next((t for t in expr_head.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if tense == "future" and verb is not None and verb is not trigger and trigger in verb.subtree and (
            verb.tag_ == "VBD" or (verb.tag_ == "VBN" and
                                   any(c.dep_ == "aux" and c.lower_ in ("had", "has", "have") for c in verb.children))):
        return "past"
    return tense


def _is_sports(sent: Span) -> bool:
    """Two or more sports words: a match report, where "beat" and "attack" are not violence."""
    return sum(1 for t in sent if t.lemma_.lower() in SPORTS) >= 2


def _same_actor(a: Actor, b: Actor) -> bool:
    """An actor acting on itself is almost always a resolution error ("Russia's ministry warned Russia");
    two different named people with the same code ("Netanyahu told his defence minister") are kept."""
    if (a.start, a.code) == (b.start, b.code) or (a.entity and a.entity == b.entity):
        return True
    if a.code == b.code:
        named = a.entity in (None, a.country) or b.entity in (None, b.country)
        return named
    if a.country == b.country and (a.role is None or b.role is None) and a.country:
        return True  # "Netanyahu warned that Israel ...": a state acting on (a part of) itself
    return False


