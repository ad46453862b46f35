"""Event patterns: match trigger words against the pattern dictionary and find their arguments.

Pure functions over a parsed sentence. A match is a trigger token, the pattern that fired and the
argument head tokens for source and target (already expanded over coordination).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from .knowledge import Pattern

SUBJ = ("nsubj", "csubj", "expl")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
INHERIT_DEPS = ("xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "ccomp", "acomp")
ACCUSE_VERBS = frozenset({"accuse", "blame", "suspect", "charge", "convict", "criticize", "criticise",
                          "condemn", "praise", "thank", "congratulate", "commend"})
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "force", "persuade", "allow", "tell", "order", "invite",
                            "press", "push", "encourage", "help", "pressure", "request", "instruct", "prompt",
                            "compel", "oblige", "spur", "cause", "lead", "enable", "convince", "advise", "authorize",
                            "authorise", "permit", "warn", "remind", "appeal", "beg", "implore"})


class PatternIndex:
    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self.by_head: dict[tuple[str, str], list[Pattern]] = {}
        for p in patterns:
            head = p.trigger.split()[-1]
            self.by_head.setdefault((head, p.pos), []).append(p)
        for v in self.by_head.values():
            v.sort(key=lambda p: -p.specificity)

    def candidates(self, tok: Token) -> list[Pattern]:
        if tok.pos_ == "ADJ" or tok.tag_ == "VBN":  # "was deeply concerned", "alarmed by", "unacceptable"
            adj = self.by_head.get((tok.lower_, "ADJ"))
            if adj and (tok.pos_ == "ADJ" or tok.dep_ in ("ccomp", "acomp", "ROOT", "conj", "xcomp")):
                return list(adj)
        pos = "VERB" if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ == "ROOT") else (
            "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None)
        if pos is None:
            return []
        lemma = tok.lemma_.lower()
        out = list(self.by_head.get((lemma, pos), []))
        if pos == "NOUN" and tok.lower_ != lemma:
            out += [p for p in self.by_head.get((tok.lower_, pos), []) if p not in out]
        # spaCy sometimes tags a verb use of an event word as a noun and vice versa
        if not out and tok.tag_ in ("VBN", "VBD") and pos == "NOUN":
            out = list(self.by_head.get((lemma, "VERB"), []))
        return out


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl") and not any(c.dep_ == "aux" for c in verb.children)
    )


def is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _pobj(prep: Token) -> Token | None:
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp") and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X") and \
                c.ent_type_ not in ("DATE", "TIME"):  # "on Tuesday" is a time, not a target
            return c
    return None


def _prep_objects(tok: Token, word: str) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative", "prt") and c.lower_ == word:
            p = _pobj(c)
            if p is not None:
                out.append(p)
    return out


def preceding_np(verb: Token) -> Token | None:
    """For a detached participle ('a conference – boycotted by ...'), the NP it modifies."""
    for i in range(verb.i - 1, -1, -1):
        t = verb.doc[i]
        if t.pos_ in ("NOUN", "PROPN"):
            if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ in ("NOUN", "PROPN"):
                t = t.head.head  # "a conference on Syria – boycotted by ..." → conference
            return t
        if t.pos_ == "VERB" or t.is_sent_start:
            return None
    return None


RAISING = frozenset({"expect", "set", "schedule", "due", "suppose", "say", "report", "believe", "think",
                     "understand", "slate", "plan", "poise", "prepare", "force", "ask", "urge", "invite"})


def coordinated_with_reporter(verb: Token) -> bool:
    """An active verb the parser coordinated with a passive complement clause belongs with the reporting
    verb above it: "denied that Serbia was involved and accused Kurti", "said the arrest had been
    carried out lawfully and accused Khan's party"."""
    head = verb.head
    return (verb.dep_ == "conj" and not is_passive(verb) and head.dep_ == "ccomp" and is_passive(head)
            and head.head != head)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The semantic subject of a verb, inherited through infinitives, purpose clauses and conjunctions."""
    if depth > 4:
        return None
    passive = is_passive(verb)
    if passive:
        for p in _prep_objects(verb, "by"):
            return p
        for c in verb.children:  # "was detained and beaten by soldiers": the agent of both
            if c.dep_ == "conj" and c.tag_ == "VBN":
                for p in _prep_objects(c, "by"):
                    return p
        if depth > 0 and verb.lemma_ in RAISING:  # "the emir is expected to travel": the emir travels
            s = _children(verb, *PASSIVE_SUBJ)
            if s:
                return s[0]
    else:
        s = _children(verb, *SUBJ)
        if s and s[0].lower_ not in ("it", "there") or (s and s[0].dep_ == "nsubj" and s[0].lower_ == "it"):
            return s[0]
    if passive:
        return None
    if verb.dep_ in INHERIT_DEPS and verb.head != verb:
        head = verb.head
        if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head != head:
            if head.lower_ == "of" and head.head.lemma_ in ACCUSE_VERBS and _children(head.head, "dobj"):
                return _children(head.head, "dobj")[0]  # "accused M23 of attacking": M23 attacked
            head = head.head  # "followed Washington in recognizing him": the verb governing the preposition
        if head.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("acl", "relcl"):
            if verb.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                # "to meet" mis-attached to a noun: climb to the clause verb
                gov = head.head
                while gov.pos_ not in ("VERB", "AUX") and gov.head != gov:
                    gov = gov.head
                if gov.pos_ in ("VERB", "AUX"):
                    return subject_of(gov, depth + 1)
                return None
            if verb.dep_ == "acl" and verb.tag_ == "VBG":
                return head  # "troops attacking the city"
            return None
        infinitive = verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and
                                               any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))
        if infinitive and head.lemma_ in OBJECT_CONTROL:
            # "urged Iran to release", "called on Tehran to release": the one urged acts
            objs = _children(head, "dobj") or _prep_objects(head, "on") or _prep_objects(head, "upon")
            if objs:
                return objs[0]
        if verb.dep_ == "ccomp":
            return None
        if coordinated_with_reporter(verb):
            return subject_of(head.head, depth + 1)
        return subject_of(head, depth + 1)
    return None


def object_of(verb: Token) -> Token | None:
    if is_passive(verb):
        s = _children(verb, *PASSIVE_SUBJ)
        if s:
            return s[0]
        if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        if verb.dep_ == "advcl":
            return preceding_np(verb)
        return None
    o = _children(verb, "dobj", "attr")
    if not o and all(c.dep_ in ("cc", "conj", "punct") for c in verb.rights):
        # "stormed and vandalised Congress": the object of the verb coordinated right after it is shared
        o = [d for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and not is_passive(c)
             and not _children(c, "nsubj", "nsubjpass") for d in _children(c, "dobj")]
    return o[0] if o else None


# verbs whose object is an event someone else carried out: "condemned the attack", "denied the strike"
EVALUATIVE_VERBS = frozenset({
    "condemn", "denounce", "criticize", "criticise", "deplore", "deny", "welcome", "praise", "hail", "reject",
    "blame", "regret", "investigate", "dismiss", "decry", "slam", "applaud", "commend", "lament", "probe",
    "acknowledge", "justify", "avenge", "accuse"})


def governing_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object/subject of ('imposed sanctions', 'talks were held')."""
    h = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and h.pos_ in ("VERB", "AUX"):
        return h
    if noun.dep_ == "pobj" and h.dep_ == "prep" and h.head.pos_ == "VERB" and h.lower_ in ("in", "into", "for"):
        return h.head  # "took part in talks", "engaged in fighting"
    return None


def slot_fillers(trigger: Token, pattern: Pattern, slot: str) -> list[Token]:
    """Head tokens that fill a slot for this trigger."""
    noun = pattern.pos == "NOUN"
    gov = governing_verb(trigger) if noun else None
    out: list[Token] = []
    if slot == "subj":
        if pattern.pos == "ADJ":  # "Canada was concerned": the one who feels it
            s = next(iter(_children(trigger, "nsubj", "nsubjpass")), None)
            if s is None and trigger.dep_ == "acomp":
                s = subject_of(trigger.head)
            if s is not None:
                out.append(s)
        elif noun:
            if gov is not None and trigger.dep_ != "nsubjpass" and gov.lemma_.lower() not in EVALUATIVE_VERBS:
                s = subject_of(gov)  # "Russia launched airstrikes", "the king arrived for a state visit"
                if s is not None and s != trigger:
                    out.append(s)
        else:
            s = subject_of(trigger)
            if s is not None:
                out.append(s)
    elif slot == "dobj":
        if not noun:
            o = object_of(trigger)
            if o is not None:
                out.append(o)
    elif slot == "iobj":
        out += _children(trigger, "dative", "iobj")
    elif slot == "poss":
        out += [c for c in _children(trigger, "poss")]
    elif slot == "mod":
        out += [c for c in trigger.children if c.dep_ in ("amod", "compound", "nmod", "npadvmod")
                and c.pos_ in ("PROPN", "ADJ", "NOUN")]
        for c in trigger.children:  # "Russian-sponsored talks", "UN-backed talks"
            if c.dep_ == "amod" and c.tag_ == "VBN":
                out += [g for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod", "amod")]
    elif slot == "between":
        for p in _prep_objects(trigger, "between"):
            out.append(p)
    else:
        out += _prep_objects(trigger, slot)
        if gov is not None:
            out += _prep_objects(gov, slot)
        if not noun and not out:  # "provide assistance to Syrians": the preposition sits on the object
            o = object_of(trigger)
            if o is not None:
                out += _prep_objects(o, slot)
        if not out:  # "spoke by phone with Park", "met on Monday with X": one preposition deeper
            for c in trigger.children:
                if c.dep_ == "prep" and c.lower_ != slot:
                    p = _pobj(c)
                    if p is not None and p.pos_ == "NOUN":
                        out += _prep_objects(p, slot)
    if slot == "by" and noun:
        out += _prep_objects(trigger, "by")
    return out


def expand_conj(tok: Token) -> list[Token]:
    """'Russia, Iran and Turkey' → [Russia, Iran, Turkey]; 'X as well as Y' → [X, Y]."""
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
                out.append(c)
                stack.append(c)
            elif c.dep_ == "appos" and c.pos_ == "PROPN" and t.pos_ == "PROPN" and \
                    any(g.dep_ == "conj" and g.pos_ == "PROPN" for g in c.children):
                # "Canada, Brazil and Colombia" parsed as Canada ← appos Brazil ← conj Colombia
                out.append(c)
                stack.append(c)
    return out


def _subject_lemmas(verb: Token) -> set[str]:
    """Lemmas of the verb's subject, its conjuncts and what it counts ("tens of thousands of protesters")."""
    subj = subject_of(verb)
    if subj is None:
        return set()
    out: set[str] = set()
    stack = expand_conj(subj)
    for _ in range(3):
        nxt = []
        for t in stack:
            out.add(t.lemma_.lower())
            nxt += [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj"]
        stack = nxt
    return out


def pattern_fits(tok: Token, p: Pattern) -> bool:
    if p.pos == "NOUN" and " " in p.trigger:
        words = p.trigger.split()[:-1]
        mods = [c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
        if not all(w in mods for w in words):
            return False
    if p.particle:
        parts = [c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "agent", "dative")]
        if p.particle not in parts:
            return False
    if p.object:
        objs = []
        if p.pos == "VERB":
            o = object_of(tok)
            if o is not None:
                objs.append(o)
            objs += [c for c in tok.children if c.dep_ == "dobj"]
            objs += [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]  # "declined to comment"
            if p.particle:  # "poured into the streets": the particle's object
                objs += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == p.particle
                         for g in c.children if g.dep_ == "pobj"]
            objs += [c for c in tok.children if c.dep_ in ("ccomp", "oprd") and not _children(c, "nsubj")]
            objs += [c for o in list(objs) for c in o.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
        else:
            objs.append(tok)
        lemmas = set()
        for o in objs:
            if o.ent_type_ in ("GPE", "LOC", "FAC"):
                lemmas.add("place")  # `object: [place]` matches any named place ("took over Kabul")
            lemmas.add(o.lemma_.lower())
            lemmas.add(o.lower_)
            mods = [c for c in o.children if c.dep_ == "compound" or (c.dep_ == "amod" and c.tag_ == "JJ")]
            lemmas.update(c.lemma_.lower() + " " + o.lemma_.lower() for c in mods)
            if o.pos_ == "NOUN":  # "its alert level", "relief flights": the modifier names the thing
                lemmas.update(c.lemma_.lower() for c in mods)
        if not lemmas & set(p.object):
            return False
        if p.pos == "VERB" and any(c.dep_ == "oprd" and c.lemma_.lower() not in p.object for c in tok.children):
            return False  # "called the strike a grave violation": a judgement of the object, not calling one
    if p.subject and not _subject_lemmas(tok) & set(p.subject):
        return False  # "protesters gathered", not "leaders gathered"
    if p.negated and not (is_negated(tok) or (tok.dep_ in ("xcomp",) and is_negated(tok.head))):
        return False  # "will not tolerate" patterns need the negation; others fire either way
    return True


JOURNEY_VERBS = frozenset({"travel", "fly", "head", "go", "come", "arrive"})


def match_sentence(sent: Span, index: PatternIndex) -> list[tuple[Token, Pattern]]:
    """(trigger, best pattern) for each trigger token in the sentence."""
    out = []
    for tok in sent:
        if tok.dep_ == "compound" and tok.pos_ in ("NOUN", "PROPN"):
            continue  # "defence minister", "protest leader": a modifier, not an event
        if tok.ent_type_ in ("DATE", "TIME", "PERSON", "GPE", "ORG", "MONEY", "CARDINAL", "WORK_OF_ART", "EVENT",
                             "LAW", "PRODUCT"):
            continue  # "March" the month, "Strike" in a name
        if tok.tag_ == "VBN" and tok.dep_ == "advcl" and \
                not _children(tok, "aux", "auxpass", "nsubj", "nsubjpass", "agent"):
            continue  # "Asked whether Washington might use force, Trump said ...": done to the subject
        cands = [p for p in index.candidates(tok) if pattern_fits(tok, p)]
        if not cands:
            continue
        # a noun trigger that is the object of a verb trigger which itself fired on that object
        out.append((tok, cands[0]))
    # drop a noun trigger consumed by a verb pattern that required it as object ("impose sanctions")
    consumed = set()
    for tok, p in out:
        if p.pos == "VERB" and p.object:
            o = object_of(tok)
            if o is not None:
                consumed.add(o.i)
            consumed.update(c.i for c in tok.children if c.dep_ == "dobj")
    # a journey made for a meeting is that meeting: "will fly to Moscow to meet Putin", "travelled to Beijing
    # for talks" code the meeting, not also a visit
    meeting = {t.i for t, p in out if p.code[:2] in ("03", "04") and p.code != "042"}
    for tok, p in out:
        if p.code == "042" and p.pos == "VERB" and tok.lemma_.lower() in JOURNEY_VERBS and any(
                t.i in meeting and not _children(t, "nsubj", "nsubjpass") for t in tok.subtree if t is not tok):
            consumed.add(tok.i)
    return [(t, p) for t, p in out if t.i not in consumed]


def arguments(trigger: Token, pattern: Pattern, role: str) -> list[Token]:
    """Head tokens of the source (``role="source"``) or target arguments, expanded over coordination."""
    slots = list(pattern.source if role == "source" else pattern.target)
    if role == "target" and pattern.object and pattern.pos == "VERB" and "dobj" not in slots:
        slots.append("dobj")  # "expelled 40 Russian diplomats": the object's owner is the target
    for slot in slots:
        fillers = slot_fillers(trigger, pattern, slot)
        if fillers:
            out: list[Token] = []
            for f in fillers:
                for x in _speakers_for_they(f) or expand_conj(f):
                    if x not in out:
                        out.append(x)
            return out
    return []


def _speakers_for_they(tok: Token) -> list[Token]:
    """"The United States, Germany and France said they backed ...": "they" is every one of the
    coordinated speakers (an empty list when the pronoun is not of that shape)."""
    if tok.lower_ not in ("they", "we") or tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ccomp":
        return []
    speaker = subject_of(tok.head.head) if tok.head.head != tok.head else None
    if speaker is None or not any(c.dep_ == "conj" for c in speaker.children):
        return []
    return expand_conj(speaker)
