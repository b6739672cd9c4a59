"""What a printed map needs besides its layers: CJK font, frame, legend, scale bar, north arrow, review mark."""
from __future__ import annotations

import glob
import io
import math
import shutil
import subprocess
import textwrap
import threading
from datetime import date
from functools import lru_cache
from pathlib import Path

from matplotlib import font_manager, patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrow, Rectangle
from pyproj import CRS, Proj, Transformer

from geo import settings
from geo.exports import press as export

CJK_FAMILIES = ["Noto Sans CJK SC", "Noto Sans CJK JP"]
FALLBACK_FONTS = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                  "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"]
# Figures are EXPORT_WIDTH/96 inches wide: the page size of kaleido's chart PDFs at scale 1 (CSS pixels at 96 dpi),
# so maps and charts share one page size in the briefing PDF.
DPI = 96
PX = 72 / DPI  # points per CSS pixel
HALO = [patheffects.withStroke(linewidth=3, foreground="white")]
INTERNAL_MARK = {"zh": "内部资料", "en": "internal"}
# matplotlib shares its cached FreeType fonts between figures: two Streamlit sessions saving at once could garble
# each other's text, so rendering to a file is serialised.
RENDER_LOCK = threading.RLock()


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """The Noto CJK family to draw with (Debian's fonts-noto-cjk). Registered from `fc-list :lang=zh` when
    matplotlib's font cache does not list it (a cache built before the fonts were installed). Without a CJK font
    Chinese would print as empty boxes, so that is an error, not a fallback."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    if not names & set(CJK_FAMILIES):
        paths = []
        if shutil.which("fc-list"):
            out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
            paths = [line.split(":")[0] for line in out.splitlines() if "NotoSansCJK" in line]
        for path in sorted(set(paths)) or [p for p in FALLBACK_FONTS if glob.glob(p)]:
            font_manager.fontManager.addfont(path)
        names = {f.name for f in font_manager.fontManager.ttflist}
    family = next((f for f in CJK_FAMILIES if f in names), None)
    if family is None:
        raise RuntimeError("No Chinese font for map exports: install fonts-noto-cjk (scripts/setup.sh does)")
    return family


def new_figure(width: int = settings.EXPORT_WIDTH, height: int = settings.EXPORT_HEIGHT) -> Figure:
    """A pyplot-free figure (no global state, safe in Streamlit's threads) in the CJK font."""
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    fig.set_layout_engine(None)
    return fig


def text_props(size: float, **extra) -> dict:
    return {"fontfamily": cjk_font(), "fontsize": size, **extra}


def review_line(lang: str) -> str:
    """The printed review number, or the internal-only notice when there is none."""
    if settings.MAP_APPROVAL_NO:
        number = settings.MAP_APPROVAL_NO
        return f"审图号：{number}" if lang == "zh" else f"Map review no. {number}"
    return "内部资料 · 未经审图，不得公开" if lang == "zh" else "Internal — not for publication (no map review number)"


def internal_mark(lang: str) -> str:
    """'' when the map may be published; otherwise the word that goes into file names and metadata."""
    return "" if settings.MAP_APPROVAL_NO else INTERNAL_MARK[lang]


def frame_text(fig: Figure, title: str, subtitle: str, source: str, lang: str,
               exported: date | None = None) -> None:
    """Title and subtitle on top; source line, basemap credit, export date and review line at the bottom."""
    fig.text(0.02, 0.955, title, **text_props(30, weight="bold", va="top"))
    fig.text(0.02, 0.895, subtitle, **text_props(18, color="#333", va="top"))
    fig.text(0.02, 0.118, source, **text_props(14, color="#222", va="top", linespacing=1.35))
    credit = f"{settings.MAP_BASEMAP_ATTRIBUTION}　{export.export_stamp(lang, exported)}"
    fig.text(0.02, 0.012, credit, **text_props(12, color="#444", va="bottom"))
    color = "#222" if settings.MAP_APPROVAL_NO else "#b00000"
    fig.text(0.98, 0.012, review_line(lang), **text_props(14, color=color, weight="bold", ha="right", va="bottom"))
    if not settings.MAP_APPROVAL_NO:
        _internal_watermark(fig, lang)
    if settings.EXPORT_LOGO and Path(settings.EXPORT_LOGO).is_file():
        _logo(fig, settings.EXPORT_LOGO)


def _internal_watermark(fig: Figure, lang: str) -> None:
    """A boxed stamp top right and a faint diagonal watermark, so an unreviewed map is never mistaken for a
    publishable one."""
    stamp = "内部资料" if lang == "zh" else "INTERNAL"
    fig.text(0.98, 0.955, stamp, **text_props(26, color="#b00000", weight="bold", ha="right", va="top"),
             bbox={"boxstyle": "square,pad=0.4", "fc": "white", "ec": "#b00000", "lw": 3})
    fig.text(0.37, 0.50, "内部资料  不得公开" if lang == "zh" else "INTERNAL — NOT FOR PUBLICATION",
             **text_props(64 if lang == "zh" else 44, color="#b00000", alpha=0.12, weight="bold", ha="center",
                          va="center", rotation=25))


def _logo(fig: Figure, path: Path) -> None:
    """The logo bottom right, above the review line (the internal stamp holds the top right)."""
    from matplotlib.image import imread

    ax = fig.add_axes((0.86, 0.045, 0.12, 0.08))
    ax.imshow(imread(str(path)))
    ax.set_anchor("E")
    ax.set_axis_off()


def nice_length(max_metres: float) -> float:
    """The largest 1, 2 or 5 × 10^n metres not above max_metres."""
    exp = 10 ** math.floor(math.log10(max_metres))
    return max(m * exp for m in (1, 2, 5) if m * exp <= max_metres)


def scale_bar(ax: Axes, crs: str, lang: str) -> float:
    """A two-part scale bar lower left, its length in true metres: the projection's scale factor at the bar's
    latitude corrects the map distance. Returns the length in metres."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    bx, by = x0 + 0.04 * (x1 - x0), y0 + 0.05 * (y1 - y0)
    lon, lat = Transformer.from_crs(CRS(crs), CRS(4326), always_xy=True).transform(bx, by)
    k = Proj(crs).get_factors(lon, lat).parallel_scale
    metres = nice_length(0.22 * (x1 - x0) / k)
    length, height = metres * k, 0.012 * (y1 - y0)
    for i, color in enumerate(("#222", "white")):
        ax.add_patch(Rectangle((bx + i * length / 2, by), length / 2, height, fc=color, ec="#222", lw=1.2,
                               zorder=20))
    unit, div = ("km", 1000) if metres >= 1000 else ("m", 1)
    unit = {"km": "公里", "m": "米"}[unit] if lang == "zh" else unit
    for frac in (0, 0.5, 1):
        text = f"{metres * frac / div:g}" + (f" {unit}" if frac == 1 else "")
        ax.text(bx + frac * length, by + 1.6 * height, text, ha="left" if frac == 1 else "center", va="bottom",
                zorder=20, path_effects=HALO, **text_props(13))
    return metres


def north_arrow(ax: Axes, crs: str, lang: str) -> float:
    """An arrow to true north upper right (meridians converge in a conic projection). Returns its angle in
    degrees from the map's vertical."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    ax_x, ax_y = x0 + 0.95 * (x1 - x0), y0 + 0.83 * (y1 - y0)
    to_geo = Transformer.from_crs(CRS(crs), CRS(4326), always_xy=True)
    to_map = Transformer.from_crs(CRS(4326), CRS(crs), always_xy=True)
    lon, lat = to_geo.transform(ax_x, ax_y)
    nx, ny = to_map.transform(lon, lat + 0.5)
    angle = math.atan2(nx - ax_x, ny - ax_y)
    size = 0.09 * (y1 - y0)
    dx, dy = size * math.sin(angle), size * math.cos(angle)
    ax.add_patch(FancyArrow(ax_x - dx / 2, ax_y - dy / 2, dx, dy, width=size * 0.12, head_width=size * 0.4,
                            head_length=size * 0.4, length_includes_head=True, fc="#222", ec="#222", zorder=20))
    ax.text(ax_x + dx * 0.65, ax_y + dy * 0.65, "北" if lang == "zh" else "N", ha="center", va="bottom",
            zorder=20, path_effects=HALO, **text_props(18, weight="bold"))
    return math.degrees(angle)


def legend(fig: Figure, sections: list[tuple[str, list]], rect=(0.74, 0.12, 0.24, 0.72)) -> None:
    """Sections of (title, [(handle, text)]) in one legend to the right of the map."""
    ax = fig.add_axes(rect)
    ax.set_axis_off()
    handles, labels, titles = [], [], set()
    for title, items in sections:
        if not items:
            continue
        handles.append(Rectangle((0, 0), 1, 1, visible=False))
        # a long section title wraps inside the legend column (Chinese characters are about twice as wide)
        wide = sum(ord(ch) > 0x2E80 for ch in title) > len(title) / 2
        labels.append(textwrap.fill(title, 16 if wide else 30))
        titles.add(len(labels) - 1)
        for handle, text in items:
            handles.append(handle)
            labels.append(text)
    if not handles:
        return
    leg = ax.legend(handles, labels, loc="upper left", frameon=True, prop={"family": cjk_font(), "size": 16},
                    borderpad=1, labelspacing=0.9, handlelength=2.2, edgecolor="#555")
    for i, text in enumerate(leg.get_texts()):
        if i in titles:
            text.set_fontweight("bold")


def save(fig: Figure, fmt: str, metadata: dict[str, str], scale: float = settings.EXPORT_SCALE) -> bytes:
    """PNG at EXPORT_SCALE (1920x1080 → 3840x2160) or PDF with the CJK font embedded as TrueType (fonttype 42)."""
    if fmt not in ("png", "pdf"):
        raise ValueError(f"unsupported map format {fmt!r}: expected png or pdf")
    import matplotlib

    buf = io.BytesIO()
    keep = {"Title", "Subject", "Keywords", "Author"} if fmt == "pdf" else {"Title", "Description", "Copyright"}
    with RENDER_LOCK, matplotlib.rc_context({"pdf.fonttype": 42, "font.family": cjk_font()}):
        # zlib level 1: a 3840x2160 map encodes ~15% faster for ~10% more bytes
        extra = {"dpi": DPI * scale, "pil_kwargs": {"compress_level": 1}} if fmt == "png" else {"dpi": DPI}
        fig.savefig(buf, format=fmt, metadata={k: v for k, v in metadata.items() if k in keep}, **extra)
    return buf.getvalue()
