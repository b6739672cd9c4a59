"""Seizures: a map of seizure figures and charts by city, drug type and case."""
import streamlit as st

from geo.charts import records as record_charts
from geo.charts import tables
from geo.data import filters
from geo.exports import press as export
from geo.i18n import t
from geo.ui import exports as ui_exports
from geo.ui import maps as ui_maps
from geo.ui import fallback, state, widgets

ds, flt, lang = state.dataset(), state.current_filter(), state.language()
st.title(t("page_seizures", lang))
flt = fallback.county_or_city(ds, flt, "seizures", lang)  # a county without records: its city's

seizures = state.view(ds, "seizures", flt)
widgets.filter_notes(ds, flt, "seizures", lang)
if seizures.empty:
    widgets.no_records(ds, flt, lang)
    st.stop()

style = st.segmented_control(t("map_style", lang), ["symbols", "choropleth"], default="symbols",
                             key="seizure_map_style", format_func=lambda s: t(f"style_{s}", lang)) or "symbols"
ui_maps.show(ds, "seizures_map", flt, lang, f"seizures_map_{style}", style)
st.caption(t("largest_figure" if style == "symbols" else "largest_figure_shade", lang))
ui_exports.map_downloads(ds, flt, lang, "seizures" if style == "symbols" else "seizures_choropleth")

place = state.selection_label(ds, flt, lang)
titled = place if flt.active else None  # a filtered chart says where it is about in its exported title
press = filters.public_only(seizures)  # press exports carry public records only, whoever is signed in
# one chart under the other: side by side, each would be a third of a 1024-pixel screen
widgets.chart(record_charts.seizure_totals(seizures, ds["jurisdictions"], ds["sources"], lang), "chart_totals",
              f"{place}_{t('seizures_by_city', lang)}", lang, export.period_span(seizures, ds["sources"]), titled,
              press_fig=record_charts.seizure_totals(press, ds["jurisdictions"], ds["sources"], lang))
widgets.chart(record_charts.cases_ranked(seizures, ds["cases"], ds["sources"], lang), "chart_cases",
              f"{place}_{t('seizures_by_case', lang)}", lang,
              export.period_span(seizures[seizures["case_id"].notna()], ds["sources"]), titled,
              press_fig=record_charts.cases_ranked(press, ds["cases"], ds["sources"], lang))
rows = tables.seizure_rows(seizures, ds["jurisdictions"], ds["cases"], lang)
st.dataframe(rows, hide_index=True, width="stretch")
widgets.table_downloads(tables.seizure_rows(press, ds["jurisdictions"], ds["cases"], lang), ds["sources"], "seizures",
                   f"{place}_{t('page_seizures', lang)}", lang)
