"""城市对比 / Compare: one core indicator side by side for every city and county that reports it."""
import streamlit as st

from geo.charts import compare
from geo.exports import press as export
from geo.i18n import label, t
from geo.ui import fallback, state, widgets

ds, flt, lang = state.dataset(), state.current_filter(), state.language()
st.title(t("page_compare", lang))
flt = fallback.county_or_city(ds, flt, "figures", lang)  # a county without records: its city's
st.caption(t("compare_help", lang))
widgets.filter_notes(ds, flt, "figures", lang)

choices = compare.available(ds["figures"])
indicator = st.selectbox(t("compare_indicator", lang), choices, key="compare_indicator",
                         format_func=lambda key: label("indicator", key, lang))
figures = state.view(ds, "figures", flt)
rows, missing = compare.compare_view(figures, flt, indicator) if indicator else (figures.iloc[:0], [])
if rows.empty:
    st.info(t("compare_none", lang))
else:
    name = f"{state.selection_label(ds, flt, lang)}_{label('indicator', indicator, lang)}"
    widgets.chart(compare.chart(ds, rows, missing, indicator, lang), "chart_compare", name, lang,
                  export.period_span(rows, ds["sources"]), state.selection_label(ds, flt, lang) if flt.active else None)
    st.dataframe(compare.table(ds, rows, lang), hide_index=True, key="compare_table")
