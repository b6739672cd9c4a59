"""Streamlit side of sign-in: the sidebar form, who is signed in, and the admin's user management."""
from __future__ import annotations

import math
import time
from dataclasses import asdict

import pandas as pd
import streamlit as st

from geo import backend, settings
from geo.auth import accounts
from geo.i18n import t
from geo.ui import sources
from geo.ui import audit as ui_audit
from geo.ui import sessions as ui_sessions

KEY_USER, KEY_SEEN, KEY_NOTICE = "auth_user", "auth_last_seen", "auth_notice"
KEY_CHECKED = "auth_checked"  # when this session last asked the shared store whether it was ended elsewhere
CHECK_SECONDS = 1.0  # one check per run (current_user is called several times in one)
AUDIT_ACTION = {"failed": "sign_in_failed", "lockout": "lockout", "locked": "sign_in_locked"}


def _idle_expired() -> bool:
    """Signed in, and no full run (an interaction) for AUTH_IDLE_MINUTES."""
    seen = st.session_state.get(KEY_SEEN)
    return seen is not None and time.time() - seen > settings.AUTH_IDLE_MINUTES * 60


def current_user() -> accounts.User | None:
    """The signed-in user as the store has them now (a removed user is signed out, a changed role applies); an
    idle session is signed out here, before anything of the run can show what only staff may see."""
    name = st.session_state.get(KEY_USER) or _resumed()
    if name and _idle_expired():
        _end_session(name, "idle")
        st.session_state[KEY_NOTICE] = "idle"
        return None
    if name and not _still_active():
        for key in (KEY_USER, KEY_SEEN):
            st.session_state.pop(key, None)
        st.session_state[KEY_NOTICE] = "ended"
        return None
    user = sources.known_users().get(name) if name else None
    if name and user is None:
        del st.session_state[KEY_USER]
    return user


def _resumed() -> str | None:
    """A browser whose session lives in the shared store (signed in on another replica, or before a reload)."""
    name = ui_sessions.resume() if sources.sign_in_enabled() else None
    if name:
        st.session_state[KEY_USER], st.session_state[KEY_SEEN] = name, time.time()
        st.session_state[KEY_CHECKED] = time.time()
    return name


def _still_active() -> bool:
    if time.time() - st.session_state.get(KEY_CHECKED, 0) < CHECK_SECONDS:
        return True
    st.session_state[KEY_CHECKED] = time.time()
    return ui_sessions.still_active()


def role() -> str | None:
    """The current role: with no users configured, the open-access role (None unless DASHBOARD_OPEN_ACCESS=staff,
    so the default is read-only); None for a visitor who has not signed in."""
    if not sources.sign_in_enabled():
        return settings.open_access()
    user = current_user()
    return user.role if user else None


def sees_internal() -> bool:
    """Internal records are for staff and admins (and for everyone in opt-in open access)."""
    return accounts.can_edit(role())


def user_name() -> str:
    user = current_user() if sources.sign_in_enabled() else None
    return user.name if user else ""


def record(action: str, target: str = "", user: str | None = None, **details) -> None:
    """Audit an action of the current session (as `user` when given: the name typed in open access)."""
    ui_audit.write(user_name() if user is None else user, role() or "", action, target, **details)


def audited(build, kind: str, target: str, flt=None, internal: bool = False):
    """A deferred download's data callable that writes the export's audit line when the file is built. Who and
    where are read now: the callable runs outside the script, where there is no session."""
    who, as_role, where = user_name(), role() or "", ui_audit.client()
    chosen = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(flt).items()} if flt else {}

    def run():
        ui_audit.write(who, as_role, "export", target, where=where, kind=kind, filter=chosen, internal=internal)
        return build()
    return run


def _try_sign_in() -> None:
    """Form callback (runs before the script, so the rerun shows the signed-in page at once)."""
    name = st.session_state.get("sign_in_user", "").strip()
    outcome = accounts.sign_in(sources.user_store(), name, st.session_state.get("sign_in_password", ""))
    st.session_state["sign_in_password"] = ""  # never kept once used
    st.session_state["sign_in_failed"] = None if outcome.user else (outcome.status, outcome.locked_until)
    if outcome.user is None:
        locked = outcome.status != "failed"
        until = {"until": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(outcome.locked_until))} if locked else {}
        ui_audit.write(name[:accounts.MAX_NAME_CHARS], "", AUDIT_ACTION[outcome.status], **until)
        return
    st.session_state[KEY_USER], st.session_state[KEY_SEEN] = outcome.user.name, time.time()
    st.session_state.pop(KEY_NOTICE, None)
    ui_sessions.start(outcome.user.name)
    ui_audit.write(outcome.user.name, outcome.user.role, "sign_in")


def _failure_message(lang: str) -> None:
    failed = st.session_state.get("sign_in_failed")
    if not failed:
        return
    status, until = failed
    if status == "failed":
        st.error(t("sign_in_failed", lang))
    else:
        st.error(t("sign_in_locked", lang, minutes=str(max(1, math.ceil((until - time.time()) / 60)))))


def _sign_in(lang: str) -> None:
    with st.form("sign_in"):
        st.markdown(f"**{t('sign_in', lang)}**")
        st.text_input(t("user_name", lang), key="sign_in_user")
        st.text_input(t("password", lang), type="password", key="sign_in_password")
        st.form_submit_button(t("sign_in", lang), on_click=_try_sign_in)
    _failure_message(lang)


def _end_session(name: str, reason: str) -> None:
    """Sign out and audit it (the role as it was, from the store)."""
    user = sources.user_store().users().get(name)
    for key in (KEY_USER, KEY_SEEN):
        st.session_state.pop(key, None)
    ui_sessions.end(reason)  # on every replica
    ui_audit.write(name, user.role if user else "", "sign_out", reason=reason)


def _sign_out() -> None:
    name = st.session_state.get(KEY_USER)
    if name:
        _end_session(name, "button")


def _idle_interval() -> float:
    """How often an open page asks whether its session went idle: a few times per idle period, at most a minute."""
    return max(2.0, min(60.0, settings.AUTH_IDLE_MINUTES * 60 / 4))


def _watch_idle() -> None:
    """Reruns by itself, without counting as activity; once the session is idle, one full run signs it out, so an
    unattended screen stops showing internal records."""
    if _idle_expired():
        st.rerun(scope="app")


def sidebar_box(lang: str) -> None:
    """Sign-in form or who is signed in; with no users, a read-only notice (or the open-access warning)."""
    with st.sidebar:
        ui_sessions.write_cookie()
        if not sources.sign_in_enabled():
            if settings.open_access():
                st.warning(t("sign_in_off", lang))
            else:
                st.info(t("read_only", lang))
            return
        notice = st.session_state.pop(KEY_NOTICE, None)
        if notice == "idle":
            st.info(t("idle_signed_out", lang, minutes=f"{settings.AUTH_IDLE_MINUTES:g}"))
        elif notice == "ended":
            st.info(t("session_ended_elsewhere", lang))
        user = current_user()
        if user is None:
            _sign_in(lang)
            return
        st.session_state[KEY_SEEN] = time.time()  # this full run is an interaction
        st.caption(t("signed_in_as", lang, name=user.name, role=t(f"role_{user.role}", lang)))
        st.button(t("sign_out", lang), key="sign_out", on_click=_sign_out)
        st.fragment(_watch_idle, run_every=_idle_interval())()


FIRST_ADMIN = ".venv/bin/python -m geo.auth add NAME --role admin"


def first_admin_help(lang: str) -> None:
    """The data page with no users configured: how to create the first admin (no upload is offered)."""
    st.info(t("data_first_admin", lang))
    st.code(FIRST_ADMIN, language=None)  # plain: the highlighter's token colours fail contrast
    st.caption(t("data_first_admin_open", lang))


def manage_users(lang: str) -> None:
    """Admins: add a user (or replace their password and role), change a role, reset a password."""
    role_label = {r: t(f"role_{r}", lang) for r in accounts.ROLES}
    with st.form("users_add"):
        st.markdown(f"**{t('user_add', lang)}**")
        st.text_input(t("user_name", lang), key="users_add_name")
        st.selectbox(t("role", lang), accounts.ROLES, key="users_add_role", format_func=role_label.__getitem__)
        st.text_input(t("password", lang), type="password", key="users_add_password")
        st.form_submit_button(t("save", lang), on_click=_apply, args=("add", lang))
    with st.form("users_edit"):
        st.markdown(f"**{t('user_edit', lang)}**")
        st.selectbox(t("user_name", lang), list(sources.user_store().users()), key="users_edit_name")
        st.selectbox(t("role", lang), accounts.ROLES, key="users_edit_role", format_func=role_label.__getitem__)
        st.text_input(t("password_new", lang), type="password", key="users_edit_password")
        st.form_submit_button(t("save", lang), on_click=_apply, args=("edit", lang))
    with st.form("users_remove"):
        st.markdown(f"**{t('user_remove', lang)}**")
        st.selectbox(t("user_name", lang), list(sources.user_store().users()), key="users_remove_name")
        st.form_submit_button(t("user_remove_button", lang), on_click=_apply, args=("remove", lang))
    outcome = st.session_state.pop("users_outcome", None)
    if outcome:
        (st.success if outcome[0] else st.error)(outcome[1])
    users = sources.user_store().users()
    st.dataframe(pd.DataFrame({t("user_name", lang): list(users),
                               t("role", lang): [t(f"role_{u.role}", lang) for u in users.values()]}),
                 hide_index=True, key="users_table")


def _change_users(form: str) -> tuple[str, str, dict]:
    """Apply one admin form to the users file; (audit action, user changed, details)."""
    state = st.session_state
    if form == "add":
        name = state["users_add_name"].strip()
        sources.user_store().add_user(name, state["users_add_role"], state["users_add_password"])
        return "user_added", name, {"new_role": state["users_add_role"]}
    if form == "remove":
        sources.user_store().remove_user(state["users_remove_name"])
        _end_sessions(state["users_remove_name"], "user_removed")
        return "user_removed", state["users_remove_name"], {}
    name = state["users_edit_name"]
    before = sources.user_store().users().get(name)
    if state["users_edit_password"]:  # the password first: a refused one leaves the role unchanged too
        sources.user_store().reset_password(name, state["users_edit_password"])
    sources.user_store().set_role(name, state["users_edit_role"])
    if state["users_edit_password"] or (before and before.role != state["users_edit_role"]):
        _end_sessions(name, "password_reset" if state["users_edit_password"] else "role_changed")
    return "user_changed", name, {"new_role": state["users_edit_role"],
                                  "password_reset": bool(state["users_edit_password"])}


def _end_sessions(name: str, reason: str) -> None:
    """The user's sessions end on every replica (audited as ended by this admin)."""
    backend.end_sessions(name, reason, user_name(), role() or "", ui_audit.client())


def _apply(form: str, lang: str) -> None:
    """Form callback: change the users file and audit it; passwords are cleared from the session either way."""
    state = st.session_state
    try:
        action, name, details = _change_users(form)
        record(action, name, **details)
        state["users_outcome"] = (True, t("users_saved", lang))
    except (ValueError, KeyError) as exc:
        state["users_outcome"] = (False, f"{t('users_error', lang)} {exc}")
    state["users_add_password"] = state["users_edit_password"] = ""
