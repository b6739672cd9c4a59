"""Map layers over the curated tables: checkpoints, directed routes, proportional symbols, choropleths."""
from __future__ import annotations

import json
from collections import defaultdict

import folium
import mapclassify
import pandas as pd
from branca.element import MacroElement
from folium.plugins import FastMarkerCluster, PolyLineOffset
from jinja2 import Template

from geo import fmt, settings
from geo.data import Dataset, place_points
from geo.i18n import label, name_col, t
from geo.maps import esc, legend, popup_html

CHOROPLETH_SHADES = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"]

# Builds one circle marker per data row in the browser, so 10,000 checkpoints cost one JSON array.
POINT_CALLBACK = """
var callback = function (row) {
  var m = L.circleMarker([row[0], row[1]], {radius: 9, color: '#222', weight: 2, fillColor: row[2],
                                            fillOpacity: 0.9});
  m.bindTooltip(row[3]);
  if (row[4]) { m.bindPopup(row[4], {maxWidth: 380}); }
  return m;
};"""


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


def checkpoint_layer(m: folium.Map, checkpoints: pd.DataFrame, lang: str) -> None:
    """One coloured symbol per kind, clustered when zoomed out; popups say what the data says and how exact."""
    rows = []
    for row in checkpoints.itertuples():
        kind = label("checkpoint_kind", row.kind, lang)
        name = getattr(row, name_col(lang))
        popup = popup_html(name, [
            (t("kind", lang), kind), (t("period", lang), row.period_label),
            (t("precision", lang), f"{label('precision', row.precision, lang)} ({row.coord_method})"),
            (t("note", lang), row.note)], row.quote)
        rows.append([float(row.lat), float(row.lon), settings.CHECKPOINT_COLORS.get(row.kind, "#555"),
                     esc(f"{name} · {kind}"), popup])
    FastMarkerCluster(rows, callback=POINT_CALLBACK, name=t("page_checkpoints", lang),
                      options={"disableClusteringAtZoom": 9, "showCoverageOnHover": False}).add_to(m)
    legend(m, t("legend", lang), [(settings.CHECKPOINT_COLORS[k], label("checkpoint_kind", k, lang))
                                  for k in settings.CHECKPOINT_COLORS if k in set(checkpoints["kind"])])


def route_kg(ds: Dataset, routes: pd.DataFrame) -> pd.Series:
    """Kilograms seized in the case(s) on each route, by route_id (0 where the text gives none)."""
    seized = ds["seizures"][(ds["seizures"]["unit"] == "kg") & ds["seizures"]["case_id"].notna()]
    by_case = seized.groupby("case_id")["quantity"].sum()
    cases = ds["cases"]
    case_of = {**dict(zip(cases["route_id"], cases["case_id"])), **dict(zip(routes["route_id"], routes["case_id"]))}
    return pd.Series({r: float(by_case.get(case_of.get(r), 0) or 0) for r in routes["route_id"]}, dtype=float)


def route_offsets(legs: dict[str, list[tuple[str, str]]]) -> dict[str, int]:
    """A pixel-offset slot per route, so routes sharing a leg are drawn side by side, not on top of each other."""
    users: dict[frozenset, list[str]] = defaultdict(list)
    for route, pairs in legs.items():
        for a, b in pairs:
            users[frozenset((a, b))].append(route)
    slots: dict[str, int] = {}
    for route, pairs in legs.items():
        taken = {slots[o] for a, b in pairs for o in users[frozenset((a, b))] if o in slots}
        slots[route] = next(s for s in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5) + tuple(range(6, 999))
                            if s not in taken)
    return slots


def _route_cases_html(ds: Dataset, route, lang: str) -> str:
    cases = ds["cases"][(ds["cases"]["case_id"] == route.case_id) | (ds["cases"]["route_id"] == route.route_id)]
    seized = ds["seizures"]
    parts = []
    for case in cases.itertuples():
        drugs = "、".join(f"{label('drug_type', s.drug_type, lang)} {fmt.quantity(s.quantity, s.qualifier, s.unit, lang)}"
                         for s in seized[seized["case_id"] == case.case_id].itertuples())
        parts.append(popup_html(getattr(case, name_col(lang)), [
            (t("level", lang), label("case_level", case.level, lang)), (t("period", lang), case.period_label),
            (t("suspects", lang), fmt.quantity(case.suspects, case.suspects_qualifier, "person", lang)
             if pd.notna(case.suspects) else ""), (t("drug", lang), drugs)], case.quote))
    return "".join(parts)


def route_layer(m: folium.Map, ds: Dataset, routes: pd.DataFrame, lang: str) -> None:
    """Each route through its ordered waypoints: arrowheads for direction, colour by drug type, width by kg."""
    points = place_points(ds)
    group = folium.FeatureGroup(name=t("page_routes", lang)).add_to(m)
    waypoints = ds["route_waypoints"].sort_values(["route_id", "seq"])
    refs = {r: waypoints.loc[waypoints["route_id"] == r, "place_ref"].tolist() for r in routes["route_id"]}
    slots = route_offsets({r: list(zip(v, v[1:])) for r, v in refs.items()})
    kg = route_kg(ds, routes)
    top = kg.max() if len(kg) and kg.max() > 0 else 1.0
    for row in routes.itertuples():
        stops = refs[row.route_id]
        coords = [[float(points.at[r, "lat"]), float(points.at[r, "lon"])] for r in stops]
        names = " → ".join(str(points.at[r, name_col(lang)]) for r in stops)
        color = settings.DRUG_COLORS.get(row.drug_type, "#555")
        total = fmt.quantity(kg[row.route_id], "exact", "kg", lang) if kg[row.route_id] else ""
        popup = popup_html(getattr(row, name_col(lang)), [
            (t("waypoints", lang), names), (t("drug", lang), label("drug_type", row.drug_type, lang))],
            row.quote) + _route_cases_html(ds, row, lang)
        line = PolyLineOffset(coords, color=color, weight=3 + 7 * (kg[row.route_id] / top) ** 0.5, opacity=0.9,
                               offset=6 * slots[row.route_id],
                               tooltip=esc(f"{getattr(row, name_col(lang))} · {total}".strip(" ·")),
                               popup=folium.Popup(popup, max_width=420))
        line.add_child(ArrowHeads(color))
        line.add_to(group)
    drugs = [d for d in settings.DRUG_COLORS if d in set(routes["drug_type"])]
    legend(m, t("routes_legend", lang), [(settings.DRUG_COLORS[d], label("drug_type", d, lang)) for d in drugs])


def symbol_layer(m: folium.Map, ds: Dataset, frame: pd.DataFrame, value_col: str, lang: str, name: str,
                 describe) -> None:
    """Proportional circles per jurisdiction: size by the largest single figure, popup listing every record."""
    points = place_points(ds)
    group = folium.FeatureGroup(name=name).add_to(m)
    top = float(frame[value_col].max()) if len(frame) else 0.0
    for adcode, recs in frame.groupby("adcode"):
        if adcode not in points.index:
            continue
        biggest = float(recs[value_col].max())
        place = str(points.at[adcode, name_col(lang)])
        lines = "".join(f"<li>{esc(describe(r))}</li>" for r in recs.itertuples())
        popup = f"<div style='font-size:14px;max-width:380px'><b>{esc(place)}</b><ul>{lines}</ul></div>"
        folium.CircleMarker([float(points.at[adcode, "lat"]), float(points.at[adcode, "lon"])],
                            radius=symbol_radius(biggest, top), color="#222", weight=1.5, fill_color="#D55E00",
                            fill_opacity=0.6, tooltip=esc(place), popup=folium.Popup(popup, max_width=400)
                            ).add_to(group)
    if top:
        legend(m, name, [("#D55E00", fmt.quantity(v, "exact", "kg", lang)) for v in size_steps(top)])


def symbol_radius(value: float, top: float) -> float:
    """Circle area proportional to the value (radius ∝ √value), 4 to 34 px."""
    return 4 + 30 * (value / top) ** 0.5 if top else 4


def size_steps(top: float) -> list[float]:
    return sorted({round(top, 1), round(top / 4, 1), round(top / 16, 1)} - {0.0})


def choropleth_layer(m: folium.Map, ds: Dataset, values: pd.Series, lang: str, name: str) -> None:
    """Counties and cities shaded by value per adcode, in natural-breaks classes with a classed legend."""
    layers = pd.concat([ds.boundaries["prefectures"], ds.boundaries["counties"]])
    chosen = layers[layers["adcode"].isin(values.index)].copy()
    if chosen.empty:
        return
    chosen["value"] = chosen["adcode"].map(values).astype(float)
    bins = class_breaks(chosen["value"])
    chosen["shade"] = [CHOROPLETH_SHADES[next(i for i, b in enumerate(bins) if v <= b)] for v in chosen["value"]]
    chosen = chosen.sort_values("level", ascending=False)  # prefectures first, counties drawn on top
    col = name_col(lang)
    data = json.loads(chosen[[col, "value", "shade", "geometry"]].rename(columns={col: "name"}).to_json())
    for feat in data["features"]:
        feat["properties"]["name"] = esc(feat["properties"]["name"])
    folium.GeoJson(data, name=name, style_function=lambda f: {"fillColor": f["properties"]["shade"],
                                                              "color": "#333", "weight": 1, "fillOpacity": 0.8},
                   tooltip=folium.GeoJsonTooltip(["name", "value"], aliases=[t("place", lang), t("count", lang)])
                   ).add_to(m)
    lows = [chosen["value"].min()] + [b for b in bins[:-1]]
    legend(m, name, [(CHOROPLETH_SHADES[i], f"{fmt.number(lo, lang)}–{fmt.number(hi, lang)}")
                     for i, (lo, hi) in enumerate(zip(lows, bins))])


def class_breaks(values: pd.Series, k: int = 5) -> list[float]:
    """Upper bounds of at most k classes (quantiles via mapclassify: deterministic and fast at any size)."""
    distinct = sorted(set(values.astype(float)))
    if len(distinct) <= k:
        return distinct
    return sorted({float(b) for b in mapclassify.Quantiles(values.astype(float).to_numpy(), k=k).bins})


def seizure_text(row, lang: str) -> str:
    what = label("drug_type", row.drug_type, lang)
    return f"{row.period_label or ''} {what}: {fmt.quantity(row.quantity, row.qualifier, row.unit, lang)}".strip()
