"""PostgreSQL + PostGIS as the shared source of truth (chosen when DASHBOARD_DATABASE_URL is set).

May import: geo.data, geo.auth and the basics (settings, i18n, fmt); never Streamlit (geo.ui chooses the source).
"""
