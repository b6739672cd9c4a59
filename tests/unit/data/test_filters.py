import pandas as pd

from geo.data import filters
from geo.data.filters import Filter

JUR = pd.DataFrame({
    "adcode": ["430000", "430400", "430421", "430426", "431100", "431126", "410400", "421200"],
    "level": ["province", "prefecture", "county", "county", "prefecture", "county", "prefecture", "prefecture"],
    "parent_adcode": ["", "430000", "430400", "430400", "430000", "431100", "410000", "420000"],
})
ROWS = pd.DataFrame({"adcode": ["430400", "430421", "430426", "431126", "430000"], "v": [1, 2, 3, 4, 5]})


def test_no_filter_keeps_everything():
    assert len(filters.apply(ROWS, Filter())) == 5


def test_city_keeps_city_and_its_counties_only():
    assert filters.apply(ROWS, Filter(cities=("430400",)))["v"].tolist() == [1, 2, 3]


def test_county_excludes_city_wide_figures():
    assert filters.apply(ROWS, Filter(cities=("430400",), counties=("430421",)))["v"].tolist() == [2]


def test_county_options_follow_cities():
    assert filters.county_options(JUR, ("431100",)) == ["431126"]
    assert filters.county_options(JUR, ()) == ["430421", "430426", "431126"]


def test_normalise_drops_counties_of_unchosen_cities():
    flt = filters.normalise(Filter(cities=("431100",), counties=("430421", "431126")), JUR)
    assert flt.counties == ("431126",)


def test_routes_in_selection():
    routes = pd.DataFrame({"route_id": ["r1", "r2"], "case_id": ["c1", None]})
    way = pd.DataFrame({"route_id": ["r1", "r1", "r2", "r2"], "place_ref": ["MMR", "530000", "440100", "430426"]})
    cases = pd.DataFrame({"case_id": ["c1"], "adcode": ["430407"]})
    assert filters.routes_in(routes, way, cases, Filter(counties=("430426",)))["route_id"].tolist() == ["r2"]
    assert filters.routes_in(routes, way, cases, Filter(counties=("430407",)))["route_id"].tolist() == ["r1"]


def test_years_keep_overlapping_periods_and_drop_undated():
    rows = pd.DataFrame({"adcode": ["431126"] * 4, "source_file": ["a.txt"] * 4,
                         "period_start": ["2015-01-01", "2021-01-01", None, "2019-01-01"],
                         "period_end": ["2015-12-31", "2021-05-31", None, None]})
    dates = {"a.txt": "2021-06-25"}  # an open period ("今年以来") runs to the document's date
    assert filters.apply(rows, Filter(years=(2016, 2020)), doc_dates=dates).index.tolist() == [3]
    assert filters.apply(rows, Filter(years=(2021, 2021)), doc_dates=dates).index.tolist() == [1, 3]
    assert filters.undated(rows, Filter(years=(2021, 2021))) == 1
    assert len(filters.apply(rows, Filter())) == 4


def test_periods_written_only_as_labels_are_read_against_the_document():
    # test rows written for this test (checkpoints and demonstration sites state their periods only as written)
    rows = pd.DataFrame({"adcode": ["431126"] * 4, "source_file": ["a.txt"] * 4,
                         "period_label": ["2018年以来", "4月30日", "近年来", None]})
    dates = {"a.txt": "2021-06-25"}
    assert filters.apply(rows, Filter(years=(2017, 2017)), doc_dates=dates).index.tolist() == []
    assert filters.apply(rows, Filter(years=(2019, 2019)), doc_dates=dates).index.tolist() == [0]
    assert filters.apply(rows, Filter(years=(2021, 2021)), doc_dates=dates).index.tolist() == [0, 1]
    assert filters.undated(rows, Filter(years=(2021, 2021)), dates) == 2  # 近年来 and no period at all
    assert len(filters.apply(rows, Filter(), doc_dates=dates)) == 4


def test_drug_types_filter_only_tables_that_have_them():
    rows = pd.DataFrame({"adcode": ["430400", "430400"], "drug_type": ["heroin", "magu"]})
    assert filters.apply(rows, Filter(drugs=("heroin",)))["drug_type"].tolist() == ["heroin"]
    assert len(filters.apply(ROWS, Filter(drugs=("heroin",)))) == 5  # no drug_type column: not filtered


def test_view_of_curated_data():
    from geo.data.load import load_dataset

    ds = load_dataset()
    heroin = filters.view(ds, "cases", Filter(drugs=("heroin",)))
    assert sorted(heroin["case_id"]) == ["hy-case-2016-361", "hy-case-2017-226", "xn-case-2020-li"]
    assert filters.view(ds, "routes", Filter(drugs=("heroin",)))["route_id"].tolist() == ["hy-route-04"]
    assert filters.year_span(ds) == (2011, 2021)
