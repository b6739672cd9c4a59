"""Start the dashboard (`streamlit run dashboard.py ARGS`) with Streamlit's v1 pages/ discovery off, listening on
$DASHBOARD_ADDRESS (default 127.0.0.1, this machine only) unless ARGS name --server.address.

Streamlit 1.67 treats an app with a pages/ folder as a v1 multipage app until st.navigation has run once, so the
very first request on a fresh server ran the page file without dashboard.py (and, for a URL that is not a file
name in pages/, showed "Page not found"). Every url_path is its file name (tests/app/test_pages.py checks), and
turning v1 discovery off before the server starts makes the router in dashboard.py the only source of pages
from the first request on.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from geo import settings  # noqa: E402 - importable only once the repository is on the path


def address_args(args: list[str], env: dict[str, str]) -> list[str]:
    """The address to listen on, unless the command line gives one: $DASHBOARD_ADDRESS, else this machine only."""
    if any(a == "--server.address" or a.startswith("--server.address=") for a in args):
        return []
    return ["--server.address", env.get(settings.ADDRESS_ENV) or settings.DEFAULT_ADDRESS]


if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    args = sys.argv[1:]
    sys.argv = ["streamlit", "run", str(ROOT / "dashboard.py"), *address_args(args, dict(os.environ)), *args]
    sys.exit(cli.main())
