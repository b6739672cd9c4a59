"""Start the dashboard (`streamlit run dashboard.py ARGS`) with Streamlit's v1 pages/ discovery off, listening on
$DASHBOARD_ADDRESS (default 127.0.0.1, this machine only) unless ARGS name --server.address.

The modules the pages use are imported before the server listens (`preload`): importing geopandas, folium,
plotly and matplotlib takes seconds, on a busy machine tens of seconds, and the first person to open a freshly
started server would otherwise wait for them on a blank page. Then the first page is run once over the server's
own WebSocket (geo/ui/warm.py: the data loaded and validated, the overview's map and figures built), and the health
check answers only once that is done, so the first person is served from warm caches.

Streamlit 1.67 treats an app with a pages/ folder as a v1 multipage app until st.navigation has run once, so the
very first request on a fresh server ran the page file without dashboard.py (and, for a URL that is not a file
name in pages/, showed "Page not found"). Every url_path is its file name (tests/app/test_pages.py checks), and
turning v1 discovery off before the server starts makes the router in dashboard.py the only source of pages
from the first request on.
"""
from __future__ import annotations

import ast
import importlib
import importlib.util
import os
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from geo import settings  # noqa: E402 - importable only once the repository is on the path


def app_modules(root: Path = ROOT) -> list[str]:
    """The geo modules outside geo.ui that dashboard.py, the pages and geo.ui import. geo.ui itself is left to the
    first run: a Streamlit component (streamlit-folium) registers with the server only when imported inside a run."""
    names: set[str] = set()
    for path in [root / "dashboard.py", *(root / "pages").glob("*.py"), *(root / "geo" / "ui").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
    return sorted(n for n in names if n.split(".")[0] == "geo" and not n.startswith("geo.ui") and _is_module(n))


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # `from geo.i18n import t`: geo.i18n.t is a function, not a module
        return False


def preload(root: Path = ROOT) -> None:
    """Import what the pages import, so the first request does not wait for it."""
    for name in app_modules(root):
        importlib.import_module(name)


def address_args(args: list[str], env: dict[str, str]) -> list[str]:
    """The address to listen on, unless the command line gives one: $DASHBOARD_ADDRESS, else this machine only."""
    if any(a == "--server.address" or a.startswith("--server.address=") for a in args):
        return []
    return ["--server.address", env.get(settings.ADDRESS_ENV) or settings.DEFAULT_ADDRESS]


def port() -> int:
    from streamlit import config

    return int(config.get_option("server.port"))


if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    preload()
    from geo.ui import warm  # after preload: geo.ui imports nothing that needs a script run

    warm.warm_in_background(port)
    args = sys.argv[1:]
    sys.argv = ["streamlit", "run", str(ROOT / "dashboard.py"), *address_args(args, dict(os.environ)), *args]
    sys.exit(cli.main())
