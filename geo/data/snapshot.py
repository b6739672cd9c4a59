"""Never down on bad data: serve the last valid version of the data when an edited file fails validation.

Every load first copies the data files into a private staging folder and validates that copy, so what is
served and what is kept are exactly the bytes that passed (a file saved half-way through a load cannot slip in).
A copy that passes becomes the snapshot `<data_dir>/.last_valid/v-<fingerprint>/`, published by renaming the
folder and replacing the `CURRENT` manifest with os.replace, both atomic: a crash leaves the old or the new
snapshot, never a mix. The snapshot survives a server restart; the newest valid Dataset of this process is also
kept in memory, which covers a data folder the app cannot write to.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from geo import settings
from geo.data.load import DataError, Dataset, DirectorySource
from geo.data.problems_zh import expected_zh
from geo.data.schema import BOUNDARY_FILES, TABLES
from geo.data.validate import Problem
from geo.i18n import t

log = logging.getLogger(__name__)

MANIFEST = "CURRENT"
STALE_STAGING_SECONDS = 600  # staging folders older than this were left by a crashed load
_LOCK = threading.Lock()
_MEMORY: dict[str, tuple[Dataset, str]] = {}  # resolved data dir -> (newest valid Dataset, when it was loaded)


@dataclass(frozen=True)
class Loaded:
    """What to serve and why: the files' data, else the last valid version with the problems, else nothing."""

    dataset: Dataset | None
    problems: tuple[Problem, ...] = ()
    saved_at: str = ""  # when the last valid version being served was saved (only when problems)

    @property
    def stale(self) -> bool:
        return bool(self.problems) and self.dataset is not None


def snapshot_root(data_dir: Path) -> Path:
    return Path(data_dir) / settings.LAST_VALID_DIR


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def data_files(data_dir: Path) -> list[Path]:
    """The files validation reads (tables, boundaries, source texts); working files such as .last_valid/ are not."""
    wanted = [data_dir / t.file for t in TABLES.values()]
    wanted += [data_dir / "boundaries" / f"{name}.geojson" for name in BOUNDARY_FILES]
    return [p for p in wanted if p.is_file()] + sorted((data_dir / "sources").glob("*.txt"))


def _stage(data_dir: Path) -> Path | None:
    """A private copy of the data files (mtimes kept, so the fingerprint is the same), or None if unwritable."""
    staging = None
    try:
        snapshot_root(data_dir).mkdir(exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="staging-", dir=snapshot_root(data_dir)))
        for path in data_files(data_dir):
            target = staging / path.relative_to(data_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        return staging
    except OSError as exc:
        log.warning("cannot stage %s (%s); validating in place, last valid version kept in memory", data_dir, exc)
        _discard(staging)
        return None


def _discard(path: Path | None) -> None:
    if path is not None:
        shutil.rmtree(path, ignore_errors=True)


def _promote(data_dir: Path, staging: Path, fingerprint: str) -> None:
    """Publish a validated staging copy as the last valid snapshot and drop older ones."""
    root = snapshot_root(data_dir)
    version = root / f"v-{fingerprint[:16]}"
    with _LOCK:
        try:
            staging.rename(version)
        except OSError:  # this version is already saved (by another session or process)
            _discard(staging)
        manifest = {"version": version.name, "fingerprint": fingerprint, "saved_at": _now()}
        fd, tmp = tempfile.mkstemp(prefix=".manifest-", dir=root)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh)
        os.replace(tmp, root / MANIFEST)
        _prune(root, keep=version.name)


def _prune(root: Path, keep: str) -> None:
    for path in root.iterdir():
        old_staging = path.name.startswith("staging-") and time.time() - path.stat().st_mtime > STALE_STAGING_SECONDS
        if (path.name.startswith("v-") and path.name != keep) or old_staging:
            _discard(path)


def read_snapshot(data_dir: Path) -> tuple[Dataset, str] | None:
    """The snapshot on disk, validated again (a damaged snapshot is no snapshot), with when it was saved."""
    root = snapshot_root(data_dir)
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        return DirectorySource(root / manifest["version"]).load(), str(manifest["saved_at"])
    except (OSError, ValueError, KeyError, TypeError, DataError) as exc:
        log.info("no usable last valid snapshot in %s (%s)", root, exc)
        return None


def last_valid(data_dir: Path) -> tuple[Dataset, str] | None:
    """This process's newest valid Dataset, else the snapshot on disk (after a restart)."""
    return _MEMORY.get(str(Path(data_dir).resolve())) or read_snapshot(data_dir)


def _validated(folder: Path) -> Dataset:
    """Load a folder; any failure becomes a DataError, so odd input can never take the app down."""
    try:
        return DirectorySource(folder).load()
    except DataError:
        raise
    except Exception as exc:  # validation should have caught it: report it and keep serving
        log.exception("loading %s failed after validation", folder)
        raise DataError([Problem("(loader)", None, None, None, f"data the dashboard can load ({exc!r})")]) from exc


def load_safely(data_dir: Path) -> Loaded:
    """Load and validate the data; on problems fall back to the last valid version (problems say why)."""
    data_dir = Path(data_dir)
    staging = _stage(data_dir)
    try:
        ds = _validated(staging or data_dir)
    except DataError as err:
        _discard(staging)
        fallback = last_valid(data_dir)
        return Loaded(fallback[0] if fallback else None, tuple(err.problems), fallback[1] if fallback else "")
    if staging is not None:
        try:
            _promote(data_dir, staging, ds.fingerprint)
        except OSError as exc:
            log.warning("cannot save the last valid snapshot of %s (%s)", data_dir, exc)
            _discard(staging)
    _MEMORY[str(data_dir.resolve())] = (ds, _now())
    return Loaded(ds)


def describe(problem: Problem, lang: str) -> str:
    """One problem in the staff's language: file, line, column, value and what was expected."""
    parts = [problem.file]
    if problem.line:
        parts.append(t("problem_line", lang, line=problem.line))
    if problem.column:
        parts.append(t("problem_column", lang, column=problem.column))
    if problem.value is not None:
        parts.append(t("problem_value", lang, value=problem.value[:80]))
    sep = "，" if lang == "zh" else ", "
    return sep.join(parts) + t("problem_expected", lang, expected=expected_text(problem, lang))


def expected_text(problem: Problem, lang: str) -> str:
    return expected_zh(problem.expected) if lang == "zh" else problem.expected


def problem_frame(problems: tuple[Problem, ...] | list[Problem], lang: str) -> pd.DataFrame:
    """The problems as a table with translated headers (shown with st.dataframe, which never renders HTML)."""
    rows = [{"file": p.file, "line": p.line, "column": p.column or "", "value": p.value or "",
             "expected": expected_text(p, lang)} for p in problems]
    frame = pd.DataFrame(rows, columns=["file", "line", "column", "value", "expected"])
    frame["line"] = frame["line"].astype("Int64")
    return frame.rename(columns={c: t(c, lang) for c in frame.columns})


def encoding_frame(ds: Dataset, lang: str) -> pd.DataFrame:
    """Which encoding each data file was read in (UTF-8, UTF-8 with BOM, GB18030)."""
    return pd.DataFrame(sorted(ds.encodings.items()), columns=[t("file", lang), t("encoding", lang)])


def saved_label(saved_at: str) -> str:
    """'2026-11-25T06:10:00+00:00' → '2026-11-25 06:10' for the banner."""
    return saved_at[:16].replace("T", " ")
