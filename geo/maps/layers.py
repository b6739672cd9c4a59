"""Map layers over the curated tables: checkpoints, directed routes, proportional symbols, choropleths."""
from __future__ import annotations

import json
import math
from collections import defaultdict

import folium
import pandas as pd
from folium.elements import JSCSSMixin
from folium.plugins import FastMarkerCluster

from geo import fmt, settings
from geo.data.load import Dataset, place_points
from geo.i18n import label, name_col, t
from geo.maps.base import add_labels, blank, esc, legend, shape_svg
from geo.maps.browser import Shading, call

SYMBOL_COLOR = "#D55E00"
POPUP_RECORDS = 10  # a popup lists the largest records of a place; the table below the map has them all
CASE_POPUP_SEIZURES = 5  # likewise, a case's popup lists its largest seizures
CHOROPLETH_SHADES = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"]

# Popups are assembled in the browser (static/js/map_frame.js: dashMap.popup) from compact rows and de-duplicated
# string tables, so 10,000 points cost one small JSON array. Every string in those tables is HTML-escaped in Python
# before it is sent.


class Interner:
    """Numbers each distinct (escaped) string once, so repeated quotes and labels are sent once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, value) -> int:
        return self.index.setdefault(esc(value), len(self.index))

    @property
    def values(self) -> list[str]:
        return list(self.index)


CLUSTER_COLOR = "rgba(110, 204, 57, 0.6)"  # Leaflet.markercluster's bubble for small clusters


def js_json(value) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


CLUSTER_OPTIONS = {"disableClusteringAtZoom": 9, "showCoverageOnHover": False}


def checkpoint_data(checkpoints: pd.DataFrame, lang: str) -> tuple[list[list], dict]:
    """The rows and string tables the browser draws checkpoints from (dashMap.checkpointMarker)."""
    kinds, methods, quotes = Interner(), Interner(), Interner()
    kind_colors: dict[int, str] = {}
    kind_shapes: dict[int, str] = {}
    rows = []
    for row in checkpoints.itertuples():
        k = kinds(label("checkpoint_kind", row.kind, lang))
        kind_colors[k] = settings.CHECKPOINT_COLORS.get(row.kind, "#555")
        kind_shapes[k] = settings.CHECKPOINT_SYMBOLS.get(row.kind, "circle")
        method = methods(f"{label('precision', row.precision, lang)} ({row.coord_method})")
        rows.append([round(float(row.lat), 5), round(float(row.lon), 5), k, esc(getattr(row, name_col(lang))),
                     method, esc(row.period_label), esc(row.note), quotes(row.quote)])
    tables = {"kinds": [[kind_colors[i], v, shape_svg(kind_shapes[i], kind_colors[i], 20)]
                        for i, v in enumerate(kinds.values)], "methods": methods.values,
              "quotes": quotes.values, "labels": [esc(t(k, lang)) for k in ("kind", "period", "precision", "note")]}
    return rows, tables


def checkpoint_layer(m: folium.Map, checkpoints: pd.DataFrame, lang: str) -> None:
    """One coloured symbol per kind, clustered when zoomed out; popups say what the data says and how exact."""
    rows, tables = checkpoint_data(checkpoints, lang)
    FastMarkerCluster(rows, callback=f"dashMap.checkpointMarker({js_json(tables)})", name=t("page_checkpoints", lang),
                      options=CLUSTER_OPTIONS).add_to(m)
    checkpoint_legend(m, checkpoints, lang)


def checkpoint_legend(m: folium.Map, checkpoints: pd.DataFrame, lang: str) -> None:
    items = [(settings.CHECKPOINT_COLORS[k], label("checkpoint_kind", k, lang),
              f"shape:{settings.CHECKPOINT_SYMBOLS.get(k, 'circle')}")
             for k in settings.CHECKPOINT_COLORS if k in set(checkpoints["kind"])]
    if len(checkpoints) > 1:  # zoomed out, nearby checkpoints merge into a numbered bubble
        items.append((CLUSTER_COLOR, t("map_cluster", lang), "cluster"))
    legend(m, t("page_checkpoints", lang), items)


def checkpoint_count_layer(m: folium.Map, ds: Dataset, checkpoints: pd.DataFrame, lang: str) -> None:
    """Checkpoints counted per county as proportional symbols: the overview's view when there are too many to
    show one by one (the checkpoints page still shows each)."""
    rows, top = checkpoint_count_rows(ds, checkpoints, lang)
    SymbolPoints(rows, name=t("page_checkpoints", lang), color=SYMBOL_COLOR).add_to(m)
    if top:
        symbol_legend(m, t("page_checkpoints", lang), top, "site", lang)


def checkpoint_count_rows(ds: Dataset, checkpoints: pd.DataFrame, lang: str,
                          top: float | None = None) -> tuple[list[list], float]:
    """Symbol rows of checkpoints counted per place, listing the count of each kind."""
    counts = checkpoints.groupby(["adcode", "kind"]).size().rename("n").reset_index()
    per_place = counts.groupby("adcode")["n"].transform("sum")
    frame = counts.assign(total=per_place.astype(float))
    return symbol_rows(ds, frame, "total", lang,
                       lambda r: f"{label('checkpoint_kind', r.kind, lang)}: {fmt.number(r.n, lang)}", top=top)


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


def _case_rows(ds: Dataset, case_ids: list[str], lang: str, strings: Interner) -> list[list]:
    """Per case on the shown routes, [title, rows, quote] as indexes into one escaped string table; the browser
    turns them into popups on click, so 2,000 cases cost a few hundred kB rather than megabytes of HTML."""
    cases = ds["cases"].set_index("case_id").reindex(case_ids)
    seized = ds["seizures"][ds["seizures"]["case_id"].isin(case_ids)].sort_values("quantity", ascending=False)
    parts: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for case_id, d, q, ql, u in zip(seized["case_id"], seized["drug_type"], seized["quantity"], seized["qualifier"],
                                    seized["unit"]):
        counts[case_id] += 1
        if len(parts[case_id]) < CASE_POPUP_SEIZURES:
            parts[case_id].append(f"{label('drug_type', d, lang)} {fmt.quantity(q, ql, u, lang)}")
    drugs = {c: "、".join(p) + (f" … +{counts[c] - len(p)}" if counts[c] > len(p) else "") for c, p in parts.items()}
    heads = [strings(t(k, lang)) for k in ("level", "period", "suspects", "drug")]
    rows = []
    for case_id, case in zip(case_ids, cases.itertuples()):
        suspects = (fmt.quantity(case.suspects, case.suspects_qualifier, "person", lang)
                    if pd.notna(case.suspects) else "")
        values = [label("case_level", case.level, lang) if not blank(case.level) else "", case.period_label,
                  suspects, drugs.get(case_id, "")]
        rows.append([strings(getattr(case, name_col(lang))), [[h, strings(v)] for h, v in zip(heads, values)
                                                              if not blank(v)], strings(case.quote)])
    return rows


class RouteLines(JSCSSMixin, folium.map.Layer):
    """All routes as one data array drawn in the browser: offset polylines with arrowheads for direction.

    Row: [coords, drug, weight, offset, title, via, total, quote, [cases]]; drug indexes T.drugs, quote T.s,
    cases T.cases, whose entries index the escaped string table T.s.
    """

    default_js = [("polylineoffset", "leaflet-polylineoffset"), ("polylinedecorator", "leaflet-polylinedecorator")]
    _template = call("routes", "rows_json", "tables", named=True)

    def __init__(self, rows: list[list], tables: dict, name: str):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "RouteLines"
        self.rows, self.rows_json, self.tables = rows, js_json(rows), js_json(tables)


def route_data(ds: Dataset, routes: pd.DataFrame, lang: str, top: float | None = None) -> tuple[list[list], dict]:
    """The rows and tables the browser draws routes from (dashMap.routes); widths are scaled against `top` kg
    (by default the largest of these routes)."""
    points = place_points(ds)
    waypoints = ds["route_waypoints"][ds["route_waypoints"]["route_id"].isin(routes["route_id"])]
    refs = waypoints.sort_values(["route_id", "seq"]).groupby("route_id")["place_ref"].agg(list).to_dict()
    slots = route_offsets({r: list(zip(v, v[1:])) for r, v in refs.items()})
    kg = route_kg(ds, routes).to_dict()
    top = top or max(kg.values(), default=0.0) or 1.0
    on_route = ds["cases"].dropna(subset=["route_id"]).groupby("route_id")["case_id"].apply(list).to_dict()
    case_lists = {r.route_id: list(dict.fromkeys(([r.case_id] if isinstance(r.case_id, str) else [])
                                                 + on_route.get(r.route_id, []))) for r in routes.itertuples()}
    case_ids = sorted({c for v in case_lists.values() for c in v})
    strings = Interner()
    case_rows = _case_rows(ds, case_ids, lang, strings)
    case_index = {c: i for i, c in enumerate(case_ids)}
    drugs = Interner()
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
                     strings(row.quote), [case_index[c] for c in case_lists[row.route_id]]])
    tables = {"drugs": [[drug_colors[i], v] for i, v in enumerate(drugs.values)], "s": strings.values,
              "cases": case_rows,
              "labels": [esc(t(k, lang)) for k in ("waypoints", "drug", "quantity")]}
    return rows, tables


def route_layer(m: folium.Map, ds: Dataset, routes: pd.DataFrame, lang: str) -> None:
    """Each route through its ordered waypoints: arrowheads for direction, colour by drug type, width by kg,
    routes sharing a leg offset side by side; hover gives name and total, click the cases with their quotes."""
    rows, tables = route_data(ds, routes, lang)
    RouteLines(rows, tables, name=t("page_routes", lang)).add_to(m)
    route_legend(m, routes, lang)


def route_legend(m: folium.Map, routes: pd.DataFrame, lang: str) -> None:
    present = [d for d in settings.DRUG_COLORS if d in set(routes["drug_type"])]
    legend(m, t("routes_legend", lang), [(settings.DRUG_COLORS[d], label("drug_type", d, lang), "line")
                                         for d in present])


class SymbolPoints(folium.map.Layer):
    """Proportional circles from one data array: [lat, lon, radius, tooltip, popup] per place."""

    _template = call("symbols", "rows_json", "color|tojson", named=True)

    def __init__(self, rows: list[list], name: str, color: str):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "SymbolPoints"
        self.rows_json, self.color = js_json(rows), color


def symbol_layer(m: folium.Map, ds: Dataset, frame: pd.DataFrame, value_col: str, lang: str, name: str,
                 describe, unit: str = "kg") -> None:
    """Proportional circles per jurisdiction: size by the largest single figure (never a sum of figures of
    different periods), popup listing the largest records of the place."""
    rows, top = symbol_rows(ds, frame, value_col, lang, describe)
    SymbolPoints(rows, name=name, color=SYMBOL_COLOR).add_to(m)
    if top:
        symbol_legend(m, name, top, unit, lang)


def symbol_legend(m: folium.Map, name: str, top: float, unit: str, lang: str) -> None:
    legend(m, name, [(SYMBOL_COLOR, fmt.quantity(v, "exact", unit, lang), symbol_radius(v, top))
                     for v in size_steps(top)])


def symbol_rows(ds: Dataset, frame: pd.DataFrame, value_col: str, lang: str, describe,
                top: float | None = None) -> tuple[list[list], float]:
    """[lat, lon, radius, tooltip, popup] per place, sized against `top` (by default the largest value here)."""
    points = place_points(ds)
    ranked = frame[frame["adcode"].isin(points.index)].sort_values(value_col, ascending=False)
    top = top or (float(ranked[value_col].iloc[0]) if len(ranked) else 0.0)
    texts: dict[str, list[str]] = defaultdict(list)
    firsts: dict[str, float] = {}
    counts: dict[str, int] = defaultdict(int)
    # plain dicts rather than a pandas groupby loop: at 50,000 records this is several times faster
    for adcode, value, row in zip(ranked["adcode"], ranked[value_col], ranked.itertuples()):
        counts[adcode] += 1
        firsts.setdefault(adcode, float(value))
        if len(texts[adcode]) < POPUP_RECORDS:
            texts[adcode].append(esc(describe(row)))
    names, lat, lon = points[name_col(lang)].to_dict(), points["lat"].to_dict(), points["lon"].to_dict()
    rows: list[list] = []
    for adcode, lines in texts.items():
        items = "".join(f"<li>{text}</li>" for text in lines)
        more = counts[adcode] - len(lines)
        items += f"<li>… +{more}</li>" if more > 0 else ""
        place = esc(names[adcode])
        popup = f"<div style='font-size:14px;max-width:380px'><b>{place}</b><ul>{items}</ul></div>"
        rows.append([round(float(lat[adcode]), 5), round(float(lon[adcode]), 5),
                     round(symbol_radius(firsts[adcode], top), 1), place, popup])
    return rows, top


def symbol_radius(value: float, top: float) -> float:
    """Circle area proportional to the value (radius ∝ √value), 4 to 34 px."""
    return 4 + 30 * (value / top) ** 0.5 if top else 4


def size_steps(top: float) -> list[float]:
    return sorted({round(top, 1), round(top / 4, 1), round(top / 16, 1)} - {0.0})


def choropleth_layer(m: folium.Map, ds: Dataset, values: pd.Series, lang: str, name: str,
                     texts: dict[str, str] | None = None) -> None:
    """Counties and cities shaded by value per adcode in quantile classes rounded to readable numbers, over the
    fetched basemap (only codes, shades and texts travel with the map). A city whose counties have figures is
    drawn as an outline with its figure, never as a fill under theirs. Each place is labelled with its name and
    figure as written ("800+")."""
    chosen = shaded_places(ds, values, lang, texts)
    if chosen.empty:
        return
    bins = class_breaks(chosen.loc[~chosen["outline"], "value"])
    m.add_child(Shading(shading_cells(chosen, bins, lang), name))
    add_labels(m, value_labels(chosen, lang))
    legend(m, name, choropleth_legend(chosen, bins, lang))


def shaded_places(ds: Dataset, values: pd.Series, lang: str, texts: dict[str, str] | None = None) -> pd.DataFrame:
    """The boundaries of the places with a value, with that value, its text as written and whether the place is
    drawn as an outline only."""
    shapes = pd.concat([ds.boundaries["prefectures"], ds.boundaries["counties"]])
    chosen = shapes[shapes["adcode"].isin(values.index)].copy()
    chosen["value"] = chosen["adcode"].map(values).astype(float)
    chosen["text"] = [(texts or {}).get(a) or fmt.number(v, lang) for a, v in zip(chosen["adcode"], chosen["value"])]
    chosen["outline"] = pd.Series(outlined(chosen), index=chosen.index, dtype=bool)
    return chosen


def _classes(chosen: pd.DataFrame, bins: list[float]) -> dict[str, int]:
    filled = chosen[~chosen["outline"]]
    return {a: next((i for i, b in enumerate(bins) if v <= b), len(bins) - 1)
            for a, v in zip(filled["adcode"], filled["value"])}


def shading_cells(chosen: pd.DataFrame, bins: list[float], lang: str) -> dict[str, list]:
    """{adcode: [shade, tooltip html, outline only]} for dashMap.shading, classed by `bins`."""
    shades, classes, col = class_shades(len(bins)), _classes(chosen, bins), name_col(lang)
    return {r.adcode: [shades[classes[r.adcode]] if r.adcode in classes else "",
                       f"{esc(getattr(r, col))}: {esc(r.text)}", bool(r.outline)] for r in chosen.itertuples()}


def value_labels(chosen: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Name and figure of each shaded place in one label (none when there are too many to read)."""
    if chosen.empty or len(chosen) > settings.MAP_LABEL_LIMIT:
        return pd.DataFrame()
    inner = chosen.geometry.representative_point()
    col = name_col(lang)
    # escaped when drawn; the line break is ours
    return pd.DataFrame({"ref": chosen["adcode"].to_numpy(),
                         "name": [f"{n}\n{v}" for n, v in zip(chosen[col], chosen["text"])],
                         "lon": inner.x.to_numpy(), "lat": inner.y.to_numpy(), "priority": 0,
                         "kind": "value", "min_zoom": 0})


def choropleth_legend(chosen: pd.DataFrame, bins: list[float], lang: str) -> list[tuple]:
    """The legend's classes, from the smallest to the largest value each holds."""
    shades, classes = class_shades(len(bins)), _classes(chosen, bins)
    filled = chosen[~chosen["outline"]]
    lows = [filled["value"][[classes[a] == i for a in filled["adcode"]]].min() for i in range(len(bins))]
    items = [(shades[i], fmt.number(lo, lang) if lo == hi else f"{fmt.number(lo, lang)}–{fmt.number(hi, lang)}")
             for i, (lo, hi) in enumerate(zip(lows, bins)) if pd.notna(lo)]
    if chosen["outline"].any():
        items.append(("#ffffff", t("map_city_outline", lang)))
    return items


def outlined(chosen: pd.DataFrame) -> list[bool]:
    """True for a city (prefecture) some of whose counties are shaded too."""
    counties = set(chosen.loc[chosen["level"] != "prefecture", "adcode"])
    prefixes = {c[:4] for c in counties}
    return [lvl == "prefecture" and a[:4] in prefixes for a, lvl in zip(chosen["adcode"], chosen["level"])]


def class_shades(n: int) -> list[str]:
    """n shades spread over the whole ramp, so two classes are light and dark, not two light pinks."""
    last = len(CHOROPLETH_SHADES) - 1
    return [CHOROPLETH_SHADES[round(i * last / (n - 1))] for i in range(n)] if n > 1 else [CHOROPLETH_SHADES[2]]


def class_breaks(values: pd.Series, k: int = 5) -> list[float]:
    """Upper bounds of at most k classes: quantiles (mapclassify: deterministic and fast at any size) rounded up
    to readable numbers ("10–21", not "10–20.68"); the top class ends at the largest value itself."""
    distinct = sorted(set(values.astype(float)))
    if len(distinct) <= k:
        return distinct
    import mapclassify  # scipy and scikit-learn come with it: seconds at start-up, so loaded when first shaded

    bins = [float(b) for b in mapclassify.Quantiles(values.astype(float).to_numpy(), k=k).bins]
    top = max(distinct)
    return sorted({min(readable(b), top) for b in bins[:-1]} | {top})


def readable(value: float) -> float:
    """The value rounded up to two significant digits (20.68 → 21, 1,234 → 1,300, 0.437 → 0.44)."""
    if value <= 0:
        return value
    step = 10 ** (math.floor(math.log10(value)) - 1)
    return float(round(math.ceil(round(value / step, 9)) * step, 10))


def seizure_text(row, lang: str) -> str:
    what = label("drug_type", row.drug_type, lang)
    return f"{row.period_label or ''} {what}: {fmt.quantity(row.quantity, row.qualifier, row.unit, lang)}".strip()

