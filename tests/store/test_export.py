import json

import duckdb
import polars as pl
import pytest

from tacitus import export as X
from tacitus.errors import StoreError

GDELT_NAMES = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    + " ".join(f"Actor{n}{a}" for n in (1, 2) for a in ("Code", "Name", "CountryCode", "KnownGroupCode",
               "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"))
    + " IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources"
      " NumArticles AvgTone "
    + " ".join(f"{g}Geo_{a}" for g in ("Actor1", "Actor2", "Action") for a in ("Type", "FullName", "CountryCode",
               "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"))
    + " DATEADDED SOURCEURL").split()



def test_gdelt_columns_are_the_codebook():
    names = [n for n, _ in X.gdelt_columns()]
    assert len(names) == 61 and names == GDELT_NAMES
    types = dict(X.gdelt_columns())
    assert types["GLOBALEVENTID"] == "INTEGER" and types["EventCode"] == "STRING"
    assert types["GoldsteinScale"] == "FLOAT" and types["ActionGeo_Lat"] == "FLOAT"


def test_gdelt_export_loads_back(store, tmp_path):
    path = tmp_path / "events.export.CSV"
    assert X.export(store, "gdelt", path) == 4
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and all(line.count("\t") == 60 for line in lines)  # no header, 61 fields
    df = X.read_gdelt(path)
    assert df.columns == GDELT_NAMES and df.shape == (4, 61)
    assert df.schema["GLOBALEVENTID"] == pl.Int64 and df.schema["GoldsteinScale"] == pl.Float64
    assert df.schema["EventCode"] == pl.String
    meet = df.filter(pl.col("EventRootCode") == "04").row(0, named=True)
    assert meet["EventCode"] == "040" and meet["EventBaseCode"] == "040"  # leading zeros kept
    assert (meet["NumMentions"], meet["NumArticles"], meet["NumSources"]) == (3, 3, 2)
    assert meet["SQLDATE"] == 20180129 and meet["MonthYear"] == 201801 and meet["Year"] == 2018
    assert meet["Actor1Code"] == "ISRGOV" and meet["Actor1CountryCode"] == "ISR" and meet["Actor1Type1Code"] == "GOV"
    assert meet["ActionGeo_CountryCode"] == "RUS" and meet["ActionGeo_Type"] == 4  # ISO3, world city
    assert meet["ActionGeo_Lat"] == pytest.approx(55.75) and meet["Actor1Geo_Type"] == 0
    assert meet["SOURCEURL"].startswith("https://example.org/") and len(str(meet["DATEADDED"])) == 14
    ids = set(store.query()["event_id"].to_list())
    assert {f"E{v:015x}" for v in df["GLOBALEVENTID"]} == ids
    # plain duckdb with GDELT's own column names and types
    cols = ", ".join(f"'{n}': '{t}'" for n, t in X.gdelt_duckdb_types().items())
    rel = duckdb.sql(f"SELECT * FROM read_csv('{path}', delim='\\t', header=false, quote='', columns={{{cols}}})")
    assert len(rel.columns) == 61 and rel.fetchall()[0][0] == df["GLOBALEVENTID"][0]


def test_gdelt_export_loads_with_pandas(store, tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "g.tsv"
    X.export_gdelt(store, path)
    types = {n: {"INTEGER": "Int64", "FLOAT": "float64", "STRING": "string"}[t] for n, t in X.gdelt_columns()}
    df = pd.read_csv(path, sep="\t", header=None, names=list(types), dtype=types, quoting=3)
    assert df.shape == (4, 61) and str(df["EventCode"].iloc[0]).isdigit()


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_parquet_csv_round_trip(store, tmp_path, fmt):
    path = tmp_path / f"events.{fmt}"
    assert X.export(store, fmt, path) == 4
    back = pl.read_parquet(path) if fmt == "parquet" else pl.read_csv(path, infer_schema=False)
    orig = store.query()
    assert back.columns == orig.columns and len(back) == len(orig)
    if fmt == "parquet":
        assert back.sort("event_id").equals(orig.sort("event_id"))
    else:
        assert sorted(back["event_id"].to_list()) == sorted(orig["event_id"].to_list())
        assert sorted(back["cameo"].to_list()) == sorted(orig["cameo"].to_list())  # "042" stays a string
    assert X.export(store, fmt, tmp_path / f"m.{fmt}", level="mentions") == 6


def test_jsonl_and_plover(store, tmp_path):
    assert X.export(store, "jsonl", tmp_path / "e.jsonl") == 4
    rows = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert {r["event_id"] for r in rows} == set(store.query()["event_id"].to_list())
    assert X.export(store, "plover", tmp_path / "p.jsonl") == 4
    recs = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    meet = next(r for r in recs if r["status"] == "occurred" and r["event_type"] == "CONSULT")
    assert meet["actors"]["source"]["code"] == "ISRGOV" and meet["location"]["country"] == "RUS"
    assert meet["num_reports"] == 3 and len(meet["reports"]) == 3 and meet["linked_event_id"]
    assert {r["outlet"] for r in meet["reports"]} == {"Outlet B", "Outlet C"}
    assert all(r["evidence"] for r in meet["reports"])
    one_sided = [r for r in recs if r["actors"]["target"] is None]
    assert one_sided == []
    with pytest.raises(StoreError):
        X.export(store, "xml", tmp_path / "x")
