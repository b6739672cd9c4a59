"""PostgresSource: the dashboard's tables from PostgreSQL + PostGIS, behind the same DataSource interface."""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import datetime

import geopandas as gpd
import pandas as pd
import sqlalchemy as sa

from geo.data.load import DataError, Dataset, typed_frame
from geo.data.reading import UTF8
from geo.data.schema import BOUNDARY_FILES, TABLES
from geo.data.validate import Problem, check_references, check_table
from geo.db import rows as dbrows
from geo.db.engine import engine, safe_url, unavailable
from geo.db.transfer import snapshot

DB_ERRORS = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError)


def boundaries(conn: sa.Connection) -> dict[str, gpd.GeoDataFrame]:
    """Each boundary layer read with geopandas.read_postgis, with the properties as columns (as from GeoJSON)."""
    out = {}
    for name in BOUNDARY_FILES:
        frame = gpd.read_postgis(sa.text("SELECT geom AS geometry, props FROM boundaries WHERE layer = :layer "
                                         "ORDER BY ord"), conn, geom_col="geometry", params={"layer": name})
        props = pd.DataFrame(list(frame["props"]), index=frame.index)
        out[name] = gpd.GeoDataFrame(pd.concat([frame[["geometry"]], props], axis=1), geometry="geometry",
                                     crs="EPSG:4326")
    return out


class PostgresSource:
    """The data in a PostgreSQL database (python -m geo.db import DIR puts it there)."""

    def __init__(self, url: str):
        self.url = url
        self._tag = hashlib.sha256(safe_url(url).encode()).hexdigest()[:12]

    def __repr__(self) -> str:
        return f"PostgresSource({safe_url(self.url)})"

    def fingerprint(self) -> str:
        """The data version: one primary-key lookup, so every rerun can afford it; a save elsewhere changes it."""
        try:
            with engine(self.url).connect() as conn:
                return f"pg:{self._tag}:{dbrows.version(conn)}"
        except DB_ERRORS as exc:
            raise unavailable(self.url, exc) from exc

    def load(self) -> Dataset:
        """Every table, text and boundary from one consistent snapshot, typed exactly as from files."""
        try:
            with snapshot(self.url) as conn:
                version = dbrows.version(conn)
                rows = {name: dbrows.read_rows(conn, name) for name in TABLES}
                texts, bounds = dbrows.texts(conn), boundaries(conn)
        except DB_ERRORS as exc:
            raise unavailable(self.url, exc) from exc
        if not rows["jurisdictions"]:
            raise DataError([Problem("(database)", None, None, safe_url(self.url),
                                     "imported data: run python -m geo.db import DIR")])
        tables = {name: typed_frame(rows[name], table) for name, table in TABLES.items()}
        encodings = {table.file: UTF8 for table in TABLES.values()}
        return Dataset(tables, bounds, texts, f"pg:{self._tag}:{version}", encodings)


def candidate_problems(conn: sa.Connection, table: str, rows, read_problems: list[Problem]) -> list[Problem]:
    """The validator's checks of one replaced table against the other tables and texts in the database (which
    passed them before, so every problem found comes from the candidate, including rows it removed)."""
    return tables_problems(conn, {table: (rows, read_problems)}, {})


def tables_problems(conn: sa.Connection, parsed: dict[str, tuple], added: dict[str, str]) -> list[Problem]:
    """The same checks for several replaced tables at once (`parsed`: table → (rows, reading problems)), with new
    source texts (`added`: name → text) beside those in the database."""
    problems: list[Problem] = []
    for table, (rows, read_problems) in parsed.items():
        problems += list(read_problems) + check_table(TABLES[table].file, rows, TABLES[table])
    current = {name: (parsed[name][0] if name in parsed else dbrows.read_rows(conn, name)) for name in TABLES}
    return problems + check_references(current, {**dbrows.texts(conn), **added})


@dataclass
class Last:
    """The newest dataset this process loaded from a database, kept to serve while the database is away."""
    dataset: Dataset
    loaded_at: str


_LAST: dict[str, Last] = {}
_LOCK = threading.Lock()


def remember(url: str, ds: Dataset) -> None:
    with _LOCK:
        _LAST[url] = Last(ds, datetime.now().astimezone().isoformat(timespec="seconds"))


def last_loaded(url: str) -> Last | None:
    return _LAST.get(url)
