"""Loading the curated tables into typed DataFrames, behind one small interface."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import geopandas as gpd
import pandas as pd

from geo import settings
from geo.data.schema import BOUNDARY_FILES, TABLES, Table
from geo.data.validate import Problem, Rows, check_dir


class DataError(Exception):
    """The data failed validation; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} data problem(s); first: {problems[0]}")


@dataclass(frozen=True)
class Dataset:
    tables: dict[str, pd.DataFrame]
    boundaries: dict[str, gpd.GeoDataFrame]
    texts: dict[str, str]
    fingerprint: str = ""  # of the files it was loaded from; keys caches of derived objects
    encodings: dict[str, str] = field(default_factory=dict)  # file -> encoding it was saved in (UTF-8, GB18030…)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


class DataSource(Protocol):
    """Anything that yields the dashboard's tables: a directory of files today, a database later."""

    def fingerprint(self) -> str: ...

    def load(self) -> Dataset: ...


def typed_frame(rows: Rows, table: Table) -> pd.DataFrame:
    """Turn validated string rows into a DataFrame with numbers as floats and empty cells as NA."""
    frame = pd.DataFrame([r for _, r in rows], columns=table.column_names, dtype="string")
    for col in table.columns:
        values = frame[col.name].str.strip().replace("", pd.NA)
        if col.kind in ("number", "signed", "lon", "lat"):
            frame[col.name] = pd.to_numeric(values).astype("Float64")
        elif col.kind == "integer":
            frame[col.name] = pd.to_numeric(values).astype("Int64")
        else:
            # plain str/None, so `value or ""` works in formatting code (pd.NA refuses truth tests)
            frame[col.name] = values.astype(object).where(values.notna(), None)
    return frame


def read_boundaries(boundary_dir: Path) -> dict[str, gpd.GeoDataFrame]:
    out = {}
    for name in BOUNDARY_FILES:
        doc = json.loads((boundary_dir / f"{name}.geojson").read_text(encoding="utf-8-sig"))
        out[name] = gpd.GeoDataFrame.from_features(doc["features"], crs="EPSG:4326")
    return out


class DirectorySource:
    """CSV, GeoJSON and source texts in one directory (data/ by default)."""

    def __init__(self, data_dir: Path | None = None):
        self.data_dir = Path(data_dir) if data_dir else settings.data_dir()

    def files(self) -> list[Path]:
        """The data files; hidden folders (the last valid snapshot, .git) are not data."""
        return sorted(p for p in self.data_dir.rglob("*") if p.is_file() and p.suffix in (".csv", ".geojson", ".txt")
                      and not any(part.startswith(".") for part in p.relative_to(self.data_dir).parts))

    def fingerprint(self) -> str:
        """Changes whenever any data file is edited, so caches keyed on it reload."""
        h = hashlib.sha256()
        for p in self.files():
            st = p.stat()
            h.update(f"{p.relative_to(self.data_dir)}:{st.st_size}:{st.st_mtime_ns}".encode())
        return h.hexdigest()

    def load(self) -> Dataset:
        checked = check_dir(self.data_dir)
        if checked.problems:
            raise DataError(checked.problems)
        tables = {name: typed_frame(checked.rows[name], table) for name, table in TABLES.items()}
        return Dataset(tables, read_boundaries(self.data_dir / "boundaries"), checked.texts, self.fingerprint(),
                       checked.encodings)


def load_dataset(data_dir: Path | None = None) -> Dataset:
    return DirectorySource(data_dir).load()


def place_points(ds: Dataset) -> pd.DataFrame:
    """Every referencable place (jurisdictions and named places) with coordinates, indexed by id."""
    j = ds["jurisdictions"].rename(columns={"adcode": "ref"})[["ref", "name_zh", "name_en", "lon", "lat", "precision"]]
    p = ds["places"].rename(columns={"place_id": "ref"})[["ref", "name_zh", "name_en", "lon", "lat", "precision"]]
    return pd.concat([j, p], ignore_index=True).set_index("ref")
