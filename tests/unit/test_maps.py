"""Maps as objects: generated Leaflet code, local assets only, escaped text, directed routes."""
import re

import pytest

from geo import data, layers, maps
from geo.filters import Filter


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


def rendered(m) -> str:
    return m.get_root().render()


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
    assert page.count("L.polylineDecorator(") == len(ds["routes"])
    assert page.count("L.polyline(") >= len(ds["routes"])


def test_route_follows_waypoint_order(ds):
    route = ds["routes"].iloc[[0]]
    way = ds["route_waypoints"]
    refs = way[way["route_id"] == route["route_id"].iloc[0]].sort_values("seq")["place_ref"].tolist()
    pts = data.place_points(ds)
    m = maps.base_map(ds, "zh")
    layers.route_layer(m, ds, route, "zh")
    page = rendered(m)
    first, last = pts.loc[refs[0]], pts.loc[refs[-1]]
    i, j = page.find(str(first["lat"])), page.rfind(str(last["lat"]))
    assert 0 <= i < j


def test_filter_zooms_to_county(ds):
    m = maps.base_map(ds, "zh", Filter(cities=("431100",), counties=("431126",)))
    assert "fitBounds" in rendered(m)


def test_popup_text_is_escaped():
    body = maps.popup_html("<img src=x onerror=alert(1)>", [("k", "<b>v</b>")], "<script>x</script>")
    assert "<img" not in body and "<script>" not in body and "&lt;img src=x" in body


def test_english_names_on_english_map(ds):
    m = maps.base_map(ds, "en")
    page = rendered(m)
    assert "Hengyang County" in page and "衡阳县" not in page
