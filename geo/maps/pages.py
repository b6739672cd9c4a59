"""The map of each page, built from the data and the filter: what the pages show and the benchmark measures."""
from __future__ import annotations

import folium
import pandas as pd

from geo import fmt, settings
from geo.data import filters
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.i18n import label, t
from geo.maps import base as maps
from geo.maps import labels, layers, marks


def _named(m: folium.Map, ds: Dataset, flt: Filter, lang: str) -> folium.Map:
    """Every map names the four cities and the places its routes (those of the filter) start, pass and end at;
    counties when zoomed in; then the legend, frame fit and credits."""
    maps.add_labels(m, labels.map_places(ds, filters.view(ds, "routes", flt), lang))
    return maps.finish(m)


def overview_map(ds: Dataset, flt: Filter, lang: str, figures: tuple[tuple[str, str], ...] = ()) -> folium.Map:
    """Routes and checkpoints; with `figures` ((adcode, '破获毒品案件 340起'), …), those written at their places."""
    ds = maps.display_dataset(ds)
    m = maps.base_map(ds, lang, flt)
    layers.route_layer(m, ds, filters.view(ds, "routes", flt), lang)
    marks.figure_labels(m, ds, figures, lang)
    checkpoints = filters.view(ds, "checkpoints", flt)
    if len(checkpoints) > settings.OVERVIEW_MAX_POINTS:
        layers.checkpoint_count_layer(m, ds, checkpoints, lang)
    else:
        layers.checkpoint_layer(m, checkpoints, lang)
    return _named(m, ds, flt, lang)


def checkpoints_map(ds: Dataset, flt: Filter, lang: str) -> folium.Map:
    ds = maps.display_dataset(ds)
    checkpoints = filters.view(ds, "checkpoints", flt)
    m = maps.base_map(ds, lang, flt, bounds=maps.frame_bounds(ds, flt, checkpoints))
    layers.checkpoint_layer(m, checkpoints, lang)
    return _named(m, ds, flt, lang)


def routes_map(ds: Dataset, flt: Filter, lang: str, highlight: str | None = None) -> folium.Map:
    """Every route of the filter; `highlight` (a route_id) is picked out, e.g. the route of the case a slide is
    about."""
    ds = maps.display_dataset(ds)
    m = maps.base_map(ds, lang, flt)
    routes = filters.view(ds, "routes", flt)
    if highlight:
        marks.route_highlight(m, ds, routes[routes["route_id"] == highlight], lang)
    layers.route_layer(m, ds, routes, lang)
    return _named(m, ds, flt, lang)


def kg_seizures(ds: Dataset, flt: Filter) -> pd.DataFrame:
    """The filter's seizures given in kg: what the seizures maps show."""
    seizures = filters.view(ds, "seizures", flt)
    return seizures[seizures["unit"] == "kg"]


def demo_of(ds: Dataset, flt: Filter, category: str) -> pd.DataFrame:
    """The filter's demonstration records of one category: what the demonstration map shows."""
    demo = filters.view(ds, "demo_sites", flt)
    return demo[demo["category"] == category]


def shade_values(frame: pd.DataFrame, value_col: str, unit: str, lang: str) -> tuple[pd.Series, dict[str, str]]:
    """What a choropleth shades: the largest single figure per place (never a sum), and its text as written
    ("800+")."""
    largest = frame.sort_values(value_col, ascending=False).drop_duplicates("adcode")
    texts = {a: fmt.quantity(v, q, unit, lang) for a, v, q in zip(largest["adcode"], largest[value_col],
                                                                    largest["qualifier"])}
    return largest.set_index("adcode")[value_col], texts


def seizures_map(ds: Dataset, flt: Filter, lang: str, style: str = "symbols") -> folium.Map:
    """Seizure figures in kg per jurisdiction, as proportional symbols or as a choropleth."""
    ds = maps.display_dataset(ds)
    kg = kg_seizures(ds, flt)
    m = maps.base_map(ds, lang, flt, bounds=maps.frame_bounds(ds, flt, kg))
    if style == "choropleth":
        values, texts = shade_values(kg, "quantity", "kg", lang)
        layers.choropleth_layer(m, ds, values, lang, t("page_seizures", lang), texts)
    else:
        layers.symbol_layer(m, ds, kg, "quantity", lang, t("page_seizures", lang),
                            lambda r: layers.seizure_text(r, lang))
    return _named(m, ds, flt, lang)


def demo_map(ds: Dataset, flt: Filter, lang: str, category: str) -> folium.Map:
    """Counts of one category per county or city; with no filter the map frames the places that have some."""
    ds = maps.display_dataset(ds)
    chosen = demo_of(ds, flt, category)
    m = maps.base_map(ds, lang, flt, bounds=maps.frame_bounds(ds, flt, chosen))
    values, texts = shade_values(chosen, "count", "site", lang)
    layers.choropleth_layer(m, ds, values, lang, label("demo_category", category, lang), texts)
    return _named(m, ds, flt, lang)
