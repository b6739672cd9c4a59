"""Write the basemap boundaries to static/boundaries once per datum, where the app serves them (see
geo/maps/basefile.py). The app also writes them on its first map if they are missing, e.g. for another data
directory; this step makes a fresh server's first map as fast as the next."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from geo import settings  # noqa: E402
from geo.data.load import load_dataset  # noqa: E402
from geo.maps import basefile  # noqa: E402
from geo.maps.base import display_dataset  # noqa: E402


def main() -> None:
    ds = load_dataset()
    for datum in settings.DATUMS:
        print(f"{datum}: {basefile.publish(display_dataset(ds, datum))}")


if __name__ == "__main__":
    main()
