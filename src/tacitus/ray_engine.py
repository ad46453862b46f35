"""Ray Data adapter: code a corpus on a Ray cluster (or a local Ray) with one coder per actor.

Needs the optional extra ``tacitus[ray]`` (``ray[data]``). All Ray-specific code lives here; the coding
itself is :class:`tacitus.batch.BatchCoder`, the same class the local process pool uses.

Output: Parquet files (Ray's own names) in ``output_dir`` with one row per input item — the
columns of ``tacitus batch --format parquet`` plus ``status`` (``coded``/``rejected``) and ``reason`` —
and ``_summary.json`` (the leading ``_`` keeps it out of ``pyarrow.parquet.read_table(output_dir)``). Unlike :func:`tacitus.batch.run_batch` this engine is not resumable: a failed
run is rerun whole (Ray retries failed tasks itself).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .batch import BatchCoder, article_to_row, atomic_write, default_workers, require_date
from .config import CoderConfig
from .errors import ConfigError
from .ingest import read_inputs

RESULT_SCHEMA_FIELDS = (("id", "string"), ("published", "string"), ("title", "string"), ("source", "string"),
                        ("url", "string"), ("n_events", "int32"), ("events", "string"), ("status", "string"),
                        ("reason", "string"))


def _schema():
    import pyarrow as pa

    return pa.schema([(n, getattr(pa, t)()) for n, t in RESULT_SCHEMA_FIELDS])


class RayBatchCoder:
    """Ray ``map_batches`` callable class: loads the coder in ``__init__``, codes a batch in ``__call__``."""

    def __init__(self, config: CoderConfig) -> None:
        self.coder = BatchCoder(config)
        self.schema = _schema()

    def __call__(self, batch):  # batch: pyarrow.Table (batch_format="pyarrow")
        import pyarrow as pa

        rows = self.coder.code_rows(batch.to_pylist())
        return pa.Table.from_pylist(rows, schema=self.schema)


def run_ray(inputs: Iterable[str] | str, output_dir: str | Path, config: CoderConfig | None = None,
            address: str | None = None, num_cpus: int | None = None, *, published: str | None = None,
            batch_size: int = 32, concurrency: int | None = None) -> dict[str, Any]:
    """Code ``inputs`` with Ray Data and write Parquet to ``output_dir``; returns the summary.

    ``address`` connects to a running cluster (``"auto"`` or ``"ray://host:10001"``); without it a local
    Ray is started with ``num_cpus`` CPUs (default: all cores). One actor (one loaded model) per CPU
    unless ``concurrency`` says otherwise. The input items are handed to Ray with ``from_items``, so the
    driver holds the whole corpus in memory: split very large corpora into several runs.
    """
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the Ray engine needs ray: pip install 'tacitus[ray]' (ray[data])") from exc
    import pyarrow.parquet as pq

    config = config or CoderConfig()
    if isinstance(inputs, (str, Path)):
        inputs = [str(inputs)]
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    if any(out.glob("*.parquet")):
        raise ConfigError(f"{out} already holds Parquet output; use a new output directory")
    t0 = time.perf_counter()
    started_here = False
    if not ray.is_initialized():
        if address:
            ray.init(address=address, include_dashboard=False, log_to_driver=False)
        else:
            ray.init(num_cpus=num_cpus or default_workers(), include_dashboard=False, log_to_driver=False)
        started_here = True
    try:
        cpus = int(ray.cluster_resources().get("CPU", 1))
        n_actors = concurrency or max(1, min(cpus, num_cpus or cpus))
        rows = [article_to_row(it) for it in require_date(read_inputs([str(i) for i in inputs], published,
                                                                      config.max_chars))]
        if not rows:
            raise ConfigError("no input items")
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ds = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows) // batch_size + 1, 4 * n_actors)))
        ds = ds.map_batches(RayBatchCoder, fn_constructor_args=(config,), concurrency=n_actors,
                            batch_size=batch_size, batch_format="pyarrow", num_cpus=1)
        ds.write_parquet(str(out))
    finally:
        if started_here:
            ray.shutdown()
    seconds = time.perf_counter() - t0
    table = pq.read_table(str(out), columns=["status", "n_events"]) if any(out.glob("*.parquet")) else None
    status = table.column("status").to_pylist() if table is not None else []
    coded = sum(1 for s in status if s == "coded")
    summary = {"articles": coded, "events": int(sum(table.column("n_events").to_pylist())) if table else 0,
               "errors": len(status) - coded, "skipped": 0, "seconds": round(seconds, 3),
               "articles_per_s": round(coded / seconds, 2) if seconds > 0 else None, "workers": n_actors,
               "format": "parquet", "output": str(out)}
    atomic_write(out / "_summary.json", (json.dumps(summary, indent=2, sort_keys=True) + "\n").encode())
    return summary
