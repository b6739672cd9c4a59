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
from geo.exports import pack, static_maps
from geo.exports import press as export
from geo.i18n import t
from geo.ui import auth as ui_auth
from geo.ui import sources, state

MIME = {"png": "image/png", "pdf": "application/pdf", "zip": "application/zip"}

# The PDF and ZIP buttons share one build of the common parts (charts, maps, front pages), kept per data version,
# filter, language and day; the PDF alone needs only those, the ZIP adds PNG/SVG renders and map PNGs.
_BUILT: dict[tuple, dict] = {}
_PACK_LOCK = threading.Lock()


def _pack_file(ds: Dataset, flt: Filter, lang: str, kind: str) -> bytes:
    key = (ds.fingerprint, flt, lang, date.today(), settings.MAP_REVIEW_NUMBER)
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
        name = pack.pack_name(ds, flt, lang, kind)
        col.download_button(t(f"briefing_{kind}", lang), key=f"briefing_{kind}", on_click="ignore",
                            type="primary" if kind == "pdf" else "secondary",
                            data=ui_auth.audited(lambda kind=kind: _pack_file(ds, flt, lang, kind), f"pack_{kind}",
                                                 name, flt, _internal(ds)),
                            file_name=name, mime=MIME[kind])


@st.cache_resource(show_spinner=False, max_entries=8)
def _holds_internal(data_dir: str, fingerprint: str) -> bool:
    tables = state._load(data_dir, fingerprint).tables
    return any(len(public_only(frame)) < len(frame) for frame in tables.values() if "visibility" in frame)


def _internal(ds: Dataset) -> bool:
    """Whether this dataset (the full one, for staff) holds internal records, for the export's audit line: once per
    data version, as every download button on every rerun asks."""
    return _holds_internal(sources.source_key(), ds.fingerprint)


@st.cache_resource(show_spinner=False, max_entries=256)
def _map_stem(data_dir: str, fingerprint: str, flt: Filter, lang: str, page: str, category: str | None) -> str:
    """The file name without its extension: computed once for both buttons (it selects the map's records)."""
    return static_maps.map_file_name(state._load(data_dir, fingerprint), flt, lang, page, "x", category)[:-2]


def _map_name(data_dir: str, fingerprint: str, flt: Filter, lang: str, page: str, fmt: str,
              category: str | None) -> str:
    return f"{_map_stem(data_dir, fingerprint, flt, lang, page, category)}.{fmt}"


def map_downloads(ds: Dataset, flt: Filter, lang: str, page: str, category: str | None = None) -> None:
    """The page's map as a print PNG (3840x2160) and PDF, drawn server-side for the current filter."""
    cols = st.columns(2)
    for col, fmt in zip(cols, ("png", "pdf")):
        name = _map_name(sources.source_key(), ds.fingerprint, flt, lang, page, fmt, category)
        col.download_button(f"{t('map_download', lang)} {fmt.upper()}", key=f"map_{page}_{fmt}", on_click="ignore",
                            data=ui_auth.audited(
                                lambda fmt=fmt: static_maps.page_map(ds, flt, lang, page, category).to_bytes(fmt),
                                f"map_{fmt}", name, flt, _internal(ds)),
                            file_name=name, mime=MIME[fmt])
