"""Overview: key-figure tiles per city for the current filter, every figure with its quote, an overview map."""
import streamlit as st

from geo import fmt
from geo.charts import tables
from geo.data import filters
from geo.i18n import t
from geo.ui import exports as ui_exports
from geo.ui import cache, fallback, run, stepper, widgets

ds, flt, lang = run.current()
st.title(t("app_title", lang))
flt = fallback.county_or_city(ds, flt, "figures", lang)  # a county without records: its city's
st.caption(f"{t('selection', lang)}: {fmt.md_escape(filters.selection_label(ds, flt, lang))}")

st.subheader(t("key_figures", lang))
with st.container():  # always one element, whatever the year holds: the map below keeps its place (and its frame)
    key_tiles = cache.key_tiles(ds, flt, lang)
    if key_tiles:
        widgets.show_tiles(key_tiles)
    else:
        widgets.no_records(ds, flt, lang)
    widgets.filter_notes(ds, flt, "figures", lang)
    figures = cache.view(ds, "figures", flt)
    if not figures.empty:
        with st.expander(t("all_figures", lang)):
            for city, frame in tables.key_figures(figures, ds["jurisdictions"], lang).items():
                st.markdown(f"**{fmt.md_escape(city)}**")
                widgets.show_table(frame, tables.key_figure_columns(lang))

stepper.stepped_map(ds, flt, lang, "overview")  # steps through the years on one map
st.caption(t("map_caption", lang))
ui_exports.map_downloads(ds, flt, lang, "overview")
ui_exports.briefing_buttons(ds, flt, lang)
