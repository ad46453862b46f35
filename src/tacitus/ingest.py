"""Ingest: turn files, folders, JSONL records and stdin into :class:`Article` records.

Readers are generators. A document that cannot be read yields a :class:`Reject` (with the reason)
instead of raising, so a batch never stops on one bad input.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import ftfy

# Repair mojibake only: keep quotes, dashes, widths and line breaks exactly as published.
_FTFY = dict(uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, fix_line_breaks=False,
             normalization=None, unescape_html=False)


def repair(text: str) -> str:
    return ftfy.fix_text(text, **_FTFY)

from .errors import InputError
from .records import Article

MAX_CHARS_DEFAULT = 2_000_000
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".json")


@dataclass(frozen=True, slots=True)
class Reject:
    id: str
    reason: str


def normalize_date(value: Any) -> str | None:
    """ISO date (YYYY-MM-DD) from common forms, or None when absent/unparseable."""
    if value is None or value == "":
        return None
    s = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    m = re.match(r"^(\d{4})(\d{2})(\d{2})$", s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    return None


def decode(data: bytes, name: str) -> str:
    """Decode bytes to text; raise InputError for binary data."""
    if not data.strip():
        raise InputError(f"{name}: empty document")
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(f"{name}: binary data (NUL bytes), not text")
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    if control > len(head) * 0.05:
        raise InputError(f"{name}: binary data, not text")
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return repair(data.decode(enc))
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: undecodable text")  # pragma: no cover - latin-1 always decodes


def make_article(id: str, text: str, published: Any = None, *, title: str | None = None,
                 source: str | None = None, url: str | None = None,
                 max_chars: int = MAX_CHARS_DEFAULT) -> Article:
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{id}: empty text")
    if len(text) > max_chars:
        raise InputError(f"{id}: text too large ({len(text):,} characters > {max_chars:,})")
    return Article(id=id, text=repair(text), published=normalize_date(published), title=title,
                   source=source, url=url)


def html_to_article(html: str, id: str, published: Any = None, max_chars: int = MAX_CHARS_DEFAULT) -> Article:
    import trafilatura  # imported lazily: only HTML input needs it

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise InputError(f"{id}: no article text found in HTML")
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta else None
    pub = published or (meta.date if meta else None)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return make_article(id, text, pub, title=title, url=meta.url if meta else None, max_chars=max_chars)


def records_from_jsonl(lines: Iterable[str], name: str, published: Any = None,
                       max_chars: int = MAX_CHARS_DEFAULT) -> Iterator[Article | Reject]:
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        rid = f"{name}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(rid, f"malformed JSON on line {n}: {exc.msg}")
            continue
        if not isinstance(rec, dict):
            yield Reject(rid, f"line {n} is not a JSON object")
            continue
        rid = str(rec.get("id") or rid)
        try:
            yield make_article(rid, rec.get("text", ""), rec.get("published") or published,
                               title=rec.get("title"), source=rec.get("source"), url=rec.get("url"),
                               max_chars=max_chars)
        except InputError as exc:
            yield Reject(rid, exc.message)


def read_path(path: Path, published: Any = None, max_chars: int = MAX_CHARS_DEFAULT) -> Iterator[Article | Reject]:
    """Articles from one file (by suffix) or, recursively and sorted, from a folder."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.name.startswith("."):
                continue
            yield from read_path(child, published, max_chars)
        return
    name = path.name.lower()
    try:
        if name.endswith(JSONL_SUFFIXES):
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8", errors="replace") as fh:  # type: ignore[operator]
                yield from records_from_jsonl(fh, path.name, published, max_chars)
            return
        size = path.stat().st_size
        if size > max_chars * 4:
            raise InputError(f"{path.name}: file too large ({size:,} bytes)")
        text = decode(path.read_bytes(), path.name)
        if name.endswith(HTML_SUFFIXES) or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
            yield html_to_article(text, path.name, published, max_chars)
        else:
            yield make_article(path.name, text, published, max_chars=max_chars)
    except InputError as exc:
        yield Reject(path.name, exc.message)
    except OSError as exc:
        yield Reject(path.name, f"cannot read: {exc.strerror or exc}")


def read_stream(stream: BinaryIO, name: str = "stdin", published: Any = None,
                max_chars: int = MAX_CHARS_DEFAULT) -> Iterator[Article | Reject]:
    """Articles from a byte stream: JSONL when it starts with '{', else one plain-text article."""
    data = stream.read()
    stripped = data.lstrip()
    if stripped.startswith(b"{"):
        yield from records_from_jsonl(io.StringIO(data.decode("utf-8", errors="replace")), name, published,
                                      max_chars)
        return
    try:
        yield make_article(name, decode(data, name), published, max_chars=max_chars)
    except InputError as exc:
        yield Reject(name, exc.message)


def read_inputs(inputs: Iterable[str], published: Any = None,
                max_chars: int = MAX_CHARS_DEFAULT) -> Iterator[Article | Reject]:
    for item in inputs:
        if item == "-":
            yield from read_stream(sys.stdin.buffer, "stdin", published, max_chars)
            continue
        p = Path(item)
        if not p.exists():
            yield Reject(item, "no such file or directory")
            continue
        yield from read_path(p, published, max_chars)
