"""Benchmark: cross-article deduplication of 1,000,000 synthetic mentions.

    .venv/bin/python bench/dedup.py [N]

Prints the dedup time, a baseline measured in the same run (a plain Python sort of the same rows) and
their ratio, plus cluster quality against the synthetic truth (pairwise and B-cubed F1).
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from tacitus.dedup import Mention, deduplicate
from tacitus.dedup_eval import bcubed, pairwise

COUNTRIES = ["AFG", "BRA", "CHN", "DEU", "EGY", "FRA", "GBR", "IND", "IRN", "IRQ", "ISR", "JPN", "KOR", "LBN",
             "LBY", "MEX", "NGA", "PAK", "PRK", "PSE", "RUS", "SAU", "SDN", "SOM", "SYR", "TUR", "UKR", "USA",
             "VEN", "YEM"] + [f"C{i:02d}" for i in range(90)]
ROLES = ["GOV", "MIL", "OPP", "REB", "COP", None]
ROOTS = ["01", "02", "03", "04", "05", "06", "07", "08", "10", "11", "12", "13", "14", "17", "18", "19", "20"]
OUTLETS = [f"outlet-{i}" for i in range(60)]
START = date(2015, 1, 1).toordinal()
DAYS = 6 * 365


def synthetic(n: int, seed: int = 7) -> tuple[list[Mention], list[int]]:
    """``n`` mentions of ~n/4 true events (1–8 reports each, Zipf-like country popularity)."""
    rnd = random.Random(seed)
    weights = [1 / (k + 1) for k in range(len(COUNTRIES))]
    mentions: list[Mention] = []
    truth: list[int] = []
    ev = 0
    while len(mentions) < n:
        ev += 1
        a, b = rnd.choices(COUNTRIES, weights, k=2)
        ra, rb = rnd.choice(ROLES), rnd.choice(ROLES)
        root = rnd.choice(ROOTS)
        cameo = root + str(rnd.randint(0, 9))
        day = START + rnd.randrange(DAYS)
        loc = rnd.choice((a, b))
        one_sided = rnd.random() < 0.15
        for k in range(min(rnd.randint(1, 8), n - len(mentions))):
            r = rnd.random()
            pub = day + rnd.randint(0, 2)
            if r < 0.7:
                d, prec, fb = date.fromordinal(day + (rnd.random() < 0.15)).isoformat(), "day", False
            elif r < 0.8:
                d, prec, fb = date.fromordinal(day).isoformat()[:7], "month", False
            else:
                d, prec, fb = date.fromordinal(pub).isoformat(), "day", True
            planned = rnd.random() < 0.05  # a planned report: a separate (linked) event in the truth too
            mentions.append(Mention(
                f"a{ev}-{k}#0", f"a{ev}-{k}", cameo, "planned" if planned else "occurred",
                a + (ra or ""), a, ra, None,
                None if one_sided else b + (rb or ""), None if one_sided else b, None if one_sided else rb, None,
                d, prec, fb, loc if rnd.random() < 0.6 else None, date.fromordinal(pub).isoformat(),
                rnd.choice(OUTLETS), 0.5 + rnd.random() / 2))
            truth.append(2 * ev + planned)
    order = list(range(len(mentions)))
    rnd.shuffle(order)
    return [mentions[i] for i in order], [truth[i] for i in order]


def main(n: int = 1_000_000) -> None:
    t0 = time.perf_counter()
    mentions, truth = synthetic(n)
    gen = time.perf_counter() - t0
    t0 = time.perf_counter()
    sorted(mentions)
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = deduplicate(mentions)
    took = time.perf_counter() - t0
    pw, b3 = pairwise(result.event_ids, truth), bcubed(result.event_ids, truth)
    print(f"mentions: {len(mentions):,} ({len(set(truth)):,} true events incl. planned ones; generated in {gen:.1f} s)")
    print(f"dedup: {took:.2f} s → {result.n_events:,} events, {len(result.links):,} link ends")
    print(f"baseline (sorted() of the same rows): {base:.2f} s; dedup / baseline = {took / base:.1f}x")
    print(f"quality vs synthetic truth: pairwise F1 {pw['f1']}, B-cubed F1 {b3['f1']} "
          f"(P {b3['precision']}, R {b3['recall']})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
