"""Batch coding: stream a large corpus through all cores in resumable, deterministic shards.

The input is read once, in order, and cut into shards of ``shard_size`` items (shard *k* holds items
``k*size … (k+1)*size-1`` of the input stream, rejects included), so shard numbers depend only on the
input. Each shard is coded by a worker process that holds ONE :class:`BatchCoder` (the model loads once
per process) and is written atomically::

    OUTPUT/shards/shard-000012.jsonl     coded articles, one per line (or .parquet)
    OUTPUT/rejects/shard-000012.jsonl    {"id", "reason"} for every input that could not be coded
    OUTPUT/done/shard-000012.json        checkpoint, written last: counts + input fingerprint
    OUTPUT/batch.json                    shard size and format of this output directory
    OUTPUT/summary.json                  counts, seconds, articles/s of the last run

A shard counts as done only when its checkpoint exists and its fingerprint (the shard's input items
+ the coder config + the Tacitus version) matches, so a run killed at any point and started again
codes every article exactly once. Same input + same config ⇒ byte-identical shard files.

The library never prints: pass ``progress`` to follow a run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ._version import __version__
from .config import CoderConfig
from .errors import ConfigError
from .ingest import Reject, read_inputs
from .records import Article, CodedArticle

log = logging.getLogger("tacitus.batch")

FORMATS = ("jsonl", "parquet")
NO_DATE = "no publication date (give one in the input or pass --published)"
Item = Article | Reject

# Parquet layout: one row per article; events are the same JSON objects as in the JSONL output.
PARQUET_COLUMNS = ("id", "published", "title", "source", "url", "n_events", "events")


# ---------------------------------------------------------------------------------------------- coder
class BatchCoder:
    """One loaded :class:`~tacitus.coder.Coder` that codes lists of articles.

    Loads in ``__init__`` and codes in ``__call__``, so it can serve as a process-pool worker or a Ray
    actor. Pickling carries only the config; the copy loads its own model. An exception while coding one
    article never escapes: that article becomes ``Reject(id, "internal error: ...")``.
    """

    def __init__(self, config: CoderConfig | None = None) -> None:
        from .coder import Coder  # imported here: spaCy is heavy and only workers need it

        self.config = config or CoderConfig()
        self.coder = Coder(self.config)

    def __reduce__(self):
        return (type(self), (self.config,))

    def __call__(self, items: Iterable[Item]) -> list[CodedArticle | Reject]:
        items = list(items)
        try:
            return self._code(items)
        except Exception:  # the parse of a whole batch failed: find the culprit one article at a time
            log.exception("batch of %d failed; coding its articles one by one", len(items))
            out: list[CodedArticle | Reject] = []
            for it in items:
                try:
                    out.extend(self._code([it]))
                except Exception as exc:  # noqa: BLE001 - an article must never stop the batch
                    log.exception("internal error on %s", it.id)
                    out.append(_internal(it.id, exc))
            return out

    def _code(self, items: list[Item]) -> list[CodedArticle | Reject]:
        from .clean import Cleaned, clean, is_english

        results: list[CodedArticle | Reject | None] = [None] * len(items)
        texts: list[str] = []
        slots: list[int] = []
        cleaned: dict[int, Cleaned] = {}
        for i, it in enumerate(items):
            if isinstance(it, Reject):
                results[i] = it
                continue
            try:
                if not is_english(it.text):
                    results[i] = Reject(it.id, "not English text (skipped)")
                    continue
                c = clean(it.text, it.title)
                texts.append(c.parse_text)
                cleaned[i] = c
                slots.append(i)
            except Exception as exc:  # noqa: BLE001
                log.exception("internal error preparing %s", it.id)
                results[i] = _internal(it.id, exc)
        for i, doc in zip(slots, self.coder.nlp.pipe(texts, batch_size=self.config.batch_size)):
            art = items[i]
            assert isinstance(art, Article)
            try:
                results[i] = self.coder.code_doc(doc, art, cleaned[i].dateline, cleaned[i].headline)
            except Exception as exc:  # noqa: BLE001
                log.exception("internal error coding %s", art.id)
                results[i] = _internal(art.id, exc)
        return results  # type: ignore[return-value]

    def code_rows(self, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Code article rows (``article_to_row`` dicts) into flat result rows (``result_row``)."""
        return [result_row(r) for r in self([row_to_item(r) for r in rows])]


def _internal(id: str, exc: BaseException) -> Reject:
    return Reject(id, f"internal error: {type(exc).__name__}: {exc}"[:500])


# ---------------------------------------------------------------------------------------------- records
def article_to_row(item: Item) -> dict[str, Any]:
    """A flat, serialisable row for one input item (used for fingerprints and the Ray engine)."""
    if isinstance(item, Reject):
        return {"id": item.id, "reject": item.reason, "text": "", "published": None, "title": None,
                "source": None, "url": None}
    return {"id": item.id, "reject": None, "text": item.text, "published": item.published, "title": item.title,
            "source": item.source, "url": item.url}


def row_to_item(row: dict[str, Any]) -> Item:
    if row.get("reject"):
        return Reject(str(row["id"]), str(row["reject"]))
    return Article(id=str(row["id"]), text=str(row["text"]), published=row.get("published") or None,
                   title=row.get("title") or None, source=row.get("source") or None, url=row.get("url") or None)


def result_row(res: CodedArticle | Reject) -> dict[str, Any]:
    """A flat row: the Parquet columns plus ``status`` (coded/rejected) and ``reason``."""
    if isinstance(res, Reject):
        return {"id": res.id, "published": None, "title": None, "source": None, "url": None, "n_events": 0,
                "events": "[]", "status": "rejected", "reason": res.reason}
    d = res.to_dict()
    return {"id": res.id, "published": res.published, "title": res.title, "source": res.source, "url": res.url,
            "n_events": len(res.events), "events": _dumps(d["events"]), "status": "coded", "reason": None}


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def require_date(items: Iterable[Item]) -> Iterator[Item]:
    """Articles without a publication date cannot be dated reproducibly: reject them."""
    for it in items:
        if isinstance(it, Article) and not it.published:
            yield Reject(it.id, NO_DATE)
        else:
            yield it


# ---------------------------------------------------------------------------------------------- fingerprints
def config_fingerprint(config: CoderConfig) -> str:
    """Hash of everything that changes the output: config, Tacitus version, built-in and user knowledge
    files. (Code changes without a version bump are not seen: bump the version or use a new output dir.)"""
    h = hashlib.sha256()
    h.update(_dumps({"config": asdict(config), "version": __version__}).encode())
    dirs = [str(Path(__file__).parent / "knowledge" / "data")] if config.builtin_knowledge else []
    for d in dirs + list(config.kb_dirs):
        for p in sorted(Path(d).rglob("*")):
            if p.is_file():
                h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def shard_fingerprint(items: list[Item], config_fp: str) -> str:
    h = hashlib.sha256(config_fp.encode())
    for it in items:
        h.update(_dumps(article_to_row(it)).encode() + b"\n")
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------- files
def shard_name(k: int) -> str:
    return f"shard-{k:06d}"


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one, never a part."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def _parquet_bytes(rows: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("id", pa.string()), ("published", pa.string()), ("title", pa.string()),
                        ("source", pa.string()), ("url", pa.string()), ("n_events", pa.int32()),
                        ("events", pa.string())])
    table = pa.Table.from_pylist([{c: r[c] for c in PARQUET_COLUMNS} for r in rows], schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


@dataclass(frozen=True)
class ShardResult:
    index: int
    articles: int  # coded articles
    events: int
    rejects: int
    skipped: bool = False  # already done in an earlier run
    seconds: float = 0.0
    pid: int = 0  # process that coded it, and that process's peak RSS in bytes so far
    peak_rss: int = 0


def code_shard(coder: BatchCoder, out: Path, k: int, items: list[Item], fingerprint: str, fmt: str) -> ShardResult:
    """Code one shard and write its files; the checkpoint goes last."""
    t0 = time.perf_counter()
    results = coder(items)
    coded = [r for r in results if isinstance(r, CodedArticle)]
    rejects = [r for r in results if isinstance(r, Reject)]
    name = shard_name(k)
    if fmt == "parquet":
        atomic_write(out / "shards" / f"{name}.parquet", _parquet_bytes([result_row(c) for c in coded]))
    else:
        atomic_write(out / "shards" / f"{name}.jsonl",
                     "".join(_dumps(c.to_dict()) + "\n" for c in coded).encode("utf-8"))
    atomic_write(out / "rejects" / f"{name}.jsonl",
                 "".join(_dumps({"id": r.id, "reason": r.reason}) + "\n" for r in rejects).encode("utf-8"))
    n_events = sum(len(c.events) for c in coded)
    atomic_write(out / "done" / f"{name}.json",
                 _dumps({"shard": k, "items": len(items), "articles": len(coded), "events": n_events,
                         "rejects": len(rejects), "fingerprint": fingerprint, "format": fmt}).encode())
    return ShardResult(k, len(coded), n_events, len(rejects), seconds=time.perf_counter() - t0,
                       pid=os.getpid(), peak_rss=_peak_rss())


def _checkpoint(out: Path, k: int, fingerprint: str, fmt: str) -> dict[str, Any] | None:
    """The checkpoint of shard k if it is complete and matches this input and config."""
    name = shard_name(k)
    try:
        done = json.loads((out / "done" / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if done.get("fingerprint") != fingerprint or done.get("format") != fmt:
        return None
    if not (out / "shards" / f"{name}.{fmt}").exists() or not (out / "rejects" / f"{name}.jsonl").exists():
        return None
    return done


# ---------------------------------------------------------------------------------------------- workers
_WORKER: BatchCoder | None = None


def _init_worker(config: CoderConfig, log_level: int) -> None:
    global _WORKER
    logging.basicConfig(level=log_level, format="%(levelname)s %(name)s[%(process)d]: %(message)s")
    _WORKER = BatchCoder(config)


def _worker_code_shard(out: str, k: int, items: list[Item], fingerprint: str, fmt: str) -> ShardResult:
    assert _WORKER is not None, "worker not initialised"
    return code_shard(_WORKER, Path(out), k, items, fingerprint, fmt)


def _peak_rss() -> int:
    """Peak resident memory of this worker process, in bytes (Linux: ru_maxrss is in KiB)."""
    import resource
    import sys

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


# ---------------------------------------------------------------------------------------------- run
@dataclass
class BatchProgress:
    """Passed to the ``progress`` callback after every shard."""

    items: int = 0  # input items accounted for (coded + rejected + resumed)
    articles: int = 0  # coded articles (this run and resumed)
    events: int = 0
    rejects: int = 0
    shards_done: int = 0
    shards_skipped: int = 0
    skipped_items: int = 0  # items in shards already done by an earlier run
    skipped_articles: int = 0  # coded articles in those shards
    total: int | None = None  # expected number of items, when the caller knows it
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _shards(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    buf: list[Item] = []
    for it in items:
        buf.append(it)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def _prepare_output(out: Path, shard_size: int, fmt: str) -> None:
    for sub in ("shards", "rejects", "done"):
        (out / sub).mkdir(parents=True, exist_ok=True)
        for tmp in (out / sub).glob(".tmp-*"):  # left by a run killed mid-write
            tmp.unlink(missing_ok=True)
    meta_path = out / "batch.json"
    meta = {"shard_size": shard_size, "format": fmt}
    if meta_path.exists():
        try:
            old = json.loads(meta_path.read_text(encoding="utf-8"))
        except ValueError:
            old = None
        if old is not None and {k: old.get(k) for k in meta} != meta:
            raise ConfigError(f"{out} holds a batch with shard_size={old.get('shard_size')}, "
                              f"format={old.get('format')}; use the same settings or a new output directory")
    atomic_write(meta_path, _dumps(meta).encode())


def run_batch(inputs: Iterable[str] | str, output_dir: str | Path, config: CoderConfig | None = None,
              workers: int | None = None, shard_size: int = 500, fmt: str = "jsonl",
              progress: Callable[[BatchProgress], None] | None = None, *, published: str | None = None,
              coder: BatchCoder | None = None, max_inflight: int | None = None,
              mp_context: str = "spawn", total: int | None = None) -> dict[str, Any]:
    """Code ``inputs`` (files, folders, JSONL(.gz), ``-``) into resumable shards under ``output_dir``.

    ``workers`` defaults to all cores; with 1 worker the shards are coded in this process (``coder``
    lets you pass an already loaded :class:`BatchCoder`). ``published`` is the publication date for
    inputs without one; articles with no date at all are rejected (their dates could not be resolved
    reproducibly). Returns the summary, also written to ``summary.json``.
    """
    config = config or CoderConfig()
    if isinstance(inputs, (str, Path)):
        inputs = [str(inputs)]
    inputs = [str(i) for i in inputs]
    if fmt not in FORMATS:
        raise ConfigError(f"format must be one of {', '.join(FORMATS)}")
    if shard_size < 1:
        raise ConfigError("shard_size must be >= 1")
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise ConfigError("workers must be >= 1")
    out = Path(output_dir)
    _prepare_output(out, shard_size, fmt)
    cfg_fp = config_fingerprint(config)
    state = BatchProgress(total=total)
    peak_rss: dict[int, int] = {}

    def account(r: ShardResult, n_items: int) -> None:
        state.items += n_items
        state.articles += r.articles
        state.events += r.events
        state.rejects += r.rejects
        state.shards_done += 1
        if r.pid:
            peak_rss[r.pid] = max(peak_rss.get(r.pid, 0), r.peak_rss)
        if r.skipped:
            state.shards_skipped += 1
            state.skipped_items += n_items
            state.skipped_articles += r.articles
        if progress is not None:
            progress(state)

    stream = require_date(read_inputs(inputs, published, config.max_chars))
    pool: ProcessPoolExecutor | None = None
    pending: dict[Future, int] = {}
    limit = max_inflight or 2 * workers

    def collect(block: bool) -> None:
        if not pending:
            return
        finished, _ = wait(list(pending), timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for f in finished:
            n = pending.pop(f)
            account(f.result(), n)  # a worker crash (BrokenProcessPool) stops the run; rerun resumes

    try:
        for k, items in enumerate(_shards(stream, shard_size)):
            fp = shard_fingerprint(items, cfg_fp)
            done = _checkpoint(out, k, fp, fmt)
            if done is not None:
                account(ShardResult(k, done["articles"], done["events"], done["rejects"], skipped=True), len(items))
                continue
            if workers == 1:
                if coder is None:
                    coder = BatchCoder(config)
                account(code_shard(coder, out, k, items, fp, fmt), len(items))
                continue
            if pool is None:
                pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(mp_context),
                                           initializer=_init_worker,
                                           initargs=(config, logging.getLogger().getEffectiveLevel()))
            while len(pending) >= limit:  # bounded: memory stays flat however large the corpus
                collect(block=True)
            pending[pool.submit(_worker_code_shard, str(out), k, items, fp, fmt)] = len(items)
            collect(block=False)
        while pending:
            collect(block=True)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    seconds = state.seconds
    coded_now = state.articles - state.skipped_articles
    summary = {
        "articles": state.articles,
        "events": state.events,
        "errors": state.rejects,
        "skipped": state.skipped_items,
        "skipped_shards": state.shards_skipped,
        "shards": state.shards_done,
        "coded_this_run": coded_now,
        "seconds": round(seconds, 3),
        "articles_per_s": round(coded_now / seconds, 2) if seconds > 0 else None,
        "workers": workers,
        "shard_size": shard_size,
        "format": fmt,
        "output": str(out),
    }
    if peak_rss:
        summary["peak_rss_mb_per_worker"] = [round(r / 2**20, 1) for r in sorted(peak_rss.values())]
    atomic_write(out / "summary.json", (json.dumps(summary, indent=2, sort_keys=True) + "\n").encode())
    return summary


def estimate_total(inputs: Iterable[str]) -> int | None:
    """Number of input items (JSONL lines, files), for a progress bar's ETA; None for stdin."""
    import gzip

    from .ingest import JSONL_SUFFIXES

    total = 0
    for item in inputs:
        if item == "-":
            return None
        p = Path(item)
        paths = sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith(".")) if p.is_dir() else [p]
        for f in paths:
            if f.name.lower().endswith(JSONL_SUFFIXES):
                try:
                    opener = gzip.open if f.name.lower().endswith(".gz") else open
                    with opener(f, "rb") as fh:  # type: ignore[operator]
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total
