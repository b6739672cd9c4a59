"""Streamlit side of the audit trail: the client address, writing an event, and the admins' view of the log."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

import pandas as pd
import streamlit as st

from geo import backend
from geo.auth import audit
from geo.i18n import t
from geo.ui import sources

LOG = logging.getLogger(__name__)
FORWARDED = ("X-Forwarded-For", "X-Real-Ip")  # set by a reverse proxy such as nginx in front of the app


def client() -> str:
    """The client address as Streamlit reports it, with what a reverse proxy forwarded (if any)."""
    try:
        address = st.context.ip_address
        headers = st.context.headers
    except Exception:  # noqa: BLE001 - outside a session (deferred download) there is no context; captured before
        return ""
    if not isinstance(address, str):  # Streamlit reports no address for a connection from this machine
        address = "localhost" if isinstance(headers.get("Host"), str) else ""  # (AppTest has no connection at all)
    forwarded = next((headers.get(h) for h in FORWARDED if isinstance(headers.get(h), str) and headers.get(h)), "")
    return f"{address} (forwarded: {forwarded})" if forwarded else address


def write(user: str, role: str, action: str, target: str = "", where: str | None = None, **details) -> None:
    """Append one event; a log that cannot be written is reported in the server log, never breaks the page."""
    try:
        sources.audit_log().append(audit.event(user, role, action, target, client() if where is None else where,
                                               **details))
    except backend.STORE_ERRORS as err:  # a full disk, or the database away
        LOG.error("audit log not written (%s): %s %s %s", err, user, action, target)


def _frame(events: list[audit.Event], lang: str) -> pd.DataFrame:
    rows = [{"time": e.time, "user": e.user, "role": e.role, "action": t(f"audit_{e.action}", lang),
             "target": e.target, "client": e.client,
             "details": json.dumps(e.details, ensure_ascii=False, sort_keys=True) if e.details else ""}
            for e in reversed(events)]
    return pd.DataFrame(rows, columns=list(audit.COLUMNS)).astype("string")


def view(lang: str) -> None:
    """Admins: the audit log with filters (actions, user, UTC dates) and a CSV download of what is shown."""
    events = sources.audit_log().events()
    left, middle, right = st.columns([2, 1, 1])
    actions = left.multiselect(t("audit_actions", lang), audit.ACTIONS, key="audit_actions",
                               format_func=lambda a: t(f"audit_{a}", lang))
    users = sorted({e.user for e in events if e.user})
    user = middle.selectbox(t("audit_user", lang), [""] + users, key="audit_user",
                            format_func=lambda u: u or t("all", lang))
    today = datetime.now(timezone.utc).date()
    span = right.date_input(t("audit_dates", lang), (today - timedelta(days=30), today), key="audit_dates")
    since, until = (span[0].isoformat(), span[-1].isoformat()) if span else ("", "")
    shown = audit.select(events, tuple(actions), user, since, until)
    if not shown:
        st.caption(t("audit_empty", lang))
        return
    st.caption(t("audit_count", lang, n=str(len(shown))))
    st.dataframe(_frame(shown, lang), hide_index=True, width="stretch", key="audit_table")
    st.download_button(t("audit_download", lang), key="audit_download", on_click="ignore",
                       data=audit.to_csv(shown), file_name="audit.csv", mime="text/csv")
