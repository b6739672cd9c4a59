"""Page building blocks: key-figure cards, tables, charts with press downloads, the map, empty-result notes."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import fmt, settings
from geo.charts import common as chart_layout
from geo.charts import compare
from geo.charts import tiles
from geo.data import filters
from geo.data.filters import Filter, undated
from geo.data.load import Dataset
from geo.exports import press as export
from geo.i18n import label, t
from geo.ui import auth as ui_auth
from geo.ui import cache, run, sidebar

TILE_CSS = """<style>
.kf-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:12px;margin:4px 0 16px}
.kf-tile{border:1px solid #c8c8c8;border-radius:6px;padding:10px 12px;background:#fff}
.kf-label{font-size:0.95rem;color:#333}
.kf-value{font-size:1.9rem;font-weight:700;color:#111;line-height:1.2}
.kf-change{font-size:0.95rem;color:#333}
.kf-meta{font-size:0.8rem;color:#555;margin-top:4px}
</style>"""
ARROWS = {1: "▲", -1: "▼", 0: ""}


def tile_html(tile: tiles.Tile, source: str | None = None) -> str:
    """One card; every piece of text is escaped here (labels, periods and quotes come from data files). `source`
    replaces the tile's short source title where there is room for the full one."""
    e = html.escape
    meta = " · ".join(e(x) for x in (tile.place, tile.period, source or tile.source) if x)
    change = f"<div class='kf-change'>{ARROWS[tile.direction]} {e(tile.change)}</div>" if tile.change else ""
    return (f"<div class='kf-tile' title='{e(tile.quote)}'><div class='kf-label'>{e(tile.label)}</div>"
            f"<div class='kf-value'>{e(tile.text)}</div>{change}<div class='kf-meta'>{meta}</div></div>")


def show_tiles(tile_list: list[tiles.Tile]) -> None:
    """Key-figure cards, grouped under their city's name."""
    for city, group in tiles.by_city(tile_list).items():
        st.markdown(f"**{fmt.md_escape(city)}**")
        cards = "".join(tile_html(tile) for tile in group)
        st.markdown(f"{TILE_CSS}<div class='kf-grid'>{cards}</div>", unsafe_allow_html=True)



def no_records(ds: Dataset, flt: Filter, lang: str) -> None:
    """Explain an empty result with the place, drug types and years that were asked for."""
    period = filters.years_text(flt, lang)
    drugs = [label("drug_type", d, lang) for d in flt.drugs]
    if lang == "zh":
        period, drug = (f"在{period}" if period else ""), "、".join(drugs)
    else:
        period, drug = (f" in {period}" if period else ""), "".join(f"{' or '.join(drugs).lower()} " if drugs else "")
    st.info(t("no_records", lang, place=filters.selection_label(ds, flt, lang), period=period, drug=drug))


def filter_notes(ds: Dataset, flt: Filter, table: str, lang: str) -> None:
    """Say which parts of the filter do not apply to a table, and how many rows lack the period to be shown."""
    frame, notes = ds[table], []
    if flt.drugs and table not in filters.DRUG_TABLES:
        notes.append(t("drug_not_applicable", lang))
    if flt.years and not filters.dated(frame):
        notes.append(t("period_not_applicable", lang))
    hidden = undated(cache.view(ds, table, Filter(flt.cities, flt.counties, flt.drugs)), flt,
                     filters.doc_dates(ds["sources"]))
    if hidden:
        notes.append(t("undated_hidden", lang, n=str(hidden)))
    if notes:
        st.caption(" ".join(notes))


def _select_clicked_county(key: str) -> None:
    """Runs before the rerun a county click causes: the clicked county becomes the filter."""
    clicked = (st.session_state.get(key) or {}).get("last_active_drawing") or {}
    adcode = str((clicked.get("properties") or {}).get("adcode") or "")
    if len(adcode) == 6 and adcode[:4] + "00" in settings.FOCUS_CITIES and not adcode.endswith("00"):
        st.session_state[sidebar.KEY_CITY] = [adcode[:4] + "00"]
        st.session_state[sidebar.KEY_COUNTY] = [adcode]


def show_map(m, key: str, height: int = settings.MAP_HEIGHT) -> None:
    """Render a folium map. Only a clicked feature is returned, so pan and zoom never rerun the script;
    a click on a county of the four cities selects it in the filter."""
    st_folium(m, key=key, height=height, use_container_width=True, returned_objects=["last_active_drawing"],
              on_change=lambda: _select_clicked_county(key))


def show_table(frame: pd.DataFrame, columns: dict[str, str]) -> None:
    """A read-only table with translated headers (st.dataframe renders cells as text, never HTML)."""
    st.dataframe(frame[list(columns)].rename(columns=columns), hide_index=True, width="stretch")


def chart(fig, key: str, file_stem: str, lang: str, period: str = "", place: str | None = None,
          press_fig=None) -> None:
    """A chart with press exports (PNG 1920x1080@2x, SVG, PDF), rendered only when a button is clicked; the
    period goes into the subtitle and the file name, the place (of a filtered view) into the title. `press_fig`
    is the same chart over public records only, for staff who also see internal ones."""
    if chart_layout.is_empty(fig):
        no_data(lang, key)
        return
    st.plotly_chart(chart_layout.for_projector(fig) if st.session_state.get(sidebar.KEY_BRIEFING) else fig, key=key)
    fig = press_fig if press_fig is not None else fig
    if chart_layout.is_empty(fig):  # nothing public to export
        return
    cols = st.columns(3)
    for col, kind in zip(cols, ("png", "svg", "pdf")):
        name = export.file_name(file_stem, "", period, kind)
        col.download_button(f"{t('download', lang)} {kind.upper()}", key=f"{key}_{kind}", on_click="ignore",
                            data=ui_auth.audited(lambda kind=kind: export.chart_bytes(
                                export.press_figure(fig, lang, period=period or None, place=place), kind),
                                f"chart_{kind}", name, run.current().flt),  # press charts: public only
                            file_name=name, mime=MIME[kind])


def no_data(lang: str, key: str) -> None:
    """The panel an empty chart becomes: '暂无数据' instead of bare axes, and no export buttons."""
    st.html(f"<div class='no-data' data-key='{html.escape(key)}' role='status' style='border:1px dashed #595959;"
            f"border-radius:6px;padding:2rem 1rem;text-align:center;color:#333;font-size:1.2rem'>"
            f"{html.escape(t('no_data', lang))}</div>")


def table_downloads(frame: pd.DataFrame, sources: pd.DataFrame, key: str, file_stem: str, lang: str) -> None:
    """The filtered table as CSV (UTF-8 with BOM, for Excel) and XLSX with a sheet of sources."""
    left, right = st.columns(2)
    csv_name, xlsx_name = (export.file_name(file_stem, "", "", kind) for kind in ("csv", "xlsx"))
    flt = run.current().flt  # press tables: public records only
    left.download_button(f"{t('download', lang)} CSV", key=f"{key}_csv", on_click="ignore",
                         data=ui_auth.audited(lambda: export.csv_bytes(frame), "table_csv", csv_name, flt),
                         file_name=csv_name, mime="text/csv")
    right.download_button(f"{t('download', lang)} XLSX", key=f"{key}_xlsx", on_click="ignore",
                          data=ui_auth.audited(lambda: export.xlsx_bytes({file_stem: frame}, sources, lang),
                                               "table_xlsx", xlsx_name, flt),
                          file_name=xlsx_name, mime=MIME["xlsx"])


MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def indicator_rows(ds: Dataset, flt: Filter, lang: str, key: str) -> tuple[str, pd.DataFrame, list[str]]:
    """The core-indicator picker of the compare and timeline pages: the chosen indicator, the filter's figures of
    it (geo.charts.compare.compare_view) and the filter's cities that report none."""
    indicator = st.selectbox(t("compare_indicator", lang), compare.available(ds["figures"]), key=key,
                             format_func=lambda code: label("indicator", code, lang))
    figures = cache.view(ds, "figures", flt)
    if not indicator:  # nothing to choose from: no rows, and the pages say so
        return "", figures.iloc[:0], []
    rows, missing = compare.compare_view(figures, flt, indicator)
    return indicator, rows, missing
