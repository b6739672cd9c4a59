"""Overview: key figures per city and an overview map."""
import streamlit as st

from geo import filters, layers, maps, tables, ui
from geo.i18n import t

ds, flt, lang = ui.dataset(), ui.current_filter(), ui.language()
st.title(t("app_title", lang))
st.caption(f"{t('selection', lang)}: {ui.selection_label(ds, flt, lang)}")

figures = filters.apply(ds["figures"], flt)
st.subheader(t("key_figures", lang))
if figures.empty:
    ui.no_records(ds, flt, lang)
else:
    for city, frame in tables.key_figures(figures, ds["jurisdictions"], lang).items():
        st.markdown(f"**{city}**")
        ui.show_table(frame, tables.key_figure_columns(lang))

m = maps.base_map(ds, lang, flt)
layers.route_layer(m, ds, filters.routes_in(ds["routes"], ds["route_waypoints"], ds["cases"], flt), lang)
layers.checkpoint_layer(m, filters.apply(ds["checkpoints"], flt), lang)
ui.show_map(maps.finish(m), key="overview_map")
st.caption(t("map_caption", lang))
