from tacitus.evaluate import compatible, norm_code, score


def gold_event(src, tgt, cameo="042", status="occurred", required=True, ok=(), date=None, loc=None):
    return {"source": {"code": src}, "target": {"code": tgt} if tgt else None, "cameo": cameo,
            "cameo_ok": list(ok), "plover": "CONSULT", "status": status, "date": date, "location": loc,
            "evidence": "x", "required": required}


def pred(src, tgt, cameo="042", status="occurred", date=None, loc=None):
    return {"source": {"code": src}, "target": {"code": tgt} if tgt else None, "cameo": cameo,
            "status": status, "date": date, "location": loc, "evidence": {"text": "x"}}


def article(*events):
    return {"id": "a", "events": list(events)}


def test_norm_code():
    assert norm_code("IGOUNO") == "UNO" and norm_code("ISRGOV") == "ISRGOV" and norm_code(None) == "-"


def test_swap_only_for_cooperative_roots():
    assert compatible(pred("RUSGOV", "ISRGOV", "042"), gold_event("ISRGOV", "RUSGOV", "042"))
    assert not compatible(pred("RUSGOV", "ISRGOV", "190"), gold_event("ISRGOV", "RUSGOV", "190"))
    assert compatible(pred("ISR", "RUSGOV", "040"), gold_event("ISRGOV", "RUSMIL", "036", ok=["040"]))
    assert not compatible(pred("ISR", "RUS", "040"), gold_event("ISRGOV", "RUS", "036"), strict=True)
    assert compatible(pred("UNO", "SYR", "045"), gold_event("IGOUNO", "SYR", "045"), strict=True)


def test_one_to_one_matching():
    g = article(gold_event("ISR", "RUS"))
    r = score([g], {"a": [pred("ISR", "RUS"), pred("ISR", "RUS")]})
    assert (r.events.tp, r.events.fp, r.events.fn) == (1, 1, 0)


def test_matching_is_maximal_not_greedy():
    # the first prediction fits both golds; the second only the first gold
    g = article(gold_event("ISR", "RUS", "042", ok=["190"]), gold_event("ISR", "RUS", "190"))
    r = score([g], {"a": [pred("ISR", "RUS", "190"), pred("ISR", "RUS", "042")]})
    assert r.events.tp == 2 and r.events.fp == 0


def test_traps_and_optional():
    g = article(gold_event("USA", "IRN", "163", status="hypothetical"), gold_event("IRN", "USA", "111", required=False))
    r = score([g], {"a": [pred("USA", "IRN", "163"), pred("IRN", "USA", "111")]})
    assert r.traps == 1 and r.traps_as_fact == 1
    assert (r.events.tp, r.events.fp, r.events.fn) == (0, 1, 0)
    # a negated prediction is not a claim of fact
    r = score([g], {"a": [pred("USA", "IRN", "163", status="hypothetical")]})
    assert r.traps_as_fact == 0 and r.events.fp == 0


def test_date_location_planned_accuracy():
    g = article(gold_event("ISR", "RUS", "036", status="planned", date="2018-01", loc={"name": "M", "country": "RUS"},
                           ok=["040"]))
    r = score([g], {"a": [pred("ISR", "RUS", "040", status="planned", date="2018-01-29",
                                loc={"name": "Moscow", "country": "RUS"})]})
    d = r.to_dict()
    assert d["date_accuracy"] == 1.0 and d["location_country_accuracy"] == 1.0 and d["planned_status_accuracy"] == 1.0
    r = score([g], {"a": [pred("ISR", "RUS", "040", status="occurred", date="2017-08-01")]})
    d = r.to_dict()
    assert d["date_accuracy"] == 0.0 and d["planned_status_accuracy"] == 0.0
