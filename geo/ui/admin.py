"""Streamlit side of data maintenance: upload → validate → diff → confirm, the history log and restore."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import fmt
from geo.data import store, uploads
from geo.data.schema import TABLES
from geo.data.tablestore import TableStore, Unavailable
from geo.data.validate import Problem
from geo.i18n import STRINGS, t
from geo.ui import audit as ui_audit
from geo.ui import auth as ui_auth
from geo.ui.uploader import uploader

KEY_TABLE, KEY_PREVIEW, KEY_ROUND, KEY_FLASH = "data_table", "data_preview", "data_upload_round", "data_flash"


def flash(lang: str) -> None:
    """The outcome of the last save or restore (set by the button's callback), shown once. Always one container,
    so the tabs below keep their place in the page and the chosen tab stays open when the message goes."""
    outcome = st.session_state.pop(KEY_FLASH, None)
    with st.container():
        if not outcome:
            return
        ok, message, problems = outcome
        if ok:
            st.success(message)
        elif problems:
            problems_table(problems, lang)
        else:
            st.error(message)


def who(lang: str) -> None:
    """With sign-in off nobody is signed in: ask for a name to put in the history."""
    if not ui_auth.user_name():
        st.text_input(t("data_your_name", lang), key="data_user_name")


def _user() -> str:
    """Who is saving, read when the button is clicked: the signed-in user, else the typed name, else anonymous."""
    return ui_auth.user_name() or st.session_state.get("data_user_name", "").strip() or "anonymous"


def problems_table(problems: list[Problem], lang: str) -> None:
    st.error(t("data_invalid", lang, n=str(len(problems))))
    st.dataframe(pd.DataFrame([p.__dict__ for p in problems[:500]]).astype("string"), hide_index=True,
                 width="stretch", key="data_problems")


def diff_view(d: store.Diff, lang: str, key: str) -> None:
    """Counts of rows added, changed and removed, then the rows themselves."""
    cols = st.columns(3)
    for col, what in zip(cols, ("added", "changed", "removed")):
        col.metric(t(f"data_{what}", lang), d.counts[what])
    for what, frame in (("added", d.added), ("changed", d.changed), ("removed", d.removed)):
        if len(frame):
            st.markdown(f"**{t(f'data_{what}', lang)}**")
            st.dataframe(frame, hide_index=True, width="stretch", key=f"{key}_{what}")


def _preview_sha(kind: str, table: str, ident: str, ts: TableStore) -> str:
    """The current file's hash when this upload (or kept version) was first previewed: the save is refused if
    the file changed since, so nobody confirms a difference they have not seen."""
    key, ident = f"{KEY_PREVIEW}_{kind}", f"{table}:{ident}"
    preview = st.session_state.get(key)
    if not preview or preview["id"] != ident:
        preview = st.session_state[key] = {"id": ident, "sha": ts.current_sha(table)}
    return preview["sha"]


def _note(key: str) -> str:
    return st.session_state.get(key, "").strip()


def _clear_previews() -> None:
    for kind in ("upload", "restore"):
        st.session_state.pop(f"{KEY_PREVIEW}_{kind}", None)


def upload(ts: TableStore, lang: str) -> None:
    """Choose a table, upload its replacement, see problems or the difference, confirm."""
    table = st.selectbox(t("data_table", lang), list(TABLES), key=KEY_TABLE, format_func=lambda n: f"{n}.csv")
    up = uploader(t("data_upload", lang), ["csv"], f"data_upload_{st.session_state.get(KEY_ROUND, 0)}", lang)
    if up is None:
        st.caption(t("data_upload_help", lang))
        return
    refusal = uploads.check(up.name, up.type, up.getvalue())
    if refusal:  # before decoding or parsing; the uploaded name is only shown (escaped), never used as a path
        st.error(t(refusal.key, lang, **{k: fmt.md_escape(v) for k, v in refusal.values.items()}))
        return
    try:
        text = store.decode(up.getvalue())
    except UnicodeDecodeError:
        st.error(t("data_encoding", lang))
        return
    seen = _preview_sha("upload", table, up.file_id, ts)
    problems = ts.validate_candidate(table, text)
    if problems:
        problems_table(problems, lang)
        return
    d = store.diff(ts.read_current(table), text, table)
    diff_view(d, lang, "data_diff")
    st.text_input(t("data_note", lang), key="data_note")
    def save() -> object:
        return ts.save(table, text, _user(), _note("data_note"), expected_sha=seen, role=ui_auth.role() or "",
                       client=ui_audit.client())
    st.button(t("data_confirm", lang), key="data_confirm", type="primary", disabled=not any(d.counts.values()),
              on_click=_write, args=(save, lang))


def _write(action, lang: str) -> None:
    """Button callback: save or restore; a refusal (conflict, invalid data) is reported and nothing is written.
    Runs before the script, so the page that follows already shows the new data."""
    try:
        entry = action()
    except Unavailable:
        st.session_state[KEY_FLASH] = (False, t("db_save_refused", lang), [])
        return
    except store.Conflict:
        _clear_previews()
        st.session_state[KEY_FLASH] = (False, t("data_conflict", lang), [])
        return
    except store.StoreError as err:
        st.session_state[KEY_FLASH] = (False, str(err), err.problems)
        return
    _clear_previews()  # the store wrote the audit event with the save
    st.session_state[KEY_ROUND] = st.session_state.get(KEY_ROUND, 0) + 1  # a fresh, empty uploader
    said = "data_restored" if entry.action == "restore" else "data_saved"  # a restore says 已恢复, not 已保存
    st.session_state[KEY_FLASH] = (True, t(said, lang, file=TABLES[entry.table].file, added=str(entry.added),
                                            changed=str(entry.changed), removed=str(entry.removed)), [])


HISTORY_COLUMNS = {"time": "hist_time", "user": "hist_user", "table": "hist_table", "action": "hist_action",
                   "added": "data_added", "changed": "data_changed", "removed": "data_removed", "note": "hist_note",
                   "previous": "hist_previous", "restored_from": "hist_restored_from"}


def _version(version: str) -> str:
    """A kept file version by its time and author (a database version id stays as it is: no query per row)."""
    return store.version_label(version) if "__" in version else version


def history_frame(entries: list, lang: str) -> pd.DataFrame:
    """The history log in the reader's language: headers and actions as words, tables by their file name, kept
    versions by their time and author."""
    frame = pd.DataFrame([e.__dict__ for e in entries]).reindex(columns=list(HISTORY_COLUMNS))
    for col in ("previous", "restored_from"):
        frame[col] = frame[col].map(lambda v: _version(v) if isinstance(v, str) and v else "")
    frame["time"] = frame["time"].map(store.stamp_label)
    frame["table"] = frame["table"].map(lambda n: TABLES[n].file if n in TABLES else n)
    frame["action"] = frame["action"].map(lambda a: t(f"hist_{a}", lang) if f"hist_{a}" in STRINGS else a)
    return frame.fillna("").rename(columns={k: t(v, lang) for k, v in HISTORY_COLUMNS.items()})


def history(ts: TableStore, lang: str) -> None:
    """The log of every save and restore, and restoring a kept version of the chosen table."""
    entries = list(reversed(ts.log()))
    if entries:
        st.dataframe(history_frame(entries, lang), hide_index=True, width="stretch", key="data_log")
    else:
        st.caption(t("data_no_history", lang))
    table = st.selectbox(t("data_table", lang), list(TABLES), key="data_restore_table",
                         format_func=lambda n: f"{n}.csv")
    kept = ts.versions(table)
    if not kept:
        return
    # keyed by table: Streamlit keeps a choice whose label is still offered, and one report's saves to several
    # tables share a label (same second, same user), so a shared key restored another table's version
    version = st.selectbox(t("data_version", lang), kept, key=f"data_restore_version_{table}",
                           format_func=ts.version_label)
    seen = _preview_sha("restore", table, version, ts)
    d = store.diff(ts.read_current(table), ts.read_version(version), table)
    diff_view(d, lang, "data_restore_diff")
    st.text_input(t("data_note", lang), key="data_restore_note")
    def back() -> object:
        return ts.restore(table, version, _user(), _note("data_restore_note"), expected_sha=seen,
                          role=ui_auth.role() or "", client=ui_audit.client())
    st.button(t("data_restore", lang), key="data_restore", on_click=_write, args=(back, lang))


def guarded(section, ts: TableStore, lang: str) -> None:
    """A tab of the data page; while the database is away it says so instead of failing (nothing is written)."""
    try:
        section(ts, lang)
    except Unavailable:
        st.error(t("db_save_refused", lang))
