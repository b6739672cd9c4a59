"""Demonstration sites: counts by county or city on a map and a chart."""
import streamlit as st

from geo import fmt
from geo.charts import records as record_charts
from geo.data import filters
from geo.exports import press as export
from geo.exports import tables as press_tables
from geo.exports import static_maps
from geo.i18n import label, place_names, t
from geo.ui import exports as ui_exports
from geo.ui import maps as ui_maps
from geo.ui import cache, fallback, run, widgets

ds, flt, lang = run.current()
st.title(t("page_demo", lang))
flt = fallback.county_or_city(ds, flt, "demo_sites", lang)  # a county without records: its city's

demo = cache.view(ds, "demo_sites", flt)
if demo.empty:
    widgets.no_records(ds, flt, lang)
    st.stop()

categories = static_maps.demo_categories(demo)
category = st.selectbox(t("choose_category", lang), categories, key="demo_category",
                        format_func=lambda c: label("demo_category", c, lang))
ui_maps.show(ds, "demo_map", flt, lang, "demo_map", category)
st.caption(t("largest_figure_shade", lang))
ui_exports.map_downloads(ds, flt, lang, "demo", category)
widgets.chart(record_charts.demo_by_category(demo, ds["jurisdictions"], ds["sources"], lang), "chart_demo",
         f"{filters.selection_label(ds, flt, lang)}_{t('demo_by_category', lang)}", lang,
         export.period_span(demo, ds["sources"]), filters.selection_label(ds, flt, lang) if flt.active else None,
         press_fig=record_charts.demo_by_category(filters.public_only(demo), ds["jurisdictions"], ds["sources"], lang))
widgets.filter_notes(ds, flt, "demo_sites", lang)
names = place_names(ds["jurisdictions"], lang)
table = demo.assign(place=[names.get(a, a) for a in demo["adcode"]],
                    category_label=[label("demo_category", c, lang) for c in demo["category"]],
                    count_text=[fmt.quantity(c, q, None, lang) for c, q in zip(demo["count"], demo["qualifier"])],
                    period=record_charts.period_labels(demo, lang))
widgets.show_table(table, {"place": t("place", lang), "category_label": t("category", lang),
                           "count_text": t("count", lang), "period": t("period", lang),
                           "label_zh": t("as_written", lang), "quote": t("quote", lang)})
widgets.table_downloads(press_tables.demo_table(filters.public_only(demo), ds["jurisdictions"], ds["sources"], lang),
                        ds["sources"], "demo_table", f"{filters.selection_label(ds, flt, lang)}_{t('page_demo', lang)}",
                        lang)
