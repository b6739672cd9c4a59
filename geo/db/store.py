"""Staff saves in the database with the guarantees of geo/data/store.py: validated, one transaction each, every
replaced version kept (versions + history tables), restore, a conflict check, and saves that take turns
(an advisory lock held until the transaction ends, shared by every app server)."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

import sqlalchemy as sa

from geo.data.schema import TABLES
from geo.auth.audit import save_event
from geo.data.store import Conflict, Entry, StoreError, decode, diff
from geo.data.tablestore import Unavailable
from geo.data.validate import Problem, read_csv
from geo.db import rows as dbrows
from geo.db.engine import engine, safe_url
from geo.db.audit import INSERT_EVENT, event_params
from geo.db.source import DB_ERRORS, tables_problems
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
        return self.validate_candidates({table: text})

    def validate_candidates(self, texts: dict[str, str], files: dict[str, bytes] | None = None) -> list[Problem]:
        parsed = {table: parse(table, text) for table, text in texts.items()}
        added = _texts_of(files or {})
        return self._read(lambda conn: tables_problems(conn, parsed, added))

    def source_names(self) -> list[str]:
        return self._read(lambda conn: list(conn.execute(
            sa.text("SELECT name FROM source_texts ORDER BY name")).scalars()))

    def save(self, table: str, text: str, user: str, note: str = "", expected_sha: str | None = None,
             role: str = "", client: str = "") -> Entry:
        expected = {table: expected_sha} if expected_sha is not None else None
        return self._write({table: text}, user, "update", note, expected, role=role, client=client)[0]

    def save_tables(self, texts: dict[str, str], user: str, note: str = "", files: dict[str, bytes] | None = None,
                    expected: dict[str, str] | None = None, role: str = "", client: str = "") -> list[Entry]:
        return self._write(texts, user, "update", note, expected, files or {}, role=role, client=client)

    def restore(self, table: str, version: str, user: str, note: str = "",
                expected_sha: str | None = None, role: str = "", client: str = "") -> Entry:
        kept = self._read(lambda conn: conn.execute(
            sa.text("SELECT csv FROM versions WHERE id = :i AND table_name = :t"),
            {"i": _version_id(version), "t": table}).scalar())
        if kept is None:
            raise StoreError(f"no kept version {version!r} of {table}")
        expected = {table: expected_sha} if expected_sha is not None else None
        return self._write({table: kept}, user, "restore", note, expected, restored_from=_version_id(version),
                           role=role, client=client)[0]

    def _write(self, texts: dict[str, str], user: str, action: str, note: str, expected: dict[str, str] | None,
               files: dict[str, bytes] | None = None, restored_from: int | None = None, role: str = "",
               client: str = "") -> list[Entry]:
        """The read-check-write of every table in one transaction under the save lock, with history rows and an
        audit event per table; any failure leaves every table as it was."""
        unknown = [t for t in texts if t not in TABLES]
        if unknown:
            raise StoreError(f"unknown table {unknown[0]!r}")
        parsed = {table: parse(table, text) for table, text in texts.items()}
        change = Change(texts, parsed, _texts_of(files or {}), user, action, note, expected or {}, restored_from)
        try:
            with engine(self.url).begin() as conn:
                lock(conn)
                entries = _replace(conn, change)
                for entry in entries:
                    _audit(conn, save_event(entry, role, client))
                return entries
        except DB_ERRORS as exc:
            raise Unavailable(f"database {safe_url(self.url)} unreachable; nothing was saved") from exc

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


@dataclass(frozen=True)
class Change:
    """One save: the new text of each table (and its parsed rows), new source texts, who and why."""

    texts: dict[str, str]
    parsed: dict[str, tuple]
    added: dict[str, str]
    user: str
    action: str
    note: str
    expected: dict[str, str]
    restored_from: int | None = None


def _texts_of(files: dict[str, bytes]) -> dict[str, str]:
    """New source documents (sources/NAME.txt → bytes) as source_texts rows (NAME → text)."""
    out = {}
    for rel, data in files.items():
        folder, _, name = rel.partition("/")
        if folder != "sources" or not name or "/" in name:
            raise StoreError(f"{rel}: only source documents (sources/NAME) can be added")
        out[name] = decode(data)
    return out


def _add_texts(conn: sa.Connection, added: dict[str, str]) -> list[str]:
    """Insert new source texts; one that exists keeps its text (the same text is simply kept, another is refused)."""
    kept = dbrows.texts(conn)
    for name, text in added.items():
        if name in kept and kept[name] != text:
            raise StoreError(f"sources/{name} exists with other content; nothing was written")
    new = {n: t for n, t in added.items() if n not in kept}
    if new:
        conn.execute(sa.text("INSERT INTO source_texts (name, text) VALUES (:n, :t)"),
                     [{"n": n, "t": t} for n, t in new.items()])
    return sorted(f"sources/{n}" for n in new)


def _replace(conn: sa.Connection, change: Change) -> list[Entry]:
    old = {table: dbrows.table_csv(conn, table) for table in change.texts}
    for table, expected_sha in change.expected.items():
        if table in old and dbrows.sha256(old[table]) != expected_sha:
            raise Conflict(f"{TABLES[table].file} was changed by someone else since the preview; review it again")
    files = _add_texts(conn, change.added)
    problems = tables_problems(conn, change.parsed, {})
    if problems:
        raise StoreError(f"{len(problems)} problem(s); nothing was written", problems)
    when, batch = now(), now().strftime(STAMP)
    entries = []
    for table, text in change.texts.items():
        counts = diff(old[table], text, table).counts
        previous = keep_version(conn, table, old[table], change.user, when)
        dbrows.write_rows(conn, table, change.parsed[table][0], dbrows.header_of(text))
        written = dbrows.sha256(dbrows.table_csv(conn, table))
        log_entry(conn, time=when, user_name=change.user, table_name=table, action=change.action,
                  note=change.note, previous=previous, restored_from=change.restored_from, sha256=written, **counts)
        back = f"{table}/{change.restored_from}" if change.restored_from else ""
        extra = {"batch": batch, "files": files} if len(change.texts) > 1 or files else {}
        entries.append(Entry(when.strftime(STAMP), change.user, table, change.action, counts["added"],
                             counts["changed"], counts["removed"], change.note, f"{table}/{previous}", back, written,
                             extra))
    dbrows.bump_version(conn)
    return entries


def _audit(conn: sa.Connection, entry) -> None:
    """The save's audit event, in the save's own transaction: both are kept, or neither."""
    conn.execute(sa.text(INSERT_EVENT), event_params(entry))


def _version_id(version: str) -> int:
    try:
        return int(version.rsplit("/", 1)[-1])
    except ValueError:
        raise StoreError(f"no kept version {version!r}") from None
