from tacitus.clean import clean, english_score, is_english, join_broken_hyphens

CAPTION = "Russian President Vladimir Putin (R) meets with Israeli Prime Minister Benjamin Netanyahu in Sochi."


def test_mask_keeps_length_and_offsets():
    text = "Headline here\n\nBy Jane Doe\nThe army shelled the town on Monday."
    c = clean(text)
    assert len(c.text) == len(text)
    i = text.index("The army")
    assert c.text[i:] == text[i:]


def test_repeated_caption_and_photo_credit_are_masked_once():
    text = (f"Title line\n\n{CAPTION} (photo credit: SOMEONE/REUTERS)\n{CAPTION}\n"
            "(photo credit: SOMEONE/REUTERS)\nBody sentence here.")
    c = clean(text)
    assert c.text.count("meets with") == 1
    assert "photo credit" not in c.text
    reasons = {r for _, _, r in c.removed}
    assert {"photo credit", "repeated line", "headline"} <= reasons


def test_byline_and_dateline():
    text = "A title\n\nBy Maria Lopez and Tom Ray\nKYIV (Reuters) - Russian forces shelled Kharkiv on Tuesday."
    c = clean(text)
    assert "Maria" not in c.text and "Reuters" not in c.text
    assert c.dateline == "Kyiv"
    assert "Russian forces shelled Kharkiv" in c.text


def test_body_sentence_is_not_a_headline():
    text = "The army shelled the town on Monday.\nProtesters marched in the capital."
    assert clean(text).text == text
    assert clean(text).headline is None


def test_masked_headline_is_kept_for_the_coder():
    text = "UN rights chief calls Myanmar crackdown ethnic cleansing\nGENEVA — The UN rights chief spoke."
    assert clean(text).headline == "UN rights chief calls Myanmar crackdown ethnic cleansing"
    assert clean("Body only.", title="Given title").headline == "Given title"


def test_language_heuristic():
    assert is_english("The president said on Monday that the talks with the rebels would resume.")
    french = ("Le président a déclaré lundi que les négociations avec les rebelles reprendraient dans la capitale "
              "après une semaine de combats, selon un communiqué publié par le gouvernement et lu à la télévision.")
    assert not is_english(french)
    assert not is_english("Президент заявил в понедельник, что переговоры продолжатся.")
    assert english_score("") == 0.0


def test_dangling_prefix_hyphen_is_closed_without_moving_text():
    text = "Police broke up an anti- government rally, and pre- and post-war borders were discussed."
    out = clean(text).text
    assert len(out) == len(text)
    assert "anti--government" in out
    assert "pre- and post-war" in out  # a suspended hyphen stays
    assert join_broken_hyphens("Ex- minister") == "Ex--minister"


def test_double_dateline_is_masked_and_the_first_place_kept():
    text = "ISLAMABAD/NEW DELHI — India fired missiles at nine sites in Pakistan on Wednesday."
    c = clean(text)
    assert c.text.lstrip().startswith("India fired") and c.dateline == "Islamabad"


def test_dateline_with_date_and_outlet():
    c = clean("PRETORIA, Nov 3 (Horn Review) — Ethiopia's government signed an agreement on Wednesday.")
    assert c.dateline == "Pretoria" and c.text.lstrip().startswith("Ethiopia's")
    c = clean("MOSCOW (Reuters) — Russia said on Monday it would respond.")
    assert c.dateline == "Moscow"


def test_parse_text_closes_the_masked_lead_in_with_a_full_stop():
    text = "Headline of the story\nBy Jane Doe\nKIEV — Protesters gathered on Monday."
    c = clean(text)
    assert len(c.parse_text) == len(text) and c.parse_text.rstrip().endswith("Protesters gathered on Monday.")
    lead_in = c.parse_text[: c.parse_text.index("Protesters")]
    assert lead_in.strip() == "."
    assert clean("Russia said on Monday it would respond.").parse_text == "Russia said on Monday it would respond."
