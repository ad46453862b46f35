"""Readers for the PETRARCH / TABARI dictionary formats.

The formats are documented in PETRARCH2's ``docs/source/dictionaries.rst``: verb dictionaries
(``&SYNSET`` synonym sets, ``--- NAME [CODE] ---`` verb blocks, ``-`` patterns with the markers
``*`` (the verb), ``$`` (source), ``+`` (target), ``%`` (compound source/target), ``^`` (skip a noun
phrase), ``{...}``/``(...)`` noun/prepositional phrases and ``~`` transformations), actor
dictionaries (primary phrase, ``+`` synonyms, tab-indented ``[CODE <date]``/``[CODE >date]``/
``[CODE d1-d2]`` restrictions), agents (``[~CODE]`` suffix / ``[CODE~]`` prefix agents, ``{}``
plurals, ``!MACRO!`` substitutions), discards (``+`` = story level) and issues
(``<ISSUE CATEGORY=...>`` blocks with ``n:``/``v:``/``+`` expansions).

Every reader takes the file text and a ``source`` name and raises
:class:`~tacitus.errors.KnowledgeError` naming the file and line for malformed entries. The
records are compat-specific where Tacitus' own records cannot express PETRARCH semantics (verb
patterns with positional markers, date-restricted actor codes with a default); ``to_knowledge``
maps what can be mapped onto Tacitus' :class:`~tacitus.knowledge.Knowledge`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import KnowledgeError

CODE_RE = re.compile(r"^(?=.)(?:[0-9A-Za-z-]+[?]?|[+]{3}|#{3})?(?::[0-9A-Za-z-]+)?$")  # "[:173]" occurs
ACTOR_CODE_RE = re.compile(r"^(?:[0-9A-Za-z-]+|[+]{3})(?:/[0-9A-Za-z-]+)*$")  # ELR/GAL = several actors
MARKERS = {"*": "verb", "$": "src", "+": "tgt", "%": "both", "^": "skip"}


# ---------------------------------------------------------------------------------------- lines
def _lines(text: str, semicolon: bool = False) -> Iterator[tuple[int, str]]:
    """(line number, content) with ``#`` comments, ``<!-- -->`` blocks and blank lines removed.
    Leading whitespace is kept (actor date restrictions are tab-indented)."""
    in_comment = False
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        s = line.strip()
        if s.startswith("<!"):
            if "-->" not in s:
                in_comment = True
            continue
        if "#" in line:
            line = line[: _comment_at(line)]
        if semicolon and ";" in line:
            line = line[: line.index(";")]
        if not line.strip():
            continue
        yield n, line.rstrip()


def _comment_at(line: str) -> int:
    """Index of the ``#`` that starts a comment (a ``#`` inside ``[...]``, as in ``[###]``, is data)."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return i
    return len(line)


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[_\s]+", phrase.upper()) if w)


def _skip_or_raise(exc: KnowledgeError, strict: bool, problems: list[tuple[str, str]] | None, where: str) -> None:
    """A malformed entry: raise it in strict mode, else record it (``problems``) and go on."""
    if strict:
        raise exc
    if problems is not None:
        problems.append((where, exc.message))


def plural(word: str) -> str:
    """Regular English plural (TABARI rules: +S, Y→IES, SS→SSES)."""
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("SS", "SH", "CH", "X")):
        return word + "ES"
    return word + "S"


def parse_date(value: str, source: str, line: int) -> date:
    """YYYYMMDD or YYMMDD (00-29 → 20xx, 30-99 → 19xx)."""
    v = value.strip()
    try:
        if re.fullmatch(r"\d{8}", v):
            return date(int(v[:4]), int(v[4:6]), int(v[6:]))
        if re.fullmatch(r"\d{6}", v):
            yy = int(v[:2])
            return date(2000 + yy if yy < 30 else 1900 + yy, int(v[2:4]), int(v[4:]))
    except ValueError:
        pass
    raise KnowledgeError(source, line, f"bad date {value!r} (want YYYYMMDD or YYMMDD)")


# ---------------------------------------------------------------------------------------- verbs
@dataclass(frozen=True, slots=True)
class PatElem:
    kind: str  # word | syn | verb | src | tgt | both | skip
    value: str = ""
    tight: bool = False  # must be immediately followed by the next element ("_" join)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """A PETRARCH verb pattern: elements before and after the verb, and its code."""

    verb: str  # primary verb of the block this pattern belongs to
    pre: tuple[PatElem, ...]
    post: tuple[PatElem, ...]
    code: str  # "---" = null code; may be "XXX:YYY" (TABARI paired code; first part used)
    origin: str

    @property
    def event_code(self) -> str:
        return self.code.split(":")[0]

    @property
    def specificity(self) -> int:
        return sum(2 if e.kind in ("word", "syn") else 1 for e in (*self.pre, *self.post) if e.kind != "verb")


@dataclass(frozen=True, slots=True)
class VerbForm:
    """One verb of a block: its word, inflected forms, compound context and code."""

    word: str  # the verb word (base form), upper case
    forms: tuple[str, ...]
    before: tuple[str, ...]  # compound words before the verb word ("WIRE" in WIRE_+TAP)
    after: tuple[str, ...]  # compound words after ("OFF" in +CORDON_OFF)
    code: str
    block: str
    origin: str


@dataclass
class VerbBlock:
    name: str
    code: str
    verbs: list[VerbForm] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)
    line: int = 0


@dataclass
class VerbDictionary:
    synsets: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    transformations: list[tuple[str, str]] = field(default_factory=list)  # (raw, origin)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)

    @property
    def verbs(self) -> list[VerbForm]:
        return [v for b in self.blocks for v in b.verbs]

    @property
    def patterns(self) -> list[VerbPattern]:
        return [p for b in self.blocks for p in b.patterns]


def verb_forms(word: str) -> tuple[str, ...]:
    """Regular forms of an English verb: base, -S, -ED, -ING."""
    w = word
    if w.endswith("E"):
        ed, ing = w + "D", w[:-1] + "ING"
    elif w.endswith("Y") and len(w) > 1 and w[-2] not in "AEIOU":
        ed, ing = w[:-1] + "IED", w + "ING"
    else:
        ed, ing = w + "ED", w + "ING"
    s = plural(w)
    out = [w, s, ed, ing]
    if re.search(r"[^AEIOU][AEIOU][BDGKLMNPRT]$", w) and len(w) <= 5:  # STOP → STOPPED, STOPPING
        out += [w + w[-1] + "ED", w + w[-1] + "ING"]
    return tuple(out)


_CODE_AT_END = re.compile(r"\[([^\[\]]*)\]\s*$")


def _split_code(body: str, source: str, n: int, what: str) -> tuple[str, str]:
    m = _CODE_AT_END.search(body)
    if not m:
        raise KnowledgeError(source, n, f"{what} has no [code]")
    code = m.group(1).strip()
    if not CODE_RE.match(code):
        raise KnowledgeError(source, n, f"bad code [{code}]")
    return body[: m.start()].rstrip(), code


def _pattern_elems(text: str, synsets: dict, source: str, n: int) -> list[PatElem] | str:
    """Parse the pattern body into elements; returns a reason string if it must be ignored."""
    if text.count("{") != text.count("}") or text.count("(") != text.count(")"):
        raise KnowledgeError(source, n, "unbalanced {} or () in pattern")
    flat = re.sub(r"[{}()]", " ", text)
    out: list[PatElem] = []
    for chunk in flat.split():
        real = []
        for p in chunk.split("_"):
            # a marker glued to a word ("*SCEPTICAL") is read as two elements
            real += [x for x in re.split(r"^([*$+%^])(?=[A-Z&])|(?<=[A-Z])([*$+%^])$", p) if x]
        for i, part in enumerate(real):
            tight = i < len(real) - 1
            if part in MARKERS:
                out.append(PatElem(MARKERS[part], part, tight))
            elif part.startswith("&"):
                name = part.upper()
                if name not in synsets:
                    return f"undefined synset {part}"
                out.append(PatElem("syn", name, tight))
            elif re.fullmatch(r"[*$+%^]+", part):
                raise KnowledgeError(source, n, f"bad marker {part!r} in pattern")
            else:
                out.append(PatElem("word", part.upper(), tight))
    return out


def parse_verbs(text: str, source: str, strict: bool = True) -> VerbDictionary:
    """Read a verb dictionary. With ``strict=False`` a malformed *pattern* line is skipped and
    recorded in ``ignored`` (CAMEO.2.0.txt has two such lines); other errors always raise."""
    d = VerbDictionary()
    block: VerbBlock | None = None
    synset: str | None = None
    synset_plurals = True
    for n, line in _lines(text, semicolon=True):  # TABARI ";" comments occur ("SCRAP {...};shan")
        s = line.strip()
        if s.startswith("&"):
            name = s.split()[0].upper()
            if not re.fullmatch(r"&[A-Z0-9_]+", name):
                raise KnowledgeError(source, n, f"bad synset label {name!r}")
            synset = name.rstrip("_") if name.endswith("_") else name
            synset_plurals = not name.endswith("_")
            # labels ending in "_" suppress plurals; record under the label without "_" and with it
            d.synsets.setdefault(synset, [])
            if name != synset:
                d.synsets[name] = d.synsets[synset]
            continue
        if s.startswith("---"):
            synset = None
            m = re.fullmatch(r"---\s*(.*?)\s*(?:---)?", s)  # a comment may eat the closing ---
            if not m:
                raise KnowledgeError(source, n, "verb block header must look like '--- NAME [CODE] ---'")
            inner = m.group(1)
            codes = re.findall(r"\[([^\]]*)\]", inner)
            name = re.sub(r"\[[^\]]*\]", " ", inner).strip()
            if not name:
                raise KnowledgeError(source, n, "verb block header has no name")
            code = codes[0].strip() if codes else "---"
            if not CODE_RE.match(code):
                raise KnowledgeError(source, n, f"bad code [{code}]")
            block = VerbBlock(name.upper(), code, line=n)
            d.blocks.append(block)
            continue
        if s.startswith("~"):
            if "=" not in s:
                raise KnowledgeError(source, n, "transformation must contain '='")
            d.transformations.append((s, f"{source}:{n}"))
            continue
        if s.startswith("+") and synset is not None:
            phrase = s[1:].strip()
            if not phrase:
                raise KnowledgeError(source, n, "empty synset member")
            if phrase.startswith("&"):
                ref = phrase.split()[0].upper()
                if ref not in d.synsets:
                    raise KnowledgeError(source, n, f"synset {ref} used before it is defined")
                d.synsets[synset].extend(d.synsets[ref])
                continue
            if re.search(r"[$%^*]", phrase):
                raise KnowledgeError(source, n, "synset phrases may only contain words")
            words = _words(phrase)
            d.synsets[synset].append(words)
            if not phrase.endswith("_") and synset_plurals:
                d.synsets[synset].append((*words[:-1], plural(words[-1])))
            continue
        synset = None
        if s.startswith("-"):
            if block is None:
                raise KnowledgeError(source, n, "pattern before any '--- VERB ---' block")
            try:
                body, code = _split_code(s[1:], source, n, "pattern")
                elems = _pattern_elems(body, d.synsets, source, n)
                if isinstance(elems, str):
                    d.ignored.append((f"{source}:{n}", elems))
                    continue
                stars = [i for i, e in enumerate(elems) if e.kind == "verb"]
                if len(stars) != 1:
                    raise KnowledgeError(source, n, f"pattern must contain exactly one '*', found {len(stars)}")
            except KnowledgeError as exc:
                if strict:
                    raise
                d.ignored.append((f"{source}:{n}", exc.message))
                continue
            k = stars[0]
            block.patterns.append(VerbPattern(block.name, tuple(elems[:k]), tuple(elems[k + 1:]), code,
                                              f"{source}:{n}"))
            continue
        if block is None:
            raise KnowledgeError(source, n, f"unexpected line before any verb block: {s[:40]!r}")
        # a verb line: WORD {IRREGULAR FORMS} [code]
        m = _CODE_AT_END.search(s)
        code = block.code
        if m:
            code = m.group(1).strip()
            if not CODE_RE.match(code):
                raise KnowledgeError(source, n, f"bad code [{code}]")
            s = s[: m.start()].rstrip()
        irregular: list[str] = []
        if "{" in s:
            if not s.endswith("}") or s.count("{") != 1:
                raise KnowledgeError(source, n, "irregular forms must be one trailing {...}")
            s, irr = s[: s.index("{")].strip(), s[s.index("{") + 1: -1]
            irregular = irr.split()
        if not s:
            raise KnowledgeError(source, n, "empty verb entry")
        parts = [p for p in re.split(r"[_\s]+", s) if p]  # "LASH OUT" occurs for LASH_OUT
        marked = [i for i, p in enumerate(parts) if p.startswith("+")]
        if len(marked) > 1:
            raise KnowledgeError(source, n, "compound verb must mark its verb word with exactly one '+'")
        vi = marked[0] if marked else 0
        word = parts[vi].lstrip("+").upper()
        if not re.fullmatch(r"[A-Z][A-Z'-]*", word):
            raise KnowledgeError(source, n, f"bad verb word {word!r}")
        forms = set(verb_forms(word)) if not irregular else {word}
        for f in irregular:
            fp = [p for p in f.split("_") if p]
            fm = [p for p in fp if p.startswith("+")]
            forms.add((fm[0] if fm else fp[min(vi, len(fp) - 1)]).lstrip("+").upper())
        if not irregular:
            forms.update(verb_forms(word))
        block.verbs.append(VerbForm(word, tuple(sorted(forms)), tuple(p.upper() for p in parts[:vi]),
                                    tuple(p.upper() for p in parts[vi + 1:]), code, block.name, f"{source}:{n}"))
    return d


# ---------------------------------------------------------------------------------------- actors
@dataclass(frozen=True, slots=True)
class DatedCode:
    code: str
    start: date | None = None  # inclusive
    end: date | None = None  # inclusive

    def applies(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """An actor record: its phrases (primary first), default code and dated codes."""

    phrases: tuple[tuple[str, ...], ...]
    exact: tuple[bool, ...]  # phrase ends with "_" → last word must match exactly (else it is a stem)
    default: str | None
    dated: tuple[DatedCode, ...]
    origin: str

    def code_on(self, on: date | None) -> str | None:
        if on is not None:
            for d in self.dated:
                if d.applies(on):
                    return d.code
        elif self.dated and self.default is None:
            return self.dated[-1].code
        return self.default

    @property
    def name(self) -> str:
        return " ".join(self.phrases[0]).title()


_RESTRICT = re.compile(r"^\[\s*([^\s\]]+)\s*(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))?\s*\]$")


def _dated(body: str, source: str, n: int) -> DatedCode:
    m = _RESTRICT.match(body.strip())
    if not m or not ACTOR_CODE_RE.match(m.group(1)) or not re.search(r"[A-Za-z]|^---$|^\+\+\+$", m.group(1)):
        raise KnowledgeError(source, n, f"bad date restriction {body.strip()!r} "
                                        "(want [CODE], [CODE <date], [CODE >date] or [CODE date-date])")
    code = m.group(1).upper()
    if m.group(2) == "<":
        return DatedCode(code, None, parse_date(m.group(3), source, n))
    if m.group(2) == ">":
        return DatedCode(code, parse_date(m.group(3), source, n), None)
    if m.group(4):
        a, b = parse_date(m.group(4), source, n), parse_date(m.group(5), source, n)
        if a > b:
            raise KnowledgeError(source, n, f"date range starts after it ends: {body.strip()!r}")
        return DatedCode(code, a, b)
    return DatedCode(code)


def parse_actors(text: str, source: str, strict: bool = True,
                 problems: list[tuple[str, str]] | None = None) -> list[ActorEntry]:
    """Read an actor dictionary. With ``strict=False`` a malformed date restriction is skipped and
    recorded in ``problems`` (the Phoenix files have a few, e.g. ``9008223``)."""
    out: list[ActorEntry] = []
    cur: dict | None = None

    def flush() -> None:
        if cur is not None:
            out.append(ActorEntry(tuple(cur["phrases"]), tuple(cur["exact"]), cur["default"], tuple(cur["dated"]),
                                  cur["origin"]))

    for n, line in _lines(text, semicolon=True):
        s = line.strip()
        if line[:1] in ("\t", " ") and s.startswith("["):
            if cur is None:
                raise KnowledgeError(source, n, "date restriction before any actor")
            for chunk in re.findall(r"\[[^\]]*\]", s) or [s]:
                try:
                    d = _dated(chunk, source, n)
                except KnowledgeError as exc:
                    _skip_or_raise(exc, strict, problems, f"{source}:{n}")
                    continue
                if d.start is None and d.end is None:
                    cur["default"] = d.code
                else:
                    cur["dated"].append(d)
            continue
        synonym = s.startswith("+")
        if synonym:
            s = s[1:].strip()
            if cur is None:
                raise KnowledgeError(source, n, "synonym '+' before any primary actor phrase")
        codes = re.findall(r"\[[^\]]*\]", s)
        phrase = re.sub(r"\[[^\]]*\]", " ", s).strip()
        try:
            if "[" in phrase or "]" in phrase:
                raise KnowledgeError(source, n, "unbalanced [ ] in actor entry")
            if not phrase or not _words(phrase):
                raise KnowledgeError(source, n, "actor entry has a code but no phrase")
            dated = [_dated(chunk, source, n) for chunk in codes]
        except KnowledgeError as exc:
            _skip_or_raise(exc, strict, problems, f"{source}:{n}")
            continue
        words = _words(phrase)
        if not synonym:
            flush()
            cur = {"phrases": [], "exact": [], "default": None, "dated": [], "origin": f"{source}:{n}"}
        assert cur is not None
        cur["phrases"].append(words)
        cur["exact"].append(phrase.endswith("_"))
        for d in dated:
            if d.start is None and d.end is None:
                cur["default"] = d.code
            else:
                cur["dated"].append(d)
    flush()
    return out


# ---------------------------------------------------------------------------------------- agents
@dataclass(frozen=True, slots=True)
class AgentEntry:
    phrase: tuple[str, ...]
    forms: tuple[tuple[str, ...], ...]  # singular and plural word sequences
    code: str
    prefix: bool  # [NGO~]: code goes before the actor code; [~GOV]: after
    origin: str


def parse_agents(text: str, source: str, strict: bool = True,
                 problems: list[tuple[str, str]] | None = None) -> list[AgentEntry]:
    """Read an agent dictionary (``strict=False``: skip and record malformed lines)."""
    macros: dict[str, list[str]] = {}
    out: list[AgentEntry] = []
    for n, line in _lines(text):
        try:
            s = line.strip()
            m = re.fullmatch(r"(![A-Z0-9_]+!)\s*=\s*(.+)", s)
            if m:
                macros[m.group(1)] = [x.strip().upper() for x in m.group(2).split(",") if x.strip()]
                continue
            m = re.search(r"\[\s*([^\]\s]*)\s*[\]}]\s*$", s)  # "[~LEG}" occurs in the docs' examples
            if not m:
                raise KnowledgeError(source, n, "agent entry has no [~CODE] or [CODE~]")
            raw = m.group(1)
            if raw.startswith("~") and not raw.endswith("~"):
                code, prefix = raw[1:], False
            elif raw.endswith("~") and not raw.startswith("~"):
                code, prefix = raw[:-1], True
            else:
                raise KnowledgeError(source, n, f"agent code {raw!r} must start or end with '~'")
            if not re.fullmatch(r"[A-Z0-9]+", code.upper()) or not code:
                raise KnowledgeError(source, n, f"bad agent code {raw!r}")
            body = s[: m.start()].strip()
            plurals: list[str] | None = None
            if "{" in body:
                if body.count("{") != 1 or not body.endswith("}"):
                    raise KnowledgeError(source, n, "plural forms must be one trailing {...}")
                body, pl = body[: body.index("{")].strip(), body[body.index("{") + 1: -1]
                plurals = pl.split()
            if not body:
                raise KnowledgeError(source, n, "agent entry has no phrase")
            variants = [body.upper()]
            for mac, subs in macros.items():
                if any(mac in v for v in variants):
                    variants = [v.replace(mac, sub) for v in variants for sub in subs]
            undefined = re.search(r"![A-Z0-9_]+!", " ".join(variants))
            if undefined:
                raise KnowledgeError(source, n, f"undefined substitution marker {undefined.group(0)}")
            from_macro = len(variants) > 1
            for v in variants:
                words = _words(v)
                forms = [words]
                if plurals is None and not from_macro:
                    forms.append((*words[:-1], plural(words[-1])))
                elif plurals:
                    forms += [_words(p) for p in plurals]
                out.append(AgentEntry(words, tuple(forms), code.upper(), prefix, f"{source}:{n}"))
        except KnowledgeError as exc:
            _skip_or_raise(exc, strict, problems, f"{source}:{n}")
    return out


# ---------------------------------------------------------------------------------------- discards
@dataclass(frozen=True, slots=True)
class Discard:
    phrase: str  # upper case, words separated by single spaces
    story: bool  # "+" = the whole story is discarded
    whole_word: bool  # ends with "_": must end at a blank or punctuation
    origin: str


def parse_discards(text: str, source: str) -> list[Discard]:
    out = []
    for n, line in _lines(text):
        s = line.strip()
        story = s.startswith("+")
        s = s[1:].strip() if story else s
        if not s or "[" in s:
            raise KnowledgeError(source, n, "discard entry must be a phrase (no [code])")
        out.append(Discard(" ".join(s.upper().replace("_", " ").split()), story, s.endswith("_"), f"{source}:{n}"))
    return out


# ---------------------------------------------------------------------------------------- issues
@dataclass(frozen=True, slots=True)
class IssuePhrase:
    variants: tuple[str, ...]  # lower-case strings to find (with a space on each side)
    code: str
    category: str
    origin: str


@dataclass
class IssueDictionary:
    phrases: list[IssuePhrase] = field(default_factory=list)
    ignore: list[tuple[str, str]] = field(default_factory=list)  # (phrase, origin)


def _issue_expand(phrase: str) -> list[str]:
    out = [""]
    for word in phrase.lower().split():
        options = [word]
        if word.startswith("n:"):
            w = word[2:]
            options = [w, plural(w.upper()).lower()]
        elif word.startswith("v:"):
            options = [f.lower() for f in verb_forms(word[2:].upper())]
        new = []
        for opt in options:
            forms = [opt.replace("+", " "), opt.replace("+", "-")] if "+" in opt else [opt]
            new += forms
        out = [f"{o} {f}".strip() for o in out for f in new]
    return sorted(set(out))


def parse_issues(text: str, source: str, strict: bool = True,
                 problems: list[tuple[str, str]] | None = None) -> IssueDictionary:
    """Read an issues dictionary (``strict=False``: skip and record malformed lines)."""
    d = IssueDictionary()
    category: str | None = None
    for n, line in _lines(text):
        try:
            s = line.strip()
            m = re.fullmatch(r'<ISSUE\s+CATEGORY\s*=\s*"([^"]+)"[^>]*>', s)
            if m:
                if category is not None:
                    raise KnowledgeError(source, n, "nested <ISSUE> block")
                category = m.group(1)
                continue
            if s == "</ISSUE>":
                if category is None:
                    raise KnowledgeError(source, n, "</ISSUE> without <ISSUE>")
                category = None
                continue
            if s.startswith("~"):
                d.ignore.append((s.lstrip("~").strip().lower(), f"{source}:{n}"))
                continue
            m = re.fullmatch(r"(.+?)\s*\[\s*([A-Za-z0-9_-]+)\s*\]", s)
            if m:
                phrase, code = m.group(1), m.group(2)
            elif category is not None and "[" not in s and "]" not in s:
                phrase, code = s, category  # a bare phrase inside a block takes the block's category
            else:
                raise KnowledgeError(source, n, "issue line must be 'phrase [CODE]' or '~phrase'")
            d.phrases.append(IssuePhrase(tuple(_issue_expand(phrase)), code, category or "", f"{source}:{n}"))
        except KnowledgeError as exc:
            _skip_or_raise(exc, strict, problems, f"{source}:{n}")
    if category is not None:
        raise KnowledgeError(source, None, f"<ISSUE CATEGORY={category!r}> is never closed")
    return d


# ---------------------------------------------------------------------------------------- a set
@dataclass
class PetrarchDictionaries:
    verbs: VerbDictionary
    actors: list[ActorEntry]
    agents: list[AgentEntry]
    discards: list[Discard] = field(default_factory=list)
    issues: IssueDictionary | None = None
    sources: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file:line, message) skipped leniently

    def counts(self) -> dict[str, int]:
        return {
            "synsets": len({id(v) for v in self.verbs.synsets.values()}),
            "verb_blocks": len(self.verbs.blocks),
            "verbs": len(self.verbs.verbs),
            "patterns": len(self.verbs.patterns),
            "transformations": len(self.verbs.transformations),
            "patterns_ignored": len(self.verbs.ignored),
            "actors": len(self.actors),
            "actor_phrases": sum(len(a.phrases) for a in self.actors),
            "agents": len(self.agents),
            "discards": len(self.discards),
            "issues": len(self.issues.phrases) if self.issues else 0,
            "problems": len(self.problems),
        }


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def load_dictionaries(directory: str | Path, *, verbs: str, actors: list[str] | str, agents: str,
                      discards: str | None = None, issues: str | None = None,
                      strict: bool = False) -> PetrarchDictionaries:
    """Read a named PETRARCH dictionary set from ``directory`` (``strict``: see :func:`parse_verbs`)."""
    d = Path(directory)
    problems: list[tuple[str, str]] = []
    names = [actors] if isinstance(actors, str) else list(actors)
    for n in [verbs, *names, agents, discards, issues]:
        if n and not (d / n).is_file():
            raise KnowledgeError(str(d / n), None, "dictionary file not found")
    out = PetrarchDictionaries(
        verbs=parse_verbs(_read(d / verbs), verbs, strict=strict),
        actors=[a for n in names for a in parse_actors(_read(d / n), n, strict, problems)],
        agents=parse_agents(_read(d / agents), agents, strict, problems),
        discards=parse_discards(_read(d / discards), discards) if discards else [],
        issues=parse_issues(_read(d / issues), issues, strict, problems) if issues else None,
    )
    out.problems = [*out.verbs.ignored, *problems]
    out.sources = [n for n in [verbs, *names, agents, discards, issues] if n]
    return out


VALIDATE_SET = {"verbs": "PETR.Validate.verbs.txt", "actors": ["PETR.Validate.actors.txt"],
                "agents": "PETR.Validate.agents.txt", "discards": "PETR.Validate.discards.txt"}
PHOENIX_SET = {"verbs": "CAMEO.2.0.txt",
               "actors": ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                          "Phoenix.MilNonState.actors.txt"],
               "agents": "Phoenix.agents.txt", "discards": "Phoenix.discards.txt",
               "issues": "Phoenix.IssueCoding.txt"}


# ---------------------------------------------------------------------------------------- Tacitus
_TACITUS_CODE = re.compile(r"^(?:[A-Z0-9]{3})+$")
_TARGET_SLOTS = ["dobj", "with", "to", "against", "on", "at", "for", "from", "in"]


def _clean(s: str) -> str:
    return s.replace("\t", " ").replace("|", " ").strip()


def knowledge_files(dicts: PetrarchDictionaries, cameo_codes: frozenset[str]) -> list[tuple[str, str, str]]:
    """``(kind, text, source)`` triples in Tacitus' own file formats for what Tacitus' records can
    express: 3-letter actor codes → countries, other/dated actor codes → organisations (one row per
    dated code), agents whose code starts with a Tacitus role → agents, verbs and ``- * NOUN``
    patterns whose code is in the CAMEO table → slot patterns. The rest needs the compat matcher."""
    from ..knowledge.parsers import ROLES

    countries: dict[str, dict] = {}
    org_rows = []
    for k, a in enumerate(dicts.actors):
        names = [" ".join(p).title() for p in a.phrases]
        name, aliases = _clean(names[0]), [_clean(n) for n in names[1:]]
        if a.default and not a.dated and re.fullmatch(r"[A-Z]{3}", a.default):
            c = countries.setdefault(a.default, {"name": name, "aliases": []})
            c["aliases"] += [n for n in [name, *aliases] if n != c["name"] and n not in c["aliases"]]
            continue
        rows = [(a.default, None, None)] if a.default else []
        rows += [(d.code, d.start, d.end) for d in a.dated]
        for code, start, end in rows:
            if not code or not _TACITUS_CODE.match(code):
                continue
            kind = "igo" if code.startswith("IGO") else "armed" if any(
                code[i:i + 3] in ("REB", "INS", "MIL") for i in range(0, len(code), 3)) else "movement"
            org_rows.append("\t".join([f"petr-{k}", code, name, "|".join(aliases), kind, code[:3],
                                       start.isoformat() if start else "", end.isoformat() if end else ""]))
    c_text = "iso3\tname\taliases\tadjectives\tcapital\tmetonyms\tregion\tcities\n" + "".join(
        f"{iso}\t{v['name']}\t{'|'.join(v['aliases'])}\t\t\t\t\t\n" for iso, v in sorted(countries.items()))
    o_text = "id\tcode\tname\taliases\tkind\tcountry\tstart\tend\n" + "".join(r + "\n" for r in org_rows)
    agent_rows = []
    for g in dicts.agents:
        role = g.code[:3]
        if g.prefix or role not in ROLES:
            continue
        for form in g.forms:
            agent_rows.append(f"{_clean(' '.join(form).lower())}\t{role}\tgroup")
    a_text = "term\trole\tkind\n" + "".join(r + "\n" for r in dict.fromkeys(agent_rows))
    pats = []
    seen: set[str] = set()
    for b in dicts.verbs.blocks:
        for v in b.verbs:
            code = v.code.split(":")[0]
            if code in cameo_codes and not v.before:
                pid = f"petr-{v.word.lower()}-{code}"
                if pid not in seen:
                    seen.add(pid)
                    pats.append({"id": pid, "code": code, "trigger": v.word.lower(), "pos": "VERB",
                                 "target": _TARGET_SLOTS, **({"particle": v.after[0].lower()} if v.after else {})})
        words = [v.word.lower() for v in b.verbs if not v.before and not v.after]
        for p in b.patterns:
            code = p.event_code
            if code not in cameo_codes or p.pre or len(p.post) != 1 or p.post[0].kind != "word":
                continue
            for w in words:
                pid = f"petr-{w}-{p.post[0].value.lower()}-{code}"
                if pid not in seen:
                    seen.add(pid)
                    pats.append({"id": pid, "code": code, "trigger": w, "pos": "VERB", "target": _TARGET_SLOTS,
                                 "object": [p.post[0].value.lower()]})
    import yaml

    p_text = yaml.safe_dump({"patterns": pats}, sort_keys=False)
    src = "+".join(dicts.sources) or "petrarch"
    return [("countries", c_text, f"{src}:countries"), ("organizations", o_text, f"{src}:organizations"),
            ("agents", a_text, f"{src}:agents"), ("patterns", p_text, f"{src}:patterns")]


def load_petrarch_knowledge(directory: str | Path, dictionary_set: dict | None = None):
    """A Tacitus :class:`~tacitus.knowledge.Knowledge` (built-in CAMEO table + the PETRARCH
    dictionaries mapped by :func:`knowledge_files`), usable as ``tacitus.Coder(knowledge=...)``."""
    from ..knowledge import load_knowledge

    cameo = load_knowledge(builtin={"cameo"})
    dicts = load_dictionaries(directory, **(dictionary_set or PHOENIX_SET))
    return load_knowledge(builtin={"cameo"}, extra=knowledge_files(dicts, frozenset(cameo.cameo)))
