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
    "no_records": ("{place}暂无相关记录。", "No records for {place}."),
    "map_caption": ("底图由内置行政区划边界绘制（离线可用）。", "Basemap drawn from bundled boundaries (works offline)."),
    "key_figures": ("主要数据", "Key figures"),
    "figure": ("指标", "Figure"),
    "value": ("数值", "Value"),
    "period": ("时期", "Period"),
    "place": ("地区", "Place"),
    "source": ("来源", "Source"),
    "quote": ("原文", "Quote"),
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
    "page_data": ("数据维护", "Data maintenance"),
    "sign_in": ("登录", "Sign in"),
    "sign_out": ("退出登录", "Sign out"),
    "user_name": ("用户名", "User name"),
    "password": ("密码", "Password"),
    "password_new": ("新密码（留空则不变）", "New password (empty: unchanged)"),
    "sign_in_failed": ("用户名或密码不正确。", "Wrong user name or password."),
    "sign_in_off": ("未启用登录：能访问本站的任何人都可以查看和修改数据。",
                    "Sign-in is off: anyone with access can view and edit data."),
    "signed_in_as": ("已登录：{name}（{role}）", "Signed in as {name} ({role})"),
    "role": ("角色", "Role"),
    "role_viewer": ("查看", "viewer"),
    "role_staff": ("工作人员", "staff"),
    "role_admin": ("管理员", "admin"),
    "user_add": ("添加用户（同名则替换角色和密码）", "Add a user (same name: replaces role and password)"),
    "user_edit": ("修改角色或重置密码", "Change role or reset password"),
    "save": ("保存", "Save"),
    "users_saved": ("已保存。", "Saved."),
    "users_error": ("未保存：", "Not saved:"),
    "data_need_staff": ("只有工作人员和管理员登录后才能维护数据。", "Only signed-in staff and admins can maintain data."),
    "data_tab_upload": ("上传更新", "Upload"),
    "data_tab_history": ("历史与恢复", "History and restore"),
    "data_tab_users": ("用户管理", "Users"),
    "data_table": ("数据表", "Table"),
    "data_upload": ("上传替换文件（CSV，UTF-8 或 GB18030）", "Upload a replacement (CSV, UTF-8 or GB18030)"),
    "data_upload_help": ("上传后先校验并显示与当前文件的差异，确认后才会保存；旧版本保留在历史中。",
                         ("An upload is validated and compared with the current file; nothing is saved until you "
                          "confirm, and the old version is kept in the history.")),
    "data_encoding": ("无法识别文件编码，请另存为 UTF-8 CSV。", "Unknown text encoding; save the file as UTF-8 CSV."),
    "data_invalid": ("文件有 {n} 个问题，未保存：", "The file has {n} problem(s); nothing was saved:"),
    "data_added": ("新增", "Added"),
    "data_changed": ("修改", "Changed"),
    "data_removed": ("删除", "Removed"),
    "data_your_name": ("您的姓名（记入历史）", "Your name (for the history)"),
    "data_note": ("修改说明", "Note"),
    "data_confirm": ("确认保存", "Confirm and save"),
    "data_conflict": ("该文件在您预览后已被他人修改，请查看新的差异后再确认。",
                      "Someone changed this file after your preview; review the new difference and confirm again."),
    "data_saved": ("已保存 {file}：新增 {added}、修改 {changed}、删除 {removed} 行。",
                   "Saved {file}: {added} added, {changed} changed, {removed} removed."),
    "data_no_history": ("尚无修改记录。", "No changes recorded yet."),
    "data_version": ("历史版本", "Kept version"),
    "data_restore": ("恢复此版本", "Restore this version"),
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
