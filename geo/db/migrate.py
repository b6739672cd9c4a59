"""Schema migrations (Alembic, versions in geo/db/migrations/versions): upgrade runs in one transaction."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from geo.db.engine import engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def config(connection: sa.Connection | None = None, scripts: Path = MIGRATIONS) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(scripts))
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    """The newest revision in the repository."""
    newest = ScriptDirectory.from_config(config()).get_current_head()
    if newest is None:
        raise RuntimeError(f"no migration in {MIGRATIONS}")
    return newest


def current(url: str) -> str | None:
    """The revision a database is at (None before the first upgrade)."""
    with engine(url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(url: str, revision: str = "head", scripts: Path = MIGRATIONS) -> None:
    """Bring the database to `revision`; PostgreSQL's DDL is transactional, so a failing step undoes them all."""
    with engine(url).begin() as conn:
        conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS postgis"))
        command.upgrade(config(conn, scripts), revision)


def downgrade(url: str, revision: str) -> None:
    with engine(url).begin() as conn:
        command.downgrade(config(conn), revision)
