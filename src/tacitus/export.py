"""Exports of a :class:`~tacitus.store.Store`: JSONL, Parquet, CSV, a GDELT 2.0 event table and
PLOVER/POLECAT-style JSON.

GDELT 2.0 event table (``export_gdelt``): the 61 columns of the GDELT 2.0 event codebook, in its
order, tab-separated, no header, one row per deduplicated event. Differences from GDELT, by design:

- ``GLOBALEVENTID`` is the Tacitus event id read as an integer (``int(event_id[1:], 16)``: 60 bits);
- the ``*Geo_CountryCode`` fields hold **ISO 3166-1 alpha-3** codes (as everywhere in Tacitus), not
  GDELT's FIPS 10-4 two-letter codes; ``*_ADM1Code``/``*_ADM2Code``/``*_FeatureID`` are empty;
- only the action location is known: ``Actor1Geo_*``/``Actor2Geo_*`` are empty (``Geo_Type`` 0);
  ``ActionGeo_Type`` is 1 (country) for a country-level location, 3 (US city) or 4 (world city) for a
  place;
- ``AvgTone`` is empty (Tacitus does not score tone);
- ``SQLDATE`` is the event date (the first day of the month for month-precision dates; the first report's
  publication date when the event has no date); ``IsRootEvent`` is 1 when the representative mention is in
  the first three sentences (title and lead), else 0;
- ``DATEADDED`` is when the first report was added to the store (``YYYYMMDDHHMMSS``); ``SOURCEURL`` is
  the first report's URL (its article id when there is no URL).

PLOVER JSON (``export_plover``): one JSON object per line per event with ``event_id``, ``event_date``,
``date_precision``, ``event_type`` (PLOVER), ``event_mode``, ``status``, ``cameo``, ``quad_class``,
``goldstein``, ``actors`` (``source``/``target``: name, code, country, role, entity), ``location``,
``linked_event_id``, counts, ``confidence`` and ``reports`` (one per mention: article, outlet, URL,
publication date, evidence, sentence, status, date, confidence).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from .errors import StoreError
from .store import Store

FORMATS = ("jsonl", "parquet", "csv", "gdelt", "plover")

_ACTOR_ATTRS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO_ATTRS = [("Type", "INTEGER"), ("FullName", "STRING"), ("CountryCode", "STRING"), ("ADM1Code", "STRING"),
              ("ADM2Code", "STRING"), ("Lat", "FLOAT"), ("Long", "FLOAT"), ("FeatureID", "STRING")]

GDELT_COLUMNS: list[tuple[str, str]] = [
    ("GLOBALEVENTID", "INTEGER"), ("SQLDATE", "INTEGER"), ("MonthYear", "INTEGER"), ("Year", "INTEGER"),
    ("FractionDate", "FLOAT"),
    *[(f"Actor{n}{a}", "STRING") for n in (1, 2) for a in _ACTOR_ATTRS],
    ("IsRootEvent", "INTEGER"), ("EventCode", "STRING"), ("EventBaseCode", "STRING"), ("EventRootCode", "STRING"),
    ("QuadClass", "INTEGER"), ("GoldsteinScale", "FLOAT"), ("NumMentions", "INTEGER"), ("NumSources", "INTEGER"),
    ("NumArticles", "INTEGER"), ("AvgTone", "FLOAT"),
    *[(f"{g}Geo_{a}", t) for g in ("Actor1", "Actor2", "Action") for a, t in _GEO_ATTRS],
    ("DATEADDED", "INTEGER"), ("SOURCEURL", "STRING"),
]
assert len(GDELT_COLUMNS) == 61

_DUCKDB_TYPES = {"INTEGER": "BIGINT", "FLOAT": "DOUBLE", "STRING": "VARCHAR"}


def gdelt_columns() -> list[tuple[str, str]]:
    """The 61 GDELT 2.0 event-table columns in order, with their codebook types (INTEGER/FLOAT/STRING)."""
    return list(GDELT_COLUMNS)


def gdelt_duckdb_types() -> dict[str, str]:
    """Column → DuckDB type, e.g. for ``read_csv(path, delim='\\t', header=false, columns=...)``."""
    return {n: _DUCKDB_TYPES[t] for n, t in GDELT_COLUMNS}


def _copy(store: Store, select: str, path: str | Path, options: str) -> int:
    con = store.connection()
    store._fresh()
    target = str(path).replace("'", "''")
    try:
        con.execute(f"COPY ({select}) TO '{target}' ({options})").fetchall()
        return int(con.execute(f"SELECT count(*) FROM ({select})").fetchall()[0][0])
    except duckdb.Error as exc:
        raise StoreError(f"cannot export to {path}: {exc}") from exc


def _table(level: str) -> str:
    if level not in ("events", "mentions", "articles"):
        raise StoreError("level must be events, mentions or articles")
    order = {"events": "date_start NULLS LAST, event_id", "mentions": "article_id, idx", "articles": "id"}[level]
    return f"SELECT * FROM {level} ORDER BY {order}"


def export_jsonl(store: Store, path: str | Path, level: str = "events") -> int:
    """One JSON object per row of ``events`` (or ``mentions``/``articles``). Returns the row count."""
    return _copy(store, _table(level), path, "FORMAT json")


def export_parquet(store: Store, path: str | Path, level: str = "events") -> int:
    return _copy(store, _table(level), path, "FORMAT parquet")


def export_csv(store: Store, path: str | Path, level: str = "events") -> int:
    return _copy(store, _table(level), path, "FORMAT csv, HEADER true")


def _clean(col: str) -> str:
    """A text column made safe for GDELT's unquoted TSV: no tabs, newlines or double quotes."""
    return f"regexp_replace(coalesce({col}, ''), '[\\t\\r\\n\"]+', ' ', 'g')"


def gdelt_select() -> str:
    """The SQL query that turns ``events`` into GDELT rows (columns named as in GDELT)."""
    empty = "CAST(NULL AS VARCHAR)"
    actor: list[str] = []
    for n, side in ((1, "source"), (2, "target")):
        actor += [f"e.{side}_code AS Actor{n}Code", f"upper({_clean(f'e.{side}_name')}) AS Actor{n}Name",
                  f"e.{side}_country AS Actor{n}CountryCode",
                  f"CASE WHEN regexp_matches(e.{side}_code, '^(IGO|NGO|MNC)') THEN substr(e.{side}_code, 4, 3) "
                  f"END AS Actor{n}KnownGroupCode",
                  f"{empty} AS Actor{n}EthnicCode", f"{empty} AS Actor{n}Religion1Code",
                  f"{empty} AS Actor{n}Religion2Code", f"e.{side}_role AS Actor{n}Type1Code",
                  f"{empty} AS Actor{n}Type2Code", f"{empty} AS Actor{n}Type3Code"]
    geo: list[str] = []
    for g in ("Actor1", "Actor2"):
        geo += [f"0 AS {g}Geo_Type"] + [f"{empty} AS {g}Geo_{a}" for a in ("FullName", "CountryCode", "ADM1Code",
                                                                           "ADM2Code")]
        geo += [f"CAST(NULL AS DOUBLE) AS {g}Geo_Lat", f"CAST(NULL AS DOUBLE) AS {g}Geo_Long",
                f"{empty} AS {g}Geo_FeatureID"]
    geo += ["CASE WHEN e.location_country IS NULL AND e.location_name IS NULL THEN 0 "
            "WHEN e.location_precision = 'country' OR e.location_lat IS NULL THEN 1 "
            "WHEN e.location_country = 'USA' THEN 3 ELSE 4 END AS ActionGeo_Type",
            f"CASE WHEN e.location_name IS NOT NULL THEN {_clean('e.location_name')} END AS ActionGeo_FullName",
            "e.location_country AS ActionGeo_CountryCode", f"{empty} AS ActionGeo_ADM1Code",
            f"{empty} AS ActionGeo_ADM2Code", "e.location_lat AS ActionGeo_Lat", "e.location_lon AS ActionGeo_Long",
            f"{empty} AS ActionGeo_FeatureID"]
    d = "coalesce(e.date_start, e.first_report)"
    return f"""
        WITH first AS (
            SELECT m.event_id, arg_min(coalesce(a.url, a.id), (a.published, a.added_at, a.id)) AS url,
                   min(a.added_at) AS added
            FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY m.event_id)
        SELECT CAST(('0x' || substr(e.event_id, 2)) AS BIGINT) AS GLOBALEVENTID,
               CAST(strftime({d}, '%Y%m%d') AS BIGINT) AS SQLDATE,
               CAST(strftime({d}, '%Y%m') AS BIGINT) AS MonthYear, year({d}) AS Year,
               round(year({d}) + (month({d}) * 30 + day({d})) / 365.0, 4) AS FractionDate,
               {', '.join(actor)},
               CASE WHEN coalesce(e.sentence_index, 99) <= 2 THEN 1 ELSE 0 END AS IsRootEvent,
               e.cameo AS EventCode, substr(e.cameo, 1, 3) AS EventBaseCode, e.root AS EventRootCode,
               e.quad_class AS QuadClass, e.goldstein AS GoldsteinScale, e.mention_count AS NumMentions,
               e.source_count AS NumSources, e.article_count AS NumArticles, CAST(NULL AS DOUBLE) AS AvgTone,
               {', '.join(geo)},
               CAST(strftime(first.added, '%Y%m%d%H%M%S') AS BIGINT) AS DATEADDED,
               {_clean('first.url')} AS SOURCEURL
        FROM events e JOIN first USING (event_id)
        ORDER BY SQLDATE NULLS LAST, e.event_id"""


def export_gdelt(store: Store, path: str | Path) -> int:
    """GDELT 2.0 event table: 61 tab-separated columns, no header (see module doc). Returns rows."""
    store._fresh()
    con = store.connection()
    try:
        rel = con.sql(gdelt_select())
        names = rel.columns
        assert names == [n for n, _ in GDELT_COLUMNS], "GDELT column order"
        rows = rel.fetchall()
    except duckdb.Error as exc:
        raise StoreError(f"cannot export GDELT table: {exc}") from exc
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write("\t".join("" if v is None else repr(v) if isinstance(v, float) else str(v)
                               for v in row) + "\n")
    return len(rows)


def read_gdelt(path: str | Path) -> Any:
    """Load a GDELT event file (ours or GDELT's) with DuckDB as a polars DataFrame with GDELT names/types."""
    con = duckdb.connect()
    try:
        cols = ", ".join(f"'{n}': '{t}'" for n, t in gdelt_duckdb_types().items())
        p = str(path).replace("'", "''")
        return con.sql(f"SELECT * FROM read_csv('{p}', delim='\\t', header=false, quote='', escape='', "
                       f"columns={{{cols}}})").pl()
    finally:
        con.close()


def plover_records(store: Store) -> list[dict[str, Any]]:
    """Events as PLOVER/POLECAT-style dicts with their reports (see module doc)."""
    store._fresh()
    con = store.connection()
    events = con.sql("SELECT * FROM events ORDER BY date_start NULLS LAST, event_id").pl().to_dicts()
    reports: dict[str, list[dict[str, Any]]] = {}
    for r in con.sql("""SELECT m.event_id, m.mention_id, m.article_id, a.source AS outlet, a.url,
                               strftime(a.published, '%Y-%m-%d') AS published, m.evidence_text AS evidence,
                               m.sentence, m.status, m.cameo, m.date, m.confidence
                        FROM mentions m JOIN articles a ON a.id = m.article_id
                        ORDER BY a.published NULLS LAST, m.article_id, m.idx""").pl().to_dicts():
        reports.setdefault(r.pop("event_id"), []).append(r)

    def actor(e: dict[str, Any], side: str) -> dict[str, Any] | None:
        if e[f"{side}_code"] is None:
            return None
        return {k: e[f"{side}_{k}"] for k in ("name", "code", "country", "role", "entity", "text")}

    out = []
    for e in events:
        loc = None
        if e["location_name"] or e["location_country"]:
            loc = {"name": e["location_name"], "country": e["location_country"], "lat": e["location_lat"],
                   "lon": e["location_lon"], "precision": e["location_precision"],
                   "inferred": bool(e.get("location_inferred"))}
        out.append({
            "event_id": e["event_id"], "event_date": e["date"], "date_precision": e["date_precision"],
            "date_fallback": e["date_fallback"], "event_type": e["plover"], "event_mode": e["plover_mode"],
            "status": e["status"], "cameo": e["cameo"], "cameo_name": e["cameo_name"],
            "quad_class": e["quad_class"], "goldstein": e["goldstein"],
            "actors": {"source": actor(e, "source"), "target": actor(e, "target")}, "location": loc,
            "linked_event_id": e["linked_event_id"], "num_reports": e["article_count"],
            "num_sources": e["source_count"], "num_mentions": e["mention_count"],
            "first_report": e["first_report"].isoformat() if e["first_report"] else None,
            "last_report": e["last_report"].isoformat() if e["last_report"] else None,
            "confidence": e["confidence"], "reports": reports.get(e["event_id"], []),
        })
    return out


def export_plover(store: Store, path: str | Path) -> int:
    recs = plover_records(store)
    with open(path, "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(recs)


def export(store: Store, fmt: str, path: str | Path, level: str = "events") -> int:
    """Write ``fmt`` (one of :data:`FORMATS`) to ``path``; returns the number of rows/objects."""
    if fmt == "jsonl":
        return export_jsonl(store, path, level)
    if fmt == "parquet":
        return export_parquet(store, path, level)
    if fmt == "csv":
        return export_csv(store, path, level)
    if fmt == "gdelt":
        return export_gdelt(store, path)
    if fmt == "plover":
        return export_plover(store, path)
    raise StoreError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
