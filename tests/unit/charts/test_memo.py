"""Charts remembered by the content of what they were built from: built once, never stale."""
import pytest

from geo.charts import records
from geo.data import memo
from geo.data import filters
from geo.data import load as data
from geo.data.filters import Filter


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


def totals(ds, seizures, lang="zh"):
    return records.seizure_totals(seizures, ds["jurisdictions"], ds["sources"], lang)


def test_the_same_rows_give_the_same_figure_without_building_it_again(ds):
    memo.clear()
    seizures = filters.view(ds, "seizures", Filter())
    first = totals(ds, seizures)
    assert totals(ds, seizures.copy()) is first  # another frame with the same rows: same content, same chart
    assert totals(ds, seizures, "en") is not first


def test_other_rows_give_another_figure(ds):
    memo.clear()
    seizures = filters.view(ds, "seizures", Filter())
    first = totals(ds, seizures)
    fewer = seizures[seizures["adcode"].str.startswith("4304")]  # Hengyang's rows only (test selection)
    assert len(fewer) < len(seizures)
    other = totals(ds, fewer)
    assert other is not first and other.to_json() != first.to_json()
    built = records.seizure_totals.__wrapped__(fewer, ds["jurisdictions"], ds["sources"], "zh")  # not remembered
    assert other.to_json() == built.to_json()


def test_an_unhashable_argument_builds_afresh():
    calls = []

    @memo.by_content
    def build(items):
        calls.append(1)
        return object()

    assert build({"a": {1}}) is not build({"a": {1}}) and len(calls) == 2  # a set has no content key here
    assert build([1]) is build([1]) and len(calls) == 3  # a list is keyed by its items, a dict by its entries
    assert build({"a": 1}) is build({"a": 1}) and len(calls) == 4


def test_a_remembered_chart_is_laid_out_for_a_slide_once_per_width(ds):
    from geo.charts import common

    fig = totals(ds, filters.view(ds, "seizures", Filter()))
    slide = common.for_projector(fig, 480)
    assert common.for_projector(fig, 480) is slide and slide is not fig
    assert common.for_projector(fig, 900) is not slide
    assert common.for_projector(type(fig)(fig), 480) is not slide  # another figure object is laid out afresh
