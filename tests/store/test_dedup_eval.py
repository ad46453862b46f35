import json

import pytest
from store_factory import make_article, make_event

from tacitus.dedup_eval import bcubed, format_dedup_report, pairwise, read_dedup_gold, score_dedup


def _gold(aid, events, published="2018-01-29", source="S"):
    return {"id": aid, "published": published, "source": source, "text": "...", "events": [
        {"source": {"code": s}, "target": {"code": t} if t else None, "cameo": c, "cameo_ok": [], "status": st,
         "date": None, "location": None, "evidence": "x", "required": True, "cluster": cl}
        for s, t, c, st, cl in events]}


def test_pairwise_and_bcubed_by_hand():
    gold = ["A", "A", "A", "B", "B"]
    perfect = pairwise([1, 1, 1, 2, 2], gold)
    assert (perfect["precision"], perfect["recall"], perfect["f1"]) == (1.0, 1.0, 1.0)
    split = pairwise([1, 1, 3, 2, 2], gold)  # A split in two: 2 of 4 gold pairs found, no wrong pair
    assert (split["true_pairs"], split["predicted_pairs"], split["gold_pairs"]) == (2, 2, 4)
    assert split["precision"] == 1.0 and split["recall"] == 0.5
    lumped = pairwise([1, 1, 1, 1, 1], gold)
    assert lumped["recall"] == 1.0 and lumped["precision"] == pytest.approx(4 / 10, abs=1e-4)
    singletons = pairwise([1, 2, 3, 4, 5], gold)
    assert singletons["precision"] is None and singletons["recall"] == 0.0
    b = bcubed([1, 1, 1, 1, 1], gold)
    assert b["recall"] == 1.0 and b["precision"] == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5, abs=1e-4)
    b = bcubed([1, 1, 3, 2, 2], gold)
    assert b["precision"] == 1.0 and b["recall"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5, abs=1e-4)
    assert bcubed([], [])["f1"] is None


def test_score_dedup_on_hand_made_articles():
    coded = [
        make_article("d1", [make_event(cameo="040"), make_event("SYRMIL", "SYRREB", "190", date="2018-01-28",
                                                                place="Idlib")], source="A"),
        make_article("d2", [make_event("RUSGOV", "ISRGOV", "042", date="2018-01-29")], source="B"),
        make_article("d3", [make_event(cameo="040", date="2018-02-20"),  # coder error: wrong date → split
                            make_event("USAGOV", "CHNGOV", "112", place=None)], source="C"),
    ]
    gold = [
        _gold("d1", [("ISRGOV", "RUSGOV", "040", "occurred", "meet"),
                     ("SYRMIL", "SYRREB", "190", "occurred", "shell")]),
        _gold("d2", [("RUSGOV", "ISRGOV", "042", "occurred", "meet")]),
        _gold("d3", [("ISRGOV", "RUSGOV", "043", "occurred", "meet"), ("CHNGOV", "USAGOV", "112", "occurred", "acc"),
                     ("SYRMIL", "SYRREB", "190", "occurred", "shell")]),
    ]
    gold[2]["events"][0]["cameo_ok"] = ["040"]
    rep = score_dedup(gold, coded)
    assert rep.articles == 3 and rep.gold_events == 6 and rep.gold_clusters == 3
    assert rep.predicted == 5
    assert rep.aligned == 4  # d3's 112 has swapped actors (not a swap root): unaligned, like the gold shelling
    assert rep.pairwise["gold_pairs"] == 3 and rep.pairwise["true_pairs"] == 1
    assert rep.pairwise["precision"] == 1.0 and rep.pairwise["recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert rep.bcubed["precision"] == 1.0
    assert {a["mention_id"] for a in rep.alignment} == {"d1#0", "d1#1", "d2#0", "d3#0"}
    text = format_dedup_report("hand", rep)
    assert "pairwise" in text and "B-cubed" in text
    assert json.dumps(rep.to_dict())


def test_read_gold(tmp_path):
    p = tmp_path / "dedup.jsonl"
    p.write_text(json.dumps(_gold("d1", [("ISRGOV", "RUSGOV", "040", "occurred", "m")])) + "\n\n")
    assert read_dedup_gold(p)[0]["events"][0]["cluster"] == "m"


@pytest.mark.slow
def test_evaluate_dedup_file_with_real_coder(tmp_path, coder):
    from tacitus.dedup_eval import evaluate_dedup_file

    ev = {"source": {"name": "Syrian military", "code": "SYRMIL"},
          "target": {"name": "Syrian rebels", "code": "SYRREB"},
          "cameo": "190", "cameo_ok": ["195"], "plover": "ASSAULT", "status": "occurred", "date": "2019-05-14",
          "location": {"name": "Idlib", "country": "SYR"}, "required": True, "cluster": "idlib-shelling"}
    texts = ["Syrian government forces shelled rebel positions near Idlib on Tuesday, residents said.",
             "On Tuesday, Syrian government forces shelled rebel positions near Idlib, activists reported."]
    recs = [{"id": f"g{i}", "title": "t", "published": "2019-05-16", "source": f"Outlet {i}", "text": t,
             "events": [dict(ev, evidence="Syrian government forces shelled rebel positions")]}
            for i, t in enumerate(texts)]
    path = tmp_path / "dedup.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    rep = evaluate_dedup_file(path, coder)
    assert rep.aligned == 2 and rep.pairwise["f1"] == 1.0 and rep.bcubed["f1"] == 1.0
