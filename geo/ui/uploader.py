"""A file uploader that speaks the user's language: Streamlit's own English words are hidden (static/uploader.css)
and our label and hint are shown instead."""
from __future__ import annotations

from functools import lru_cache

import streamlit as st

from geo import settings
from geo.i18n import t

CSS = settings.STATIC_DIR / "uploader.css"


@lru_cache(maxsize=1)
def _css() -> str:
    return CSS.read_text(encoding="utf-8")


def uploader(label: str, types: list[str], key: str, lang: str):
    """st.file_uploader with our label above the box and our hint (size limit included) below it."""
    st.html(f"<style>{_css()}</style>")
    up = st.file_uploader(label, type=types, key=key)
    st.caption(t("upload_hint", lang, mb=str(st.get_option("server.maxUploadSize"))))
    return up
