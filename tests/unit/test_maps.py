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
    layer = next(c for c in m._children.values() if isinstance(c, layers.RouteLines))
    assert len(layer.rows) == len(ds["routes"])
    assert "L.polylineDecorator(line" in page and "L.Symbol.arrowHead" in page


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
