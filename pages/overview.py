"""Overview: key figures per city and an overview map."""
import streamlit as st

from geo import filters, page_maps, tables, ui, ui_exports
from geo.i18n import t

ds, flt, lang = ui.dataset(), ui.current_filter(), ui.language()
st.title(t("app_title", lang))
st.caption(f"{t('selection', lang)}: {ui.md_escape(ui.selection_label(ds, flt, lang))}")

figures = filters.apply(ds["figures"], flt)
st.subheader(t("key_figures", lang))
if figures.empty:
    ui.no_records(ds, flt, lang)
else:
    for city, frame in tables.key_figures(figures, ds["jurisdictions"], lang).items():
        st.markdown(f"**{ui.md_escape(city)}**")
        ui.show_table(frame, tables.key_figure_columns(lang))

ui.show_map(page_maps.overview_map(ds, flt, lang), key="overview_map")
st.caption(t("map_caption", lang))
ui_exports.map_downloads(ds, flt, lang, "overview")
ui_exports.briefing_buttons(ds, flt, lang)
