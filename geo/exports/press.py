"""Press-ready exports: charts as PNG/SVG/PDF in a press template (one warm renderer), tables as CSV/XLSX."""
from __future__ import annotations

import base64
import copy
import io
import tempfile
import threading
from datetime import date
from pathlib import Path

import kaleido
import pandas as pd
import plotly.graph_objects as go

from geo import settings
from geo.charts import fit
from geo.exports import chart_pdf, pdf_text, safe_cells
from geo.exports import tables as press_tables
from geo.i18n import t

PRINT_SIZES = (22, 20, 18, 16)  # chart type in exports, px at 1920 wide, largest first
_server_started = False
# kaleido's sync server hands results back through one shared queue: concurrent callers (Streamlit sessions run
# in threads) could receive each other's images, so calls are serialised.
_render_lock = threading.Lock()


def start_renderer() -> None:
    """One Chromium for all exports (a fresh one per image costs seconds); MathJax off so nothing is fetched.
    Callers hold _render_lock."""
    global _server_started
    if not _server_started:
        kaleido.start_sync_server(n=settings.EXPORT_RENDER_TABS, mathjax=False, silence_warnings=True)
        _server_started = True


def warm_up() -> None:
    """Start the renderer and draw one tiny chart in the background, so the first export a user asks for is warm
    (starting Chromium and loading plotly.js take seconds). Does nothing when EXPORT_PREWARM is off."""
    if settings.EXPORT_PREWARM and not _server_started:
        threading.Thread(target=lambda: chart_bytes(go.Figure(), "svg", 10, 10, 1), daemon=True).start()


def stop_renderer() -> None:
    global _server_started
    if _server_started:
        kaleido.stop_sync_server(silence_warnings=True)
        _server_started = False


def export_stamp(lang: str, exported: date | None = None) -> str:
    """'导出日期：2026-11-25' / 'Exported 2026-11-25'."""
    when = (exported or date.today()).isoformat()
    return f"导出日期：{when}" if lang == "zh" else f"Exported {when}"


def logo_uri(path: Path | None) -> str | None:
    """The logo as a data: URI, so the renderer never fetches it; None when unset or missing."""
    if not path or not Path(path).is_file():
        return None
    mime = "image/png" if Path(path).suffix.lower() == ".png" else "image/jpeg"
    return f"data:{mime};base64," + base64.b64encode(Path(path).read_bytes()).decode("ascii")


def _with_period(title: str, period: str | None, lang: str) -> str:
    """Add the period to the subtitle ('title<br><sup>unit</sup>') unless it is already there."""
    if not period or period in title:
        return title
    label = f"时期：{period}" if lang == "zh" else f"Period: {period}"
    if "</sup>" in title:
        return title.replace("</sup>", f" · {label}</sup>", 1)
    return f"{title}<br><sup>{label}</sup>"


def press_figure(fig: go.Figure, lang: str, exported: date | None = None,
                 height: int = settings.EXPORT_HEIGHT, period: str | None = None,
                 logo: Path | None = None, place: str | None = None) -> go.Figure:
    """The chart in the press template: title (with the place, if given), subtitle (unit, period), source line
    with the export date inside the image at the export size, white background, print-sized type, optional logo
    top right."""
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    fit.unfit(out)  # the texts as built, not as wrapped for the desk
    stamp = export_stamp(lang, exported)
    for note in out.layout.annotations or []:
        if note.name == "source":
            note.update(text=f"{note.text}　{stamp}")
    if out.layout.title.text:
        title = _with_period(out.layout.title.text, period, lang)
        out.layout.title.text = f"{place} · {title}" if place and not title.startswith(place) else title
    out = _fitted(out, height)
    uri = logo_uri(logo or settings.EXPORT_LOGO)  # read at call time, so a changed setting applies
    if uri:
        out.add_layout_image(source=uri, xref="paper", yref="paper", x=1, y=1, xanchor="right", yanchor="bottom",
                             sizex=0.12, sizey=0.12 * settings.EXPORT_WIDTH / height, layer="above")
    return out


def _fitted(fig: go.Figure, height: int) -> go.Figure:
    """The chart at the largest print type (22 down to 16 px at 1920 wide) whose rows fit the export height; a
    chart with more rows than that grows taller rather than letting labels overlap."""
    for size in PRINT_SIZES:
        out = fit.fit(fig, size, settings.EXPORT_WIDTH, min_height=height, label_share=0.35)
        if out.layout.height <= height:
            return out
    return out


def _opts(fmt: str, width: int, height: int, scale: float) -> dict:
    """Kaleido options. A PDF is drawn from the chart's SVG at scale 1 (chart_pdf: CID fonts, not Chromium's
    Type 3), so its page keeps the export size (20 × 11.25 in)."""
    if fmt not in ("png", "svg", "pdf"):
        raise ValueError(f"unsupported chart format {fmt!r}: expected png, svg or pdf")
    if fmt == "pdf":
        return {"format": "svg", "width": width, "height": height, "scale": 1}
    return {"format": fmt, "width": width, "height": height, "scale": scale}


def chart_bytes(fig: go.Figure, fmt: str, width: int = settings.EXPORT_WIDTH, height: int = settings.EXPORT_HEIGHT,
                scale: float = settings.EXPORT_SCALE) -> bytes:
    """PNG, SVG or PDF of a figure, rendered by the warm Chromium (taller than `height` when the chart is)."""
    opts = _opts(fmt, width, max(height, int(fig.layout.height or 0)), scale)
    with _render_lock:
        start_renderer()
        data = kaleido.calc_fig_sync(fig, opts=opts)
    return _searchable(data, fig) if fmt == "pdf" else data


def charts_bytes(jobs: list[tuple[go.Figure, str]], width: int = settings.EXPORT_WIDTH,
                 height: int = settings.EXPORT_HEIGHT, scale: float = settings.EXPORT_SCALE) -> list[bytes]:
    """Many (figure, format) renders in one call, spread over the renderer's tabs; results in job order.
    (kaleido returns batch results only as files, hence the temporary directory.)"""
    with tempfile.TemporaryDirectory(prefix="exports-") as tmp:
        specs = [{"fig": fig, "opts": _opts(fmt, width, max(height, int(fig.layout.height or 0)), scale),
                  "path": str(Path(tmp) / f"{i}.{'svg' if fmt == 'pdf' else fmt}")}
                 for i, (fig, fmt) in enumerate(jobs)]
        with _render_lock:
            start_renderer()
            errors = kaleido.write_fig_from_object_sync(specs)
        if errors:
            raise RuntimeError(f"{len(errors)} chart export(s) failed; first: {errors[0]!r}")
        out = [Path(spec["path"]).read_bytes() for spec in specs]
    return [_searchable(data, fig) if fmt == "pdf" else data for data, (fig, fmt) in zip(out, jobs)]


def _searchable(svg: bytes, fig: go.Figure) -> bytes:
    """The chart's PDF from its SVG, with text that copies as shown (no Kangxi radicals), titled with the chart's
    title."""
    head = str(fig.layout.title.text or "").split("<br>")[0]
    return pdf_text.fix_pdf(chart_pdf.svg_to_pdf(svg), head)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, which Excel on Chinese Windows opens as Unicode; no cell can become a formula."""
    return safe_cells.csv_text(frame).encode("utf-8-sig")


def _display_width(value) -> int:
    """Columns a cell's text takes: a Chinese character is about two Latin ones wide."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _format_sheet(sheet, frame: pd.DataFrame) -> None:
    """Header bold and frozen, columns as wide as their text (capped, so a quote column stays on screen), and every
    cell that looks like a formula stored as text."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, column in enumerate(frame.columns, start=1):
        widest = max([_display_width(column)] + [_display_width(v) for v in frame[column].head(500)])
        sheet.column_dimensions[get_column_letter(i)].width = min(60, widest + 2)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":  # openpyxl reads a string starting with '=' as a formula
                cell.data_type = "s"


def sheet_name(text: str) -> str:
    """A valid worksheet name: no []:*?/\\ and at most 31 characters."""
    return "".join(ch for ch in text if ch not in "[]:*?/\\")[:31] or "Sheet1"


def xlsx_bytes(sheets: dict[str, pd.DataFrame], sources: pd.DataFrame, lang: str = "zh") -> bytes:
    """One sheet per table plus a sheet of the source documents (title, publisher, date in the reader's language),
    each with a frozen header and sized columns."""
    buf = io.BytesIO()
    src = press_tables.sources_sheet(sources, lang) if "source_file" in sources else sources
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in {**sheets, t("xl_sources", lang): src}.items():
            frame.to_excel(writer, sheet_name=sheet_name(name), index=False)
            _format_sheet(writer.sheets[sheet_name(name)], frame)
        safe_cells.xlsx_book(writer.book)  # text is never written as a formula
    return buf.getvalue()


def file_name(place: str, subject: str, period: str, ext: str, mark: str = "") -> str:
    """What the file is, e.g. 永州市_缴获毒品_2018-2021.png (a mark such as 内部资料 goes last); characters
    unsafe in file names are dropped."""
    parts = [p for p in (place, subject, period, mark) if p]
    return safe_cells.download_name("_".join(parts) + f".{ext}")


def place_label(jurisdictions: pd.DataFrame, codes: tuple[str, ...], lang: str, drugs: tuple[str, ...] = (),
                years: tuple[int, int] | None = None) -> str:
    """The selection as people say it: '永州市', '衡阳县、祁东县', '全部' / 'All' for no place, with the drug types
    and years when chosen: '衡阳市（冰毒，2017年）' / 'Hengyang (Methamphetamine (ice), 2017)'."""
    from geo.i18n import label, place_names

    names = place_names(jurisdictions, lang)
    sep = "、" if lang == "zh" else ", "
    place = sep.join(names.get(c, c) for c in codes) if codes else t("all", lang)
    parts = [sep.join(label("drug_type", d, lang) for d in drugs)] if drugs else []
    if years:
        span = str(years[0]) if years[0] == years[1] else f"{years[0]}-{years[1]}"
        parts.append(f"{span}年" if lang == "zh" else span)
    if not parts:
        return place
    return f"{place}（{'，'.join(parts)}）" if lang == "zh" else f"{place} ({'; '.join(parts)})"


def period_span(frame: pd.DataFrame, sources: pd.DataFrame | None = None) -> str:
    """'2017-2021' (or '2019'): the years of the rows' periods; an undated row counts at the date of its source
    document. '' when nothing is dated."""
    doc_year = {} if sources is None else {s: str(d)[:4] for s, d in zip(sources["source_file"], sources["doc_date"])
                                           if d}
    years: set[str] = set()
    for row in frame.itertuples():
        dated = [str(v)[:4] for v in (getattr(row, "period_start", None), getattr(row, "period_end", None))
                 if isinstance(v, str) and v[:4].isdigit()]
        years.update(dated or [doc_year.get(getattr(row, "source_file", None), "")])
    years.discard("")
    if not years:
        return ""
    first, last = min(years), max(years)
    return first if first == last else f"{first}-{last}"
