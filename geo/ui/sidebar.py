"""The sidebar: language and the shared filter (place, drug type, years), mirrored in the URL so that a copied
link opens the same view. The sidebar is the only writer of the filter; it returns it to the router."""
from __future__ import annotations

import streamlit as st

from geo import settings
from geo.data.filters import Filter, city_options, county_options
from geo.data.load import Dataset
from geo.i18n import label, place_names, t
from geo.ui import cache

KEY_LANG, KEY_CITY, KEY_COUNTY, KEY_DRUG = "lang", "city", "county", "drug"
KEY_PERIOD, KEY_FROM, KEY_TO = "period", "from", "to"
KEY_MODE, KEY_BRIEFING, BRIEFING = "mode", "briefing", "briefing"  # ?mode=briefing ⇄ session_state["briefing"]
KEY_SPAN = "_year_span"  # the data's full year range, remembered so reset can restore it


def language() -> str:
    lang = st.session_state.get(KEY_LANG, settings.DEFAULT_LANGUAGE)
    return lang if lang in settings.LANGUAGES else settings.DEFAULT_LANGUAGE


def _reset() -> None:
    """Clear every filter: places, drug types and years (the language stays)."""
    st.session_state[KEY_CITY] = []
    st.session_state[KEY_COUNTY] = []
    st.session_state[KEY_DRUG] = []
    if KEY_SPAN in st.session_state:
        st.session_state[KEY_PERIOD] = st.session_state[KEY_SPAN]


def _url_years(span: tuple[int, int] | None) -> tuple[int, int] | None:
    """?from=2018&to=2021 as a year range inside the data's span; either end may be left out."""
    if span is None:
        return None
    years = []
    for key, default in ((KEY_FROM, span[0]), (KEY_TO, span[1])):
        raw = st.query_params.get(key, "")
        years.append(min(max(int(raw), span[0]), span[1]) if raw.isdigit() else default)
    return (years[0], years[1]) if years[0] <= years[1] else None


def _state_from_url(ds: Dataset) -> None:
    """Once per session: a shared link (?city=…&county=…&drug=…&from=…&to=…&lang=en) sets filter and language."""
    if st.session_state.get("_url_loaded"):
        return
    st.session_state["_url_loaded"] = True
    params = st.query_params
    if params.get(KEY_MODE) == BRIEFING:
        st.session_state[KEY_BRIEFING] = True
    if params.get(KEY_LANG) in settings.LANGUAGES:
        st.session_state[KEY_LANG] = params[KEY_LANG]
    cities = [c for c in params.get_all(KEY_CITY) if c in city_options(ds["jurisdictions"], ds)]
    counties = [c for c in params.get_all(KEY_COUNTY) if c in county_options(ds["jurisdictions"], tuple(cities))]
    if cities or counties:
        st.session_state[KEY_CITY], st.session_state[KEY_COUNTY] = cities, counties
    drug_codes, span = cache.filter_options(ds)
    drugs = [d for d in params.get_all(KEY_DRUG) if d in drug_codes]
    if drugs:
        st.session_state[KEY_DRUG] = drugs
    years = _url_years(span)
    if years:
        st.session_state[KEY_PERIOD] = years


def _state_to_url(flt: Filter, lang: str) -> None:
    """Mirror the view in the URL, so a copied link opens exactly this view (codes, years, language code)."""
    wanted = {KEY_CITY: list(flt.cities), KEY_COUNTY: list(flt.counties), KEY_DRUG: list(flt.drugs),
              KEY_FROM: [str(flt.years[0])] if flt.years else [], KEY_TO: [str(flt.years[1])] if flt.years else [],
              KEY_LANG: [lang] if lang != settings.DEFAULT_LANGUAGE else [],
              KEY_MODE: [BRIEFING] if st.session_state.get(KEY_BRIEFING) else []}
    current = {k: st.query_params.get_all(k) for k in wanted}
    if current != wanted:
        st.query_params.from_dict({k: v for k, v in wanted.items() if v})


def _place_widgets(ds: Dataset, names: dict[str, str], lang: str) -> tuple[list[str], list[str]]:
    cities = st.multiselect(t("filter_cities", lang), city_options(ds["jurisdictions"], ds), key=KEY_CITY,
                            format_func=lambda c: names.get(c, c), placeholder=t("all", lang))
    options = county_options(ds["jurisdictions"], tuple(cities))
    if any(c not in options for c in st.session_state.get(KEY_COUNTY, [])):
        st.session_state[KEY_COUNTY] = [c for c in st.session_state[KEY_COUNTY] if c in options]
    counties = st.multiselect(t("filter_counties", lang), options, key=KEY_COUNTY,
                              format_func=lambda c: names.get(c, c), placeholder=t("all", lang))
    return cities, counties


def _period_widget(span: tuple[int, int] | None, lang: str) -> tuple[int, int] | None:
    """A year-range slider over the years the data's periods touch; the full span means every period."""
    if span is None or span[0] == span[1]:
        return None
    st.session_state[KEY_SPAN] = span
    chosen = st.session_state.get(KEY_PERIOD)
    if not (isinstance(chosen, (tuple, list)) and len(chosen) == 2 and span[0] <= chosen[0] <= chosen[1] <= span[1]):
        st.session_state[KEY_PERIOD] = span
    # value= makes it a range slider from the first run on (the session state set above takes precedence)
    first, last = st.select_slider(t("filter_period", lang), list(range(span[0], span[1] + 1)), value=span,
                                   key=KEY_PERIOD, help=t("filter_period_help", lang))
    return None if (first, last) == span else (int(first), int(last))


def sidebar(ds: Dataset) -> Filter:
    """Language and the filter (place, drug type, years), written once for every page and mirrored in the URL."""
    _state_from_url(ds)
    with st.sidebar:
        st.segmented_control(t("language", "zh"), list(settings.LANGUAGES), key=KEY_LANG,
                             default=settings.DEFAULT_LANGUAGE,
                             format_func=lambda c: {"zh": "中文", "en": "English"}[c])
        lang = language()
        st.header(t("filter_header", lang))
        cities, counties = _place_widgets(ds, place_names(ds["jurisdictions"], lang), lang)
        drug_codes, span = cache.filter_options(ds)
        drugs = st.multiselect(t("drug", lang), drug_codes, key=KEY_DRUG, placeholder=t("all", lang),
                               format_func=lambda d: label("drug_type", d, lang), help=t("filter_drug_help", lang))
        years = _period_widget(span, lang)
        st.button(t("filter_reset", lang), on_click=_reset, key="filter_reset")
        st.divider()
        st.toggle(t("briefing_mode", lang), key=KEY_BRIEFING, help=t("briefing_keys", lang))
    flt = Filter(tuple(cities), tuple(counties), tuple(drugs), years)
    _state_to_url(flt, lang)
    return flt


def chosen_filter() -> Filter:
    """The filter as the sidebar's widgets hold it now: in a fragment's run (a click on a map inside it) this can
    differ from the filter the router handed to the page at the start of the run."""
    span, chosen = st.session_state.get(KEY_SPAN), st.session_state.get(KEY_PERIOD)
    years = (int(chosen[0]), int(chosen[1])) if chosen and tuple(chosen) != tuple(span or ()) else None
    return Filter(tuple(st.session_state.get(KEY_CITY, [])), tuple(st.session_state.get(KEY_COUNTY, [])),
                  tuple(st.session_state.get(KEY_DRUG, [])), years)
