"""Trafficking routes: directed routes on a map and the cases along them."""
import streamlit as st

from geo import filters, layers, maps, tables, ui
from geo.i18n import t

ds, flt, lang = ui.dataset(), ui.current_filter(), ui.language()
st.title(t("page_routes", lang))

routes = filters.routes_in(ds["routes"], ds["route_waypoints"], ds["cases"], flt)
if routes.empty:
    ui.no_records(ds, flt, lang)
m = maps.base_map(ds, lang, flt)
layers.route_layer(m, ds, routes, lang)
ui.show_map(maps.finish(m), key="routes_map")

cases = ds["cases"][ds["cases"]["case_id"].isin(routes["case_id"]) | ds["cases"]["route_id"].isin(routes["route_id"])]
st.subheader(t("cases_on_routes", lang))
if cases.empty:
    ui.no_records(ds, flt, lang)
else:
    st.dataframe(tables.case_rows(cases, ds["jurisdictions"], lang), hide_index=True, width="stretch")
