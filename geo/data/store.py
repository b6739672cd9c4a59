"""Staff updates of one table: validate a replacement, diff it, write it atomically, keep every earlier version.

Layout under the data directory:
    .history/<table>/<timestamp>__<user>.csv   a version that was replaced (never deleted)
    .history/log.jsonl                         one JSON line per save or restore
    .history/.lock                             held around every read-check-write, across threads and processes
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from filelock import FileLock

from geo.data.schema import TABLES, Table
from geo.data.validate import Problem, validate_dir

HISTORY = ".history"
LOG = "log.jsonl"
LOCK_TIMEOUT = 60  # seconds; a save holds the lock for about one validation (~1 s)
DIFF_KEYS = {"route_waypoints": ("route_id", "seq")}  # tables without an id column: what identifies a row


class StoreError(Exception):
    """A save or restore was refused; `problems` lists validation problems when that is why."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


class Conflict(StoreError):
    """The file changed since the preview was made (another person saved first)."""


@dataclass(frozen=True)
class Diff:
    key: tuple[str, ...]
    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame  # one row per changed cell: key columns, column, old, new
    changed_rows: int

    @property
    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "changed": self.changed_rows, "removed": len(self.removed)}


@dataclass(frozen=True)
class Entry:
    """One line of the history log."""

    time: str
    user: str
    table: str
    action: str  # update | restore
    added: int
    changed: int
    removed: int
    note: str = ""
    previous: str = ""  # history file (relative to .history/) holding the version this save replaced
    restored_from: str = ""
    sha256: str = ""  # of the version written
    extra: dict = field(default_factory=dict)


def decode(raw: bytes) -> str:
    """Text of an uploaded file: UTF-8 (with or without BOM), else GB18030 (Excel on Chinese Windows)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def current_sha(data_dir: Path, table: str) -> str:
    """Hash of the table's current file ("" when there is none); a preview remembers it to detect conflicts."""
    path = Path(data_dir) / TABLES[table].file
    return sha256(path.read_bytes()) if path.exists() else ""


def validate_candidate(data_dir: Path, table: str, text: str) -> list[Problem]:
    """Problems of the data directory as it would be with `text` as the table: references are checked against
    the other current files (linked, not copied, into a scratch directory)."""
    data_dir = Path(data_dir)
    with tempfile.TemporaryDirectory(prefix="candidate-") as tmp:
        scratch = Path(tmp)
        for entry in data_dir.iterdir():
            if entry.name != TABLES[table].file and not entry.name.startswith("."):
                (scratch / entry.name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
        (scratch / TABLES[table].file).write_text(text, encoding="utf-8")
        _, problems = validate_dir(scratch)
    return problems


def _frame(text: str) -> pd.DataFrame:
    """All cells as stripped strings, blank rows dropped (as the validator reads them)."""
    if not text.strip():
        return pd.DataFrame()
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=True)
    return frame.apply(lambda col: col.str.strip())


def diff_key(table: Table) -> tuple[str, ...]:
    return (table.key,) if table.key else DIFF_KEYS.get(table.name, tuple(table.column_names))


def diff(old_text: str, new_text: str, table: str) -> Diff:
    """Rows added, removed and changed between two versions of a table, matched on its id column."""
    spec = TABLES[table]
    key = list(diff_key(spec))
    old, new = _frame(old_text), _frame(new_text)
    columns = [c for c in spec.column_names if c in old.columns or c in new.columns]
    old, new = (f.reindex(columns=columns, fill_value="") for f in (old, new))
    # a broken file may repeat an id: the first row of each id is compared, as a reader would see it
    old_idx = old.drop_duplicates(subset=key).set_index(key, drop=False)
    new_idx = new.drop_duplicates(subset=key).set_index(key, drop=False)
    added = new_idx[~new_idx.index.isin(old_idx.index)].reset_index(drop=True)
    removed = old_idx[~old_idx.index.isin(new_idx.index)].reset_index(drop=True)
    both = old_idx.index.intersection(new_idx.index)
    before, after = old_idx.loc[both, columns], new_idx.loc[both, columns]
    differs = before.ne(after)
    flags = differs.stack()
    spots = [(i[:-1] if len(key) > 1 else i[0], i[-1]) for i in flags[flags].index]
    cells = [{**dict(zip(key, k if len(key) > 1 else (k,))), "column": col, "old": before.at[k, col],
              "new": after.at[k, col]} for k, col in spots]
    changed = pd.DataFrame(cells, columns=[*key, "column", "old", "new"])
    n_rows = int(differs.any(axis=1).sum())
    return Diff(tuple(key), added, removed, changed, n_rows)


def _history(data_dir: Path) -> Path:
    path = Path(data_dir) / HISTORY
    path.mkdir(exist_ok=True)
    return path


def lock(data_dir: Path) -> FileLock:
    """One lock per data directory: saves and restores of any table run one at a time."""
    return FileLock(str(_history(data_dir) / ".lock"), timeout=LOCK_TIMEOUT)


def safe_user(user: str) -> str:
    """A user name usable in a file name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", user.strip())[:40] or "anonymous"


def atomic_write(path: Path, data: bytes) -> None:
    """Write beside the target, flush to disk, then rename over it: readers see the old or the new file whole."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep(data_dir: Path, table: str, user: str, stamp: str) -> str:
    """Copy the current file into the history folder; returns its path relative to .history/ ("" if none)."""
    current = Path(data_dir) / TABLES[table].file
    if not current.exists():
        return ""
    folder = _history(data_dir) / table
    folder.mkdir(exist_ok=True)
    target = folder / f"{stamp}__{safe_user(user)}.csv"
    n = 1
    while target.exists():  # two saves in one microsecond: never overwrite a kept version
        n += 1
        target = folder / f"{stamp}-{n}__{safe_user(user)}.csv"
    atomic_write(target, current.read_bytes())
    return str(target.relative_to(_history(data_dir)))


def _append_log(data_dir: Path, entry: Entry) -> None:
    with open(_history(data_dir) / LOG, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry.__dict__, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _write_version(data_dir: Path, table: str, text: str, user: str, action: str, note: str,
                   expected_sha: str | None, restored_from: str = "") -> Entry:
    """The read-check-write, under the lock: conflict check, validation, keep the old version, replace, log."""
    data_dir = Path(data_dir)
    path = data_dir / TABLES[table].file
    with lock(data_dir):
        old = path.read_bytes() if path.exists() else b""
        if expected_sha is not None and sha256(old) != expected_sha:
            raise Conflict(f"{path.name} was changed by someone else since the preview; review it again")
        problems = validate_candidate(data_dir, table, text)
        if problems:
            raise StoreError(f"{len(problems)} problem(s); nothing was written", problems)
        counts = diff(decode(old), text, table).counts
        stamp = _stamp()
        previous = _keep(data_dir, table, user, stamp)
        data = text.encode("utf-8")
        atomic_write(path, data)
        entry = Entry(stamp, user, table, action, counts["added"], counts["changed"], counts["removed"], note,
                      previous, restored_from, sha256(data))
        _append_log(data_dir, entry)
    return entry


def save(data_dir: Path, table: str, text: str, user: str, note: str = "",
         expected_sha: str | None = None) -> Entry:
    """Replace a table with validated text (stored as UTF-8); the replaced version goes to history first."""
    if table not in TABLES:
        raise StoreError(f"unknown table {table!r}")
    return _write_version(data_dir, table, text, user, "update", note, expected_sha)


def restore(data_dir: Path, table: str, version: str, user: str, note: str = "",
            expected_sha: str | None = None) -> Entry:
    """Make a kept version current again; the version it replaces is kept too, and the restore is logged."""
    source = (_history(data_dir) / version).resolve()
    if source.parent != (_history(data_dir) / table).resolve() or not source.is_file():
        raise StoreError(f"no kept version {version!r} of {table}")
    return _write_version(data_dir, table, decode(source.read_bytes()), user, "restore", note, expected_sha,
                          restored_from=version)


def log(data_dir: Path, table: str | None = None) -> list[Entry]:
    """Every logged save and restore, oldest first (of one table when given)."""
    path = Path(data_dir) / HISTORY / LOG
    if not path.exists():
        return []
    entries = [Entry(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [e for e in entries if table is None or e.table == table]


def stamp_label(stamp: str) -> str:
    """20261125T062201123456Z → 2026-11-25 06:22:01 UTC."""
    try:
        when = datetime.strptime(stamp[:21], "%Y%m%dT%H%M%S%f")
    except ValueError:
        return stamp
    return when.strftime("%Y-%m-%d %H:%M:%S UTC")


def version_label(version: str) -> str:
    """checkpoints/20261125T062201123456Z__alice.csv → 2026-11-25 06:22:01 UTC · alice."""
    stem = Path(version).stem
    stamp, _, user = stem.partition("__")
    return f"{stamp_label(stamp.split('-')[0])} · {user}"


def versions(data_dir: Path, table: str) -> list[str]:
    """Kept versions of a table, newest first, as paths relative to .history/."""
    folder = Path(data_dir) / HISTORY / table
    if not folder.is_dir():
        return []
    return [f"{table}/{p.name}" for p in sorted(folder.glob("*.csv"), reverse=True)]


def read_version(data_dir: Path, version: str) -> str:
    return decode((Path(data_dir) / HISTORY / version).read_bytes())


def read_current(data_dir: Path, table: str) -> str:
    path = Path(data_dir) / TABLES[table].file
    return decode(path.read_bytes()) if path.exists() else ""



# --- Saving several tables and new source documents at once (report intake) ---

def _scratch_with(data_dir: Path, scratch: Path, texts: dict[str, str], files: dict[str, bytes]) -> None:
    """Link the current data into scratch, then put the candidate tables and new files in their places."""
    replaced = {TABLES[t].file for t in texts} | {f.split("/")[0] for f in files}
    for entry in Path(data_dir).iterdir():
        if entry.name not in replaced and not entry.name.startswith("."):
            (scratch / entry.name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
    for rel in {f.split("/")[0] for f in files if "/" in f}:
        (scratch / rel).mkdir()
        for entry in (Path(data_dir) / rel).iterdir():
            (scratch / rel / entry.name).symlink_to(entry.resolve())
    for table, text in texts.items():
        (scratch / TABLES[table].file).write_text(text, encoding="utf-8")
    for rel, data in files.items():
        target = scratch / rel
        target.unlink(missing_ok=True)
        target.write_bytes(data)


def validate_candidates(data_dir: Path, texts: dict[str, str], files: dict[str, bytes] | None = None) -> list[Problem]:
    """Problems of the data directory as it would be with every given table replaced and the given files
    (paths relative to the data directory, e.g. sources/x.txt) added."""
    with tempfile.TemporaryDirectory(prefix="candidate-") as tmp:
        _scratch_with(Path(data_dir), Path(tmp), texts, files or {})
        _, problems = validate_dir(Path(tmp))
    return problems


def _new_files(data_dir: Path, files: dict[str, bytes]) -> dict[str, bytes]:
    """Files to add: an existing file is never overwritten (the same content is simply kept)."""
    out = {}
    for rel, data in files.items():
        path = (Path(data_dir) / rel).resolve()
        if Path(data_dir).resolve() not in path.parents:
            raise StoreError(f"{rel}: outside the data directory")
        if path.exists():
            if path.read_bytes() != data:
                raise StoreError(f"{rel} exists with other content; nothing was written")
            continue
        out[rel] = data
    return out


def save_tables(data_dir: Path, texts: dict[str, str], user: str, note: str = "",
                files: dict[str, bytes] | None = None, expected: dict[str, str] | None = None) -> list[Entry]:
    """Replace several tables and add new files as one change: one lock, all validated together, every replaced
    version kept and logged (each table restores on its own, as after an upload)."""
    data_dir = Path(data_dir)
    with lock(data_dir):
        for table in texts:
            if expected and table in expected and current_sha(data_dir, table) != expected[table]:
                raise Conflict(f"{TABLES[table].file} was changed by someone else since the preview; review it again")
        added = _new_files(data_dir, files or {})
        problems = validate_candidates(data_dir, texts, files)
        if problems:
            raise StoreError(f"{len(problems)} problem(s); nothing was written", problems)
        for rel, data in added.items():
            atomic_write(data_dir / rel, data)
        entries, batch = [], _stamp()
        for table, text in texts.items():
            old = read_current(data_dir, table)
            counts = diff(old, text, table).counts
            stamp = _stamp()
            previous = _keep(data_dir, table, user, stamp)
            data = text.encode("utf-8")
            atomic_write(data_dir / TABLES[table].file, data)
            entry = Entry(stamp, user, table, "update", counts["added"], counts["changed"], counts["removed"], note,
                          previous, "", sha256(data), {"batch": batch, "files": sorted(added)})
            _append_log(data_dir, entry)
            entries.append(entry)
    return entries
