"""The shared database of a local deployment: $DASHBOARD_DATABASE_URL, else a throwaway PostgreSQL + PostGIS
started with scripts/pg_local.py in the run directory; migrated to the current schema, and given the data
folder when it holds no data yet (a restart keeps what staff saved)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from geo import settings
from geo.db import engine as db_engine
from geo.db import migrate, tables, transfer

PG_LOCAL = settings.ROOT / "scripts" / "pg_local.py"


def _pg_local(*args: str) -> str:
    done = subprocess.run([sys.executable, str(PG_LOCAL), *args], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"scripts/pg_local.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def is_empty(url: str) -> bool:
    """Whether the database holds no curated data yet (nothing was ever imported)."""
    with db_engine.engine(url).connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(tables.metadata.tables["sources"])).scalar() == 0


def prepare(pg_dir: Path, data_dir: Path) -> dict:
    """Start (if needed), migrate and fill the database; returns what `stop` needs and the URL for the replicas."""
    url, started = settings.database_url(), None
    if not url:
        pg_dir.mkdir(parents=True, exist_ok=True)
        url, started = _pg_local("start", "--dir", str(pg_dir)), str(pg_dir)
    migrate.upgrade(url)
    imported = is_empty(url)
    if imported:
        transfer.import_dir(url, data_dir)
    db_engine.dispose(url)
    return {"url": url, "pg_dir": started, "imported": imported}


def stop(entry: dict) -> None:
    """Stop the PostgreSQL this deployment started (one given by $DASHBOARD_DATABASE_URL is left alone)."""
    if entry.get("pg_dir"):
        _pg_local("stop", "--dir", entry["pg_dir"])
