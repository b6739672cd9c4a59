"""A second set for bench.intake: short reports WRITTEN BY THE AUTHOR OF THE BENCHMARK, not real documents. Every
number in them is made up; the places are real counties and cities of jurisdictions.csv. They use phrasings the
five seed documents do not (the number before its noun, synonyms and older terms, traditional characters, terms no
built-in table knows), with the answer each figure should get. LUSHAN and YEXIAN are two similar county reports:
the benchmark corrects the first and counts what the second still needs."""
from __future__ import annotations

# (value, unit, qualifier, table, adcode, indicator, drug, period_start, period_end, quote); unit "change" for a
# reported change, "*" for a demonstration count (compared by period_label, given in period_start)
Truth = tuple[str, str, str, str, str, str, str, str, str, str]

LUSHAN = """鲁山县2023年禁毒工作总结

2024年1月8日

2023年，鲁山县公安局共侦破涉毒案件58起，抓获涉毒违法犯罪人员96名，其中刑事拘留41人、行政拘留37人。全年依法收戒吸毒\
成瘾人员22人，责令社区戒毒15人，新发现吸毒人员同比下降18.5%。全县共缴获冰毒4.6公斤、海洛因320克、“开心水”600克，\
捣毁制毒窝点2个。

宣传方面，全县开展禁毒宣传活动210场次，受教育群众4.3万人次。
"""
YEAR23 = ("2023-01-01", "2023-12-31")
LUSHAN_TRUTH: list[Truth] = [
    ("58", "case", "exact", "figures", "410423", "drug_cases", "", *YEAR23, "侦破涉毒案件58起"),
    ("96", "person", "exact", "figures", "410423", "suspects_arrested", "", *YEAR23, "抓获涉毒违法犯罪人员96名"),
    ("41", "person", "exact", "figures", "410423", "criminal_detentions", "", *YEAR23, "刑事拘留41人"),
    ("37", "person", "exact", "figures", "410423", "administrative_detentions", "", *YEAR23, "行政拘留37人"),
    ("22", "person", "exact", "figures", "410423", "compulsory_rehab", "", *YEAR23, "依法收戒吸毒成瘾人员22人"),
    ("15", "person", "exact", "figures", "410423", "community_rehab", "", *YEAR23, "责令社区戒毒15人"),
    ("-18.5", "change", "exact", "figures", "410423", "new_drug_users", "", *YEAR23, "新发现吸毒人员同比下降18.5%"),
    ("4.6", "kg", "exact", "seizures", "410423", "", "methamphetamine", *YEAR23, "缴获冰毒4.6公斤"),
    ("320", "g", "exact", "seizures", "410423", "", "heroin", *YEAR23, "海洛因320克"),
    ("600", "g", "exact", "seizures", "410423", "", "synthetic", *YEAR23, "“开心水”600克"),
    ("2", "site", "exact", "figures", "410423", "drug_labs_destroyed", "", *YEAR23, "捣毁制毒窝点2个"),
    ("210", "event", "exact", "figures", "410423", "education_events", "", "", "", "开展禁毒宣传活动210场次"),
    ("43000", "person_time", "exact", "figures", "410423", "people_educated", "", "", "", "受教育群众4.3万人次"),
]

YEXIAN = """叶县禁毒委员会2023年度工作情况

2024年1月12日

2023年，叶县共破获毒品刑事案件44起，抓获涉毒违法犯罪人员71名，刑事拘留33人，行政拘留25人；依法收戒吸毒成瘾人员18人，\
责令社区康复11人。全年缴获冰毒2.9公斤、“开心水”450克，捣毁吸毒窝点3处。全县开展禁毒宣传活动160场次，受教育群众2.7万人次。
"""
YEXIAN_TRUTH: list[Truth] = [
    ("44", "case", "exact", "figures", "410422", "drug_cases", "", *YEAR23, "共破获毒品刑事案件44起"),
    ("71", "person", "exact", "figures", "410422", "suspects_arrested", "", *YEAR23, "抓获涉毒违法犯罪人员71名"),
    ("33", "person", "exact", "figures", "410422", "criminal_detentions", "", *YEAR23, "刑事拘留33人"),
    ("25", "person", "exact", "figures", "410422", "administrative_detentions", "", *YEAR23, "行政拘留25人"),
    ("18", "person", "exact", "figures", "410422", "compulsory_rehab", "", *YEAR23, "依法收戒吸毒成瘾人员18人"),
    ("11", "person", "exact", "figures", "410422", "community_recovery", "", *YEAR23, "责令社区康复11人"),
    ("2.9", "kg", "exact", "seizures", "410422", "", "methamphetamine", *YEAR23, "缴获冰毒2.9公斤"),
    ("450", "g", "exact", "seizures", "410422", "", "synthetic", *YEAR23, "“开心水”450克"),
    ("3", "site", "exact", "figures", "410422", "drug_dens_destroyed", "", *YEAR23, "捣毁吸毒窝点3处"),
    ("160", "event", "exact", "figures", "410422", "education_events", "", *YEAR23, "开展禁毒宣传活动160场次"),
    ("27000", "person_time", "exact", "figures", "410422", "people_educated", "", *YEAR23, "受教育群众2.7万人次"),
]

HENGYANG_TRAD = """衡陽警方破獲一起特大販毒案

2024年3月12日

3月上旬，衡陽市公安局禁毒支隊破獲一起特大販毒案，抓獲犯罪嫌疑人6名，繳獲冰毒3.2公斤、K粉800克。今年以來，衡陽市共\
破獲15起毒品刑事案件，查獲吸毒人員132人次，強制隔離戒毒47人。
"""
MARCH = ("2024-03-01", "2024-03-10")
SINCE = ("2024-01-01", "2024-03-12")
HENGYANG_TRUTH: list[Truth] = [
    ("6", "person", "exact", "figures", "430400", "suspects_arrested", "", *MARCH, "抓獲犯罪嫌疑人6名"),
    ("3.2", "kg", "exact", "seizures", "430400", "", "methamphetamine", *MARCH, "繳獲冰毒3.2公斤"),
    ("800", "g", "exact", "seizures", "430400", "", "ketamine", *MARCH, "K粉800克"),
    ("15", "case", "exact", "figures", "430400", "drug_cases", "", *SINCE, "破獲15起毒品刑事案件"),
    ("132", "person_time", "exact", "figures", "430400", "drug_users_found", "", *SINCE, "查獲吸毒人員132人次"),
    ("47", "person", "exact", "figures", "430400", "compulsory_rehab", "", *SINCE, "強制隔離戒毒47人"),
]

YONGZHOU = """永州市2024年上半年禁毒工作通报

2024年7月15日

今年1至6月，全市共破获32起毒品案件，抓获46名犯罪嫌疑人，缴获各类毒品12.8公斤。其中，冷水滩区破获9起涉毒案件；江永县\
捣毁1个吸毒窝点，查处涉毒娱乐场所3家。全市强制隔离戒毒38名，社区康复27名。

全市开展进校园禁毒讲座64场，发放宣传资料2.1万份，建成禁毒示范学校5所。
"""
HALF = ("2024-01-01", "2024-06-30")
YONGZHOU_TRUTH: list[Truth] = [
    ("32", "case", "exact", "figures", "431100", "drug_cases", "", *HALF, "共破获32起毒品案件"),
    ("46", "person", "exact", "figures", "431100", "suspects_arrested", "", *HALF, "抓获46名犯罪嫌疑人"),
    ("12.8", "kg", "exact", "seizures", "431100", "", "unspecified", *HALF, "缴获各类毒品12.8公斤"),
    ("9", "case", "exact", "figures", "431103", "drug_cases", "", *HALF, "冷水滩区破获9起涉毒案件"),
    ("1", "site", "exact", "figures", "431125", "drug_dens_destroyed", "", *HALF, "江永县捣毁1个吸毒窝点"),
    ("3", "venue", "exact", "figures", "431125", "venues_closed", "", *HALF, "查处涉毒娱乐场所3家"),
    ("38", "person", "exact", "figures", "431100", "compulsory_rehab", "", *HALF, "全市强制隔离戒毒38名"),
    ("27", "person", "exact", "figures", "431100", "community_recovery", "", *HALF, "社区康复27名"),
    ("64", "event", "exact", "figures", "431100", "education_events", "", "", "", "开展进校园禁毒讲座64场"),
    ("21000", "copy", "exact", "figures", "431100", "", "", "", "", "发放宣传资料2.1万份"),
]

# name: (text, document date, default place, truth)
TEXTS = {
    "own-lushan": (LUSHAN, "2024-01-08", "410400", LUSHAN_TRUTH),
    "own-yexian": (YEXIAN, "2024-01-12", "410400", YEXIAN_TRUTH),
    "own-hengyang-trad": (HENGYANG_TRAD, "2024-03-12", "430400", HENGYANG_TRUTH),
    "own-yongzhou": (YONGZHOU, "2024-07-15", "431100", YONGZHOU_TRUTH),
}
SIMILAR = ("own-lushan", "own-yexian")  # corrected first, then measured
