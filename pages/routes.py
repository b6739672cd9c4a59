"""Trafficking routes: directed routes on a map and the cases along them."""
import streamlit as st

from geo import filters, page_maps, tables, ui, ui_exports
from geo.i18n import t

ds, flt, lang = ui.dataset(), ui.current_filter(), ui.language()
st.title(t("page_routes", lang))

routes = filters.routes_in(ds["routes"], ds["route_waypoints"], ds["cases"], flt)
if routes.empty:
    ui.no_records(ds, flt, lang)
ui.show_map(page_maps.routes_map(ds, flt, lang), key="routes_map")
st.caption(t("routes_legend", lang))
ui_exports.map_downloads(ds, flt, lang, "routes")

cases = ds["cases"]
cases = cases[cases["case_id"].isin(routes["case_id"]) | cases["route_id"].isin(routes["route_id"])]
st.subheader(t("cases_on_routes", lang))
if cases.empty:
    ui.no_records(ds, flt, lang)
else:
    st.dataframe(tables.case_rows(cases, ds["jurisdictions"], lang), hide_index=True, width="stretch")
