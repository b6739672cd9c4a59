"""PostgreSQL + PostGIS as the shared source of truth (chosen when DASHBOARD_DATABASE_URL is set)."""
