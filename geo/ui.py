"""The one Streamlit module of geo/: cached loading, the shared sidebar filter, and page helpers."""
from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import export, settings, ui_auth
from geo.data import DataError, Dataset, DirectorySource
from geo.filters import Filter, city_options, county_options, public_dataset
from geo.i18n import name_col, t

KEY_LANG, KEY_CITY, KEY_COUNTY = "lang", "city", "county"


@st.cache_data(show_spinner=False, max_entries=4)
def _load(data_dir: str, fingerprint: str) -> Dataset:
    """Keyed on the files' fingerprint, so an edited file is reloaded on the next rerun."""
    return DirectorySource(data_dir).load()


@st.cache_data(show_spinner=False, max_entries=4)
def _load_public(data_dir: str, fingerprint: str) -> Dataset:
    """What visitors who are not signed in as staff see when sign-in is on: public records only."""
    return public_dataset(_load(data_dir, fingerprint))


def _route_through_dashboard() -> None:
    """Streamlit treats a fresh server with a pages/ folder as a v1 multipage app until st.navigation has run
    once, and would then run a page file without dashboard.py (no sidebar, no layout). Switch v1 off and rerun,
    so dashboard.py routes every page from the first request on."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def dataset() -> Dataset:
    _route_through_dashboard()
    source = DirectorySource()
    try:
        if ui_auth.sees_internal():
            return _load(str(source.data_dir), source.fingerprint())
        return _load_public(str(source.data_dir), source.fingerprint())
    except DataError as err:
        st.error(t("data_problem", language()))
        st.code("\n".join(str(p) for p in err.problems[:200]), language=None)
        st.stop()
        raise  # unreachable: st.stop() ends the run


def md_escape(text: str) -> str:
    """Text from data shown through st.markdown: markdown and HTML characters are escaped, never interpreted."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$" else ch for ch in str(text))


def language() -> str:
    lang = st.session_state.get(KEY_LANG, settings.DEFAULT_LANGUAGE)
    return lang if lang in settings.LANGUAGES else settings.DEFAULT_LANGUAGE


def _names(ds: Dataset, lang: str) -> dict[str, str]:
    j = ds["jurisdictions"]
    return dict(zip(j["adcode"], j[name_col(lang)]))


def _reset() -> None:
    st.session_state[KEY_CITY] = []
    st.session_state[KEY_COUNTY] = []


def _state_from_url(ds: Dataset) -> None:
    """Once per session: a shared link (?city=…&county=…&lang=en) sets the filter and language."""
    if st.session_state.get("_url_loaded"):
        return
    st.session_state["_url_loaded"] = True
    params = st.query_params
    if params.get(KEY_LANG) in settings.LANGUAGES:
        st.session_state[KEY_LANG] = params[KEY_LANG]
    cities = [c for c in params.get_all(KEY_CITY) if c in city_options(ds["jurisdictions"])]
    counties = [c for c in params.get_all(KEY_COUNTY) if c in county_options(ds["jurisdictions"], tuple(cities))]
    if cities or counties:
        st.session_state[KEY_CITY], st.session_state[KEY_COUNTY] = cities, counties


def _state_to_url(flt: Filter, lang: str) -> None:
    """Mirror the view in the URL, so a copied link opens exactly this view (adcodes, language code)."""
    wanted = {KEY_CITY: list(flt.cities), KEY_COUNTY: list(flt.counties)}
    if lang != settings.DEFAULT_LANGUAGE:
        wanted[KEY_LANG] = lang
    current = {k: st.query_params.get_all(k) for k in (KEY_CITY, KEY_COUNTY)}
    current_lang = st.query_params.get(KEY_LANG)
    if current != {KEY_CITY: wanted[KEY_CITY], KEY_COUNTY: wanted[KEY_COUNTY]} or current_lang != wanted.get(KEY_LANG):
        st.query_params.from_dict({k: v for k, v in wanted.items() if v})


def sidebar(ds: Dataset) -> Filter:
    """Language and the city/county filter, written once for every page and mirrored in the URL."""
    _state_from_url(ds)
    with st.sidebar:
        st.segmented_control(t("language", "zh"), list(settings.LANGUAGES), key=KEY_LANG,
                             default=settings.DEFAULT_LANGUAGE,
                             format_func=lambda c: {"zh": "中文", "en": "English"}[c])
        lang = language()
        names = _names(ds, lang)
        st.header(t("filter_header", lang))
        cities = st.multiselect(t("filter_cities", lang), city_options(ds["jurisdictions"]), key=KEY_CITY,
                                format_func=lambda c: names.get(c, c), placeholder=t("all", lang))
        options = county_options(ds["jurisdictions"], tuple(cities))
        if any(c not in options for c in st.session_state.get(KEY_COUNTY, [])):
            st.session_state[KEY_COUNTY] = [c for c in st.session_state[KEY_COUNTY] if c in options]
        counties = st.multiselect(t("filter_counties", lang), options, key=KEY_COUNTY,
                                  format_func=lambda c: names.get(c, c), placeholder=t("all", lang))
        st.button(t("filter_reset", lang), on_click=_reset, key="filter_reset")
    flt = Filter(tuple(cities), tuple(counties))
    _state_to_url(flt, lang)
    return flt


def current_filter() -> Filter:
    """The filter the sidebar set on this run (pages read it; only the sidebar writes it)."""
    return Filter(tuple(st.session_state.get(KEY_CITY, [])), tuple(st.session_state.get(KEY_COUNTY, [])))


def selection_label(ds: Dataset, flt: Filter, lang: str) -> str:
    names = _names(ds, lang)
    codes = flt.counties or flt.cities
    sep = "、" if lang == "zh" else ", "
    return sep.join(names.get(c, c) for c in codes) if codes else t("all", lang)


def no_records(ds: Dataset, flt: Filter, lang: str) -> None:
    st.info(t("no_records", lang, place=selection_label(ds, flt, lang)))


def _select_clicked_county(key: str) -> None:
    """Runs before the rerun a county click causes: the clicked county becomes the filter."""
    clicked = (st.session_state.get(key) or {}).get("last_active_drawing") or {}
    adcode = str((clicked.get("properties") or {}).get("adcode") or "")
    if len(adcode) == 6 and adcode[:4] + "00" in settings.FOCUS_CITIES and not adcode.endswith("00"):
        st.session_state[KEY_CITY] = [adcode[:4] + "00"]
        st.session_state[KEY_COUNTY] = [adcode]


def show_map(m, key: str, height: int = settings.MAP_HEIGHT) -> None:
    """Render a folium map. Only a clicked feature is returned, so pan and zoom never rerun the script;
    a click on a county of the four cities selects it in the filter."""
    st_folium(m, key=key, height=height, use_container_width=True, returned_objects=["last_active_drawing"],
              on_change=lambda: _select_clicked_county(key))


def show_table(frame: pd.DataFrame, columns: dict[str, str]) -> None:
    """A read-only table with translated headers (st.dataframe renders cells as text, never HTML)."""
    st.dataframe(frame[list(columns)].rename(columns=columns), hide_index=True, width="stretch")


def chart(fig, key: str, file_stem: str, lang: str, press_fig=None) -> None:
    """A chart with press exports (PNG 1920x1080@2x, SVG, PDF), rendered only when a button is clicked.
    `press_fig` is the same chart over public records only, for staff who also see internal ones."""
    st.plotly_chart(fig, key=key)
    fig = press_fig if press_fig is not None else fig
    cols = st.columns(3)
    for col, fmt in zip(cols, ("png", "svg", "pdf")):
        col.download_button(f"{t('download', lang)} {fmt.upper()}", key=f"{key}_{fmt}", on_click="ignore",
                            data=lambda fmt=fmt: export.chart_bytes(export.press_figure(fig, lang), fmt),
                            file_name=export.file_name(file_stem, "", "", fmt), mime=MIME[fmt])


def table_downloads(frame: pd.DataFrame, sources: pd.DataFrame, key: str, file_stem: str, lang: str) -> None:
    """The filtered table as CSV (UTF-8 with BOM, for Excel) and XLSX with a sheet of sources."""
    left, right = st.columns(2)
    left.download_button(f"{t('download', lang)} CSV", key=f"{key}_csv", on_click="ignore",
                         data=lambda: export.csv_bytes(frame), file_name=export.file_name(file_stem, "", "", "csv"),
                         mime="text/csv")
    right.download_button(f"{t('download', lang)} XLSX", key=f"{key}_xlsx", on_click="ignore",
                          data=lambda: export.xlsx_bytes({key[:31]: frame}, sources),
                          file_name=export.file_name(file_stem, "", "", "xlsx"), mime=MIME["xlsx"])


MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
