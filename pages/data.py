"""Data maintenance: staff replace a table (validated, diffed, confirmed), see the history, restore; admins manage
users and read the audit log. With no users configured it only says how to create the first admin."""
import streamlit as st

from geo.auth import accounts
from geo.i18n import t
from geo.ui import admin as ui_admin
from geo.ui import audit as ui_audit
from geo.ui import auth as ui_auth
from geo.ui import editor as ui_editor
from geo.ui import fallback as ui_fallback
from geo.ui import intake as ui_intake
from geo.ui import cache, run, sources
from geo.ui import learned as ui_learned

ds, _, lang = run.current()  # routes a first request through dashboard.py (sidebar, sign-in), as on every page
st.title(t("page_data", lang))
role = ui_auth.role()
if role is None and not sources.sign_in_enabled():  # the safe default: read-only until the first admin exists
    ui_auth.first_admin_help(lang)
    st.stop()
if not accounts.can_edit(role):
    st.info(t("data_need_staff", lang))
    st.stop()

tables = cache.table_store()  # the data folder, or the database when DASHBOARD_DATABASE_URL is set
ui_admin.flash(lang)
ui_admin.who(lang)
admin = accounts.can_manage_users(role)
names = ["data_tab_upload", "data_tab_history", "data_tab_intake", "data_tab_edit"]
names += ["data_tab_users", "data_tab_audit", "data_tab_learned"] if admin else []
tabs = st.tabs([t(n, lang) for n in names], default=ui_fallback.default_tab(names, lang))  # ?tab=intake
with tabs[0]:
    ui_admin.guarded(ui_admin.upload, tables, lang)
with tabs[1]:
    ui_admin.guarded(ui_admin.history, tables, lang)
for tab, show in ((tabs[2], ui_intake.add_report), (tabs[3], ui_editor.correct)):
    with tab:  # the same store as the upload: the folder, or the database, picked by geo.backend
        ui_admin.guarded(lambda ts, lang, show=show: show(ts, ds, lang), tables, lang)
if admin:  # admins only, and only with sign-in on (open mode has no users)
    with tabs[4]:
        ui_auth.manage_users(lang)
    with tabs[5]:
        ui_audit.view(lang)
    with tabs[6]:  # learned intake vocabulary: in the database when one is set, else in the data folder
        ui_admin.guarded(lambda ts, lang: ui_learned.view(ts, ds, lang), tables, lang)
