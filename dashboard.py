"""Entry point and router: `streamlit run dashboard.py`."""
import streamlit as st

from geo.i18n import t
from geo.ui import auth as ui_auth
from geo.ui import briefing as ui_briefing
from geo.ui import cache, run, sidebar

st.set_page_config(page_title="禁毒工作地理看板", page_icon="🗺️", layout="wide")
run.route_through_dashboard()
ds = cache.dataset(sidebar.language(), banner=True)
flt = sidebar.sidebar(ds)
lang = sidebar.language()  # a shared link may have just set it
ui_auth.sidebar_box(lang)
run.begin(ds, flt, lang)  # what every page reads: one dataset, one filter, one language per run

PAGES = [
    ("pages/overview.py", "page_overview", "overview", True),
    ("pages/enforcement.py", "page_enforcement", "enforcement", False),
    ("pages/compare.py", "page_compare", "compare", False),
    ("pages/timeline.py", "page_timeline", "timeline", False),
    ("pages/checkpoints.py", "page_checkpoints", "checkpoints", False),
    ("pages/routes.py", "page_routes", "routes", False),
    ("pages/seizures.py", "page_seizures", "seizures", False),
    ("pages/demo_sites.py", "page_demo", "demo_sites", False),
    ("pages/sources.py", "page_sources", "sources", False),
    ("pages/briefing.py", "page_briefing", "briefing", False),
    ("pages/data.py", "page_data", "data", False),
]
nav = st.navigation([st.Page(path, title=t(title, lang), url_path=url, default=default)
                     for path, title, url, default in PAGES],
                    position="hidden" if ui_briefing.active() else "sidebar")
ui_briefing.chrome(lang)
nav.run()
