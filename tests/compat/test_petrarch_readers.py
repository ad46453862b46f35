"""Readers for the PETRARCH/TABARI dictionary formats (good and malformed entries)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tacitus.compat.petrarch import (PHOENIX_SET, VALIDATE_SET, load_dictionaries, parse_actors, parse_agents,
                                     parse_discards, parse_issues, parse_verbs)
from tacitus.errors import KnowledgeError

PEERS = Path(__file__).resolve().parents[2].parent / "shared" / "peers"
DICTS = PEERS / "petrarch2" / "petrarch2" / "data" / "dictionaries"
needs_peers = pytest.mark.skipif(not DICTS.is_dir(), reason=f"{DICTS} (../shared/peers) is not present")

VERBS = """\
<!-- a comment -->
&TIES_
+MILITARY
+ECONOMIC_TRADE

--- RESTORE  [064:064]  ---
RESTORE    # comment
WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED}  [1711]
- * &TIES TIES [902]
- $ WILL * (WITH +) [036]
- % HAVE * [191]
- * [###]
~ a (a b ATTACK) SAY = a b 015
"""


def test_verbs_good():
    d = parse_verbs(VERBS, "v.txt")
    assert d.synsets["&TIES"] == [("MILITARY",), ("ECONOMIC", "TRADE")]
    (block,) = d.blocks
    assert block.code == "064:064" and [v.word for v in block.verbs] == ["RESTORE", "TAP"]
    tap = block.verbs[1]
    assert tap.before == ("WIRE",) and "TAPPED" in tap.forms and tap.code == "1711"
    assert "RESTORED" in block.verbs[0].forms and "RESTORING" in block.verbs[0].forms
    p = block.patterns
    assert [e.kind for e in p[0].post] == ["syn", "word"] and p[0].code == "902"
    assert [e.kind for e in p[1].pre] == ["src", "word"] and [e.kind for e in p[1].post] == ["word", "tgt"]
    assert p[2].pre[0].kind == "both" and p[3].code == "###"
    assert d.transformations[0][1] == "v.txt:13"
    assert p[1].origin == "v.txt:10"


@pytest.mark.parametrize("text,line,msg", [
    ("--- A [010] ---\nA\n- * TALKS\n", 3, "no [code]"),
    ("--- A [010] ---\nA\n- TALKS [010]\n", 3, "exactly one '*'"),
    ("--- A [010] ---\nA\n- * (WITH {X) [010]\n", 3, "unbalanced"),
    ("- * TALKS [010]\n", 1, "before any"),
    ("--- A [01 0] ---\n", 1, "bad code"),
    ("&S\n+A $ B\n", 2, "only contain words"),
    ("--- A [010] ---\n+X_+Y\n", 2, "exactly one '+'"),
    ("&S\n+&UNDEFINED\n", 2, "before it is defined"),
    ("--- A [010] ---\nA\n~ a b SAY\n", 3, "'='"),
])
def test_verbs_malformed(text, line, msg):
    with pytest.raises(KnowledgeError) as e:
        parse_verbs(text, "bad.txt")
    assert e.value.line == line and e.value.source == "bad.txt" and msg in str(e.value)


def test_verbs_lenient_skips_bad_patterns():
    d = parse_verbs("--- A [010] ---\nA\n- * (WITH {X) [010]\n- * TALKS [011]\n- * &NOPE [012]\n", "v", strict=False)
    assert [p.code for p in d.patterns] == ["011"]
    assert [o for o, _ in d.ignored] == ["v:3", "v:5"]


ACTORS = """\
ARNOR_  [ARN]
+ARNORIAN
LORIEN [ELR/GAL]
MOHAMMAD_ZAHIR_SHAH_  ; CountryInfo.txt
\t[AFGELI 320101-331108]
\t[AFGGOV 331108-730717]
\t[AFGELI 730717-070723]
BILBO [HOB]
\t[HOB < 950601]
\t[HOBREB > 990816]
"""


def test_actors_and_date_restrictions():
    a = parse_actors(ACTORS, "a.txt")
    assert [x.phrases[0] for x in a] == [("ARNOR",), ("LORIEN",), ("MOHAMMAD", "ZAHIR", "SHAH"), ("BILBO",)]
    assert a[0].phrases[1] == ("ARNORIAN",) and a[0].exact == (True, False)
    assert a[1].code_on(date(1995, 1, 1)) == "ELR/GAL"
    shah = a[2]
    assert shah.default is None
    assert shah.code_on(date(1932, 6, 1)) == "AFGELI"
    assert shah.code_on(date(1950, 1, 1)) == "AFGGOV"
    assert shah.code_on(date(2007, 7, 23)) == "AFGELI"  # limits are inclusive; YY < 30 → 20YY
    assert shah.code_on(date(2010, 1, 1)) is None
    bilbo = a[3]
    assert bilbo.code_on(date(1995, 1, 1)) == "HOB"
    assert bilbo.code_on(date(1997, 1, 1)) == "HOB"  # default between the restrictions
    assert bilbo.code_on(date(2000, 1, 1)) == "HOBREB"


@pytest.mark.parametrize("text,line,msg", [
    ("X [ARN]\n\t[950601-990815]\n", 2, "bad date restriction"),
    ("X [ARN]\n\t[ARN <9506011]\n", 2, "bad date"),
    ("X [ARN]\n\t[ARN 990101-950101]\n", 2, "starts after it ends"),
    ("+Y\n", 1, "before any primary"),
    ("\t[ARN]\n", 1, "before any actor"),
    ("FAEROYENE]_\n", 1, "unbalanced"),
])
def test_actors_malformed(text, line, msg):
    with pytest.raises(KnowledgeError) as e:
        parse_actors(text, "bad.actors")
    assert e.value.line == line and msg in str(e.value)


def test_agents_discards_issues():
    g = parse_agents("!P! = MAN, MEN\nCONGRESS!P! [~LEG]\nPOLICE {} [~COP]\nMSF [NGO~]\n"
                     "GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\nTROOP [~MIL]\n", "g")
    forms = {f: x.code for x in g for f in x.forms}
    assert forms[("CONGRESSMAN",)] == "LEG" and forms[("CONGRESSMEN",)] == "LEG"
    assert ("POLICES",) not in forms and forms[("GOLDEN", "GEESE")] == "GGS" and forms[("TROOPS",)] == "MIL"
    assert [x.prefix for x in g if x.code == "NGO"] == [True]
    with pytest.raises(KnowledgeError, match=r"g:1: .*no \[~CODE\]"):
        parse_agents("ISLAMIC_EXTREMIST\n", "g")
    with pytest.raises(KnowledgeError, match=r"g:1: .*must start or end"):
        parse_agents("X [GOV]\n", "g")
    with pytest.raises(KnowledgeError, match=r"g:1: .*undefined substitution"):
        parse_agents("X!Q! [~GOV]\n", "g")
    d = parse_discards("+TYPHOON # story\nBASEBALL\nWORLD CUP_\n", "d")
    assert [(x.phrase, x.story, x.whole_word) for x in d] == [("TYPHOON", True, False), ("BASEBALL", False, False),
                                                              ("WORLD CUP", False, True)]
    iss = parse_issues('<ISSUE CATEGORY="ATROCITY">\nn:massacre [ID_ATROCITY]\nethnic v:purge [ID_ATROCITY]\n'
                       '~Saturday Night massacre\n</ISSUE>\n', "i")
    assert "massacres" in iss.phrases[0].variants and "ethnic purged" in iss.phrases[1].variants
    assert iss.ignore[0][0] == "saturday night massacre"
    with pytest.raises(KnowledgeError, match=r"i:1: .*without"):
        parse_issues("</ISSUE>\n", "i")


@needs_peers
def test_validate_set_counts():
    d = load_dictionaries(DICTS, **VALIDATE_SET, strict=True)
    c = d.counts()
    assert (c["verb_blocks"], c["patterns"], c["actors"], c["actor_phrases"]) == (261, 474, 128, 161)
    assert c["agents"] > 90 and c["discards"] == 9 and not d.problems


@needs_peers
def test_full_cameo_and_phoenix_parse():
    d = load_dictionaries(DICTS, **PHOENIX_SET)
    c = d.counts()
    assert c["synsets"] == 40 and c["verb_blocks"] == 397 and c["transformations"] == 8
    assert c["patterns"] >= 4660 and c["actors"] > 27000 and c["agents"] > 3000
    assert c["discards"] == 506 and c["issues"] > 2900
    # the real files have a handful of malformed lines; they are reported with file:line, not fatal
    assert 0 < len(d.problems) < 30 and all(":" in o for o, _ in d.problems)
    with pytest.raises(KnowledgeError):
        load_dictionaries(DICTS, **PHOENIX_SET, strict=True)
