"""Folium maps over the curated tables: an offline basemap from the bundled boundaries, and layers."""
from __future__ import annotations

import html
import json
from dataclasses import replace

import folium
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo import settings
from geo.data.filters import Filter
from geo.data.load import Dataset, place_points
from geo.i18n import name_col
from geo.maps import coords
from geo.maps.offline import localise

# folium writes map data with Jinja's tojson; compact separators make every map about a third smaller.
JSON_KWARGS = {"sort_keys": True, "separators": (",", ":")}
_DUMPED: dict[int, tuple[object, str]] = {}  # id -> (object, its JSON): the basemap layers, serialised once


def _dumps(obj, **kwargs) -> str:
    """json.dumps for Jinja's tojson, answering from _DUMPED for the (unchanging) basemap layers: serialising
    them took most of a map's render time, and they are the same for every filter."""
    hit = _DUMPED.get(id(obj))
    if hit is not None and hit[0] is obj:
        return hit[1]
    return json.dumps(obj, **kwargs)


folium.GeoJson._template.environment.policies["json.dumps_kwargs"] = JSON_KWARGS
folium.GeoJson._template.environment.policies["json.dumps_function"] = _dumps

BASE_STYLES = {
    "countries": {"fillColor": "#eeeeee", "color": "#999999", "weight": 1, "fillOpacity": 1},
    "provinces": {"fillColor": "#f7f7f2", "color": "#888888", "weight": 1.2, "fillOpacity": 1},
    "prefectures": {"fillColor": "#f7f7f2", "color": "#aaaaaa", "weight": 0.8, "fillOpacity": 0},
    "counties": {"fillColor": "#ffffff", "color": "#b0b0b0", "weight": 0.6, "fillOpacity": 0},
}


def blank(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) or value == ""


def esc(value) -> str:
    """Escape text from data files before it reaches HTML."""
    return "" if blank(value) else html.escape(str(value))


_DISPLAY: dict[tuple[str, str], Dataset] = {}


def display_dataset(ds: Dataset, datum: str | None = None) -> Dataset:
    """The dataset in the datum of the basemap. The data and the offline basemap are WGS-84; Chinese tile
    providers draw in GCJ-02, so with such tiles every coordinate is shifted the same way (built once)."""
    datum = datum or (settings.ONLINE_TILES_DATUM if settings.ONLINE_TILES else "wgs84")
    if datum not in settings.DATUMS:
        raise ValueError(f"unknown datum {datum!r}; expected one of {settings.DATUMS}")
    if datum == "wgs84":
        return ds
    key = (ds.fingerprint, datum)
    if key not in _DISPLAY or not ds.fingerprint:
        tables = dict(ds.tables)
        for name in ("checkpoints", "places", "jurisdictions"):
            frame = ds[name].copy()
            frame["lon"], frame["lat"] = coords.wgs84_to_gcj02(frame["lon"].astype(float), frame["lat"].astype(float))
            tables[name] = frame
        shift = lambda xy: np.column_stack(coords.wgs84_to_gcj02(xy[:, 0], xy[:, 1]))  # noqa: E731
        boundaries = {k: g.set_geometry(shapely.transform(g.geometry.values, shift)) for k, g in ds.boundaries.items()}
        _DISPLAY.clear()
        _DISPLAY[key] = replace(ds, tables=tables, boundaries=boundaries, fingerprint=f"{ds.fingerprint}:{datum}")
    return _DISPLAY[key]


def bounds_of(ds: Dataset, codes: list[str]) -> list[list[float]] | None:
    """[[south, west], [north, east]] of these counties or cities, None if none is known."""
    layers = pd.concat([ds.boundaries["counties"], ds.boundaries["prefectures"]])
    chosen = layers[layers["adcode"].isin(codes)]
    if chosen.empty:
        return None
    minx, miny, maxx, maxy = chosen.total_bounds
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def points_bounds(points: pd.DataFrame, pad: float = 0.3) -> list[list[float]] | None:
    """[[south, west], [north, east]] around these points (lon, lat columns), padded so one point is not a dot."""
    if points.empty:
        return None
    return [[float(points["lat"].min()) - pad, float(points["lon"].min()) - pad],
            [float(points["lat"].max()) + pad, float(points["lon"].max()) + pad]]


def frame_bounds(ds: Dataset, flt: Filter, shown: pd.DataFrame) -> list[list[float]] | None:
    """With no place chosen, the bounds of what a map shows: its records' own points where they have coordinates
    (stations in other provinces sit at province centroids, outside any county), else their counties and cities.
    None when a place is chosen: the selection's bounds win."""
    if flt.cities or flt.counties:
        return None
    if {"lon", "lat"} <= set(shown.columns):
        return points_bounds(shown)
    return bounds_of(ds, sorted(set(shown["adcode"])))


def selection_bounds(ds: Dataset, flt: Filter) -> list[list[float]] | None:
    """The chosen counties, else the chosen cities; None for no filter."""
    codes = list(flt.counties) or list(flt.cities)
    return bounds_of(ds, codes) if codes else None


def default_bounds(ds: Dataset) -> list[list[float]]:
    """The four prefectures and every route waypoint, so the whole story fits at first sight."""
    focus = ds.boundaries["prefectures"]
    focus = focus[focus["adcode"].isin(settings.FOCUS_CITIES)]
    minx, miny, maxx, maxy = focus.total_bounds
    refs = place_points(ds).loc[lambda p: p.index.isin(ds["route_waypoints"]["place_ref"])]
    if len(refs):
        minx, maxx = min(minx, refs["lon"].min()), max(maxx, refs["lon"].max())
        miny, maxy = min(miny, refs["lat"].min()), max(maxy, refs["lat"].max())
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def base_map(ds: Dataset, lang: str, flt: Filter | None = None,
             bounds: list[list[float]] | None = None) -> folium.Map:
    """A map with no tiles: countries, provinces, prefectures and counties drawn from data/boundaries."""
    m = folium.Map(location=settings.MAP_DEFAULT_CENTER, zoom_start=settings.MAP_DEFAULT_ZOOM, tiles=None,
                   prefer_canvas=True, control_scale=True, attribution_control=True)
    # folium hands zoom limits to a tile layer; with none, Leaflet (and marker clustering) needs them here
    m.options.update(maxZoom=settings.MAP_MAX_ZOOM, minZoom=settings.MAP_MIN_ZOOM)
    if settings.ONLINE_TILES:
        folium.TileLayer(settings.ONLINE_TILES, attr=settings.ONLINE_TILES_ATTRIBUTION, name="tiles").add_to(m)
    for layer in ("countries", "provinces", "prefectures", "counties"):
        add_outline(m, ds, layer, lang)
    m.fit_bounds(bounds or selection_bounds(ds, flt or Filter()) or default_bounds(ds))
    return m


_OUTLINES: dict[tuple[str, str, str], dict] = {}


def outline_geojson(ds: Dataset, layer: str, lang: str) -> dict:
    """The basemap layer as escaped GeoJSON, built once per data version and language (it never changes
    with the filter)."""
    key = (ds.fingerprint, layer, lang)
    if key not in _OUTLINES or not ds.fingerprint:
        gdf, col = ds.boundaries[layer], name_col(lang)
        keys = [c for c in ("adcode", "iso3") if c in gdf.columns]
        data = json.loads(gdf[[*keys, col, "geometry"]].rename(columns={col: "name"}).to_json())
        for feat in data["features"]:
            feat["properties"]["name"] = esc(feat["properties"]["name"])
        if len(_OUTLINES) > 64:
            _OUTLINES.clear()
            _DUMPED.clear()
        _OUTLINES[key] = data
        _DUMPED[id(data)] = (data, json.dumps(data, **JSON_KWARGS))
    return _OUTLINES[key]


def add_outline(m: folium.Map, ds: Dataset, layer: str, lang: str) -> None:
    style = BASE_STYLES[layer]
    folium.GeoJson(outline_geojson(ds, layer, lang), name=layer, style_function=lambda _f, s=style: s,
                   control=False,
                   tooltip=folium.GeoJsonTooltip(["name"], labels=False) if layer != "countries" else None).add_to(m)


def finish(m: folium.Map) -> folium.Map:
    """Layer control, the legend and attribution; then point every asset at the local copies."""
    folium.LayerControl(collapsed=False).add_to(m)
    sections = m.__dict__.get("_legend_sections")
    if sections:
        m.get_root().html.add_child(folium.Element(_legend_box(sections)))
    m.add_child(Attribution(esc(settings.BOUNDARY_ATTRIBUTION)))
    return localise(m)


def legend(m: folium.Map, title: str, items: list[tuple]) -> None:
    """Add a section (title, [(colour, text[, symbol radius])]) to the map's one legend, drawn by finish()."""
    if items:
        m.__dict__.setdefault("_legend_sections", []).append((title, items))


LEGEND_FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"  # unquoted: it sits in a quoted attribute


def _swatch(color: str, radius: float | None) -> str:
    """A square colour swatch, or a circle of the symbol's own size for proportional symbols."""
    if radius is None:
        return (f"<span style='display:inline-block;width:14px;height:14px;background:{color};margin-right:6px;"
                f"border:1px solid #333;vertical-align:middle'></span>")
    d = round(2 * radius)
    return (f"<span style='display:inline-block;width:{d}px;height:{d}px;border-radius:50%;background:{color};"
            f"opacity:0.7;margin-right:6px;border:1px solid #222;vertical-align:middle'></span>")


def _legend_box(sections: list[tuple[str, list[tuple]]]) -> str:
    parts = []
    for title, items in sections:
        rows = "".join(f"<div>{_swatch(item[0], item[2] if len(item) > 2 else None)}{esc(item[1])}</div>"
                       for item in items)
        parts.append(f"<div style='margin-bottom:4px'><b>{esc(title)}</b>{rows}</div>")
    return (f"<style>.leaflet-container{{font-family:{LEGEND_FONT}}}</style>"
            "<div class='dash-legend' style='position:absolute;bottom:28px;right:10px;z-index:1000;"
            f"background:rgba(255,255,255,0.95);padding:8px 10px;border:1px solid #555;font-size:15px;"
            f"font-family:{LEGEND_FONT};line-height:1.5;color:#111;max-width:45%'>" + "".join(parts) + "</div>")


class Attribution(MacroElement):
    """Credits the bundled boundaries in Leaflet's attribution control."""

    _template = Template("""
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
{% endmacro %}
""")

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text = text
