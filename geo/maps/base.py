"""Folium maps over the curated tables: an offline basemap from the bundled boundaries, and layers."""
from __future__ import annotations

import html
import json
from dataclasses import replace
from typing import TypedDict

import folium
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo import settings
from geo.data.filters import Filter
from geo.data.load import Dataset, place_points
from geo.i18n import t
from geo.maps import basefile, browser, coords
from geo.maps.offline import localise

# folium writes map data with Jinja's tojson; compact separators make every map about a third smaller.
JSON_KWARGS = {"sort_keys": True, "separators": (",", ":")}
folium.GeoJson._template.environment.policies["json.dumps_kwargs"] = JSON_KWARGS

class Style(TypedDict):
    """A boundary layer's Leaflet path style (also drawn by the static maps)."""

    fillColor: str
    color: str
    weight: float
    fillOpacity: float


BASE_STYLES: dict[str, Style] = {
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


def drawn_datum() -> str:
    """The datum the maps are drawn in: that of the online tiles when they are on, else the data's WGS-84."""
    return settings.ONLINE_TILES_DATUM if settings.ONLINE_TILES else "wgs84"


def display_dataset(ds: Dataset, datum: str | None = None) -> Dataset:
    """The dataset in the datum of the basemap. The data and the offline basemap are WGS-84; Chinese tile
    providers draw in GCJ-02, so with such tiles every coordinate is shifted the same way (built once)."""
    datum = datum or drawn_datum()
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
    """A map with no tiles: countries, provinces, prefectures and counties from data/boundaries, fetched by the
    browser from one static file; the selection outlined with the rest dimmed; fitted to its frame."""
    m = folium.Map(location=settings.MAP_DEFAULT_CENTER, zoom_start=settings.MAP_DEFAULT_ZOOM, tiles=None,
                   prefer_canvas=True, control_scale=True, attribution_control=True, zoom_snap=0.25)
    # folium hands zoom limits to a tile layer; with none, Leaflet (and marker clustering) needs them here
    m.options.update(maxZoom=settings.MAP_MAX_ZOOM, minZoom=settings.MAP_MIN_ZOOM)
    if settings.ONLINE_TILES:
        folium.TileLayer(settings.ONLINE_TILES, attr=settings.ONLINE_TILES_ATTRIBUTION, name="tiles").add_to(m)
    browser.fill_frame(m)
    m.__dict__["_lang"] = lang
    m.add_child(browser.Panes())
    styles = {layer: BASE_STYLES[layer] for layer in basefile.LAYERS}
    if settings.MAP_INLINE_BOUNDARIES:  # the benchmark's baseline: boundaries inside every map, as before
        m.add_child(browser.Basemap("", styles, lang, inline=json.loads(basefile.boundary_json(ds))))
    else:
        m.add_child(browser.Basemap(basefile.publish(ds), styles, lang))
    codes = list((flt.counties or flt.cities) if flt else ())
    if codes:
        m.add_child(browser.Selection(codes))
    m.__dict__["_fit_bounds"] = bounds or selection_bounds(ds, flt or Filter()) or default_bounds(ds)
    return m


def add_labels(m: folium.Map, places: pd.DataFrame) -> None:
    """Queue permanent labels (labels.COLUMNS) for finish(), which draws them in one layer."""
    m.__dict__.setdefault("_label_frames", []).append(places)


def label_rows(frames: list[pd.DataFrame]) -> list[list]:
    """Labels (labels.COLUMNS frames) as the browser draws them: [lat, lon, html, priority, min zoom, kind], each
    place once with its most important label."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return []
    places = pd.concat(frames, ignore_index=True).sort_values("priority", kind="stable").drop_duplicates("ref")
    return [[round(float(r.lat), 5), round(float(r.lon), 5), esc(r.name), int(r.priority), float(r.min_zoom), r.kind]
            for r in places.itertuples()]


def finish(m: folium.Map) -> folium.Map:
    """Layer control, the legend, labels, the frame fit and attribution; then point assets at local copies."""
    folium.LayerControl(collapsed=True).add_to(m)
    sections = m.__dict__.get("_legend_sections")
    if sections:
        m.add_child(browser.Legend(legend_html(sections, t("legend", m.__dict__.get("_lang", "zh")))))
    rows = label_rows(m.__dict__.get("_label_frames", []))
    if rows:
        m.add_child(browser.Labels(rows))
    m.add_child(browser.FitFrame(m.__dict__.get("_fit_bounds") or [[18, 95], [36, 118]]))
    zh = m.__dict__.get("_lang", "zh") == "zh"
    credit = (settings.BOUNDARY_ATTRIBUTION if zh else settings.BOUNDARY_ATTRIBUTION_EN).format(
        datum=settings.DATUM_LABELS.get(drawn_datum(), drawn_datum()))
    m.add_child(Attribution(esc(credit)))
    return localise(m)


def legend(m: folium.Map, title: str, items: list[tuple]) -> None:
    """Add a section (title, [(colour, text[, symbol radius])]) to the map's one legend, drawn by finish()."""
    if items:
        m.__dict__.setdefault("_legend_sections", []).append((title, items))


LEGEND_FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"  # unquoted: it sits in a quoted attribute
SHAPES = {  # SVG bodies in a 16x16 box, for checkpoint kinds (shape and colour both tell kinds apart)
    "circle": "<circle cx='8' cy='8' r='6.5'/>",
    "square": "<rect x='2' y='2' width='12' height='12'/>",
    "triangle": "<polygon points='8,1 15,15 1,15'/>",
    "diamond": "<polygon points='8,0.5 15.5,8 8,15.5 0.5,8'/>",
}


def shape_svg(shape: str, color: str, size: int = 16) -> str:
    """A checkpoint symbol as inline SVG (the same drawing on the map and in its legend)."""
    body = SHAPES.get(shape, SHAPES["circle"])
    return (f"<svg width='{size}' height='{size}' viewBox='0 0 16 16' style='overflow:visible'>"
            f"<g fill='{color}' stroke='#111' stroke-width='1.6'>{body}</g></svg>")


def _swatch(color: str, spec, width: int) -> str:
    """A square swatch, a line (routes), a symbol shape, or a circle of the symbol's own size in a column as
    wide as the largest circle, so circles of a size legend never overlap each other or their text."""
    if isinstance(spec, (int, float)):
        d = max(2, round(2 * spec))
        inner = (f"<span style='display:block;width:{d}px;height:{d}px;border-radius:50%;background:{color};"
                 f"opacity:0.7;border:1px solid #222'></span>")
    elif spec == "line":
        inner = f"<span style='display:block;width:26px;height:5px;background:{color}'></span>"
    elif spec == "halo":
        inner = f"<span style='display:block;width:26px;height:12px;background:{color}'></span>"
    elif spec == "cluster":  # drawn as Leaflet.markercluster draws a small cluster
        inner = (f"<span style='display:flex;align-items:center;justify-content:center;width:24px;height:24px;"
                 f"border-radius:50%;background:{color};font:11px sans-serif;color:#000'>2</span>")
    elif isinstance(spec, str) and spec.startswith("shape:"):
        inner = shape_svg(spec[6:], color)
    else:
        inner = f"<span style='display:block;width:14px;height:14px;background:{color};border:1px solid #333'></span>"
    return f"<span class='sym' style='width:{width}px'>{inner}</span>"


def legend_html(sections: list[tuple[str, list[tuple]]], title: str = "") -> str:
    """The legend's HTML, inside a <details> the reader can fold; every text escaped."""
    parts = []
    for name, items in sections:
        specs = [item[2] if len(item) > 2 else None for item in items]
        width = max([26] + [round(2 * s) + 2 for s in specs if isinstance(s, (int, float))])
        rows = "".join(f"<div class='row'>{_swatch(item[0], spec, width)}<span>{esc(item[1])}</span></div>"
                       for item, spec in zip(items, specs))
        parts.append(f"<div style='margin-top:4px'><b>{esc(name)}</b>{rows}</div>")
    return (f"<details open style='font-family:{LEGEND_FONT}'><summary>{esc(title) or '⊟'}</summary>"
            + "".join(parts) + "</details>")


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
