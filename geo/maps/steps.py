"""Maps that step through years: a base that stays (boundaries, selection, a legend for every year of the
selection) and the layers of one year, handed to it as data, that replace the last year's. A step sends only
those layers, and the map keeps its view.

Each page's map has a stepped form here: the overview (routes and checkpoints), checkpoints, routes, seizures
(proportional symbols, or a choropleth: seizures_choropleth) and demonstration sites (a choropleth of one
category). A year shows the records whose
stated period overlaps it (filters.in_period); symbols, route widths and shades of every year share one scale,
so one year can be compared with the next. A symbol or a shade is the place's largest single figure of that
year, never a sum.

A year's layers are calls [part, *data] of static/js/map_frame.js (dashMap.stepper draws them); labels travel
with them, since the places a map names follow its routes.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import folium
import pandas as pd
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster

from geo import settings
from geo.data import filters
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.i18n import label, t
from geo.maps import base as maps
from geo.maps import browser, labels, layers
from geo.maps import pages as page_maps

Call = list  # [dashMap part, *its data as JSON values]


class StepLayer(browser.Part):
    """window.dashStep(calls): a year's layers replace the last year's (static/js/map_frame.js: stepper). The
    page hands them over (static/js/year_stepper.js); the map itself is never sent again."""

    _template = browser.call("stepper")

    def __init__(self) -> None:
        super().__init__()
        self._name = "StepLayer"


class ClusterAssets(JSCSSMixin, folium.MacroElement):
    """Leaflet.markercluster for checkpoints a step draws (their cluster group is made in the browser)."""

    default_js = MarkerCluster.default_js
    default_css = MarkerCluster.default_css

    def __init__(self) -> None:
        super().__init__()
        self._name = "ClusterAssets"


class RouteAssets(JSCSSMixin, folium.MacroElement):
    """The offset and arrowhead plugins for routes a step draws."""

    default_js = layers.RouteLines.default_js

    def __init__(self) -> None:
        super().__init__()
        self._name = "RouteAssets"


def every_year(flt: Filter) -> Filter:
    """The filter without its years: what the base of a stepped map shows."""
    return replace(flt, years=None)


# --- what each page's map shows, for one filter ---------------------------------------------------------------

def top_kg(ds: Dataset, flt: Filter) -> float:
    """The largest single figure of the selection over every year: the scale of every step's symbols."""
    kg = page_maps.kg_seizures(ds, every_year(flt))
    return float(kg["quantity"].max()) if len(kg) else 0.0


def _route_top(ds: Dataset, flt: Filter) -> float:
    """The heaviest route of the selection over every year: the scale of every step's route widths."""
    kg = layers.route_kg(ds, filters.view(ds, "routes", every_year(flt)))
    return float(kg.max()) if len(kg) else 0.0


def _checkpoint_calls(ds: Dataset, flt: Filter, lang: str) -> list[Call]:
    rows, tables = layers.checkpoint_data(filters.view(ds, "checkpoints", flt), lang)
    return [["checkpoints", rows, tables, layers.CLUSTER_OPTIONS]]


def _route_calls(ds: Dataset, flt: Filter, lang: str) -> list[Call]:
    rows, tables = layers.route_data(ds, filters.view(ds, "routes", flt), lang, top=_route_top(ds, flt))
    return [["routes", rows, tables]]


def _seizure_calls(ds: Dataset, flt: Filter, lang: str) -> list[Call]:
    rows, _ = layers.symbol_rows(ds, page_maps.kg_seizures(ds, flt), "quantity", lang,
                                 lambda r: layers.seizure_text(r, lang), top=top_kg(ds, flt))
    return [["symbols", rows, layers.SYMBOL_COLOR]]


def _counted_top(checkpoints: pd.DataFrame) -> float:
    """The most checkpoints at one place (of every year): the scale of checkpoints counted per place."""
    return float(checkpoints.groupby("adcode").size().max())


def _overview_calls(ds: Dataset, flt: Filter, lang: str) -> list[Call]:
    """Routes and checkpoints; checkpoints counted per place when there are too many for the overview."""
    routes = _route_calls(ds, flt, lang)
    whole = filters.view(ds, "checkpoints", every_year(flt))
    if len(whole) <= settings.OVERVIEW_MAX_POINTS:
        return routes + _checkpoint_calls(ds, flt, lang)
    rows, _ = layers.checkpoint_count_rows(ds, filters.view(ds, "checkpoints", flt), lang, top=_counted_top(whole))
    return routes + [["symbols", rows, layers.SYMBOL_COLOR]]


# the maps of symbols, routes and checkpoints: their year's layers
CALLS: dict[str, Callable[[Dataset, Filter, str], list[Call]]] = {
    "overview": _overview_calls, "checkpoints": _checkpoint_calls, "routes": _route_calls,
    "seizures": _seizure_calls}
SHADED = ("demo", "seizures_choropleth")  # the stepped choropleths: a shaded place carries its name and figure


def _shaded(ds: Dataset, flt: Filter, lang: str, page: str, extra: tuple) -> pd.DataFrame:
    if page == "demo":
        values, texts = page_maps.shade_values(page_maps.demo_of(ds, flt, *extra), "count", "site", lang)
    else:
        values, texts = page_maps.shade_values(page_maps.kg_seizures(ds, flt), "quantity", "kg", lang)
    return layers.shaded_places(ds, values, lang, texts)


def _shades(ds: Dataset, flt: Filter, lang: str, page: str, extra: tuple) -> tuple[pd.DataFrame, list[float]]:
    """The places shaded this year, and the classes of every year (so a shade means the same each year)."""
    whole = _shaded(ds, every_year(flt), lang, page, extra)
    return _shaded(ds, flt, lang, page, extra), layers.class_breaks(whole.loc[~whole["outline"], "value"])


# --- the base: everything that is the same for every year ------------------------------------------------------

def _bounds(ds: Dataset, whole: Filter, page: str, extra: tuple) -> list[list[float]] | None:
    """The frame of the base, as the page's own map frames its records (of every year)."""
    if page == "checkpoints":
        return maps.frame_bounds(ds, whole, filters.view(ds, "checkpoints", whole))
    if page in ("seizures", "seizures_choropleth"):
        return maps.frame_bounds(ds, whole, page_maps.kg_seizures(ds, whole))
    if page == "demo":
        return maps.frame_bounds(ds, whole, page_maps.demo_of(ds, whole, *extra))
    return None


def _legend(m: folium.Map, ds: Dataset, whole: Filter, lang: str, page: str, extra: tuple) -> None:
    """The legend of every year of the selection."""
    if page in ("overview", "routes"):
        layers.route_legend(m, filters.view(ds, "routes", whole), lang)
        m.add_child(RouteAssets())
    if page in ("overview", "checkpoints"):
        checkpoints = filters.view(ds, "checkpoints", whole)
        if page == "checkpoints" or len(checkpoints) <= settings.OVERVIEW_MAX_POINTS:
            layers.checkpoint_legend(m, checkpoints, lang)
            m.add_child(ClusterAssets())
        else:  # counted per place, on one scale for every year
            layers.symbol_legend(m, t("page_checkpoints", lang), _counted_top(checkpoints), "site", lang)
    if page == "seizures" and (top := top_kg(ds, whole)):
        layers.symbol_legend(m, t("page_seizures", lang), top, "kg", lang)
    if page in SHADED:
        chosen, bins = _shades(ds, whole, lang, page, extra)
        name = label("demo_category", extra[0], lang) if page == "demo" else t("page_seizures", lang)
        if len(chosen):
            maps.legend(m, name, layers.choropleth_legend(chosen, bins, lang))


def step_base(ds: Dataset, flt: Filter, lang: str, page: str = "seizures", *extra) -> folium.Map:
    """Everything of the page's map but its year's layers, for the selection over every year."""
    ds = maps.display_dataset(ds)
    whole = every_year(flt)
    m = maps.base_map(ds, lang, whole, bounds=_bounds(ds, whole, page, extra))
    _legend(m, ds, whole, lang, page, extra)
    m.add_child(StepLayer())
    return maps.finish(m)


def step_calls(ds: Dataset, flt: Filter, lang: str, page: str = "seizures", *extra) -> list[Call]:
    """The year's layers of the page's map (those of the filter's years), then the labels of the places they
    name: the four cities, their routes' places, counties when zoomed in, and a shaded place's figure."""
    ds = maps.display_dataset(ds)
    frames = [labels.map_places(ds, filters.view(ds, "routes", flt), lang)]
    if page in SHADED:
        chosen, bins = _shades(ds, flt, lang, page, extra)
        calls = [["shading", layers.shading_cells(chosen, bins, lang)]]
        frames.insert(0, layers.value_labels(chosen, lang))
    else:
        calls = CALLS[page](ds, flt, lang)
    return calls + [["labels", maps.label_rows(frames)]]
