"""Streamlit side of sign-in: the sidebar form, who is signed in, and the admin's user management."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import auth
from geo.i18n import t

KEY_USER = "auth_user"
OPEN_ROLE = "staff"  # with no users file the app is open: anyone with access may view and edit


def current_user() -> auth.User | None:
    """The signed-in user as the users file has them now (a removed user is signed out, a changed role applies)."""
    name = st.session_state.get(KEY_USER)
    user = auth.load().get(name) if name else None
    if name and user is None:
        del st.session_state[KEY_USER]
    return user


def role() -> str | None:
    """The current role: OPEN_ROLE when sign-in is off, None for a visitor who has not signed in."""
    if not auth.enabled():
        return OPEN_ROLE
    user = current_user()
    return user.role if user else None


def sees_internal() -> bool:
    """Internal records are for staff and admins (and for everyone while sign-in is off)."""
    return auth.can_edit(role())


def user_name() -> str:
    user = current_user() if auth.enabled() else None
    return user.name if user else ""


def _try_sign_in() -> None:
    """Form callback (runs before the script, so the rerun shows the signed-in page at once)."""
    user = auth.verify(auth.load(), st.session_state.get("sign_in_user", "").strip(),
                       st.session_state.get("sign_in_password", ""))
    st.session_state["sign_in_password"] = ""  # never kept once used
    st.session_state["sign_in_failed"] = user is None
    if user is not None:
        st.session_state[KEY_USER] = user.name


def _sign_in(lang: str) -> None:
    with st.form("sign_in"):
        st.markdown(f"**{t('sign_in', lang)}**")
        st.text_input(t("user_name", lang), key="sign_in_user")
        st.text_input(t("password", lang), type="password", key="sign_in_password")
        st.form_submit_button(t("sign_in", lang), on_click=_try_sign_in)
    if st.session_state.get("sign_in_failed"):
        st.error(t("sign_in_failed", lang))


def _sign_out() -> None:
    st.session_state.pop(KEY_USER, None)


def sidebar_box(lang: str) -> None:
    """Sign-in form or who is signed in; with sign-in off, a notice that anyone can view and edit."""
    with st.sidebar:
        if not auth.enabled():
            st.warning(t("sign_in_off", lang))
            return
        user = current_user()
        if user is None:
            _sign_in(lang)
            return
        st.caption(t("signed_in_as", lang, name=user.name, role=t(f"role_{user.role}", lang)))
        st.button(t("sign_out", lang), key="sign_out", on_click=_sign_out)


def manage_users(lang: str) -> None:
    """Admins: add a user (or replace their password and role), change a role, reset a password."""
    role_label = {r: t(f"role_{r}", lang) for r in auth.ROLES}
    with st.form("users_add"):
        st.markdown(f"**{t('user_add', lang)}**")
        st.text_input(t("user_name", lang), key="users_add_name")
        st.selectbox(t("role", lang), auth.ROLES, key="users_add_role", format_func=role_label.get)
        st.text_input(t("password", lang), type="password", key="users_add_password")
        st.form_submit_button(t("save", lang), on_click=_apply, args=("add", lang))
    with st.form("users_edit"):
        st.markdown(f"**{t('user_edit', lang)}**")
        st.selectbox(t("user_name", lang), list(auth.load()), key="users_edit_name")
        st.selectbox(t("role", lang), auth.ROLES, key="users_edit_role", format_func=role_label.get)
        st.text_input(t("password_new", lang), type="password", key="users_edit_password")
        st.form_submit_button(t("save", lang), on_click=_apply, args=("edit", lang))
    outcome = st.session_state.pop("users_outcome", None)
    if outcome:
        (st.success if outcome[0] else st.error)(outcome[1])
    users = auth.load()
    st.dataframe(pd.DataFrame({t("user_name", lang): list(users),
                               t("role", lang): [t(f"role_{u.role}", lang) for u in users.values()]}),
                 hide_index=True, key="users_table")


def _apply(form: str, lang: str) -> None:
    """Form callback: change the users file; passwords are cleared from the session either way."""
    state = st.session_state
    try:
        if form == "add":
            auth.add_user(state["users_add_name"].strip(), state["users_add_role"], state["users_add_password"])
        else:
            name = state["users_edit_name"]
            if state["users_edit_password"]:  # the password first: a refused one leaves the role unchanged too
                auth.reset_password(name, state["users_edit_password"])
            auth.set_role(name, state["users_edit_role"])
        state["users_outcome"] = (True, t("users_saved", lang))
    except (ValueError, KeyError) as exc:
        state["users_outcome"] = (False, f"{t('users_error', lang)} {exc}")
    state["users_add_password"] = state["users_edit_password"] = ""
