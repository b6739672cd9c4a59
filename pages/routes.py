"""Trafficking routes: directed routes on a map, the cases along them, and outflow-trafficking trends."""
import pandas as pd
import streamlit as st

from geo.charts import figures as figure_charts
from geo.charts import tables
from geo.data import filters
from geo.exports import press as export
from geo.exports import tables as press_tables
from geo.i18n import t
from geo.ui import exports as ui_exports
from geo.ui import cache, fallback, run, stepper, widgets

ds, flt, lang = run.current()
st.title(t("page_routes", lang))
flt = fallback.county_or_city(ds, flt, "routes", lang)  # a county without records: its city's

routes = cache.view(ds, "routes", flt)
with st.container():  # always one element, with or without a note: the map below keeps its place (and its frame)
    if routes.empty:
        widgets.no_records(ds, flt, lang)
stepper.stepped_map(ds, flt, lang, "routes")  # steps through the years on one map
st.caption(t("routes_legend", lang))
ui_exports.map_downloads(ds, flt, lang, "routes")

cases = cache.view(ds, "cases", flt)
cases = cases[cases["case_id"].isin(routes["case_id"]) | cases["route_id"].isin(routes["route_id"])]
st.subheader(t("cases_on_routes", lang))
if cases.empty:
    widgets.no_records(ds, flt, lang)
else:
    st.dataframe(tables.case_rows(cases, ds["jurisdictions"], lang), hide_index=True, width="stretch")

st.subheader(t("chart_outflow", lang))
figures = cache.view(ds, "figures", flt)
outflow = [part for part in figure_charts.outflow_parts(figures).values() if len(part)]
if outflow:
    place = filters.selection_label(ds, flt, lang)
    widgets.chart(figure_charts.outflow_trends(figures, ds["jurisdictions"], ds["sources"], lang), "chart_outflow",
             f"{place}_{t('chart_outflow', lang)}", lang, export.period_span(pd.concat(outflow), ds["sources"]),
             place if flt.active else None)
    widgets.table_downloads(press_tables.figure_table(filters.public_only(pd.concat(outflow)), ds["jurisdictions"],
                                                      ds["sources"], lang), ds["sources"], "outflow_table",
                            f"{place}_{t('chart_outflow', lang)}", lang)
else:
    widgets.no_records(ds, flt, lang)
widgets.filter_notes(ds, flt, "figures", lang)
