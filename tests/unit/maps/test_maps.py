"""Maps as objects: generated Leaflet code, local assets only, escaped text, directed routes."""
import html
import json
import re
from dataclasses import replace

import pytest

from geo import settings
from geo.data import load as data
from geo.data.filters import Filter
from geo.maps import base as maps
from geo.maps import coords, layers
from geo.maps import pages as page_maps


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


def rendered(m) -> str:
    """The page as the browser gets it, with JSON's \\uXXXX escapes read back into characters."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda g: chr(int(g.group(1), 16)), m.get_root().render())


def test_no_cdn_links_only_local_assets(ds):
    m = maps.base_map(ds, "zh")
    layers.route_layer(m, ds, ds["routes"], "zh")
    layers.checkpoint_layer(m, ds["checkpoints"], "zh")
    page = rendered(maps.finish(m))
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
    assert external == []
    assert "/app/static/vendor/leaflet/leaflet.js" in page
    assert "/app/static/vendor/polylinedecorator/leaflet.polylineDecorator.js" in page


def test_no_tile_layer_by_default(ds):
    page = rendered(maps.finish(maps.base_map(ds, "zh")))
    assert "L.tileLayer" not in page and "tile.openstreetmap" not in page


def test_routes_have_arrowheads_per_route(ds):
    m = maps.base_map(ds, "zh")
    layers.route_layer(m, ds, ds["routes"], "zh")
    page = rendered(maps.finish(m))
    layer = next(c for c in m._children.values() if isinstance(c, layers.RouteLines))
    assert len(layer.rows) == len(ds["routes"])
    assert "dashMap.routes(" in page and "/app/static/js/map_frame.js" in page  # arrowheads: map_frame.js


def test_route_follows_waypoint_order(ds):
    route = ds["routes"].iloc[[0]]
    way = ds["route_waypoints"]
    refs = way[way["route_id"] == route["route_id"].iloc[0]].sort_values("seq")["place_ref"].tolist()
    pts = data.place_points(ds)
    m = maps.base_map(ds, "zh")
    layers.route_layer(m, ds, route, "zh")
    layer = next(c for c in m._children.values() if isinstance(c, layers.RouteLines))
    coords = layer.rows[0][0]  # row layout: see layers.RouteLines
    assert coords == [[round(float(pts.at[r, "lat"]), 4), round(float(pts.at[r, "lon"]), 4)] for r in refs]


def test_filter_zooms_to_county_and_outlines_it(ds):
    m = maps.finish(maps.base_map(ds, "zh", Filter(cities=("431100",), counties=("431126",))))
    assert fitted(m) == pytest.approx(sum(maps.bounds_of(ds, ["431126"]), []), abs=1e-4)
    selection = next(c for c in m._children.values() if type(c).__name__ == "Selection")
    assert json.loads(selection.codes) == ["431126"]


def test_case_popup_text_is_escaped(ds):
    evil = "<img src=x onerror=alert(1)>"
    cases = ds["cases"].copy()
    cases["name_zh"] = evil
    cases["quote"] = "<script>x</script>"
    tampered = replace(ds, tables={**ds.tables, "cases": cases}, fingerprint="")
    m = maps.base_map(tampered, "zh")
    layers.route_layer(m, tampered, tampered["routes"], "zh")
    page = rendered(maps.finish(m))
    assert evil not in page and "<script>x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;script&gt;x" in page


def test_case_popups_index_one_string_table(ds):
    m = maps.base_map(ds, "zh")
    layers.route_layer(m, ds, ds["routes"], "zh")
    layer = next(c for c in m._children.values() if isinstance(c, layers.RouteLines))
    tables = json.loads(layer.tables)
    on_routes = set(ds["routes"]["case_id"].dropna()) | set(ds["cases"].dropna(subset=["route_id"])["case_id"])
    case_ids = sorted(set(ds["cases"]["case_id"]) & on_routes)
    assert len(tables["cases"]) == len(case_ids)
    first = ds["cases"].set_index("case_id").loc[case_ids[0]]
    title, _rows, quote = tables["cases"][0]
    assert tables["s"][title] == html.escape(first["name_zh"]) and tables["s"][quote] == html.escape(first["quote"])
    assert len(tables["s"]) == len(set(tables["s"]))  # each string sent once


def test_gcj02_datum_shifts_points_and_boundaries(ds):
    shifted = maps.display_dataset(ds, "gcj02")
    assert maps.display_dataset(ds, "wgs84") is ds
    d_lon = shifted["checkpoints"]["lon"].astype(float) - ds["checkpoints"]["lon"].astype(float)
    d_lat = shifted["checkpoints"]["lat"].astype(float) - ds["checkpoints"]["lat"].astype(float)
    # GCJ-02 moves points in south China a few hundred metres (about 0.002–0.006 degrees) east/south
    assert d_lon.between(0.001, 0.01).all() and d_lat.abs().between(0.0005, 0.01).all()
    back_lon, back_lat = coords.gcj02_to_wgs84(shifted["checkpoints"]["lon"], shifted["checkpoints"]["lat"])
    assert abs(back_lon - ds["checkpoints"]["lon"].astype(float)).max() < 1e-5
    before, after = ds.boundaries["counties"].total_bounds, shifted.boundaries["counties"].total_bounds
    assert 0.001 < after[2] - before[2] < 0.01
    assert ds["checkpoints"]["lon"].equals(data.load_dataset()["checkpoints"]["lon"])  # the input is untouched
    with pytest.raises(ValueError):
        maps.display_dataset(ds, "bd09")


def test_overview_counts_checkpoints_when_too_many(ds, monkeypatch):
    monkeypatch.setattr(settings, "OVERVIEW_MAX_POINTS", 1)
    m = page_maps.overview_map(ds, Filter(), "zh")
    assert not any(type(c).__name__ == "FastMarkerCluster" for c in m._children.values())
    symbols = next(c for c in m._children.values() if isinstance(c, layers.SymbolPoints))
    rows = json.loads(symbols.rows_json)
    assert len(rows) == ds["checkpoints"]["adcode"].nunique()  # one symbol per county, not per checkpoint
    monkeypatch.setattr(settings, "OVERVIEW_MAX_POINTS", 10_000)
    m = page_maps.overview_map(ds, Filter(), "zh")
    assert any(type(c).__name__ == "FastMarkerCluster" for c in m._children.values())


def test_english_names_on_english_map(ds):
    page = rendered(page_maps.routes_map(ds, Filter(), "en"))
    assert "Hengyang County" in page and "衡阳县" not in page and "Yunnan" in page
    assert '"e"' in page  # the fetched boundaries are named in English


def test_demo_choropleth_has_classed_legend_and_projector_labels(ds):
    m = page_maps.demo_map(ds, Filter(), "zh", "education_centre")
    page = rendered(m)
    # education centres: 永州市 19, 东安县 1, 双牌县 1 (data/demo_sites.csv). The city's 19 is not painted under
    # its counties' 1s: the city is an outline with its figure, the counties one shaded class, "1"
    shading = next(c for c in m._children.values() if type(c).__name__ == "Shading")
    cells = json.loads(shading.values)
    assert cells["431100"][2] is True and cells["431122"][2] is False and cells["431123"][2] is False
    legend_box = json.loads(next(c for c in m._children.values() if type(c).__name__ == "Legend").body)
    assert "<span>1</span>" in legend_box and "1–1" not in legend_box and "轮廓" in legend_box
    for place, text in (("永州市", "19个"), ("东安县", "1个"), ("双牌县", "1个")):
        assert f"{place}\\n{text}" in page
    assert layers.class_shades(2) == [layers.CHOROPLETH_SHADES[0], layers.CHOROPLETH_SHADES[-1]]


def test_seizure_symbols_keep_qualifiers(ds):
    page = rendered(page_maps.seizures_map(ds, Filter(), "en"))
    assert "20+ kg" in page  # yz-sz-005: 20余公斤 of precursors in 零陵区


def test_maps_frame_what_they_show(ds):
    kg = ds["seizures"][ds["seizures"]["unit"] == "kg"]
    want = maps.bounds_of(ds, sorted(set(kg["adcode"])))
    assert fitted(page_maps.seizures_map(ds, Filter(), "zh")) == pytest.approx(sum(want, []), abs=1e-4)
    county = fitted(page_maps.seizures_map(ds, Filter(cities=("431100",), counties=("431126",)), "zh"))
    assert county == pytest.approx(sum(maps.bounds_of(ds, ["431126"]), []), abs=1e-4)


def test_checkpoint_map_frames_every_station_including_other_provinces(ds):
    south, west, north, east = fitted(page_maps.checkpoints_map(ds, Filter(), "zh"))
    points = ds["checkpoints"]
    assert points["precision"].eq("province_centroid").any()  # the Guangdong and Yunnan work stations
    assert south <= points["lat"].min() and north >= points["lat"].max()
    assert west <= points["lon"].min() and east >= points["lon"].max()


def fitted(m) -> list[float]:
    """The bounds the map fits into its frame (browser.FitFrame): south, west, north, east."""
    return sum(json.loads(re.search(r"dashMap\.fitFrame\(\w+, (\[\[.*?\]\])\)", rendered(m), re.S).group(1)), [])


@pytest.mark.parametrize(("tiles", "datum", "credit"), [(None, "gcj02", "WGS-84"), ("http://tiles/{z}/{x}/{y}.png",
                                                                                   "gcj02", "GCJ-02")])
def test_the_credit_names_the_datum_the_map_is_drawn_in(ds, monkeypatch, tiles, datum, credit):
    monkeypatch.setattr(settings, "ONLINE_TILES", tiles)
    monkeypatch.setattr(settings, "ONLINE_TILES_DATUM", datum)
    monkeypatch.setattr(settings, "ONLINE_TILES_ATTRIBUTION", "tiles test")
    for lang, start in (("zh", "边界："), ("en", "Boundaries: ")):
        m = maps.base_map(ds, lang)
        maps.finish(m)
        text = rendered(m)
        line = text.split(start, 1)[1][:80]  # the credit
        other = ({"WGS-84", "GCJ-02"} - {credit}).pop()
        assert credit in line and other not in line, line
