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
from geo.ui import cache, fallback, run, stepper, widgets

ds, flt, lang = run.current()
st.title(t("page_demo", lang))
flt = fallback.county_or_city(ds, flt, "demo_sites", lang)  # a county without records: its city's

demo = cache.view(ds, "demo_sites", flt)
every_year = cache.view(ds, "demo_sites", stepper.every_year(flt))
with st.container():  # always one element, with or without a note: the map below keeps its place (and its frame)
    if demo.empty:
        widgets.no_records(ds, flt, lang)
if every_year.empty:  # a year without records keeps the year stepper and its map, to step on from there
    st.stop()

categories = static_maps.demo_categories(every_year)
category = st.selectbox(t("choose_category", lang), categories, key="demo_category",
                        format_func=lambda c: label("demo_category", c, lang))
stepper.stepped_map(ds, flt, lang, "demo", category)  # steps through the years on one map
if demo.empty:
    st.stop()
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
