"""Charts remembered by the content of what they were built from: built once, never stale."""
import pytest

from geo.charts import memo, records
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

    assert build([1]) is not build([1]) and len(calls) == 2
    assert build((1,)) is build((1,)) and len(calls) == 3
