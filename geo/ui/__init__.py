"""Everything that imports Streamlit: the run's data, filter and language (`run`), cached loading keyed on the data
version (`cache`), the sidebar and its URL mirror (`sidebar`), page building blocks (`widgets`, `fallback`), maps in
the page (`maps`, `stepper`), download buttons (`exports`), briefing mode and the slideshow (`briefing`), sign-in
(`auth`, `sessions`) and the data page (`admin`, `intake`, `editor`, `learned`, `audit`).

May import anything in `geo`. Nothing outside `geo/ui`, `pages/` and `dashboard.py` imports Streamlit.
"""
