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


def _aligned(text, gold_events, preds):
    rec = {"id": "a", "text": text, "events": gold_events}
    return score([rec], {"a": preds}).to_dict()["actors"]


def _span_pred(text, phrase, src, tgt, cameo="042"):
    start = text.index(phrase)
    p = pred(src, tgt, cameo)
    p["evidence"] = {"text": phrase, "start": start, "end": start + len(phrase)}
    return p


def test_actor_accuracy_is_scored_on_evidence_aligned_events_whatever_their_actors():
    text = "Putin met Netanyahu in Sochi. Later Lavrov met Kerry."
    g1 = {**gold_event("RUSGOV", "ISRGOV"), "evidence": "Putin met Netanyahu"}
    g2 = {**gold_event("RUSGOV", "USAGOV"), "evidence": "Lavrov met Kerry"}
    # the first prediction has the wrong target country: not an event match, but still aligned
    a = _aligned(text, [g1, g2], [_span_pred(text, "Putin met Netanyahu in Sochi", "RUSGOV", "ISR"),
                                  _span_pred(text, "Lavrov met Kerry", "RUSGOV", "USAGOV")])
    assert (a["aligned_events"], a["gold_events"]) == (2, 2)
    assert (a["tp"], a["fp"], a["fn"]) == (3, 1, 1)
    assert a["country_accuracy"] == 1.0  # ISR is the right country, the wrong code


def test_actor_alignment_needs_overlapping_evidence_and_a_compatible_root():
    text = "Putin met Netanyahu in Sochi. Later Lavrov met Kerry."
    g = {**gold_event("RUSGOV", "USAGOV"), "evidence": "Lavrov met Kerry"}
    far = _span_pred(text, "Putin met Netanyahu", "RUSGOV", "USAGOV")
    other_root = _span_pred(text, "Lavrov met Kerry", "RUSGOV", "USAGOV", cameo="190")
    a = _aligned(text, [g], [far, other_root])
    assert a["aligned_events"] == 0 and a["tp"] == 0


def test_actor_slots_missing_on_either_side_count():
    text = "Iran warned on Monday."
    g = {**gold_event("IRNGOV", "USA", cameo="130"), "evidence": "Iran warned"}
    a = _aligned(text, [g], [_span_pred(text, "Iran warned", "IRN", None, cameo="130")])
    assert (a["tp"], a["fp"], a["fn"]) == (0, 1, 2)
    assert a["source_country_accuracy"] == 1.0 and a["target_country_accuracy"] == 0.0


def test_actor_mismatches_are_listed_with_gold_and_predicted_codes():
    from tacitus.evaluate import format_error

    text = "Iran warned on Monday."
    g = {**gold_event("IRNGOV", "USA", cameo="130"), "evidence": "Iran warned"}
    rec = {"id": "a", "text": text, "events": [g]}
    r = score([rec], {"a": [_span_pred(text, "Iran warned", "IRN", None, cameo="130")]})
    errs = [e for e in r.errors if e["kind"].startswith("ACTOR")]
    assert {(e["slot"], e["gold"], e["predicted"]) for e in errs} == {("source", "IRNGOV", "IRN"), ("target", "USA", "-")}
    assert "IRNGOV→IRN" in format_error(next(e for e in errs if e["slot"] == "source"))


def test_actor_alignment_prefers_the_pair_sharing_a_country_when_evidence_is_shared():
    text = "Japan and Australia also expressed concern over the incident."
    ev = "Japan and Australia also expressed concern over the incident"
    golds = [{**gold_event("AUSGOV", "CHN", cameo="110"), "evidence": ev},
             {**gold_event("JPNGOV", "CHN", cameo="110"), "evidence": ev}]
    # both predictions miss the target: only the sources can tell which gold event each one is
    preds = [_span_pred(text, "Australia also expressed", "AUSGOV", "PHL", cameo="110"),
             _span_pred(text, "Japan and Australia also expressed", "JPNGOV", "PHL", cameo="110")]
    rec = {"id": "a", "text": text, "events": golds}
    r = score([rec], {"a": preds})
    assert r.to_dict()["actors"]["tp"] == 2  # JPNGOV↔JPNGOV, AUSGOV↔AUSGOV, not crossed
    assert {(e["slot"], e["gold"], e["predicted"]) for e in r.errors if e["kind"].startswith("ACTOR")} == \
        {("target", "CHN", "PHL")}
