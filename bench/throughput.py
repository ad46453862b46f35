"""Throughput benchmark: bare spaCy parse vs Tacitus end to end (1 and all workers), Ray, cold start.

    .venv/bin/python bench/throughput.py [--limit 600] [--no-ray] [--json results.json]

Corpus: the synthetic stories of ../shared/peers/ngec/setup/train_classifiers/
gpt_synthetic_events_2023-10-19_19.csv.zip (column ``text``; 4,500 rows), read with zipfile + csv.
Every figure is also given as a ratio to the bare 1-process parse measured in the same run.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "peers" / "ngec" / "setup" / "train_classifiers" / \
    "gpt_synthetic_events_2023-10-19_19.csv.zip"
PUBLISHED = "2023-10-19"


def load_stories(path: Path, limit: int | None) -> list[str]:
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv"))
        with z.open(name) as fh:
            rows = csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8"))
            texts = [r["text"].strip() for r in rows if (r.get("text") or "").strip()]
    return texts[:limit] if limit else texts


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_parse(texts: list[str], model: str, n_process: int) -> dict:
    from tacitus.nlp import load_pipeline

    nlp = load_pipeline(model)
    t0 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=n_process))
    return {"seconds": time.perf_counter() - t0, "articles": n}


def _bare_in_subprocess(texts_file: Path, model: str, n_process: int) -> dict:
    """Run one bare parse in a fresh interpreter, so its peak RSS is its own."""
    code = ("import json,sys,resource; sys.path.insert(0, %r); import throughput as t; "
            "texts=json.load(open(%r)); r=t.bare_parse(texts, %r, %d); "
            "r['peak_rss_mb']=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024; "
            "r['children_peak_rss_mb']=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024; "
            "print(json.dumps(r))") % (str(Path(__file__).parent), str(texts_file), model, n_process)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=600, help="stories to use (0 = all 4,500)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--no-ray", action="store_true", help="skip the Ray engine")
    ap.add_argument("--shard-size", type=int, default=50)
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()

    from tacitus.batch import default_workers, run_batch
    from tacitus.config import CoderConfig

    config = CoderConfig()
    texts = load_stories(args.corpus, args.limit or None)
    words = sum(len(t.split()) for t in texts)
    cores = default_workers()
    print(f"corpus: {len(texts)} stories, {words:,} words ({words / len(texts):.0f}/story), {cores} cores, "
          f"model {config.model}", flush=True)
    results: list[dict] = []

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        tf = tmp / "texts.json"
        tf.write_text(json.dumps(texts))
        jl = tmp / "corpus.jsonl"
        with open(jl, "w", encoding="utf-8") as fh:
            for i, t in enumerate(texts):
                fh.write(json.dumps({"id": f"story-{i:05d}", "text": t, "published": PUBLISHED}) + "\n")

        for n_proc in (1, 2):
            r = _bare_in_subprocess(tf, config.model, n_proc)
            results.append({"name": f"bare spaCy parse, nlp.pipe batch 16, n_process={n_proc}",
                            "seconds": r["seconds"], "articles": r["articles"],
                            "peak_rss_mb": [round(max(r["peak_rss_mb"], r["children_peak_rss_mb"]), 1)],
                            "note": "parse only, model load excluded"})
            print(f"  done: {results[-1]['name']}", flush=True)

        for w in sorted({1, cores}):
            s = run_batch(str(jl), tmp / f"out-{w}", config, workers=w, shard_size=args.shard_size)
            results.append({"name": f"tacitus run_batch, workers={w}", "seconds": s["seconds"],
                            "articles": s["articles"], "events": s["events"],
                            "peak_rss_mb": s.get("peak_rss_mb_per_worker"),
                            "note": "end to end incl. worker start + model load + writing shards"})
            print(f"  done: {results[-1]['name']}", flush=True)

        if not args.no_ray:
            try:
                os.environ.setdefault("RAY_AUTH_MODE", "disabled")
                from tacitus.ray_engine import run_ray

                s = run_ray(str(jl), tmp / "ray", config, num_cpus=cores)
                results.append({"name": f"tacitus Ray engine, {cores} CPUs", "seconds": s["seconds"],
                                "articles": s["articles"], "events": s["events"], "peak_rss_mb": None,
                                "note": "incl. ray.init + actor start + model load"})
            except ImportError:
                print("  ray not installed: skipped", flush=True)

        one = tmp / "one.txt"
        one.write_text(texts[0], encoding="utf-8")
        exe = Path(sys.executable).with_name("tacitus")
        t0 = time.perf_counter()
        subprocess.run([str(exe), "code", str(one), "--published", PUBLISHED, "--format", "jsonl"],
                       capture_output=True, check=True)
        cold = time.perf_counter() - t0

    base = results[0]["articles"] / results[0]["seconds"]
    n_words = words
    print()
    print(f"{'measurement':58} {'s':>7} {'art/s':>7} {'words/s':>8} {'× bare':>7}  peak RSS MB/proc")
    for r in results:
        aps = r["articles"] / r["seconds"]
        wps = n_words * (r["articles"] / len(texts)) / r["seconds"]
        r.update(articles_per_s=round(aps, 2), words_per_s=round(wps), ratio_to_bare=round(aps / base, 3))
        print(f"{r['name']:58} {r['seconds']:7.1f} {aps:7.1f} {wps:8,.0f} {aps / base:7.2f}  {r['peak_rss_mb']}")
    print(f"{'cold start: tacitus code on one article (wall)':58} {cold:7.2f}")
    print(f"benchmark process peak RSS: {peak_rss_mb():.0f} MB")
    if args.json:
        args.json.write_text(json.dumps({"stories": len(texts), "words": words, "cores": cores,
                                         "results": results, "cold_start_s": round(cold, 3)}, indent=2))


if __name__ == "__main__":
    main()
