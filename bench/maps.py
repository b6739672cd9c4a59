"""Map build time and payload per page, curated and large generated data, against a naive baseline; and what the
screens cost in Chromium: the first page of a fresh server, a desk map after navigation and every slide change,
against a baseline build (another checkout, --baseline) or the same code with the boundaries inside every map.

Usage: python -m bench.maps [--no-browser] [--browser-only] [--runs N] [--baseline /tmp/base]
(prints Markdown tables; nothing is asserted)
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import folium

from bench.synth import generate
from geo.data.filters import Filter
from geo.data.load import Dataset, load_dataset, place_points
from geo.maps import pages as page_maps
from geo.maps.base import base_map

WARM_RUNS = 3


def payload(m: folium.Map) -> int:
    """Bytes of the page the browser receives for this map (HTML, scripts, data)."""
    return len(m.get_root().render().encode("utf-8"))


def timed(build) -> tuple[float, float, int]:
    """First build, median warm build (ms) and payload bytes."""
    start = time.perf_counter()
    m = build()
    first = (time.perf_counter() - start) * 1000
    warm = []
    for _ in range(WARM_RUNS):
        start = time.perf_counter()
        m = build()
        warm.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(warm), payload(m)


def naive(ds: Dataset, lang: str) -> folium.Map:
    """The baseline: default folium (CDN assets, OSM tiles), one Marker with popup per checkpoint and seizure,
    one PolyLine per route, rebuilt from scratch every time."""
    m = folium.Map(location=[28, 112], zoom_start=6)
    pts = place_points(ds)
    for r in ds["checkpoints"].itertuples():
        folium.Marker([r.lat, r.lon], popup=f"{r.name_zh} {r.quote}", tooltip=r.name_zh).add_to(m)
    for r in ds["seizures"].itertuples():
        if r.adcode in pts.index:
            folium.Marker([pts.at[r.adcode, "lat"], pts.at[r.adcode, "lon"]], popup=f"{r.quantity} {r.unit}").add_to(m)
    way = ds["route_waypoints"].sort_values(["route_id", "seq"])
    for rid, part in way.groupby("route_id"):
        folium.PolyLine([[pts.at[p, "lat"], pts.at[p, "lon"]] for p in part["place_ref"]], tooltip=rid).add_to(m)
    return m


def maps_of(ds: Dataset, lang: str, flt: Filter) -> dict:
    category = ds["demo_sites"]["category"].mode().iloc[0] if len(ds["demo_sites"]) else "school"
    return {
        "overview": lambda: page_maps.overview_map(ds, flt, lang),
        "checkpoints": lambda: page_maps.checkpoints_map(ds, flt, lang),
        "routes": lambda: page_maps.routes_map(ds, flt, lang),
        "seizures": lambda: page_maps.seizures_map(ds, flt, lang),
        "seizures (choropleth)": lambda: page_maps.seizures_map(ds, flt, lang, "choropleth"),
        "demo sites": lambda: page_maps.demo_map(ds, flt, lang, category),
        "basemap only": lambda: base_map(ds, lang, flt),
    }


def run(label: str, ds: Dataset) -> list[str]:
    rows = []
    b_first, _, b_bytes = timed(lambda: naive(ds, "zh"))
    for name, build in maps_of(ds, "zh", Filter()).items():
        first, warm, size = timed(build)
        rows.append(f"| {label} | {name} | {first:,.0f} | {warm:,.0f} | {size / 1e6:.2f} | {b_first:,.0f} | "
                    f"{b_bytes / 1e6:.2f} | {b_first / warm:.1f}x | {b_bytes / size:.1f}x |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--baseline", type=Path, help="another checkout to measure in Chromium in the same run")
    parser.add_argument("--browser-only", action="store_true", help="only the Chromium table")
    args = parser.parse_args()
    curated = load_dataset()
    from bench import map_loads

    map_loads.report(curated, args.runs, browser=not args.no_browser, baseline=args.baseline)
    if not args.no_browser:
        from bench import year_steps

        print("\n" + "\n".join(year_steps.table(args.runs)))
    if args.browser_only:
        return
    print()
    with tempfile.TemporaryDirectory() as tmp:
        large = load_dataset(generate(Path(tmp) / "large"))
    counts = {n: len(large[n]) for n in ("checkpoints", "routes", "seizures")}
    print(f"large dataset: {counts} over the counties of Hunan, Hubei and Henan\n")
    print("| data | map | first build ms | warm build ms | payload MB | baseline build ms | baseline MB | "
          "build speed-up | payload reduction |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for line in run("curated", curated) + run("large", large):
        print(line)
    print("\nbaseline: one folium.Marker per checkpoint and seizure and a PolyLine per route, uncached, same process.")


if __name__ == "__main__":
    main()
