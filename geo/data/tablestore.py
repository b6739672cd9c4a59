"""The one interface the data page saves through: files (geo.data.store) or a database (geo.db.store)."""
from __future__ import annotations

from collections.abc import Callable
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

    def save(self, table: str, text: str, user: str, note: str = "", expected_sha: str | None = None,
             role: str = "", client: str = "") -> Entry: ...

    def restore(self, table: str, version: str, user: str, note: str = "",
                expected_sha: str | None = None, role: str = "", client: str = "") -> Entry: ...

    def validate_candidates(self, texts: dict[str, str], files: dict[str, bytes] | None = None) -> list[Problem]: ...

    def save_tables(self, texts: dict[str, str], user: str, note: str = "", files: dict[str, bytes] | None = None,
                    expected: dict[str, str] | None = None, role: str = "", client: str = "") -> list[Entry]:
        """Several tables and new source documents (files: sources/NAME.txt → bytes) as one validated change."""
        ...

    def source_names(self) -> list[str]:
        """The file names of the source documents kept (sources/NAME.txt in a folder, source_texts in a database)."""
        ...

    def log(self, table: str | None = None) -> list[Entry]: ...

    def versions(self, table: str) -> list[str]: ...

    def read_version(self, version: str) -> str: ...

    def version_label(self, version: str) -> str: ...


Audit = Callable[[list[Entry], str, str], None]  # (entries written, role, client): records the save


@dataclass(frozen=True)
class FileStore:
    """The data folder: every call is the function of geo.data.store with the folder filled in; `audit` (given by
    geo.backend) records each save in the audit log."""

    data_dir: Path
    audit: Audit | None = None

    def _audited(self, entries: list[Entry], role: str, client: str) -> list[Entry]:
        if self.audit is not None:
            self.audit(entries, role, client)
        return entries

    def current_sha(self, table: str) -> str:
        return store.current_sha(self.data_dir, table)

    def read_current(self, table: str) -> str:
        return store.read_current(self.data_dir, table)

    def validate_candidate(self, table: str, text: str) -> list[Problem]:
        return store.validate_candidate(self.data_dir, table, text)

    def save(self, table: str, text: str, user: str, note: str = "", expected_sha: str | None = None,
             role: str = "", client: str = "") -> Entry:
        entry = store.save(self.data_dir, table, text, user, note, expected_sha)
        return self._audited([entry], role, client)[0]

    def restore(self, table: str, version: str, user: str, note: str = "",
                expected_sha: str | None = None, role: str = "", client: str = "") -> Entry:
        entry = store.restore(self.data_dir, table, version, user, note, expected_sha)
        return self._audited([entry], role, client)[0]

    def validate_candidates(self, texts: dict[str, str], files: dict[str, bytes] | None = None) -> list[Problem]:
        return store.validate_candidates(self.data_dir, texts, files)

    def save_tables(self, texts: dict[str, str], user: str, note: str = "", files: dict[str, bytes] | None = None,
                    expected: dict[str, str] | None = None, role: str = "", client: str = "") -> list[Entry]:
        return self._audited(store.save_tables(self.data_dir, texts, user, note, files, expected), role, client)

    def source_names(self) -> list[str]:
        folder = Path(self.data_dir) / "sources"
        return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []

    def log(self, table: str | None = None) -> list[Entry]:
        return store.log(self.data_dir, table)

    def versions(self, table: str) -> list[str]:
        return store.versions(self.data_dir, table)

    def read_version(self, version: str) -> str:
        return store.read_version(self.data_dir, version)

    def version_label(self, version: str) -> str:
        return store.version_label(version)
