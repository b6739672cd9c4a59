"""新增报告 / Add a report: upload or paste a report, confirm its date and default place, review the proposals
(accept, edit, reject) beside the highlighted text, validate them with the existing data, see the difference, save."""
from __future__ import annotations

import html
from datetime import date
from typing import Literal

import pandas as pd
import streamlit as st

from geo import backend, fmt
from geo.data import store
from geo.data import words as data_words
from geo.data.tablestore import TableStore, Unavailable
from geo.i18n import place_names, t
from geo.intake import duplicates, leftovers, rows
from geo.intake import review as words
from geo.intake.learned import Entry
from geo.intake.propose import gazetteer, propose_text
from geo.intake.source import TYPES, IntakeError, read_bytes
from geo.ui import admin as ui_admin
from geo.ui import audit as ui_audit
from geo.ui import auth as ui_auth
from geo.ui.editor import edit, place_labels
from geo.ui.uploader import uploader

KEY_RESULT, KEY_PREVIEW, KEY_ROUND = "intake_result", "intake_preview", "intake_round"
KEY_REVIEW = "intake_review"  # counts proposals made, so each gets fresh review tables
KEY_TAUGHT = "intake_taught"  # ident → value of the learned entries this review has stored
MARK = "background:#ffe066;color:#000;padding:0 2px;border-radius:2px"


def _input(lang: str) -> tuple[str, str] | None:
    """(text, name) of the uploaded file or the pasted text; an IntakeError for a file that cannot be read."""
    up = st.session_state.get(f"intake_upload_{st.session_state.get(KEY_ROUND, 0)}")
    if up is not None:
        return read_bytes(up.getvalue(), up.name), up.name
    pasted = st.session_state.get("intake_paste", "")
    return (pasted, "pasted.txt") if pasted.strip() else None


def _propose(ts: TableStore, lang: str) -> None:
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
                              st.session_state.get("intake_place") or None, backend.jurisdictions_dir(ts),
                              learned_entries())
    except IntakeError as err:
        st.session_state[KEY_RESULT] = {"error": err.localized(lang, fmt.md_escape)}  # st.error reads Markdown
        if err.reason:  # a file refused as hostile or malformed: who tried it goes in the audit log
            ui_auth.record("intake_refused", err.file, reason=err.reason, **err.params)
        return
    st.session_state[KEY_RESULT] = {"result": result, "text": text, "name": name}
    st.session_state[KEY_REVIEW] = st.session_state.get(KEY_REVIEW, 0) + 1  # fresh review tables, nothing taught
    st.session_state[KEY_TAUGHT] = {}


def learned_entries() -> list[Entry]:
    """The learned vocabulary of the configured store; none (and a warning) when it cannot be read."""
    try:
        return backend.learned_store().entries()
    except backend.STORE_ERRORS as err:
        st.session_state["intake_learned_error"] = str(err).splitlines()[0]
        return []


def highlighted(text: str, records: list[dict]) -> str:
    """The report as HTML, every character escaped, each proposal's quote marked and numbered."""
    spans = sorted({(r["quote_start"], r["quote_end"], i) for i, r in enumerate(records)})
    out, pos = [], 0
    for start, end, i in spans:
        if start < pos:
            continue  # quotes that overlap an earlier one stay inside its mark
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark style='{MARK}' title='{i + 1}'><sup>{i + 1}</sup>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    body = "".join(out).replace("\n", "<br>")
    return f"<div class='intake-text' style='line-height:1.8;font-size:1.05rem'>{body}</div>"


def _config(frame: pd.DataFrame, lang: str, places: dict[str, str]) -> dict:
    """Headers in the reader's language; fixed lists as drop-downs of words; a wide quote column."""
    options = words.choices(lang, places)
    config = {}
    for col in frame.columns:
        header = t(words.HEADERS[col], lang)
        if col in options:
            config[col] = st.column_config.SelectboxColumn(header, options=list(options[col].values()))
        elif col in ("value", "change_value"):
            config[col] = st.column_config.NumberColumn(header)
        elif col == "accept":
            config[col] = st.column_config.CheckboxColumn(header)
        else:
            wide: Literal["large", "medium"] | None = ("large" if col in ("quote", "label_zh", "learned") else
                                                        "medium" if col == "duplicate" else None)
            config[col] = st.column_config.TextColumn(header, width=wide)
    return config


def _edited(records: list[dict], edited: dict[str, pd.DataFrame], lang: str, places: dict[str, str]
            ) -> tuple[list[dict], list[bool]]:
    """Every proposal with the staff's edits applied (as keys), and whether its row is ticked."""
    out, ticked = list(records), [False] * len(records)
    for frame in edited.values():
        for row in frame.to_dict("records"):
            i = int(row["n"]) - 1
            out[i] = words.keys_of(row, records[i], lang, places)
            ticked[i] = bool(row["accept"])
    return out, ticked


def add_report(ts: TableStore, ds, lang: str) -> None:
    """The whole intake form."""
    names = place_names(ds["jurisdictions"], lang)
    uploader(t("intake_upload", lang), [x.lstrip(".") for x in TYPES],
             f"intake_upload_{st.session_state.get(KEY_ROUND, 0)}", lang)
    st.text_area(t("intake_paste", lang), key="intake_paste", height=120)
    cols = st.columns(2)
    cols[0].date_input(t("intake_date", lang), value=None, key="intake_date")
    cols[1].selectbox(t("intake_place", lang), list(names), index=None, key="intake_place",
                      format_func=lambda c: f"{names.get(c, c)} {c}", placeholder=t("all", lang))
    st.button(t("intake_propose", lang), key="intake_propose", on_click=_propose, args=(ts, lang))
    state = st.session_state.get(KEY_RESULT)
    if not state:
        return
    if "error" in state:
        st.error(state["error"])
        return
    review(ts, state, lang, ds)


def _notes(result: dict, places: dict[str, str], lang: str) -> None:
    """The document's date and default place as found, in the reader's language."""
    source = result["source"]
    if not source["doc_date"]:
        st.warning(t("intake_no_date", lang))
    elif source["doc_date_basis"].startswith("from the text"):
        st.warning(t("intake_date_from_text", lang, date=source["doc_date"]))
    if "default_place" in source:
        place = places.get(source["default_place"], "") or t("intake_no_place", lang)
        st.caption(t("intake_default_place", lang, place=place))
    error = st.session_state.pop("intake_learned_error", None)
    if error:  # proposed without the learned vocabulary: say why
        st.warning(t("learned_unavailable", lang, error=fmt.md_escape(error)))


def review(ts: TableStore, state: dict, lang: str, ds) -> None:
    """Proposals by table beside the highlighted text; duplicates, learned entries and numbers left over marked;
    validation, difference and saving."""
    result, text = state["result"], state["text"]
    records = result["records"]
    source = result["source"]
    places = place_labels(ds, lang)
    _notes(result, places, lang)
    st.info(t("intake_found", lang, n=str(len(records))))
    with st.expander(t("intake_text", lang), expanded=True):
        with st.container(height=420):
            st.html(highlighted(text, records))
    dups = duplicates.find(records, {name: ds[name] for name in duplicates.ID_COLUMNS if name in ds.tables})
    if any(dups):
        st.warning(t("intake_dup_note", lang, n=str(sum(1 for d in dups if d))))
    edited, n = {}, st.session_state.get(KEY_REVIEW, 0)
    for table, frame in words.frames(records, dups, lang, places).items():
        st.markdown(f"**{t('tbl_' + table, lang)}**（{table}.csv）")
        edited[table] = edit(frame, f"intake_edit_{table}_{n}", list(words.LOCKED), _config(frame, lang, places))
    new, ticked = _edited(records, edited, lang, places)
    _teach(ts, records, new, places, lang)
    _leftovers(state, text, records, lang)
    chosen = [r for r, keep in zip(new, ticked) if keep]
    st.button(t("intake_check", lang), key="intake_check", on_click=_flag, args=("intake_checking",))
    if st.session_state.pop("intake_checking", False):
        st.session_state[KEY_PREVIEW] = preview(ts, chosen, text, source, lang)
    shown = st.session_state.get(KEY_PREVIEW)
    if shown:
        _show_preview(ts, shown, lang, places)


def _teach(ts: TableStore, records: list[dict], new: list[dict], places: dict[str, str], lang: str) -> None:
    """Keep what the corrections of this review teach in the learned vocabulary (a correction undone in the same
    review is taken back)."""
    lessons = {e.ident: e for e in words.taught(records, new, _user(), tuple(places.values()))}
    mine = st.session_state.setdefault(KEY_TAUGHT, {})
    add = [e for ident, e in lessons.items() if mine.get(ident) != e.value]
    gone = [ident for ident in mine if ident not in lessons]
    if add or gone:
        try:
            store_ = backend.learned_store()
            store_.add(add)
            for ident in gone:
                store_.remove(ident)
        except backend.STORE_ERRORS as err:
            st.warning(t("learned_unavailable", lang, error=fmt.md_escape(str(err).splitlines()[0])))
            return
        st.session_state[KEY_TAUGHT] = {ident: e.value for ident, e in lessons.items()}
    if lessons:
        st.caption(t("intake_learned_saved", lang, n=str(len(lessons))))
    gaz = gazetteer(backend.jurisdictions_dir(ts))
    for entry in lessons.values():
        builtin = words.conflict(entry, gaz)
        if builtin:  # never silently: the correction wins over a built-in rule, and says so
            st.warning(t("intake_learned_overrides", lang, phrase=fmt.md_escape(entry.phrase),
                         builtin=words.value_words(entry.field, builtin, lang, places),
                         value=words.value_words(entry.field, entry.value, lang, places)))


def _leftovers(state: dict, text: str, records: list[dict], lang: str) -> None:
    """Every number that became no proposal, with its sentence and a button that adds it as a figure."""
    left = leftovers.leftovers(text, records)
    if not left:
        return
    with st.expander(t("intake_leftovers", lang, n=str(len(left))), expanded=True):
        st.caption(t("intake_leftovers_help", lang))
        for item in left:
            cols = st.columns([1, 7, 2])
            cols[0].markdown(f"**{fmt.md_escape(item['number'])}**")
            cols[1].text(item["sentence"])
            cols[2].button(t("intake_leftover_add", lang), key=f"intake_left_{item['quote_start']}_{item['number']}",
                           on_click=_add_leftover, args=(state, item))


def _add_leftover(state: dict, item: dict) -> None:
    """Button callback: the number becomes a figure proposal of the document's default place."""
    source = state["result"]["source"]
    adcode = source.get("default_place") or source.get("city_adcode") or ""
    state["result"]["records"].append(leftovers.as_record(item, adcode))


def _flag(name: str) -> None:
    """Button callback: the click is acted on in the script, where the edited tables are known."""
    st.session_state[name] = True


def _user() -> str:
    return ui_auth.user_name() or st.session_state.get("data_user_name", "").strip() or "anonymous"


def preview(ts: TableStore, chosen: list[dict], text: str, source: dict, lang: str) -> dict:
    """Validate the accepted records with the existing data; the difference per table, or every problem."""
    if not chosen:
        return {"error": t("intake_nothing", lang)}
    bad = rows.unverbatim(chosen, text)
    if bad:
        return {"error": t("intake_not_verbatim", lang, rows="、".join(str(chosen[i].get("n", i)) for i in bad))}
    given = st.session_state.get("intake_date")
    source = source | ({"doc_date": given.isoformat()} if isinstance(given, date) else {})
    batch = rows.build(ts, chosen, text, source, _user())
    seen = {table: ts.current_sha(table) for table in batch.texts}
    problems = ts.validate_candidates(batch.texts, batch.files)
    if problems:
        return {"problems": rows.row_problems(batch, problems)}
    diffs = {table: store.diff(ts.read_current(table), txt, table) for table, txt in batch.texts.items()}
    return {"batch": batch, "seen": seen, "diffs": diffs}


def _show_preview(ts: TableStore, shown: dict, lang: str, places: dict[str, str]) -> None:
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
        _diff_in_words(d, table, lang, places)
    st.button(t("intake_save", lang), key="intake_save", type="primary", on_click=_flag, args=("intake_saving",))
    if st.session_state.pop("intake_saving", False):
        _save(ts, shown, lang)


def _diff_in_words(d, table: str, lang: str, places: dict[str, str]) -> None:
    """How many rows the report adds, changes and removes, and the rows it adds, in words."""
    cols = st.columns(3)
    for col, what in zip(cols, ("added", "changed", "removed")):
        col.metric(t(f"data_{what}", lang), d.counts[what])
    if len(d.added):
        st.dataframe(data_words.preview(d.added, table, lang, places), hide_index=True, width="stretch",
                     key=f"intake_diff_{table}_added")


def _save(ts: TableStore, shown: dict, lang: str) -> None:
    """One save of every table and the report's text, through the configured store (history and audit with it)."""
    batch = shown["batch"]
    try:
        entries = ts.save_tables(batch.texts, _user(), f"report {batch.source_file}", batch.files,
                                 expected=shown["seen"], role=ui_auth.role() or "", client=ui_audit.client())
    except Unavailable:
        st.error(t("db_save_refused", lang))
        return
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
