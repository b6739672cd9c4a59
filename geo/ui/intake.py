"""新增报告 / Add a report: upload or paste a report, confirm its date and default place, review the proposals
(accept, edit, reject) beside the highlighted text, validate them with the existing data, see the difference, save."""
from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from geo.data import store
from geo.i18n import place_names, t
from geo.intake import rows
from geo.intake.propose import propose_text
from geo.intake.source import TYPES, IntakeError, read_bytes
from geo.ui import admin as ui_admin
from geo.ui import auth as ui_auth
from geo.ui.editor import edit

KEY_RESULT, KEY_PREVIEW, KEY_ROUND = "intake_result", "intake_preview", "intake_round"
SHOWN = ("value", "qualifier", "unit", "indicator", "metric", "label_zh", "drug", "adcode", "place_zh",
         "period_start", "period_end", "period_label", "change_value", "change_unit", "change_basis", "quote", "why")
LOCKED = ["n", "place_zh", "why"]
MARK = "background:#ffe066;color:#000;padding:0 2px;border-radius:2px"


def _input(lang: str) -> tuple[str, str] | None:
    """(text, name) of the uploaded file or the pasted text; an IntakeError for a file that cannot be read."""
    up = st.session_state.get(f"intake_upload_{st.session_state.get(KEY_ROUND, 0)}")
    if up is not None:
        return read_bytes(up.getvalue(), up.name), up.name
    pasted = st.session_state.get("intake_paste", "")
    return (pasted, "pasted.txt") if pasted.strip() else None


def _propose(data_dir: Path, lang: str) -> None:
    """Button callback: read the report and keep its proposals (or the reason there are none)."""
    st.session_state.pop(KEY_PREVIEW, None)
    try:
        got = _input(lang)
        if got is None:
            st.session_state[KEY_RESULT] = {"error": t("intake_need_input", lang)}
            return
        text, name = got
        given = st.session_state.get("intake_date")
        result = propose_text(text, name, given if isinstance(given, date) else None,
                              st.session_state.get("intake_place") or None, data_dir)
    except IntakeError as err:
        st.session_state[KEY_RESULT] = {"error": str(err)}
        return
    st.session_state[KEY_RESULT] = {"result": result, "text": text, "name": name}


def highlighted(text: str, records: list[dict]) -> str:
    """The report as HTML, every character escaped, each proposal's quote marked and numbered."""
    spans = sorted({(r["quote_start"], r["quote_end"], i) for i, r in enumerate(records)})
    out, pos = [], 0
    for start, end, i in spans:
        if start < pos:
            continue  # quotes that overlap an earlier one stay inside its mark
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark style='{MARK}' title='{i}'><sup>{i}</sup>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    body = "".join(out).replace("\n", "<br>")
    return f"<div class='intake-text' style='line-height:1.7;font-size:1rem'>{body}</div>"


def _frames(records: list[dict]) -> dict[str, pd.DataFrame]:
    frame = pd.DataFrame([{"n": i, "accept": True, **{k: r.get(k) for k in SHOWN}} for i, r in enumerate(records)])
    frame["value"] = frame["value"].astype("object")
    return dict(tuple(frame.groupby(pd.Series([r["table"] for r in records]), sort=False)))


def _accepted(records: list[dict], edited: dict[str, pd.DataFrame]) -> list[dict]:
    """The records ticked in the editors, with the staff's edits applied."""
    out = []
    for frame in edited.values():
        for row in frame.to_dict("records"):
            if row.pop("accept"):
                fixes = {k: (None if pd.isna(v) else v) for k, v in row.items() if k in SHOWN}
                out.append(records[int(row["n"])] | fixes)
    return out


def add_report(data_dir: Path, ds, lang: str) -> None:
    """The whole intake form."""
    names = place_names(ds["jurisdictions"], lang)
    st.file_uploader(t("intake_upload", lang), type=[x.lstrip(".") for x in TYPES],
                     key=f"intake_upload_{st.session_state.get(KEY_ROUND, 0)}")
    st.text_area(t("intake_paste", lang), key="intake_paste", height=120)
    cols = st.columns(2)
    cols[0].date_input(t("intake_date", lang), value=None, key="intake_date")
    cols[1].selectbox(t("intake_place", lang), list(names), index=None, key="intake_place",
                      format_func=lambda c: f"{names.get(c, c)} {c}", placeholder=t("all", lang))
    st.button(t("intake_propose", lang), key="intake_propose", on_click=_propose, args=(data_dir, lang))
    state = st.session_state.get(KEY_RESULT)
    if not state:
        return
    if "error" in state:
        st.error(state["error"])
        return
    review(data_dir, state, lang)


def review(data_dir: Path, state: dict, lang: str) -> None:
    """Proposals by table beside the highlighted text; validation, difference and saving."""
    result, text = state["result"], state["text"]
    records = result["records"]
    source = result["source"]
    if not source["doc_date"]:
        st.warning(t("intake_no_date", lang))
    elif source["doc_date_basis"].startswith("from the text"):
        st.warning(t("intake_date_found", lang, how=source["doc_date_basis"]))
    st.info(t("intake_found", lang, n=str(len(records))))
    for message in result["messages"]:
        st.caption(message)
    with st.expander(t("intake_text", lang), expanded=True):
        with st.container(height=320):
            st.html(highlighted(text, records))
    edited = {}
    for table, frame in _frames(records).items():
        st.markdown(f"**{table}.csv**")
        edited[table] = edit(frame, f"intake_edit_{table}", LOCKED)
    chosen = _accepted(records, edited)
    st.button(t("intake_check", lang), key="intake_check", on_click=_flag, args=("intake_checking",))
    if st.session_state.pop("intake_checking", False):
        st.session_state[KEY_PREVIEW] = preview(data_dir, chosen, text, source, lang)
    shown = st.session_state.get(KEY_PREVIEW)
    if shown:
        _show_preview(data_dir, shown, lang)


def _flag(name: str) -> None:
    """Button callback: the click is acted on in the script, where the edited tables are known."""
    st.session_state[name] = True


def _user() -> str:
    return ui_auth.user_name() or st.session_state.get("data_user_name", "").strip() or "anonymous"


def preview(data_dir: Path, chosen: list[dict], text: str, source: dict, lang: str) -> dict:
    """Validate the accepted records with the existing data; the difference per table, or every problem."""
    if not chosen:
        return {"error": t("intake_nothing", lang)}
    bad = rows.unverbatim(chosen, text)
    if bad:
        return {"error": t("intake_not_verbatim", lang, rows="、".join(str(chosen[i].get("n", i)) for i in bad))}
    given = st.session_state.get("intake_date")
    source = source | ({"doc_date": given.isoformat()} if isinstance(given, date) else {})
    batch = rows.build(data_dir, chosen, text, source, _user())
    seen = {table: store.current_sha(data_dir, table) for table in batch.texts}
    problems = store.validate_candidates(data_dir, batch.texts, batch.files)
    if problems:
        return {"problems": rows.row_problems(batch, problems)}
    diffs = {table: store.diff(store.read_current(data_dir, table), txt, table) for table, txt in batch.texts.items()}
    return {"batch": batch, "seen": seen, "diffs": diffs}


def _show_preview(data_dir: Path, shown: dict, lang: str) -> None:
    if "error" in shown:
        st.error(shown["error"])
        return
    if "problems" in shown:
        st.error(t("data_invalid", lang, n=str(len(shown["problems"]))))
        frame = pd.DataFrame(shown["problems"]).rename(columns={"proposal": t("intake_proposal", lang)})
        st.dataframe(frame.astype("string"), hide_index=True, width="stretch", key="intake_problems")
        return
    for table, d in shown["diffs"].items():
        st.markdown(f"**{table}.csv**")
        ui_admin.diff_view(d, lang, f"intake_diff_{table}")
    st.button(t("intake_save", lang), key="intake_save", type="primary", on_click=_flag, args=("intake_saving",))
    if st.session_state.pop("intake_saving", False):
        _save(data_dir, shown, lang)


def _save(data_dir: Path, shown: dict, lang: str) -> None:
    batch = shown["batch"]
    try:
        entries = store.save_tables(data_dir, batch.texts, _user(), f"report {batch.source_file}", batch.files,
                                    expected=shown["seen"])
    except store.StoreError as err:
        st.session_state.pop(KEY_PREVIEW, None)
        st.error(t("data_conflict", lang) if isinstance(err, store.Conflict) else str(err))
        return
    summary = "，".join(f"{e.table}.csv +{e.added}" for e in entries)
    for key in (KEY_RESULT, KEY_PREVIEW, "intake_paste"):
        st.session_state.pop(key, None)
    st.session_state[KEY_ROUND] = st.session_state.get(KEY_ROUND, 0) + 1
    st.session_state[ui_admin.KEY_FLASH] = (True, t("intake_saved", lang, file=batch.source_file, summary=summary), [])
    st.rerun()
