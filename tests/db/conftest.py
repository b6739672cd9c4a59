"""One throwaway PostgreSQL 15 + PostGIS 3 for the whole session (scripts/pg_local.py), stopped afterwards.

Every test module gets fresh databases cloned from templates (CREATE DATABASE … TEMPLATE), so each starts from a
known state: `empty_db` has the current schema, `data_db` also holds the curated data/ imported. If PostgreSQL
cannot be started the tests fail: a missing database is never a skip (as in geopandas' CI).
"""
from __future__ import annotations

import itertools
import os
import shutil
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest

from geo.db import engine as db_engine
from geo.db import migrate, transfer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import pg_local  # noqa: E402

SCHEMA, CURATED = "tmpl_schema", "tmpl_curated"
_names = itertools.count()


class Cluster:
    """The running server: its folder, admin connection and the URLs of databases on it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.admin_url = pg_local.url(folder, "postgres")

    def url(self, name: str) -> str:
        return pg_local.url(self.folder, name)

    def clone(self, template: str) -> str:
        """A new database copied from a template (fast: a file copy), returned as a URL."""
        name = f"t{os.getpid()}_{next(_names)}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def drop(self, url: str) -> None:
        db_engine.dispose(url)
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        pg_local.stop(self.folder)

    def start(self) -> None:
        pg_local.start(self.folder)


def _template(cluster: Cluster, name: str, data: bool) -> None:
    url = pg_local.start(cluster.folder, db=name)
    migrate.upgrade(url)
    if data:
        transfer.import_dir(url, ROOT / "data")
    db_engine.dispose(url)  # a template must have no open connections to be copied


@pytest.fixture(scope="session")
def pg() -> Cluster:
    folder = Path(tempfile.mkdtemp(prefix="dashboard-pg-", dir="/tmp"))
    folder.chmod(0o755)  # the server runs as the postgres user when the tests run as root
    try:
        pg_local.start(folder, db="postgres")
    except (SystemExit, OSError) as exc:  # an error of every db test, never a skip
        raise RuntimeError(f"cannot start PostgreSQL 15 + PostGIS (scripts/setup.sh installs them): {exc}") from None
    cluster = Cluster(folder)
    try:
        _template(cluster, SCHEMA, data=False)
        _template(cluster, CURATED, data=True)
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def empty_db(pg: Cluster) -> str:
    """A database at the current schema with no data (one per test module)."""
    url = pg.clone(SCHEMA)
    yield url
    pg.drop(url)


@pytest.fixture(scope="module")
def data_db(pg: Cluster) -> str:
    """A database holding the curated data/ (one per test module)."""
    url = pg.clone(CURATED)
    yield url
    pg.drop(url)


@pytest.fixture
def fresh_db(pg: Cluster) -> str:
    """A database holding the curated data/, for one test that changes it."""
    url = pg.clone(CURATED)
    yield url
    pg.drop(url)
