"""Static map exports: layers in the interactive map's colours, true-metre scale bar, north arrow, review mark,
and the PNG/PDF files opened and read back."""
import io
import shutil
import subprocess
import unicodedata
from datetime import date

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from PIL import Image
from pyproj import CRS, Geod, Transformer

from geo import settings
from geo.data import load as data
from geo.data.filters import Filter
from geo.exports import furniture as mf
from geo.exports import static_maps
from geo.maps import layers

YONGZHOU = Filter(("431100",))


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


def pdf_text(raw: bytes, tmp_path) -> str:
    path = tmp_path / "map.pdf"
    path.write_bytes(raw)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", out)


def map_axes(m: static_maps.StaticMap):
    return m.figure.axes[0]


def test_route_lines_use_drug_colours_and_width_by_kg(ds):
    m = static_maps.page_map(ds, Filter(), "zh", "routes")
    lines = [ln for ln in map_axes(m).get_lines() if len(ln.get_xdata()) >= 2]
    colours = {to_hex(ln.get_color()).upper() for ln in lines}
    assert colours == {settings.DRUG_COLORS[d] for d in set(ds["routes"]["drug_type"])}
    kg = layers.route_kg(ds, ds["routes"])
    assert max(ln.get_linewidth() for ln in lines) > min(ln.get_linewidth() for ln in lines)
    assert kg.max() > kg.min()
    arrows = [a for a in map_axes(m).texts if getattr(a, "arrow_patch", None) is not None]
    assert len(arrows) >= len(lines)  # an arrowhead on every leg


def test_checkpoints_coloured_and_shaped_by_kind(ds):
    m = static_maps.page_map(ds, Filter(), "zh", "checkpoints")
    found = {}
    for coll in map_axes(m).collections:
        faces = coll.get_facecolors()
        if len(faces) and hasattr(coll, "get_offsets") and len(coll.get_offsets()) and coll.get_zorder() == 12:
            found[to_hex(faces[0]).upper()] = len(coll.get_offsets())
    kinds = ds["checkpoints"]["kind"].value_counts()
    assert found == {settings.CHECKPOINT_COLORS[k]: n for k, n in kinds.items()}


def test_checkpoint_map_frames_the_stations_in_other_provinces(ds):
    ax = map_axes(static_maps.page_map(ds, Filter(), "zh", "checkpoints"))
    xs, ys = static_maps.to_map(ds["checkpoints"]["lon"].tolist(), ds["checkpoints"]["lat"].tolist())
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert all(x0 < x < x1 for x in xs) and all(y0 < y < y1 for y in ys)  # Yunnan and Guangdong included


def test_choropleth_uses_the_interactive_classes(ds):
    m = static_maps.page_map(ds, Filter(), "zh", "seizures_choropleth")
    legend_texts = [t.get_text() for t in m.figure.axes[1].get_legend().get_texts()]
    kg = ds["seizures"][ds["seizures"]["unit"] == "kg"]
    largest = kg.groupby("adcode")["quantity"].max().astype(float)
    shapes = pd.concat([ds.boundaries["prefectures"], ds.boundaries["counties"]])
    chosen = shapes[shapes["adcode"].isin(largest.index)].assign(value=lambda f: f["adcode"].map(largest))
    outline = pd.Series(layers.outlined(chosen), index=chosen.index)
    bins = layers.class_breaks(chosen.loc[~outline, "value"])  # cities drawn as outlines are not classed
    assert outline.any() and legend_texts[-1] == "轮廓：市级数字（其县区另行着色）"
    assert len(legend_texts) == 2 + len(bins) and legend_texts[0] == "缴获毒品"


def test_symbols_are_proportional_to_the_largest_figure(ds):
    m = static_maps.page_map(ds, Filter(), "zh", "seizures")
    sizes = next(c.get_sizes() for c in map_axes(m).collections if c.get_zorder() == 12)
    areas = np.sort(sizes)[::-1]
    assert areas[0] == pytest.approx((2 * 34 * mf.PX) ** 2)  # the largest figure gets the largest radius, 34 px


def test_scale_bar_length_is_true_metres(ds):
    m = static_maps.page_map(ds, YONGZHOU, "zh", "overview")
    ax = map_axes(m)
    bar = [p for p in ax.patches if p.get_zorder() == 20 and hasattr(p, "get_width")][:2]
    x0, y = bar[0].get_x(), bar[0].get_y()
    x1 = bar[1].get_x() + bar[1].get_width()
    to_geo = Transformer.from_crs(CRS(settings.MAP_EXPORT_CRS), CRS(4326), always_xy=True)
    (lon0, lat0), (lon1, lat1) = to_geo.transform(x0, y), to_geo.transform(x1, y)
    metres = Geod(ellps="WGS84").inv(lon0, lat0, lon1, lat1)[2]
    label = float(next(t.get_text() for t in ax.texts if t.get_text().endswith("公里")).split()[0]) * 1000
    assert metres == pytest.approx(label, rel=0.01)


def test_north_arrow_follows_meridian_convergence():
    from matplotlib.figure import Figure

    angles = {}
    for lon in (95, 105, 115):
        ax = Figure().add_subplot()
        x, y = static_maps.to_map([lon], [30])
        ax.set_xlim(x[0] - 1e5, x[0] + 1e5), ax.set_ylim(y[0] - 1e5, y[0] + 1e5)
        angles[lon] = mf.north_arrow(ax, settings.MAP_EXPORT_CRS, "zh")
    assert abs(angles[105]) < 1 and angles[95] > 4 and angles[115] < -4  # about 0.6° per degree of longitude


def test_scale_lengths_are_round():
    assert [mf.nice_length(v) for v in (130_000, 260_000, 999, 7_000)] == [100_000, 200_000, 500, 5_000]


def test_unreviewed_map_is_marked_internal(ds):
    assert settings.MAP_APPROVAL_NO is None
    assert static_maps.map_file_name(ds, YONGZHOU, "zh", "seizures", "png") == "永州市_缴获毒品_2018-2021_内部资料.png"
    assert static_maps.map_file_name(ds, YONGZHOU, "en", "seizures", "pdf").endswith("_internal.pdf")
    m = static_maps.page_map(ds, YONGZHOU, "zh", "seizures")
    texts = [t.get_text() for t in m.figure.texts]
    assert "内部资料" in texts and any("未经审图" in t for t in texts) and m.metadata["Keywords"] == "内部资料"


def test_reviewed_map_prints_its_number(ds, monkeypatch):
    monkeypatch.setattr(settings, "MAP_APPROVAL_NO", "GS(2024)1234号")
    m = static_maps.page_map(ds, YONGZHOU, "zh", "seizures")
    texts = [t.get_text() for t in m.figure.texts]
    assert "审图号：GS(2024)1234号" in texts and "内部资料" not in texts
    assert "内部资料" not in static_maps.map_file_name(ds, YONGZHOU, "zh", "seizures", "png")


def test_unknown_page_is_refused(ds):
    with pytest.raises(ValueError, match="unknown map page"):
        static_maps.page_map(ds, Filter(), "zh", "nowhere")


@pytest.mark.slow
def test_png_is_3840x2160_and_not_blank(ds):
    raw = static_maps.page_map(ds, Filter(), "zh", "overview").to_bytes("png")
    png = Image.open(io.BytesIO(raw))
    assert "内部资料" in png.text["Description"] and png.text["Title"] == "全部 · 总览"
    img = png.convert("RGB")
    assert img.size == (3840, 2160)
    pixels = np.asarray(img.resize((384, 216)))
    assert pixels.std() > 20 and len(np.unique(pixels.reshape(-1, 3), axis=0)) > 200
    stamp = np.asarray(img.crop((3300, 50, 3800, 220)))  # the 内部资料 stamp, top right, in #b00000
    assert ((abs(stamp[..., 0].astype(int) - 0xB0) < 20) & (stamp[..., 1] < 40)).sum() > 500


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is installed by scripts/setup.sh")
@pytest.mark.parametrize("lang,title,mark,source", [
    ("zh", "永州市 · 缴获毒品", "内部资料", "来源:健全毒品治理体系"),
    ("en", "Yongzhou · Seizures", "Internal — not for publication", "Source:"),
])
def test_pdf_text_has_title_source_and_mark(ds, tmp_path, lang, title, mark, source):
    raw = static_maps.page_map(ds, YONGZHOU, lang, "seizures", exported=date(2026, 11, 25)).to_bytes("pdf")
    text = pdf_text(raw, tmp_path)
    assert title in text and mark in text and source.replace(" ", "") in text.replace(" ", "")
    assert "2026-11-25" in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "map.pdf")], capture_output=True, text=True,
                           check=True).stdout
    assert "NotoSansCJK" in fonts and all(" yes " in ln for ln in fonts.splitlines()[2:])  # embedded


def test_logo_from_settings_is_drawn(ds, tmp_path, monkeypatch):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 30), (0, 90, 200)).save(logo)
    monkeypatch.setattr(settings, "EXPORT_LOGO", logo)
    m = static_maps.page_map(ds, YONGZHOU, "zh", "checkpoints")
    images = [im for ax in m.figure.axes for im in ax.get_images()]
    assert len(images) == 1 and images[0].get_array().shape[:2] == (30, 60)


def test_maps_are_drawn_in_noto_sans_cjk():
    assert mf.cjk_font() in ("Noto Sans CJK SC", "Noto Sans CJK JP")


def test_cjk_font_is_registered_when_the_font_cache_lacks_it(monkeypatch):
    from matplotlib import font_manager

    without = [f for f in font_manager.fontManager.ttflist if "CJK" not in f.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", without)
    mf.cjk_font.cache_clear()
    try:
        assert mf.cjk_font() in ("Noto Sans CJK SC", "Noto Sans CJK JP")
        assert any("CJK" in f.name for f in font_manager.fontManager.ttflist)
    finally:
        mf.cjk_font.cache_clear()


def test_maps_follow_the_drug_and_year_filter(ds):
    heroin = Filter(drugs=("heroin",))
    m = static_maps.page_map(ds, heroin, "zh", "routes")
    lines = [ln for ln in map_axes(m).get_lines() if len(ln.get_xdata()) >= 2]
    assert lines and {to_hex(ln.get_color()).upper() for ln in lines} == {settings.DRUG_COLORS["heroin"]}
    assert m.title == "全部（海洛因） · 贩毒通道"
    kg = static_maps.page_records(ds, Filter(years=(2021, 2021)), "seizures")["kg"]
    assert len(kg) and len(kg) < len(ds["seizures"][ds["seizures"]["unit"] == "kg"])


def test_choropleth_labels_places_with_figures_as_written(ds):
    m = static_maps.page_map(ds, YONGZHOU, "zh", "seizures_choropleth")
    labels = [t.get_text() for t in map_axes(m).texts if "\n" in t.get_text()]
    assert labels and all(label.split("\n")[1].endswith("公斤") for label in labels)


def test_demo_categories_most_records_first_ties_in_schema_order(ds):
    cats = static_maps.demo_categories(ds["demo_sites"])
    counts = ds["demo_sites"]["category"].value_counts()
    assert sorted(cats) == sorted(counts.index)
    assert [counts[c] for c in cats] == sorted(counts, reverse=True)
    assert cats[0] == static_maps.default_category(ds["demo_sites"]) == "rehab_workstation"  # 3 records like education_centre, first in the schema
