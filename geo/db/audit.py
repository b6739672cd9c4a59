"""The audit log in the database: the AuditLog of geo/auth/audit.py, one row per event, append-only (a
trigger refuses UPDATE, DELETE and TRUNCATE), so every app server writes to the same trail."""
from __future__ import annotations

import json
import sqlalchemy as sa

from geo.auth.audit import Event
from geo.db.engine import engine


INSERT_EVENT = ("INSERT INTO audit_log (time, user_name, role, action, target, client, details) "
                "VALUES (:time, :user, :role, :action, :target, :client, CAST(:details AS json))")


def event_params(entry: Event) -> dict:
    return {"time": entry.time, "user": entry.user, "role": entry.role, "action": entry.action,
            "target": entry.target, "client": entry.client,
            "details": json.dumps(entry.details, ensure_ascii=False, sort_keys=True)}


class DbAuditLog:
    """audit_log table (migration 0002): `append` commits before it returns; `events` oldest first."""

    def __init__(self, url: str):
        self.url = url

    def append(self, entry: Event) -> None:
        with engine(self.url).begin() as conn:
            conn.execute(sa.text(INSERT_EVENT), event_params(entry))

    def events(self) -> list[Event]:
        with engine(self.url).connect() as conn:
            found = conn.execute(sa.text("SELECT time, user_name, role, action, target, client, details "
                                         "FROM audit_log ORDER BY id")).all()
        return [Event(time=row.time, user=row.user_name, role=row.role, action=row.action, target=row.target,
                      client=row.client, details=dict(row.details)) for row in found]
