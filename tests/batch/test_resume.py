"""kill -9 in the middle of a batch, rerun: every article coded exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import shard_ids, tree_bytes, write_corpus

from tacitus.batch import run_batch
from tacitus.config import CoderConfig

SCRIPT = """
import os, sys, time
import tacitus.batch as batch

DELAY = float(os.environ.get("SLOW_SHARD", "0"))
if DELAY:  # module level, so spawned workers (which re-import this file) are slowed too
    _orig = batch.BatchCoder.__call__
    def _slow(self, items):
        time.sleep(DELAY)
        return _orig(self, items)
    batch.BatchCoder.__call__ = _slow

if __name__ == "__main__":
    from tacitus.config import CoderConfig
    batch.run_batch(sys.argv[1], sys.argv[2], CoderConfig(), workers=int(sys.argv[3]), shard_size=int(sys.argv[4]))
"""


def _run(script: Path, corpus: Path, out: Path, delay: float) -> subprocess.Popen:
    env = dict(os.environ, SLOW_SHARD=str(delay))
    return subprocess.Popen([sys.executable, str(script), str(corpus), str(out), "2", "4"], env=env,
                            start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_sigkill_mid_run_then_rerun_codes_each_article_once(tmp_path):
    corpus, out, script = tmp_path / "corpus.jsonl", tmp_path / "out", tmp_path / "run.py"
    ids = write_corpus(corpus, 40)  # 10 shards of 4
    script.write_text(SCRIPT, encoding="utf-8")
    proc = _run(script, corpus, out, delay=0.6)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((out / "done").glob("*.json"))) >= 3 if (out / "done").exists() else False:
            break
        time.sleep(0.05)
    assert proc.poll() is None, f"batch ended before it could be killed: {proc.communicate()[1][-2000:]!r}"
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers, as kill -9 / OOM killer would
    proc.wait()
    done_at_kill = len(list((out / "done").glob("*.json")))
    assert 3 <= done_at_kill < 10
    assert not (out / "summary.json").exists()

    proc = _run(script, corpus, out, delay=0)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr.decode()[-3000:]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["skipped_shards"] >= done_at_kill
    assert summary["articles"] == 40 and summary["errors"] == 0
    got = shard_ids(out)
    assert sorted(got) == sorted(ids), "an article is missing or coded twice"
    assert len(got) == len(set(got))
    assert not [p for p in out.rglob(".tmp-*")], "temporary files left behind"


def test_shard_without_checkpoint_is_recoded_not_duplicated(tmp_path, batch_coder):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "out"
    ids = write_corpus(corpus, 12)
    run_batch(corpus, out, CoderConfig(), workers=1, shard_size=5, coder=batch_coder)
    before = tree_bytes(out)
    (out / "done" / "shard-000001.json").unlink()  # killed after the shard was written, before its checkpoint
    (out / "shards" / ".tmp-leftover").write_text("partial")  # killed mid-write
    s = run_batch(corpus, out, CoderConfig(), workers=1, shard_size=5, coder=batch_coder)
    assert s["skipped_shards"] == 2 and s["coded_this_run"] == 5
    assert sorted(shard_ids(out)) == sorted(ids)
    assert tree_bytes(out) == before
    assert not (out / "shards" / ".tmp-leftover").exists()


def test_changed_input_or_config_recodes_only_stale_shards(tmp_path, batch_coder):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "out"
    write_corpus(corpus, 10)
    run_batch(corpus, out, CoderConfig(), workers=1, shard_size=4, coder=batch_coder)
    lines = corpus.read_text().splitlines()
    rec = json.loads(lines[9])
    rec["text"] += " Police detained two journalists in Cairo."
    lines[9] = json.dumps(rec)
    corpus.write_text("\n".join(lines) + "\n")
    s = run_batch(corpus, out, CoderConfig(), workers=1, shard_size=4, coder=batch_coder)
    assert s["skipped_shards"] == 2 and s["coded_this_run"] == 2  # only the last shard changed


def test_other_shard_size_in_same_output_is_refused(tmp_path, batch_coder):
    import pytest

    from tacitus.errors import ConfigError

    corpus, out = tmp_path / "c.jsonl", tmp_path / "out"
    write_corpus(corpus, 3)
    run_batch(corpus, out, CoderConfig(), workers=1, shard_size=4, coder=batch_coder)
    with pytest.raises(ConfigError, match="shard_size=4"):
        run_batch(corpus, out, CoderConfig(), workers=1, shard_size=5, coder=batch_coder)
