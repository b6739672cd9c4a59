"""Overview: key-figure tiles per city for the current filter, every figure with its quote, an overview map."""
import streamlit as st

from geo import tables, ui, ui_exports, ui_maps
from geo.i18n import t

ds, flt, lang = ui.dataset(), ui.current_filter(), ui.language()
st.title(t("app_title", lang))
st.caption(f"{t('selection', lang)}: {ui.md_escape(ui.selection_label(ds, flt, lang))}")

st.subheader(t("key_figures", lang))
key_tiles = ui.key_tiles(ds, flt, lang)
if key_tiles:
    ui.show_tiles(key_tiles)
else:
    ui.no_records(ds, flt, lang)
ui.filter_notes(ds, flt, "figures", lang)

figures = ui.view(ds, "figures", flt)
if not figures.empty:
    with st.expander(t("all_figures", lang)):
        for city, frame in tables.key_figures(figures, ds["jurisdictions"], lang).items():
            st.markdown(f"**{ui.md_escape(city)}**")
            ui.show_table(frame, tables.key_figure_columns(lang))

ui_maps.show(ds, "overview_map", flt, lang, "overview_map")
st.caption(t("map_caption", lang))
ui_exports.map_downloads(ds, flt, lang, "overview")
ui_exports.briefing_buttons(ds, flt, lang)
