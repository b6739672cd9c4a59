"""Map layers over the curated tables: checkpoints, directed routes, proportional symbols, choropleths."""
from __future__ import annotations

import json
from collections import defaultdict

import folium
import mapclassify
import pandas as pd
from folium.elements import JSCSSMixin
from folium.plugins import FastMarkerCluster
from jinja2 import Template

from geo import fmt, settings
from geo.data import Dataset, place_points
from geo.i18n import label, name_col, t
from geo.maps import esc, legend, popup_html

SYMBOL_COLOR = "#D55E00"
POPUP_RECORDS = 10  # a popup lists the largest records of a place; the table below the map has them all
CHOROPLETH_SHADES = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"]

# Popups are assembled in the browser from compact rows and de-duplicated string tables, so 10,000 points
# cost one small JSON array. Every string in those tables is HTML-escaped in Python before it is sent.
POPUP_JS = """
function dashPopup(title, rows, quote) {
  var body = rows.filter(function (r) { return r[1]; }).map(function (r) {
    return "<tr><th style='text-align:left;padding-right:6px'>" + r[0] + "</th><td>" + r[1] + "</td></tr>";
  }).join("");
  var q = quote ? "<blockquote style='margin:6px 0;color:#333'>\u201c" + quote + "\u201d</blockquote>" : "";
  return "<div style='font-size:14px;max-width:360px'><b>" + title + "</b><table>" + body + "</table>" + q + "</div>";
}"""

# folium writes `var callback = <this>;`: one expression, so the popup builder and tables live in a closure
# (a bare `function dashPopup` there would be a named function expression, unknown when a popup opens).
POINT_CALLBACK = "(function () {" + POPUP_JS + """
var T = %s;
return function (row) {
  var kind = T.kinds[row[2]];
  var m = L.circleMarker([row[0], row[1]], {radius: 9, color: '#222', weight: 2, fillColor: kind[0],
                                            fillOpacity: 0.9});
  m.bindTooltip(row[3] + ' · ' + kind[1]);
  m.bindPopup(function () {
    return dashPopup(row[3], [[T.labels[0], kind[1]], [T.labels[1], row[5]], [T.labels[2], T.methods[row[4]]],
                              [T.labels[3], row[6]]], T.quotes[row[7]]);
  }, {maxWidth: 380});
  return m;
};
})()"""


class Interner:
    """Numbers each distinct (escaped) string once, so repeated quotes and labels are sent once."""

    def __init__(self):
        self.index: dict[str, int] = {}

    def __call__(self, value) -> int:
        return self.index.setdefault(esc(value), len(self.index))

    @property
    def values(self) -> list[str]:
        return list(self.index)


def js_json(value) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def checkpoint_layer(m: folium.Map, checkpoints: pd.DataFrame, lang: str) -> None:
    """One coloured symbol per kind, clustered when zoomed out; popups say what the data says and how exact."""
    kinds, methods, quotes = Interner(), Interner(), Interner()
    kind_colors: dict[int, str] = {}
    rows = []
    for row in checkpoints.itertuples():
        k = kinds(label("checkpoint_kind", row.kind, lang))
        kind_colors[k] = settings.CHECKPOINT_COLORS.get(row.kind, "#555")
        method = methods(f"{label('precision', row.precision, lang)} ({row.coord_method})")
        rows.append([round(float(row.lat), 5), round(float(row.lon), 5), k, esc(getattr(row, name_col(lang))),
                     method, esc(row.period_label), esc(row.note), quotes(row.quote)])
    tables = {"kinds": [[kind_colors[i], v] for i, v in enumerate(kinds.values)], "methods": methods.values,
              "quotes": quotes.values, "labels": [esc(t(k, lang)) for k in ("kind", "period", "precision", "note")]}
    FastMarkerCluster(rows, callback=POINT_CALLBACK % js_json(tables), name=t("page_checkpoints", lang),
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


def _case_popups(ds: Dataset, case_ids: set[str], lang: str) -> dict[str, str]:
    """Popup HTML per case on the shown routes: level, period, suspects, drugs seized and the quote."""
    cases = ds["cases"][ds["cases"]["case_id"].isin(case_ids)]
    seized = ds["seizures"][ds["seizures"]["case_id"].isin(case_ids)]
    texts = [f"{label('drug_type', d, lang)} {fmt.quantity(q, ql, u, lang)}" for d, q, ql, u in
             zip(seized["drug_type"], seized["quantity"], seized["qualifier"], seized["unit"])]
    drugs = pd.Series(texts, index=seized["case_id"].to_numpy(), dtype=object).groupby(level=0).agg("、".join).to_dict()
    return {case.case_id: popup_html(getattr(case, name_col(lang)), [
        (t("level", lang), label("case_level", case.level, lang)), (t("period", lang), case.period_label),
        (t("suspects", lang), fmt.quantity(case.suspects, case.suspects_qualifier, "person", lang)
         if pd.notna(case.suspects) else ""), (t("drug", lang), drugs.get(case.case_id, ""))], case.quote)
        for case in cases.itertuples()}


class RouteLines(JSCSSMixin, folium.map.Layer):
    """All routes as one data array drawn in the browser: offset polylines with arrowheads for direction.

    Row: [coords, drug, weight, offset, title, via, total, quote, [cases]]; drug, quote and cases index tables.
    """

    default_js = [("polylineoffset", "leaflet-polylineoffset"), ("polylinedecorator", "leaflet-polylinedecorator")]
    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  {{ this.popup_js }}
  var T = {{ this.tables }};
  var group = L.featureGroup();
  {{ this.rows_json }}.forEach(function (r) {
    var drug = T.drugs[r[1]];
    var line = L.polyline(r[0], {color: drug[0], weight: r[2], opacity: 0.9, offset: r[3]});
    line.bindTooltip(r[6] ? r[4] + ' · ' + r[6] : r[4]);
    line.bindPopup(function () {
      return dashPopup(r[4], [[T.labels[0], r[5]], [T.labels[1], drug[1]], [T.labels[2], r[6]]], T.quotes[r[7]])
        + r[8].map(function (c) { return T.cases[c]; }).join('');
    }, {maxWidth: 420});
    line.addTo(group);
    L.polylineDecorator(line, {patterns: [{offset: '12%', repeat: '22%', symbol: L.Symbol.arrowHead(
      {pixelSize: 14, polygon: true, pathOptions: {stroke: false, fill: true, fillColor: drug[0], fillOpacity: 1}})}]}
    ).addTo(group);
  });
  return group.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
""")

    def __init__(self, rows: list[list], tables: dict, name: str):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "RouteLines"
        self.rows, self.rows_json, self.tables, self.popup_js = rows, js_json(rows), js_json(tables), POPUP_JS


def route_layer(m: folium.Map, ds: Dataset, routes: pd.DataFrame, lang: str) -> None:
    """Each route through its ordered waypoints: arrowheads for direction, colour by drug type, width by kg,
    routes sharing a leg offset side by side; hover gives name and total, click the cases with their quotes."""
    points = place_points(ds)
    waypoints = ds["route_waypoints"][ds["route_waypoints"]["route_id"].isin(routes["route_id"])]
    refs = waypoints.sort_values(["route_id", "seq"]).groupby("route_id")["place_ref"].agg(list).to_dict()
    slots = route_offsets({r: list(zip(v, v[1:])) for r, v in refs.items()})
    kg = route_kg(ds, routes).to_dict()
    top = max(kg.values(), default=0.0) or 1.0
    on_route = ds["cases"].dropna(subset=["route_id"]).groupby("route_id")["case_id"].apply(list).to_dict()
    case_lists = {r.route_id: list(dict.fromkeys(([r.case_id] if isinstance(r.case_id, str) else [])
                                                 + on_route.get(r.route_id, []))) for r in routes.itertuples()}
    case_ids = sorted({c for v in case_lists.values() for c in v})
    popups = _case_popups(ds, set(case_ids), lang)
    case_index = {c: i for i, c in enumerate(case_ids)}
    drugs, quotes = Interner(), Interner()
    drug_colors: dict[int, str] = {}
    lat, lon, names = points["lat"].to_dict(), points["lon"].to_dict(), points[name_col(lang)].to_dict()
    rows = []
    for row in routes.itertuples():
        stops = refs.get(row.route_id, [])
        d = drugs(label("drug_type", row.drug_type, lang))
        drug_colors[d] = settings.DRUG_COLORS.get(row.drug_type, "#555")
        total = fmt.quantity(kg[row.route_id], "exact", "kg", lang) if kg[row.route_id] else ""
        rows.append([[[round(float(lat[r]), 4), round(float(lon[r]), 4)] for r in stops], d,
                     round(3 + 7 * (kg[row.route_id] / top) ** 0.5, 1), 6 * slots.get(row.route_id, 0),
                     esc(getattr(row, name_col(lang))), esc(" → ".join(str(names[r]) for r in stops)), esc(total),
                     quotes(row.quote), [case_index[c] for c in case_lists[row.route_id]]])
    tables = {"drugs": [[drug_colors[i], v] for i, v in enumerate(drugs.values)], "quotes": quotes.values,
              "cases": [popups.get(c, "") for c in case_ids],
              "labels": [esc(t(k, lang)) for k in ("waypoints", "drug", "quantity")]}
    RouteLines(rows, tables, name=t("page_routes", lang)).add_to(m)
    present = [d for d in settings.DRUG_COLORS if d in set(routes["drug_type"])]
    legend(m, t("routes_legend", lang), [(settings.DRUG_COLORS[d], label("drug_type", d, lang)) for d in present])


class SymbolPoints(folium.map.Layer):
    """Proportional circles from one data array: [lat, lon, radius, tooltip, popup] per place."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  var group = L.featureGroup();
  {{ this.rows_json }}.forEach(function (r) {
    L.circleMarker([r[0], r[1]], {radius: r[2], color: '#222', weight: 1.5, fillColor: {{ this.color|tojson }},
                                  fillOpacity: 0.6}).bindTooltip(r[3]).bindPopup(r[4], {maxWidth: 400}).addTo(group);
  });
  return group.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
""")

    def __init__(self, rows: list[list], name: str, color: str):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "SymbolPoints"
        self.rows_json, self.color = js_json(rows), color


def symbol_layer(m: folium.Map, ds: Dataset, frame: pd.DataFrame, value_col: str, lang: str, name: str,
                 describe) -> None:
    """Proportional circles per jurisdiction: size by the largest single figure (never a sum of figures of
    different periods), popup listing the largest records of the place."""
    points = place_points(ds)
    rows: list[list] = []
    ranked = frame[frame["adcode"].isin(points.index)].sort_values(value_col, ascending=False)
    top = float(ranked[value_col].iloc[0]) if len(ranked) else 0.0
    counts = ranked.groupby("adcode").size()
    shown = ranked.groupby("adcode").head(POPUP_RECORDS)
    shown = shown.assign(_text=[esc(describe(r)) for r in shown.itertuples()])
    for adcode, part in shown.groupby("adcode", sort=False):
        place = str(points.at[adcode, name_col(lang)])
        lines = "".join(f"<li>{text}</li>" for text in part["_text"])
        more = int(counts[adcode]) - len(part)
        lines += f"<li>… +{more}</li>" if more > 0 else ""
        popup = f"<div style='font-size:14px;max-width:380px'><b>{esc(place)}</b><ul>{lines}</ul></div>"
        rows.append([round(float(points.at[adcode, "lat"]), 5), round(float(points.at[adcode, "lon"]), 5),
                     round(symbol_radius(float(part[value_col].iloc[0]), top), 1), esc(place), popup])
    SymbolPoints(rows, name=name, color=SYMBOL_COLOR).add_to(m)
    if top:
        legend(m, name, [(SYMBOL_COLOR, fmt.quantity(v, "exact", "kg", lang), symbol_radius(v, top))
                         for v in size_steps(top)])


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
    data = json.loads(chosen[["adcode", col, "value", "shade", "geometry"]].rename(columns={col: "name"}).to_json())
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
