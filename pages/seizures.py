"""Seizures: a map of seizure figures and charts by city, drug type and case."""
import streamlit as st

from geo import charts, tables, ui, ui_maps
from geo.i18n import t

ds, flt, lang = ui.dataset(), ui.current_filter(), ui.language()
st.title(t("page_seizures", lang))

seizures = ui.view(ds, "seizures", flt)
ui.filter_notes(ds, flt, "seizures", lang)
if seizures.empty:
    ui.no_records(ds, flt, lang)
    st.stop()

style = st.segmented_control(t("map_style", lang), ["symbols", "choropleth"], default="symbols",
                             key="seizure_map_style", format_func=lambda s: t(f"style_{s}", lang)) or "symbols"
ui_maps.show(ds, "seizures_map", flt, lang, f"seizures_map_{style}", style)
st.caption(t("largest_figure", lang))

place = ui.selection_label(ds, flt, lang)
left, right = st.columns(2)
with left:
    ui.chart(charts.seizure_totals(seizures, ds["jurisdictions"], ds["sources"], lang), "chart_totals",
             f"{place}_{t('seizures_by_city', lang)}", lang)
with right:
    ui.chart(charts.cases_ranked(seizures, ds["cases"], ds["sources"], lang), "chart_cases",
             f"{place}_{t('seizures_by_case', lang)}", lang)
rows = tables.seizure_rows(seizures, ds["jurisdictions"], ds["cases"], lang)
st.dataframe(rows, hide_index=True, width="stretch")
ui.table_downloads(rows, ds["sources"], "seizures", f"{place}_{t('page_seizures', lang)}", lang)
