"""Loading: typed tables, qualifiers kept, caching key changes when a file changes."""
import os

import pandas as pd
import pytest

from geo.data import load as data
from tests.conftest import read_csv, write_csv


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


def test_tables_are_typed(ds):
    assert ds["seizures"]["quantity"].dtype == "Float64"
    assert ds["cases"]["suspects"].dtype == "Int64"
    assert set(ds.boundaries) == {"provinces", "prefectures", "counties", "countries"}
    assert ds.boundaries["counties"].crs.to_epsg() == 4326


def test_every_record_has_source_and_quote(ds):
    for name in ("figures", "seizures", "cases", "routes", "checkpoints", "demo_sites", "places"):
        frame = ds[name]
        assert frame["source_file"].notna().all() and frame["quote"].notna().all(), name


def test_qualified_figures_keep_their_qualifier(ds):
    rows = pd.concat([ds["figures"][["qualifier", "quote"]], ds["seizures"][["qualifier", "quote"]]])
    plus = rows[rows["qualifier"] == "plus"]
    assert len(plus) > 0
    assert all(any(m in q for m in ("余", "多", "以上", "超", "上千", "至少")) for q in plus["quote"])


def test_env_var_points_elsewhere(data_copy, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    assert data.DirectorySource().data_dir == data_copy.resolve()


def test_fingerprint_changes_when_a_file_is_edited(data_copy):
    source = data.DirectorySource(data_copy)
    before = source.fingerprint()
    header, rows = read_csv(data_copy / "figures.csv")
    write_csv(data_copy / "figures.csv", header, rows[:-1])
    os.utime(data_copy / "figures.csv", ns=(1, 1))
    assert source.fingerprint() != before
    assert len(source.load()["figures"]) == len(rows) - 1


def test_load_refuses_broken_data(data_copy):
    (data_copy / "cases.csv").write_text("case_id\nx\n", encoding="utf-8")
    with pytest.raises(data.DataError) as err:
        data.DirectorySource(data_copy).load()
    assert any(p.file == "cases.csv" for p in err.value.problems)


def test_place_points_cover_every_waypoint(ds):
    points = data.place_points(ds)
    assert set(ds["route_waypoints"]["place_ref"]) <= set(points.index)
    assert points.loc[ds["route_waypoints"]["place_ref"], ["lon", "lat"]].notna().all().all()
    assert isinstance(points, pd.DataFrame)
