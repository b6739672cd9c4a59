"""Key-figure tiles: one reported figure each, with qualifier, period, change and source; never a sum."""
import pytest

from geo.charts import tiles
from geo.data import load as data
from geo.data.filters import Filter


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


def test_pingdingshan_tiles_carry_period_and_change(ds):
    found = {tile.record_id: tile for tile in tiles.tiles(ds, Filter(("410400",)), "zh")}
    users = found["pds-fig-011"]
    assert (users.label, users.text, users.period, users.change, users.direction) == \
        ("查获吸毒人员（人次）", "711人", "今年以来", "同比 +170.34%", 1)
    assert users.source == "打赢禁毒之战 守护鹰城平安" and users.place == "平顶山市" and users.city == "平顶山市"
    assert len(found) == 6  # settings.TILES_PER_CITY


def test_english_tile_with_change_only(ds):
    (tile,) = [t for t in tiles.tiles(ds, Filter(("431100",)), "en") if t.record_id == "yz-fig-014"]
    assert (tile.value, tile.unit, tile.change, tile.period, tile.direction) == \
        ("−64.3%", "", "year on year", "2020", -1)


def test_one_county_tiles_are_that_county_only(ds):
    found = tiles.tiles(ds, Filter(("431100",), ("431126",)), "en")
    assert [(t.record_id, t.text, t.period) for t in found] == [
        ("yz-fig-059", "3 people", "first 5 months of 2021"), ("yz-fig-058", "105 people", "2015")]
    assert {t.place for t in found} == {"Ningyuan County"}


def test_qualifiers_kept_and_cities_grouped(ds):
    found = tiles.tiles(ds, Filter(), "zh")
    groups = tiles.by_city(found)
    assert list(groups) == ["衡阳市", "永州市", "平顶山市", "咸宁市"]
    assert all(len(g) <= 6 for g in groups.values())
    assert "50+起" in [t.text for t in groups["平顶山市"]]


def test_every_tile_is_one_record(ds):
    figures = ds["figures"].set_index("figure_id")
    seizures = ds["seizures"].set_index("seizure_id")
    for tile in tiles.tiles(ds, Filter(), "zh"):
        row = figures.loc[tile.record_id] if tile.record_id in figures.index else seizures.loc[tile.record_id]
        assert tile.quote == row["quote"]


def test_years_filter_limits_tiles(ds):
    found = tiles.tiles(ds, Filter(("431100",), ("431126",), years=(2015, 2015)), "zh")
    assert [t.record_id for t in found] == ["yz-fig-058"]
