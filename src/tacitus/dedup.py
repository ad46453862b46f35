"""Cross-article deduplication: many reports (mentions) of one real-world event → one event.

Two mentions describe the same happening when all of these hold:

- **same status** — occurred, planned, negated and hypothetical mentions form separate events; a planned
  event and the occurred event it announced are *linked* (``links``), never merged;
- **same CAMEO root family** — the two-digit root, with 03 (intent) and 04 (consult) one family, so "will
  meet" (036) and "met" (040/042) reports of a meeting can be linked and "agreed to meet"/"held talks"
  reports of it merge;
- **compatible actors** — source with source and target with target (or crossed for the symmetric roots
  03–06): the same KB entity id, or the same (country, role) — country falls back to the actor code when
  the actor has none; a one-sided event (no target) only matches another one-sided event;
- **compatible dates** — day precision: at most 1 day apart; month precision: the same month (a day
  falls inside it); fallback dates (no date in the text, the publication date stands in): within 2 days
  of the publication date; year-only and missing dates never merge;
- **compatible places** — the same location country, or one of them has none;
- **different articles** — two mentions of one article are never merged: the coder has already merged
  repeated mentions inside an article, so what it kept apart are different events.

Clustering is *leader* clustering, not transitive closure: mentions are sorted (date, publication,
mention id) and each joins the first open event of its block that is compatible with the event's
representative (its earliest mention, its date narrowed to the most precise date seen). So a daily
series of shelling reports does not chain into a single month-long event. Blocking: mentions are
grouped by (root family, status, unordered dyad of actor countries) and, inside a block, compared only
with events in a sliding date window — never all pairs.

Event ids are ``E`` + 15 hex digits of the SHA-1 of the earliest mention's id: the same mentions in any
order give the same ids. Everything here is pure (no I/O); ``store.py`` calls it.
"""

from __future__ import annotations

import gc
import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from .records import CodedArticle, Event

SWAP_ROOTS = frozenset({"03", "04", "05", "06"})
DAY, FALLBACK, MONTH = 0, 1, 2  # date kinds, most precise first
DAY_WINDOW = 1  # day-precision dates at most this many days apart
FALLBACK_WINDOW = 2  # fallback (publication) dates: ± this many days
_EXPIRE = 3  # an open event cannot match a mention starting more than this many days after it ends


class Mention(NamedTuple):
    """The fields of one coded event in one article that deduplication needs."""

    mention_id: str
    article_id: str
    cameo: str
    status: str
    src_code: str
    src_country: str | None = None
    src_role: str | None = None
    src_entity: str | None = None
    tgt_code: str | None = None
    tgt_country: str | None = None
    tgt_role: str | None = None
    tgt_entity: str | None = None
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    date_precision: str | None = None  # day | month | year
    date_fallback: bool = False
    loc_country: str | None = None
    published: str | None = None
    outlet: str | None = None  # the article's source (news outlet)
    confidence: float = 0.0


def mention_id(article_id: str, index: int) -> str:
    """Id of the ``index``-th event of an article (stable while the article's text is unchanged)."""
    return f"{article_id}#{index}"


def mention_from_event(ev: Event, article_id: str, index: int, published: str | None = None,
                       outlet: str | None = None) -> Mention:
    s, t, loc = ev.source, ev.target, ev.location
    return Mention(
        mention_id(article_id, index), article_id, ev.cameo, ev.status,
        s.code, s.country, s.role, s.entity,
        t.code if t else None, t.country if t else None, t.role if t else None, t.entity if t else None,
        ev.date, ev.date_precision, ev.date_fallback, loc.country if loc else None, published, outlet,
        ev.confidence)


def mentions_from_articles(coded: Iterable[CodedArticle]) -> list[Mention]:
    return [mention_from_event(ev, c.id, i, c.published, c.source) for c in coded for i, ev in enumerate(c.events)]


def family(cameo: str) -> str:
    """CAMEO root family: the two-digit root, with 03 (intent) folded into 04 (consult)."""
    root = str(cameo)[:2]
    return "04" if root == "03" else root


def event_id(seed_mention_id: str) -> str:
    return "E" + hashlib.sha1(seed_mention_id.encode("utf-8")).hexdigest()[:15]


@lru_cache(maxsize=1 << 16)
def _ordinal(iso: str | None) -> int | None:
    if not iso or len(iso) < 10:
        return None
    try:
        return date(int(iso[:4]), int(iso[5:7]), int(iso[8:10])).toordinal()
    except ValueError:
        return None


@lru_cache(maxsize=1 << 14)
def _month_span(iso: str) -> tuple[int, int] | None:
    try:
        y, m = int(iso[:4]), int(iso[5:7])
        start = date(y, m, 1).toordinal()
        end = date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1
    except (ValueError, IndexError):
        return None
    return start, end


def when(m: Mention) -> tuple[int, int, int, int] | None:
    """(kind, lo, hi, centre) in day ordinals, or None when the mention has no usable date."""
    if m.date_fallback:
        c = _ordinal(m.date) or _ordinal(m.published)
        return None if c is None else (FALLBACK, c - FALLBACK_WINDOW, c + FALLBACK_WINDOW, c)
    if not m.date or m.date_precision == "year":
        return None
    if m.date_precision == "month" or len(m.date) == 7:
        span = _month_span(m.date)
        return None if span is None else (MONTH, span[0], span[1], span[0])
    c = _ordinal(m.date)
    return None if c is None else (DAY, c, c, c)


def dates_compatible(a: tuple[int, int, int, int] | None, b: tuple[int, int, int, int] | None) -> bool:
    if a is None or b is None:
        return False
    if a[0] == DAY and b[0] == DAY:
        return abs(a[3] - b[3]) <= DAY_WINDOW
    if a[0] == FALLBACK and b[0] == FALLBACK:
        return abs(a[3] - b[3]) <= FALLBACK_WINDOW
    return a[1] <= b[2] and b[1] <= a[2]


def _side(code: str | None, country: str | None, role: str | None) -> tuple[str, str | None] | None:
    return None if code is None else (country or code, role)


def _actors_ok(se: str | None, sk, te: str | None, tk, me: str | None, mk, ne: str | None, nk) -> bool:
    """(se, sk)/(te, tk): cluster source/target entity and (country, role); (me, mk)/(ne, nk): mention."""
    return (se is not None and se == me or sk == mk) and (te is not None and te == ne or tk == nk)


def same_event(a: Mention, b: Mention) -> bool:
    """Whether two mentions are reports of the same happening (the pairwise rule, for tests and docs)."""
    if a.article_id == b.article_id or a.status != b.status or family(a.cameo) != family(b.cameo):
        return False
    if a.loc_country and b.loc_country and a.loc_country != b.loc_country:
        return False
    if not dates_compatible(when(a), when(b)):
        return False
    return _pair_actors(a, b)


def _pair_actors(a: Mention, b: Mention) -> bool:
    sa, ta = _side(a.src_code, a.src_country, a.src_role), _side(a.tgt_code, a.tgt_country, a.tgt_role)
    sb, tb = _side(b.src_code, b.src_country, b.src_role), _side(b.tgt_code, b.tgt_country, b.tgt_role)
    if _actors_ok(a.src_entity, sa, a.tgt_entity, ta, b.src_entity, sb, b.tgt_entity, tb):
        return True
    return family(a.cameo) in SWAP_ROOTS and _actors_ok(a.src_entity, sa, a.tgt_entity, ta,
                                                       b.tgt_entity, tb, b.src_entity, sb)


class _Cluster:
    __slots__ = ("seed", "kind", "lo", "hi", "centre", "se", "sk", "te", "tk", "loc", "swap", "members", "articles")

    def __init__(self, seed: int, w: tuple[int, int, int, int], m: Mention, swap: bool) -> None:
        self.seed = seed
        self.kind, self.lo, self.hi, self.centre = w
        self.se, self.te = m.src_entity, m.tgt_entity
        self.sk = (m.src_country or m.src_code, m.src_role)
        self.tk = None if m.tgt_code is None else (m.tgt_country or m.tgt_code, m.tgt_role)
        self.loc = m.loc_country
        self.swap = swap
        self.members = [seed]
        self.articles = {m.article_id}

    def window(self) -> tuple[int, int, int, int]:
        return self.kind, self.lo, self.hi, self.centre


@dataclass
class DedupResult:
    """``event_ids[i]`` is the event of ``mentions[i]``; ``links`` maps a planned event to the occurred
    event it announced and that occurred event back to its (earliest) planned event."""

    event_ids: list[str]
    links: dict[str, str] = field(default_factory=dict)
    seeds: dict[str, str] = field(default_factory=dict)  # event id → id of its earliest mention

    @property
    def n_events(self) -> int:
        return len(self.seeds)


def _affinity(seed: Mention, c: _Cluster, m: Mention, w: tuple[int, int, int, int]) -> tuple[int, int, int]:
    """How well a mention fits a candidate event: same CAMEO code, then same root, then nearer date."""
    same_code = 2 if seed.cameo == m.cameo else (1 if seed.cameo[:3] == m.cameo[:3] else 0)
    same_root = int(seed.cameo[:2] == m.cameo[:2])
    return same_code + same_root, int(c.loc is not None and c.loc == m.loc_country), -abs(c.centre - w[3])


def _sort_key(m: Mention, w: tuple[int, int, int, int] | None) -> tuple:
    # dated mentions first: an undated one ("the talks", publication date ± 2 days) then joins the best
    # dated event rather than seeding events that dated reports would have to pick between
    return (m.date_fallback, w[1] if w else 1 << 40, m.published or "", m.mention_id)


def deduplicate(mentions: Sequence[Mention]) -> DedupResult:
    """Cluster mentions into events and link planned events to the occurred ones (see module doc)."""
    enabled = gc.isenabled()
    gc.disable()  # millions of small objects, none cyclic: the cyclic collector would only rescan them
    try:
        return _deduplicate(mentions)
    finally:
        if enabled:
            gc.enable()


def _deduplicate(mentions: Sequence[Mention]) -> DedupResult:
    n = len(mentions)
    windows = [when(m) for m in mentions]
    order = sorted(range(n), key=lambda i: _sort_key(mentions[i], windows[i]))
    label = [-1] * n
    clusters: list[_Cluster] = []
    blocks: dict[tuple, list[_Cluster]] = {}
    compacted: dict[tuple, int] = {}  # block → the day it was last cleared of expired events
    ckeys: list[tuple] = []
    every: dict[tuple, list[_Cluster]] = {}  # uncompacted, for the pass over undated mentions
    undated_pass = False
    for i in order:
        m, w = mentions[i], windows[i]
        if m.date_fallback and not undated_pass:  # dated mentions are done: restart the date sweep
            undated_pass = True
            blocks = {k: list(v) for k, v in every.items()}
            compacted = {}
        fam = family(m.cameo)
        sc = m.src_country or m.src_code
        tc = "-" if m.tgt_code is None else (m.tgt_country or m.tgt_code)
        dyad = (sc, tc) if sc <= tc else (tc, sc)
        key = (fam, m.status, dyad)
        swap = fam in SWAP_ROOTS
        if w is not None:
            lst = blocks.get(key)
            if lst:
                lo = w[1]
                if compacted.get(key, lo) < lo:  # once per new day per block: drop expired events
                    lst[:] = [c for c in lst if c.hi + _EXPIRE >= lo]
                compacted[key] = lo
                sk = (sc, m.src_role)
                tk = None if m.tgt_code is None else (tc, m.tgt_role)
                found = None
                best = (0, 0, 0)
                day = w[0] == DAY
                for c in lst:
                    if c.loc is not None and m.loc_country is not None and c.loc != m.loc_country:
                        continue
                    if m.article_id in c.articles:  # the coder already merged repeats inside an article
                        continue
                    if day and c.kind == DAY:
                        if abs(c.centre - w[3]) > DAY_WINDOW:
                            continue
                    elif not dates_compatible(c.window(), w):
                        continue
                    if m.date_fallback and mentions[c.seed].cameo[:3] != m.cameo[:3]:
                        continue  # an undated report only joins an event of the same CAMEO code
                    if _actors_ok(c.se, c.sk, c.te, c.tk, m.src_entity, sk, m.tgt_entity, tk) or (
                            swap and _actors_ok(c.se, c.sk, c.te, c.tk, m.tgt_entity, tk, m.src_entity, sk)):
                        # several events may fit (a meeting and a pledge made at it): take the closest
                        score = _affinity(mentions[c.seed], c, m, w)
                        if found is None or score > best:
                            found, best = c, score
                if found is not None:
                    found.members.append(i)
                    found.articles.add(m.article_id)
                    label[i] = found.seed
                    if found.loc is None:
                        found.loc = m.loc_country
                    if w[0] < found.kind:  # narrow the event's date to the more precise one
                        found.kind, found.lo, found.hi, found.centre = w
                    continue
        c = _Cluster(i, w if w is not None else (MONTH + 1, 0, 0, 0), m, swap)
        label[i] = i
        clusters.append(c)
        ckeys.append(key)
        if w is not None:
            blocks.setdefault(key, []).append(c)
            every.setdefault(key, []).append(c)
    ids = {c.seed: event_id(mentions[c.seed].mention_id) for c in clusters}
    result = DedupResult([ids[label[i]] for i in range(n)],
                         seeds={ids[c.seed]: mentions[c.seed].mention_id for c in clusters})
    result.links = _link(mentions, clusters, ckeys, ids)
    return result


def _link(mentions: Sequence[Mention], clusters: list[_Cluster], ckeys: list[tuple],
          ids: dict[int, str]) -> dict[str, str]:
    """Planned event → the occurred event with the same family, dyad, actors, place and a compatible
    date (the nearest one; ties → smaller id); the occurred event links back to its first planned one."""
    occurred: dict[tuple, list[tuple[int, str, _Cluster]]] = {}
    for c, key in zip(clusters, ckeys):
        if key[1] == "occurred" and c.kind <= MONTH:
            occurred.setdefault((key[0], key[2]), []).append((c.lo, ids[c.seed], c))
    for lst in occurred.values():
        lst.sort(key=lambda x: (x[0], x[1]))
    los = {k: [x[0] for x in v] for k, v in occurred.items()}
    links: dict[str, str] = {}
    for c, key in zip(clusters, ckeys):
        if key[1] != "planned" or c.kind > MONTH:
            continue
        cands = occurred.get((key[0], key[2]))
        if not cands:
            continue
        lo_list = los[(key[0], key[2])]
        a, b = bisect_left(lo_list, c.lo - 31 - _EXPIRE), bisect_right(lo_list, c.hi + _EXPIRE)
        seed = mentions[c.seed]
        best: tuple[int, str] | None = None
        for _, oid, o in cands[a:b]:
            if c.loc is not None and o.loc is not None and c.loc != o.loc:
                continue
            if not dates_compatible(c.window(), o.window()):
                continue
            if not _pair_actors(seed, mentions[o.seed]):
                continue
            cand = (abs(o.centre - c.centre), oid)
            if best is None or cand < best:
                best = cand
        if best is not None:
            pid = ids[c.seed]
            links[pid] = best[1]
            links.setdefault(best[1], pid)
    return links
