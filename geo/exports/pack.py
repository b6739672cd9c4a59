"""The briefing pack: one PDF (cover, key figures, maps, charts) and one ZIP (every chart as PNG/SVG/PDF, every
map as PNG/PDF, the key figures as CSV), for the current filter and language."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import partial

import pandas as pd
import plotly.graph_objects as go
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from pypdf import PdfReader, PdfWriter

from geo import settings
from geo.charts import compare
from geo.charts import figures as figure_charts
from geo.charts import records as record_charts
from geo.charts import tiles, timeline
from geo.data import filters
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.exports import chart_pdf, deck
from geo.exports import furniture as mf
from geo.exports import pdf_text
from geo.exports import press as export
from geo.exports import static_maps
from geo.exports import tables as press_tables
from geo.i18n import t

CHART_FORMATS = ("png", "svg", "pdf")
MAP_FORMATS = ("png", "pdf")
ROWS_PER_PAGE = 20
LANG = {"zh": "zh-CN", "en": "en"}  # PDF /Lang of the pack's language


@dataclass
class Chart:
    """A chart in the press template and what its files are called."""

    key: str
    figure: go.Figure
    place: str
    topic: str
    period: str

    def file_name(self, fmt: str) -> str:
        return export.file_name(self.place, self.topic, self.period, fmt)


@dataclass
class Pack:
    pdf: bytes
    zip: bytes
    pdf_name: str
    zip_name: str
    files: dict[str, bytes] = field(default_factory=dict)  # every file in the ZIP, by its path there


def place_label(ds: Dataset, flt: Filter, lang: str) -> str:
    return export.place_label(ds["jurisdictions"], flt.counties or flt.cities, lang, flt.drugs, flt.years)


def pack_name(ds: Dataset, flt: Filter, lang: str, ext: str, exported: date | None = None,
              internal: bool = False) -> str:
    """'永州市_禁毒工作简报_2026-11-25_内部资料.pdf' (known before the pack is built, for the download button): marked
    for its unreviewed maps, or for the internal records it holds."""
    when = (exported or date.today()).isoformat()
    return export.file_name(place_label(ds, flt, lang), t("briefing_title", lang), when, ext, _mark(lang, internal))


def _mark(lang: str, internal: bool) -> str:
    return mf.internal_mark(lang) or (t("deck_internal", lang) if internal else "")


def _enforcement_charts(figures: pd.DataFrame, ds: Dataset, lang: str) -> list[tuple[str, str, pd.DataFrame,
                                                                                 Callable[[], go.Figure]]]:
    """The enforcement chart one kind at a time (cases, arrests, ...): all kinds in one chart would be a page
    several screens tall, unreadable once fitted onto the pack's 16:9 page."""
    rows = figure_charts.enforcement_rows(figures)
    j, src = ds["jurisdictions"], ds["sources"]
    out: list[tuple[str, str, pd.DataFrame, Callable[[], go.Figure]]] = []
    for group in figure_charts.ENFORCEMENT_GROUPS:
        part = figures[figures["metric"].isin(figure_charts.ENFORCEMENT_GROUPS[group])]
        if len(rows[rows["group"] == group]):
            out.append(("chart_enforcement", f"{t('chart_enforcement', lang)}_{t(f'group_{group}', lang)}",
                        figure_charts.enforcement_rows(part), partial(figure_charts.enforcement_figures, part, j, src,
                                                                      lang)))
    return out


def _page_charts(ds: Dataset, flt: Filter, lang: str) -> list[tuple[str, str, pd.DataFrame,
                                                                     Callable[[], go.Figure]]]:
    """(title key, topic for the file name, plotted rows, builder) for every chart the pages show, in page
    order."""
    seizures, demo = filters.view(ds, "seizures", flt), filters.view(ds, "demo_sites", flt)
    figures = filters.view(ds, "figures", flt)
    outflow = pd.concat([p for p in figure_charts.outflow_parts(figures).values()] or [figures.head(0)])
    j, src = ds["jurisdictions"], ds["sources"]
    rest = [
        ("chart_changes", figure_charts.change_rows(figures), lambda: figure_charts.changes(figures, j, src, lang)),
        ("chart_compare", compare.compare_view(figures, flt, settings.COMPARE_SLIDE_INDICATOR)[0],
         lambda: compare.compare_chart(ds, flt, settings.COMPARE_SLIDE_INDICATOR, lang)),
        ("chart_timeline", compare.compare_view(figures, flt, settings.COMPARE_SLIDE_INDICATOR)[0],
         lambda: timeline.timeline_chart(ds, flt, settings.COMPARE_SLIDE_INDICATOR, lang)),
        ("chart_outflow", outflow, lambda: figure_charts.outflow_trends(figures, j, src, lang)),
        ("seizures_by_city", seizures, lambda: record_charts.seizure_totals(seizures, j, src, lang)),
        ("seizures_by_case", seizures[seizures["case_id"].notna()],
         lambda: record_charts.cases_ranked(seizures, ds["cases"], src, lang)),
        ("demo_by_category", demo, lambda: record_charts.demo_by_category(demo, j, src, lang))]
    return _enforcement_charts(figures, ds, lang) + [(key, t(key, lang), rows, build) for key, rows, build in rest]


def pack_charts(ds: Dataset, flt: Filter, lang: str, exported: date | None = None) -> list[Chart]:
    """Every chart of the pages for the filter, in the press template; charts with no data are left out."""
    src, place, out = ds["sources"], place_label(ds, flt, lang), []
    # a chart's title names the place and drug types, never the year slider: its period line gives the records' own
    titled = export.place_label(ds["jurisdictions"], flt.counties or flt.cities, lang, flt.drugs)
    built = _page_charts(ds, flt, lang)
    for key, topic, frame, build in built:
        if frame.empty:
            continue
        fig = build()
        if not any(len(trace.x if trace.x is not None else []) for trace in fig.data):
            continue
        period = export.period_span(frame, src)
        press = export.press_figure(fig, lang, exported, period=period, place=titled if flt.active else None)
        out.append(Chart(key, press, place, topic, period))
    return out


def pack_maps(ds: Dataset, flt: Filter, lang: str, exported: date | None = None) -> list[static_maps.StaticMap]:
    """The static map of every map page that has records for the filter."""
    maps = [static_maps.page_map(ds, flt, lang, page, exported=exported) for page in static_maps.PAGES]
    return [m for m in maps if m.records]


FIGURE_COLUMNS = ("city", "place", "figure", "value", "change", "period", "source")


def figure_rows(ds: Dataset, flt: Filter, lang: str) -> pd.DataFrame:
    """The key figures of the overview (geo/charts/tiles.py: the same choice, order and wording) as one table."""
    rows = [{"city": k.city, "place": k.place, "figure": k.label, "value": k.text, "change": k.change,
             "period": k.period, "source": k.source} for k in tiles.tiles(ds, flt, lang)]
    return pd.DataFrame(rows, columns=list(FIGURE_COLUMNS))


def _cut(text: str, limit: int) -> str:
    text = str(text or "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def page_breaks(count: int, per_page: int = ROWS_PER_PAGE) -> list[tuple[int, int]]:
    """(first, end) rows of each table page: as few pages as fit, the rows shared evenly, so no page carries a
    stray row or two under its header."""
    pages = max(1, -(-count // per_page))
    size = -(-count // pages) if count else 0
    return [(start, min(start + size, count)) for start in range(0, max(count, 1), max(size, 1))]


def table_pages(rows: pd.DataFrame, title: str, lang: str) -> list[Figure]:
    """The key figures drawn as table pages, ROWS_PER_PAGE rows each, every page headed."""
    cols = [("place", 0.02, 10), ("figure", 0.14, 24), ("value", 0.41, 12), ("change", 0.53, 14),
            ("period", 0.67, 12), ("source", 0.79, 20)]
    pages = []
    for start, stop in page_breaks(len(rows)):
        fig = mf.new_figure()
        fig.text(0.02, 0.95, title, **mf.text_props(30, weight="bold", va="top"))
        y = 0.86
        for key, x, _ in cols:
            fig.text(x, y, t(key, lang), **mf.text_props(17, weight="bold"))
        for i, row in enumerate(rows.iloc[start:stop].itertuples()):
            y = 0.86 - 0.038 * (i + 1)
            for key, x, limit in cols:
                fig.text(x, y, _cut(getattr(row, key), limit), **mf.text_props(15, color="#111"))
        if rows.empty:
            fig.text(0.02, 0.80, t("no_records", lang, place="", period="", drug=""), **mf.text_props(17))
        pages.append(fig)
    return pages


def cover_page(place: str, lang: str, exported: date | None) -> Figure:
    fig = mf.new_figure()
    fig.text(0.06, 0.62, t("briefing_title", lang), **mf.text_props(54, weight="bold"))
    fig.text(0.06, 0.52, f"{t('selection', lang)}：{place}" if lang == "zh" else f"{t('selection', lang)}: {place}",
             **mf.text_props(28))
    fig.text(0.06, 0.45, export.export_stamp(lang, exported), **mf.text_props(22, color="#333"))
    fig.text(0.06, 0.38, mf.review_line(lang), **mf.text_props(22, color="#b00000" if not
                                                                settings.MAP_APPROVAL_NO else "#222"))
    return fig


def render_charts(items: list[Chart], formats: tuple[str, ...] = CHART_FORMATS) -> dict[str, bytes]:
    """The charts in these formats from the warm renderer, keyed by file name."""
    jobs = [(c, fmt) for c in items for fmt in formats]
    rendered = export.charts_bytes([(c.figure, fmt) for c, fmt in jobs])
    return {c.file_name(fmt): data for (c, fmt), data in zip(jobs, rendered)}


def _pdf_bytes(writer: PdfWriter) -> bytes:
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _front_pdf(front: list[Figure], maps: list[static_maps.StaticMap], meta: dict[str, str]) -> bytes:
    """Cover, key-figure pages and maps as one matplotlib PDF: the CJK font is subset once for all of them."""
    import matplotlib

    buf = io.BytesIO()
    with mf.RENDER_LOCK, matplotlib.rc_context({"pdf.fonttype": 42, "font.family": mf.cjk_font()}), \
            PdfPages(buf, metadata=meta) as doc:
        for fig in front + [m.figure for m in maps]:
            doc.savefig(fig)
    return buf.getvalue()


def _info(meta: dict[str, str]) -> dict[str, str]:
    return {f"/{k}": v for k, v in meta.items() if k in ("Subject", "Keywords")}


def _single_page(reader: PdfReader, index: int, meta: dict[str, str], lang: str = "zh") -> bytes:
    """One page of the assembled PDF as its own file (a map PDF for the ZIP), with its own title and language."""
    writer = PdfWriter()
    writer.add_page(reader.pages[index])
    pdf_text.set_metadata(writer, meta.get("Title", ""), LANG[lang], _info(meta))
    return _pdf_bytes(writer)


def _merge(front: PdfReader, chart_pdfs: list[bytes], meta: dict[str, str], lang: str = "zh") -> bytes:
    """Front pages then every chart (charts and maps share one page size: see map_furniture.DPI)."""
    writer = PdfWriter()
    writer.append(front)
    for pdf in chart_pdfs:  # a tall chart is fitted onto a 16:9 page: every page of the pack is widescreen
        writer.add_page(chart_pdf.widescreen(PdfReader(io.BytesIO(pdf))))
    pdf_text.set_metadata(writer, meta.get("Title", ""), LANG[lang], _info(meta))
    return _pdf_bytes(writer)


def pack_zip(files: dict[str, bytes]) -> bytes:
    """PNG and PDF are compressed already: stored as they are; SVG and CSV deflated."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in files.items():
            packed = name.endswith((".png", ".pdf"))
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED)
    return buf.getvalue()


@dataclass
class Parts:
    """What the PDF and the ZIP share, built once: the charts (and their PDFs), the maps and the front pages
    (cover, key figures, maps) as one PDF."""

    place: str
    charts: list[Chart]
    maps: list[static_maps.StaticMap]
    rows: pd.DataFrame
    all_figures: pd.DataFrame  # every figure of the filter with its quote, for the ZIP
    key_table: pd.DataFrame  # the key figures with numeric values, for the ZIP
    front: PdfReader
    front_pages: int
    chart_files: dict[str, bytes]
    meta: dict[str, str]
    lang: str = "zh"


def prepare(ds: Dataset, flt: Filter, lang: str, exported: date | None = None) -> Parts:
    """Charts as PDF (Chromium, in a worker thread) while matplotlib draws the maps and the front pages."""
    exported = exported or date.today()
    place = place_label(ds, flt, lang)
    items = pack_charts(ds, flt, lang, exported)
    with ThreadPoolExecutor(max_workers=1) as pool:
        chart_job = pool.submit(render_charts, items, ("pdf",))
        maps = pack_maps(ds, flt, lang, exported)
        rows = figure_rows(ds, flt, lang)
        front = [cover_page(place, lang, exported)] + table_pages(rows, f"{place} · {t('key_figures', lang)}", lang)
        meta = {"Title": f"{place} · {t('briefing_title', lang)}", "Subject": mf.review_line(lang),
                "Keywords": _mark(lang, deck.holds_internal(ds))}
        reader = PdfReader(io.BytesIO(_front_pdf(front, maps, meta)))
        # every figure with its quote, values as numbers with the unit in the header
        every = press_tables.figure_table(filters.view(ds, "figures", flt), ds["jurisdictions"], ds["sources"], lang)
        ids = [k.record_id for k in tiles.tiles(ds, flt, lang)]
        return Parts(place, items, maps, rows, every, press_tables.record_table(ds, ids, lang), reader, len(front),
                     chart_job.result(), meta, lang)


def pack_pdf(parts: Parts) -> bytes:
    """The briefing PDF: cover, key figures, maps, then every chart."""
    return _merge(parts.front, [parts.chart_files[c.file_name("pdf")] for c in parts.charts], parts.meta, parts.lang)


def pack_files(parts: Parts, lang: str) -> dict[str, bytes]:
    """Every file of the ZIP: charts as PNG/SVG/PDF, maps as PNG/PDF, the key figures as CSV. Chromium renders
    the PNG/SVG charts while matplotlib draws the map PNGs."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        chart_job = pool.submit(render_charts, parts.charts, ("png", "svg"))
        files = {f"maps/{m.file_name('png')}": m.to_bytes("png") for m in parts.maps}
        for i, m in enumerate(parts.maps):
            files[f"maps/{m.file_name('pdf')}"] = _single_page(parts.front, parts.front_pages + i, m.metadata,
                                                               parts.lang)
        rendered = {**chart_job.result(), **parts.chart_files}
    files.update({f"charts/{c.file_name(f)}": rendered[c.file_name(f)] for c in parts.charts for f in CHART_FORMATS})
    files[export.file_name(parts.place, t("key_figures", lang), "", "csv")] = export.csv_bytes(parts.key_table)
    files[export.file_name(parts.place, t("all_figures", lang), "", "csv")] = export.csv_bytes(parts.all_figures)
    return files


def briefing(ds: Dataset, flt: Filter, lang: str, exported: date | None = None) -> Pack:
    """The whole pack in one go: the PDF and the ZIP of every file."""
    exported = exported or date.today()
    parts = prepare(ds, flt, lang, exported)
    files = pack_files(parts, lang)
    return Pack(pdf=pack_pdf(parts), zip=pack_zip(files), pdf_name=pack_name(ds, flt, lang, "pdf", exported),
                zip_name=pack_name(ds, flt, lang, "zip", exported), files=files)
