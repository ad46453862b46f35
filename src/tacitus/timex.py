"""Time: find date expressions in a sentence and resolve them against the publication date.

``resolve`` is a pure function from an expression, the publication date, the verb's tense and the
discourse anchor (the last date the article established) to a calendar date and its precision.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span, Token

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "a": 1, "an": 1, "several": 3, "few": 3, "a few": 3, "eleven": 11, "twelve": 12}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"


@dataclass(frozen=True, slots=True)
class Resolved:
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day | month | year
    anaphoric: bool = False

    @property
    def as_date(self) -> date:
        parts = [int(x) for x in self.value.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])


def _day(d: date) -> Resolved:
    return Resolved(d.isoformat(), "day")


def _month(y: int, m: int) -> Resolved:
    while m < 1:
        y, m = y - 1, m + 12
    while m > 12:
        y, m = y + 1, m - 12
    return Resolved(f"{y:04d}-{m:02d}", "month")


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _pick_year(m: int, d: int | None, pub: date, tense: str) -> int:
    """Year for a month(/day) without a year: past tense → not after pub; future → not before."""
    y = pub.year
    probe = _safe_date(y, m, d or 1) or date(y, m, 1)
    if tense == "future":
        if d is None and m < pub.month or d is not None and probe < pub:
            y += 1
    elif tense == "past":
        if d is None and m > pub.month or d is not None and probe > pub:
            y -= 1
    else:
        if (probe - pub).days > 200:
            y -= 1
        elif (pub - probe).days > 200:
            y += 1
    return y


def resolve(expr: str, pub: date, tense: str = "past", anchor: date | None = None) -> Resolved | None:
    s = expr.lower().strip().replace("’", "'")
    s = re.sub(r"^(on|in|at|by|since|from|during|until|of)\s+", "", s)
    base = anchor or pub
    if re.search(r"\b(the same day|that day|the same time|that same day)\b", s):
        return Resolved(base.isoformat(), "day", anaphoric=True) if anchor else None
    if re.search(r"\b(today|this morning|this afternoon|this evening|tonight|earlier today|later today)\b", s):
        return _day(pub)
    if re.search(r"\byesterday\b|\blast night\b", s):
        return _day(pub - timedelta(days=1))
    if re.search(r"\btomorrow\b", s):
        return _day(pub + timedelta(days=1))
    if re.search(r"\bthe (day|night) before\b|\bthe previous day\b|\ba day earlier\b", s):
        return Resolved((base - timedelta(days=1)).isoformat(), "day", anaphoric=True)
    if re.search(r"\bthe (next|following) day\b|\ba day later\b", s):
        return Resolved((base + timedelta(days=1)).isoformat(), "day", anaphoric=True)
    m = re.search(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|a|an)\s+"
                  r"(day|week|month|year)s?\s+(ago|earlier|later|before|after|from now)\b", s)
    if m:
        n = int(m[1]) if m[1].isdigit() else NUMBERS.get(m[1], 1)
        unit, rel = m[2], m[3]
        ref = pub if rel in ("ago", "from now") else base
        sign = 1 if rel in ("later", "after", "from now") else -1
        if unit == "day":
            return Resolved((ref + timedelta(days=sign * n)).isoformat(), "day", anaphoric=ref is not pub)
        if unit == "week":
            return _month((ref + timedelta(days=sign * 7 * n)).year, (ref + timedelta(days=sign * 7 * n)).month)
        if unit == "month":
            return _month(ref.year, ref.month + sign * n)
        return Resolved(f"{ref.year + sign * n:04d}", "year")
    # "on Wednesday last week", "last week on Wednesday", "Friday of next week": that day of that week
    wd_re = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    m = re.search(r"\b" + wd_re + r"(?:\s+of)?\s+(last|next|this) week\b", s) or \
        re.search(r"\b(last|next|this) week\s+(?:on\s+)?" + wd_re + r"\b", s)
    if m:
        wd, rel = (m[1], m[2]) if m[1] in WEEKDAYS else (m[2], m[1])
        monday = pub - timedelta(days=pub.weekday()) + timedelta(days=7 * {"last": -1, "next": 1}.get(rel, 0))
        return _day(monday + timedelta(days=WEEKDAYS[wd]))
    m = re.search(r"\b(last|next|this|past|coming|earlier this|later this)\s+(week|month|year)\b", s)
    if m:
        rel, unit = m[1], m[2]
        off = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
        if unit == "week":
            d = pub + timedelta(days=7 * off)
            return _month(d.year, d.month)
        if unit == "month":
            return _month(pub.year, pub.month + off)
        return Resolved(f"{pub.year + off:04d}", "year")
    # explicit ISO date
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", s)
    if m and (d := _safe_date(int(m[1]), int(m[2]), int(m[3]))):
        return _day(d)
    # "August 23, 2017", "Aug. 23", "23 August 2017", "the 3rd of January"
    m = re.search(MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", s) or None
    if m:
        mon, day, year = MONTHS[m[1].rstrip(".")[:3]], int(m[2]), m[3]
        y = int(year) if year else _pick_year(mon, day, pub, tense)
        d = _safe_date(y, mon, day)
        return _day(d) if d else None
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH_RE + r"(?:,?\s+(\d{4}))?", s)
    if m:
        mon = MONTHS[m[2].rstrip(".")[:3]]
        day = int(m[1])
        y = int(m[3]) if m[3] else _pick_year(mon, day, pub, tense)
        d = _safe_date(y, mon, day)
        return _day(d) if d else None
    # "last August", "in March", "March 2017", "next May"
    m = re.search(r"\b(last|next|this|early|late|mid|mid-)?\s*" + MONTH_RE + r"(?:\s+(\d{4}))?\b", s)
    if m:
        mon = MONTHS[m[2].rstrip(".")[:3]]
        if m[3]:
            return _month(int(m[3]), mon)
        rel = m[1]
        if rel == "last":
            y = pub.year if mon < pub.month else pub.year - 1
        elif rel == "next":
            y = pub.year if mon > pub.month else pub.year + 1
        elif rel == "this":
            y = pub.year
        else:
            y = _pick_year(mon, None, pub, tense)
        return _month(y, mon)
    # weekdays
    m = re.search(r"\b(last|next|this|on|coming)?\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                  r"(?:'s)?\b", s)
    if m:
        wd = WEEKDAYS[m[2]]
        rel = m[1]
        delta = (wd - pub.weekday()) % 7
        if rel == "next":
            d = pub + timedelta(days=delta or 7)
        elif tense == "future" and rel != "last":
            d = pub + timedelta(days=delta)  # "is due to fly to Banjul on Friday", written on that Friday
        elif rel == "last" or tense == "past":
            d = pub - timedelta(days=(pub.weekday() - wd) % 7)
        else:
            back = pub - timedelta(days=(pub.weekday() - wd) % 7)
            d = back
        return _day(d)
    m = re.search(r"\bthe (\d{1,2})(?:st|nd|rd|th)\b", s)
    if m:
        day = int(m[1])
        y, mon = pub.year, pub.month
        if tense == "past" and day > pub.day:
            mon -= 1
        elif tense == "future" and day < pub.day:
            mon += 1
        if mon < 1:
            y, mon = y - 1, 12
        if mon > 12:
            y, mon = y + 1, 1
        d = _safe_date(y, mon, day)
        return _day(d) if d else None
    m = re.search(r"\b(in|since)?\s*(1[89]\d\d|20\d\d)\b", expr.lower())
    if m:
        return Resolved(m[2], "year")
    return None


TIME_WORD_RE = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight|"
    r"last (?:week|month|year|night)|next (?:week|month|year)|this (?:week|month|year|morning)|"
    r"the (?:same|previous|next|following) day|the day before|that day|"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several) (?:day|week|month|year)s? "
    r"(?:ago|earlier|later|before|after))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Expression:
    text: str
    head: Token
    start: int
    end: int


def expressions(sent: Span) -> list[Expression]:
    """Date expressions in the sentence: spaCy DATE/TIME entities plus weekday/relative words it missed."""
    out: list[Expression] = []
    covered: set[int] = set()
    for ent in sent.ents:
        if ent.label_ in ("DATE", "TIME"):
            out.append(Expression(ent.text, ent.root, ent.start_char, ent.end_char))
            covered.update(range(ent.start, ent.end))
    for m in TIME_WORD_RE.finditer(sent.text):
        start = sent.start_char + m.start()
        span = sent.doc.char_span(start, sent.start_char + m.end(), alignment_mode="expand")
        if span is None or any(t.i in covered for t in span):
            continue
        out.append(Expression(m.group(0), span.root, span.start_char, span.end_char))
    return out


def tree_distance(a: Token, b: Token) -> int:
    anc_a = [a, *a.ancestors]
    anc_b = [b, *b.ancestors]
    pos_b = {t.i: k for k, t in enumerate(anc_b)}
    for k, t in enumerate(anc_a):
        if t.i in pos_b:
            return k + pos_b[t.i]
    return 99


def in_relative_clause(expr_head: Token, trigger: Token | None = None) -> bool:
    """True when the expression dates a relative clause on a noun before the trigger, which does not
    contain it: "Vucic, who put the army on alert on Friday, blamed Kurti on Monday" - Friday is the alert's
    day. A clause on a later argument usually tells the same incident ("fired on protesters who stormed
    parliament on Tuesday", "met them during a visit that ended on Sunday") and keeps its date. Without a
    trigger: whether it is in any relative clause (which does not move the narrative's day)."""
    for t in (expr_head, *expr_head.ancestors):
        if t.dep_ == "relcl":
            return trigger is None or (trigger not in t.subtree and t.head.i < trigger.i)
    return False


def crosses_speech(expr_head: Token, trigger: Token) -> bool:
    """True when the expression belongs to a reporting clause above the trigger ("X said on Sunday that ...")."""
    t = trigger
    while t.head != t:
        if t.dep_ == "ccomp":
            if expr_head in t.subtree:
                # "said on Monday it would expel ...": a date between the reporting verb and the
                # complement's subject is the report's, whatever the parser attached it to
                subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
                return bool(subj) and t.head.i < expr_head.i < subj[0].i
            return expr_head in t.head.subtree
        t = t.head
    return False
