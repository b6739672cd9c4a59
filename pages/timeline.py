"""时间线 / Timeline: one core indicator's figures on a calendar, each over its own period, and what changed."""
import streamlit as st

from geo.charts import timeline
from geo.data import filters
from geo.exports import press as export
from geo.i18n import label, t
from geo.ui import run, widgets

ds, flt, lang = run.current()
st.title(t("page_timeline", lang))
st.caption(t("timeline_help", lang))
widgets.filter_notes(ds, flt, "figures", lang)

indicator, rows, missing = widgets.indicator_rows(ds, flt, lang, "timeline_indicator")
if rows.empty:
    st.info(t("timeline_none", lang))
else:
    rows = timeline.timeline_rows(rows, ds["sources"], indicator)
    place = filters.selection_label(ds, flt, lang)
    press = filters.public_only(rows)  # press exports carry public records only, whoever is signed in
    widgets.chart(timeline.chart(ds, rows, missing, indicator, lang), "chart_timeline",
                  f"{place}_{t('page_timeline', lang)}_{label('indicator', indicator, lang)}", lang,
                  export.period_span(rows, ds["sources"]), place if flt.active else None,
                  press_fig=timeline.chart(ds, press, missing, indicator, lang, timeline.PRESS_ROWS))
    st.dataframe(timeline.table(ds, rows, lang), hide_index=True, key="timeline_table")
