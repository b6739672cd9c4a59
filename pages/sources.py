"""Sources: every record with its quote, searchable, and the source documents."""
import streamlit as st

from geo import fmt
from geo.charts import tables
from geo.i18n import t
from geo.ui import state, widgets

ds, flt, lang = state.dataset(), state.current_filter(), state.language()
st.title(t("page_sources", lang))

records = state.records(ds, flt)  # every table as the filter selects it, so this page agrees with the others
query = st.text_input(t("search", lang), key="sources_query")
found = tables.search(records, query)
st.caption(f"{len(found)} {t('records', lang)}")
if found.empty:
    widgets.no_records(ds, flt, lang)
else:
    st.dataframe(found.fillna(""), hide_index=True, width="stretch",
                 column_config={"table": t("table", lang), "id": "ID", "adcode": t("place", lang),
                                "summary": t("record", lang), "source_file": t("source", lang),
                                "quote": st.column_config.TextColumn(t("quote", lang), width="large")})

widgets.show_table(ds["sources"].fillna(""), {"source_file": t("source", lang),
                                         "title_zh" if lang == "zh" else "title_en": t("name", lang),
                                         "publisher": t("publisher", lang), "doc_date": t("doc_date", lang)})
for name, text in ds.texts.items():
    with st.expander(fmt.md_escape(name)):
        st.text(text)
state.data_encodings(ds, lang)
