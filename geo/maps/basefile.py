"""The basemap boundaries as one static, content-addressed JSON file under static/, fetched once by the browser.

Every map used to carry the whole boundary set (about 900 KB) in its own message. Now the boundaries of a data
version and datum are written once to settings.BOUNDARY_STATIC_DIR, Streamlit serves them as a static file, and
a map carries only its URL. The file name is a hash of its content, so a browser may keep it for good.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import tempfile
from pathlib import Path

import numpy as np
import shapely

from geo import settings
from geo.data.load import Dataset

LAYERS = ("countries", "provinces", "prefectures", "counties")
KEEP = 16  # boundary files kept per directory: old data versions' files go, recent ones stay for open pages
DIGITS = 4  # about 10 m: finer than the simplified outlines themselves
_PUBLISHED: dict[tuple[str, str], str] = {}  # (fingerprint, directory) -> URL


def _round(xy: np.ndarray) -> np.ndarray:
    return np.round(xy, DIGITS)


def _escape(value) -> str:
    """Names reach the browser as tooltip HTML: escape them here, once."""
    return "" if value is None or value != value else html.escape(str(value))


def boundary_json(ds: Dataset) -> bytes:
    """{layer: FeatureCollection} with adcode (or iso3), both names escaped (n: Chinese, e: English) and
    coordinates rounded; compact, with stable key order so equal data gives equal bytes."""
    out = {}
    for layer in LAYERS:
        gdf = ds.boundaries[layer]
        key = "adcode" if "adcode" in gdf.columns else "iso3"
        geoms = shapely.transform(gdf.geometry.values, _round)
        feats = [{"type": "Feature", "geometry": json.loads(shapely.to_geojson(g)),
                  "properties": {"adcode": str(code), "n": _escape(zh), "e": _escape(en)}}
                 for code, zh, en, g in zip(gdf[key], gdf["name_zh"], gdf["name_en"], geoms)]
        out[layer] = {"type": "FeatureCollection", "features": feats}
    return json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a browser never reads half a file (two servers may race)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def _prune(directory: Path) -> None:
    """Remove all but the KEEP newest boundary files (each data edit writes a new one)."""
    files = sorted(directory.glob("base-*.json"), key=lambda f: f.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)


def publish(ds: Dataset, directory: Path | None = None, url: str | None = None) -> str:
    """The URL of the boundary file of this dataset (already in its display datum), written if missing."""
    directory = Path(directory or settings.BOUNDARY_STATIC_DIR)
    cache_key = (ds.fingerprint, str(directory))
    if ds.fingerprint and cache_key in _PUBLISHED and (directory / _PUBLISHED[cache_key].rsplit("/", 1)[1]).exists():
        return _PUBLISHED[cache_key]
    data = boundary_json(ds)
    name = f"base-{hashlib.sha256(data).hexdigest()[:20]}.json"
    if not (directory / name).exists():
        _write_atomic(directory / name, data)
        _prune(directory)
    address = f"{url or settings.BOUNDARY_STATIC_URL}/{name}"
    if ds.fingerprint:
        _PUBLISHED[cache_key] = address
    return address
