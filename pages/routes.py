"""Trafficking routes: directed routes on a map, the cases along them, and outflow-trafficking trends."""
import pandas as pd
import streamlit as st

from geo import export, figure_charts, tables, ui, ui_exports, ui_maps
from geo.i18n import t

ds, flt, lang = ui.dataset(), ui.current_filter(), ui.language()
st.title(t("page_routes", lang))

routes = ui.view(ds, "routes", flt)
if routes.empty:
    ui.no_records(ds, flt, lang)
ui_maps.show(ds, "routes_map", flt, lang, "routes_map")
st.caption(t("routes_legend", lang))
ui_exports.map_downloads(ds, flt, lang, "routes")

cases = ui.view(ds, "cases", flt)
cases = cases[cases["case_id"].isin(routes["case_id"]) | cases["route_id"].isin(routes["route_id"])]
st.subheader(t("cases_on_routes", lang))
if cases.empty:
    ui.no_records(ds, flt, lang)
else:
    st.dataframe(tables.case_rows(cases, ds["jurisdictions"], lang), hide_index=True, width="stretch")

st.subheader(t("chart_outflow", lang))
figures = ui.view(ds, "figures", flt)
outflow = [part for part in figure_charts.outflow_parts(figures).values() if len(part)]
if outflow:
    place = ui.selection_label(ds, flt, lang)
    ui.chart(figure_charts.outflow_trends(figures, ds["jurisdictions"], ds["sources"], lang), "chart_outflow",
             f"{place}_{t('chart_outflow', lang)}", lang, export.period_span(pd.concat(outflow), ds["sources"]),
             place if flt.active else None)
else:
    ui.no_records(ds, flt, lang)
ui.filter_notes(ds, flt, "figures", lang)
