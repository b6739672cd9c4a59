import pandas as pd

from geo import filters
from geo.filters import Filter

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
