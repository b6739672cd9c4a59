"""Per-county counts and sums in PostGIS against the same work in pandas, on the large generated dataset.

Usage: python -m bench.db [--url URL]   (default: a throwaway PostgreSQL from scripts/pg_local.py; prints a Markdown
table, asserts nothing). Ratios are against pandas on the frames already in memory, in this process.
Seizure sums are per county, unit and period as written: figures of different units or periods are never added.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import sqlalchemy as sa

from bench.synth import generate
from geo.data.load import DirectorySource
from geo.db import checks, migrate, transfer
from geo.db.engine import engine
from geo.db.source import PostgresSource

RUNS = 5
ROOT = Path(__file__).resolve().parents[1]
SEIZURES_SQL = """SELECT adcode, unit, period_label, count(*) AS n, sum(quantity) AS total FROM seizures
                  GROUP BY adcode, unit, period_label"""
CHECKPOINTS_SQL = "SELECT adcode, count(*) AS n FROM checkpoints GROUP BY adcode"
# which county each checkpoint lies in by its point, not by the code it names: a spatial join on the GiST index
SPATIAL_SQL = """SELECT b.code AS adcode, count(*) AS n FROM checkpoints c
                 JOIN boundaries b ON b.layer = 'counties' AND ST_Covers(b.geom, c.geom) GROUP BY b.code"""


def ms(action) -> tuple[float, object]:
    """Median wall time of `action` in milliseconds, and its last result."""
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def sql(url: str, query: str) -> pd.DataFrame:
    with engine(url).connect() as conn:
        return pd.read_sql(sa.text(query), conn)


def pandas_seizures(frame: pd.DataFrame) -> pd.DataFrame:
    grouped = frame.groupby(["adcode", "unit", "period_label"], dropna=False)["quantity"]
    return grouped.agg(n="count", total="sum").reset_index()


def same(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]) -> bool:
    """The two results agree (row for row, sums to a millionth)."""
    a, b = (f.sort_values(keys).reset_index(drop=True) for f in (a, b))
    cols = [c for c in a.columns if c not in keys]
    return (len(a) == len(b) and a[keys].astype(str).equals(b[keys].astype(str))
            and all((a[c].astype(float) - b[c].astype(float)).abs().max() < 1e-6 for c in cols))


def measure(url: str, data: Path) -> list[tuple[str, float, float, str]]:
    ds = DirectorySource(data).load()
    seizures, cps = ds["seizures"], ds["checkpoints"]
    base, by_pandas = ms(lambda: pandas_seizures(seizures))
    took, by_db = ms(lambda: sql(url, SEIZURES_SQL))
    rows = [("seizures (50,000): count and sum per county, unit, period — pandas groupby", base, "")]
    rows.append(("… the same in PostGIS (GROUP BY, result fetched)", took, _agree(by_pandas, by_db,
                                                                                   ["adcode", "unit", "period_label"])))
    t_cp, by_cp = ms(lambda: cps.groupby("adcode").size().rename("n").reset_index())
    rows.append(("checkpoints (10,000): count per county — pandas groupby", t_cp, ""))
    t_db, by_db_cp = ms(lambda: sql(url, CHECKPOINTS_SQL))
    rows.append(("… the same in PostGIS", t_db, _agree(by_cp, by_db_cp, ["adcode"])))
    counties = ds.boundaries["counties"][["adcode", "geometry"]]
    points = gpd.GeoDataFrame(cps, geometry=gpd.points_from_xy(cps["lon"].astype(float), cps["lat"].astype(float)),
                              crs="EPSG:4326")
    t_sj, by_sj = ms(lambda: gpd.sjoin(points, counties, predicate="covered_by").groupby("adcode_right").size()
                     .rename("n").rename_axis("adcode").reset_index())
    rows.append(("checkpoints per county by location — geopandas sjoin", t_sj, ""))
    t_sp, by_sp = ms(lambda: sql(url, SPATIAL_SQL))
    rows.append(("… the same in PostGIS (ST_Covers, GiST)", t_sp, _agree(by_sj, by_sp, ["adcode"])))
    t_chk, _ = ms(lambda: checks.points_outside(url))
    rows.append(("every point in the jurisdiction it names (PostGIS check, 13,000 points)", t_chk, ""))
    t_fp, _ = ms(lambda: DirectorySource(data).fingerprint())
    rows.append(("data fingerprint per rerun — data folder (stat every file)", t_fp, ""))
    t_v, _ = ms(lambda: PostgresSource(url).fingerprint())
    rows.append(("… PostgresSource (one primary-key lookup of data_version)", t_v, ""))
    return [(name, value, value / ref, agree) for (name, value, agree), ref in
            zip(rows, [base, base, t_cp, t_cp, t_sj, t_sj, base, t_fp, t_fp])]


def _agree(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]) -> str:
    return "same result" if same(a, b, keys) else "DIFFERENT"


def run(url: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-db-", dir="/tmp") as tmp:
        Path(tmp).chmod(0o711)  # the server runs as the postgres user and must reach its folder inside
        data = generate(Path(tmp) / "data")
        folder = Path(tmp) / "pg"
        if url is None:
            sys.path.insert(0, str(ROOT / "scripts"))
            import pg_local

            url = pg_local.start(folder, db="bench")
        try:
            migrate.upgrade(url)
            start = time.perf_counter()
            transfer.import_dir(url, data, user="bench")
            imported = (time.perf_counter() - start) * 1000
            rows = measure(url, data)
        finally:
            engine(url).dispose()
            if folder.exists():
                pg_local.stop(folder)
                shutil.rmtree(folder, ignore_errors=True)
    print("| operation | median ms | ratio | check |")
    print("|---|---:|---:|---|")
    for name, value, ratio, agree in rows:
        print(f"| {name} | {value:,.1f} | {ratio:.2f} | {agree} |")
    print(f"\nimport of the whole dataset (validate + one transaction): {imported:,.0f} ms, once")
    print("ratios: each PostGIS row against the pandas row above it; the check against the pandas seizure groupby; "
          "the fingerprint against the data folder's")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an empty database to use instead of a throwaway one (it is overwritten)")
    run(parser.parse_args(argv).url)


if __name__ == "__main__":
    main()
