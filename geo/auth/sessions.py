"""Signed-in sessions kept where every replica can see them, so a reload on another replica stays signed in.

The browser holds an opaque random token in a cookie (never in the URL); the store keeps only its SHA-256 with
the user name and when it was last used. A session is active until it is ended (sign-out, idle, an admin removing
the user or changing their role) or idle for longer than AUTH_IDLE_MINUTES. `FileSessionStore` keeps them beside
the users file; the database keeps them in its `sessions` table (geo/db/sessions.py).
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Protocol

from filelock import FileLock

from geo import settings

KEEP_SECONDS = 7 * 24 * 3600  # ended or idle sessions older than this are dropped from the store


@dataclass(frozen=True)
class Session:
    """One sign-in: `key` is the token's SHA-256 (the token itself is never stored); times are UNIX seconds."""

    key: str
    user: str
    started: float
    last_seen: float
    ended: float = 0.0
    reason: str = ""


def new_token() -> str:
    return secrets.token_urlsafe(32)


def key_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def idle_seconds() -> float:
    return settings.AUTH_IDLE_MINUTES * 60


def is_active(session: Session | None, now: float, idle: float | None = None) -> bool:
    """Not ended, and used within the idle timeout."""
    idle = idle_seconds() if idle is None else idle
    return session is not None and not session.ended and now - session.last_seen <= idle


class SessionStore(Protocol):
    """Where sessions live, shared by every replica. Implementations must:

    - `start(user, now)`: store a new session and return its token (only its hash is kept);
    - `find(token)`: the session of a token, ended or not, or None;
    - `touch(token, now)`: record use of an active session (a newer time only);
    - `end(token, reason, now)`: end one session; the session as it was, or None when it was not active;
    - `end_user(user, reason, now)`: end every active session of a user; the sessions ended.
    """

    def start(self, user: str, now: float) -> str: ...

    def find(self, token: str) -> Session | None: ...

    def touch(self, token: str, now: float) -> None: ...

    def end(self, token: str, reason: str, now: float) -> Session | None: ...

    def end_user(self, user: str, reason: str, now: float) -> list[Session]: ...


class FileSessionStore:
    """`<users file stem>.sessions.json` beside the users file, read and written under its own lock."""

    def __init__(self, users_path: Path):
        self.path = Path(users_path).with_name(Path(users_path).stem + ".sessions.json")
        self.lock = FileLock(str(self.path) + ".lock", timeout=30)

    def _read(self) -> dict[str, Session]:
        if not self.path.exists():
            return {}
        raw = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        return {key: Session(**value) for key, value in raw.items()}

    def _write(self, found: dict[str, Session], now: float) -> None:
        from geo.data.store import atomic_write  # store imports pandas; only writers pay for it

        kept = {k: asdict(s) for k, s in found.items() if max(s.last_seen, s.ended) > now - KEEP_SECONDS}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, json.dumps(kept, ensure_ascii=False).encode("utf-8"))
        os.chmod(self.path, 0o600)

    def start(self, user: str, now: float) -> str:
        token = new_token()
        with self.lock:
            found = self._read()
            found[key_of(token)] = Session(key_of(token), user, now, now)
            self._write(found, now)
        return token

    def find(self, token: str) -> Session | None:
        with self.lock:
            return self._read().get(key_of(token))

    def touch(self, token: str, now: float) -> None:
        with self.lock:
            found = self._read()
            session = found.get(key_of(token))
            if session and not session.ended and now > session.last_seen:
                found[session.key] = replace(session, last_seen=now)
                self._write(found, now)

    def end(self, token: str, reason: str, now: float) -> Session | None:
        ended = self._end(lambda s: s.key == key_of(token), reason, now)
        return ended[0] if ended else None

    def end_user(self, user: str, reason: str, now: float) -> list[Session]:
        return self._end(lambda s: s.user == user, reason, now)

    def _end(self, chosen, reason: str, now: float) -> list[Session]:
        with self.lock:
            found = self._read()
            ended = [s for s in found.values() if chosen(s) and not s.ended]
            for s in ended:
                found[s.key] = replace(s, ended=now, reason=reason)
            if ended:
                self._write(found, now)
        return ended


def resume(store: SessionStore, token: str, now: float | None = None) -> Session | None:
    """The active session of a token, marked as used now; an idle one is ended (reason "idle") and None returned."""
    now = time.time() if now is None else now
    session = store.find(token) if token else None
    if session is None or session.ended:
        return None
    if not is_active(session, now):
        store.end(token, "idle", now)
        return None
    store.touch(token, now)
    return replace(session, last_seen=now)
