"""Seizures: a map of totals and charts by city, drug type and case."""
import streamlit as st

from geo import charts, filters, layers, maps, tables, ui
from geo.i18n import t

ds, flt, lang = ui.dataset(), ui.current_filter(), ui.language()
st.title(t("page_seizures", lang))

seizures = filters.apply(ds["seizures"], flt)
if seizures.empty:
    ui.no_records(ds, flt, lang)
    st.stop()

m = maps.base_map(ds, lang, flt)
layers.symbol_layer(m, ds, seizures[seizures["unit"] == "kg"], "quantity", lang, t("page_seizures", lang),
                  lambda r: layers.seizure_text(r, lang))
ui.show_map(maps.finish(m), key="seizures_map")
st.caption(t("largest_figure", lang))

left, right = st.columns(2)
with left:
    st.plotly_chart(charts.seizure_totals(seizures, ds["jurisdictions"], ds["sources"], lang), key="chart_totals")
with right:
    st.plotly_chart(charts.cases_ranked(seizures, ds["cases"], ds["sources"], lang), key="chart_cases")
st.dataframe(tables.seizure_rows(seizures, ds["jurisdictions"], ds["cases"], lang), hide_index=True,
             width="stretch")
