"""One pooled SQLAlchemy engine per database URL (psycopg 3), and URLs safe to show."""
from __future__ import annotations

import threading

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from geo import settings

_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


class DatabaseUnavailable(Exception):
    """The database cannot be reached; the message names the URL without its password."""


def driver_url(url: str) -> sa.URL:
    """postgresql://… as SQLAlchemy's psycopg 3 URL."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+psycopg") if parsed.drivername in ("postgresql", "postgres") else parsed


def safe_url(url: str) -> str:
    """The URL with its password masked, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL may still hold a password: show only its scheme
        return url.split(":", 1)[0] + "://…"


def engine(url: str) -> Engine:
    """The shared engine of a URL (a pool sized by settings.DB_POOL_SIZE), created once per process."""
    with _LOCK:
        if url not in _ENGINES:
            _ENGINES[url] = sa.create_engine(
                driver_url(url), pool_size=settings.DB_POOL_SIZE, max_overflow=settings.DB_MAX_OVERFLOW,
                pool_timeout=settings.DB_POOL_TIMEOUT, pool_pre_ping=True,
                connect_args={"connect_timeout": settings.DB_CONNECT_TIMEOUT, "application_name": "dashboard"})
        return _ENGINES[url]


def dispose(url: str) -> None:
    """Close a URL's pooled connections (tests drop their databases afterwards)."""
    with _LOCK:
        eng = _ENGINES.pop(url, None)
    if eng is not None:
        eng.dispose()


def unavailable(url: str, exc: Exception) -> DatabaseUnavailable:
    """A DatabaseUnavailable naming the URL (password masked) and the driver's first line of explanation."""
    reason = str(getattr(exc, "orig", exc) or exc).strip().splitlines()
    return DatabaseUnavailable(f"database {safe_url(url)} unreachable: {reason[0] if reason else type(exc).__name__}")
