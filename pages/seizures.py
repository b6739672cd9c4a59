"""Seizures: a map of seizure figures and charts by city, drug type and case."""
import streamlit as st

from geo import charts, export, filters, tables, ui, ui_exports, ui_maps
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
ui_exports.map_downloads(ds, flt, lang, "seizures" if style == "symbols" else "seizures_choropleth")

place = ui.selection_label(ds, flt, lang)
titled = place if flt.active else None  # a filtered chart says where it is about in its exported title
press = filters.public_only(seizures)  # press exports carry public records only, whoever is signed in
left, right = st.columns(2)
with left:
    ui.chart(charts.seizure_totals(seizures, ds["jurisdictions"], ds["sources"], lang), "chart_totals",
             f"{place}_{t('seizures_by_city', lang)}", lang, export.period_span(seizures, ds["sources"]), titled,
             press_fig=charts.seizure_totals(press, ds["jurisdictions"], ds["sources"], lang))
with right:
    ui.chart(charts.cases_ranked(seizures, ds["cases"], ds["sources"], lang), "chart_cases",
             f"{place}_{t('seizures_by_case', lang)}", lang,
             export.period_span(seizures[seizures["case_id"].notna()], ds["sources"]), titled,
             press_fig=charts.cases_ranked(press, ds["cases"], ds["sources"], lang))
rows = tables.seizure_rows(seizures, ds["jurisdictions"], ds["cases"], lang)
st.dataframe(rows, hide_index=True, width="stretch")
ui.table_downloads(tables.seizure_rows(press, ds["jurisdictions"], ds["cases"], lang), ds["sources"], "seizures",
                   f"{place}_{t('page_seizures', lang)}", lang)
