"""The Tacitus web explorer: a JSON API over the event store and the coder, and an offline UI.

``create_app(db_path)`` returns a FastAPI app:

- ``/`` — the single-page UI (``static/``: plain HTML/CSS/JS, no CDN, an offline world map);
- ``/docs`` — a self-contained API reference rendered from ``/openapi.json``;
- ``/api/...`` — JSON endpoints (see the OpenAPI document). Errors are
  ``{"error": {"code": "...", "message": "..."}}`` with a matching HTTP status.

Safety: the store is opened **read-only** for every request (a short-lived connection, so other processes
can still write between requests); only ``POST /api/code`` with ``save: true`` opens a writable
:class:`~tacitus.store.Store`, inside the handler, while no read is running. User input never becomes SQL:
filters go through :meth:`Store.query` parameters, and free-text search / id look-ups are done on the
returned DataFrames. Request bodies over ``max_body`` bytes get 413. The UI builds its DOM with
``textContent`` only and the pages are served with a strict Content-Security-Policy (no inline scripts).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import polars as pl
from fastapi import Depends, FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import InputError, StoreError, TacitusError
from ..store import Store

STATIC = Path(__file__).parent / "static"
MAX_BODY_DEFAULT = 2 * 1024 * 1024
STATUSES = ("occurred", "planned", "negated", "hypothetical")
EVENT_ID_RE = r"^E[0-9a-f]{15}$"
EXPORT_TYPES = {"jsonl": ("application/x-ndjson", "jsonl"), "csv": ("text/csv", "csv"),
                "gdelt": ("text/tab-separated-values", "tsv"), "plover": ("application/x-ndjson", "jsonl")}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_STATUS_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "payload_too_large",
                 415: "unsupported_media_type", 422: "validation_error", 500: "internal_error",
                 503: "store_unavailable"}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"error": {"code": code, "message": message, **extra}}
    return JSONResponse(jsonable_encoder(body), status_code=status)


# ---------------------------------------------------------------------------------------------- middleware
def _replay(chunks: list[bytes], first: dict | None, receive: Callable) -> Callable:
    """A ``receive`` that gives the buffered body (or ``first``) once, then defers to the real one."""
    pending: list[dict] = [first] if first is not None else [
        {"type": "http.request", "body": b"".join(chunks), "more_body": False}]

    async def replay() -> dict:
        if pending:
            return pending.pop()
        return await receive()

    return replay


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413 — by Content-Length, and for chunked bodies."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_bytes
            except ValueError:
                too_big = False
            if too_big:
                await self._reject(send)
                return
        # Read the whole body first (it is small by construction) so that an over-long chunked body is
        # refused before any handler sees it; then replay it.
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([], message, receive), send)
                return
            body = message.get("body", b"")
            received += len(body)
            if received > self.max_bytes:
                await self._reject(send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(chunks, None, receive), send)

    async def _reject(self, send: Callable) -> None:
        resp = _error(413, "payload_too_large", f"request body is larger than {self.max_bytes:,} bytes")
        await send({"type": "http.response.start", "status": 413, "headers": resp.raw_headers})
        await send({"type": "http.response.body", "body": resp.body})


class SecurityHeadersMiddleware:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                message["headers"] = list(message.get("headers") or []) + extra
            await send(message)

        await self.app(scope, receive, with_headers)


# ---------------------------------------------------------------------------------------------- store access
class _RWLock:
    """Many concurrent readers or one writer (DuckDB cannot open a file read-write in a process that has
    it open read-only)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._writer:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._readers:
                self._cond.wait()
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class StoreAccess:
    """Opens the store read-only per request; :meth:`write` is the only way to a writable store."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.lock = _RWLock()

    @contextmanager
    def read(self) -> Iterator[Store]:
        with self.lock.reading():
            # No file yet: an empty in-memory store stands in (nothing is created on disk by reading).
            with self._open(lambda: Store(self.path, read_only=True) if self.path.exists() else Store()) as store:
                yield store

    @contextmanager
    def write(self) -> Iterator[Store]:
        with self.lock.writing():
            with self._open(lambda: Store(self.path)) as store:
                yield store

    @staticmethod
    @contextmanager
    def _open(factory: Callable[[], Store]) -> Iterator[Store]:
        try:
            store = factory()
        except StoreError as exc:
            raise ApiError(503, "store_unavailable", str(exc)) from exc
        try:
            yield store
        finally:
            store.close()


# ---------------------------------------------------------------------------------------------- models
class CodeRequest(BaseModel):
    """An article to code. ``save: true`` also adds it to the store (the only write the API makes)."""

    text: str = Field(..., min_length=1, description="Article text (plain text).")
    published: date | None = Field(None, description="Publication date (ISO), the anchor for relative dates.")
    id: str | None = Field(None, max_length=200, description="Article id; default: a hash of the text.")
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=200, description="Outlet name.")
    url: str | None = Field(None, max_length=2000)
    save: bool = Field(False, description="Add the coded article to the store.")

    model_config = {"json_schema_extra": {"examples": [{
        "text": "Israeli Prime Minister Benjamin Netanyahu will fly to Moscow on Monday to meet Russian "
                "President Vladimir Putin.", "published": "2018-01-28", "save": False}]}}


class EventFilters:
    """Query parameters shared by ``/api/events`` and ``/api/stats/*``."""

    def __init__(
        self,
        start: Annotated[date | None, Query(description="Events whose date range ends on or after this day.")] = None,
        end: Annotated[date | None, Query(description="Events whose date range starts on or before this day.")] = None,
        actor: Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z0-9]+$",
                                           description="Actor code prefix on either side (ISR matches ISRGOV).")] = None,
        country: Annotated[str | None, Query(max_length=3, pattern=r"^[A-Za-z]{3}$",
                                             description="ISO3 country of either actor.")] = None,
        entity: Annotated[str | None, Query(max_length=200, description="KB entity id of either actor.")] = None,
        root: Annotated[str | None, Query(pattern=r"^[0-9]{1,2}$", description="CAMEO root, e.g. 04.")] = None,
        cameo: Annotated[str | None, Query(pattern=r"^[0-9]{1,4}$", description="CAMEO code prefix.")] = None,
        plover: Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z_\-]+$",
                                            description="PLOVER event type.")] = None,
        status: Annotated[Literal["occurred", "planned", "negated", "hypothetical"] | None, Query()] = None,
        min_reports: Annotated[int | None, Query(ge=1, le=100000, description="At least this many articles.")] = None,
        place: Annotated[str | None, Query(max_length=200, description="Location name (case-insensitive).")] = None,
        place_country: Annotated[str | None, Query(max_length=3, pattern=r"^[A-Za-z]{3}$",
                                                   description="ISO3 country of the location.")] = None,
        q: Annotated[str | None, Query(max_length=200, description="Text search in the evidence of any report "
                                                                   "(case-insensitive substring).")] = None,
    ) -> None:
        self.start, self.end, self.actor, self.country, self.entity = start, end, actor, country, entity
        self.root, self.cameo, self.plover, self.status = root, cameo, plover, status
        self.min_reports, self.place, self.place_country, self.q = min_reports, place, place_country, q

    def apply(self, store: Store) -> pl.DataFrame:
        df = store.query(actor=self.actor or None, country=self.country or None, entity=self.entity or None,
                         root=self.root or None, cameo=self.cameo or None, plover=self.plover or None,
                         status=self.status, start=self.start.isoformat() if self.start else None,
                         end=self.end.isoformat() if self.end else None, place=self.place or None,
                         place_country=self.place_country or None, min_reports=self.min_reports)
        q = (self.q or "").strip().lower()
        if q and df.height:
            mentions = store.query(level="mentions")
            hit = mentions.filter(pl.col("evidence_text").str.to_lowercase().str.contains(q, literal=True))
            ids = hit["event_id"].unique().to_list()
            df = df.filter(pl.col("event_id").is_in(ids)
                           | pl.col("evidence_text").str.to_lowercase().str.contains(q, literal=True))
        return df


def _rows(df: pl.DataFrame) -> list[dict[str, Any]]:
    out = []
    for r in df.to_dicts():
        for k, v in r.items():
            if isinstance(v, float) and math.isnan(v):
                r[k] = None
        out.append(r)
    return out


def _cameo_table() -> list[dict[str, Any]]:
    text = (resources.files("tacitus") / "knowledge" / "data" / "cameo.tsv").read_text(encoding="utf-8")
    rows = []
    for r in csv.DictReader(io.StringIO(text), delimiter="\t"):
        rows.append({"code": r["code"], "name": r["name"], "plover": r["plover"],
                     "plover_mode": r["plover_mode"] or None, "quad_class": int(r["quad_class"]),
                     "goldstein": float(r["goldstein"])})
    return rows


def _period_range(first: date, last: date, bucket: str) -> list[date]:
    out = []
    d = first
    while d <= last and len(out) < 5000:
        out.append(d)
        if bucket == "day":
            d += timedelta(days=1)
        elif bucket == "month":
            d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        else:
            d = date(d.year + 1, 1, 1)
    return out


def _label(d: date, bucket: str) -> str:
    return d.isoformat() if bucket == "day" else d.isoformat()[:7] if bucket == "month" else str(d.year)


# ---------------------------------------------------------------------------------------------- app
def create_app(db_path: str | Path, coder_factory: Callable[[], Any] | None = None, *,
               max_body: int = MAX_BODY_DEFAULT, preload: bool = False) -> FastAPI:
    """The explorer app over the store at ``db_path`` (created on the first save if missing).

    ``coder_factory`` builds the :class:`~tacitus.Coder` on first use (default ``tacitus.Coder``);
    ``preload`` builds it in a background thread at startup so the first ``/api/code`` is fast.
    """
    access = StoreAccess(db_path)
    coder_lock = threading.Lock()
    state: dict[str, Any] = {"coder": None}
    cameo = _cameo_table()
    cameo_by_code = {c["code"]: c for c in cameo}

    def get_coder() -> Any:
        with coder_lock:
            if state["coder"] is None:
                if coder_factory is not None:
                    state["coder"] = coder_factory()
                else:
                    from ..coder import Coder

                    state["coder"] = Coder()
            return state["coder"]

    @asynccontextmanager
    async def lifespan(_app: FastAPI):  # type: ignore[no-untyped-def]
        if preload:
            threading.Thread(target=get_coder, name="tacitus-coder-preload", daemon=True).start()
        yield

    app = FastAPI(
        title="Tacitus explorer API", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        description="Code news articles into CAMEO/PLOVER events and explore the Tacitus event store. "
                    "Errors are `{\"error\": {\"code\": ..., \"message\": ...}}`. The store is read-only "
                    "except `POST /api/code` with `save: true`.")
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body)
    app.add_middleware(SecurityHeadersMiddleware)
    app.state.access = access

    # ------------------------------------------------------------------ errors
    @app.exception_handler(ApiError)
    async def _api_error(_r: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_r: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, f"http_{exc.status_code}")
        return _error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_r: Request, exc: RequestValidationError) -> JSONResponse:
        errs = exc.errors()
        parts = []
        for e in errs[:5]:
            loc = ".".join(str(x) for x in e.get("loc", ()) if x not in ("body", "query", "path"))
            parts.append(f"{loc or 'request'}: {e.get('msg')}")
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errs]
        return _error(422, "validation_error", "; ".join(parts) or "invalid request", details=details)

    @app.exception_handler(InputError)
    async def _input_error(_r: Request, exc: InputError) -> JSONResponse:
        return _error(422, "invalid_input", str(exc))

    @app.exception_handler(StoreError)
    async def _store_error(_r: Request, exc: StoreError) -> JSONResponse:
        return _error(500, "store_error", str(exc))

    @app.exception_handler(TacitusError)
    async def _tacitus_error(_r: Request, exc: TacitusError) -> JSONResponse:
        return _error(500, "tacitus_error", str(exc))

    @app.exception_handler(Exception)
    async def _internal_error(_r: Request, exc: Exception) -> JSONResponse:
        return _error(500, "internal_error", f"{type(exc).__name__}: {exc}")

    # ------------------------------------------------------------------ pages
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    # ------------------------------------------------------------------ meta
    @app.get("/api/meta", tags=["meta"], summary="Vocabularies and store counts")
    def meta() -> dict[str, Any]:
        """CAMEO roots, PLOVER types and statuses (for filter menus) and the store's row counts."""
        with access.read() as store:
            counts = store.counts()
            span = store.sql("SELECT min(date_start) AS first, max(date_end) AS last FROM events").to_dicts()[0]
        roots = [c for c in cameo if len(c["code"]) == 2]
        plover = sorted({c["plover"] for c in cameo if c["plover"]})
        return {"version": __version__, "store": Path(db_path).name, "counts": counts, "first_date": span["first"],
                "last_date": span["last"], "roots": roots, "plover": plover, "statuses": list(STATUSES)}

    # ------------------------------------------------------------------ coding
    @app.post("/api/code", tags=["coding"], summary="Code an article (optionally save it)")
    def code(req: CodeRequest) -> dict[str, Any]:
        """Code one article. Returns the text as coded (evidence and actor offsets refer to it) and its
        events (the fields of `tacitus code --format jsonl`). With `save: true` the coded article is added
        to the store and each event gets its store `event_id`."""
        from ..ingest import Reject, make_article

        coder = get_coder()
        aid = (req.id or "").strip() or "web-" + hashlib.sha1(req.text.encode("utf-8")).hexdigest()[:12]
        max_chars = getattr(getattr(coder, "config", None), "max_chars", 200_000)
        article = make_article(aid, req.text, req.published.isoformat() if req.published else None,
                               title=req.title, source=req.source, url=req.url, max_chars=max_chars)
        with coder_lock:
            coded = coder.code_article(article)
        if isinstance(coded, Reject):
            raise ApiError(422, "not_coded", coded.reason)
        events = []
        for i, e in enumerate(coded.events):
            d = e.to_dict()
            d["index"] = i
            d["cameo_root"] = e.cameo[:2]
            root = cameo_by_code.get(e.cameo[:2])
            d["cameo_root_name"] = root["name"] if root else None
            events.append(d)
        saved = None
        if req.save:
            with access.write() as store:
                res = store.add([coded], texts={coded.id: article.text})
                mentions = store.query(level="mentions").filter(pl.col("article_id") == coded.id)
                ids = dict(zip(mentions["idx"].to_list(), mentions["event_id"].to_list()))
            for d in events:
                d["event_id"] = ids.get(d["index"])
            saved = res.to_dict()
        return {"article": {"id": coded.id, "published": coded.published, "title": article.title,
                            "text": article.text, "skipped": coded.skipped},
                "events": events, "saved": saved}

    # ------------------------------------------------------------------ events
    @app.get("/api/events", tags=["events"], summary="Search events (filters + pagination)")
    def events(
        filters: Annotated[EventFilters, Depends()],
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
        sort: Annotated[Literal["date", "-date", "reports", "confidence"], Query()] = "date",
    ) -> dict[str, Any]:
        """Deduplicated events matching all filters. `total` is the number of matches before pagination."""
        with access.read() as store:
            df = filters.apply(store)
        if sort == "-date":
            df = df.sort(["date_start", "event_id"], descending=[True, False], nulls_last=True)
        elif sort == "reports":
            df = df.sort(["article_count", "date_start"], descending=[True, False], nulls_last=True)
        elif sort == "confidence":
            df = df.sort(["confidence", "date_start"], descending=[True, False], nulls_last=True)
        return {"total": df.height, "limit": limit, "offset": offset, "items": _rows(df.slice(offset, limit))}

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with all its reports")
    def event(event_id: str) -> dict[str, Any]:
        """The event's representative fields, its reports (one per mention, with evidence and sentence,
        outlet, URL and publication date) and the linked planned ↔ occurred event, if any."""
        import re

        if not re.match(EVENT_ID_RE, event_id):
            raise ApiError(404, "not_found", f"no event {event_id!r}")
        with access.read() as store:
            ev = store.query().filter(pl.col("event_id") == event_id)
            if not ev.height:
                raise ApiError(404, "not_found", f"no event {event_id!r}")
            row = _rows(ev)[0]
            reports = store.query(level="mentions").filter(pl.col("event_id") == event_id)
            titles = store.sql("SELECT id AS article_id, title FROM articles")
            linked = None
            if row.get("linked_event_id"):
                lk = store.query().filter(pl.col("event_id") == row["linked_event_id"])
                linked = _rows(lk)[0] if lk.height else None
        reports = reports.join(titles, on="article_id", how="left").sort(["published", "article_id", "idx"],
                                                                          nulls_last=True)
        keep = ["mention_id", "article_id", "title", "outlet", "url", "published", "status", "date",
                "date_precision", "date_fallback", "cameo", "cameo_name", "source_name", "source_code",
                "target_name", "target_code", "location_name", "location_country", "evidence_text",
                "evidence_start", "evidence_end", "sentence", "sentence_index", "confidence", "rule",
                "knowledge_version"]
        row["reports"] = _rows(reports.select([c for c in keep if c in reports.columns]))
        row["linked_event"] = linked
        return row

    # ------------------------------------------------------------------ actors
    def _kb() -> Any:
        return get_coder().kb

    def _kb_info(actor_id: str) -> dict[str, Any] | None:
        kb = _kb()
        person = kb.people.get(actor_id)
        if person is not None:
            return {"kind": "person", "id": person.id, "name": person.name, "aliases": list(person.aliases),
                    "nationality": person.nationality,
                    "roles": [{"code": r.code, "title": r.title, "start": r.start, "end": r.end}
                              for r in sorted(person.roles, key=lambda r: r.start or date.min)]}
        for org in kb.organizations:
            if getattr(org, "id", None) == actor_id:
                d = {k: getattr(org, k) for k in getattr(org, "__slots__", ()) if not k.startswith("_")}
                d.update(kind="organization")
                return jsonable_encoder(d)
        country = kb.countries.get(actor_id)
        if country is not None:
            return {"kind": "country", "id": country.iso3, "name": country.name, "capital": country.capital,
                    "aliases": list(country.aliases), "region": country.region}
        return None

    @app.get("/api/actors", tags=["actors"], summary="Actors in the store")
    def actors(
        q: Annotated[str | None, Query(max_length=100, description="Substring of the id, code or name.")] = None,
        country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        """One row per (actor id, code): the KB entity id (else the code), name, country, role and counts,
        most active first."""
        with access.read() as store:
            df = store.sql("SELECT * FROM actors")
        if q:
            ql = q.strip().lower()
            df = df.filter(pl.col("actor_id").str.to_lowercase().str.contains(ql, literal=True)
                           | pl.col("code").str.to_lowercase().str.contains(ql, literal=True)
                           | pl.col("name").fill_null("").str.to_lowercase().str.contains(ql, literal=True))
        if country:
            df = df.filter(pl.col("country") == country.upper())
        df = df.sort(["event_count", "mention_count", "actor_id"], descending=[True, True, False])
        return {"total": df.height, "limit": limit, "offset": offset, "items": _rows(df.slice(offset, limit))}

    @app.get("/api/actors/{actor_id}", tags=["actors"], summary="One actor: KB roles and events")
    def actor(actor_id: str) -> dict[str, Any]:
        """The actor's codes in the store, its knowledge-base record (for people: roles with dates) and its
        events as source and as target."""
        if len(actor_id) > 200:
            raise ApiError(404, "not_found", "no such actor")
        with access.read() as store:
            rows = store.sql("SELECT * FROM actors").filter(pl.col("actor_id") == actor_id)
            evs = store.query()
        info = _kb_info(actor_id)
        if not rows.height and info is None:
            raise ApiError(404, "not_found", f"no actor {actor_id!r}")
        src_id = pl.coalesce(pl.col("source_entity"), pl.col("source_code"))
        tgt_id = pl.coalesce(pl.col("target_entity"), pl.col("target_code"))
        as_source = evs.filter(src_id == actor_id)
        as_target = evs.filter(tgt_id == actor_id)
        names = rows["name"].drop_nulls().to_list()
        return {"actor_id": actor_id, "name": (info or {}).get("name") or (names[0] if names else actor_id),
                "codes": _rows(rows.sort("event_count", descending=True)), "kb": info,
                "as_source": _rows(as_source), "as_target": _rows(as_target)}

    # ------------------------------------------------------------------ stats
    @app.get("/api/stats/timeline", tags=["stats"], summary="Event counts over time by PLOVER type")
    def timeline(
        filters: Annotated[EventFilters, Depends()],
        bucket: Annotated[Literal["auto", "day", "month", "year"], Query()] = "auto",
    ) -> dict[str, Any]:
        """Counts of matching events per period (by event start date) and PLOVER type. `auto` picks days for
        spans up to 92 days, months up to 10 years, else years. Undated events are counted apart."""
        with access.read() as store:
            df = filters.apply(store)
        dated = df.filter(pl.col("date_start").is_not_null())
        undated = df.height - dated.height
        types = (df.group_by("plover").len().sort(["len", "plover"], descending=[True, False])["plover"]
                 .fill_null("OTHER").to_list()) if df.height else []
        if not dated.height:
            return {"bucket": "day" if bucket == "auto" else bucket, "types": types, "periods": [],
                    "total": df.height, "undated": undated}
        first, last = dated["date_start"].min(), dated["date_start"].max()
        if bucket == "auto":
            span = (last - first).days
            bucket = "day" if span <= 92 else "month" if span <= 3660 else "year"
        trunc = {"day": "1d", "month": "1mo", "year": "1y"}[bucket]
        counts = (dated.with_columns(pl.col("date_start").dt.truncate(trunc).alias("period"))
                  .group_by(["period", "plover"]).len())
        by_period: dict[date, dict[str, int]] = {}
        for r in counts.to_dicts():
            by_period.setdefault(r["period"], {})[r["plover"] or "OTHER"] = int(r["len"])
        start = min(by_period)
        periods = [{"period": _label(d, bucket), "start": d, "counts": by_period.get(d, {}),
                    "total": sum(by_period.get(d, {}).values())}
                   for d in _period_range(start, max(by_period), bucket)]
        return {"bucket": bucket, "types": types, "periods": periods, "total": df.height, "undated": undated}

    @app.get("/api/stats/dyads", tags=["stats"], summary="Top dyads: who acts on whom")
    def dyads(
        filters: Annotated[EventFilters, Depends()],
        limit: Annotated[int, Query(ge=1, le=200)] = 15,
    ) -> dict[str, Any]:
        """(source code, target code) pairs by number of matching events, with cooperative (QuadClass 1–2)
        and conflictual (3–4) counts and the mean Goldstein score."""
        with access.read() as store:
            df = filters.apply(store)
        df = df.filter(pl.col("target_code").is_not_null())
        if not df.height:
            return {"total": 0, "items": []}
        g = (df.group_by(["source_code", "target_code"])
             .agg(pl.len().alias("events"), pl.col("source_name").mode().first().alias("source_name"),
                  pl.coalesce(pl.col("source_entity"), pl.col("source_code")).mode().first().alias("source_id"),
                  pl.col("target_name").mode().first().alias("target_name"),
                  pl.coalesce(pl.col("target_entity"), pl.col("target_code")).mode().first().alias("target_id"),
                  (pl.col("quad_class") <= 2).sum().alias("cooperative"),
                  (pl.col("quad_class") >= 3).sum().alias("conflictual"),
                  pl.col("goldstein").mean().round(2).alias("goldstein_mean"),
                  pl.col("article_count").sum().alias("reports"))
             .sort(["events", "reports", "source_code", "target_code"], descending=[True, True, False, False]))
        return {"total": g.height, "items": _rows(g.head(limit))}

    @app.get("/api/stats/places", tags=["stats"], summary="Event locations")
    def places(filters: Annotated[EventFilters, Depends()]) -> dict[str, Any]:
        """Matching events grouped by place (those with coordinates, for the map) and by location country
        (all located events, including country-level ones without coordinates)."""
        with access.read() as store:
            df = filters.apply(store)
        located = df.filter(pl.col("location_lat").is_not_null() & pl.col("location_lon").is_not_null())
        pts = (located.group_by(["location_name", "location_country"])
               .agg(pl.col("location_lat").first().alias("lat"), pl.col("location_lon").first().alias("lon"),
                    pl.len().alias("events"), pl.col("plover").mode().first().alias("top_plover"))
               .sort(["events", "location_name"], descending=[True, False])
               .rename({"location_name": "name", "location_country": "country"})) if located.height else None
        by_country = (df.filter(pl.col("location_country").is_not_null()).group_by("location_country").len()
                      .sort(["len", "location_country"], descending=[True, False])
                      .rename({"location_country": "country", "len": "events"}))
        return {"total": df.height, "located": located.height,
                "places": _rows(pts) if pts is not None else [], "countries": _rows(by_country)}

    # ------------------------------------------------------------------ export
    @app.get("/api/export", tags=["export"], summary="Download the events table",
             response_class=FileResponse,
             responses={200: {"description": "The export file", "content": {
                 "application/x-ndjson": {}, "text/csv": {}, "text/tab-separated-values": {}}}})
    def export_events(format: Annotated[Literal["jsonl", "csv", "gdelt", "plover"], Query()] = "jsonl") -> FileResponse:
        """All events as JSONL or CSV (the `events` table), a GDELT 2.0 event table (61 tab-separated
        columns, no header) or PLOVER JSON lines with their reports — as `tacitus store export`."""
        from ..export import export

        media, ext = EXPORT_TYPES[format]
        fd, tmp = tempfile.mkstemp(prefix="tacitus-export-", suffix="." + ext)
        os.close(fd)
        try:
            with access.read() as store:
                export(store, format, tmp)
        except BaseException:
            os.unlink(tmp)
            raise
        return FileResponse(tmp, media_type=media, filename=f"tacitus-events-{format}.{ext}",
                            background=BackgroundTask(os.unlink, tmp))

    return app


def openapi_json(app: FastAPI) -> str:
    """The app's OpenAPI document as JSON text (for tests and docs)."""
    return json.dumps(app.openapi(), indent=2)
