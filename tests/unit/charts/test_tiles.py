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
        ("查获吸毒人员（人次）", "711人次", "今年以来", "同比 +170.34%", 1)
    assert users.source == "打赢禁毒之战 守护鹰城平安" and users.place == "平顶山市" and users.city == "平顶山市"
    assert len(found) == 6  # settings.TILES_PER_CITY


def test_english_tile_with_change_only(ds):
    (tile,) = [t for t in tiles.tiles(ds, Filter(("431100",)), "en", per_city=20) if t.record_id == "yz-fig-014"]
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
    assert "50+起" in [t.text for t in tiles.tiles(ds, Filter(("410400",)), "zh", per_city=20)]


def test_core_indicators_first_in_one_order_for_every_city(ds):
    figures = ds["figures"].set_index("figure_id")
    order = {name: i for i, name in enumerate(tiles.TILE_GROUPS)}
    for city in ("430400", "431100", "410400", "421200"):
        found = tiles.tiles(ds, Filter((city,)), "zh")
        groups = [order[figures.at[t.record_id, "indicator"]] if t.record_id in figures.index
                  else order["seizure"] for t in found]
        first = list(dict.fromkeys(groups))  # one tile per group before any group gets a second
        assert first == sorted(first) and groups[:len(first)] == first, (city, [t.record_id for t in found])
    assert [t.record_id for t in tiles.tiles(ds, Filter(("410400",)), "zh")] == [
        "pds-fig-008", "pds-fig-002", "pds-fig-009", "pds-fig-010", "pds-fig-011", "pds-fig-013"]


def test_every_tile_is_one_record(ds):
    figures = ds["figures"].set_index("figure_id")
    seizures = ds["seizures"].set_index("seizure_id")
    for tile in tiles.tiles(ds, Filter(), "zh"):
        row = figures.loc[tile.record_id] if tile.record_id in figures.index else seizures.loc[tile.record_id]
        assert tile.quote == row["quote"]


def test_years_filter_limits_tiles(ds):
    found = tiles.tiles(ds, Filter(("431100",), ("431126",), years=(2015, 2015)), "zh")
    assert [t.record_id for t in found] == ["yz-fig-058"]
