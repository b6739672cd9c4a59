"""No dead ends: a county with no records for a page shows its city's figures, said to be the city's, and staff get
a link to add a report for the county."""
from __future__ import annotations

import streamlit as st

from geo.auth import accounts
from geo.data import filters
from geo.data.filters import Filter, city_of
from geo.data.load import Dataset
from geo.i18n import t
from geo.ui import auth as ui_auth
from geo.ui import cache

INTAKE_TAB = "intake"  # ?tab=intake opens the data page on its "add a report" tab


def city_filter(flt: Filter) -> Filter:
    """The same filter one level up: the cities of the chosen counties, same drug types and years."""
    cities = tuple(dict.fromkeys(city_of(c) for c in flt.counties)) or flt.cities
    return Filter(cities=cities, drugs=flt.drugs, years=flt.years)


def county_or_city(ds: Dataset, flt: Filter, table: str, lang: str) -> Filter:
    """The filter the page shows: the chosen counties when they have records of `table`, else their city's (with a
    note saying so, and for staff a link to add a report); the filter as it is otherwise."""
    if not flt.counties or len(cache.view(ds, table, flt)):
        return flt
    up = city_filter(flt)
    if cache.view(ds, table, up).empty:
        return flt
    period = filters.years_text(flt, lang)
    period = (f"在{period}" if lang == "zh" else f" in {period}") if period else ""
    st.info(t("county_fallback", lang, county=filters.selection_label(ds, flt, lang), period=period,
              city=filters.selection_label(ds, up, lang)))
    if accounts.can_edit(ui_auth.role()):
        st.page_link("pages/data.py", label=t("county_add_report", lang), icon="➕",
                     query_params={"tab": INTAKE_TAB, **({"lang": lang} if lang != "zh" else {})})
    return up


def default_tab(names: list[str], lang: str) -> str | None:
    """The data page's tab to open first: the report intake when the link above asked for it."""
    if st.query_params.get("tab") == INTAKE_TAB and "data_tab_intake" in names:
        return t("data_tab_intake", lang)
    return None
