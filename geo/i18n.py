"""Every user-facing string, in Chinese (default) and English."""
from __future__ import annotations

import pandas as pd

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("禁毒工作地理看板", "Drug-Control Operations Dashboard"),
    "page_overview": ("总览", "Overview"),
    "page_checkpoints": ("检查站", "Checkpoints"),
    "page_routes": ("贩毒通道", "Trafficking routes"),
    "page_seizures": ("缴获毒品", "Seizures"),
    "page_demo": ("示范创建", "Demonstration sites"),
    "page_sources": ("数据来源", "Sources"),
    "language": ("语言 / Language", "语言 / Language"),
    "filter_header": ("筛选", "Filter"),
    "filter_cities": ("城市", "Cities"),
    "filter_counties": ("县（市、区）", "Counties"),
    "filter_reset": ("清除筛选", "Clear filter"),
    "all": ("全部", "All"),
    "selection": ("当前范围", "Selection"),
    "no_records": ("{place}{period}暂无{drug}相关记录。", "No {drug}records for {place}{period}."),
    "filter_period": ("年份", "Years"),
    "filter_period_help": ("显示所述时期与所选年份重叠的记录；未注明时期的记录在选定年份后不显示。",
                           "Shows records whose stated period overlaps the chosen years; records that state no "
                           "period are hidden while years are chosen."),
    "filter_drug_help": ("适用于缴获、案件和通道；其他数据未按毒品种类统计。",
                         "Applies to seizures, cases and routes; other figures are not broken down by drug type."),
    "drug_not_applicable": ("这些数据未按毒品种类统计，毒品种类筛选不适用。",
                            "These figures are not broken down by drug type; the drug filter does not apply."),
    "period_not_applicable": ("这些记录未注明起止日期，年份筛选不适用。",
                              "These records state no dates; the year filter does not apply."),
    "undated_hidden": ("另有{n}条记录未注明时期，选定年份后不显示。",
                       "{n} records that state no period are not shown while years are chosen."),
    "map_caption": ("底图由内置行政区划边界绘制（离线可用）。", "Basemap drawn from bundled boundaries (works offline)."),
    "key_figures": ("主要数据", "Key figures"),
    "tile_seized": ("缴获{drug}", "Seized: {drug}"),
    "all_figures": ("全部数据（含原文）", "All figures (with quotes)"),
    "figure": ("指标", "Figure"),
    "value": ("数值", "Value"),
    "period": ("时期", "Period"),
    "place": ("地区", "Place"),
    "source": ("来源", "Source"),
    "quote": ("原文", "Quote"),
    "as_written": ("原文表述", "As written (Chinese)"),
    "note": ("备注", "Note"),
    "kind": ("类型", "Kind"),
    "name": ("名称", "Name"),
    "precision": ("位置精度", "Location precision"),
    "count": ("数量", "Count"),
    "category": ("类别", "Category"),
    "level": ("级别", "Level"),
    "drug": ("毒品种类", "Drug type"),
    "quantity": ("数量", "Quantity"),
    "case": ("案件", "Case"),
    "cases_on_routes": ("通道上的案件", "Cases along the routes"),
    "route": ("通道", "Route"),
    "waypoints": ("途经", "Waypoints"),
    "suspects": ("抓获嫌疑人", "Suspects"),
    "vehicles": ("车辆", "Vehicles"),
    "cash": ("毒资", "Cash"),
    "checkpoint_counts": ("检查站数量（未逐一列名）", "Checkpoint counts (not individually named)"),
    "seizures_by_city": ("各市缴获毒品（按毒品种类）", "Seizures by city and drug type"),
    "seizures_by_case": ("案件缴获毒品排名", "Named cases ranked by quantity seized"),
    "chart_enforcement": ("执法成效（按地区和时期）", "Enforcement figures by place and period"),
    "chart_changes": ("报告的增减变化", "Reported changes"),
    "chart_outflow": ("外流贩毒整治成效", "Outflow drug trafficking: trends"),
    "change_unit_note": ("单位：%（与上年同期或文中所述年份相比）",
                         "Unit: % (against the same period a year earlier, or the year the text names)"),
    "outflow_counts": ("外流贩毒人员（人，按时期，各时期长短不一）",
                       "Outflow traffickers (people, by period; periods differ in length)"),
    "outflow_changes": ("变化（%）", "Change (%)"),
    "outflow_ranks": ("排名（第1名在右）", "Ranking (1st on the right)"),
    "outflow_note": ("每个数字为文中原有数据，不同时期不相加", "Each number as the text gives it; periods never added"),
    "never_added": ("每条为一项原始数据，不同指标、时期不相加", "One bar per reported figure; metrics and periods never added"),
    "largest_shown": ("；每组显示数值最大的{n}项，另有{cut}项未显示", "; the {n} largest per panel shown, {cut} more not shown"),
    "group_cases": ("案件", "Cases"),
    "group_arrests": ("抓获、起诉", "Arrests and prosecutions"),
    "group_detentions": ("拘留、处罚", "Detentions and penalties"),
    "group_users": ("查获吸毒人员", "Drug users found"),
    "group_rehab": ("戒毒措施", "Rehab orders"),
    "period_unstated": ("时期未注明", "period not stated"),
    "basis_yoy": ("同比", "year on year"),
    "basis_vs_earlier": ("较文中所述年份", "vs. the year the text names"),
    "page_enforcement": ("执法成效", "Enforcement"),
    "demo_by_category": ("示范创建数量（按类别）", "Demonstration sites by category"),
    "choose_category": ("示范类别", "Category"),
    "search": ("搜索原文、地区或指标", "Search quotes, places or figures"),
    "records": ("条记录", "records"),
    "table": ("数据表", "Table"),
    "data_problem": ("数据文件有误，以下问题需要修正：", "The data files have problems that need fixing:"),
    "approx_location": ("位置为近似值", "approximate location"),
    "unit_kg": ("单位：公斤", "Unit: kg"),
    "unit_count": ("单位：个", "Unit: count"),
    "source_line": ("来源：{sources}", "Source: {sources}"),
    "largest_figure": ("图中符号大小为该地区报告的最大单项数值，不同时期的数字不相加。",
                       "Symbol size is the largest single figure reported for the area; figures of different "
                       "periods are never added."),
    "legend": ("图例", "Legend"),
    "routes_legend": ("箭头表示运输方向，颜色表示毒品种类", "Arrows show direction; colour shows drug type"),
    "download": ("下载", "Download"),
    "record": ("记录内容", "Record"),
    "publisher": ("发布单位", "Publisher"),
    "doc_date": ("文件日期", "Document date"),
    "map_style": ("地图样式", "Map style"),
    "style_symbols": ("比例符号", "Proportional symbols"),
    "style_choropleth": ("分级设色", "Choropleth"),
    "prefecture": ("市", "City"),
    "county": ("县区", "County"),
    "briefing_title": ("禁毒工作简报", "Drug-control briefing"),
    "briefing_pack": ("简报包", "Briefing pack"),
    "briefing_pdf": ("下载简报 PDF", "Download briefing PDF"),
    "briefing_zip": ("下载全部图表和地图 ZIP", "Download all charts and maps (ZIP)"),
    "briefing_help": ("按当前筛选和语言生成：主要数据、地图和图表。", "Built for the current filter and language: key "
                      "figures, maps and charts."),
    "map_download": ("下载地图", "Download map"),
    "change": ("变化", "Change"),
}

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "drug_type": {
        "heroin": ("海洛因", "Heroin"), "methamphetamine": ("冰毒", "Methamphetamine (ice)"),
        "magu": ("麻古", "Magu tablets"), "ketamine": ("氯胺酮", "Ketamine"), "cannabis": ("大麻", "Cannabis"),
        "precursor": ("易制毒化学品", "Precursors"), "mixed": ("多种毒品", "Mixed drugs"),
        "unspecified": ("毒品（未分类）", "Drugs (unspecified)"),
    },
    "checkpoint_kind": {
        "interprovincial_checkpoint": ("省际检查站", "Interprovincial checkpoint"),
        "police_checkpoint": ("公安检查站", "Police checkpoint"),
        "inspection_station": ("毒品查缉站", "Drug inspection station"),
        "work_station_out_of_province": ("省外工作站", "Out-of-province work station"),
    },
    "demo_category": {
        "school": ("示范学校", "Schools"), "town": ("示范乡镇", "Towns"), "village": ("示范村", "Villages"),
        "community": ("示范社区", "Communities"), "rehab_point": ("社区康复点", "Community rehab points"),
        "rehab_workstation": ("康复工作站", "Rehab workstations"),
        "education_centre": ("教育基地", "Education centres"), "theme_park": ("主题公园", "Theme parks"),
        "rehab_community": ("中心戒毒社区", "Central rehab communities"), "unit": ("示范单位", "Units"),
        "other": ("其他", "Other"),
    },
    "case_level": {
        "ministry_target": ("部督目标案件", "Ministry target case"),
        "provincial_target": ("省督目标案件", "Provincial target case"),
        "other": ("其他案件", "Other case"),
    },
    "precision": {
        "exact": ("精确", "exact"), "town": ("乡镇", "town"), "county_centroid": ("县区中心（近似）", "county centroid (approx.)"),
        "prefecture_centroid": ("市中心（近似）", "city centroid (approx.)"),
        "province_centroid": ("省中心（近似）", "province centroid (approx.)"),
        "approximate": ("近似", "approximate"),
    },
}


def t(key: str, lang: str = "zh", **fmt: str) -> str:
    zh, en = STRINGS[key]
    text = zh if lang == "zh" else en
    return text.format(**fmt) if fmt else text


def label(group: str, value: str, lang: str = "zh") -> str:
    pair = LABELS[group].get(value)
    if pair is None:
        return value
    return pair[0] if lang == "zh" else pair[1]


def name_col(lang: str) -> str:
    return "name_zh" if lang == "zh" else "name_en"


def place_name(names: pd.DataFrame, ref: str, lang: str = "zh") -> str:
    """Name of a jurisdiction or place id from a frame indexed by id (geo.data.place_points)."""
    if ref in names.index:
        return str(names.at[ref, name_col(lang)])
    return ref
