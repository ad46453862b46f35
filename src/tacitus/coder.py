"""The Coder: one object built from an explicit config that runs every stage on an article.

ingest → clean → NLP → mentions & actors → event patterns → modality → time & place → assemble
→ in-article merge. The Coder loads its resources in ``__init__`` and codes in ``code_*``; it holds
no state between articles, so it can be pickled into worker processes or Ray actors.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Token

from .actors import DocActors
from .assemble import build_event, merge_events
from .clean import clean, is_english
from .config import CoderConfig
from .events import PatternIndex, arguments, match_sentence, subject_of
from .ingest import Reject, make_article
from .knowledge import Knowledge, load_knowledge
from .mentions import ActorIndex
from .modality import _clause_chain, modality
from .nlp import load_pipeline
from .places import Gazetteer, locate
from .records import Actor, Article, CodedArticle, Event
from .timex import Resolved, crosses_speech, expressions, resolve, tree_distance

log = logging.getLogger("tacitus.coder")
QUANTITIES = frozenset({"hundred", "thousand", "dozen", "million", "number", "handful", "score", "lot", "couple",
                        "some", "many", "several", "most", "all", "dozens", "hundreds", "thousands", "group",
                        "crowd", "team", "delegation", "unit", "member", "band"})
NON_ACTOR_DESCENT = ("poss", "amod", "compound", "npadvmod", "nmod")


@dataclass
class _DocState:
    """Per-article discourse state (lives only while one article is coded)."""

    anchor: date | None = None


class Coder:
    """Codes articles into events. ``Coder()`` uses the built-in knowledge and the default model."""

    def __init__(self, config: CoderConfig | None = None, *, nlp: Language | None = None,
                 knowledge: Knowledge | None = None) -> None:
        self.config = config or CoderConfig()
        self.kb = knowledge or load_knowledge(self.config.kb_dirs, builtin=self.config.builtin_knowledge)
        self.nlp = nlp or load_pipeline(self.config.model)
        self.index = ActorIndex(self.kb, lambda s: [t.text for t in self.nlp.tokenizer(s)])
        self.patterns = PatternIndex(self.kb.patterns)
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
                yield clean(a.text, a.title).text, a

        for doc, item in self.nlp.pipe(prepared(), as_tuples=True, batch_size=self.config.batch_size,
                                       n_process=n_process):
            if isinstance(item, Reject):
                yield item
                continue
            yield self.code_doc(doc, item)

    # ------------------------------------------------------------------ stages
    def code_doc(self, doc: Doc, article: Article) -> CodedArticle:
        pub = date.fromisoformat(article.published) if article.published else None
        meta = {}
        if pub is None:
            meta["published_missing"] = True
        ref = pub or date.today()
        actors = DocActors(doc, self.kb, self.index, ref)
        state = _DocState()
        events: list[Event] = []
        for k, sent in enumerate(doc.sents):
            if not sent.text.strip():
                continue
            actors.observe_sentence(k)
            exprs = expressions(sent)
            for trigger, pattern in match_sentence(sent, self.patterns):
                mod = modality(trigger, consumed_negation=pattern.negated)
                status = mod.status
                if pattern.negated and status in ("negated", "planned"):
                    status = "occurred"  # "will not tolerate" is itself the (threat) event
                tense = "future" if status == "planned" or mod.tense == "future" else mod.tense
                when = self._date_for(trigger, exprs, ref, tense, state)
                on = when.as_date if when and when.precision != "year" else ref
                sources = [a for t in arguments(trigger, pattern, "source")
                           if (a := self._resolve_arg(actors, t, on)) is not None]
                targets = [a for t in arguments(trigger, pattern, "target")
                           if (a := self._resolve_arg(actors, t, on)) is not None]
                if not sources:
                    log.debug("drop %s at %r: no source actor", pattern.id, trigger.text)
                    continue
                if pattern.target and not targets and self.config.require_target:
                    log.debug("drop %s at %r: no target actor", pattern.id, trigger.text)
                    continue
                speaker = None
                if mod.speaker_verb is not None:
                    s = subject_of(mod.speaker_verb)
                    speaker = actors.resolve(s, on) if s is not None else None
                chain = _clause_chain(trigger)[1:]
                for src in sources:
                    for tgt in targets or [None]:
                        if tgt is not None and (tgt.entity and tgt.entity == src.entity or
                                                tgt.start == src.start):
                            continue
                        loc = locate(trigger, chain, self.gazetteer,
                                     {a.country for a in (src, tgt) if a and a.country}, set())
                        ev = build_event(self.kb, article, doc, sent, k, trigger, pattern, src, tgt, status, when,
                                         ref, loc, speaker)
                        if ev.confidence >= self.config.min_confidence:
                            events.append(ev)
        if self.config.merge_in_article:
            events = merge_events(events)
        return CodedArticle(article.id, article.published, tuple(events), title=article.title,
                            source=article.source, url=article.url, meta=meta)

    def _resolve_arg(self, actors: DocActors, tok: Token, on: date, depth: int = 0) -> Actor | None:
        """The actor an argument refers to. A non-actor noun ("the conference", "rebel positions",
        "the establishment of a base for Iran") is resolved through its modifiers and of/for/by
        complements; an explicitly named actor beats one inferred from context."""
        a = actors.resolve(tok, on)
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
                    return _via_context(a)
                fallback = fallback or a
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "for", "by"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        a = self._resolve_arg(actors, g, on, depth + 1)
                        if a is not None:
                            return a
        return _via_context(fallback) if fallback is not None and depth == 0 else None

    def _date_for(self, trigger: Token, exprs: list, pub: date, tense: str, state: _DocState) -> Resolved | None:
        best = None
        for e in exprs:
            if crosses_speech(e.head, trigger):
                continue
            d = tree_distance(e.head, trigger)
            if d > 7:
                continue
            key = (d, abs(e.head.i - trigger.i))
            if best is None or key < best[0]:
                best = (key, e)
        if best is None:
            return None
        r = resolve(best[1].text, pub, tense, state.anchor)
        if r is not None and not r.anaphoric and r.precision == "day":
            state.anchor = r.as_date
        return r


def _via_context(a: Actor) -> Actor:
    return Actor(a.text, a.name, a.code, a.country, a.role, a.entity, "context", a.start, a.end)

