"""Data maintenance: staff replace a table (validated, diffed, confirmed), see the history, restore; admins manage
users."""
import streamlit as st

from geo import auth, settings
from geo.i18n import t
from geo.ui import admin as ui_admin
from geo.ui import auth as ui_auth
from geo.ui import editor as ui_editor
from geo.ui import intake as ui_intake
from geo.ui import state

ds = state.dataset()  # routes a first request through dashboard.py (sidebar, sign-in), as on every page
lang = state.language()
st.title(t("page_data", lang))
role = ui_auth.role()
if not auth.can_edit(role):
    st.info(t("data_need_staff", lang))
    st.stop()

data_dir = settings.data_dir()
ui_admin.flash(lang)
ui_admin.who(lang)
names = ["data_tab_upload", "data_tab_history", "data_tab_intake", "data_tab_edit"]
names += ["data_tab_users"] if auth.can_manage_users(role) else []
tabs = st.tabs([t(n, lang) for n in names])
with tabs[0]:
    ui_admin.upload(data_dir, lang)
with tabs[1]:
    ui_admin.history(data_dir, lang)
with tabs[2]:
    ui_intake.add_report(data_dir, ds, lang)
with tabs[3]:
    ui_editor.correct(data_dir, ds, lang)
if len(tabs) > 4:  # admins only, and only with sign-in on (open mode has no users)
    with tabs[4]:
        ui_auth.manage_users(lang)
