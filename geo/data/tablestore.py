"""The one interface the data page saves through: files (geo.data.store) or a database (geo.db.store)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from geo.data import store
from geo.data.store import Entry, StoreError
from geo.data.validate import Problem


class Unavailable(StoreError):
    """Where the data is kept cannot be reached (a database that is down): nothing was read or written."""


class TableStore(Protocol):
    """Validated saves of one table with history, restore and a conflict check (see geo/data/store.py)."""

    def current_sha(self, table: str) -> str: ...

    def read_current(self, table: str) -> str: ...

    def validate_candidate(self, table: str, text: str) -> list[Problem]: ...

    def save(self, table: str, text: str, user: str, note: str = "", expected_sha: str | None = None) -> Entry: ...

    def restore(self, table: str, version: str, user: str, note: str = "",
                expected_sha: str | None = None) -> Entry: ...

    def log(self, table: str | None = None) -> list[Entry]: ...

    def versions(self, table: str) -> list[str]: ...

    def read_version(self, version: str) -> str: ...

    def version_label(self, version: str) -> str: ...


@dataclass(frozen=True)
class FileStore:
    """The data folder: every call is the function of geo.data.store with the folder filled in."""

    data_dir: Path

    def current_sha(self, table: str) -> str:
        return store.current_sha(self.data_dir, table)

    def read_current(self, table: str) -> str:
        return store.read_current(self.data_dir, table)

    def validate_candidate(self, table: str, text: str) -> list[Problem]:
        return store.validate_candidate(self.data_dir, table, text)

    def save(self, table: str, text: str, user: str, note: str = "", expected_sha: str | None = None) -> Entry:
        return store.save(self.data_dir, table, text, user, note, expected_sha)

    def restore(self, table: str, version: str, user: str, note: str = "",
                expected_sha: str | None = None) -> Entry:
        return store.restore(self.data_dir, table, version, user, note, expected_sha)

    def log(self, table: str | None = None) -> list[Entry]:
        return store.log(self.data_dir, table)

    def versions(self, table: str) -> list[str]:
        return store.versions(self.data_dir, table)

    def read_version(self, version: str) -> str:
        return store.read_version(self.data_dir, version)

    def version_label(self, version: str) -> str:
        return store.version_label(version)
