"""Checkpoints: named checkpoints and stations on a map, with a table and the counts the text gives."""
import streamlit as st

from geo.charts import tables
from geo.i18n import label, name_col, t
from geo.ui import exports as ui_exports
from geo.ui import cache, fallback, run, stepper, widgets

ds, flt, lang = run.current()
st.title(t("page_checkpoints", lang))
flt = fallback.county_or_city(ds, flt, "checkpoints", lang)  # a county without records: its city's

checkpoints = cache.view(ds, "checkpoints", flt)
counts = cache.view(ds, "figures", flt)
counts = counts[counts["category"] == "checkpoint"]
with st.container():  # always one element, with or without notes: the map below keeps its place (and its frame)
    widgets.filter_notes(ds, flt, "checkpoints", lang)
    if checkpoints.empty and counts.empty:
        widgets.no_records(ds, flt, lang)

stepper.stepped_map(ds, flt, lang, "checkpoints")  # steps through the years on one map
ui_exports.map_downloads(ds, flt, lang, "checkpoints")

if not checkpoints.empty:
    view = checkpoints.assign(kind_label=[label("checkpoint_kind", k, lang) for k in checkpoints["kind"]],
                              precision_label=[label("precision", p, lang) for p in checkpoints["precision"]])
    columns = {name_col(lang): t("name", lang), "kind_label": t("kind", lang),
               "precision_label": t("precision", lang), "note": t("note", lang), "quote": t("quote", lang)}
    if lang == "zh":  # the curators' notes are English: they stay in the data and the English view
        columns.pop("note")
    widgets.show_table(view, columns)
if not counts.empty:
    st.subheader(t("checkpoint_counts", lang))
    for _city, frame in tables.key_figures(counts, ds["jurisdictions"], lang).items():
        widgets.show_table(frame, tables.key_figure_columns(lang))
