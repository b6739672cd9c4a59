"""The stepped seizures map (geo/maps/steps.py): the base is the same for every year, a year's layer holds the
records whose period overlaps it, on one scale for every year; and the stepper's arithmetic."""
import pytest

from geo.data import filters
from geo.data.filters import Filter
from geo.data.load import load_dataset
from geo.maps import steps
from geo.ui.stepper import next_year


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_the_base_is_the_same_map_for_every_year(ds):
    a = steps.step_base(ds, Filter(years=(2017, 2017)), "zh").get_root().render()
    b = steps.step_base(ds, Filter(years=(2020, 2020)), "zh").get_root().render()
    strip = lambda html: __import__("re").sub(r"[0-9a-f]{32}", "", html)  # noqa: E731 (folium's element ids)
    assert strip(a) == strip(b) and "dashMap.symbols" not in a and "dashMap.stepper(" in a


def test_a_years_layer_holds_what_overlaps_it_on_one_scale(ds):
    year = Filter(years=(2017, 2017))
    rows = steps.step_calls(ds, year, "zh", "seizures")[0][1]
    seized = filters.view(ds, "seizures", year)
    assert len(seized) and all(str(a) for a in seized["adcode"])
    top, year_top = steps.top_kg(ds, year), seized.loc[seized["unit"] == "kg", "quantity"].max()
    assert top >= year_top  # every year's circles are sized against the largest of all years
    assert len(rows) == seized.loc[seized["unit"] == "kg", "adcode"].nunique()  # one circle per place


@pytest.mark.parametrize("year, delta, expected", [(None, 1, 2011), (None, -1, 2014), (2012, 1, 2013),
                                                   (2014, 1, 2011), (2011, -1, 2014)])
def test_next_year_wraps_and_starts_from_every_year(year, delta, expected):
    assert next_year([2011, 2012, 2013, 2014], year, delta) == expected
