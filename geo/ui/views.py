"""Derived tables the pages show, built once per data version, filter and language and shared by every session
(cache_resource: read-only frames, callers never modify them)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.charts import provenance, tables
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.ui import cache
from geo.ui.cache import Version


@st.cache_resource(show_spinner=False, max_entries=64)
def _readable(version: Version, flt: Filter, lang: str) -> pd.DataFrame:
    ds = cache.shown(version)
    return tables.readable_records(provenance.ordered(cache.records(ds, flt)), ds.tables, lang)


def readable_records(ds: Dataset, flt: Filter, lang: str) -> pd.DataFrame:
    """Every record the filter selects as people read it (tables.readable_records), figures first and places last:
    one row lookup per record, the most expensive part of the sources page, so built once rather than on every
    rerun and search."""
    return _readable(cache.version(ds), flt, lang)
