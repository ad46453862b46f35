from tacitus.places import Gazetteer


def test_gazetteer_places_and_countries(kb, tmp_path):
    g = Gazetteer(kb, cache_dir=tmp_path)
    moscow = g.lookup("Moskva")
    assert moscow.name == "Moscow" and moscow.country == "RUS" and moscow.precision == "place"
    assert abs(moscow.lat - 55.75) < 0.1
    india = g.lookup("India")
    assert india.country == "IND" and india.lat is None and india.precision == "country"  # no centroid
    assert g.lookup("the West") is None  # a region is an actor, never a place
    assert g.lookup("Nagorno-Karabakh").country == "AZE"  # team-authored addition


def test_gazetteer_cache_round_trip(kb, tmp_path, monkeypatch):
    first = Gazetteer(kb, cache_dir=tmp_path)
    files = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(files) == 1
    second = Gazetteer(kb, cache_dir=tmp_path)
    assert second.table.keys() == first.table.keys()
    assert second.lookup("Sochi") == first.lookup("Sochi")
    monkeypatch.setenv("TACITUS_CACHE", "off")
    off = tmp_path / "off"
    Gazetteer(kb, cache_dir=off)
    assert not off.exists()


def test_corrupt_cache_is_rebuilt(kb, tmp_path):
    Gazetteer(kb, cache_dir=tmp_path)
    (f,) = tmp_path.glob("gazetteer-*.pickle")
    f.write_bytes(b"not a pickle")
    assert Gazetteer(kb, cache_dir=tmp_path).lookup("Kyiv").country == "UKR"


def test_place_resolution_in_sentences(coder):
    (e,) = coder.code("Israeli Prime Minister Benjamin Netanyahu will fly to Moscow on Monday to meet "
                      "Russian President Vladimir Putin.", "2018-01-28")
    assert e.location.name == "Moscow" and e.location.country == "RUS"
    (e,) = coder.code("Russian forces shelled Kharkiv on Monday.", "2022-05-03")
    assert e.location.name == "Kharkiv" and e.location.country == "UKR"


def test_a_month_is_not_a_place(coder):
    evs = coder.code("Russian troops killed hundreds of residents in March during the occupation.", "2022-04-05")
    assert evs and all(e.location is None or e.location.name != "March" for e in evs)


def test_regions_are_places_and_cities_keep_their_names(kb, tmp_path):
    g = Gazetteer(kb, cache_dir=tmp_path)
    assert g.lookup("Shan").country == "MMR"  # not the Chinese town Shancheng
    assert g.lookup("Sindh province").country == "PAK"
    aleppo = g.lookup("Aleppo")
    assert aleppo.country == "SYR" and abs(aleppo.lat - 36.2) < 0.1  # the city, not the province's centroid


def test_a_region_named_before_its_kind_is_where_an_attack_happened(coder):
    e = coder.code("Sudanese warplanes bombed two towns in Unity state overnight.", "2012-04-13")[0]
    assert e.location.name == "Unity state" and e.location.country == "SSD"
    assert e.target.country == "SSD"  # the attacked place's country


def test_the_storys_country_picks_among_namesakes_but_not_over_a_major_city(kb, tmp_path):
    g = Gazetteer(kb, cache_dir=tmp_path)
    assert g.lookup("Hyderabad", {"PAK"}).country == "PAK" and g.lookup("Hyderabad", {"IND"}).country == "IND"
    assert g.lookup("Geneva", {"USA"}).country == "CHE"  # not Geneva, Illinois
