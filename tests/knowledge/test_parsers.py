import pytest

from tacitus.errors import KnowledgeError
from tacitus.knowledge import load_knowledge
from tacitus.knowledge.parsers import parse_agents, parse_patterns, parse_people

PEOPLE_HEADER = "id\tname\taliases\tnationality\tcode\ttitle\tstart\tend\n"


def test_people_roles_by_date():
    text = PEOPLE_HEADER + (
        "dt\tDonald Trump\t\tUSA\tUSABUS\tBusinessman\t\t2015-06-15\n"
        "dt\tDonald Trump\t\tUSA\tUSAGOV\tPresident\t2017-01-20\t2021-01-20\n"
    )
    (p,) = parse_people(text, "people_x.tsv")
    from datetime import date

    assert p.role_on(date(2014, 1, 1)).code == "USABUS"
    assert p.role_on(date(2018, 1, 1)).code == "USAGOV"
    assert p.role_on(date(2016, 1, 1)) is None


@pytest.mark.parametrize(
    "row,msg",
    [
        ("x\tX\t\tUSA\tusagov\tP\t\t\n", "bad actor code"),
        ("x\tX\t\tUSA\tUSAGOV\tP\t2020-13-01\t\n", "bad date"),
        ("x\tX\t\tUSA\tUSAGOV\tP\t2021-01-01\t2020-01-01\n", "after end"),
        ("x\tX\tUSA\n" + "", None),
    ],
)
def test_people_errors_name_file_and_line(row, msg):
    if msg is None:  # too few fields are padded: a missing code is an error
        with pytest.raises(KnowledgeError, match=r"people_x.tsv:2"):
            parse_people(PEOPLE_HEADER + row, "people_x.tsv")
        return
    with pytest.raises(KnowledgeError, match=rf"people_x.tsv:2: .*{msg}"):
        parse_people(PEOPLE_HEADER + row, "people_x.tsv")


def test_bad_header():
    with pytest.raises(KnowledgeError, match="agents.tsv:1: header"):
        parse_agents("term\trole\n", "agents.tsv")


def test_agent_kinds_are_validated_with_their_line():
    rows = parse_agents("term\trole\tkind\ntanker\tBUS\tthing\n", "a.tsv")
    assert rows[0].kind == "thing"
    with pytest.raises(KnowledgeError, match="a.tsv:3: kind must be one of person, group, thing"):
        parse_agents("term\trole\tkind\ntanker\tBUS\tthing\nbeing\tCVL\tanimal\n", "a.tsv")


def test_patterns_validation_and_yaml_on():
    text = "version: 1\npatterns:\n  - id: a\n    code: '163'\n    trigger: impose\n    pos: VERB\n    target: [on, against]\n"
    (p,) = parse_patterns(text, "patterns_x.yaml", frozenset({"163"}))
    assert p.target == ("on", "against")  # YAML 'on' is not read as a boolean
    with pytest.raises(KnowledgeError, match="patterns_x.yaml:3: unknown CAMEO code"):
        parse_patterns(text.replace("'163'", "'999'"), "patterns_x.yaml", frozenset({"163"}))
    with pytest.raises(KnowledgeError, match="unknown slot"):
        parse_patterns(text.replace("[on, against]", "[sideways]"), "patterns_x.yaml")
    with pytest.raises(KnowledgeError, match="unknown field"):
        parse_patterns(text + "    colour: red\n", "patterns_x.yaml")


def test_builtin_knowledge_loads_and_covers_the_issue(kb):
    s = kb.stats()
    assert s["cameo_roots"] == 20 and s["cameo_codes"] >= 280
    assert s["countries"] >= 240
    assert s["people"] >= 300 and s["igos"] >= 20 and s["armed_groups"] >= 20
    assert set(s["patterns_by_root"]) == {f"{i:02d}" for i in range(1, 21)}


def test_user_kb_dir_adds_and_overrides(tmp_path):
    (tmp_path / "people_mine.tsv").write_text(
        PEOPLE_HEADER + "ahmad-x\tAhmad Xyz\t\tSYR\tSYROPP\tSpokesman\t2015-01-01\t\n", encoding="utf-8")
    kb = load_knowledge([tmp_path])
    assert kb.people["ahmad-x"].roles[0].code == "SYROPP"
    assert kb.version.endswith(f"+{tmp_path.name}")
    with pytest.raises(KnowledgeError, match="does not exist"):
        load_knowledge([tmp_path / "missing"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(KnowledgeError, match="no knowledge files"):
        load_knowledge([empty])


def test_builtin_people_files_never_repeat_an_id():
    """A later file's person replaces an earlier one with the same id (that is how users override),
    so inside the built-in files an id repeated across files would silently drop roles."""
    from importlib import resources

    seen: dict[str, str] = {}
    data = resources.files("tacitus.knowledge") / "data"
    for f in sorted(p for p in data.iterdir() if p.name.startswith("people_")):
        for p in parse_people(f.read_text(encoding="utf-8"), f.name):
            assert p.id not in seen, f"{p.id} in {seen.get(p.id)} and {f.name}"
            seen[p.id] = f.name
    assert len(seen) >= 3000


def test_a_handover_day_keeps_the_office_not_the_opposition_role():
    from datetime import date

    text = PEOPLE_HEADER + (
        "sh\tSheikh Hasina\t\tBGD\tBGDGOV\tPrime Minister\t2009-01-06\t2024-08-05\n"
        "sh\tSheikh Hasina\t\tBGD\tBGDOPP\tIn exile\t2024-08-05\t\n"
        "ks\tKeir Starmer\t\tGBR\tGBROPP\tLeader of the Opposition\t2020-04-04\t2024-07-05\n"
        "ks\tKeir Starmer\t\tGBR\tGBRGOV\tPrime Minister\t2024-07-05\t\n")
    hasina, starmer = parse_people(text, "people_x.tsv")
    assert hasina.role_on(date(2024, 8, 5)).code == "BGDGOV"
    assert hasina.role_on(date(2024, 8, 6)).code == "BGDOPP"
    assert starmer.role_on(date(2024, 7, 5)).code == "GBRGOV"


def test_pattern_subject_constraint_is_read_and_ranks_as_specific():
    text = ("version: 1\npatterns:\n  - id: g\n    code: '141'\n    trigger: gather\n    pos: VERB\n"
            "    subject: [Protester, crowd]\n    target: [outside]\n")
    (p,) = parse_patterns(text, "patterns_x.yaml", frozenset({"141"}))
    assert p.subject == ("protester", "crowd") and p.target == ("outside",) and p.specificity == 2
