"""Which source the app reads (geo.backend decides: the data folder, or PostgreSQL) and what it does
while the database is away: the last loaded data with a banner, or, before anything was loaded, a message and a
retry every DB_RETRY_SECONDS."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import NoReturn

import sqlalchemy as sa
import streamlit as st
import streamlit.components.v1 as components

from geo import backend, fmt, settings
from geo.auth import accounts, audit, sessions
from geo.data import snapshot
from geo.data.load import DataError, DirectorySource
from geo.data.snapshot import Loaded
from geo.data.tablestore import TableStore
from geo.db import source as db_source
from geo.db.engine import DatabaseUnavailable, safe_url
from geo.db.users import DbUserStore
from geo.i18n import t

log = logging.getLogger(__name__)
DATABASE_GONE = "the data comes from a database, but DASHBOARD_DATABASE_URL is no longer set"
DB_KEY = "db:"  # cache keys of the database source start with this (then the URL without its password)


def source_key() -> str:
    """What the caches are keyed on besides the fingerprint: the data folder, or the database."""
    url = backend.database_url()
    return DB_KEY + safe_url(url) if url else str(DirectorySource().data_dir)


def table_store() -> TableStore:
    """Where the data page saves: the same functions on either source (geo.backend picks it)."""
    return backend.table_store()


def session_store() -> sessions.SessionStore:
    """Signed-in sessions, shared by every replica (geo.backend picks where)."""
    return backend.session_store()


class _LastKnownUsers(DbUserStore):
    """The database's users; while the database is away, the users it last returned to this process, so the
    page keeps its sign-in state under the outage banner instead of failing (sign-in attempts still need it)."""

    last: dict[str, dict] = {}

    def users(self) -> dict[str, accounts.User]:
        try:
            found = super().users()
        except sa.exc.SQLAlchemyError:
            return self.last.get(self.url, {})
        self.last[self.url] = found
        return found


def user_store() -> accounts.FileUserStore | DbUserStore:
    """Users and failed sign-ins: the database when one is configured (shared by every app server), else the
    users file."""
    url = backend.database_url()
    return _LastKnownUsers(url) if url else backend.user_store()


def known_users() -> dict[str, accounts.User]:
    """The configured users, read from the store once per script run. A run asks a dozen times (sign-in state,
    role, each download button's audit line): a database query each was a third of a replica's time under load
    (bench.load --profile). The next run reads the store again, so a removed user or a changed role applies as
    before; sign-in itself reads the store directly."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    memo = getattr(ctx, "_dashboard_users", None)
    # ctx.cursors is a new dict at the start of every run (ScriptRunContext.reset): it names this run
    if ctx is not None and memo is not None and memo[0] is ctx.cursors:
        return memo[1]
    found = user_store().users()
    if ctx is not None:
        ctx._dashboard_users = (ctx.cursors, found)  # type: ignore[attr-defined]
    return found


def sign_in_enabled() -> bool:
    """Sign-in is on as soon as the configured store lists a user."""
    return bool(known_users())


def audit_log() -> audit.AuditLog:
    """The audit log: the database's append-only table when one is configured, else the data folder's JSONL."""
    return backend.audit_log()


def current(lang: str, banner: bool) -> tuple[str, str]:
    """(cache key, fingerprint) of the data to show. With the database away: the last loaded data's fingerprint
    and, with `banner`, a notice; with nothing loaded yet, a message and a retry (the page stops there)."""
    url = backend.database_url()
    if not url:
        src = DirectorySource()
        return str(src.data_dir), src.fingerprint()
    try:
        return source_key(), db_source.PostgresSource(url).fingerprint()
    except DatabaseUnavailable as err:
        last = db_source.last_loaded(url)
        if last is None:
            unreachable(url, err, lang)
        if banner:
            st.warning(t("db_down", lang, url=fmt.md_escape(safe_url(url)),
                         loaded=snapshot.saved_label(last.loaded_at)), icon="⚠️")
        return source_key(), last.dataset.fingerprint


def unreachable(url: str, err: Exception, lang: str) -> NoReturn:
    """Nothing to show yet: say which database (no password) and why, reload the page in a while, stop."""
    log.warning("%s", err)
    reason = str(err).split(": ", 1)[-1]
    st.error(t("db_unreachable", lang, url=fmt.md_escape(safe_url(url)), reason=fmt.md_escape(reason),
               seconds=str(settings.DB_RETRY_SECONDS)), icon="⛔")
    # each reload is a new attempt; the browser does it, so no server thread sleeps
    components.html(f"<script>setTimeout(() => window.parent.location.reload(), "
                    f"{settings.DB_RETRY_SECONDS * 1000});</script>", height=0)
    st.stop()


def load(key: str, fingerprint: str) -> Loaded:
    """The data behind a cache key: the folder (with its last valid version), or the database."""
    if not key.startswith(DB_KEY):
        return snapshot.load_safely(Path(key))
    url = backend.database_url()
    if url is None:
        raise DatabaseUnavailable(f"{DATABASE_GONE} ({key})")
    last = db_source.last_loaded(url)
    try:
        ds = db_source.PostgresSource(url).load()
    except DatabaseUnavailable:
        if last is not None and last.dataset.fingerprint == fingerprint:
            return Loaded(last.dataset)
        raise
    except DataError as err:
        return Loaded(last.dataset if last else None, tuple(err.problems), last.loaded_at if last else "")
    db_source.remember(url, ds)
    return Loaded(ds)


def guarded(action, lang: str):
    """Run a load; a database that went away before anything was loaded gets the retry message."""
    try:
        return action()
    except DatabaseUnavailable as err:
        unreachable(backend.database_url() or "", err, lang)
