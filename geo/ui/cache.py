"""The cache boundary: the data to show, and what is derived from it, computed once per data version.

Every cached result is keyed on a `Version`: where the data comes from, its fingerprint, and whether it is the
public view (visitors who are not signed in as staff see public records only). Results are shared objects
(cache_resource: cache_data would unpickle a copy on every rerun); no code modifies them in place."""
from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd
import streamlit as st

from geo.charts import tiles
from geo.charts.tables import all_records
from geo.data import filters
from geo.data.filters import Filter, drug_options, public_dataset, year_span
from geo.data.load import Dataset
from geo.data.schema import TABLES
from geo.data.snapshot import Loaded
from geo.data.tablestore import TableStore
from geo.ui import auth as ui_auth
from geo.ui import banners, sources


@dataclass(frozen=True)
class Version:
    """What a cached result is keyed on."""

    source: str  # the data folder, or the database (sources.DB_KEY and its URL without the password)
    fingerprint: str  # of the data as it was loaded
    public: bool  # the public view: public records only (filters.public_dataset)


@dataclass(frozen=True)
class Shown(Dataset):
    """A dataset as the app shows it, with the version its derived views are cached under."""

    version: Version | None = None


@st.cache_resource(show_spinner=False, max_entries=4)
def _loaded(source: str, fingerprint: str) -> Loaded:
    """Keyed on the data's fingerprint, so an edited file is reloaded (and validated) on the next rerun."""
    return sources.load(source, fingerprint)


@st.cache_resource(show_spinner=False, max_entries=8)
def shown(version: Version) -> Shown:
    """The dataset of a version: the loaded data, or its public view."""
    ds = _loaded(version.source, version.fingerprint).dataset
    if ds is None:
        raise LookupError(f"no valid data with fingerprint {version.fingerprint} in {version.source}")
    chosen = public_dataset(ds) if version.public else ds
    return Shown(**{f.name: getattr(chosen, f.name) for f in fields(Dataset)}, version=version)


def version(ds: Dataset) -> Version:
    """The version a dataset from `dataset` or `shown` is cached under."""
    if not isinstance(ds, Shown) or ds.version is None:
        raise TypeError("derived views are cached for the dataset the app shows (cache.dataset), not a copy")
    return ds.version


def dataset(lang: str, banner: bool = False) -> Shown:
    """The data to show, once per run. When a file is broken: the last valid version and, with `banner`, the
    problems; if no version was ever valid, the problems and a stop. Visitors get the public view."""
    key, fingerprint = sources.current(lang, banner)
    loaded = sources.guarded(lambda: _loaded(key, fingerprint), lang)
    if banner and loaded.problems:
        banners.data_banner(loaded, lang)
    if loaded.dataset is None:
        st.stop()
    return shown(Version(key, loaded.dataset.fingerprint, public=not ui_auth.sees_internal()))


def table_store() -> TableStore:
    """Where the data page saves (the folder or the database), behind one interface."""
    return sources.table_store()


@st.cache_resource(show_spinner=False, max_entries=256)
def _view(version: Version, table: str, flt: Filter) -> pd.DataFrame:
    return filters.view(shown(version).tables, table, flt)


def view(ds: Dataset, table: str, flt: Filter) -> pd.DataFrame:
    """The rows of a table the filter selects, computed once per dataset and filter (see filters.view)."""
    return _view(version(ds), table, flt)


@st.cache_resource(show_spinner=False, max_entries=32)
def _records(version: Version, flt: Filter) -> pd.DataFrame:
    ds = shown(version)
    chosen = {name: filters.view(ds, name, flt) for name, spec in TABLES.items() if spec.provenance}
    found = all_records({**ds.tables, **chosen})
    return found[filters.matches(found["adcode"], flt)]


def records(ds: Dataset, flt: Filter) -> pd.DataFrame:
    """Every record with provenance the filter selects (geo.charts.tables.all_records), built once per filter."""
    return _records(version(ds), flt)


@st.cache_resource(show_spinner=False, max_entries=8)
def _options(version: Version) -> tuple[list[str], tuple[int, int] | None]:
    ds = shown(version)
    return drug_options(ds), year_span(ds)


def filter_options(ds: Dataset) -> tuple[list[str], tuple[int, int] | None]:
    """Drug types present and the years the data's periods span, computed once per dataset."""
    return _options(version(ds))


@st.cache_resource(show_spinner=False, max_entries=64)
def _tiles(version: Version, flt: Filter, lang: str) -> list[tiles.Tile]:
    return tiles.tiles(shown(version), flt, lang)


def key_tiles(ds: Dataset, flt: Filter, lang: str) -> list[tiles.Tile]:
    """Key-figure tiles of the filter (geo/charts/tiles.py), computed once per dataset, filter and language."""
    return _tiles(version(ds), flt, lang)
