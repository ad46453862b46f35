import random

from store_factory import make_article, make_event

from tacitus.dedup import (Mention, dates_compatible, deduplicate, event_id, family, mentions_from_articles,
                           same_event, when)


def _m(i: int, **kw) -> Mention:
    base = dict(mention_id=f"a{i}#0", article_id=f"a{i}", cameo="040", status="occurred", src_code="ISRGOV",
                src_country="ISR", src_role="GOV", src_entity="benjamin-netanyahu", tgt_code="RUSGOV",
                tgt_country="RUS", tgt_role="GOV", tgt_entity="vladimir-putin", date="2018-01-29",
                date_precision="day", loc_country="RUS", published="2018-01-29", outlet=f"o{i}", confidence=0.6)
    base.update(kw)
    return Mention(**base)


def test_family_folds_intent_into_consult():
    assert family("036") == family("040") == family("042") == "04"
    assert family("190") == "19" and family("112") == "11"


def test_date_windows():
    day = when(_m(0))
    assert dates_compatible(day, when(_m(1, date="2018-01-30")))  # ±1 day
    assert not dates_compatible(day, when(_m(1, date="2018-01-31")))
    month = when(_m(1, date="2018-01", date_precision="month"))
    assert dates_compatible(day, month) and not dates_compatible(when(_m(1, date="2018-02-01")), month)
    fb = when(_m(1, date="2018-01-31", date_fallback=True))  # publication date stands in: ±2 days
    assert dates_compatible(day, fb) and not dates_compatible(when(_m(2, date="2018-01-26")), fb)
    assert not dates_compatible(when(_m(1, date=None, date_precision=None)), day)
    assert not dates_compatible(when(_m(1, date="2018", date_precision="year")), day)


def test_merges_reports_of_one_meeting():
    ms = [_m(0), _m(1, date="2018-01-30", cameo="042"), _m(2, src_code="RUSGOV", src_country="RUS",
          src_entity="vladimir-putin", tgt_code="ISRGOV", tgt_country="ISR", tgt_entity=None, cameo="043"),
          _m(3, loc_country=None, src_entity=None)]  # same country+role, no entity, no place: compatible
    r = deduplicate(ms)
    assert len(set(r.event_ids)) == 1 and r.n_events == 1
    assert r.seeds[r.event_ids[0]] == "a0#0"


def test_keeps_apart_different_happenings():
    base = _m(0)
    others = [_m(1, date="2018-02-05"),  # a week later
              _m(2, loc_country="ISR"),  # elsewhere
              _m(3, cameo="190"),  # another root family
              _m(4, tgt_code="USAGOV", tgt_country="USA", tgt_entity=None),  # another target
              _m(5, src_role="MIL", src_code="ISRMIL", src_entity=None),  # same country, other role
              _m(6, tgt_code=None, tgt_country=None, tgt_role=None, tgt_entity=None),  # one-sided
              _m(7, status="negated")]
    for o in others:
        assert not same_event(base, o), o
        r = deduplicate([base, o])
        assert r.event_ids[0] != r.event_ids[1], o


def test_attacks_are_not_symmetric():
    a = _m(0, cameo="190", src_code="SYRMIL", src_country="SYR", src_role="MIL", src_entity=None,
           tgt_code="TURMIL", tgt_country="TUR", tgt_role="MIL", tgt_entity=None, loc_country="SYR")
    b = a._replace(mention_id="a1#0", article_id="a1", src_code="TURMIL", src_country="TUR",
                   tgt_code="SYRMIL", tgt_country="SYR")
    assert not same_event(a, b)
    assert same_event(a, a._replace(mention_id="a2#0", article_id="a2", date="2018-01-28"))


def test_never_merges_two_mentions_of_one_article():
    a, b = _m(0), _m(1, article_id="a0", mention_id="a0#1", cameo="042")
    assert not same_event(a, b)
    r = deduplicate([a, b, _m(2)])
    assert r.event_ids[0] != r.event_ids[1] and r.event_ids[2] in r.event_ids[:2]


def test_no_chaining_across_daily_series():
    """Daily shelling reports 1 day apart must not chain into one month-long event."""
    ms = [_m(i, cameo="190", date=f"2018-01-{d:02d}") for i, d in enumerate(range(1, 11))]
    r = deduplicate(ms)
    assert 4 <= r.n_events <= 6


def test_planned_and_occurred_are_linked_not_merged():
    planned = _m(0, cameo="036", status="planned", published="2018-01-28")
    occurred = [_m(1, cameo="042"), _m(2, cameo="040", date="2018-01-30")]
    unrelated = _m(3, cameo="036", status="planned", date="2018-03-10")
    r = deduplicate([planned, *occurred, unrelated])
    pid, oid = r.event_ids[0], r.event_ids[1]
    assert pid != oid and r.event_ids[2] == oid
    assert r.links[pid] == oid and r.links[oid] == pid
    assert r.event_ids[3] not in r.links


def test_deterministic_ids_any_order():
    ms = [_m(i, date=f"2018-01-{1 + i // 3:02d}", cameo=random.Random(i).choice(["040", "190", "112"]))
          for i in range(60)]
    first = deduplicate(ms)
    for seed in range(3):
        shuffled = ms[:]
        random.Random(seed).shuffle(shuffled)
        again = deduplicate(shuffled)
        assert dict(zip((m.mention_id for m in shuffled), again.event_ids)) == dict(
            zip((m.mention_id for m in ms), first.event_ids))
        assert again.links == first.links
    seed_of = first.seeds
    assert all(eid == event_id(seed_of[eid]) for eid in first.event_ids)


def test_from_event_records(small_corpus):
    ms = mentions_from_articles(small_corpus)
    assert [m.mention_id for m in ms][:2] == ["a1#0", "a1#1"]
    r = deduplicate(ms)
    by_mid = dict(zip((m.mention_id for m in ms), r.event_ids))
    assert by_mid["a2#0"] == by_mid["a3#0"] == by_mid["a4#0"]  # one meeting, three outlets (one swapped)
    assert by_mid["a1#0"] != by_mid["a2#0"] and r.links[by_mid["a1#0"]] == by_mid["a2#0"]
    assert len({by_mid["a1#1"], by_mid["a3#1"], by_mid["a2#0"]}) == 3


def test_fallback_dates_merge_near_publication():
    a = make_article("x1", [make_event(date="2018-01-29", fallback=True)], published="2018-01-29")
    b = make_article("x2", [make_event(date="2018-01-30", fallback=True)], published="2018-01-30", source="B")
    c = make_article("x3", [make_event(date="2018-02-03", fallback=True)], published="2018-02-03", source="C")
    r = deduplicate(mentions_from_articles([a, b, c]))
    assert r.event_ids[0] == r.event_ids[1] != r.event_ids[2]
