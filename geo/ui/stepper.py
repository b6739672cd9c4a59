"""The year stepper of the map pages: ◀ 2017 ▶ and play. A click on ◀ or ▶ sets the year filter to that one year
and the whole page follows; while it plays, only the year, its note and the map follow (st.fragment, one run every
settings.YEAR_STEP_SECONDS) until it is paused. Either way the map stays in the browser with its view: the same base
is sent (and cached by the browser) and only the year's layers travel, as data (geo.maps.steps). Any interaction
pauses the play (static/js/year_stepper.js clicks pause; another widget's rerun pauses too)."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo import settings
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
# the records each page's map shows, for the stepper's note
TABLES = {"overview": ("routes", "checkpoints"), "checkpoints": ("checkpoints",), "routes": ("routes",),
          "seizures": ("seizures",), "seizures_choropleth": ("seizures",), "demo": ("demo_sites",)}
# the page's plain map (geo.maps.pages) and its arguments, where there are not two years to step through
PLAIN = {"seizures_choropleth": ("seizures_map", ("choropleth",))}
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
def _base(version: Version, flt: Filter, lang: str, page: str, extra: tuple) -> dict:
    return ui_maps.component_args(steps.step_base(cache.shown(version), flt, lang, page, *extra))


@st.cache_resource(show_spinner=False, max_entries=128)
def _layers(version: Version, flt: Filter, lang: str, page: str, extra: tuple) -> str:
    """The year's layers as a script for the page: static/js/year_stepper.js hands them to the map."""
    calls = steps.step_calls(cache.shown(version), flt, lang, page, *extra)
    return f"<script>window.__yearStepRows = {js(calls)};window.__yearStepDeliver && window.__yearStepDeliver();" \
           "</script>"


def _controls(years: list[int], lang: str) -> None:
    """◀ ▶ and play/pause, outside the fragment: a click runs the whole page once."""
    playing = bool(st.session_state.get(KEY_PLAY))
    back, ahead, play, _ = st.columns([1, 1, 2, 8], vertical_alignment="center")
    back.button("◀", key="year_prev", on_click=_step, args=(years, -1), help=t("step_prev", lang))
    ahead.button("▶", key="year_next", on_click=_step, args=(years, 1), help=t("step_next", lang))
    play.button(t("step_pause" if playing else "step_play", lang), key="year_pause" if playing else "year_play",
                on_click=_toggle, args=(years,))


def _shown(ds: Dataset, table: str, flt: Filter, extra: tuple) -> pd.DataFrame:
    frame = cache.view(ds, table, flt)
    return frame[frame["category"] == extra[0]] if table == "demo_sites" and extra else frame


def _note(ds: Dataset, flt: Filter, lang: str, page: str, extra: tuple) -> None:
    """The year, how many records it shows, and how many state no period and are therefore not shown."""
    year = flt.years[0] if flt.years else None
    st.container(key="year_shown").markdown(f"**{year}{'年' if lang == 'zh' else ''}**" if year else
                                            f"**{t('step_all', lang)}**")
    if flt.years is None:
        st.caption("")  # one element either way: the map below keeps its place, and so its frame
        return
    span = cache.filter_options(ds)[1]
    parts = []
    for table in TABLES[page]:
        every = _shown(ds, table, steps.every_year(flt), extra)
        dated = _shown(ds, table, replace(flt, years=span), extra) if span else every.iloc[:0]
        parts.append(t("step_note", lang, n=str(len(_shown(ds, table, flt, extra))),
                       what=t(f"step_what_{table}", lang), hidden=str(len(every) - len(dated))))
    st.caption(" ".join(parts))


def _body(ds: Dataset, page: Filter, lang: str, years: list[int], name: str, extra: tuple) -> None:
    ended = st.session_state.get(KEY_PLAY) and _fragment_run() and _advance(years)
    year = step_year()
    flt = replace(page, years=(year, year)) if year is not None else page
    _note(ds, flt, lang, name, extra)
    version = cache.version(ds)  # the public view for visitors: a step never shows them internal records
    # the same map every year: never resent
    ui_maps.mount(_base(version, steps.every_year(flt), lang, name, extra), f"{name}_steps")
    st.html(_layers(version, flt, lang, name, extra), unsafe_allow_javascript=True)
    st.caption(t("step_page_behind", lang) if flt.years != page.years else "")
    # a county clicked on the map: the widgets now hold another place than the router handed this run (the page
    # may show a county's city instead, which is not a click)
    chose = steps.every_year(sidebar.chosen_filter()) != steps.every_year(run.current().flt)
    if ended or chose:  # after the map is sent, so the browser keeps it through the rerun
        st.session_state[KEY_OWN] = not chose
        st.rerun(scope="app")


def stepped_map(ds: Dataset, flt: Filter, lang: str, page: str, *extra, key: str = "") -> None:
    """The page's map with its year stepper above it (geo.maps.steps: page is overview, checkpoints, routes,
    seizures, seizures_choropleth or demo, extra the map's own arguments). Without two years to step through, the
    page's plain map (geo.maps.pages.<page>_map, or as PLAIN says) is shown instead."""
    years = years_of(ds)
    _sync(flt)
    st.html(f"<script>{JS}</script>", unsafe_allow_javascript=True)
    if not years:
        builder, args = PLAIN.get(page, (f"{page}_map", ()))
        ui_maps.show(ds, builder, flt, lang, key or f"{page}_map", *args, *extra)
        return
    _controls(years, lang)
    playing = bool(st.session_state.get(KEY_PLAY))
    st.fragment(run_every=settings.YEAR_STEP_SECONDS if playing else None)(_body)(ds, flt, lang, years, page,
                                                                                  tuple(extra))
