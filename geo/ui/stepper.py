"""The year stepper of the seizures map: ◀ 2017 ▶ and play. A step sets the year filter to that one year and
reruns only the stepper and its map (st.fragment); the map stays in the browser with its view, and only the new
year's symbols travel (geo.maps.steps, streamlit-folium's feature group). Playing advances a year every
settings.YEAR_STEP_SECONDS; any interaction pauses it (static/js/year_stepper.js, and any other widget's rerun)."""
from __future__ import annotations

from dataclasses import replace

import folium
import streamlit as st
import streamlit_folium as sf

from geo import settings
from geo.data import filters
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.i18n import t
from geo.maps import steps
from geo.ui import maps as ui_maps
from geo.ui import sources, state

KEY_PLAY = "year_playing"
KEY_YEAR = "year_step"
KEY_SKIP = "_year_step_skip"  # a click ran the fragment: do not also advance the year
KEY_OWN = "_year_step_rerun"  # the stepper itself asked for a full rerun (play or pause): not an interaction
MAP_KEY = "seizures_steps"
JS = (settings.ROOT / "static" / "js" / "year_stepper.js").read_text(encoding="utf-8")


every_year = steps.every_year  # the filter without its years


def years_of(ds: Dataset) -> list[int]:
    """Every year the data's periods touch; empty when they touch fewer than two."""
    span = state.filter_options(ds)[1]
    return list(range(span[0], span[1] + 1)) if span and span[0] < span[1] else []


def next_year(years: list[int], year: int | None, delta: int) -> int:
    """The year delta steps from `year`, wrapping around; from 'every year' the first (or, backwards, the last)."""
    if year not in years:
        return years[0] if delta > 0 else years[-1]
    return years[(years.index(year) + delta) % len(years)]


def step_year() -> int | None:
    """The year the stepper shows (its own key: the sidebar's slider is not redrawn by a step)."""
    return st.session_state.get(KEY_YEAR)


def _set_year(year: int | None, sidebar: bool = True) -> None:
    st.session_state[KEY_YEAR] = year
    if sidebar and year is not None:  # the year filter of the whole page, from the next full run on
        st.session_state[state.KEY_PERIOD] = (year, year)


def _step(years: list[int], delta: int) -> None:
    """◀ or ▶: pause, the year before or after, and the whole page follows (a full run)."""
    st.session_state[KEY_PLAY], st.session_state[KEY_SKIP], st.session_state[KEY_OWN] = False, True, True
    _set_year(next_year(years, step_year(), delta))


def _toggle(years: list[int]) -> None:
    playing = not st.session_state.get(KEY_PLAY)
    st.session_state[KEY_PLAY], st.session_state[KEY_SKIP], st.session_state[KEY_OWN] = playing, True, True
    _set_year(step_year() if step_year() is not None or not playing else years[0])


def _advance(years: list[int]) -> None:
    """A timed run while playing: the next year (the map alone follows); after the last one, stop there."""
    year = step_year()
    if year == years[-1]:
        st.session_state[KEY_PLAY] = False
        _set_year(year)  # stopped: the whole page follows on the full run that re-registers the fragment
    else:
        _set_year(next_year(years, year, 1), sidebar=False)


def _sync(flt: Filter) -> None:
    """On a full run nobody but the stepper asked for: another widget was used. It pauses the stepper, and a year
    range chosen in the sidebar (not the stepper's year) takes over."""
    own = st.session_state.pop(KEY_OWN, False)
    if not own:
        st.session_state[KEY_PLAY] = False
        if step_year() is not None and flt.years != (step_year(), step_year()):
            st.session_state[KEY_YEAR] = None


@st.cache_resource(show_spinner=False, max_entries=16)
def _base(data_dir: str, fingerprint: str, flt: Filter, lang: str) -> dict:
    return ui_maps.component_args(steps.step_base(state._load(data_dir, fingerprint), flt, lang))


@st.cache_resource(show_spinner=False, max_entries=128)
def _layer(data_dir: str, fingerprint: str, flt: Filter, lang: str) -> str:
    group = steps.step_layer(state._load(data_dir, fingerprint), flt, lang)
    return sf._get_feature_group_string(group, folium.Map())


def _controls(years: list[int], year: int | None, lang: str) -> None:
    playing = bool(st.session_state.get(KEY_PLAY))
    back, shown, ahead, play, _ = st.columns([1, 2, 1, 2, 4], vertical_alignment="center")
    back.button("◀", key="year_prev", on_click=_step, args=(years, -1), help=t("step_prev", lang))
    shown.container(key="year_shown").markdown(f"**{year}{'年' if lang == 'zh' else ''}**" if year else
                                               f"**{t('step_all', lang)}**")
    ahead.button("▶", key="year_next", on_click=_step, args=(years, 1), help=t("step_next", lang))
    play.button(t("step_pause" if playing else "step_play", lang), key="year_pause" if playing else "year_play",
                on_click=_toggle, args=(years,))


def _note(ds: Dataset, flt: Filter, lang: str) -> None:
    """How many records the year shows, and how many state no period and are therefore not shown."""
    if flt.years is None:
        return
    shown = len(state.view(ds, "seizures", flt))
    hidden = filters.undated(state.view(ds, "seizures", steps.every_year(flt)), flt)
    st.caption(t("step_note", lang, n=str(shown), hidden=str(hidden)))


def _body(ds: Dataset, page: Filter, lang: str, years: list[int], timed: bool) -> None:
    if timed and st.session_state.get(KEY_PLAY) and not st.session_state.pop(KEY_SKIP, False):
        _advance(years)
    st.session_state.pop(KEY_SKIP, None)
    year = step_year()
    flt = replace(page, years=(year, year)) if year is not None else page
    _controls(years, year, lang)
    _note(ds, flt, lang)
    key = (sources.source_key(), ds.fingerprint)
    ui_maps.mount(_base(*key, steps.every_year(flt), lang), MAP_KEY, layer=_layer(*key, flt, lang))
    st.caption(t("step_page_behind", lang) if flt.years != page.years else "")
    # after the map is sent, so the browser keeps it through the rerun: play, pause, a step by hand, a county
    chose = steps.every_year(state.current_filter()) != steps.every_year(page)  # a county clicked on the map
    if bool(st.session_state.get(KEY_PLAY)) != timed or (not timed and flt.years != page.years) or chose:
        st.session_state[KEY_OWN] = st.session_state[KEY_SKIP] = True  # play shows its first year for a step too
        st.rerun(scope="app")


def seizures_map(ds: Dataset, flt: Filter, lang: str) -> None:
    """The seizures map (symbols) with its year stepper above it."""
    years = years_of(ds)
    _sync(flt)
    st.html(f"<script>{JS}</script>", unsafe_allow_javascript=True)
    timed = bool(st.session_state.get(KEY_PLAY))
    run = st.fragment(run_every=settings.YEAR_STEP_SECONDS if timed else None)(_body)
    if years:
        run(ds, flt, lang, years, timed)
    else:
        ui_maps.show(ds, "seizures_map", flt, lang, "seizures_map_symbols", "symbols")
