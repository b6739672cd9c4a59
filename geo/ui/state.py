"""Cached loading keyed on the data version, derived views, the shared sidebar filter and its URL mirror."""
from __future__ import annotations


import pandas as pd
import streamlit as st

from geo import fmt, settings
from geo.charts import tiles
from geo.charts.tables import all_records
from geo.data import filters, memo, snapshot
from geo.data.filters import Filter, city_options, county_options, drug_options, public_dataset, year_span
from geo.data.load import Dataset
from geo.data.schema import TABLES
from geo.data.snapshot import Loaded
from geo.data.tablestore import TableStore
from geo.i18n import label, name_col, t
from geo.ui import auth as ui_auth
from geo.ui import sources

KEY_LANG, KEY_CITY, KEY_COUNTY, KEY_DRUG = "lang", "city", "county", "drug"
KEY_PERIOD, KEY_FROM, KEY_TO = "period", "from", "to"
KEY_MODE, KEY_BRIEFING, BRIEFING = "mode", "briefing", "briefing"  # ?mode=briefing ⇄ session_state["briefing"]
DRUG_TABLES = ("seizures", "routes", "cases")  # the tables a drug type applies to
KEY_SPAN = "_year_span"  # the data's full year range, remembered so reset can restore it
BANNER_PROBLEMS = 5  # problems spelled out in the banner; the table below it lists them all


@st.cache_resource(show_spinner=False, max_entries=4)
def _loaded(data_dir: str, fingerprint: str) -> Loaded:
    """Keyed on the files' fingerprint, so an edited file is reloaded (and validated) on the next rerun. One shared
    object (cache_resource): cache_data would unpickle a copy on every rerun (130 ms for the large dataset); no
    code modifies the loaded frames in place. `data_dir` is the data folder, or the database (sources.DB_KEY)."""
    return sources.load(data_dir, fingerprint)


PUBLIC = ":public"  # the fingerprint suffix of the public view (filters.public_dataset)


def _load(data_dir: str, fingerprint: str) -> Dataset:
    """The dataset a cache keyed on `ds.fingerprint` is about: the files' data (or their last valid version), or
    its public view when the fingerprint says so, so derived views never show internal records to the public."""
    if fingerprint.endswith(PUBLIC):
        return _load_public(data_dir, fingerprint[: -len(PUBLIC)])
    return _loaded(data_dir, fingerprint).dataset


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_public(data_dir: str, fingerprint: str) -> Dataset:
    """What visitors who are not signed in as staff see when sign-in is on: public records only."""
    return public_dataset(_loaded(data_dir, fingerprint).dataset)


def _route_through_dashboard() -> None:
    """Streamlit treats a fresh server with a pages/ folder as a v1 multipage app until st.navigation has run
    once, and would then run a page file without dashboard.py (no sidebar, no layout). Switch v1 off and rerun,
    so dashboard.py routes every page from the first request on."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def dataset(banner: bool = False) -> Dataset:
    """The data to show. When a file is broken: the last valid version and, with `banner`, the problems; if no
    version was ever valid, the problems and a stop. The router asks for the banner once per run."""
    _route_through_dashboard()
    key, fingerprint = sources.current(language(), banner)
    loaded = sources.guarded(lambda: _loaded(key, fingerprint), language())
    if banner and loaded.problems:
        data_banner(loaded, language())
    if loaded.dataset is None:
        st.stop()
    if ui_auth.sees_internal():
        return loaded.dataset
    return _load(key, loaded.dataset.fingerprint + PUBLIC)


def table_store() -> TableStore:
    """Where the data page saves (the folder or the database), behind one interface."""
    return sources.table_store()


def data_banner(loaded: Loaded, lang: str) -> None:
    """What is wrong with the files: the first problems in the banner, every one in the table below it."""
    problems = loaded.problems
    first = "\n".join(f"- {fmt.md_escape(snapshot.describe(p, lang))}" for p in problems[:BANNER_PROBLEMS])
    more = f"\n\n{t('data_more', lang, n=len(problems) - BANNER_PROBLEMS)}" if len(problems) > BANNER_PROBLEMS else ""
    if loaded.stale:
        st.warning(f"{t('data_stale', lang, n=len(problems), saved=snapshot.saved_label(loaded.saved_at))}\n\n"
                   f"{first}{more}", icon="⚠️")
    else:
        st.error(f"{t('data_problem', lang)}\n\n{first}{more}", icon="⛔")
    with st.expander(t("data_problems_all", lang, n=len(problems)), expanded=loaded.dataset is None):
        st.dataframe(snapshot.problem_frame(problems, lang), hide_index=True, width="stretch", key="data_problems")


def data_encodings(ds: Dataset, lang: str) -> None:
    """Which encoding each data file was saved in, for staff who edit them in Excel."""
    with st.expander(t("data_encodings", lang)):
        st.dataframe(snapshot.encoding_frame(ds, lang), hide_index=True, width="stretch", key="data_encodings")


@st.cache_resource(show_spinner=False, max_entries=256)
def _view(data_dir: str, fingerprint: str, table: str, flt: Filter) -> pd.DataFrame:
    """Shared, read-only: callers never modify the frame (pandas operations here return new frames)."""
    return filters.view(_load(data_dir, fingerprint).tables, table, flt)


def view(ds: Dataset, table: str, flt: Filter) -> pd.DataFrame:
    """The rows of a table the filter selects, computed once per dataset and filter (see filters.view)."""
    return _view(sources.source_key(), ds.fingerprint, table, flt)


@st.cache_resource(show_spinner=False, max_entries=32)
def _records(data_dir: str, fingerprint: str, flt: Filter) -> pd.DataFrame:
    ds = _load(data_dir, fingerprint)
    chosen = {name: filters.view(ds, name, flt) for name, spec in TABLES.items() if spec.provenance}
    records = all_records({**ds.tables, **chosen})
    return records[filters.matches(records["adcode"], flt)]


def records(ds: Dataset, flt: Filter) -> pd.DataFrame:
    """Every record with provenance the filter selects (geo.tables.all_records), built once per filter."""
    return _records(sources.source_key(), ds.fingerprint, flt)


@st.cache_resource(show_spinner=False, max_entries=8)
def _options(data_dir: str, fingerprint: str) -> tuple[list[str], tuple[int, int] | None]:
    ds = _load(data_dir, fingerprint)
    return drug_options(ds), year_span(ds)


def filter_options(ds: Dataset) -> tuple[list[str], tuple[int, int] | None]:
    """Drug types present and the years the data's periods span, computed once per dataset."""
    return _options(sources.source_key(), ds.fingerprint)


@st.cache_resource(show_spinner=False, max_entries=64)
def _tiles(data_dir: str, fingerprint: str, flt: Filter, lang: str) -> list[tiles.Tile]:
    return tiles.tiles(_load(data_dir, fingerprint), flt, lang)


def key_tiles(ds: Dataset, flt: Filter, lang: str) -> list[tiles.Tile]:
    """Key-figure tiles of the filter (geo/charts/tiles.py), computed once per dataset, filter and language."""
    return _tiles(sources.source_key(), ds.fingerprint, flt, lang)


def language() -> str:
    lang = st.session_state.get(KEY_LANG, settings.DEFAULT_LANGUAGE)
    return lang if lang in settings.LANGUAGES else settings.DEFAULT_LANGUAGE


@memo.by_content  # read-only; several times per rerun, a twentieth of a replica's time under load
def _names(ds: Dataset, lang: str) -> dict[str, str]:
    j = ds["jurisdictions"]
    return dict(zip(j["adcode"], j[name_col(lang)]))


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
    drug_codes, span = filter_options(ds)
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
        cities, counties = _place_widgets(ds, _names(ds, lang), lang)
        drug_codes, span = filter_options(ds)
        drugs = st.multiselect(t("drug", lang), drug_codes, key=KEY_DRUG, placeholder=t("all", lang),
                               format_func=lambda d: label("drug_type", d, lang), help=t("filter_drug_help", lang))
        years = _period_widget(span, lang)
        st.button(t("filter_reset", lang), on_click=_reset, key="filter_reset")
        st.divider()
        st.toggle(t("briefing_mode", lang), key=KEY_BRIEFING, help=t("briefing_keys", lang))
    flt = Filter(tuple(cities), tuple(counties), tuple(drugs), years)
    _state_to_url(flt, lang)
    return flt


def current_filter() -> Filter:
    """The filter the sidebar set on this run (pages read it; only the sidebar writes it)."""
    span, chosen = st.session_state.get(KEY_SPAN), st.session_state.get(KEY_PERIOD)
    years = tuple(int(y) for y in chosen) if chosen and tuple(chosen) != tuple(span or ()) else None
    return Filter(tuple(st.session_state.get(KEY_CITY, [])), tuple(st.session_state.get(KEY_COUNTY, [])),
                  tuple(st.session_state.get(KEY_DRUG, [])), years)


def selection_label(ds: Dataset, flt: Filter, lang: str) -> str:
    names = _names(ds, lang)
    codes = flt.counties or flt.cities
    sep = "、" if lang == "zh" else ", "
    return sep.join(names.get(c, c) for c in codes) if codes else t("all", lang)


def period_text(flt: Filter, lang: str) -> str:
    """'2018—2021年' / '2018–2021' for the chosen years; empty for every period."""
    if not flt.years:
        return ""
    first, last = flt.years
    if lang == "zh":
        return f"{first}年" if first == last else f"{first}—{last}年"
    return str(first) if first == last else f"{first}–{last}"
