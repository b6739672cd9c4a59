"""Sources: every record with its quote, searchable, and the source documents."""
import streamlit as st

from geo import fmt
from geo.charts import tables
from geo.i18n import t
from geo.ui import state, views, widgets

ds, flt, lang = state.dataset(), state.current_filter(), state.language()
st.title(t("page_sources", lang))

query = st.text_input(t("search", lang), key="sources_query")
# every table as the filter selects it (state.records), so this page agrees with the others
found = tables.search(views.readable_records(ds, flt, lang), query)
st.caption(f"{len(found)} {t('records', lang)}")
if found.empty:
    widgets.no_records(ds, flt, lang)
else:
    columns = {"kind": t("record_kind", lang), "place": t("place", lang), "said": t("record", lang),
               "period": t("period", lang), "title": t("source", lang), "quote": t("quote", lang)}
    widgets.show_table(found, columns)

title_col = "title_zh" if lang == "zh" else "title_en"
widgets.show_table(ds["sources"].fillna(""), {title_col: t("name", lang), "publisher": t("publisher", lang),
                                              "doc_date": t("doc_date", lang)})
st.subheader(t("source_texts", lang))
titles = dict(zip(ds["sources"]["source_file"], ds["sources"][title_col].fillna("")))
for name, text in ds.texts.items():
    with st.expander(fmt.md_escape(titles.get(name.rsplit("/", 1)[-1]) or name.rsplit("/", 1)[-1])):
        st.text(text)
state.data_encodings(ds, lang)
