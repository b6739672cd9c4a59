"""What the app says about the data files themselves: the problems of a broken file, and each file's encoding."""
from __future__ import annotations

import streamlit as st

from geo import fmt
from geo.data import snapshot
from geo.data.load import Dataset
from geo.data.snapshot import Loaded
from geo.i18n import t

BANNER_PROBLEMS = 5  # problems spelled out in the banner; the table below it lists them all


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
