"""The on-disk cache of tokenized knowledge names: same tokens as the tokenizer, reused, optional."""

from tacitus.nlp import CachedTokenizer


def test_cached_tokenizer_round_trip(coder, tmp_path):
    first = CachedTokenizer(coder.nlp, cache_dir=tmp_path)
    assert first("Jaish-e-Mohammed") == [t.text for t in coder.nlp.tokenizer("Jaish-e-Mohammed")]
    first.flush()
    assert list(tmp_path.glob("tokens-*.pickle"))
    second = CachedTokenizer(coder.nlp, cache_dir=tmp_path)
    assert second._table == {"Jaish-e-Mohammed": first("Jaish-e-Mohammed")} and not second._dirty


def test_cache_off_and_corrupt_cache(coder, tmp_path, monkeypatch):
    (tmp_path / "junk").mkdir()
    bad = CachedTokenizer(coder.nlp, cache_dir=tmp_path)
    bad._path.write_bytes(b"not a pickle")
    assert CachedTokenizer(coder.nlp, cache_dir=tmp_path)("U.N. envoy") == ["U.N.", "envoy"]
    monkeypatch.setenv("TACITUS_CACHE", "off")
    off = CachedTokenizer(coder.nlp, cache_dir=tmp_path / "off")
    off("Kyiv")
    off.flush()
    assert not (tmp_path / "off").exists()
