"""What the router (dashboard.py) hands every page on a run: the data shown, the filter the sidebar set, and the
language. Set once per run before the page runs; pages read it and never rebuild it."""
from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from geo.data.filters import Filter
from geo.data.load import Dataset

KEY = "_run"


class Run(NamedTuple):
    ds: Dataset
    flt: Filter
    lang: str


def begin(ds: Dataset, flt: Filter, lang: str) -> Run:
    """The router, once per run, after the sidebar: what every page of this run reads."""
    st.session_state[KEY] = run = Run(ds, flt, lang)
    return run


def route_through_dashboard() -> None:
    """Streamlit treats a fresh server with a pages/ folder as a v1 multipage app until st.navigation has run
    once, and would then run a page file without dashboard.py (no sidebar, no layout). Switch v1 off and rerun,
    so dashboard.py routes every page from the first request on."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current() -> Run:
    """The data, filter and language of this run (a page's first line: `ds, flt, lang = run.current()`)."""
    route_through_dashboard()
    found = st.session_state.get(KEY)
    if not isinstance(found, Run):
        st.rerun()  # a page ran before the router: run again, through dashboard.py
    return found
