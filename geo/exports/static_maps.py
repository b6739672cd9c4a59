"""Static maps for print: each page's map drawn server-side with matplotlib (PNG/PDF), with the interactive
map's layers and colours (geo/maps/layers.py), a legend, scale bar, north arrow, title, source line and review mark."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import Bbox

from geo import fmt, settings
from geo.charts import common as chart_layout
from geo.data import filters, schema
from geo.data.filters import Filter
from geo.data.load import Dataset, place_points
from geo.exports import furniture as mf
from geo.exports import press as export
from geo.i18n import label, name_col, t
from geo.maps import labels as map_labels
from geo.maps import layers
from geo.maps.base import BASE_STYLES, default_bounds, frame_bounds, selection_bounds

PAGES = ("overview", "checkpoints", "routes", "seizures", "seizures_choropleth", "demo")
MAP_RECT = (0.02, 0.155, 0.70, 0.71)  # the map's axes in figure fractions; the legend sits to its right
MARKER_OF_SHAPE = {"circle": "o", "square": "s", "triangle": "^", "diamond": "D"}  # the live map's symbols
CHECKPOINT_MARKERS = {k: MARKER_OF_SHAPE[v] for k, v in settings.CHECKPOINT_SYMBOLS.items()}


@dataclass
class StaticMap:
    """A drawn map and what it is: title for the file name, the records it shows, the internal mark."""

    figure: Figure
    title: str
    period: str
    records: int
    metadata: dict[str, str]
    stem: str  # file name without extension

    def file_name(self, fmt: str) -> str:
        return f"{self.stem}.{fmt}"

    def to_bytes(self, fmt: str) -> bytes:
        return mf.save(self.figure, fmt, self.metadata)


_PROJECTED: dict[tuple[str, str], gpd.GeoDataFrame] = {}


def projected(ds: Dataset, layer: str) -> gpd.GeoDataFrame:
    """A boundary layer in the export projection, computed once per data version."""
    key = (ds.fingerprint, layer)
    if key not in _PROJECTED or not ds.fingerprint:
        if len(_PROJECTED) > 32:
            _PROJECTED.clear()
        _PROJECTED[key] = ds.boundaries[layer].to_crs(settings.MAP_EXPORT_CRS)
    return _PROJECTED[key]


def to_map(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes to export-projection metres."""
    pts = gpd.GeoSeries(gpd.points_from_xy(np.atleast_1d(lon).astype(float), np.atleast_1d(lat).astype(float)),
                        crs=4326).to_crs(settings.MAP_EXPORT_CRS)
    return pts.x.to_numpy(), pts.y.to_numpy()


def set_extent(ax: Axes, ds: Dataset, flt: Filter, framed: list[list[float]] | None = None) -> None:
    """The interactive map's view, padded, at the axes' aspect ratio: the selection; with no place chosen, what
    a checkpoint, seizure or demonstration map shows (`framed`, from maps.frame_bounds), else the four cities and every
    waypoint."""
    (s, w), (n, e) = selection_bounds(ds, flt) or framed or default_bounds(ds)
    lons, lats = np.meshgrid(np.linspace(w, e, 9), np.linspace(s, n, 9))
    xs, ys = to_map(lons.ravel(), lats.ravel())
    x0, x1, y0, y1 = xs.min(), xs.max(), ys.min(), ys.max()
    pad = 0.08 * max(x1 - x0, y1 - y0, 20_000)
    x0, x1, y0, y1 = x0 - pad, x1 + pad, y0 - pad, y1 + pad
    fig = ax.get_figure(root=True)
    if fig is None:
        raise ValueError("the map's axes are not on a figure")
    fig_w, fig_h = fig.get_size_inches()
    aspect = (MAP_RECT[2] * fig_w) / (MAP_RECT[3] * fig_h)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_w, half_h = max((x1 - x0) / 2, (y1 - y0) / 2 * aspect), max((y1 - y0) / 2, (x1 - x0) / 2 / aspect)
    ax.set_xlim(cx - half_w, cx + half_w)
    ax.set_ylim(cy - half_h, cy + half_h)
    ax.set_aspect("equal")


def metres_per_px(ax: Axes) -> float:
    x0, x1 = ax.get_xlim()
    return (x1 - x0) / (MAP_RECT[2] * settings.EXPORT_WIDTH)


def basemap(ax: Axes, ds: Dataset, lang: str, flt: Filter | None = None, label_cities: bool = True) -> None:
    """Countries, provinces, prefectures and counties in the interactive basemap's colours; focus cities named;
    the selected cities or counties outlined, so a filtered map shows what it is about."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    ax.set_facecolor("#dfe9f2")  # sea and land beyond the bundled outlines
    for layer, z in (("countries", 1), ("provinces", 2), ("prefectures", 3), ("counties", 4)):
        style = BASE_STYLES[layer]
        gdf = projected(ds, layer).cx[x0:x1, y0:y1]
        if gdf.empty:
            continue
        fill = style["fillColor"] if style["fillOpacity"] else "none"
        gdf.plot(ax=ax, facecolor=fill, edgecolor=style["color"], linewidth=style["weight"] * mf.PX * 1.5, zorder=z)
    chosen = pd.concat([projected(ds, "prefectures"), projected(ds, "counties")])
    chosen = chosen[chosen["adcode"].isin((flt.counties or flt.cities) if flt else ())]
    if len(chosen):
        chosen.plot(ax=ax, facecolor="none", edgecolor="#333", linewidth=2.5, zorder=6)
    if label_cities:
        place_labels(ax, ds, flt or Filter(), lang)


def place_labels(ax: Axes, ds: Dataset, flt: Filter, lang: str, skip: frozenset[str] = frozenset()) -> None:
    """The places the live map names (maps.labels: the four cities, the routes' start, pass and end places),
    most important first; one that would overlap a label already drawn is left out, as on the live map."""
    places = map_labels.map_places(ds, filters.view(ds, "routes", flt), lang, counties=False, skip=skip)
    if places.empty:
        return
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    xs, ys = to_map(places["lon"], places["lat"])
    renderer = ax.figure.canvas.get_renderer() if hasattr(ax.figure.canvas, "get_renderer") else None
    taken: list[Bbox] = []
    for x, y, name, kind in zip(xs, ys, places["name"], places["kind"]):
        if not (x0 < x < x1 and y0 < y < y1):
            continue
        city = kind == "city"
        text = ax.text(x, y, name, ha="center", va="center" if city else "bottom", zorder=13, path_effects=mf.HALO,
                       color="#222" if city else "#333", **mf.text_props(15 if city else 12, weight="bold"))
        box = text.get_window_extent(renderer)
        if any(box.overlaps(other) for other in taken):
            text.remove()
        else:
            taken.append(box)


def checkpoint_layer(ax: Axes, checkpoints: pd.DataFrame, lang: str) -> list:
    """One symbol per checkpoint: colour and shape by kind (shape keeps kinds apart in black-and-white print)."""
    items = []
    for kind, part in checkpoints.groupby("kind", sort=False):
        xs, ys = to_map(part["lon"], part["lat"])
        color, marker = settings.CHECKPOINT_COLORS.get(kind, "#555"), CHECKPOINT_MARKERS.get(kind, "o")
        ax.scatter(xs, ys, s=(18 * mf.PX) ** 2, c=color, marker=marker, edgecolors="#222",
                   linewidths=2 * mf.PX, zorder=12)
        items.append((Line2D([], [], ls="", marker=marker, ms=14, mfc=color, mec="#222"),
                      label("checkpoint_kind", kind, lang)))
    order = list(settings.CHECKPOINT_COLORS)
    return sorted(items, key=lambda it: next((i for i, k in enumerate(order)
                                              if label("checkpoint_kind", k, lang) == it[1]), 99))


def offset_line(xs: np.ndarray, ys: np.ndarray, offset: float) -> tuple[np.ndarray, np.ndarray]:
    """The polyline shifted sideways by `offset` map units (vertex normals averaged over adjacent legs)."""
    if not offset or len(xs) < 2:
        return xs, ys
    dx, dy = np.diff(xs), np.diff(ys)
    lengths = np.hypot(dx, dy)
    lengths[lengths == 0] = 1
    nx, ny = -dy / lengths, dx / lengths
    vx = np.concatenate([[nx[0]], (nx[:-1] + nx[1:]) / 2, [nx[-1]]])
    vy = np.concatenate([[ny[0]], (ny[:-1] + ny[1:]) / 2, [ny[-1]]])
    return xs + offset * vx, ys + offset * vy


def route_layer(ax: Axes, ds: Dataset, routes: pd.DataFrame, lang: str) -> list:
    """Routes through their ordered waypoints: colour by drug type, width by kg (as on the interactive map),
    routes sharing a leg side by side, an arrowhead on every leg for direction."""
    points = place_points(ds)
    way = ds["route_waypoints"][ds["route_waypoints"]["route_id"].isin(routes["route_id"])]
    refs = way.sort_values(["route_id", "seq"]).groupby("route_id")["place_ref"].agg(list).to_dict()
    slots = layers.route_offsets({r: list(pairwise(v)) for r, v in refs.items()})
    kg = layers.route_kg(ds, routes).to_dict()
    top = max(kg.values(), default=0.0) or 1.0
    unit = metres_per_px(ax)
    for row in routes.itertuples():
        stops = [r for r in refs.get(row.route_id, []) if r in points.index]
        if len(stops) < 2:
            continue
        color = settings.DRUG_COLORS.get(row.drug_type, "#555")
        width = 3 + 7 * (kg[row.route_id] / top) ** 0.5
        xs, ys = offset_line(*to_map(points.loc[stops, "lon"], points.loc[stops, "lat"]),
                             6 * slots.get(row.route_id, 0) * unit)
        ax.plot(xs, ys, color=color, lw=width * mf.PX, alpha=0.9, solid_capstyle="round", zorder=10)
        for i in range(len(xs) - 1):
            mid = (xs[i] + 0.55 * (xs[i + 1] - xs[i]), ys[i] + 0.55 * (ys[i + 1] - ys[i]))
            tip = (xs[i] + 0.6 * (xs[i + 1] - xs[i]), ys[i] + 0.6 * (ys[i + 1] - ys[i]))
            ax.annotate("", xy=tip, xytext=mid, zorder=11, arrowprops={
                "arrowstyle": "-|>", "color": color, "lw": 0, "mutation_scale": 18 + 2 * width})
    present = [d for d in settings.DRUG_COLORS if d in set(routes["drug_type"])]
    return [(Line2D([], [], color=settings.DRUG_COLORS[d], lw=5), label("drug_type", d, lang)) for d in present]


def symbol_layer(ax: Axes, ds: Dataset, kg: pd.DataFrame, lang: str) -> list:
    """Proportional circles of the largest single kg figure per place (area ∝ value), largest drawn first."""
    points = place_points(ds)
    ranked = kg[kg["adcode"].isin(points.index)].sort_values("quantity", ascending=False)
    if ranked.empty:
        return []
    top = float(ranked["quantity"].iloc[0])
    largest = ranked.groupby("adcode", sort=False).head(1)
    xs, ys = to_map(points.loc[largest["adcode"], "lon"], points.loc[largest["adcode"], "lat"])
    radii = [layers.symbol_radius(float(v), top) for v in largest["quantity"]]
    ax.scatter(xs, ys, s=[(2 * r * mf.PX) ** 2 for r in radii], c=layers.SYMBOL_COLOR, alpha=0.6,
               edgecolors="#222", linewidths=1.5 * mf.PX, zorder=12)
    return [(Line2D([], [], ls="", marker="o", ms=2 * layers.symbol_radius(v, top) * mf.PX, mfc=layers.SYMBOL_COLOR,
                    mec="#222", alpha=0.7), fmt.quantity(v, "exact", "kg", lang)) for v in layers.size_steps(top)]


def choropleth_layer(ax: Axes, ds: Dataset, values: pd.Series, lang: str,
                     texts: dict[str, str] | None = None) -> list:
    """Counties and cities shaded in the interactive map's classes and shades (layers.class_breaks,
    layers.class_shades), each labelled with its name and figure as written when there are few enough."""
    shapes = pd.concat([projected(ds, "prefectures"), projected(ds, "counties")])
    chosen = shapes[shapes["adcode"].isin(values.index)].copy()
    if chosen.empty:
        return []
    chosen["value"] = chosen["adcode"].map(values).astype(float)
    chosen["outline"] = layers.outlined(chosen)  # a city whose counties are shaded: outline, not a fill under them
    bins = layers.class_breaks(chosen.loc[~chosen["outline"], "value"])
    classes = [-1 if out else next(i for i, b in enumerate(bins) if v <= b)
               for v, out in zip(chosen["value"], chosen["outline"])]
    shades = layers.class_shades(len(bins))
    chosen = chosen.assign(shade=[shades[i] if i >= 0 else "none" for i in classes], cls=classes)
    chosen = chosen.sort_values("level", ascending=False)  # prefectures first, counties on top
    filled = chosen[~chosen["outline"]]
    filled.plot(ax=ax, color=filled["shade"], edgecolor="#333", linewidth=1 * mf.PX * 1.5, alpha=0.8, zorder=8)
    if chosen["outline"].any():
        chosen[chosen["outline"]].plot(ax=ax, facecolor="none", edgecolor="#111", linewidth=3 * mf.PX * 1.5,
                                       linestyle="--", zorder=9)
    if len(chosen) <= settings.MAP_LABEL_LIMIT:
        points = chosen.geometry.representative_point()
        for name, adcode, value, pt in zip(chosen[name_col(lang)], chosen["adcode"], chosen["value"], points):
            text = (texts or {}).get(adcode) or fmt.number(value, lang)
            ax.text(pt.x, pt.y, f"{name}\n{text}", ha="center", va="center", zorder=13, path_effects=mf.HALO,
                    **mf.text_props(14, weight="bold", color="#111"))
    lows = [chosen.loc[chosen["cls"] == i, "value"].min() for i in range(len(bins))]
    items = [(Patch(fc=shades[i], ec="#333"), fmt.number(lo, lang) if lo == hi
              else f"{fmt.number(lo, lang)}–{fmt.number(hi, lang)}")
             for i, (lo, hi) in enumerate(zip(lows, bins)) if pd.notna(lo)]
    if chosen["outline"].any():
        items.append((Patch(fc="none", ec="#111", ls="--", lw=2), t("map_city_outline", lang)))
    return items


def largest(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    """The largest single figure per place (figures of different periods are never added)."""
    return frame.sort_values(value, ascending=False).drop_duplicates("adcode")


def page_records(ds: Dataset, flt: Filter, page: str, category: str | None = None) -> dict[str, pd.DataFrame]:
    """The records a page's map shows, by layer (the same selection as geo/page_maps.py)."""
    if page in ("overview", "routes", "checkpoints"):
        out = {}
        if page != "checkpoints":
            out["routes"] = filters.view(ds, "routes", flt)
        if page != "routes":
            out["checkpoints"] = filters.view(ds, "checkpoints", flt)
        return out
    if page.startswith("seizures"):
        return {"kg": filters.view(ds, "seizures", flt).loc[lambda f: f["unit"] == "kg"]}
    demo = filters.view(ds, "demo_sites", flt)
    return {"demo": demo[demo["category"] == (category or default_category(demo))]}


def _layers(ax: Axes, ds: Dataset, records: dict[str, pd.DataFrame], lang: str, page: str,
            category: str | None) -> tuple[list, str]:
    """Draw the page's layers; returns the legend sections and the subtitle's unit."""
    sections = []
    if "routes" in records:
        sections.append((t("routes_legend", lang), route_layer(ax, ds, records["routes"], lang)))
    if "checkpoints" in records:
        sections.append((t("page_checkpoints", lang), checkpoint_layer(ax, records["checkpoints"], lang)))
    if page == "seizures":
        sections.append((t("page_seizures", lang), symbol_layer(ax, ds, records["kg"], lang)))
    if page == "seizures_choropleth":
        top = largest(records["kg"], "quantity")
        texts = {r.adcode: fmt.quantity(r.quantity, r.qualifier, "kg", lang) for r in top.itertuples()}
        items = choropleth_layer(ax, ds, top.set_index("adcode")["quantity"], lang, texts)
        sections.append((t("page_seizures", lang), items))
    if page == "demo":
        top = largest(records["demo"], "count")
        texts = {r.adcode: fmt.quantity(r.count, r.qualifier, "site", lang) for r in top.itertuples()}
        items = choropleth_layer(ax, ds, top.set_index("adcode")["count"], lang, texts)
        sections.append((label("demo_category", category or "", lang), items))
    unit = {"seizures": "unit_kg", "seizures_choropleth": "unit_kg", "demo": "unit_count"}.get(page)
    return sections, t(unit, lang) if unit else ""


def demo_categories(demo: pd.DataFrame) -> list[str]:
    """The demonstration categories present, most records first, ties in the schema's order."""
    choices = next(c.choices for c in schema.TABLES["demo_sites"].columns if c.name == "category")
    order = {c: i for i, c in enumerate(choices)}
    counts = demo["category"].value_counts()
    return sorted(counts.index, key=lambda c: (-counts[c], order.get(c, len(order))))


def default_category(demo: pd.DataFrame) -> str:
    """The demonstration category with the most records (the page's and the pack's choice when none is given)."""
    return demo_categories(demo)[0] if len(demo) else "school"


def map_title(ds: Dataset, flt: Filter, lang: str, page: str, category: str | None = None) -> str:
    """'永州市 · 缴获毒品' — the place (or 全部) and what the map shows."""
    place = export.place_label(ds["jurisdictions"], flt.counties or flt.cities, lang, flt.drugs, flt.years)
    what = {"overview": t("page_overview", lang), "checkpoints": t("page_checkpoints", lang),
            "routes": t("page_routes", lang), "seizures": t("page_seizures", lang),
            "seizures_choropleth": f"{t('page_seizures', lang)}（{t('style_choropleth', lang)}）" if lang == "zh"
            else f"{t('page_seizures', lang)} ({t('style_choropleth', lang)})",
            "demo": label("demo_category", category or "", lang) if category else t("page_demo", lang)}[page]
    return f"{place} · {what}"


def _shown(records: dict[str, pd.DataFrame]) -> pd.DataFrame:
    frames = [f[["source_file"] + [c for c in ("period_start", "period_end") if c in f.columns]]
              for f in records.values()]
    return pd.concat(frames) if frames else pd.DataFrame(columns=["source_file"])


def map_file_name(ds: Dataset, flt: Filter, lang: str, page: str, fmt: str, category: str | None = None) -> str:
    """'永州市_缴获毒品_2018-2021_内部资料.png': place, topic, period, and the internal mark when unreviewed."""
    if page == "demo" and not category:
        category = default_category(filters.view(ds, "demo_sites", flt))
    place, _, topic = map_title(ds, flt, lang, page, category).partition(" · ")
    period = export.period_span(_shown(page_records(ds, flt, page, category)), ds["sources"])
    return export.file_name(place, topic, period, fmt, mf.internal_mark(lang))


def page_map(ds: Dataset, flt: Filter, lang: str, page: str, category: str | None = None,
             exported: date | None = None) -> StaticMap:
    """The static map of a page for the current filter and language, ready for PNG or PDF."""
    if page not in PAGES:
        raise ValueError(f"unknown map page {page!r}: expected one of {PAGES}")
    if page == "demo" and not category:
        category = default_category(filters.view(ds, "demo_sites", flt))
    fig = mf.new_figure()
    ax = fig.add_axes(MAP_RECT)
    records = page_records(ds, flt, page, category)
    framed = None if page in ("overview", "routes") else frame_bounds(ds, flt, pd.concat(records.values()))
    set_extent(ax, ds, flt, framed)
    basemap(ax, ds, lang, flt, label_cities=page not in ("seizures_choropleth", "demo"))
    sections, unit = _layers(ax, ds, records, lang, page, category)
    if page in ("seizures_choropleth", "demo"):  # shaded places carry their own names; name the others
        place_labels(ax, ds, flt, lang, skip=frozenset(pd.concat(records.values())["adcode"]))
    ax.set_xticks([]), ax.set_yticks([]), ax.set_xlabel(""), ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#555")
    mf.scale_bar(ax, settings.MAP_EXPORT_CRS, lang)
    mf.north_arrow(ax, settings.MAP_EXPORT_CRS, lang)
    mf.legend(fig, sections)
    shown = _shown(records)
    title, period = map_title(ds, flt, lang, page, category), export.period_span(shown, ds["sources"])
    parts = [(f"时期：{period}" if lang == "zh" else f"Period: {period}") if period else "", unit,
             t("largest_figure", lang) if page == "seizures" else
             t("largest_figure_shade", lang) if page == "seizures_choropleth" else ""]
    # a map page has room for longer titles than a chart's source line
    source = (chart_layout.source_line(shown, ds["sources"], lang, per_line=3, limit=26 if lang == "zh" else 40)
              .replace("<br>", "\n")
              if len(shown) else t("no_records", lang, place=title.split(" · ")[0], period="", drug=""))
    mf.frame_text(fig, title, " · ".join(p for p in parts if p), source, lang, exported)
    meta = {"Title": title, "Subject": mf.review_line(lang), "Description": mf.review_line(lang),
            "Keywords": mf.internal_mark(lang) or settings.MAP_APPROVAL_NO or "",
            "Copyright": settings.MAP_BASEMAP_ATTRIBUTION}
    name = map_file_name(ds, flt, lang, page, "png", category)[:-4]
    return StaticMap(fig, title, period, len(shown), meta, name)
