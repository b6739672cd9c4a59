"""Streamlit buttons for the press exports: static map downloads under each map, the briefing pack on the overview.

Files are built only when a button is clicked (deferred download data), never on every rerun.
"""
from __future__ import annotations

import threading
from datetime import date

import streamlit as st

from geo import settings
from geo.data.filters import Filter, public_only
from geo.data.load import Dataset
from geo.exports import deck, pack, static_maps
from geo.exports import press as export
from geo.i18n import t
from geo.ui import auth as ui_auth
from geo.ui import cache
from geo.ui.cache import Version

MIME = {"png": "image/png", "pdf": "application/pdf", "zip": "application/zip"}

# The PDF and ZIP buttons share one build of the common parts (charts, maps, front pages), kept per data version,
# filter, language and day; the PDF alone needs only those, the ZIP adds PNG/SVG renders and map PNGs.
_BUILT: dict[tuple, dict] = {}
_PACK_LOCK = threading.Lock()


def _pack_file(ds: Dataset, flt: Filter, lang: str, kind: str) -> bytes:
    key = (ds.fingerprint, flt, lang, date.today(), settings.MAP_APPROVAL_NO)
    with _PACK_LOCK:  # two clicks at once build once, not twice
        if key not in _BUILT:
            if len(_BUILT) >= 4:
                _BUILT.pop(next(iter(_BUILT)))
            _BUILT[key] = {"parts": pack.prepare(ds, flt, lang)}
        built = _BUILT[key]
        if kind not in built:
            parts = built["parts"]
            built[kind] = pack.pack_pdf(parts) if kind == "pdf" else pack.pack_zip(pack.pack_files(parts, lang))
        return built[kind]


def briefing_buttons(ds: Dataset, flt: Filter, lang: str) -> None:
    """One click: the briefing PDF (key figures, maps, charts) or a ZIP of every chart and map file."""
    export.warm_up()
    st.subheader(t("briefing_pack", lang))
    st.caption(t("briefing_help", lang))
    left, right = st.columns(2)
    for col, kind in zip((left, right), ("pdf", "zip")):
        name = pack.pack_name(ds, flt, lang, kind, internal=_internal(ds))
        col.download_button(t(f"briefing_{kind}", lang), key=f"briefing_{kind}", on_click="ignore",
                            type="primary" if kind == "pdf" else "secondary",
                            data=ui_auth.audited(lambda kind=kind: _pack_file(ds, flt, lang, kind), f"pack_{kind}",
                                                 name, flt, _internal(ds)),
                            file_name=name, mime=MIME[kind])


@st.cache_resource(show_spinner=False, max_entries=8)
def _holds_internal(version: Version) -> bool:
    tables = cache.shown(version).tables
    return any(len(public_only(frame)) < len(frame) for frame in tables.values() if "visibility" in frame)


def _internal(ds: Dataset) -> bool:
    """Whether this dataset (the full one, for staff) holds internal records, for the export's audit line: once per
    data version, as every download button on every rerun asks."""
    return _holds_internal(cache.version(ds))


@st.cache_resource(show_spinner=False, max_entries=256)
def _map_stem(version: Version, flt: Filter, lang: str, page: str, category: str | None) -> str:
    """The file name without its extension: computed once for both buttons (it selects the map's records)."""
    return static_maps.map_file_name(cache.shown(version), flt, lang, page, "x", category)[:-2]


def _map_name(version: Version, flt: Filter, lang: str, page: str, fmt: str, category: str | None) -> str:
    return f"{_map_stem(version, flt, lang, page, category)}.{fmt}"


def map_notice(lang: str) -> None:
    """Said before any map download: whether the maps may be published (the basemap's approval number)."""
    number = settings.MAP_APPROVAL_NO
    st.caption(t("map_approved_notice", lang, number=number) if number else t("map_internal_notice", lang))


def map_downloads(ds: Dataset, flt: Filter, lang: str, page: str, category: str | None = None) -> None:
    """The page's map as a print PNG (3840x2160) and PDF, drawn server-side for the current filter."""
    map_notice(lang)
    cols = st.columns(2)
    for col, fmt in zip(cols, ("png", "pdf")):
        name = _map_name(cache.version(ds), flt, lang, page, fmt, category)
        col.download_button(f"{t('map_download', lang)} {fmt.upper()}", key=f"map_{page}_{fmt}", on_click="ignore",
                            data=ui_auth.audited(
                                lambda fmt=fmt: static_maps.page_map(ds, flt, lang, page, category).to_bytes(fmt),
                                f"map_{fmt}", name, flt, _internal(ds)),
                            file_name=name, mime=MIME[fmt])


def deck_button(ds: Dataset, flt: Filter, lang: str) -> None:
    """The briefing as an editable PowerPoint deck for the current filter and language (the same deck as
    `python -m geo.exports briefing --format pptx`), in the sidebar, so it never adds to a projected slide."""
    internal = _internal(ds)
    name = deck.deck_name(ds, flt, lang, internal)
    st.sidebar.download_button(t("deck_download", lang), key="deck_pptx", on_click="ignore", help=t("deck_help", lang),
                               data=ui_auth.audited(lambda: deck.build(ds, flt, lang).data, "deck_pptx", name, flt,
                                                    internal),
                               file_name=name, mime=deck.MIME, type="primary")
