"""A data folder into the database (validated, one transaction, all or nothing) and back out to a folder."""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from geo.data.load import DataError
from geo.data.schema import BOUNDARY_FILES, TABLES
from geo.data.store import diff
from geo.data.validate import check_dir
from geo.db import rows as dbrows
from geo.db.engine import engine

SAVE_LOCK = 140_001  # advisory lock id held by every import, save and restore: they run one at a time


@dataclass(frozen=True)
class Imported:
    counts: dict[str, int]
    version: int


@contextmanager
def snapshot(url: str) -> Iterator[sa.Connection]:
    """A read-only transaction that sees one consistent state of every table (REPEATABLE READ)."""
    with engine(url).connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            conn.execute(sa.text("SET TRANSACTION READ ONLY"))
            yield conn


def lock(conn: sa.Connection) -> None:
    """Serialise writers across every app server: released when the transaction ends, however it ends."""
    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": SAVE_LOCK})


def now() -> datetime:
    return datetime.now(UTC)


def keep_version(conn: sa.Connection, table: str, text: str, user: str, when: datetime) -> int:
    """Store a replaced version of a table in history; returns its id."""
    return int(conn.execute(sa.text(
        "INSERT INTO versions (table_name, saved_at, user_name, csv, sha256) VALUES (:t, :w, :u, :c, :s) RETURNING id"),
        {"t": table, "w": when, "u": user, "c": text, "s": dbrows.sha256(text)}).scalar_one())


def log_entry(conn: sa.Connection, **values) -> None:
    conn.execute(sa.text(
        "INSERT INTO history (time, user_name, table_name, action, added, changed, removed, note, previous, "
        "restored_from, sha256) VALUES (:time, :user_name, :table_name, :action, :added, :changed, :removed, :note, "
        ":previous, :restored_from, :sha256)"), {"note": "", "previous": None, "restored_from": None, **values})


def _replace_table(conn: sa.Connection, name: str, rows, header: list[str], user: str, when: datetime) -> None:
    """One table of an import: the version it replaces is kept, the change logged."""
    old = dbrows.table_csv(conn, name)
    new = dbrows.csv_text(rows, header)
    if old == new:
        return
    had_rows = bool(dbrows.read_rows(conn, name))
    counts = diff(old, new, name).counts if had_rows else {"added": len(rows), "changed": 0, "removed": 0}
    previous = keep_version(conn, name, old, user, when) if had_rows else None
    dbrows.write_rows(conn, name, rows, header)
    log_entry(conn, time=when, user_name=user, table_name=name, action="import", previous=previous,
              sha256=dbrows.sha256(new), **counts)


def import_dir(url: str, data_dir: Path, user: str = "import") -> Imported:
    """Validate a data folder as the app does; load every table, text and boundary in one transaction."""
    data_dir = Path(data_dir)
    checked = check_dir(data_dir)
    if checked.problems:
        raise DataError(checked.problems)
    docs = {name: json.loads((data_dir / "boundaries" / f"{name}.geojson").read_text(encoding="utf-8-sig"))
            for name in BOUNDARY_FILES}
    when = now()
    with engine(url).begin() as conn:
        lock(conn)
        dbrows.write_texts(conn, checked.texts)
        for name, table in TABLES.items():
            text = (data_dir / table.file).read_bytes().decode(_encoding(checked.encodings.get(table.file)))
            _replace_table(conn, name, checked.rows[name], dbrows.header_of(text), user, when)
        dbrows.write_boundaries(conn, docs)
        version = dbrows.bump_version(conn)
    return Imported({name: len(rows) for name, rows in checked.rows.items()}, version)


def _encoding(label: str | None) -> str:
    return "gb18030" if label == "GB18030" else "utf-8-sig"


def _write(path: Path, text: str) -> None:
    """Write beside the target, then rename: an interrupted export never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def export_dir(url: str, out: Path) -> dict[str, int]:
    """Write every table as CSV (UTF-8), the source texts and the boundaries as GeoJSON into `out`."""
    out = Path(out)
    counts = {}
    with snapshot(url) as conn:
        for name, table in TABLES.items():
            rows = dbrows.read_rows(conn, name)
            _write(out / table.file, dbrows.csv_text(rows, dbrows.header(conn, name)))
            counts[name] = len(rows)
        for name, text in dbrows.texts(conn).items():
            _write(out / "sources" / name, text)
        for name, doc in dbrows.boundary_docs(conn).items():
            _write(out / "boundaries" / f"{name}.geojson", json.dumps(doc, ensure_ascii=False))
    return counts
