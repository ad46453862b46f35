"""The event store: an embedded DuckDB database of coded articles, their mentions and deduplicated events.

Schema (version 2; ``docs/store.md`` has the column-by-column description):

``articles``      one row per article: ``id`` (primary key), ``url``, ``source`` (the outlet), ``title``,
                  ``published`` DATE, ``text_hash`` (SHA-256 of the text, or of the coded output when
                  the text is not given), ``skipped``, ``n_mentions``, ``added_at``.
``mentions``      one row per coded event per article: ``mention_id`` (``<article id>#<index>``),
                  ``article_id``, ``idx``, ``source_{text,name,code,country,role,entity}``,
                  ``target_{...}`` (NULL for one-sided events), ``speaker_code``, ``cameo``, ``cameo_name``,
                  ``root``, ``plover``, ``plover_mode``, ``quad_class``, ``goldstein``, ``status``, ``date``
                  (ISO day or month), ``date_precision``, ``date_fallback``, ``date_start``/``date_end``
                  DATE (the day, or the month's first/last day), ``location_{name,country,lat,lon,precision,inferred}``,
                  ``evidence_{text,start,end}``, ``sentence``, ``sentence_index``, ``confidence``, ``rule``,
                  ``knowledge_version``, ``event_id`` (set by :meth:`Store.rebuild_events`).
``events``        one row per real-world event: ``event_id``, ``seed_mention_id`` (earliest mention — the
                  id is its hash), representative fields (from the most precise, best-placed, most confident
                  mention) with the mention column names, ``mention_count``, ``article_count``,
                  ``source_count`` (distinct outlets), ``first_report``/``last_report`` (publication
                  dates), ``confidence`` (1 − Π(1 − cᵢ) over outlets, cᵢ the best mention of outlet i: it
                  grows with independent reports), ``linked_event_id`` (planned ↔ occurred).
``actors``        ``actor_id`` (KB entity id, else the code), ``code``, ``name``, ``country``, ``role``,
                  ``mention_count``, ``event_count``.
``places``        ``name``, ``country``, ``lat``, ``lon``, ``mention_count``, ``event_count``.
``meta``          key/value (``events_stale``: mentions changed since the last rebuild).
``schema_version`` ``version``, ``name``, ``applied_at``: one row per migration applied (on open).

The store never prints; errors are :class:`~tacitus.errors.StoreError`.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from .dedup import Mention, deduplicate, mention_id
from .errors import StoreError
from .records import CodedArticle, Event

if TYPE_CHECKING:
    import polars as pl

ACTOR_FIELDS = ("text", "name", "code", "country", "role", "entity")

_MENTION_COLUMNS: list[tuple[str, pa.DataType, str]] = [
    ("mention_id", pa.string(), "VARCHAR NOT NULL"),
    ("article_id", pa.string(), "VARCHAR NOT NULL"),
    ("idx", pa.int32(), "INTEGER"),
    *[(f"{side}_{f}", pa.string(), "VARCHAR") for side in ("source", "target") for f in ACTOR_FIELDS],
    ("speaker_code", pa.string(), "VARCHAR"),
    ("cameo", pa.string(), "VARCHAR"),
    ("cameo_name", pa.string(), "VARCHAR"),
    ("root", pa.string(), "VARCHAR"),
    ("plover", pa.string(), "VARCHAR"),
    ("plover_mode", pa.string(), "VARCHAR"),
    ("quad_class", pa.int8(), "TINYINT"),
    ("goldstein", pa.float64(), "DOUBLE"),
    ("status", pa.string(), "VARCHAR"),
    ("date", pa.string(), "VARCHAR"),
    ("date_precision", pa.string(), "VARCHAR"),
    ("date_fallback", pa.bool_(), "BOOLEAN"),
    ("date_start", pa.date32(), "DATE"),
    ("date_end", pa.date32(), "DATE"),
    ("location_name", pa.string(), "VARCHAR"),
    ("location_country", pa.string(), "VARCHAR"),
    ("location_lat", pa.float64(), "DOUBLE"),
    ("location_lon", pa.float64(), "DOUBLE"),
    ("location_precision", pa.string(), "VARCHAR"),
    ("evidence_text", pa.string(), "VARCHAR"),
    ("evidence_start", pa.int32(), "INTEGER"),
    ("evidence_end", pa.int32(), "INTEGER"),
    ("sentence", pa.string(), "VARCHAR"),
    ("sentence_index", pa.int32(), "INTEGER"),
    ("confidence", pa.float64(), "DOUBLE"),
    ("rule", pa.string(), "VARCHAR"),
    ("knowledge_version", pa.string(), "VARCHAR"),
    ("location_inferred", pa.bool_(), "BOOLEAN"),  # schema v3
]
_ADDED_IN_V3 = ("location_inferred",)
MENTION_SCHEMA = pa.schema([(n, t) for n, t, _ in _MENTION_COLUMNS])
ARTICLE_SCHEMA = pa.schema([("id", pa.string()), ("url", pa.string()), ("source", pa.string()),
                            ("title", pa.string()), ("published", pa.date32()), ("text_hash", pa.string()),
                            ("skipped", pa.string()), ("n_mentions", pa.int32())])

# Representative columns an event copies from its best mention.
EVENT_FIELDS = [n for n, _, _ in _MENTION_COLUMNS
                if n not in ("mention_id", "article_id", "idx", "sentence", "sentence_index", "evidence_start",
                             "evidence_end", "confidence")]

_SQL_V1 = [
    """CREATE TABLE articles (id VARCHAR PRIMARY KEY, url VARCHAR, source VARCHAR, title VARCHAR,
       published DATE, text_hash VARCHAR NOT NULL, skipped VARCHAR, n_mentions INTEGER,
       added_at TIMESTAMP DEFAULT current_timestamp)""",
    "CREATE TABLE mentions (" + ", ".join(f"{n} {t}" for n, _, t in _MENTION_COLUMNS if n not in _ADDED_IN_V3)
    + ", event_id VARCHAR)",
    "CREATE TABLE events (event_id VARCHAR, seed_mention_id VARCHAR, "
    + ", ".join(f"{n} {t}" for n, _, t in _MENTION_COLUMNS if n in EVENT_FIELDS and n not in _ADDED_IN_V3)
    + ", sentence_index INTEGER, mention_count INTEGER, article_count INTEGER, source_count INTEGER,"
      " first_report DATE, last_report DATE, confidence DOUBLE, linked_event_id VARCHAR)",
    "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
]
_SQL_V2 = [
    """CREATE TABLE actors (actor_id VARCHAR, code VARCHAR, name VARCHAR, country VARCHAR, role VARCHAR,
       mention_count INTEGER, event_count INTEGER)""",
    """CREATE TABLE places (name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, mention_count INTEGER,
       event_count INTEGER)""",
]
MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "articles, mentions, events, meta", _SQL_V1),
    (2, "actors and places", _SQL_V2),
    (3, "location_inferred", [f"ALTER TABLE {t} ADD COLUMN location_inferred BOOLEAN" for t in ("mentions", "events")]),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]

_READ_STATEMENTS = frozenset({"SELECT", "EXPLAIN"})


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _content_hash(c: CodedArticle) -> str:
    return "coded:" + text_hash(json.dumps(c.to_dict(), sort_keys=True, ensure_ascii=False))


def _iso(s: str | None) -> date | None:
    if not s or len(s) < 10:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _date_span(e: Event) -> tuple[date | None, date | None]:
    if not e.date:
        return None, None
    if len(e.date) == 7 or e.date_precision == "month":
        try:
            y, m = int(e.date[:4]), int(e.date[5:7])
            start = date(y, m, 1)
            end = date.fromordinal(date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1)
            return start, end
        except ValueError:
            return None, None
    d = _iso(e.date)
    return d, d


def _mention_row(c: CodedArticle, i: int, e: Event) -> dict[str, Any]:
    row: dict[str, Any] = {"mention_id": mention_id(c.id, i), "article_id": c.id, "idx": i}
    for side, actor in (("source", e.source), ("target", e.target)):
        for f in ACTOR_FIELDS:
            row[f"{side}_{f}"] = getattr(actor, f) if actor else None
    start, end = _date_span(e)
    loc = e.location
    row.update(
        speaker_code=e.speaker.code if e.speaker else None, cameo=e.cameo, cameo_name=e.cameo_name,
        root=e.cameo[:2], plover=e.plover, plover_mode=e.plover_mode, quad_class=e.quad_class,
        goldstein=e.goldstein, status=e.status, date=e.date, date_precision=e.date_precision,
        date_fallback=e.date_fallback, date_start=start, date_end=end,
        location_name=loc.name if loc else None, location_country=loc.country if loc else None,
        location_lat=loc.lat if loc else None, location_lon=loc.lon if loc else None,
        location_precision=loc.precision if loc else None, location_inferred=loc.inferred if loc else None,
        evidence_text=e.evidence.text,
        evidence_start=e.evidence.start, evidence_end=e.evidence.end, sentence=e.evidence.sentence or None,
        sentence_index=e.sentence_index, confidence=float(e.confidence), rule=e.rule,
        knowledge_version=e.knowledge_version)
    return row


@dataclass
class AddResult:
    added: int = 0  # new articles
    replaced: int = 0  # articles whose text changed: their mentions were replaced
    unchanged: int = 0  # same id and text hash: nothing written
    rejected: int = 0  # items that were not CodedArticle (e.g. ingest Rejects)
    mentions: int = 0  # mention rows written

    def to_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


class Store:
    """``Store(path)``: open (creating and migrating) a store file; ``Store()`` is in memory.

    >>> store = Store()
    >>> store.add(coder.code_articles(articles))      # doctest: +SKIP
    >>> store.query(country="ISR", root="04", min_reports=2)   # doctest: +SKIP
    """

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        memory = self.path == ":memory:"
        if read_only and (memory or not Path(self.path).exists()):
            raise StoreError(f"{self.path}: cannot open read-only: no such store")
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc
        if read_only:
            if self.schema_version() < SCHEMA_VERSION:
                self.close()
                raise StoreError(f"{self.path}: store schema is older than {SCHEMA_VERSION}; open it writable "
                                 "once to migrate")
        else:
            self._migrate()

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        con = self._con
        con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR, "
                    "applied_at TIMESTAMP DEFAULT current_timestamp)")
        done = {r[0] for r in con.execute("SELECT version FROM schema_version").fetchall()}
        for version, name, statements in MIGRATIONS:
            if version in done:
                continue
            con.execute("BEGIN TRANSACTION")
            try:
                for stmt in statements:
                    con.execute(stmt)
                con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
                con.execute("COMMIT")
            except duckdb.Error as exc:
                con.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {version} ({name}) failed: {exc}") from exc

    def schema_version(self) -> int:
        try:
            rows = self._con.execute("SELECT max(version) FROM schema_version").fetchall()
        except duckdb.CatalogException:
            return 0
        return int(rows[0][0] or 0) if rows else 0

    def migrations(self) -> list[tuple[int, str]]:
        return [(int(v), n) for v, n in self._con.execute(
            "SELECT version, name FROM schema_version ORDER BY version").fetchall()]

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only")

    # ------------------------------------------------------------------ writing
    def add(self, coded_articles: Iterable[Any], texts: Mapping[str, str] | None = None,
            rebuild: bool = True) -> AddResult:
        """Add coded articles. Idempotent: an article already stored with the same id and text hash is
        left alone; one whose text changed has its row and mentions replaced.

        The text hash is that of ``texts[id]`` when given (the CLI passes the article texts), else
        ``meta["text_hash"]``, else a hash of the coded output (re-coding the same text with the same
        knowledge gives the same hash). Items that are not :class:`CodedArticle` (ingest ``Reject``) are
        counted and skipped. With ``rebuild`` (default) the events are rebuilt when anything changed.
        """
        self._writable()
        res = AddResult()
        batch: dict[str, tuple[CodedArticle, str]] = {}
        for c in coded_articles:
            if not isinstance(c, CodedArticle):
                res.rejected += 1
                continue
            if texts is not None and c.id in texts:
                h = text_hash(texts[c.id])
            else:
                h = str(c.meta.get("text_hash") or _content_hash(c))
            batch[c.id] = (c, h)  # the last version of an id in one batch wins
        if not batch:
            return res
        con = self._con
        ids = pa.table({"id": pa.array(list(batch), pa.string())})
        con.register("_new_ids", ids)
        try:
            old = dict(con.execute("SELECT a.id, a.text_hash FROM articles a JOIN _new_ids n ON a.id = n.id")
                       .fetchall())
        finally:
            con.unregister("_new_ids")
        arts: list[dict[str, Any]] = []
        rows: list[dict[str, Any]] = []
        replace: list[str] = []
        for aid, (c, h) in batch.items():
            if aid in old:
                if old[aid] == h:
                    res.unchanged += 1
                    continue
                replace.append(aid)
                res.replaced += 1
            else:
                res.added += 1
            arts.append({"id": aid, "url": c.url, "source": c.source, "title": c.title,
                         "published": _iso(c.published), "text_hash": h, "skipped": c.skipped,
                         "n_mentions": len(c.events)})
            rows.extend(_mention_row(c, i, e) for i, e in enumerate(c.events))
        if not arts:
            return res
        res.mentions = len(rows)
        a_tbl = pa.Table.from_pylist(arts, schema=ARTICLE_SCHEMA)
        m_tbl = pa.Table.from_pylist(rows, schema=MENTION_SCHEMA)
        con.execute("BEGIN TRANSACTION")
        try:
            if replace:
                r_tbl = pa.table({"id": pa.array(replace, pa.string())})
                con.register("_replace", r_tbl)
                con.execute("DELETE FROM mentions WHERE article_id IN (SELECT id FROM _replace)")
                con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM _replace)")
                con.unregister("_replace")
            con.register("_arts", a_tbl)
            con.execute("INSERT INTO articles (id, url, source, title, published, text_hash, skipped, n_mentions) "
                        "SELECT * FROM _arts")
            con.unregister("_arts")
            con.register("_ments", m_tbl)
            cols = ", ".join(MENTION_SCHEMA.names)
            con.execute(f"INSERT INTO mentions ({cols}) SELECT {cols} FROM _ments")
            con.unregister("_ments")
            con.execute("INSERT OR REPLACE INTO meta VALUES ('events_stale', '1')")
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot add articles: {exc}") from exc
        if rebuild:
            self.rebuild_events()
        return res

    def delete_article(self, article_id: str, rebuild: bool = True) -> bool:
        self._writable()
        n = self._con.execute("SELECT count(*) FROM articles WHERE id = ?", [article_id]).fetchall()[0][0]
        self._con.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
        self._con.execute("DELETE FROM articles WHERE id = ?", [article_id])
        self._con.execute("INSERT OR REPLACE INTO meta VALUES ('events_stale', '1')")
        if rebuild:
            self.rebuild_events()
        return bool(n)

    @property
    def stale(self) -> bool:
        rows = self._con.execute("SELECT value FROM meta WHERE key = 'events_stale'").fetchall()
        return bool(rows and rows[0][0] == "1")

    def load_mentions(self) -> list[Mention]:
        """All mentions as :class:`~tacitus.dedup.Mention` (for :func:`~tacitus.dedup.deduplicate`)."""
        tbl = self._con.sql(
            """SELECT m.mention_id, m.article_id, m.cameo, m.status, m.source_code, m.source_country,
                      m.source_role, m.source_entity, m.target_code, m.target_country, m.target_role,
                      m.target_entity, m.date, m.date_precision, m.date_fallback, m.location_country,
                      strftime(a.published, '%Y-%m-%d') AS published, a.source AS outlet, m.confidence
               FROM mentions m JOIN articles a ON a.id = m.article_id""").to_arrow_table()
        enabled = gc.isenabled()
        gc.disable()  # a million small tuples: keep the cyclic collector from rescanning them
        try:
            cols = [tbl.column(i).to_pylist() for i in range(tbl.num_columns)]
            return list(map(Mention._make, zip(*cols)))
        finally:
            if enabled:
                gc.enable()

    def rebuild_events(self) -> int:
        """Run deduplication over all mentions and rewrite ``events``, ``actors`` and ``places``.
        Returns the number of events."""
        self._writable()
        con = self._con
        mentions = self.load_mentions()
        result = deduplicate(mentions)
        assign = pa.table({"mention_id": pa.array([m.mention_id for m in mentions], pa.string()),
                           "event_id": pa.array(result.event_ids, pa.string())})
        links = pa.table({"event_id": pa.array(list(result.links), pa.string()),
                          "linked_event_id": pa.array(list(result.links.values()), pa.string())})
        seeds = pa.table({"event_id": pa.array(list(result.seeds), pa.string()),
                          "seed_mention_id": pa.array(list(result.seeds.values()), pa.string())})
        fields = ", ".join(f"b.{f}" for f in EVENT_FIELDS)
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("_assign", assign)
            con.register("_links", links)
            con.register("_seeds", seeds)
            con.execute("UPDATE mentions SET event_id = _assign.event_id FROM _assign "
                        "WHERE mentions.mention_id = _assign.mention_id")
            con.execute("DELETE FROM events")
            con.execute(f"""
                INSERT INTO events (event_id, seed_mention_id, {fields.replace("b.", "")}, sentence_index,
                                    mention_count, article_count, source_count, first_report, last_report,
                                    confidence, linked_event_id)
                WITH m AS (
                    SELECT m.*, a.source AS outlet, a.published AS published FROM mentions m
                    JOIN articles a ON a.id = m.article_id),
                ranked AS (
                    SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY
                        CASE WHEN date_fallback THEN 2 WHEN date_precision = 'day' THEN 0
                             WHEN date IS NULL THEN 3 ELSE 1 END,
                        coalesce(location_inferred, false), (location_lat IS NULL), (location_country IS NULL),
                        confidence DESC, mention_id) AS rk
                    FROM m),
                per_outlet AS (
                    SELECT event_id, max(confidence) AS c FROM m
                    GROUP BY event_id, coalesce(outlet, 'article:' || article_id)),
                conf AS (SELECT event_id, 1 - product(1 - least(c, 0.999)) AS confidence
                         FROM per_outlet GROUP BY event_id),
                agg AS (
                    SELECT event_id, count(*) AS mention_count, count(DISTINCT article_id) AS article_count,
                           count(DISTINCT coalesce(outlet, 'article:' || article_id)) AS source_count,
                           min(published) AS first_report, max(published) AS last_report
                    FROM m GROUP BY event_id)
                SELECT b.event_id, s.seed_mention_id, {fields}, b.sentence_index, agg.mention_count,
                       agg.article_count, agg.source_count, agg.first_report, agg.last_report,
                       round(conf.confidence, 4), l.linked_event_id
                FROM ranked b JOIN agg USING (event_id) JOIN conf USING (event_id)
                JOIN _seeds s USING (event_id) LEFT JOIN _links l USING (event_id)
                WHERE b.rk = 1 ORDER BY b.date_start NULLS LAST, b.event_id""")
            con.execute("DELETE FROM actors")
            con.execute("""
                INSERT INTO actors
                WITH a AS (
                    SELECT coalesce(source_entity, source_code) AS actor_id, source_code AS code,
                           source_name AS name, source_country AS country, source_role AS role, event_id
                    FROM mentions
                    UNION ALL
                    SELECT coalesce(target_entity, target_code), target_code, target_name, target_country,
                           target_role, event_id FROM mentions WHERE target_code IS NOT NULL)
                SELECT actor_id, code, mode(name), any_value(country), any_value(role), count(*),
                       count(DISTINCT event_id) FROM a GROUP BY actor_id, code ORDER BY actor_id, code""")
            con.execute("DELETE FROM places")
            con.execute("""
                INSERT INTO places
                SELECT location_name, location_country, any_value(location_lat), any_value(location_lon),
                       count(*), count(DISTINCT event_id) FROM mentions WHERE location_name IS NOT NULL
                GROUP BY location_name, location_country ORDER BY location_country, location_name""")
            con.execute("INSERT OR REPLACE INTO meta VALUES ('events_stale', '0')")
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot rebuild events: {exc}") from exc
        finally:
            for name in ("_assign", "_links", "_seeds"):
                con.unregister(name)
        return result.n_events

    def _fresh(self) -> None:
        if not self.read_only and self.stale:
            self.rebuild_events()

    # ------------------------------------------------------------------ reading
    def counts(self) -> dict[str, int]:
        return {t: int(self._con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0])
                for t in ("articles", "mentions", "events", "actors", "places")}

    def query(self, *, level: str = "events", actor: str | None = None, entity: str | None = None,
              country: str | None = None, role: str | None = None, root: str | None = None,
              cameo: str | None = None, plover: str | None = None, status: str | None = None,
              start: str | None = None, end: str | None = None, place: str | None = None,
              place_country: str | None = None, outlet: str | None = None, min_reports: int | None = None,
              linked: bool | None = None, limit: int | None = None) -> pl.DataFrame:
        """Events (``level="events"``) or mentions (``level="mentions"``) matching all the filters, as a
        polars DataFrame (``.to_pandas()`` if you need pandas).

        ``actor``: actor code prefix on either side (``ISR`` matches ``ISRGOV``); ``entity``, ``country``,
        ``role``: either side, exact; ``root``: CAMEO root (``04``); ``cameo``: code prefix; ``plover``:
        PLOVER type; ``status``; ``start``/``end``: ISO dates, the event date range must overlap them;
        ``place``: location name (case-insensitive); ``place_country``: ISO3; ``outlet``: an article
        source reporting it (mentions: the mention's own article source); ``min_reports``: at least this
        many articles report the event; ``linked``: has (or has not) a planned ↔ occurred link.
        """
        if level not in ("events", "mentions"):
            raise StoreError("level must be 'events' or 'mentions'")
        self._fresh()
        where: list[str] = []
        params: list[Any] = []

        def add(cond: str, *values: Any) -> None:
            where.append(cond)
            params.extend(values)

        if actor:
            add("(starts_with(t.source_code, ?) OR starts_with(t.target_code, ?))", actor.upper(), actor.upper())
        for col, value in (("entity", entity), ("country", country), ("role", role)):
            if value:
                v = value if col == "entity" else value.upper()
                add(f"(t.source_{col} = ? OR t.target_{col} = ?)", v, v)
        if root:
            add("t.root = ?", str(root).zfill(2))
        if cameo:
            add("starts_with(t.cameo, ?)", str(cameo))
        if plover:
            add("t.plover = ?", plover.upper())
        if status:
            add("t.status = ?", status)
        if start:
            add("t.date_end >= CAST(? AS DATE)", start)
        if end:
            add("t.date_start <= CAST(? AS DATE)", end)
        if place:
            add("lower(t.location_name) = lower(?)", place)
        if place_country:
            add("t.location_country = ?", place_country.upper())
        if outlet and level == "events":
            add("t.event_id IN (SELECT m.event_id FROM mentions m JOIN articles a ON a.id = m.article_id "
                "WHERE a.source = ?)", outlet)
        elif outlet:
            add("a.source = ?", outlet)
        if linked is not None:
            where.append("t.linked_event_id IS NOT NULL" if linked else "t.linked_event_id IS NULL")
        if level == "events":
            base = "SELECT t.* FROM events t"
            if min_reports:
                add("t.article_count >= ?", int(min_reports))
            order = " ORDER BY t.date_start NULLS LAST, t.event_id"
        else:
            base = ("SELECT t.*, a.source AS outlet, a.url, a.published FROM (SELECT m.*, e.linked_event_id, "
                    "e.article_count AS event_article_count FROM mentions m LEFT JOIN events e USING (event_id)) t "
                    "JOIN articles a ON a.id = t.article_id")
            if min_reports:
                add("t.event_article_count >= ?", int(min_reports))
            order = " ORDER BY t.date_start NULLS LAST, t.article_id, t.idx"
        q = base + (" WHERE " + " AND ".join(where) if where else "") + order
        if limit:
            q += f" LIMIT {int(limit)}"
        try:
            return self._con.sql(q, params=params).pl()
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {exc}") from exc

    def sql(self, query: str) -> pl.DataFrame:
        """Run one read-only SQL statement (SELECT or EXPLAIN) and return a polars DataFrame.

        It runs on a separate cursor, inside a transaction that is always rolled back, and only after
        DuckDB's parser has classified it as a read statement: writes, DDL, ATTACH/COPY/SET and multiple
        statements raise :class:`StoreError`. (DuckDB cannot open a second, read-only connection to a
        file this process already has open read-write; a store opened with ``read_only=True`` is
        additionally read-only at the database level.)
        """
        try:
            statements = duckdb.extract_statements(query)
        except duckdb.Error as exc:
            raise StoreError(f"SQL error: {exc}") from exc
        if len(statements) != 1:
            raise StoreError("sql() runs exactly one statement")
        kind = statements[0].type.name
        if kind not in _READ_STATEMENTS:
            raise StoreError(f"sql() is read-only: {kind} statements are refused")
        cur = self._con.cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
            try:
                return cur.sql(query).pl()
            finally:
                cur.execute("ROLLBACK")
        except duckdb.Error as exc:
            raise StoreError(f"SQL error: {exc}") from exc
        finally:
            cur.close()

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The underlying DuckDB connection (used by :mod:`tacitus.export`)."""
        return self._con
