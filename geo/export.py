"""Press-ready exports: charts as PNG/SVG/PDF in a press template (one warm renderer), tables as CSV/XLSX."""
from __future__ import annotations

import copy
import io
from datetime import date

import kaleido
import pandas as pd
import plotly.graph_objects as go

from geo import charts, settings

_server_started = False


def start_renderer() -> None:
    """One Chromium for all exports (a fresh one per image costs seconds); MathJax off so nothing is fetched."""
    global _server_started
    if not _server_started:
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        _server_started = True


def stop_renderer() -> None:
    global _server_started
    if _server_started:
        kaleido.stop_sync_server(silence_warnings=True)
        _server_started = False


def press_figure(fig: go.Figure, lang: str, exported: date | None = None,
                 height: int = settings.EXPORT_HEIGHT) -> go.Figure:
    """The chart in the press template: white background, print-sized type, source line with the export date
    placed inside the image at the export size."""
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    when = (exported or date.today()).isoformat()
    stamp = f"导出日期：{when}" if lang == "zh" else f"Exported {when}"
    margin = {"l": 100, "r": 60, "t": 150, "b": 220}
    notes = list(out.layout.annotations or [])
    for note in notes:
        if note.name == "source":
            note.update(text=f"{note.text}　{stamp}", y=charts.below_plot(150, height, margin), font={"size": 18})
    out.update_layout(annotations=notes, paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", height=height,
                      font={"size": 22}, margin=margin,
                      legend={"y": charts.below_plot(70, height, margin), "yanchor": "top"})
    return out


def chart_bytes(fig: go.Figure, fmt: str, width: int = settings.EXPORT_WIDTH, height: int = settings.EXPORT_HEIGHT,
                scale: float = settings.EXPORT_SCALE) -> bytes:
    """PNG, SVG or PDF of a figure, rendered by the warm Chromium."""
    if fmt not in ("png", "svg", "pdf"):
        raise ValueError(f"unsupported chart format {fmt!r}: expected png, svg or pdf")
    start_renderer()
    return kaleido.calc_fig_sync(fig, opts={"format": fmt, "width": width, "height": height, "scale": scale})


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, which Excel on Chinese Windows opens as Unicode."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(sheets: dict[str, pd.DataFrame], sources: pd.DataFrame) -> bytes:
    """One sheet per table plus a sheet of the source documents."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
        sources.to_excel(writer, sheet_name="sources", index=False)
    return buf.getvalue()


def file_name(place: str, subject: str, period: str, ext: str) -> str:
    """What the file is, e.g. 永州市_缴获毒品_2018-2021.png; characters unsafe in file names are dropped."""
    parts = [p for p in (place, subject, period) if p]
    stem = "_".join(parts)
    return "".join(ch for ch in stem if ch not in '\\/:*?"<>|\n\r\t').strip() + f".{ext}"
