"""The one place that picks where the dashboard keeps things: the data folder, or the shared PostgreSQL database
when DASHBOARD_DATABASE_URL is set. The app (geo/ui/sources.py wraps this with its caches) and every command line
(`geo.auth`, `geo.intake`, `geo.db`, `geo.validate`) ask here, so they all act on the same store.

    table_store()    saves, history and restore (TableStore)       folder: data/ + .history/   database: tables
    user_store()     users and failed sign-ins (UserStore)         folder: users.toml + .attempts.json
    session_store()  signed-in sessions (SessionStore)             folder: users.sessions.json
    audit_log()      the audit trail (AuditLog)                    folder: data/.audit/audit.jsonl
    learned_store()  intake's learned vocabulary (LearnedVocab)    folder: data/.intake/learned_vocab.csv
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from pathlib import Path

import sqlalchemy as sa

from geo import settings
from geo.auth import accounts, audit, sessions
from geo.data.load import Dataset, load_dataset
from geo.data.store import Entry
from geo.data.tablestore import FileStore, TableStore
from geo.db.audit import DbAuditLog
from geo.db.engine import safe_url
from geo.db.learned import DbLearnedVocab
from geo.db.source import PostgresSource
from geo.db.sessions import DbSessionStore
from geo.db.store import DbStore
from geo.db.users import DbUserStore
from geo.intake.learned import Entry as LearnedEntry
from geo.intake.learned import FolderLearnedVocab, LearnedVocab, lessons


# What a store raises when it cannot be reached or written (a full disk, a database away; TimeoutError is an
# OSError): callers keep what they know and say so instead of failing.
STORE_ERRORS = (OSError, sa.exc.SQLAlchemyError)


def database_url() -> str | None:
    return settings.database_url()


def describe() -> str:
    """Where this process keeps its data, for messages (the database URL without its password)."""
    url = database_url()
    return f"database {safe_url(url)}" if url else f"data folder {settings.data_dir()}"


def _audit_files(entries: list[Entry], role: str, client: str) -> None:
    log = audit.default_log()
    for entry in entries:
        log.append(audit.save_event(entry, role, client))


def table_store() -> TableStore:
    """Where saves go: the database (each save one transaction with its history and audit rows), or the folder
    (file lock, atomic writes, the audit line appended after the write)."""
    url = database_url()
    return DbStore(url) if url else FileStore(settings.data_dir(), _audit_files)


def user_store() -> accounts.FileUserStore | DbUserStore:
    """Users and failed sign-ins: the database when configured (shared by every replica), else the users file."""
    url = database_url()
    return DbUserStore(url) if url else accounts.FileUserStore()


def session_store() -> sessions.SessionStore:
    """Signed-in sessions: the database's sessions table, else a file beside the users file."""
    url = database_url()
    return DbSessionStore(url) if url else sessions.FileSessionStore(accounts.users_file())


def audit_log() -> audit.AuditLog:
    """The audit log: the database's append-only table, else the data folder's JSON lines."""
    url = database_url()
    return DbAuditLog(url) if url else audit.default_log()


def end_sessions(user: str, reason: str, by: str, role: str = "", client: str = "") -> int:
    """End every session of a user (removed, role changed) on every replica, one audit event each; how many."""
    ended = session_store().end_user(user, reason, time.time())
    log = audit_log()
    for _ in ended:
        log.append(audit.event(by, role, "session_ended", user, client, reason=reason))
    return len(ended)


_GAZETTEER_ROOT = Path(tempfile.gettempdir()) / f"dashboard-gazetteer-{os.getuid()}"


def jurisdictions_dir(ts: TableStore) -> Path:
    """A folder holding the store's jurisdictions.csv, for intake's gazetteer: the data folder itself, or (for
    the database) a copy named by the table's hash, written once per version of the table."""
    if isinstance(ts, FileStore):
        return Path(ts.data_dir)
    text = ts.read_current("jurisdictions")
    folder = _GAZETTEER_ROOT / hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    target = folder / "jurisdictions.csv"
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        scratch = folder / f".jurisdictions.{os.getpid()}.{threading.get_ident()}.tmp"
        scratch.write_text(text, encoding="utf-8")
        os.replace(scratch, target)  # a reader sees the whole file or none
    return folder


def learned_store() -> LearnedVocab:
    """Intake's learned vocabulary: the database's learned_vocab table, or <data dir>/.intake/learned_vocab.csv."""
    url = database_url()
    return DbLearnedVocab(url) if url else FolderLearnedVocab(Path(settings.data_dir()))


def teach(before: list[dict], after: list[dict], user: str) -> list[LearnedEntry]:
    """Keep what a reviewed batch teaches (proposals as proposed, and as staff left them, in the same order) in the
    configured store: for a review made outside the app, such as a spreadsheet of proposals read back."""
    taught = [e for old, new in zip(before, after) for e in lessons(old, new, user)]
    if taught:
        learned_store().add(taught)
    return taught


def dataset(folder: Path | None = None) -> Dataset:
    """The data for a command line: the folder it names, else the database when one is configured, else the data
    folder of the settings."""
    url = database_url()
    if folder is None and url:
        return PostgresSource(url).load()
    return load_dataset(folder)
