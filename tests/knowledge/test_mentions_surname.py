"""A person's surname never shadows a country name."""


def test_surname_that_is_a_country_name_stays_the_country():
    from tacitus import Coder

    coder = Coder()
    evs = coder.code("Montenegro condemned Serbia on Monday.", "2025-03-03")
    assert evs and evs[0].source.code == "MNE"
    evs = coder.code("Portuguese Prime Minister Luís Montenegro met Spanish Prime Minister Pedro Sánchez "
                     "in Lisbon on Monday.", "2025-03-03")
    assert evs and evs[0].source.code == "PRTGOV"


def test_a_generic_term_overlapping_a_name_does_not_undo_it():
    from tacitus import Coder

    coder = Coder()
    evs = coder.code("European Union leaders agreed on Monday to impose new economic sanctions on Minsk.", "2021-05-25")
    sanctions = [e for e in evs if e.cameo.startswith("16")]
    assert sanctions and sanctions[0].source.code == "IGOEUR"  # not "union leaders" (labour)


def test_a_city_inside_a_persons_name_is_no_country_hint():
    from tacitus import Coder
    from tacitus.mentions import CITY, find_mentions

    coder = Coder()
    doc = coder.nlp("Police Director General Léon Charles said investigators were trying to identify the killers.")
    assert not [m for m in find_mentions(doc, coder.index) if CITY in m.kinds]  # not León, Mexico
    doc = coder.nlp("Thousands marched in León on Sunday.")
    assert [m for m in find_mentions(doc, coder.index) if CITY in m.kinds]


def test_a_different_given_name_is_a_different_person():
    from tacitus import Coder

    coder = Coder()
    # Haroldo Rodas was Guatemala's foreign minister in 2009; Patricia Rodas was Honduras's
    evs = coder.code("TEGUCIGALPA — Honduran soldiers detained Foreign Minister Patricia Rodas on Sunday.", "2009-06-29")
    arrests = [e for e in evs if e.cameo.startswith("17")]
    assert arrests and arrests[0].target.country == "HND" and arrests[0].target.entity != "haroldo-rodas"
