"""Editing records in place: the one table editor used for intake proposals and for correcting any table, and
saving a corrected table through the store (validated, with history)."""
from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from geo.data import store, words
from geo.data.filters import city_options, county_options
from geo.data.schema import TABLES
from geo.data.tablestore import TableStore, Unavailable
from geo.i18n import name_col, place_names, t
from geo.ui import admin as ui_admin
from geo.ui import audit as ui_audit
from geo.ui import auth as ui_auth

PLACE_TABLES = ("figures", "seizures", "cases", "checkpoints", "demo_sites", "places")
KEY_SEEN = "edit_seen_sha"


def edit(frame: pd.DataFrame, key: str, locked: list[str], config: dict | None = None) -> pd.DataFrame:
    """An editable table: rows fixed, the locked columns read-only, every other cell editable."""
    return st.data_editor(frame, key=key, hide_index=True, num_rows="fixed", disabled=locked, width="stretch",
                          column_config=config or {})


def place_labels(ds, lang: str) -> dict[str, str]:
    """adcode → the place's name, with its parent's name where two places share a name."""
    j = ds["jurisdictions"]
    names = dict(zip(j["adcode"], j[name_col(lang)]))
    parents = dict(zip(j["adcode"], j["parent_adcode"])) if "parent_adcode" in j else {}
    seen: dict[str, int] = {}
    for name in names.values():
        seen[name] = seen.get(name, 0) + 1
    return {code: f"{name}（{names.get(parents.get(code), '')}）" if seen[name] > 1 else name
            for code, name in names.items()}


def _frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False) if text.strip() else pd.DataFrame()


def _rows_of(frame: pd.DataFrame, city: str | None, county: str | None) -> pd.Series:
    codes = frame["adcode"].astype(str)
    if county:
        return codes == county
    if city:
        return codes.str[:4] == city[:4]
    return pd.Series(True, index=frame.index)


def _place_choice(ds, names: dict[str, str], lang: str) -> tuple[str | None, str | None]:
    cols = st.columns(2)
    city = cols[0].selectbox(t("edit_city", lang), city_options(ds["jurisdictions"], ds), index=None,
                             key="edit_city", format_func=lambda c: names.get(c, c), placeholder=t("all", lang))
    counties = county_options(ds["jurisdictions"], (city,)) if city else []
    county = cols[1].selectbox(t("edit_county", lang), counties, index=None, key="edit_county",
                               format_func=lambda c: names.get(c, c), placeholder=t("all", lang))
    return city, county


def merged(full: pd.DataFrame, edited: pd.DataFrame) -> pd.DataFrame:
    """The whole table with the edited rows put back in their places."""
    out = full.copy()
    out.loc[edited.index, edited.columns] = edited.astype(str).replace({"None": "", "nan": "", "<NA>": ""})
    return out


def _config(shown: pd.DataFrame, table: str, lang: str, places: dict[str, str]) -> dict:
    """Headers in the reader's language; coded columns as drop-downs of words."""
    heads = words.headers(shown.columns, lang)
    config = {c: st.column_config.Column(h) for c, h in heads.items()}
    for col, group in words.groups(table, shown.columns).items():
        config[col] = st.column_config.SelectboxColumn(heads.get(col, col),
                                                       options=list(words.words_of(group, lang).values()))
    if "adcode" in shown:
        config["adcode"] = st.column_config.SelectboxColumn(heads["adcode"], options=list(places.values()))
    if "quote" in shown:
        config["quote"] = st.column_config.TextColumn(heads["quote"], width="large")
    return config


def correct(ts: TableStore, ds, lang: str) -> None:
    """Open any table filtered by city and county, edit cells, save the table through the store."""
    st.caption(t("edit_help", lang))
    names = place_names(ds["jurisdictions"], lang)
    table = st.selectbox(t("data_table", lang), PLACE_TABLES, key="edit_table", format_func=lambda n: f"{n}.csv")
    city, county = _place_choice(ds, names, lang)
    current = ts.read_current(table)
    full = _frame(current)
    seen = st.session_state.setdefault(KEY_SEEN, {}).setdefault(table, ts.current_sha(table))
    part = full[_rows_of(full, city, county)] if len(full) else full
    if part.empty:
        st.info(t("edit_none", lang))
        return
    places = place_labels(ds, lang)
    shown = words.to_words(part, table, lang, places)  # codes as words; read back as codes before the merge
    edited = edit(shown, f"edit_{table}_{city}_{county}", [TABLES[table].key], _config(shown, table, lang, places))
    if edited.equals(shown):  # nothing edited: no difference to compute on every rerun
        st.button(t("edit_save", lang), key="edit_save", disabled=True)
        return
    new = merged(full, words.from_words(edited, table, lang, places))
    d = store.diff(current, new.to_csv(index=False), table)
    if d.changed_rows:
        ui_admin.diff_view(d, lang, "edit_diff")
    st.button(t("edit_save", lang), key="edit_save", disabled=not d.changed_rows, type="primary",
              on_click=st.session_state.__setitem__, args=("edit_saving", True))
    if st.session_state.pop("edit_saving", False):  # acted on here, where the edited table is known
        _save(ts, table, new.to_csv(index=False), seen, lang)


def _save(ts: TableStore, table: str, text: str, seen: str, lang: str) -> None:
    """The corrected table through the configured store: refused if anyone saved it since it was opened."""
    user = ui_auth.user_name() or st.session_state.get("data_user_name", "").strip() or "anonymous"
    try:
        entry = ts.save(table, text, user, "corrected in the record editor", expected_sha=seen,
                        role=ui_auth.role() or "", client=ui_audit.client())
    except Unavailable:
        st.error(t("db_save_refused", lang))
        return
    except store.Conflict:
        st.session_state.pop(KEY_SEEN, None)
        st.error(t("data_conflict", lang))
        return
    except store.StoreError as err:
        if err.problems:
            ui_admin.problems_table(err.problems, lang)
        else:
            st.error(str(err))
        return
    st.session_state.pop(KEY_SEEN, None)
    st.session_state[ui_admin.KEY_FLASH] = (True, t("data_saved", lang, file=TABLES[table].file, added=str(entry.added),
                                                    changed=str(entry.changed), removed=str(entry.removed)), [])
    st.rerun()
