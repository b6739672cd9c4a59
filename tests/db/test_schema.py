"""Migrations on a real PostgreSQL + PostGIS: the schema they build is the data contract, and a failure undoes all."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from geo.db import migrate
from geo.db.engine import engine
from geo.db.tables import include_object, metadata

pytestmark = pytest.mark.db


def test_upgrade_reaches_head_and_matches_the_contract(empty_db):
    assert migrate.current(empty_db) == migrate.head()
    with engine(empty_db).connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"include_object": include_object}), metadata)
    assert diffs == []  # a change to geo/data/schema.py needs a new migration


def test_geometry_columns_and_gist_indexes(empty_db):
    with engine(empty_db).connect() as conn:
        cols = set(conn.execute(sa.text("SELECT f_table_name, type, srid FROM geometry_columns")).all())
        gist = {r[0] for r in conn.execute(sa.text("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%gist%'"))}
    assert ("boundaries", "MULTIPOLYGON", 4326) in cols
    assert {("checkpoints", "POINT", 4326), ("places", "POINT", 4326), ("jurisdictions", "POINT", 4326)} <= cols
    assert {"boundaries_geom_gist", "checkpoints_geom_gist", "places_geom_gist", "jurisdictions_geom_gist"} <= gist


@pytest.mark.parametrize("column, value, constraint", [
    ("quantity", "-1", "seizures_quantity_0"),            # a quantity cannot be negative
    ("unit", "'斤'", "seizures_unit_1"),                  # allowed values only
    ("adcode", "'43040'", "seizures_adcode_1"),           # six-digit codes
    ("quote", "''", "seizures_quote_0"),                  # provenance is required
])
def test_constraints_mirror_the_validator(data_db, column, value, constraint):
    with pytest.raises(sa.exc.IntegrityError, match=constraint), engine(data_db).begin() as conn:
        conn.execute(sa.text(f"UPDATE seizures SET {column} = {value} WHERE seizure_id = 'hy-sz-001'"))


def test_references_are_checked_at_commit(data_db):
    with pytest.raises(sa.exc.IntegrityError, match="seizures_case_id_fkey"), engine(data_db).begin() as conn:
        conn.execute(sa.text("UPDATE seizures SET case_id = 'no-such-case' WHERE seizure_id = 'hy-sz-001'"))
    with engine(data_db).connect() as conn:  # rolled back: the row is as it was
        assert conn.execute(sa.text("SELECT case_id FROM seizures WHERE seizure_id = 'hy-sz-001'")).scalar() is None


def test_duplicate_id_is_refused(data_db):
    with pytest.raises(sa.exc.IntegrityError, match="checkpoints_pkey"), engine(data_db).begin() as conn:
        conn.execute(sa.text("UPDATE checkpoints SET checkpoint_id = 'hy-cp-01' WHERE checkpoint_id = 'hy-cp-02'"))


BROKEN = '''"""creates a table, then fails"""
from alembic import op

revision = "0999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TABLE half_done (id int)")
    op.execute("SELECT 1 / 0")


def downgrade() -> None:
    pass
'''


def test_failed_migration_rolls_back(pg, tmp_path: Path):
    url = pg.clone("postgres")  # a database with no schema at all
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0999_broken.py").write_text(BROKEN.format(head=migrate.head()), encoding="utf-8")
    with pytest.raises(sa.exc.DataError, match="division by zero"):
        migrate.upgrade(url, scripts=scripts)
    assert migrate.current(url) is None  # not even 0001 stayed: one transaction for every step
    with engine(url).connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
    assert not tables & {"half_done", "seizures", "alembic_version"}
    pg.drop(url)


def test_downgrade_then_upgrade(pg):
    url = pg.clone("tmpl_schema")
    migrate.downgrade(url, "base")
    assert migrate.current(url) is None
    migrate.upgrade(url)
    assert migrate.current(url) == migrate.head()
    pg.drop(url)
