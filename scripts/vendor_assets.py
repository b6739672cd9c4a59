"""Copy the browser assets installed by `npm ci` into static/vendor, where Streamlit serves them."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from geo import settings  # noqa: E402
from geo.maps.offline import VENDORED  # noqa: E402


def main() -> None:
    modules = ROOT / "node_modules"
    for src, dest in VENDORED.items():
        source, target = modules / src, settings.VENDOR_DIR / dest
        if not source.exists():
            sys.exit(f"missing {source}: run `npm ci` first")
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
    print(f"copied {len(VENDORED)} assets to {settings.VENDOR_DIR}")


if __name__ == "__main__":
    main()
