"""Sources: every record with its quote, searchable, and the source documents."""
import streamlit as st

from geo import filters, tables, ui
from geo.i18n import t

ds, flt, lang = ui.dataset(), ui.current_filter(), ui.language()
st.title(t("page_sources", lang))

records = tables.all_records(ds.tables)
records = records[filters.matches(records["adcode"], flt)]
query = st.text_input(t("search", lang), key="sources_query")
found = tables.search(records, query)
st.caption(f"{len(found)} {t('records', lang)}")
if found.empty:
    ui.no_records(ds, flt, lang)
else:
    st.dataframe(found, hide_index=True, width="stretch",
                 column_config={"quote": st.column_config.TextColumn(t("quote", lang), width="large")})

cols = {"source_file": t("source", lang), "title_zh" if lang == "zh" else "title_en": t("name", lang),
        "publisher": "", "doc_date": t("period", lang)}
ui.show_table(ds["sources"], {k: v or k for k, v in cols.items()})
for name, text in ds.texts.items():
    with st.expander(name):
        st.text(text)
