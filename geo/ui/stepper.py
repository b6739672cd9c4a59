"""The year stepper of the seizures map: ◀ 2017 ▶ and play. A click on ◀ or ▶ sets the year filter to that one year
and the whole page follows; while it plays, only the year, its note and the map follow (st.fragment, one run every
settings.YEAR_STEP_SECONDS) until it is paused. Either way the map stays in the browser with its view: the same base
is sent (and cached by the browser) and only the year's circles travel, as data (geo.maps.steps). Any interaction
pauses the play (static/js/year_stepper.js clicks pause; another widget's rerun pauses too)."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo import settings
from geo.data import filters
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.i18n import t
from geo.maps import steps
from geo.maps.browser import js
from geo.ui import maps as ui_maps
from geo.ui import cache, run, sidebar
from geo.ui.cache import Version

KEY_PLAY = "year_playing"
KEY_YEAR = "year_step"
KEY_OWN = "_year_step_rerun"  # the stepper itself asked for a full rerun (play or pause): not an interaction
MAP_KEY = "seizures_steps"
JS = (settings.ROOT / "static" / "js" / "year_stepper.js").read_text(encoding="utf-8")


every_year = steps.every_year  # the filter without its years


def years_of(ds: Dataset) -> list[int]:
    """Every year the data's periods touch; empty when they touch fewer than two."""
    span = cache.filter_options(ds)[1]
    return list(range(span[0], span[1] + 1)) if span and span[0] < span[1] else []


def next_year(years: list[int], year: int | None, delta: int) -> int:
    """The year delta steps from `year`, wrapping around; from 'every year' the first (or, backwards, the last)."""
    if year not in years:
        return years[0] if delta > 0 else years[-1]
    return years[(years.index(year) + delta) % len(years)]


def step_year() -> int | None:
    """The year the stepper shows (its own key: the sidebar's slider is not redrawn by a step)."""
    return st.session_state.get(KEY_YEAR)


def _set_year(year: int | None, page_too: bool = True) -> None:
    st.session_state[KEY_YEAR] = year
    if page_too and year is not None:  # the year filter of the whole page (the sidebar's slider)
        st.session_state[sidebar.KEY_PERIOD] = (year, year)


def _step(years: list[int], delta: int) -> None:
    """◀ or ▶: pause, and the year before or after for the whole page."""
    st.session_state[KEY_PLAY], st.session_state[KEY_OWN] = False, True
    _set_year(next_year(years, step_year(), delta))


def _toggle(years: list[int]) -> None:
    """Play from the year shown (or the first), or pause on the year shown: the whole page follows."""
    playing = not st.session_state.get(KEY_PLAY)
    st.session_state[KEY_PLAY], st.session_state[KEY_OWN] = playing, True
    _set_year(step_year() if step_year() is not None or not playing else years[0])


def _advance(years: list[int]) -> bool:
    """A timed run while playing: the next year for the map alone. After the last year it stops there, and
    returns True: the whole page then follows."""
    year = step_year()
    if year != years[-1]:
        _set_year(next_year(years, year, 1), page_too=False)
        return False
    st.session_state[KEY_PLAY], st.session_state[KEY_OWN] = False, True
    _set_year(year)
    return True


def _sync(flt: Filter) -> None:
    """On a full run nobody but the stepper asked for, another widget was used: that pauses the play, and a year
    range the sidebar sets (not the stepper's year) takes over."""
    if not st.session_state.pop(KEY_OWN, False):
        st.session_state[KEY_PLAY] = False
        if step_year() is not None and flt.years != (step_year(), step_year()):
            st.session_state[KEY_YEAR] = None


def _fragment_run() -> bool:
    """True in a run of the fragment alone (a timed step), False in a run of the whole page."""
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)


@st.cache_resource(show_spinner=False, max_entries=16)
def _base(version: Version, flt: Filter, lang: str) -> dict:
    return ui_maps.component_args(steps.step_base(cache.shown(version), flt, lang))


@st.cache_resource(show_spinner=False, max_entries=128)
def _rows(version: Version, flt: Filter, lang: str) -> str:
    """The year's circles as a script for the page: static/js/year_stepper.js hands them to the map."""
    return f"<script>window.__yearStepRows = {js(steps.step_rows(cache.shown(version), flt, lang))};" \
           f"window.__yearStepDeliver && window.__yearStepDeliver();</script>"


def _controls(years: list[int], lang: str) -> None:
    """◀ ▶ and play/pause, outside the fragment: a click runs the whole page once."""
    playing = bool(st.session_state.get(KEY_PLAY))
    back, ahead, play, _ = st.columns([1, 1, 2, 8], vertical_alignment="center")
    back.button("◀", key="year_prev", on_click=_step, args=(years, -1), help=t("step_prev", lang))
    ahead.button("▶", key="year_next", on_click=_step, args=(years, 1), help=t("step_next", lang))
    play.button(t("step_pause" if playing else "step_play", lang), key="year_pause" if playing else "year_play",
                on_click=_toggle, args=(years,))


def _note(ds: Dataset, flt: Filter, lang: str) -> None:
    """The year, how many records it shows, and how many state no period and are therefore not shown."""
    year = flt.years[0] if flt.years else None
    st.container(key="year_shown").markdown(f"**{year}{'年' if lang == 'zh' else ''}**" if year else
                                            f"**{t('step_all', lang)}**")
    if flt.years is None:
        st.caption("")  # one element either way: the map below keeps its place, and so its frame
        return
    shown = len(cache.view(ds, "seizures", flt))
    hidden = filters.undated(cache.view(ds, "seizures", steps.every_year(flt)), flt)
    st.caption(t("step_note", lang, n=str(shown), hidden=str(hidden)))


def _body(ds: Dataset, page: Filter, lang: str, years: list[int]) -> None:
    ended = st.session_state.get(KEY_PLAY) and _fragment_run() and _advance(years)
    year = step_year()
    flt = replace(page, years=(year, year)) if year is not None else page
    _note(ds, flt, lang)
    version = cache.version(ds)  # the public view for visitors: a step never shows them internal records
    ui_maps.mount(_base(version, steps.every_year(flt), lang), MAP_KEY)  # the same map every year: never resent
    st.html(_rows(version, flt, lang), unsafe_allow_javascript=True)
    st.caption(t("step_page_behind", lang) if flt.years != page.years else "")
    # a county clicked on the map: the widgets now hold another place than the router handed this run (the page
    # may show a county's city instead, which is not a click)
    chose = steps.every_year(sidebar.chosen_filter()) != steps.every_year(run.current().flt)
    if ended or chose:  # after the map is sent, so the browser keeps it through the rerun
        st.session_state[KEY_OWN] = not chose
        st.rerun(scope="app")


def seizures_map(ds: Dataset, flt: Filter, lang: str) -> None:
    """The seizures map (symbols) with its year stepper above it."""
    years = years_of(ds)
    _sync(flt)
    st.html(f"<script>{JS}</script>", unsafe_allow_javascript=True)
    if not years:
        ui_maps.show(ds, "seizures_map", flt, lang, "seizures_map_symbols", "symbols")
        return
    _controls(years, lang)
    playing = bool(st.session_state.get(KEY_PLAY))
    st.fragment(run_every=settings.YEAR_STEP_SECONDS if playing else None)(_body)(ds, flt, lang, years)
