"""A person's surname never shadows a country name."""


def test_surname_that_is_a_country_name_stays_the_country():
    from tacitus import Coder

    coder = Coder()
    evs = coder.code("Montenegro condemned Serbia on Monday.", "2025-03-03")
    assert evs and evs[0].source.code == "MNE"
    evs = coder.code("Portuguese Prime Minister Luís Montenegro met Spanish Prime Minister Pedro Sánchez "
                     "in Lisbon on Monday.", "2025-03-03")
    assert evs and evs[0].source.code == "PRTGOV"
