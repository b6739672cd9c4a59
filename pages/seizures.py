"""Seizures: a map of seizure figures and charts by city, drug type and case."""
import streamlit as st

from geo import charts, filters, page_maps, tables, ui
from geo.i18n import t

ds, flt, lang = ui.dataset(), ui.current_filter(), ui.language()
st.title(t("page_seizures", lang))

seizures = filters.apply(ds["seizures"], flt)
if seizures.empty:
    ui.no_records(ds, flt, lang)
    st.stop()

style = st.segmented_control(t("map_style", lang), ["symbols", "choropleth"], default="symbols",
                             key="seizure_map_style", format_func=lambda s: t(f"style_{s}", lang)) or "symbols"
ui.show_map(page_maps.seizures_map(ds, flt, lang, style), key=f"seizures_map_{style}")
st.caption(t("largest_figure", lang))

place = ui.selection_label(ds, flt, lang)
press = filters.public_only(seizures)  # press exports carry public records only, whoever is signed in
left, right = st.columns(2)
with left:
    ui.chart(charts.seizure_totals(seizures, ds["jurisdictions"], ds["sources"], lang), "chart_totals",
             f"{place}_{t('seizures_by_city', lang)}", lang,
             press_fig=charts.seizure_totals(press, ds["jurisdictions"], ds["sources"], lang))
with right:
    ui.chart(charts.cases_ranked(seizures, ds["cases"], ds["sources"], lang), "chart_cases",
             f"{place}_{t('seizures_by_case', lang)}", lang,
             press_fig=charts.cases_ranked(press, ds["cases"], ds["sources"], lang))
rows = tables.seizure_rows(seizures, ds["jurisdictions"], ds["cases"], lang)
st.dataframe(rows, hide_index=True, width="stretch")
ui.table_downloads(tables.seizure_rows(press, ds["jurisdictions"], ds["cases"], lang), ds["sources"], "seizures",
                   f"{place}_{t('page_seizures', lang)}", lang)
