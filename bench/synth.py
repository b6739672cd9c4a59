"""A large generated dataset in the curated schema, for benchmarks and scale tests (never shown as real data).

Every county of Hunan, Hubei and Henan from data/jurisdictions.csv; fixed seed; each row is marked synthetic.
"""
from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

from geo import settings
from geo.data.schema import TABLES

PROVINCES = ("43", "42", "41")
DRUGS = ("heroin", "methamphetamine", "magu", "mixed", "unspecified")
KINDS = ("interprovincial_checkpoint", "police_checkpoint", "inspection_station", "work_station_out_of_province")
NOTE = "synthetic benchmark record"


def _write(path: Path, table: str, rows: list[dict]) -> None:
    cols = TABLES[table].column_names
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        w.writerows({c: r.get(c, "") for c in cols} for r in rows)


def _counties(src: Path) -> list[dict]:
    with (src / "jurisdictions.csv").open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["level"] == "county" and r["adcode"][:2] in PROVINCES]


def generate(out: Path, checkpoints: int = 10_000, routes: int = 2_000, seizures: int = 50_000,
             seed: int = 7, src: Path | None = None) -> Path:
    """Write a complete data directory at `out` and return it."""
    src = src or settings.data_dir()
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("sources", "boundaries"):
        shutil.copytree(src / name, out / name, dirs_exist_ok=True)
    for name in ("jurisdictions", "sources"):
        shutil.copy2(src / f"{name}.csv", out / f"{name}.csv")
    counties = _counties(src)
    source = sorted(p.name for p in (src / "sources").glob("*.txt"))[0]
    prov = {"source_file": source, "quote": "禁毒", "note": NOTE}
    cps = [{**prov, "checkpoint_id": f"s-cp-{i}", "name_zh": f"检查站{i}", "name_en": f"Checkpoint {i}",
            "kind": rnd.choice(KINDS), "adcode": c["adcode"], "precision": "approximate", "coord_method": "synthetic",
            "lon": round(float(c["lon"]) + rnd.uniform(-0.15, 0.15), 4),
            "lat": round(float(c["lat"]) + rnd.uniform(-0.15, 0.15), 4)}
           for i, c in enumerate(rnd.choice(counties) for _ in range(checkpoints))]
    rts, ways, cases = [], [], []
    for i in range(routes):
        stops = rnd.sample(counties, rnd.randint(2, 4))
        rts.append({**prov, "route_id": f"s-r-{i}", "name_zh": f"通道{i}", "name_en": f"Route {i}",
                    "drug_type": rnd.choice(DRUGS), "case_id": f"s-c-{i}"})
        ways += [{"route_id": f"s-r-{i}", "seq": k + 1, "place_ref": s["adcode"], "as_written": s["name_zh"],
                  "role": "origin" if k == 0 else "destination" if k == len(stops) - 1 else "transit"}
                 for k, s in enumerate(stops)]
        cases.append({**prov, "case_id": f"s-c-{i}", "level": "other", "name_zh": f"案件{i}", "name_en": f"Case {i}",
                      "adcode": stops[-1]["adcode"], "route_id": f"s-r-{i}", "suspects": rnd.randint(1, 30)})
    szs = [{**prov, "seizure_id": f"s-sz-{i}", "adcode": rnd.choice(counties)["adcode"],
            "case_id": f"s-c-{rnd.randrange(routes)}" if rnd.random() < 0.5 else "", "drug_type": rnd.choice(DRUGS),
            "drug_as_written": "毒品", "quantity": round(rnd.uniform(0.01, 50), 3), "qualifier": "exact", "unit": "kg",
            "period_start": "2019-01-01", "period_end": "2019-12-31", "period_label": "2019年"}
           for i in range(seizures)]
    figs = [{**prov, "figure_id": f"s-f-{i}", "adcode": c["adcode"], "category": "enforcement",
             "metric": "drug_cases_solved", "value": rnd.randint(1, 500), "qualifier": "exact", "unit": "case",
             "label_zh": "破获毒品案件", "label_en": "Drug cases solved", "period_label": "2019年"}
            for i, c in enumerate(counties)]
    demo = [{**prov, "record_id": f"s-d-{i}", "adcode": c["adcode"], "category": rnd.choice(("school", "village")),
             "level": "city", "count": rnd.randint(1, 40), "qualifier": "exact", "label_zh": "示范"}
            for i, c in enumerate(counties)]
    for table, rows in [("checkpoints", cps), ("routes", rts), ("route_waypoints", ways), ("cases", cases),
                        ("seizures", szs), ("figures", figs), ("demo_sites", demo), ("places", [])]:
        _write(out / TABLES[table].file, table, rows)
    return out


if __name__ == "__main__":
    import sys

    print(generate(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/synth-data")))
