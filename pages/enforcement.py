"""Enforcement: cases, arrests, detentions, drug users found and rehab orders by place and period; reported changes."""
import streamlit as st

from geo import fmt
from geo.charts import figures as figure_charts
from geo.charts import tables
from geo.data import filters
from geo.exports import press as export
from geo.exports import tables as press_tables
from geo.i18n import t
from geo.ui import cache, fallback, run, widgets

ds, flt, lang = run.current()
st.title(t("page_enforcement", lang))
flt = fallback.county_or_city(ds, flt, "figures", lang)  # a county without records: its city's
widgets.filter_notes(ds, flt, "figures", lang)

figures = cache.view(ds, "figures", flt)
place = filters.selection_label(ds, flt, lang)
titled = place if flt.active else None  # a filtered chart says where it is about in its exported title
enforcement = figure_charts.enforcement_rows(figures)
if enforcement.empty:
    widgets.no_records(ds, flt, lang)
else:
    widgets.chart(figure_charts.enforcement_figures(figures, ds["jurisdictions"], ds["sources"], lang),
             "chart_enforcement", f"{place}_{t('chart_enforcement', lang)}", lang,
             export.period_span(enforcement, ds["sources"]), titled)
if not figure_charts.change_rows(figures).empty:
    widgets.chart(figure_charts.changes(figures, ds["jurisdictions"], ds["sources"], lang), "chart_changes",
             f"{place}_{t('chart_changes', lang)}", lang,
             export.period_span(figure_charts.change_rows(figures), ds["sources"]), titled)
if not enforcement.empty:
    for city, frame in tables.key_figures(enforcement, ds["jurisdictions"], lang).items():
        st.markdown(f"**{fmt.md_escape(city)}**")
        widgets.show_table(frame, tables.key_figure_columns(lang))
charted = figures[figures.index.isin(enforcement.index) | figures.index.isin(figure_charts.change_rows(figures).index)]
if len(charted):  # the charts' figures as a table press officers can sort (public records only)
    widgets.table_downloads(press_tables.figure_table(filters.public_only(charted), ds["jurisdictions"], ds["sources"],
                                                      lang), ds["sources"], "enforcement_table",
                            f"{place}_{t('page_enforcement', lang)}", lang)
