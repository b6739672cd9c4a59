"""The seizures map for stepping through years: a base that stays (boundaries, selection, labels, a legend sized for
every year of the selection) and a small layer per year that replaces the last one, so a step sends only that layer
and the map keeps its view. Symbols of every year share one scale, so a year's circles can be compared with the
next year's. Records are shown in a year when their stated period overlaps it (geo.data.filters.in_period); each
symbol is the place's largest single figure of that year, never a sum.
"""
from __future__ import annotations

from dataclasses import replace

import folium
import pandas as pd

from geo.data import filters
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.i18n import t
from geo.maps import base as maps
from geo.maps import labels, layers


def _kg(ds: Dataset, flt: Filter) -> pd.DataFrame:
    seized = filters.view(ds, "seizures", flt)
    return seized[seized["unit"] == "kg"]


def every_year(flt: Filter) -> Filter:
    """The filter without its years: what the base of a stepped map shows."""
    return replace(flt, years=None)


def top_kg(ds: Dataset, flt: Filter) -> float:
    """The largest single figure of the selection over every year: the scale of every step's symbols."""
    kg = _kg(ds, every_year(flt))
    return float(kg["quantity"].max()) if len(kg) else 0.0


def step_base(ds: Dataset, flt: Filter, lang: str) -> folium.Map:
    """Everything of the seizures map but its symbols, for the selection over every year."""
    ds = maps.display_dataset(ds)
    whole = every_year(flt)
    m = maps.base_map(ds, lang, whole, bounds=maps.frame_bounds(ds, whole, _kg(ds, whole)))
    top = top_kg(ds, flt)
    if top:
        layers.symbol_legend(m, t("page_seizures", lang), top, "kg", lang)
    maps.add_labels(m, labels.map_places(ds, filters.view(ds, "routes", whole), lang))
    return maps.finish(m)


def step_layer(ds: Dataset, flt: Filter, lang: str) -> folium.FeatureGroup:
    """The symbols of the filter's years, sized against every year of the selection."""
    ds = maps.display_dataset(ds)
    rows, _ = layers.symbol_rows(ds, _kg(ds, flt), "quantity", lang, lambda r: layers.seizure_text(r, lang),
                                 top=top_kg(ds, flt))
    group = folium.FeatureGroup(name=t("page_seizures", lang))
    layers.SymbolPoints(rows, name=t("page_seizures", lang), color=layers.SYMBOL_COLOR).add_to(group)
    return group
