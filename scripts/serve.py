"""Start the dashboard (`streamlit run dashboard.py ARGS`) with Streamlit's v1 pages/ discovery off.

Streamlit 1.67 treats an app with a pages/ folder as a v1 multipage app until st.navigation has run once, so the
very first request on a fresh server ran the page file without dashboard.py (and, for a URL that is not a file
name in pages/, showed "Page not found"). Every url_path is its file name (tests/app/test_pages.py checks), and
turning v1 discovery off before the server starts makes the router in dashboard.py the only source of pages
from the first request on.
"""
from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(ROOT / "dashboard.py"), *sys.argv[1:]]
    sys.exit(cli.main())
