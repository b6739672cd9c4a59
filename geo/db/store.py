"""Staff saves in the database with the guarantees of geo/data/store.py: validated, one transaction each, every
replaced version kept (versions + history tables), restore, a conflict check, and saves that take turns
(an advisory lock held until the transaction ends, shared by every app server)."""
from __future__ import annotations

import tempfile
from datetime import UTC
from pathlib import Path

import sqlalchemy as sa

from geo.data.schema import TABLES
from geo.data.store import Conflict, Entry, StoreError, diff
from geo.data.tablestore import Unavailable
from geo.data.validate import Problem, read_csv
from geo.db import rows as dbrows
from geo.db.engine import engine, safe_url
from geo.db.source import DB_ERRORS, candidate_problems
from geo.db.transfer import keep_version, lock, log_entry, now

STAMP = "%Y%m%dT%H%M%S%fZ"  # the history's time format, as the file store writes it


def parse(table: str, text: str):
    """The validator's reading of CSV text as the table's file: rows with line numbers, and reading problems."""
    with tempfile.TemporaryDirectory(prefix="candidate-") as tmp:
        path = Path(tmp) / TABLES[table].file
        path.write_text(text, encoding="utf-8")
        rows, problems, _ = read_csv(path, TABLES[table])
    return rows, problems


class DbStore:
    """The TableStore of a database (the data page calls the same methods as on FileStore)."""

    def __init__(self, url: str):
        self.url = url

    def _connect(self):
        try:
            return engine(self.url).connect()
        except DB_ERRORS as exc:
            raise Unavailable(f"database {safe_url(self.url)} unreachable; nothing was saved") from exc

    def _read(self, action):
        """Run a read on a fresh connection; a database that went away becomes Unavailable."""
        try:
            with self._connect() as conn:
                return action(conn)
        except DB_ERRORS as exc:
            raise Unavailable(f"database {safe_url(self.url)} unreachable; nothing was saved") from exc

    def current_sha(self, table: str) -> str:
        return dbrows.sha256(self.read_current(table))

    def read_current(self, table: str) -> str:
        return self._read(lambda conn: dbrows.table_csv(conn, table))

    def validate_candidate(self, table: str, text: str) -> list[Problem]:
        rows, problems = parse(table, text)
        return self._read(lambda conn: candidate_problems(conn, table, rows, problems))

    def save(self, table: str, text: str, user: str, note: str = "", expected_sha: str | None = None) -> Entry:
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}")
        return self._write(table, text, user, "update", note, expected_sha)

    def restore(self, table: str, version: str, user: str, note: str = "",
                expected_sha: str | None = None) -> Entry:
        kept = self._read(lambda conn: conn.execute(
            sa.text("SELECT csv FROM versions WHERE id = :i AND table_name = :t"),
            {"i": _version_id(version), "t": table}).scalar())
        if kept is None:
            raise StoreError(f"no kept version {version!r} of {table}")
        return self._write(table, kept, user, "restore", note, expected_sha, restored_from=_version_id(version))

    def _write(self, table: str, text: str, user: str, action: str, note: str, expected_sha: str | None,
               restored_from: int | None = None) -> Entry:
        """The read-check-write in one transaction under the save lock; any failure leaves the table as it was."""
        rows, read_problems = parse(table, text)
        try:
            with engine(self.url).begin() as conn:
                lock(conn)
                return self._replace(conn, table, text, rows, read_problems, user, action, note, expected_sha,
                                     restored_from)
        except DB_ERRORS as exc:
            raise Unavailable(f"database {safe_url(self.url)} unreachable; nothing was saved") from exc

    def _replace(self, conn, table, text, rows, read_problems, user, action, note, expected_sha,
                 restored_from) -> Entry:
        old = dbrows.table_csv(conn, table)
        if expected_sha is not None and dbrows.sha256(old) != expected_sha:
            raise Conflict(f"{TABLES[table].file} was changed by someone else since the preview; review it again")
        problems = candidate_problems(conn, table, rows, read_problems)
        if problems:
            raise StoreError(f"{len(problems)} problem(s); nothing was written", problems)
        counts = diff(old, text, table).counts
        when = now()
        previous = keep_version(conn, table, old, user, when)
        dbrows.write_rows(conn, table, rows, dbrows.header_of(text))
        written = dbrows.sha256(dbrows.table_csv(conn, table))
        log_entry(conn, time=when, user_name=user, table_name=table, action=action, note=note, previous=previous,
                  restored_from=restored_from, sha256=written, **counts)
        dbrows.bump_version(conn)
        return Entry(when.strftime(STAMP), user, table, action, counts["added"], counts["changed"], counts["removed"],
                     note, f"{table}/{previous}", f"{table}/{restored_from}" if restored_from else "", written)

    def log(self, table: str | None = None) -> list[Entry]:
        """Every save, restore and import, oldest first (of one table when given)."""
        query = ("SELECT time, user_name, table_name, action, added, changed, removed, note, previous, restored_from, "
                 "sha256 FROM history WHERE (CAST(:t AS text) IS NULL OR table_name = :t) ORDER BY id")
        found = self._read(lambda conn: conn.execute(sa.text(query), {"t": table}).all())
        return [Entry(when.astimezone(UTC).strftime(STAMP), user, name, action, added, changed, removed, note,
                      f"{name}/{prev}" if prev else "", f"{name}/{back}" if back else "", sha)
                for when, user, name, action, added, changed, removed, note, prev, back, sha in found]

    def versions(self, table: str) -> list[str]:
        """Kept versions of a table, newest first, as "<table>/<id>"."""
        ids = self._read(lambda conn: conn.execute(
            sa.text("SELECT id FROM versions WHERE table_name = :t ORDER BY id DESC"), {"t": table}).scalars().all())
        return [f"{table}/{i}" for i in ids]

    def read_version(self, version: str) -> str:
        found = self._read(lambda conn: conn.execute(sa.text("SELECT csv FROM versions WHERE id = :i"),
                                                     {"i": _version_id(version)}).scalar())
        if found is None:
            raise StoreError(f"no kept version {version!r}")
        return found

    def version_label(self, version: str) -> str:
        """2026-11-25 06:22:01 UTC · alice, as the file store labels its kept versions."""
        found = self._read(lambda conn: conn.execute(
            sa.text("SELECT saved_at, user_name FROM versions WHERE id = :i"), {"i": _version_id(version)}).first())
        return f"{found[0].astimezone(UTC).strftime('%Y-%m-%d %H:%M:%S UTC')} · {found[1]}" if found else version


def _version_id(version: str) -> int:
    try:
        return int(version.rsplit("/", 1)[-1])
    except ValueError:
        raise StoreError(f"no kept version {version!r}") from None
