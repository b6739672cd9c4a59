"""The map of each page, built from the data and the filter: what the pages show and the benchmark measures."""
from __future__ import annotations

import folium

from geo import filters, layers, maps
from geo.data import Dataset
from geo.filters import Filter
from geo.i18n import label, t


def overview_map(ds: Dataset, flt: Filter, lang: str) -> folium.Map:
    m = maps.base_map(ds, lang, flt)
    layers.route_layer(m, ds, filters.view(ds, "routes", flt), lang)
    layers.checkpoint_layer(m, filters.view(ds, "checkpoints", flt), lang)
    return maps.finish(m)


def checkpoints_map(ds: Dataset, flt: Filter, lang: str) -> folium.Map:
    m = maps.base_map(ds, lang, flt)
    layers.checkpoint_layer(m, filters.view(ds, "checkpoints", flt), lang)
    return maps.finish(m)


def routes_map(ds: Dataset, flt: Filter, lang: str) -> folium.Map:
    m = maps.base_map(ds, lang, flt)
    layers.route_layer(m, ds, filters.view(ds, "routes", flt), lang)
    return maps.finish(m)


def seizures_map(ds: Dataset, flt: Filter, lang: str, style: str = "symbols") -> folium.Map:
    """Seizure figures in kg per jurisdiction, as proportional symbols or as a choropleth."""
    seizures = filters.view(ds, "seizures", flt)
    kg = seizures[seizures["unit"] == "kg"]
    m = maps.base_map(ds, lang, flt)
    if style == "choropleth":
        layers.choropleth_layer(m, ds, kg.groupby("adcode")["quantity"].max(), lang, t("page_seizures", lang))
    else:
        layers.symbol_layer(m, ds, kg, "quantity", lang, t("page_seizures", lang),
                            lambda r: layers.seizure_text(r, lang))
    return maps.finish(m)


def demo_map(ds: Dataset, flt: Filter, lang: str, category: str) -> folium.Map:
    demo = filters.view(ds, "demo_sites", flt)
    chosen = demo[demo["category"] == category]
    m = maps.base_map(ds, lang, flt)
    layers.choropleth_layer(m, ds, chosen.groupby("adcode")["count"].max(), lang,
                            label("demo_category", category, lang))
    return maps.finish(m)
