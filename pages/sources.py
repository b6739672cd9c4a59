"""Sources: every record with its quote, searchable, and the source documents."""
import streamlit as st

from geo import fmt
from geo.charts import provenance, tables
from geo.i18n import t
from geo.ui import banners, cache, run, views, widgets

ds, flt, lang = run.current()
st.title(t("page_sources", lang))

records = provenance.ordered(cache.records(ds, flt))  # as the filter selects them; figures first, places last
query = st.text_input(t("search", lang), key="sources_query")
found = tables.search(views.readable_records(ds, flt, lang), query)  # built once per version, filter and language
shown = provenance.documents(ds["sources"], records[records["id"].isin(set(found["id"]))])  # their documents only
st.caption(f"{len(found)} {t('records', lang)}")
if found.empty:
    widgets.no_records(ds, flt, lang)
else:
    columns = {"kind": t("record_kind", lang), "place": t("place", lang), "said": t("record", lang),
               "period": t("period", lang), "title": t("source", lang), "quote": t("quote", lang)}
    widgets.show_table(found, columns)

title_col = "title_zh" if lang == "zh" else "title_en"
widgets.show_table(shown.fillna(""), {title_col: t("name", lang), "publisher": t("publisher", lang),
                                      "doc_date": t("doc_date", lang)})
st.subheader(t("source_texts", lang))
titles = dict(zip(ds["sources"]["source_file"], ds["sources"][title_col].fillna("")))
for name, text in provenance.texts(ds.texts, shown).items():
    with st.expander(fmt.md_escape(titles.get(name.rsplit("/", 1)[-1]) or name.rsplit("/", 1)[-1])):
        st.text(text)
banners.data_encodings(ds, lang)
