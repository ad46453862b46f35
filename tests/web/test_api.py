"""JSON API of the web explorer (FastAPI TestClient over a small real store)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from tacitus.web.app import create_app  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture()
def client(web_db, coder):
    app = create_app(web_db, coder_factory=lambda: coder)
    with TestClient(app) as c:
        yield c


def _assert_error(r, status, code=None):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def test_code_endpoint_returns_events_with_offsets(client):
    text = ("Israeli Prime Minister Benjamin Netanyahu will fly to Moscow on Monday to meet Russian "
            "President Vladimir Putin.")
    r = client.post("/api/code", json={"text": text, "published": "2018-01-28"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["saved"] is None
    assert body["article"]["text"] == text
    ev = body["events"][0]
    assert (ev["source"]["code"], ev["cameo"], ev["target"]["code"], ev["status"]) == ("ISRGOV", "036", "RUSGOV",
                                                                                      "planned")
    s, e = ev["evidence"]["start"], ev["evidence"]["end"]
    assert body["article"]["text"][s:e] == ev["evidence"]["text"]
    assert ev["cameo_root"] == "03" and ev["cameo_root_name"]


def test_code_without_save_does_not_write(client, web_db):
    before = client.get("/api/meta").json()["counts"]
    client.post("/api/code", json={"text": "Chinese President Xi Jinping met French President Emmanuel Macron in "
                                           "Paris on Monday.", "published": "2024-05-07"})
    assert client.get("/api/meta").json()["counts"] == before


def test_code_and_save_adds_to_store(client):
    before = client.get("/api/meta").json()["counts"]
    text = "Chinese President Xi Jinping met French President Emmanuel Macron in Paris on Monday."
    r = client.post("/api/code", json={"text": text, "published": "2024-05-07", "save": True, "id": "xi-paris",
                                       "source": "Wire D"})
    body = r.json()
    assert body["saved"]["added"] == 1 and body["saved"]["mentions"] == len(body["events"]) >= 1
    eid = body["events"][0]["event_id"]
    assert eid and client.get(f"/api/events/{eid}").json()["reports"][0]["article_id"] == "xi-paris"
    after = client.get("/api/meta").json()["counts"]
    assert after["articles"] == before["articles"] + 1
    # idempotent: the same text again writes nothing
    assert client.post("/api/code", json={"text": text, "published": "2024-05-07", "save": True,
                                          "id": "xi-paris"}).json()["saved"]["unchanged"] == 1


def test_events_pagination(client):
    full = client.get("/api/events", params={"limit": 500}).json()
    total = full["total"]
    assert total == len(full["items"]) >= 5
    seen = []
    for offset in range(0, total, 2):
        page = client.get("/api/events", params={"limit": 2, "offset": offset}).json()
        assert page["total"] == total and page["limit"] == 2 and page["offset"] == offset
        seen += [e["event_id"] for e in page["items"]]
    assert seen == [e["event_id"] for e in full["items"]]
    assert client.get("/api/events", params={"offset": total + 5}).json()["items"] == []


def test_events_filters(client):
    total = client.get("/api/events").json()["total"]
    assault = client.get("/api/events", params={"plover": "ASSAULT"}).json()
    assert 0 < assault["total"] < total and all(e["plover"] == "ASSAULT" for e in assault["items"])
    root = client.get("/api/events", params={"root": "04"}).json()
    assert root["total"] and all(e["root"] == "04" for e in root["items"])
    rus = client.get("/api/events", params={"actor": "RUS"}).json()
    assert rus["total"] and all("RUS" in (e["source_code"][:3], (e["target_code"] or "")[:3]) for e in rus["items"])
    dated = client.get("/api/events", params={"start": "2022-01-01", "end": "2022-12-31"}).json()
    assert dated["total"] and all(e["date"].startswith("2022") for e in dated["items"])
    two = client.get("/api/events", params={"min_reports": 2}).json()
    assert two["total"] >= 1 and all(e["article_count"] >= 2 for e in two["items"])
    q = client.get("/api/events", params={"q": "ATTACKED"}).json()  # case-insensitive evidence search
    assert q["total"] >= 1
    assert client.get("/api/events", params={"q": "no such words anywhere"}).json()["total"] == 0
    st = client.get("/api/events", params={"status": "occurred"}).json()
    assert all(e["status"] == "occurred" for e in st["items"])


def test_filter_values_are_parameters_not_sql(client):
    r = client.get("/api/events", params={"q": "'; DROP TABLE events; --"})
    assert r.status_code == 200 and r.json()["total"] == 0
    _assert_error(client.get("/api/events", params={"actor": "ISR' OR 1=1 --"}), 422, "validation_error")
    assert client.get("/api/events").json()["total"] > 0


def test_event_page_lists_reports(client):
    two = client.get("/api/events", params={"min_reports": 2}).json()["items"][0]
    ev = client.get(f"/api/events/{two['event_id']}").json()
    assert ev["event_id"] == two["event_id"]
    assert len(ev["reports"]) >= 2
    assert {r["outlet"] for r in ev["reports"]} == {"Wire A", "Wire B"}
    for r in ev["reports"]:
        assert r["evidence_text"] and r["evidence_text"] in r["sentence"]


def test_errors_are_json(client):
    _assert_error(client.get("/api/events/E000000000000000"), 404, "not_found")
    _assert_error(client.get("/api/events/not-an-id"), 404, "not_found")
    _assert_error(client.get("/api/actors/nobody-at-all"), 404, "not_found")
    _assert_error(client.get("/api/nothing-here"), 404, "not_found")
    _assert_error(client.get("/api/events", params={"limit": 0}), 422, "validation_error")
    _assert_error(client.get("/api/events", params={"start": "yesterday"}), 422, "validation_error")
    _assert_error(client.get("/api/export", params={"format": "xlsx"}), 422, "validation_error")
    _assert_error(client.post("/api/code", json={"published": "2020-01-01"}), 422, "validation_error")
    _assert_error(client.post("/api/code", json={"text": "   "}), 422, "invalid_input")
    _assert_error(client.post("/api/code", content=b"{not json", headers={"content-type": "application/json"}),
                  422, "validation_error")
    _assert_error(client.delete("/api/events"), 405, "method_not_allowed")


def test_huge_body_is_413(client):
    big = json.dumps({"text": "word " * (600 * 1024)})  # ≈ 3 MB
    err = _assert_error(client.post("/api/code", content=big, headers={"content-type": "application/json"}),
                        413, "payload_too_large")
    assert "bytes" in err["message"]


def test_body_limit_also_applies_without_content_length(web_db, coder):
    app = create_app(web_db, coder_factory=lambda: coder, max_body=1000)

    def chunks():
        for _ in range(10):
            yield b"x" * 500

    with TestClient(app) as c:
        r = c.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    _assert_error(r, 413, "payload_too_large")


def test_export(client):
    n = client.get("/api/events").json()["total"]
    r = client.get("/api/export", params={"format": "jsonl"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = [json.loads(x) for x in r.text.splitlines() if x.strip()]
    assert len(rows) == n and "event_id" in rows[0]
    r = client.get("/api/export", params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert len(r.text.strip().splitlines()) == n + 1 and r.text.startswith("event_id,")
    r = client.get("/api/export", params={"format": "gdelt"})
    lines = r.text.strip().splitlines()
    assert len(lines) == n and all(len(x.split("\t")) == 61 for x in lines)


def test_stats(client):
    total = client.get("/api/events").json()["total"]
    tl = client.get("/api/stats/timeline").json()
    assert sum(p["total"] for p in tl["periods"]) + tl["undated"] == total
    assert tl["bucket"] in ("day", "month", "year") and tl["types"]
    dy = client.get("/api/stats/dyads", params={"limit": 3}).json()
    assert len(dy["items"]) <= 3 and dy["items"][0]["events"] >= dy["items"][-1]["events"]
    d0 = dy["items"][0]
    assert d0["cooperative"] + d0["conflictual"] == d0["events"]
    pl = client.get("/api/stats/places").json()
    assert pl["places"] and all(p["lat"] is not None for p in pl["places"])
    assert sum(p["events"] for p in pl["places"]) == pl["located"]
    only = client.get("/api/stats/places", params={"plover": "PROTEST"}).json()
    assert [p["name"] for p in only["places"]] == ["Paris"]


def test_actors(client):
    res = client.get("/api/actors", params={"q": "orb"}).json()
    assert res["items"][0]["actor_id"] == "viktor-orban"
    a = client.get("/api/actors/viktor-orban").json()
    assert a["kb"]["kind"] == "person" and a["kb"]["roles"]
    assert all({"code", "title", "start", "end"} <= set(r) for r in a["kb"]["roles"])
    assert a["as_source"] and all(e["source_entity"] == "viktor-orban" for e in a["as_source"])


def test_openapi_and_pages(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/code", "/api/events", "/api/events/{event_id}", "/api/actors", "/api/actors/{actor_id}",
                 "/api/export", "/api/stats/timeline", "/api/stats/dyads", "/api/stats/places"):
        assert path in spec["paths"], path
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower() and "/static/docs.js" in docs.text
    index = client.get("/")
    assert "content-security-policy" in index.headers and "script-src 'self'" in index.headers[
        "content-security-policy"]
    for asset in ("/static/app.js", "/static/app.css", "/static/world.js", "/static/docs.js"):
        r = client.get(asset)
        assert r.status_code == 200 and "http://" not in r.text.replace("http://www.w3.org/2000/svg", ""), asset
    assert "innerHTML" not in client.get("/static/app.js").text


def test_missing_store_is_empty_and_not_created(tmp_path, coder):
    db = tmp_path / "new.db"
    with TestClient(create_app(db, coder_factory=lambda: coder)) as c:
        assert c.get("/api/events").json() == {"total": 0, "limit": 50, "offset": 0, "items": []}
        assert c.get("/api/stats/timeline").json()["periods"] == []
        assert not db.exists()
        c.post("/api/code", json={"text": "Russian troops attacked Ukrainian positions near Kharkiv on Tuesday.",
                                  "published": "2022-05-11", "save": True})
        assert db.exists() and c.get("/api/events").json()["total"] >= 1
