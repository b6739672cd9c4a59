#!/usr/bin/env bash
# Installs everything the dashboard and its tests need on a fresh Debian machine (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT_PACKAGES=(python3 python3-venv python3-pip nodejs npm chromium chromium-driver fonts-noto-cjk poppler-utils
              postgresql postgresql-15-postgis-3 nginx libreoffice-impress
              libcairo2)
APT_PACKAGES+=(libreoffice-calc)  # tests open the intake review spreadsheet in a real spreadsheet program
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  case "$pkg" in
    python3|python3-venv|python3-pip) command -v python3 >/dev/null && python3 -m venv --help >/dev/null 2>&1 && continue ;;
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
    chromium) [ -x /usr/bin/chromium ] && continue ;;
    chromium-driver) [ -x /usr/bin/chromedriver ] && continue ;;
    fonts-noto-cjk) fc-list 2>/dev/null | grep -q "Noto Sans CJK" && continue ;;
    poppler-utils) command -v pdftotext >/dev/null && continue ;;
    postgresql) [ -x /usr/lib/postgresql/15/bin/initdb ] && continue ;;
    postgresql-15-postgis-3) [ -f /usr/share/postgresql/15/extension/postgis.control ] && continue ;;
    nginx) [ -x /usr/sbin/nginx ] && continue ;;
    libreoffice-impress) [ -x /usr/bin/loimpress ] && continue ;;
    libcairo2) ldconfig -p 2>/dev/null | grep -q 'libcairo.so.2 ' && continue ;;
    libreoffice-calc) dpkg -s libreoffice-calc >/dev/null 2>&1 && continue ;;
  esac
  missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt

# Leaflet and plugins come from the npm registry at set-up time and are served by the app (offline maps).
# Installed afresh only when what package.json pins is missing (npm ci empties node_modules first).
npm ls --depth=0 >/dev/null 2>&1 || npm ci --no-audit --no-fund --loglevel=error
.venv/bin/python scripts/vendor_assets.py
# The basemap boundaries as one static file per datum (geo/maps/basefile.py), fetched once by the browser.
.venv/bin/python scripts/publish_boundaries.py
