"""The audit trail: who signed in, saved, restored, exported or changed users, one event per line.

`AuditLog` is the interface (a database table can implement it); `JsonlAuditLog` keeps `<data dir>/.audit/
audit.jsonl`, rotated by size. The app only appends: neither implementation offers a way to change or delete.
"""
from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from filelock import FileLock

from geo import settings

# The actions recorded; `target` and `details` per action are documented in README, "Audit log".
ACTIONS = ("sign_in", "sign_in_failed", "lockout", "sign_in_locked", "sign_out", "save", "restore", "export",
           "user_added", "user_changed", "user_removed", "session_ended", "intake_refused")
COLUMNS = ("time", "user", "role", "action", "target", "client", "details")


@dataclass(frozen=True)
class Event:
    """One audited action. `time` is UTC ISO 8601 with a Z; `user`/`role` are empty for a visitor."""

    time: str
    user: str
    role: str
    action: str
    target: str = ""
    client: str = ""
    details: dict = field(default_factory=dict)


def now_utc() -> str:
    """The current UTC time as the log writes it (2026-12-01T21:45:01.123456Z)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event(user: str, role: str, action: str, target: str = "", client: str = "", **details) -> Event:
    """An event stamped now; unknown actions are refused so a typo cannot hide an event."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    return Event(now_utc(), user or "", role or "", action, target, client, details)


class AuditLog(Protocol):
    """Where audit events go. Implementations must:

    - `append(event)`: store the event durably before returning (several processes may append at once; none may
      be lost or interleaved); never modify or drop earlier events.
    - `events()`: every stored event, oldest first (ties in the order appended).
    There is deliberately no update or delete.
    """

    def append(self, entry: Event) -> None: ...

    def events(self) -> list[Event]: ...


class JsonlAuditLog:
    """`<directory>/audit.jsonl`, one JSON object per line, appended under a file lock; past `max_bytes` it is
    renamed `audit.<UTC time>.jsonl` (kept) and a new file started."""

    def __init__(self, directory: Path, max_bytes: int = settings.AUDIT_MAX_BYTES):
        self.directory = Path(directory)
        self.path = self.directory / "audit.jsonl"
        self.max_bytes = max_bytes

    def append(self, entry: Event) -> None:
        line = (json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        self.directory.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.directory / ".lock"), timeout=30):
            if self.path.exists() and self.path.stat().st_size + len(line) > self.max_bytes:
                self._rotate()
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)

    def _rotate(self) -> None:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        self.path.rename(self.directory / f"audit.{stamp}.jsonl")

    def files(self) -> list[Path]:
        """Rotated files (oldest first, by their UTC stamp), then the current one."""
        rotated = sorted(p for p in self.directory.glob("audit.*.jsonl") if p != self.path)
        return rotated + ([self.path] if self.path.exists() else [])

    def events(self) -> list[Event]:
        out = []
        for path in self.files():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    out.append(Event(**{k: row.get(k, {} if k == "details" else "") for k in COLUMNS}))
        return out


def default_log() -> AuditLog:
    """The log of the configured data directory."""
    return JsonlAuditLog(settings.data_dir() / settings.AUDIT_DIR)


def select(events: list[Event], actions: tuple[str, ...] = (), user: str = "", since: str = "",
           until: str = "") -> list[Event]:
    """Events of the given actions (all if none), user (exact; all if empty) and UTC time range (ISO prefixes)."""
    return [e for e in events if (not actions or e.action in actions) and (not user or e.user == user)
            and (not since or e.time >= since) and (not until or e.time[: len(until)] <= until)]


def to_csv(events: list[Event]) -> bytes:
    """The events as CSV in UTF-8 with BOM (opens in Excel); details as JSON in one column."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for e in events:
        writer.writerow([_cell(v) for v in (e.time, e.user, e.role, e.action, e.target, e.client,
                                            json.dumps(e.details, ensure_ascii=False, sort_keys=True))])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _cell(value: str) -> str:
    """A typed user name such as "=HYPERLINK(…)" must stay text in Excel, not become a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def save_event(entry, role: str = "", client: str = "") -> Event:
    """The audit event of one save or restore (a geo.data.store Entry), as every store writes it."""
    details = {"version": entry.time, "replaced": entry.previous, "restored_from": entry.restored_from,
               "added": entry.added, "changed": entry.changed, "removed": entry.removed, "sha256": entry.sha256,
               "note": entry.note, **({"files": entry.extra["files"]} if entry.extra.get("files") else {})}
    return event(entry.user, role, "restore" if entry.action == "restore" else "save", entry.table, client,
                 **details)
