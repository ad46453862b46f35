"""Malformed inputs go to rejects with a reason; the batch goes on."""

from __future__ import annotations

import json

from conftest import article, rejects, shard_ids

from tacitus.batch import BatchCoder, run_batch
from tacitus.config import CoderConfig


def test_malformed_corpus_codes_every_good_article_and_rejects_every_bad_one(tmp_path, batch_coder):
    d = tmp_path / "corpus"
    d.mkdir()
    good = [article(i) for i in range(6)]
    lines = [json.dumps(good[0]), "{not json", json.dumps(good[1]), "[1, 2, 3]",
             json.dumps({"id": "empty-text", "text": "   ", "published": "2020-01-01"}),
             json.dumps(good[2]), json.dumps({"id": "huge-line", "text": "war " * 600_000, "published": "2020-01-01"}),
             json.dumps(good[3])]
    (d / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "b_empty.txt").write_bytes(b"")
    (d / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    (d / "d_cp1252.txt").write_bytes("Police arrested dozens of protesters in Minsk on Sunday, said caf\xe9 "
                                     "owner J\xfcrgen \u201cRuiz\u201d.".encode("cp1252"))
    with open(d / "e_huge.txt", "wb") as fh:  # 50 MB
        chunk = b"Protesters marched in Cairo on Monday. " * 26_000
        for _ in range(50):
            fh.write(chunk)
    (d / "f_good.txt").write_text(good[4]["text"], encoding="utf-8")
    out = tmp_path / "out"
    s = run_batch(d, out, CoderConfig(), workers=1, shard_size=3, published="2020-03-01", coder=batch_coder)

    coded = shard_ids(out)
    assert sorted(coded) == sorted([good[i]["id"] for i in range(4)] + ["d_cp1252.txt", "f_good.txt"])
    bad = rejects(out)
    assert set(bad) == {"a.jsonl:2", "a.jsonl:4", "empty-text", "huge-line", "b_empty.txt", "c_binary.txt",
                        "e_huge.txt"}
    assert "malformed JSON" in bad["a.jsonl:2"]
    assert "not a JSON object" in bad["a.jsonl:4"]
    assert "empty" in bad["empty-text"] and "empty" in bad["b_empty.txt"]
    assert "binary" in bad["c_binary.txt"]
    assert "too large" in bad["huge-line"] and "too large" in bad["e_huge.txt"]
    assert s["articles"] == 6 and s["errors"] == 7
    cp = next(json.loads(x) for f in (out / "shards").glob("*.jsonl") for x in f.read_text().splitlines()
              if json.loads(x)["id"] == "d_cp1252.txt")
    assert cp["events"] and "\ufffd" not in json.dumps(cp, ensure_ascii=False)


def test_missing_date_is_rejected_without_default(tmp_path, batch_coder):
    f = tmp_path / "c.jsonl"
    rec = article(0)
    f.write_text(json.dumps({"id": "no-date", "text": rec["text"]}) + "\n" + json.dumps(rec) + "\n")
    out = tmp_path / "out"
    run_batch(f, out, CoderConfig(), workers=1, shard_size=3, coder=batch_coder)
    assert shard_ids(out) == [rec["id"]]
    assert "no publication date" in rejects(out)["no-date"]


def test_unexpected_exception_in_one_article_is_rejected_and_batch_goes_on(tmp_path, batch_coder, monkeypatch):
    f = tmp_path / "c.jsonl"
    recs = [article(i) for i in range(5)]
    f.write_text("".join(json.dumps(r) + "\n" for r in recs))
    orig = batch_coder.coder.code_doc

    def boom(doc, art, dateline=None, headline=None):
        if art.id == "art-002":
            raise RuntimeError("kaboom")
        return orig(doc, art, dateline, headline)

    monkeypatch.setattr(batch_coder.coder, "code_doc", boom)
    out = tmp_path / "out"
    s = run_batch(f, out, CoderConfig(), workers=1, shard_size=2, coder=batch_coder)
    assert rejects(out) == {"art-002": "internal error: RuntimeError: kaboom"}
    assert sorted(shard_ids(out)) == sorted(r["id"] for r in recs if r["id"] != "art-002")
    assert s["errors"] == 1


def test_batch_coder_survives_a_failing_parse(batch_coder, monkeypatch):
    from tacitus.records import Article, CodedArticle

    arts = [Article(f"x{i}", article(i)["text"], "2020-01-01") for i in range(3)]
    orig = batch_coder.coder.nlp.pipe

    def pipe(texts, **kw):
        texts = list(texts)
        if any("Story 1." in t for t in texts):
            raise ValueError("parser crashed")
        return orig(texts, **kw)

    monkeypatch.setattr(batch_coder.coder.nlp, "pipe", pipe)
    res = batch_coder(arts)
    assert [type(r).__name__ for r in res] == ["CodedArticle", "Reject", "CodedArticle"]
    assert res[1].reason.startswith("internal error: ValueError")
    assert isinstance(res[0], CodedArticle)


def test_batch_coder_pickles_as_its_config(batch_coder):
    import pickle

    assert batch_coder.__reduce__() == (BatchCoder, (batch_coder.config,))
    assert len(pickle.dumps(batch_coder)) < 10_000  # the model is not shipped: each process loads its own
