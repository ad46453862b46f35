import gzip
import json

import pytest

from tacitus.errors import InputError
from tacitus.ingest import Reject, decode, make_article, normalize_date, read_inputs, read_path


def test_decode_errors():
    with pytest.raises(InputError, match="empty"):
        decode(b"   ", "x")
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01\x02abc" * 100, "x")
    # cp1252 bytes that are not UTF-8 still decode
    assert "café" in decode("café talks".encode("cp1252"), "x")


def test_make_article_limits():
    with pytest.raises(InputError, match="too large"):
        make_article("big", "word " * 1000, max_chars=100)
    with pytest.raises(InputError, match="empty"):
        make_article("e", "  ")


def test_mojibake_repaired_but_quotes_kept():
    a = make_article("m", "Netanyahu’s visit â€“ a test", "2018-01-28")
    assert "’" in a.text and "â€" not in a.text


def test_dates():
    assert normalize_date("2018-01-28T10:00:00Z") == "2018-01-28"
    assert normalize_date("20180128") == "2018-01-28"
    assert normalize_date("not a date") is None
    assert normalize_date("2018-02-30") is None


def test_jsonl_folder_and_rejects(tmp_path):
    good = {"id": "a1", "text": "The army shelled the town.", "published": "2020-01-01"}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "e", "text": ""}), "[1, 2]"]
    (tmp_path / "in.jsonl").write_text("\n".join(lines), encoding="utf-8")
    with gzip.open(tmp_path / "more.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": "Police arrested protesters."}) + "\n")
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff" * 50)
    (tmp_path / "plain.txt").write_text("Rebels attacked a convoy.", encoding="utf-8")
    items = list(read_path(tmp_path))
    arts = {i.id for i in items if not isinstance(i, Reject)}
    rejects = {i.id: i.reason for i in items if isinstance(i, Reject)}
    assert arts == {"a1", "g1", "plain.txt"}
    assert "bin.txt" in rejects and "binary" in rejects["bin.txt"]
    assert any("malformed JSON on line 2" in r for r in rejects.values())
    assert any("empty" in r for r in rejects.values())


def test_missing_path_is_a_reject():
    (item,) = list(read_inputs(["/nonexistent/file.txt"]))
    assert isinstance(item, Reject) and "no such file" in item.reason


def test_html(tmp_path):
    html = ("<html><head><title>Talks</title><meta name='date' content='2021-05-04'></head><body>"
            "<nav>Home | World</nav><article><p>" + "Iran and Saudi Arabia held talks in Baghdad on Monday. " * 8 +
            "</p></article><footer>Copyright</footer></body></html>")
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    (art,) = list(read_path(tmp_path / "a.html"))
    assert not isinstance(art, Reject)
    assert "held talks in Baghdad" in art.text and "Copyright" not in art.text
