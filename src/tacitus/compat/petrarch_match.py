"""A PETRARCH-style coder over the spaCy dependency parse.

Tacitus' slot-based :class:`~tacitus.knowledge.Pattern` cannot express PETRARCH verb patterns
(ordered words and synsets before and after the verb, ``$``/``+``/``%`` actor positions), so this
module matches them directly:

* actors and agents are found by longest match of dictionary phrases over the sentence tokens; a
  noun phrase's code is its actor code(s) (date-restricted codes resolved by the sentence date)
  combined with its agents (``[~GOV]`` appended, ``[NGO~]`` prepended); an agent without an actor
  gives ``---GOV``;
* each verb found in the verb dictionary (its forms, lemma and compound words) is tried against
  the patterns of its block; the most specific matching pattern gives the code (else the verb's
  own code; ``---`` = no event);
* the source is the ``$``/``%`` phrase of the pattern or the verb's (inherited) subject; the target
  is the ``+``/``%`` phrase or the first actor phrase on the object side of the verb (its direct
  object, prepositional phrases and their complements; not its subject or subordinate clauses);
* coordinated phrases ("Gondor and Osgiliath", "Mordor, the Shire, Fornost and Bree") give one
  event per member; an agent heading "Lawmakers in Fornost and Gondor" distributes over the
  coordinated actors; "former" makes the agent ELI;
* PETRARCH conventions: a passive is only inverted when it has a BY agent (else its subject is the
  source); "X said [clause with an event]" also gives (X, ---, code); ``^`` skips one noun phrase.

Nothing is special-cased per sentence; this is a re-implementation of the idea, not of PETRARCH.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..events import expand_conj, is_passive, object_of, subject_of
from .petrarch import (ActorEntry, AgentEntry, PatElem, PetrarchDictionaries, VerbForm, VerbPattern,
                       plural)

CLAUSAL = ("ccomp", "advcl", "xcomp", "relcl", "acl", "parataxis", "csubj", "conj")
NP_EXCLUDE = ("relcl", "acl", "advcl", "ccomp", "xcomp", "appos", "punct", "cc", "conj", "parataxis")
NP_CLIMB = ("compound", "poss", "amod", "nmod", "nn", "npadvmod")
MAX_STEPS = 4000
ELITE = "ELI"


@dataclass(frozen=True, slots=True)
class Coded:
    source: str
    target: str
    code: str
    verb: str  # the verb token text
    rule: str  # pattern origin or "verb:<file:line>"


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int  # exclusive (token indices in the doc)
    entry: ActorEntry | AgentEntry


def _word_ok(tok: Token, word: str) -> bool:
    t = tok.text.upper()
    return t == word


class _PhraseIndex:
    """First word → [(words, stem_last, item)] for longest-match lookup."""

    def __init__(self) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], bool, object]]] = {}
        self.stems: dict[str, list[tuple[tuple[str, ...], bool, object]]] = {}

    def add(self, words: tuple[str, ...], stem: bool, item: object) -> None:
        if len(words) == 1 and stem:
            self.stems.setdefault(words[0][:3], []).append((words, stem, item))
        else:
            self.by_first.setdefault(words[0], []).append((words, stem, item))

    def longest(self, toks: list[str], i: int) -> tuple[int, object] | None:
        best: tuple[int, object] | None = None
        cands = list(self.by_first.get(toks[i], ()))
        cands += self.stems.get(toks[i][:3], ())
        for words, stem, item in cands:
            n = len(words)
            if i + n > len(toks):
                continue
            ok = all(toks[i + k] == words[k] for k in range(n - 1))
            last = toks[i + n - 1]
            ok = ok and (last == words[-1] or (stem and last.startswith(words[-1])))
            if ok and (best is None or n > best[0]):
                best = (n, item)
        return best


class PetrarchMatcher:
    """Codes spaCy sentences with a :class:`PetrarchDictionaries` set."""

    def __init__(self, dicts: PetrarchDictionaries, null_target_events: bool = True) -> None:
        self.d = dicts
        # report "X said [event]" as (X, ---, code) next to the lower event, as the PETRARCH2
        # unit gold often does (costs precision: most such sentences list only the lower event)
        self.null_target_events = null_target_events
        self.actors = _PhraseIndex()
        for a in dicts.actors:
            for words, exact in zip(a.phrases, a.exact, strict=True):
                if words:
                    # PETRARCH2 matches actor words exactly (TABARI's stems are not used)
                    self.actors.add(words, False, a)
        self.agents = _PhraseIndex()
        for g in dicts.agents:
            for form in g.forms:
                if form:
                    self.agents.add(form, False, g)
        self.verbs: dict[str, list[VerbForm]] = {}
        self.block_of: dict[str, list[VerbPattern]] = {}
        for b in dicts.verbs.blocks:
            for v in b.verbs:
                for f in {*v.forms, v.word}:
                    self.verbs.setdefault(f, []).append(v)
            self.block_of[b.name] = b.patterns
        self.synsets = dicts.verbs.synsets

    # ------------------------------------------------------------------ discards
    def discarded(self, text: str) -> str | None:
        """'storydiscard' / 'sentencediscard' when a discard phrase occurs in the text."""
        up = " " + " ".join(text.upper().split()) + " "
        for d in self.d.discards:
            k = up.find(" " + d.phrase)
            while k >= 0:
                end = k + 1 + len(d.phrase)
                if not d.whole_word or end >= len(up) or not up[end].isalnum():
                    return "storydiscard" if d.story else "sentencediscard"
                k = up.find(" " + d.phrase, k + 1)
        return None

    # ------------------------------------------------------------------ actors
    def mentions(self, sent: Span) -> tuple[list[Mention], list[Mention]]:
        # words of the sentence: a token joined with "_" ("Dol_Amroth") is read as its words, as
        # in the dictionaries; a match must start and end on token boundaries
        toks: list[str] = []
        tok_of: list[int] = []
        for t in sent:
            for w in (t.text.upper().split("_") if "_" in t.text.strip("_") else [t.text.upper()]):
                toks.append(w)
                tok_of.append(t.i)
        starts = {k for k in range(len(toks)) if k == 0 or tok_of[k - 1] != tok_of[k]}

        def scan(index: _PhraseIndex, taken: set[int]) -> list[Mention]:
            out: list[Mention] = []
            i = 0
            while i < len(toks):
                m = index.longest(toks, i) if i in starts else None
                if m and (i + m[0] == len(toks) or i + m[0] in starts):
                    a, b = tok_of[i], tok_of[i + m[0] - 1] + 1
                    if not any(k in taken for k in range(a, b)):
                        out.append(Mention(a, b, m[1]))  # type: ignore[arg-type]
                        i += m[0]
                        continue
                i += 1
            return out

        actors = scan(self.actors, set())
        agents = scan(self.agents, {k for m in actors for k in range(m.start, m.end)})
        return actors, agents

    @staticmethod
    def np_tokens(head: Token) -> set[int]:
        out = {head.i}
        stack = [c for c in head.children if c.dep_ not in NP_EXCLUDE]
        while stack:
            t = stack.pop()
            out.add(t.i)
            stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "parataxis"))
        return out

    def np_codes(self, head: Token, on: date | None, ctx: _Ctx) -> list[str]:
        if head.pos_ == "PRON":
            return []
        span = self.np_tokens(head)
        acts = [m for m in ctx.actors if m.start in span]
        ags = [m for m in ctx.agents if m.start in span]
        pre = "".join(m.entry.code for m in ags if isinstance(m.entry, AgentEntry) and m.entry.prefix)
        suf_parts = [m.entry.code for m in ags if isinstance(m.entry, AgentEntry) and not m.entry.prefix]
        if any(head.doc[k].lower_ == "former" and head.doc[k].dep_ in ("amod", "advmod", "compound")
               for k in span):
            suf_parts = [ELITE]  # PETRARCH: "former" marks an elite, overriding the role agents
        codes: list[str] = []
        for m in acts:
            assert isinstance(m.entry, ActorEntry)
            c = m.entry.code_on(on)
            if not c:
                continue
            for part in c.split("/"):
                code = pre + part
                for s in suf_parts:
                    chunks = {code[k:k + 3] for k in range(0, len(code), 3)}
                    add = "".join(s[k:k + 3] for k in range(0, len(s), 3) if s[k:k + 3] not in chunks)
                    code += add
                if code not in codes:
                    codes.append(code)
        if not codes and (pre or suf_parts):
            codes.append(pre + "---" + "".join(suf_parts) if not pre else pre + "".join(suf_parts))
        return codes

    def phrase_codes(self, head: Token, on: date | None, ctx: _Ctx) -> list[str]:
        """Codes of a (possibly coordinated) phrase: one list entry per member actor."""
        members = self.members(head)
        per = [self.np_codes(m, on, ctx) for m in members]
        # "Lawmakers in Fornost and Gondor" (parsed as "[Lawmakers in Fornost] and Gondor"): the
        # agent of the first member distributes over bare actors coordinated with its actor
        pre, suf = self.head_agent_parts(head, ctx)
        if pre or suf:
            for k in range(1, len(per)):
                m = members[k]
                if m.i in ctx.at and not any(t.i in ctx.agent_at for t in m.subtree):
                    per[k] = [self.combine(pre, c, suf) for c in per[k]]
        # "Lawmakers and officials in Fornost and Gondor": members without an actor borrow one
        actor_codes = [c for cs in per for c in cs if not c.startswith("---")]
        out: list[str] = []
        for m, cs in zip(members, per, strict=True):
            if cs and all(c.startswith("---") for c in cs) and actor_codes:
                bases = [c for c in actor_codes if len(c) >= 3]
                roots = []
                for b in bases:
                    if b[:3] not in roots:
                        roots.append(b[:3])
                cs = [r + c[3:] for r in roots for c in cs]
            for c in cs:
                if c not in out:
                    out.append(c)
        return out

    @staticmethod
    def members(head: Token) -> list[Token]:
        """The members of a coordination; an actor apposition inside a list ("Mordor, the awful
        Fornost, and Gondor") counts as a member."""
        out = expand_conj(head)
        for m in list(out):
            in_list = any(c.dep_ == "conj" for c in m.children) or (m is not head and m.dep_ == "conj")
            for c in m.children:
                if c.dep_ == "appos" and c.pos_ in ("PROPN", "NOUN") and c not in out and (
                        in_list or any(x.dep_ == "conj" for x in c.children)):
                    out += [x for x in expand_conj(c) if x not in out]
        return sorted(out, key=lambda t: t.i)

    @staticmethod
    def combine(pre: str, code: str, suf: list[str]) -> str:
        code = pre + code
        for s in suf:
            chunks = {code[k:k + 3] for k in range(0, len(code), 3)}
            code += "".join(s[k:k + 3] for k in range(0, len(s), 3) if s[k:k + 3] not in chunks)
        return code

    def head_agent_parts(self, head: Token, ctx: _Ctx) -> tuple[str, list[str]]:
        """Agent codes of a phrase whose head is an agent and whose actor is in a prepositional
        phrase ("Lawmakers in Fornost"); empty otherwise."""
        x = ctx.agent_at.get(head.i)
        if x is None or head.i in ctx.at or not isinstance(x.entry, AgentEntry):
            return "", []
        preps = [c for c in head.children if c.dep_ == "prep"]
        if not any(t.i in ctx.at for p in preps for t in p.subtree):
            return "", []
        return (x.entry.code, []) if x.entry.prefix else ("", [x.entry.code])

    def mention_head(self, m: Mention, doc: Doc) -> Token:
        t = doc[m.end - 1]
        # a multi-word mention spanning a prepositional phrase ("Prince of Dol Amroth") is headed
        # by its syntactic root, not its last word
        roots = [doc[k] for k in range(m.start, m.end) if not (m.start <= doc[k].head.i < m.end)]
        if len(roots) == 1 and doc[m.end - 1].dep_ in ("pobj", "compound") and roots[0].i != m.end - 1:
            t = roots[0]
        while t.dep_ in NP_CLIMB and t.head != t and t.head.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            t = t.head
        if t.dep_ == "case" and t.head != t:
            t = t.head
        return t

    # ------------------------------------------------------------------ verbs
    def verb_candidates(self, tok: Token) -> list[VerbForm]:
        out = []
        seen = set()
        for key in (tok.text.upper(),):
            for v in self.verbs.get(key, ()):
                if id(v) in seen:
                    continue
                seen.add(id(v))
                doc = tok.doc
                if v.after:
                    nxt = [doc[k].text.upper() for k in range(tok.i + 1, min(len(doc), tok.i + 1 + len(v.after)))]
                    if nxt != list(v.after):
                        continue
                if v.before:
                    prv = [doc[k].text.upper() for k in range(max(0, tok.i - len(v.before)), tok.i)]
                    if prv != list(v.before):
                        continue
                out.append(v)
        out.sort(key=lambda v: -(len(v.after) + len(v.before)))
        return out

    def _match_seq(self, elems: list[PatElem], toks: list[Token], ctx: _Ctx, on: date | None,
                   anchor_tight: bool, reverse: bool = False) -> dict | None:
        """Match elements in order over toks (gaps allowed unless the element before is tight)."""
        steps = [0]

        def chunk_of(tok: Token) -> set[int]:
            for ch in tok.doc.noun_chunks:
                if ch.start <= tok.i < ch.end:
                    return {t.i for t in ch}
            return {tok.i}

        def rec(k: int, pos: int, tight: bool, bound: dict) -> dict | None:
            steps[0] += 1
            if steps[0] > MAX_STEPS:
                return None
            if k == len(elems):
                return bound
            e = elems[k]
            limit = pos + 1 if tight else len(toks)
            if e.kind == "skip":  # "^": skip one noun phrase (its base chunk)
                for j in range(pos, min(limit, len(toks))):
                    if toks[j].pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
                        chunk = chunk_of(toks[j])
                        end = j + 1
                        while end < len(toks) and toks[end].i in chunk:
                            end += 1
                        return rec(k + 1, end, e.tight, bound)
                return None
            for j in range(pos, min(limit, len(toks))):
                if e.kind == "word":
                    if _word_ok(toks[j], e.value):
                        r = rec(k + 1, j + 1, e.tight, bound)
                        if r is not None:
                            return r
                elif e.kind == "syn":
                    for phrase in self.synsets.get(e.value, ()):
                        phrase = phrase[::-1] if reverse else phrase
                        n = len(phrase)
                        if j + n <= len(toks) and all(_word_ok(toks[j + q], phrase[q]) for q in range(n)):
                            r = rec(k + 1, j + n, e.tight, bound)
                            if r is not None:
                                return r
                elif e.kind in ("src", "tgt", "both"):
                    head = ctx.actor_head_at(toks[j], climb_conj=True)
                    if head is not None:
                        r = rec(k + 1, j + 1, e.tight, {**bound, e.kind: head})
                        if r is not None:
                            return r
            return None

        return rec(0, 0, anchor_tight, {})

    def match_pattern(self, p: VerbPattern, verb: Token, after_n: int, ctx: _Ctx, on: date | None) -> dict | None:
        sent = verb.sent
        post_toks = [t for t in sent if t.i > verb.i + after_n]
        pre_toks = [t for t in sent if t.i < verb.i][::-1]
        post = self._match_seq(list(p.post), post_toks, ctx, on, False) if p.post else {}
        if post is None:
            return None
        if "both" in post:  # "* WITH %": a compound after the verb is the target
            both = post.pop("both")
            post = {**post, "tgt": both}
        if p.pre:
            # reversed: element k's "tight" means adjacent to the element after it (towards the verb)
            rev = list(p.pre)[::-1]
            rev_elems = [PatElem(e.kind, e.value, (rev[i + 1].tight if i + 1 < len(rev) else False))
                         for i, e in enumerate(rev)]
            pre = self._match_seq(rev_elems, pre_toks, ctx, on, rev[0].tight, reverse=True)
            if pre is None:
                return None
            post = {**pre, **post}
        return post

    # ------------------------------------------------------------------ sentence
    def code_sentence(self, sent: Span, on: date | None, require_dyad: bool = True) -> list[Coded]:
        actors, agents = self.mentions(sent)
        ctx = _Ctx(self, sent, actors, agents)
        out: list[Coded] = []
        pending: list[tuple[Token, str, str, str, list[str], list[str], bool]] = []
        for tok in sent:
            if not tok.tag_.startswith("VB") or tok.dep_ in ("aux", "auxpass"):
                continue
            cands = self.verb_candidates(tok)
            if not cands:
                continue
            v = cands[0]
            best: tuple[int, VerbPattern, dict] | None = None
            for p in self.block_of.get(v.block, ()):
                b = self.match_pattern(p, tok, len(v.after), ctx, on)
                if b is not None and (best is None or p.specificity > best[0]):
                    best = (p.specificity, p, b)
            if best is not None:
                code, rule, bound = best[1].code, best[1].origin, best[2]
                if code.split(":")[0] == "+++":  # "+++": the verb's own code
                    code = v.code
            else:
                code, rule, bound = v.code, f"verb:{v.origin}", {}
            main, _, reverse = code.partition(":")  # TABARI paired code: source→target : target→source
            if not main or not main[0].isdigit():
                continue
            src_head = bound.get("src") or bound.get("both") or self.subject(tok)
            if bound.get("tgt") is not None and src_head == bound["tgt"] and tok.dep_ in ("ccomp", "xcomp"):
                # "Falastur noted that Cirith Ungol regretted ...", pattern "NOTED + *": the
                # pattern makes the clause's subject the target; the source is the upper subject
                src_head = self.subject(tok.head)
            tgt_head = bound.get("tgt") or self.find_target(tok, src_head, ctx)
            srcs = self.phrase_codes(src_head, on, ctx) if src_head is not None else []
            if not srcs and src_head is not None and src_head.head == tok and not bound.get("src"):
                # "Lions, tigers, and Gondor welcomed ...": a second subject of the same verb
                for c in tok.children:
                    if c.dep_ == src_head.dep_ and c != src_head and (cs := self.phrase_codes(c, on, ctx)):
                        src_head, srcs = c, cs
                        break
            tgts = self.phrase_codes(tgt_head, on, ctx) if tgt_head is not None else []
            both = bound.get("both") is not None and not bound.get("tgt") and len(srcs) > 1
            pending.append((tok, main, reverse, rule, srcs, tgts, both))
        coded_verbs = {tok.i for tok, _m, _r, _rule, srcs, tgts, both in pending if both or (srcs and tgts)}
        for tok, main, reverse, rule, srcs, tgts, both in pending:
            if both:
                pairs = [(x, y) for x in srcs for y in srcs if x != y]  # "% HAVE POSTPONED *"
            else:
                if not tgts and srcs and self.null_target_events and self.event_complement(tok, coded_verbs):
                    # the target is itself an event ("officials said [Fornost welcomed ...]"):
                    # PETRARCH reports the lower event and the upper one with a null target
                    tgts = ["---"]
                elif require_dyad and (not srcs or not tgts):
                    continue
                pairs = [(x, y) for x in srcs or ["---"] for y in tgts or ["---"] if x != y]
            for x, y in pairs:
                for c in (Coded(x, y, main, tok.text, rule),
                          Coded(y, x, reverse, tok.text, rule) if reverse and reverse[0].isdigit() else None):
                    if c is not None and c not in out:
                        out.append(c)
        return out

    @staticmethod
    def event_complement(verb: Token, coded_verbs: set[int]) -> bool:
        """Whether a clausal complement of the verb ("said [that ...]") holds a coded event."""
        for c in verb.children:
            if c.dep_ in ("ccomp", "parataxis") and any(t.i in coded_verbs for t in c.subtree if t.i != verb.i):
                return True
        return False

    @staticmethod
    def subject(verb: Token) -> Token | None:
        """The verb's (inherited) subject; a pronoun subject of a complement clause ("Ethiopia
        indicated it would act") is read as the subject of the governing verb."""
        s = subject_of(verb)
        if s is None:
            s = PetrarchMatcher.agentless_passive_subject(verb)
        v = verb
        for _ in range(3):
            if s is None or s.pos_ != "PRON" or s.lower_ not in ("it", "he", "she", "they"):
                break
            if v.dep_ not in ("ccomp", "xcomp", "conj") or v.head == v:
                break
            v = v.head
            s = subject_of(v)
        return s

    @staticmethod
    def agentless_passive_subject(verb: Token) -> Token | None:
        """PETRARCH only inverts a passive clause that has a BY phrase: "The Philippines was
        criticized over its dispute with Eriador" keeps the Philippines as the source. The
        passive subject of the verb (or of the passive verb it is the infinitive/conjunct of,
        "Gollum was seen to break into ...") is returned when there is no agent."""
        v = verb
        for _ in range(3):
            if is_passive(v):
                if any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in v.children):
                    return None
                # the subject may hang from the passive auxiliary ("was" ← nsubj) in a bad parse
                subj = [c for x in (v, *(a for a in v.children if a.dep_ == "auxpass")) for c in x.children
                        if c.dep_ in ("nsubjpass", "nsubj")]
                return subj[0] if subj else None
            if v.dep_ not in ("xcomp", "conj") or v.head == v:
                return None
            v = v.head
        return None

    def find_target(self, verb: Token, src: Token | None, ctx: _Ctx) -> Token | None:
        """The first actor phrase on the object side of the verb; failing that, the subject of its
        complement clause ("believes Dagolath can cope") or the object side of its infinitive or
        participial complements ("vowed to wage war on the Rohans")."""
        t = self._target_in(verb, src, ctx)
        if t is not None:
            return t
        for c in verb.children:
            if c.dep_ == "ccomp" and c.i > verb.i:  # not the inverted "..., an official said"
                s = subject_of(c)
                if s is not None:
                    h = ctx.actor_head_at(s) if s.i not in ctx.at and s.i not in ctx.agent_at else \
                        ctx.actor_head_at(s, climb_conj=True)
                    if h is not None:
                        return h
        for c in [*verb.children, *(x for o in verb.children if o.dep_ == "dobj" for x in o.children)]:
            if c.dep_ in ("xcomp", "acl", "relcl"):
                t = self._target_in(c, src, ctx)
                if t is not None:
                    return t
        for c in verb.children:
            # "began to question whether he has a future with the Morgul Orcs": an interrogative
            # complement's object side
            if c.dep_ == "ccomp" and c.i > verb.i and any(m.dep_ == "mark" and m.lower_ in ("whether", "if")
                                                          for m in c.children):
                t = self._target_in(c, src, ctx)
                if t is not None:
                    return t
        return None

    def _target_in(self, verb: Token, src: Token | None, ctx: _Ctx) -> Token | None:
        excluded: set[int] = set()
        if src is not None:
            excluded |= {t.i for t in src.subtree}
        for c in verb.children:
            if c.dep_ in CLAUSAL or c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
                excluded |= {t.i for t in c.subtree}
        o = object_of(verb)
        if o is not None and o.dep_ in ("nsubjpass",):
            excluded -= {t.i for t in o.subtree}
        allowed = [t for t in verb.subtree if t.i not in excluded and t.i != verb.i]
        if o is not None and o.i not in excluded:
            allowed.sort(key=lambda t: (0 if t.i in {x.i for x in o.subtree} else 1, t.i))
        for t in allowed:
            h = ctx.actor_head_at(t)
            if h is not None and (src is None or h.i != src.i):
                return h
        return None


class _Ctx:
    """Per-sentence mention lookup."""

    def __init__(self, m: PetrarchMatcher, sent: Span, actors: list[Mention], agents: list[Mention]) -> None:
        self.m, self.sent, self.actors, self.agents = m, sent, actors, agents
        self.at: dict[int, Mention] = {}
        for x in actors:
            for k in range(x.start, x.end):
                self.at[k] = x
        self.agent_at: dict[int, Mention] = {}
        for x in agents:
            for k in range(x.start, x.end):
                self.agent_at[k] = x

    def actor_head_at(self, tok: Token, climb_conj: bool = False) -> Token | None:
        """The head of the noun phrase whose actor (or agent) mention covers ``tok``; with
        ``climb_conj`` the first member of its coordination ("Gondor and Osgiliath")."""
        x = self.at.get(tok.i) or self.agent_at.get(tok.i)
        if x is None:
            return None
        h = self.m.mention_head(x, tok.doc)
        while climb_conj and h.dep_ == "conj" and h.head != h and h.head.pos_ in ("NOUN", "PROPN"):
            h = h.head
        return h


def code_docs(matcher: PetrarchMatcher, docs: Iterable[tuple[Doc, date | None, bool]]) -> list[list[Coded]]:
    out = []
    for doc, on, dyad in docs:
        coded: list[Coded] = []
        for sent in doc.sents:
            for c in matcher.code_sentence(sent, on, dyad):
                if c not in coded:
                    coded.append(c)
        out.append(coded)
    return out
