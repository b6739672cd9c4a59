"""学习的词汇 / Learned vocabulary (admins): every phrase taught by a correction during review, who taught it and
when, the built-in rule it disagrees with; an entry can be removed."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import backend, fmt
from geo.data.tablestore import TableStore
from geo.i18n import t
from geo.intake import review
from geo.intake.learned import Entry
from geo.intake.propose import gazetteer
from geo.ui import admin as ui_admin
from geo.ui.editor import place_labels

COLUMNS = {"field": "learned_col_field", "phrase": "learned_col_phrase", "value": "learned_col_value",
           "conflict": "learned_col_conflict", "user": "learned_col_user", "day": "learned_col_day",
           "example": "learned_col_example"}


def frame(entries: list[Entry], lang: str, places: dict[str, str], gaz=None) -> pd.DataFrame:
    """The entries in words: kind, phrase, what it means, the built-in rule it disagrees with, who, when."""
    rows = [{"field": t(f"learned_field_{e.field}", lang), "phrase": e.phrase,
             "value": review.value_words(e.field, e.value, lang, places),
             "conflict": review.value_words(e.field, c, lang, places) if (c := review.conflict(e, gaz)) else "",
             "user": e.user, "day": e.day, "example": e.example} for e in entries]
    return pd.DataFrame(rows, columns=list(COLUMNS)).rename(columns={k: t(v, lang) for k, v in COLUMNS.items()})


def view(ts: TableStore, ds, lang: str) -> None:
    """The list of learned entries and removing one."""
    st.caption(t("learned_help", lang))
    store = backend.learned_store()
    try:
        entries = store.entries()
    except backend.STORE_ERRORS as err:
        st.error(t("learned_unavailable", lang, error=fmt.md_escape(str(err).splitlines()[0])))
        return
    if not entries:
        st.info(t("learned_none", lang))
        return
    places = place_labels(ds, lang)
    shown = frame(entries, lang, places, gazetteer(backend.jurisdictions_dir(ts)))
    st.dataframe(shown, hide_index=True, width="stretch", key="learned_list")
    by_id = {e.ident: e for e in entries}
    said = {i: f"{e.phrase} → {review.value_words(e.field, e.value, lang, places)}" for i, e in by_id.items()}
    pick = st.selectbox(t("learned_pick", lang), list(by_id), index=None, key="learned_pick",
                        format_func=said.__getitem__, placeholder=t("learned_choose", lang))
    st.button(t("learned_remove", lang), key="learned_remove", disabled=pick is None, on_click=_remove,
              args=(by_id.get(pick) if pick else None, lang))


def _remove(entry: Entry | None, lang: str) -> None:
    """Button callback: remove the chosen entry; the outcome is shown once at the top of the page."""
    if entry is None:
        return
    try:
        backend.learned_store().remove(entry.ident)
    except backend.STORE_ERRORS as err:
        st.session_state[ui_admin.KEY_FLASH] = (False, t("learned_unavailable", lang, error=str(err)), [])
        return
    st.session_state.pop("learned_pick", None)
    st.session_state[ui_admin.KEY_FLASH] = (True, t("learned_removed", lang, phrase=fmt.md_escape(entry.phrase)), [])
