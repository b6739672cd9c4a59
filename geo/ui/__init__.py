"""Everything that imports Streamlit: cached loading and the shared filter (`state`), page building blocks
(`widgets`), maps in the page (`maps`), download buttons (`exports`), briefing mode and the slideshow
(`briefing`), the sign-in box (`auth`) and the data page (`admin`).

May import anything in `geo`. Nothing outside `geo/ui`, `pages/` and `dashboard.py` imports Streamlit.
"""
