"""The seizures map for stepping through years: a base that stays (boundaries, selection, labels, a legend sized for
every year of the selection) and the circles of one year, handed to it as data, that replace the last year's: a
step sends only those rows, and the map keeps its view. Circles of every year share one scale, so one year's can
be compared with the next's. A year shows the records whose stated period overlaps it (filters.in_period); each
circle is the place's largest single figure of that year, never a sum.
"""
from __future__ import annotations

from dataclasses import replace

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo.data import filters
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.i18n import t
from geo.maps import base as maps
from geo.maps import labels, layers
from geo.maps.browser import js


class StepLayer(MacroElement):
    """window.dashStep(rows): a year's circles ([lat, lon, radius, tooltip, popup] per place) replace the last
    year's. The page hands the rows over (static/js/year_stepper.js); the map itself is never sent again."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
  var group = null, color = {{ this.color }};
  window.dashStep = function (rows) {
    if (group) { map.removeLayer(group); }
    group = L.featureGroup();
    rows.forEach(function (r) {
      L.circleMarker([r[0], r[1]], {radius: r[2], color: '#222', weight: 1.5, fillColor: color, fillOpacity: 0.6})
        .bindTooltip(r[3]).bindPopup(r[4], {maxWidth: 400}).addTo(group);
    });
    group.addTo(map);
    map.getContainer().setAttribute('data-step-places', String(rows.length));
  };
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, color: str):
        super().__init__()
        self._name = "StepLayer"
        self.color = js(color)


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
    m.add_child(StepLayer(layers.SYMBOL_COLOR))
    return maps.finish(m)


def step_rows(ds: Dataset, flt: Filter, lang: str) -> list[list]:
    """The circles of the filter's years, sized against every year of the selection."""
    ds = maps.display_dataset(ds)
    rows, _ = layers.symbol_rows(ds, _kg(ds, flt), "quantity", lang, lambda r: layers.seizure_text(r, lang),
                                 top=top_kg(ds, flt))
    return rows
