"""Seizures: a map of seizure figures and charts by city, drug type and case."""
import streamlit as st

from geo.charts import records as record_charts
from geo.charts import tables
from geo.data import filters
from geo.exports import press as export
from geo.exports import tables as press_tables
from geo.i18n import t
from geo.ui import exports as ui_exports
from geo.ui import cache, fallback, run, stepper, widgets

ds, flt, lang = run.current()
st.title(t("page_seizures", lang))
flt = fallback.county_or_city(ds, flt, "seizures", lang)  # a county without records: its city's

seizures = cache.view(ds, "seizures", flt)
with st.container():  # always one element, with or without notes: the map below keeps its place (and its frame)
    widgets.filter_notes(ds, flt, "seizures", lang)
    if seizures.empty:
        widgets.no_records(ds, flt, lang)
# a year without seizures keeps the year stepper and its map, to step on from there
if seizures.empty and cache.view(ds, "seizures", stepper.every_year(flt)).empty:
    st.stop()

style = st.segmented_control(t("map_style", lang), ["symbols", "choropleth"], default="symbols",
                             key="seizure_map_style", format_func=lambda s: t(f"style_{s}", lang)) or "symbols"
# either style steps through the years on one map (geo/ui/stepper.py)
stepper.stepped_map(ds, flt, lang, "seizures" if style == "symbols" else "seizures_choropleth",
                    key=f"seizures_map_{style}")
if seizures.empty:
    st.stop()
st.caption(t("largest_figure" if style == "symbols" else "largest_figure_shade", lang))
ui_exports.map_downloads(ds, flt, lang, "seizures" if style == "symbols" else "seizures_choropleth")

place = filters.selection_label(ds, flt, lang)
titled = place if flt.active else None  # a filtered chart says where it is about in its exported title
press = filters.public_only(seizures)  # press exports carry public records only, whoever is signed in
# one chart under the other: side by side, each would be a third of a 1024-pixel screen
widgets.chart(record_charts.seizure_totals(seizures, ds["jurisdictions"], ds["sources"], lang), "chart_totals",
              f"{place}_{t('seizures_by_city', lang)}", lang, export.period_span(seizures, ds["sources"]), titled,
              press_fig=record_charts.seizure_totals(press, ds["jurisdictions"], ds["sources"], lang))
widgets.chart(record_charts.cases_ranked(seizures, ds["cases"], ds["sources"], lang), "chart_cases",
              f"{place}_{t('seizures_by_case', lang)}", lang,
              export.period_span(seizures[seizures["case_id"].notna()], ds["sources"]), titled,
              press_fig=record_charts.cases_ranked(press, ds["cases"], ds["sources"], lang))
rows = tables.seizure_rows(seizures, ds["jurisdictions"], ds["cases"], lang)
st.dataframe(rows, hide_index=True, width="stretch")
widgets.table_downloads(press_tables.seizure_table(press, ds["jurisdictions"], ds["cases"], ds["sources"], lang),
                        ds["sources"], "seizures",
                   f"{place}_{t('page_seizures', lang)}", lang)
