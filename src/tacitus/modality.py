"""Modality: is an event asserted as having happened, planned, negated or hypothetical?

Looks at the trigger and the chain of verbs that govern it (infinitives, purpose clauses,
conjunctions, reported speech) for negation, future, modal and conditional markers.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .events import coordinated_with_reporter
from .records import Status

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "’ll"})
MODAL_AUX = frozenset({"could", "may", "might", "would", "should", "can", "must", "ca"})
PLAN_VERBS = frozenset({"plan", "intend", "schedule", "expect", "prepare", "aim", "agree", "pledge", "promise",
                        "vow", "decide", "seek", "propose", "offer", "arrange", "set",
                        "due", "go", "head", "resolve", "commit", "look", "fly", "travel", "come"})
HYPO_VERBS = frozenset({"threaten", "consider", "warn", "weigh", "mull", "contemplate", "demand", "urge", "call",
                        "ask", "suggest", "recommend", "push", "press", "appeal", "request", "debate",
                        "discuss", "question", "doubt", "fear", "risk", "hope", "want", "wish"})  # a wish is no plan
NEG_VERBS = frozenset({"deny", "refuse", "fail", "decline", "reject", "avoid", "refrain", "cancel", "postpone",
                       "halt", "stop"})
REFUSAL_VERBS = frozenset({"refuse", "decline"})
REFUSAL_AUX = frozenset({"will", "would", "wo", "shall"})
MOTION_VERBS = frozenset({"go", "head", "fly", "travel", "come"})
SPEECH_VERBS = frozenset({"say", "tell", "announce", "report", "claim", "state", "add", "note", "declare",
                          "insist", "allege", "confirm", "write", "explain", "stress", "acknowledge", "admit",
                          "reveal", "indicate", "argue", "assert", "deny", "warn"})
PLAN_ADJ = frozenset({"planned", "upcoming", "scheduled", "proposed", "expected", "forthcoming", "possible",
                      "potential", "future", "next", "prospective"})
HYPO_ADJ = frozenset({"possible", "potential", "proposed", "prospective"})
READY_ADJ = frozenset({"ready", "willing"})  # "was ready to send medicine if asked": an offer, not an act
CHAIN_DEPS = ("acomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "prep", "pobj", "dobj", "nsubjpass", "attr",
              "oprd", "nsubj", "ccomp", "amod")


@dataclass(frozen=True, slots=True)
class Modality:
    status: Status
    tense: str  # past | present | future
    speaker_verb: Token | None = None
    reason: str = ""
    refusal: bool = False  # negated as a refusal: "would not withdraw", "refused to release"


def _aux(tok: Token) -> list[str]:
    return [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]


def _clause_chain(trigger: Token) -> list[Token]:
    """Trigger, then the verbs/nouns governing it up to (and including) the first speech verb."""
    chain = [trigger]
    t = trigger
    for _ in range(8):
        if t.dep_ in ("ROOT",) or t.head == t:
            break
        if t.dep_ not in CHAIN_DEPS or coordinated_with_reporter(t):
            break  # "denied that X was involved and accused Y": the accusation is a main clause
        t = t.head
        chain.append(t)
        if t.pos_ == "VERB" and t.lemma_ in SPEECH_VERBS:
            break
    return chain


def _under_speech(chain: list[Token], k: int) -> bool:
    """Is chain[k] inside the complement of a reporting verb further up the chain?"""
    for j in range(k + 1, len(chain)):
        if chain[j].pos_ == "VERB" and chain[j].lemma_ in SPEECH_VERBS and chain[j - 1].dep_ == "ccomp":
            return True
    return False


def modality(trigger: Token, consumed_negation: bool = False) -> Modality:
    chain = _clause_chain(trigger)
    speaker_verb = None
    status: Status = "occurred"
    tense = "past" if trigger.tag_ in ("VBD", "VBN") else "present"
    planned = hypo = neg = refusal = False
    reason = ""
    for k, t in enumerate(chain):
        if k > 0 and t.pos_ == "VERB" and t.lemma_ in SPEECH_VERBS and t != trigger:
            if chain[k - 1].i < t.i and any(x.text == ";" for x in t.doc[chain[k - 1].i:t.i]):
                break  # "New Delhi blamed X; Islamabad denied any involvement": a clause of its own
            speaker_verb = t
            if t.lemma_ == "deny" and not neg:
                neg, reason = True, "denied"
            break
        aux = _aux(t)
        is_head_verb = t.pos_ in ("VERB", "AUX")
        if any(c.dep_ == "neg" for c in t.children) and not (k == 0 and consumed_negation):
            if k == 0 or t.lemma_ not in ("deny",):
                neg, reason = True, reason or f"negation on {t.text!r}"
                # "will not / would not / won't withdraw": a refusal, made when it is said
                refusal = refusal or (k <= 1 and bool(REFUSAL_AUX & set(aux)))
        if any(c.dep_ == "det" and c.lower_ in ("no",) for c in t.children) and t.pos_ == "NOUN":
            neg, reason = True, reason or "'no' determiner"
        if k == 0 and t.pos_ == "VERB" and any(
                c.dep_ in ("dobj", "nsubjpass") and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
                for c in t.children):
            neg, reason = True, reason or "'no' object"  # "reached no agreement"
        if k > 0 and t.lemma_.lower() in ("unable", "powerless") and chain[k - 1].dep_ == "xcomp":
            neg, reason = True, reason or f"{t.lower_!r}"  # "had been unable to deliver food"
        if t.dep_ == "pobj" and t.head.lower_ == "without":
            neg, reason = True, reason or "'without'"
        if FUTURE_AUX & set(aux):
            planned, tense = True, "future"
        modals = MODAL_AUX & set(aux)
        if modals == {"would"} and _under_speech(chain, k):
            planned, tense = True, "future"  # "said it would expel": future in the past
        elif modals:
            hypo, reason = True, reason or f"modal {sorted(modals)[0]!r}"
        if "going" in [c.lower_ for c in t.children if c.dep_ == "aux"] or (t.lemma_ == "go" and t.tag_ == "VBG"):
            planned, tense = True, "future"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
            hypo, reason = True, reason or "conditional"
        if k > 0 and is_head_verb:
            lem = t.lemma_
            if lem in NEG_VERBS and chain[k - 1].dep_ in ("xcomp", "ccomp", "pcomp", "dobj"):
                neg, reason = True, reason or f"under {lem!r}"
                refusal = refusal or (lem in REFUSAL_VERBS and chain[k - 1].dep_ == "xcomp" and k == 1)
            elif lem in HYPO_VERBS and (chain[k - 1].dep_ in ("xcomp", "ccomp", "dobj", "pobj", "pcomp") or (
                    chain[k - 1].dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                         for c in chain[k - 1].children))):
                hypo, reason = True, reason or f"under {lem!r}"
            elif lem in ("set", "schedule", "due", "expect", "plan", "slate") and chain[k - 1].dep_ in (
                    "nsubj", "nsubjpass") and chain[k - 1].pos_ == "NOUN" and (
                    any(c.dep_ == "xcomp" for c in t.children) or t.tag_ == "VBN"):
                planned, tense = True, "future"  # "the summit is set to open", "talks are scheduled"
            elif lem in PLAN_VERBS and chain[k - 1].dep_ in ("xcomp", "advcl", "dobj"):
                # "flew to Moscow to meet" is past; "will fly / is flying to Moscow to meet" is a plan
                if lem not in MOTION_VERBS or FUTURE_AUX & set(aux) or t.tag_ in ("VBN", "VBG"):
                    planned, tense = True, "future"
        if t.pos_ == "NOUN" or t == trigger:
            for c in t.children:
                if c.dep_ == "amod" and c.lower_ in PLAN_ADJ:
                    planned, tense = True, "future"
                    if c.lower_ in HYPO_ADJ:
                        hypo = True
        if k > 0 and t.lemma_.lower() in READY_ADJ and chain[k - 1].dep_ == "xcomp":
            hypo, reason = True, reason or f"{t.lower_!r}"
        if t.lemma_ == "due":
            planned, tense = True, "future"
        if k == 0 and t.tag_ in ("VBD",) or ("have" in aux and t.tag_ == "VBN") or "had" in aux:
            if not planned:
                tense = "past"
        if t.dep_ == "ROOT":
            break
    if neg:
        status = "negated"
    elif hypo:
        status = "hypothetical"
    elif planned:
        status = "planned"
    return Modality(status, tense, speaker_verb, reason, refusal and status == "negated" and reason != "denied")
