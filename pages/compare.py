"""城市对比 / Compare: one core indicator side by side for every city and county that reports it."""
import streamlit as st

from geo.charts import compare
from geo.data import filters
from geo.exports import press as export
from geo.exports import tables as press_tables
from geo.i18n import label, t
from geo.ui import fallback, run, widgets

ds, flt, lang = run.current()
st.title(t("page_compare", lang))
flt = fallback.county_or_city(ds, flt, "figures", lang)  # a county without records: its city's
st.caption(t("compare_help", lang))
widgets.filter_notes(ds, flt, "figures", lang)

indicator, rows, missing = widgets.indicator_rows(ds, flt, lang, "compare_indicator")
if rows.empty:
    st.info(t("compare_none", lang))
else:
    place = filters.selection_label(ds, flt, lang)
    name = f"{place}_{label('indicator', indicator, lang)}"
    widgets.chart(compare.chart(ds, rows, missing, indicator, lang), "chart_compare", name, lang,
                  export.period_span(rows, ds["sources"]), place if flt.active else None)
    st.dataframe(compare.table(ds, rows, lang), hide_index=True, key="compare_table")
    widgets.table_downloads(press_tables.figure_table(filters.public_only(rows), ds["jurisdictions"], ds["sources"],
                                                      lang), ds["sources"], "compare_table", name, lang)
