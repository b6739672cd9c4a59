"""Folium maps over the curated tables: an offline basemap from the bundled boundaries, and layers."""
from __future__ import annotations

import html
import json

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo import fmt, settings
from geo.data import Dataset, place_points
from geo.filters import Filter
from geo.i18n import label, name_col, t
from geo.offline import localise

BASE_STYLES = {
    "countries": {"fillColor": "#eeeeee", "color": "#999999", "weight": 1, "fillOpacity": 1},
    "provinces": {"fillColor": "#f7f7f2", "color": "#888888", "weight": 1.2, "fillOpacity": 1},
    "prefectures": {"fillColor": "#f7f7f2", "color": "#aaaaaa", "weight": 0.8, "fillOpacity": 0},
    "counties": {"fillColor": "#ffffff", "color": "#b0b0b0", "weight": 0.6, "fillOpacity": 0},
}


class ArrowHeads(MacroElement):
    """Arrowheads along the parent polyline (leaflet-polylinedecorator), so a route shows its direction."""

    default_js = [("polylinedecorator", "leaflet-polylinedecorator")]
    _template = Template("""
{% macro script(this, kwargs) %}
L.polylineDecorator({{ this._parent.get_name() }}, {patterns: [{offset: '12%', repeat: '22%',
  symbol: L.Symbol.arrowHead({pixelSize: {{ this.size }}, polygon: true,
  pathOptions: {stroke: false, fill: true, fillColor: {{ this.color|tojson }}, fillOpacity: 1}})}]})
  .addTo({{ this._parent._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, color: str, size: int = 14):
        super().__init__()
        self._name = "ArrowHeads"
        self.color, self.size = color, size


def blank(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) or value == ""


def esc(value) -> str:
    """Escape text from data files before it reaches HTML."""
    return "" if blank(value) else html.escape(str(value))


def popup_html(title: str, rows: list[tuple[str, str]], quote: str | None = None) -> str:
    """A popup body; every piece is escaped here, so callers pass raw text."""
    body = "".join(f"<tr><th style='text-align:left;padding-right:6px'>{esc(k)}</th><td>{esc(v)}</td></tr>"
                   for k, v in rows if not blank(v))
    q = "" if blank(quote) else f"<blockquote style='margin:6px 0;color:#333'>“{esc(quote)}”</blockquote>"
    return f"<div style='font-size:14px;max-width:360px'><b>{esc(title)}</b><table>{body}</table>{q}</div>"


def selection_bounds(ds: Dataset, flt: Filter) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the chosen counties or cities, None for no filter."""
    codes = list(flt.counties) or list(flt.cities)
    if not codes:
        return None
    layers = pd.concat([ds.boundaries["counties"], ds.boundaries["prefectures"]])
    chosen = layers[layers["adcode"].isin(codes)]
    if chosen.empty:
        return None
    minx, miny, maxx, maxy = chosen.total_bounds
    return [[miny, minx], [maxy, maxx]]


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


def base_map(ds: Dataset, lang: str, flt: Filter = Filter(), bounds: list[list[float]] | None = None) -> folium.Map:
    """A map with no tiles: countries, provinces, prefectures and counties drawn from data/boundaries."""
    m = folium.Map(location=settings.MAP_DEFAULT_CENTER, zoom_start=settings.MAP_DEFAULT_ZOOM, tiles=None,
                   prefer_canvas=True, control_scale=True, attribution_control=True)
    if settings.ONLINE_TILES:
        folium.TileLayer(settings.ONLINE_TILES, attr=settings.ONLINE_TILES_ATTRIBUTION, name="tiles").add_to(m)
    for layer in ("countries", "provinces", "prefectures", "counties"):
        add_outline(m, ds.boundaries[layer], layer, lang)
    m.fit_bounds(bounds or selection_bounds(ds, flt) or default_bounds(ds))
    return m


def add_outline(m: folium.Map, gdf, layer: str, lang: str) -> None:
    col = name_col(lang)
    style = BASE_STYLES[layer]
    data = json.loads(gdf[[col, "geometry"]].rename(columns={col: "name"}).to_json())
    for feat in data["features"]:
        feat["properties"]["name"] = esc(feat["properties"]["name"])
    folium.GeoJson(data, name=layer, style_function=lambda _f, s=style: s, control=False,
                   tooltip=folium.GeoJsonTooltip(["name"], labels=False) if layer != "countries" else None).add_to(m)


def finish(m: folium.Map) -> folium.Map:
    """Layer control, the legend and attribution; then point every asset at the local copies."""
    folium.LayerControl(collapsed=False).add_to(m)
    sections = m.__dict__.get("_legend_sections")
    if sections:
        m.get_root().html.add_child(folium.Element(_legend_box(sections)))
    m.add_child(Attribution(esc(settings.BOUNDARY_ATTRIBUTION)))
    return localise(m)


def legend(m: folium.Map, title: str, items: list[tuple[str, str]]) -> None:
    """Add a section (title, [(colour, text)]) to the map's one legend, drawn by finish()."""
    if items:
        m.__dict__.setdefault("_legend_sections", []).append((title, items))


def _legend_box(sections: list[tuple[str, list[tuple[str, str]]]]) -> str:
    parts = []
    for title, items in sections:
        rows = "".join(f"<div><span style='display:inline-block;width:14px;height:14px;background:{c};"
                       f"margin-right:6px;border:1px solid #333;vertical-align:middle'></span>{esc(txt)}</div>"
                       for c, txt in items)
        parts.append(f"<div style='margin-bottom:4px'><b>{esc(title)}</b>{rows}</div>")
    return ("<div class='dash-legend' style='position:absolute;bottom:28px;right:10px;z-index:1000;"
            "background:rgba(255,255,255,0.95);padding:8px 10px;border:1px solid #555;font-size:15px;"
            "line-height:1.5;color:#111;max-width:45%'>" + "".join(parts) + "</div>")


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


def checkpoint_layer(m: folium.Map, checkpoints: pd.DataFrame, lang: str) -> None:
    group = folium.FeatureGroup(name=t("page_checkpoints", lang)).add_to(m)
    for row in checkpoints.itertuples():
        kind = label("checkpoint_kind", row.kind, lang)
        popup = popup_html(getattr(row, name_col(lang)), [
            (t("kind", lang), kind), (t("period", lang), row.period_label),
            (t("precision", lang), label("precision", row.precision, lang) + f" ({row.coord_method})"),
            (t("note", lang), row.note)], row.quote)
        folium.CircleMarker([row.lat, row.lon], radius=9, color="#222", weight=2,
                            fill_color=settings.CHECKPOINT_COLORS.get(row.kind, "#555"), fill_opacity=0.9,
                            tooltip=esc(f"{getattr(row, name_col(lang))} · {kind}"),
                            popup=folium.Popup(popup, max_width=380)).add_to(group)
    legend(m, t("legend", lang), [(settings.CHECKPOINT_COLORS[k], label("checkpoint_kind", k, lang))
                                  for k in settings.CHECKPOINT_COLORS if k in set(checkpoints["kind"])])


def route_layer(m: folium.Map, ds: Dataset, routes: pd.DataFrame, lang: str) -> None:
    """Each route through its ordered waypoints, coloured by drug type, with arrowheads for direction."""
    points = place_points(ds)
    group = folium.FeatureGroup(name=t("page_routes", lang)).add_to(m)
    waypoints = ds["route_waypoints"].sort_values(["route_id", "seq"])
    for row in routes.itertuples():
        refs = waypoints.loc[waypoints["route_id"] == row.route_id, "place_ref"].tolist()
        coords = [[points.at[r, "lat"], points.at[r, "lon"]] for r in refs]
        names = " → ".join(str(points.at[r, name_col(lang)]) for r in refs)
        color = settings.DRUG_COLORS.get(row.drug_type, "#555")
        popup = popup_html(getattr(row, name_col(lang)), [(t("waypoints", lang), names),
                                                         (t("drug", lang), label("drug_type", row.drug_type, lang))],
                           row.quote)
        line = folium.PolyLine(coords, color=color, weight=5, opacity=0.85, tooltip=esc(names),
                               popup=folium.Popup(popup, max_width=380))
        line.add_child(ArrowHeads(color))
        line.add_to(group)
    drugs = sorted(set(routes["drug_type"]))
    legend(m, t("routes_legend", lang), [(settings.DRUG_COLORS[d], label("drug_type", d, lang)) for d in drugs])


def symbol_layer(m: folium.Map, ds: Dataset, frame: pd.DataFrame, value_col: str, lang: str, name: str,
                 describe) -> None:
    """Proportional circles per jurisdiction: size by the largest single figure, popup listing every record."""
    points = place_points(ds)
    group = folium.FeatureGroup(name=name).add_to(m)
    top = frame[value_col].max() if len(frame) else 0
    for adcode, recs in frame.groupby("adcode"):
        if adcode not in points.index:
            continue
        biggest = float(recs[value_col].max())
        radius = 6 + 30 * (biggest / top) ** 0.5 if top else 6
        place = str(points.at[adcode, name_col(lang)])
        lines = "".join(f"<li>{esc(describe(r))}</li>" for r in recs.itertuples())
        popup = f"<div style='font-size:14px;max-width:380px'><b>{esc(place)}</b><ul>{lines}</ul></div>"
        folium.CircleMarker([points.at[adcode, "lat"], points.at[adcode, "lon"]], radius=radius, color="#222",
                            weight=1.5, fill_color="#D55E00", fill_opacity=0.6, tooltip=esc(place),
                            popup=folium.Popup(popup, max_width=400)).add_to(group)


def choropleth_layer(m: folium.Map, ds: Dataset, values: pd.Series, lang: str, name: str) -> None:
    """Counties and cities shaded by a value per adcode (5 classes, light to dark)."""
    shades = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"]
    layers = pd.concat([ds.boundaries["prefectures"], ds.boundaries["counties"]])
    chosen = layers[layers["adcode"].isin(values.index)].copy()
    if chosen.empty:
        return
    chosen["value"] = chosen["adcode"].map(values).astype(float)
    top = chosen["value"].max()
    chosen["shade"] = [shades[min(4, int(4 * v / top))] if top else shades[0] for v in chosen["value"]]
    chosen = chosen.sort_values("level", ascending=False)  # prefectures first, counties drawn on top
    col = name_col(lang)
    data = json.loads(chosen[[col, "value", "shade", "geometry"]].rename(columns={col: "name"}).to_json())
    for feat in data["features"]:
        feat["properties"]["name"] = esc(feat["properties"]["name"])
    folium.GeoJson(data, name=name, style_function=lambda f: {"fillColor": f["properties"]["shade"],
                                                              "color": "#333", "weight": 1, "fillOpacity": 0.75},
                   tooltip=folium.GeoJsonTooltip(["name", "value"], aliases=[t("place", lang), t("count", lang)])
                   ).add_to(m)


def seizure_text(row, lang: str) -> str:
    what = label("drug_type", row.drug_type, lang)
    return f"{row.period_label or ''} {what}: {fmt.quantity(row.quantity, row.qualifier, row.unit, lang)}".strip()
