"""Streamlit buttons for the press exports: static map downloads under each map, the briefing pack on the overview.

Files are built only when a button is clicked (deferred download data), never on every rerun.
"""
from __future__ import annotations

import threading
from datetime import date

import streamlit as st

from geo import settings
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.exports import pack, static_maps
from geo.exports import press as export
from geo.i18n import t

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
    left.download_button(t("briefing_pdf", lang), key="briefing_pdf", on_click="ignore", type="primary",
                         data=lambda: _pack_file(ds, flt, lang, "pdf"), file_name=pack.pack_name(ds, flt, lang, "pdf"),
                         mime=MIME["pdf"])
    right.download_button(t("briefing_zip", lang), key="briefing_zip", on_click="ignore",
                          data=lambda: _pack_file(ds, flt, lang, "zip"), file_name=pack.pack_name(ds, flt, lang, "zip"),
                          mime=MIME["zip"])


def map_downloads(ds: Dataset, flt: Filter, lang: str, page: str, category: str | None = None) -> None:
    """The page's map as a print PNG (3840x2160) and PDF, drawn server-side for the current filter."""
    cols = st.columns(2)
    for col, fmt in zip(cols, ("png", "pdf")):
        col.download_button(f"{t('map_download', lang)} {fmt.upper()}", key=f"map_{page}_{fmt}", on_click="ignore",
                            data=lambda fmt=fmt: static_maps.page_map(ds, flt, lang, page, category).to_bytes(fmt),
                            file_name=static_maps.map_file_name(ds, flt, lang, page, fmt, category),
                            mime=MIME[fmt])
