import duckdb
import polars as pl
import pytest
from store_factory import make_article, make_event

from tacitus.errors import StoreError
from tacitus.ingest import Reject
from tacitus.store import MIGRATIONS, SCHEMA_VERSION, Store



def test_idempotent_reingest(small_corpus):
    s = Store()
    first = s.add(small_corpus)
    assert (first.added, first.mentions) == (4, 6)
    counts = s.counts()
    again = s.add(small_corpus)
    assert (again.added, again.replaced, again.unchanged, again.mentions) == (0, 0, 4, 0)
    assert s.counts() == counts
    assert s.add([Reject("bad", "empty")]).rejected == 1


def test_changed_text_replaces_mentions(small_corpus):
    s = Store()
    texts = {c.id: f"text of {c.id}" for c in small_corpus}
    s.add(small_corpus, texts=texts)
    assert s.add(small_corpus, texts=texts).unchanged == 4
    new = make_article("a3", [make_event("SYRMIL", "SYRREB", "193", date="2018-01-30", place="Idlib")],
                       published="2018-01-30", source="Outlet C")
    res = s.add([new], texts={"a3": "a corrected text"})
    assert (res.replaced, res.mentions) == (1, 1)
    rows = s.sql("SELECT mention_id, cameo FROM mentions WHERE article_id = 'a3'").rows()
    assert rows == [("a3#0", "193")]
    assert s.counts()["articles"] == 4 and s.counts()["mentions"] == 5
    # without texts the coded output is hashed (not the text hash stored above): replaced again
    assert s.add([new]).replaced == 1 and s.add([new]).unchanged == 1


def test_migrations_recorded_and_applied_on_open(tmp_path):
    path = tmp_path / "t.db"
    with Store(path) as s:
        assert s.migrations() == [(v, n) for v, n, _ in MIGRATIONS] and s.schema_version() == SCHEMA_VERSION
    # simulate a store written before migrations 2 and 3
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE actors")
    con.execute("DROP TABLE places")
    for t in ("mentions", "events"):
        con.execute(f"ALTER TABLE {t} DROP COLUMN location_inferred")
    con.execute("DELETE FROM schema_version WHERE version >= 2")
    con.close()
    with pytest.raises(StoreError, match="older"):
        Store(path, read_only=True)
    with Store(path) as s:
        assert [v for v, _ in s.migrations()] == [1, 2, 3]
        assert s.counts()["actors"] == 0
        cols = {r[0] for r in s.sql("SELECT column_name FROM information_schema.columns "
                                    "WHERE table_name = 'events'").rows()}
        assert "location_inferred" in cols


def test_file_store_persists_and_read_only(tmp_path, small_corpus):
    path = tmp_path / "t.db"
    with Store(path) as s:
        s.add(small_corpus)
        n = s.counts()
    with Store(path, read_only=True) as ro:
        assert ro.counts() == n
        assert len(ro.query(min_reports=2)) == 1
        with pytest.raises(StoreError, match="read-only"):
            ro.add(small_corpus)
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.db", read_only=True)


def test_sql_path_refuses_writes(store):
    assert store.sql("SELECT count(*) AS n FROM mentions")["n"][0] == 6
    for q in ("DELETE FROM mentions", "UPDATE events SET confidence = 0", "DROP TABLE events",
              "CREATE TABLE x (a INT)", "INSERT INTO meta VALUES ('a', 'b')", "ATTACH 'other.db'",
              "COPY mentions TO 'x.csv'", "SELECT 1; DELETE FROM mentions", "SET threads = 1"):
        with pytest.raises(StoreError):
            store.sql(q)
    with pytest.raises(StoreError, match="SQL error"):
        store.sql("SELECT * FROM no_such_table")
    assert store.counts()["mentions"] == 6


def test_events_aggregate_reports(store):
    ev = store.query()
    assert isinstance(ev, pl.DataFrame) and len(ev) == 4
    meeting = ev.filter(pl.col("status") == "occurred", pl.col("root") == "04").row(0, named=True)
    assert (meeting["mention_count"], meeting["article_count"], meeting["source_count"]) == (3, 3, 2)
    assert str(meeting["first_report"]) == "2018-01-29" and str(meeting["last_report"]) == "2018-01-30"
    # confidence grows with independent outlets: the best of outlet B (0.8, not 0.6) and C's 0.5
    assert meeting["confidence"] == pytest.approx(1 - 0.2 * 0.5)
    planned = ev.filter(pl.col("status") == "planned").row(0, named=True)
    assert planned["linked_event_id"] == meeting["event_id"] and meeting["linked_event_id"] == planned["event_id"]
    assert store.counts()["actors"] == 6 and store.counts()["places"] == 2


def test_query_filters(store):
    def n(**kw):
        return len(store.query(**kw))

    assert n(actor="ISR") == 2 and n(actor="SYRMIL") == 1 and n(actor="USA") == 1
    assert n(entity="vladimir-putin") == 2 and n(country="CHN") == 1 and n(role="REB") == 1
    assert n(root="04") == 1 and n(root="03") == 1 and n(root="19") == 1 and n(cameo="11") == 1
    assert n(plover="consult") == 2 and n(status="planned") == 1
    assert n(start="2018-01-28", end="2018-01-28") == 0 and n(start="2018-01-27", end="2018-01-27") == 1
    assert n(start="2018-01-30") == 1  # the accusation; the meeting's representative date is the 29th
    assert n(place="moscow") == 2 and n(place_country="SYR") == 1
    assert n(outlet="Outlet B") == 1 and n(outlet="Outlet C") == 2 and n(outlet="Outlet A") == 2
    assert n(min_reports=3) == 1 and n(min_reports=2, actor="USA") == 0
    assert n(linked=True) == 2
    m = store.query(level="mentions", min_reports=3)
    assert sorted(m["mention_id"].to_list()) == ["a2#0", "a3#0", "a4#0"] and "outlet" in m.columns
    assert store.query(level="mentions").to_dicts()[0]["date"] == "2018-01-27"
    with pytest.raises(StoreError):
        store.query(level="nope")


def test_month_dates_overlap_ranges():
    s = Store()
    s.add([make_article("m1", [make_event(date="2018-03", precision="month")], published="2018-04-02")])
    assert len(s.query(start="2018-03-15", end="2018-03-20")) == 1
    assert len(s.query(start="2018-04-01")) == 0


@pytest.mark.slow
def test_store_from_real_coder(coder):
    """Two outlets report the same shelling; the real coder codes both; the store merges them."""
    from tacitus.ingest import make_article as art

    texts = {
        "r1": "Syrian government forces shelled rebel positions near Idlib on Tuesday, residents said.",
        "r2": "On Tuesday, Syrian government forces shelled rebel positions near Idlib, activists reported.",
    }
    arts = [art(k, v, "2019-05-16", source=f"Outlet {k}") for k, v in texts.items()]
    s = Store()
    res = s.add(coder.code_articles(arts), texts=texts)
    assert res.added == 2 and res.mentions >= 2
    ev = s.query(root="19", min_reports=2)
    assert len(ev) == 1 and ev["source_count"][0] == 2 and ev["date"][0] == "2019-05-14"
    assert s.add(coder.code_articles(arts), texts=texts).unchanged == 2
