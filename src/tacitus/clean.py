"""Cleaning: mask boilerplate in an article without moving any character.

Removed material (photo credits, bylines, datelines, repeated caption lines, the headline) is replaced
by spaces, so token offsets computed on the masked text are offsets into the original text and every
evidence span can be cut from the article as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CREDIT_RE = re.compile(
    r"\(\s*(?:photo|image|picture|pictured|foto|file photo)(?:\s*credits?)?\s*:[^)]*\)"
    r"|\(\s*credit\s*:[^)]*\)",
    re.IGNORECASE,
)
CREDIT_LINE_RE = re.compile(
    r"^\s*(?:photo|image|picture|credit|photograph|file photo)s?\s*(?:credit)?\s*[:/].*$"
    r"|^.*\b(?:getty images|afp photo|ap photo|reuters/|/reuters|via reuters|epa-efe)\b.{0,80}$",
    re.IGNORECASE,
)
BYLINE_RE = re.compile(
    r"^\s*(?:by|reporting by|writing by|editing by|additional reporting by|compiled by)\s+"
    r"[A-Z][\w.'’-]+(?:\s+(?:and\s+)?[A-Z][\w.'’-]+){0,5}\s*(?:[,;|/–—-].{0,60})?$",
    re.IGNORECASE,
)
DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'’/-]{2,40})(?:,\s*[A-Z][A-Za-z0-9 .]{1,30})?\s*"
    r"(?:\([A-Z][A-Za-z .&'’-]{1,30}\)\s*)?[-–—]+\s+"
)
SENT_END = (".", "!", "?", "”", '"', "’", "'", ":")
# a prefix whose hyphen was left dangling by a line break or a typo: "anti- government protests"
# ("pre- and post-war" keeps its suspended hyphen)
BROKEN_HYPHEN_RE = re.compile(
    r"\b(?:anti|pro|non|ex|post|pre|counter|neo|pan|pseudo|semi|multi|inter|intra|trans|ultra)- "
    r"(?!(?:and|or|to|nor)\b)(?=[A-Za-z])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cleaned:
    text: str  # same length as the input; masked parts are spaces, dangling hyphens closed up
    removed: tuple[tuple[int, int, str], ...] = field(default=())
    dateline: str | None = None
    headline: str | None = None  # the masked headline line, or the given title

    @property
    def parse_text(self) -> str:
        """The text the parser reads: a full stop closes a masked lead-in (headline, byline, dateline), so
        the body's first word is read as a sentence start ("Protesters gathered", not a name). Same length."""
        body = len(self.text) - len(self.text.lstrip())
        if body < 2 or body == len(self.text) or not self.removed:
            return self.text
        return self.text[:body - 2] + "." + self.text[body - 1:]


def _norm(line: str) -> str:
    return re.sub(r"[\W_]+", " ", line.lower()).strip()


def join_broken_hyphens(text: str) -> str:
    """Close "anti- Gondor" up to "anti--Gondor" (same length: the space becomes a hyphen), so the
    tokenizer keeps the prefix inside its noun phrase instead of ending a sentence on it."""
    return BROKEN_HYPHEN_RE.sub(lambda m: m.group(0)[:-1] + "-", text)


def clean(text: str, title: str | None = None) -> Cleaned:
    """Return the masked text and what was removed (start, end, reason)."""
    chars = list(text)
    removed: list[tuple[int, int, str]] = []

    def mask(start: int, end: int, reason: str) -> None:
        for k in range(start, end):
            if chars[k] not in "\n":
                chars[k] = " "
        removed.append((start, end, reason))

    seen: set[str] = set()
    dateline: str | None = None
    headline = title
    offset = 0
    first_content = True
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        for m in CREDIT_RE.finditer(line):
            mask(start + m.start(), start + m.end(), "photo credit")
        current = "".join(chars[start:end])
        if CREDIT_LINE_RE.match(current):
            mask(start, end, "photo credit")
            continue
        if BYLINE_RE.match(current) and len(current.split()) <= 12:
            mask(start, end, "byline")
            continue
        m = DATELINE_RE.match(current)
        if m and len(m.group("place").split()) <= 4 and m.group("place").strip().isupper():
            dateline = m.group("place").split("/")[0].strip().title()  # "ISLAMABAD/NEW DELHI": the first
            mask(start, start + m.end(), "dateline")
            current = "".join(chars[start:end])
        key = _norm(current)
        if not key:
            continue
        is_title = title is not None and key == _norm(title)
        looks_headline = first_content and not current.rstrip().endswith(SENT_END) and len(current.split()) <= 20
        if is_title or looks_headline:
            headline = headline or current.strip()
            mask(start, end, "headline")
            first_content = False
            seen.add(key)
            continue
        first_content = False
        if key in seen:
            mask(start, end, "repeated line")
            continue
        seen.add(key)
    return Cleaned(join_broken_hyphens("".join(chars)), tuple(removed), dateline, headline)


_EN_WORDS = frozenset(
    "the of and to in a is that for on with as was by at it from are said be has have an will not this "
    "which were its their his her they he she but after been who would or also had more than over".split()
)


def english_score(text: str) -> float:
    """Share of the first 400 words that are common English function words (English ≈ 0.3-0.5)."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:400]
    if not words:
        return 0.0
    return sum(w in _EN_WORDS for w in words) / len(words)


def is_english(text: str, threshold: float = 0.12) -> bool:
    """Heuristic language check; short texts (< 25 words) only need to be mostly Latin script."""
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) < 25:
        latin = sum(w.isascii() for w in words)
        return bool(words) and latin / len(words) >= 0.6
    return english_score(text) >= threshold
