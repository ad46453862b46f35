"""The canonical example: the seed's four required events, through general rules."""

import json

from tacitus.api import evaluate_file


def _events(coder, seed_path):
    rec = json.loads(seed_path.read_text(encoding="utf-8").splitlines()[0])
    return coder.code(rec["text"], rec["published"]), rec


def test_required_events(coder, seed_path):
    events, _ = _events(coder, seed_path)
    by = {}
    for e in events:
        by.setdefault((e.source.country, e.target.country if e.target else None, e.cameo[:2]), e)
    meet = by[("ISR", "RUS", "03")]
    assert meet.status == "planned" and meet.date == "2018-01-29" and meet.location.name == "Moscow"
    boycott = by[("SYR", "RUS", "16")]
    assert boycott.status == "occurred" and boycott.source.code == "SYROPP"
    assert boycott.location.country == "RUS" and boycott.date == "2018-01-29"
    threat = by[("ISR", "IRN", "13")]
    assert threat.status == "occurred"
    last = [e for e in events if e.cameo.startswith("04") and {e.source.country, e.target.country} == {"ISR", "RUS"}]
    assert len(last) == 1, "the caption's meeting and 'He last met ... in August' are one event"
    assert last[0].date.startswith("2017-08") and last[0].location.name == "Sochi"


def test_nothing_from_photo_credits(coder, seed_path):
    events, rec = _events(coder, seed_path)
    for e in events:
        assert "photo credit" not in e.evidence.text.lower()
        assert rec["text"][e.evidence.start:e.evidence.end] == e.evidence.text


def test_seed_f1(coder, seed_path):
    r = evaluate_file(seed_path, coder)
    assert r.events.f1 == 1.0
    assert r.to_dict()["date_accuracy"] == 1.0
