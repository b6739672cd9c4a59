"""Signed-in sessions in the database: the SessionStore of geo/auth/sessions.py, shared by every replica."""
from __future__ import annotations

import sqlalchemy as sa

from geo.auth.sessions import KEEP_SECONDS, Session, key_of, new_token
from geo.db.engine import engine

COLUMNS = "key, user_name, started, last_seen, ended, reason"


class DbSessionStore:
    """sessions table (migration 0004); every call is one short transaction."""

    def __init__(self, url: str):
        self.url = url

    def start(self, user: str, now: float) -> str:
        token = new_token()
        with engine(self.url).begin() as conn:
            conn.execute(sa.text("INSERT INTO sessions (key, user_name, started, last_seen) VALUES (:k, :u, :n, :n)"),
                         {"k": key_of(token), "u": user, "n": now})
            conn.execute(sa.text("DELETE FROM sessions WHERE greatest(last_seen, ended) < :h"),
                         {"h": now - KEEP_SECONDS})
        return token

    def find(self, token: str) -> Session | None:
        with engine(self.url).connect() as conn:
            row = conn.execute(sa.text("SELECT key, user_name, started, last_seen, ended, reason FROM sessions "
                                       "WHERE key = :k"), {"k": key_of(token)}).first()
        return Session(*row) if row else None

    def touch(self, token: str, now: float) -> None:
        with engine(self.url).begin() as conn:
            conn.execute(sa.text("UPDATE sessions SET last_seen = :n WHERE key = :k AND ended = 0 AND last_seen < :n"),
                         {"k": key_of(token), "n": now})

    def end(self, token: str, reason: str, now: float) -> Session | None:
        ended = self._end("key = :k", {"k": key_of(token)}, reason, now)
        return ended[0] if ended else None

    def end_user(self, user: str, reason: str, now: float) -> list[Session]:
        return self._end("user_name = :u", {"u": user}, reason, now)

    def _end(self, where: str, params: dict, reason: str, now: float) -> list[Session]:
        with engine(self.url).begin() as conn:
            # where is one of the two fixed conditions above; every value is bound
            rows = conn.execute(sa.text(f"UPDATE sessions SET ended = :n, reason = :r WHERE {where} AND ended = 0 "
                                        f"RETURNING {COLUMNS}"), {**params, "n": now, "r": reason}).all()  # nosec B608
        return [Session(k, u, s, seen) for k, u, s, seen, _, _ in rows]
