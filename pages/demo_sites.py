"""Demonstration sites: counts by county or city on a map and a chart."""
import streamlit as st

from geo import charts, filters, page_maps, ui
from geo.i18n import label, t

ds, flt, lang = ui.dataset(), ui.current_filter(), ui.language()
st.title(t("page_demo", lang))

demo = filters.apply(ds["demo_sites"], flt)
if demo.empty:
    ui.no_records(ds, flt, lang)
    st.stop()

categories = sorted(set(demo["category"]))
category = st.selectbox(t("choose_category", lang), categories, key="demo_category",
                        format_func=lambda c: label("demo_category", c, lang))
ui.show_map(page_maps.demo_map(ds, flt, lang, category), key="demo_map")
st.caption(t("largest_figure", lang))
ui.chart(charts.demo_by_category(demo, ds["jurisdictions"], ds["sources"], lang), "chart_demo",
         f"{ui.selection_label(ds, flt, lang)}_{t('demo_by_category', lang)}", lang,
         press_fig=charts.demo_by_category(filters.public_only(demo), ds["jurisdictions"], ds["sources"], lang))
ui.show_table(demo, {"label_zh": t("category", lang), "count": t("count", lang), "period_label": t("period", lang),
                     "quote": t("quote", lang)})
