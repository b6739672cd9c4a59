"""Streamlit side of shared sessions: the browser's session cookie, resuming a session on any replica after a
reload, noticing a session ended elsewhere, and ending one. The store (geo.backend.session_store) is shared by
every replica: the database's sessions table, or a file beside the users file."""
from __future__ import annotations

import html
import logging
import time

import streamlit as st
import streamlit.components.v1 as components

from geo import backend, settings
from geo.auth import sessions
from geo.ui import audit as ui_audit
from geo.ui import sources

LOG = logging.getLogger(__name__)
KEY_TOKEN, KEY_COOKIE, KEY_TOUCHED = "auth_token", "auth_cookie_pending", "auth_touched"
KEY_REFUSED = "auth_cookie_refused"  # a cookie whose session is over: not looked up again in this session
STORE_ERRORS = backend.STORE_ERRORS  # a store away: keep what this session knows


def _cookie() -> str:
    try:
        value = st.context.cookies.get(settings.SESSION_COOKIE)
    except Exception:  # noqa: BLE001 - no browser connection (a callback outside a session)
        return ""
    return value if isinstance(value, str) else ""  # AppTest has no real connection either


def start(name: str) -> None:
    """A new shared session for a user who just signed in; the cookie is written at the next run."""
    now = time.time()
    try:
        token = sources.session_store().start(name, now)
    except STORE_ERRORS as err:  # signed in on this replica only
        LOG.error("session not stored (%s): %s", err, name)
        return
    st.session_state[KEY_TOKEN] = st.session_state[KEY_COOKIE] = token
    st.session_state[KEY_TOUCHED] = now


def resume() -> str | None:
    """The user of the browser's session cookie when that session is still active (the browser signed in on
    another replica, or before a reload); an idle one is ended and its sign-out audited."""
    token, now = _cookie(), time.time()
    if not token or token == st.session_state.get(KEY_REFUSED):
        return None
    store = sources.session_store()
    try:
        found = store.find(token)
        if found is None or found.ended:
            _refuse(token)
            return None
        if not sessions.is_active(found, now):
            store.end(token, "idle", now)
            ui_audit.write(found.user, "", "sign_out", reason="idle")
            _refuse(token)
            return None
        store.touch(token, now)
    except STORE_ERRORS as err:
        LOG.error("session not read (%s)", err)
        return None
    st.session_state[KEY_TOKEN], st.session_state[KEY_TOUCHED] = token, now
    return found.user


def _refuse(token: str) -> None:
    """Remember a cookie whose session is over, and clear it from the browser at the next run."""
    st.session_state[KEY_REFUSED] = token
    st.session_state[KEY_COOKIE] = ""


def still_active() -> bool:
    """False once this session was ended elsewhere (sign-out on another tab or replica, an admin's change); its use
    is recorded every SESSION_TOUCH_SECONDS, so another replica knows it is not idle."""
    token, now = st.session_state.get(KEY_TOKEN), time.time()
    if not token:
        return True  # the store was away at sign-in: this replica's session only
    store = sources.session_store()
    try:
        found = store.find(token)
        if found is None or found.ended:
            st.session_state.pop(KEY_TOKEN, None)
            _refuse(token)
            return False
        if now - st.session_state.get(KEY_TOUCHED, 0) > settings.SESSION_TOUCH_SECONDS:
            store.touch(token, now)
            st.session_state[KEY_TOUCHED] = now
    except STORE_ERRORS as err:
        LOG.error("session not checked (%s)", err)
    return True


def end(reason: str) -> None:
    """End this browser's shared session (every replica sees it) and clear its cookie at the next run."""
    token = st.session_state.pop(KEY_TOKEN, None)
    st.session_state.pop(KEY_TOUCHED, None)
    st.session_state[KEY_COOKIE] = ""
    if token:
        try:
            sources.session_store().end(token, reason, time.time())
        except STORE_ERRORS as err:
            LOG.error("session not ended in the store (%s)", err)


def write_cookie() -> None:
    """Set or clear the cookie once after a sign-in or sign-out (static/session.js in a same-origin frame)."""
    if KEY_COOKIE not in st.session_state:
        return
    value = html.escape(st.session_state.pop(KEY_COOKIE), quote=True)
    components.html(f'<script src="{settings.SESSION_JS}" data-name="{settings.SESSION_COOKIE}" '
                    f'data-value="{value}"></script>', height=0)
