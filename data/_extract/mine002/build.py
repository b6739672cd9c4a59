import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from curation import ROOT, check_quotes, source_text, write_extract  # noqa: E402
SRC = "002_777b7cfae1732784.txt"
text = source_text(SRC)
NOP = ("", "", "", "")
YTD = ("2019-01-01", "", "今年以来", "so far this year (2019)")
EARLY = ("2019-01-01", "", "今年初", "early 2019")
SINCE11 = ("2011-10-01", "", "2011年10月…上任后", "since October 2011")
PDS, JIA, YE, RZ = "410400", "410425", "410422", "410482"
n = {"fig": 0, "sz": 0}
def nid(k):
    n[k] += 1
    return f"pds-{k}-{n[k]:03d}"
def F(ad, cat, metric, val, q, unit, zh, en, quote, period=NOP, change=("", "", ""), note=""):
    return dict(figure_id=nid("fig"), adcode=ad, category=cat, metric=metric, value=val, qualifier=q, unit=unit,
                period_start=period[0], period_end=period[1], period_label=period[2], period_label_en=period[3],
                change_value=change[0], change_unit=change[1], change_basis=change[2], label_zh=zh, label_en=en,
                source_file=SRC, quote=quote, note=note)
def S(ad, case, drug, written, qty, q, unit, quote, period=NOP, note=""):
    return dict(seizure_id=nid("sz"), adcode=ad, case_id=case, drug_type=drug, drug_as_written=written, quantity=qty, qualifier=q,
                unit=unit, period_start=period[0], period_end=period[1], period_label=period[2], period_label_en=period[3],
                source_file=SRC, quote=quote, note=note)
q11 = "先后侦破了“2015·1·24”特大跨国武装贩毒集团案等50多起重特大涉毒刑事案件,抓获涉毒犯罪嫌疑人947人,缴获各类毒品360千"
q_ytd = "今年以来,全市公安机关共破获毒品犯罪案件52起,刑拘毒品犯罪嫌疑人65人,起诉毒品犯罪嫌疑人78人,缴获毒品38千克"
q_users = "今年以来,全市公安机关查获吸毒人员711人次,同比提升170.34%;强制隔离戒毒吸毒人员225人,同比提升20.32%;新发现吸毒人员88人,同比提升2.33%;社区戒毒80人,同比提升42.86%;行政拘留305人,同比提升29.79%"
q_a = "终将25名犯罪嫌疑人抓获,捣毁制毒窝点4处,缴获冰毒26千克,查获车辆10辆,查获毒资206万元"
q_b = "先后将朱某和下线陈某、司某等15人抓获,缴获冰毒10千克,扣押涉案车辆3辆,缴获涉案毒资150万元"
BRIGADE = "by the city bureau's narcotics brigade (禁毒大队) under its captain since October 2011"
figures = [
 F(PDS, "enforcement", "major_drug_cases_solved", 50, "plus", "case", "侦破重特大涉毒刑事案件", "Major drug criminal cases solved", q11, SINCE11, note=BRIGADE + "; includes the 2015·1·24 transnational armed trafficking case"),
 F(PDS, "enforcement", "drug_suspects_arrested", 947, "exact", "person", "抓获涉毒犯罪嫌疑人", "Drug suspects arrested", q11, SINCE11, note=BRIGADE),
 F(PDS, "ranking", "province_rank_liangda_liangkong_q1", 2, "exact", "rank", "2019年全省公安禁毒“两打两控”第一季度考评", "Provincial rank, 'two strikes two controls' Q1 2019", "两项工作分别荣获全省第二名和第一名", ("2019-01-01", "2019-03-31", "2019年…第一季度", "Q1 2019")),
 F(PDS, "ranking", "province_rank_pingan_shouhu_stage1", 1, "exact", "rank", "全省公安机关“平安守护”专项行动第一阶段考评", "Provincial rank, 'Safe Guard' campaign stage 1", "两项工作分别荣获全省第二名和第一名"),
 F(PDS, "ranking", "city_rank_police_performance", 3, "exact", "rank", "全市公安实战警种序列绩效考评", "City rank among police operational units", "获全市公安实战警种序列绩效考评第三名", ("2019-05-06", "2019-05-06", "今年5月6日", "6 May 2019")),
 F(PDS, "enforcement", "precursor_types_inspected", 32, "exact", "other", "排查的易制毒化学品种类", "Kinds of precursor chemicals inspected", "组织开展对32种易制毒化学品、制毒设备等物品存放窝点进行地毯式排查", YTD),
 F(YE, "enforcement", "police_deployed", 200, "about", "person", "抽调叶县公安局警力", "Ye County police deployed for the arrests", "专案组研究后决定立即抽调叶县公安局近200名警力,组成10个小组开展抓捕", EARLY),
 F(PDS, "enforcement", "drug_criminal_cases_solved", 52, "exact", "case", "破获毒品犯罪案件", "Drug criminal cases solved", q_ytd, YTD),
 F(PDS, "enforcement", "criminal_detentions", 65, "exact", "person", "刑拘毒品犯罪嫌疑人", "Suspects in criminal detention", q_ytd, YTD),
 F(PDS, "enforcement", "prosecutions", 78, "exact", "person", "起诉毒品犯罪嫌疑人", "Suspects prosecuted", q_ytd, YTD),
 F(PDS, "enforcement", "drug_users_found", 711, "exact", "person", "查获吸毒人员（人次）", "Drug users found (person-times)", q_users, YTD, ("170.34", "percent", "yoy")),
 F(PDS, "rehab", "compulsory_isolation_rehab", 225, "exact", "person", "强制隔离戒毒吸毒人员", "Compulsory isolation rehab", q_users, YTD, ("20.32", "percent", "yoy")),
 F(PDS, "enforcement", "new_drug_users_found", 88, "exact", "person", "新发现吸毒人员", "Newly found drug users", q_users, YTD, ("2.33", "percent", "yoy")),
 F(PDS, "rehab", "community_rehab", 80, "exact", "person", "社区戒毒", "Community rehab", q_users, YTD, ("42.86", "percent", "yoy")),
 F(PDS, "enforcement", "administrative_detentions", 305, "exact", "person", "行政拘留", "Administrative detentions", q_users, YTD, ("29.79", "percent", "yoy")),
 F(JIA, "enforcement", "drug_labs_destroyed", 4, "exact", "site", "捣毁制毒窝点", "Drug-making labs destroyed", q_a, EARLY,
   note="case pds-case-a (Ku and Li gang), placed in 郏县 like the case"),
 F(PDS, "ranking", "advanced_unit_years", 6, "exact", "other", "连续被评为全省、全市公安禁毒工作先进单位（年数）",
   "Years in a row named an advanced unit by the province and the city", "该大队连续6年被评为全省、全市公安禁毒工作先进单位", note=BRIGADE),
]
seizures = [
 S(PDS, "", "unspecified", "各类毒品", 360, "exact", "kg", "缴获各类毒品360千\n\n克", SINCE11, BRIGADE + "; the quote spans a page break"),
 S(JIA, "pds-case-a", "methamphetamine", "冰毒", 26, "exact", "kg", q_a, EARLY),
 S(RZ, "pds-case-b", "methamphetamine", "冰毒", 10, "exact", "kg", q_b, EARLY),
 S(PDS, "", "unspecified", "毒品", 38, "exact", "kg", q_ytd, YTD),
]
cases = [
 dict(case_id="pds-case-a", case_number="", level="ministry_target", name_zh="库某、李某制毒贩毒团伙案（部级目标案件）", name_en="Ku and Li drug-manufacturing gang (ministry target case)",
      adcode=JIA, period_start=EARLY[0], period_end="", period_label=EARLY[2], period_label_en=EARLY[3], suspects=25, suspects_qualifier="exact", vehicles=10,
      cash_cny=2060000, cash_qualifier="exact", cash_as_written="查获毒资206万元", route_id="", source_file=SRC, quote=q_a,
      note="the lab was in 郑县 as written; Pingdingshan has no 郑县, 郏县 (410425) is meant, so the case is placed there. 4 labs destroyed; arrests by ~200 Ye County (叶县) police. Uncovered end of 2018"),
 dict(case_id="pds-case-b", case_number="", level="ministry_target", name_zh="朱某贩毒团伙案（部级目标案件）", name_en="Zhu trafficking gang (ministry target case)",
      adcode=RZ, period_start=EARLY[0], period_end="", period_label=EARLY[2], period_label_en=EARLY[3], suspects=15, suspects_qualifier="exact", vehicles=3,
      cash_cny=1500000, cash_qualifier="exact", cash_as_written="缴获涉案毒资150万元", route_id="", source_file=SRC, quote=q_b,
      note="reported by a 110 call at the end of 2018 in 汝州市; drugs bought from 四川省德阳市 and sold on to 鲁山县, 三门峡市 and 山西省高平市"),
]
Q_ROUTE = "发现朱某等人所贩卖的毒品是从四川省德阳市周某手中购买的,然后分销至河南省鲁山县、三门峡市和山西省高平市等地"
ends = [("a", "410423", "河南省鲁山县", "Lushan"), ("b", "411200", "三门峡市", "Sanmenxia"), ("c", "140581", "山西省高平市", "Gaoping (Shanxi)")]
routes, waypoints = [], []
for tag, code, written, en in ends:
    rid = f"pds-route-01{tag}"
    routes.append(dict(route_id=rid, name_zh=f"四川德阳→汝州→{written}（朱某案）", name_en=f"Deyang (Sichuan) → Ruzhou → {en} (Zhu case)", drug_type="methamphetamine",
                       case_id="pds-case-b", source_file=SRC, quote=Q_ROUTE, note="one supply line branching to three destinations (等地: possibly more); drawn as three routes sharing the first leg"))
    waypoints += [dict(route_id=rid, seq=1, place_ref="510600", role="origin", as_written="四川省德阳市"),
                  dict(route_id=rid, seq=2, place_ref=RZ, role="transit", as_written="汝州市"),
                  dict(route_id=rid, seq=3, place_ref=code, role="destination", as_written=written)]
source = [dict(source_file=SRC, title_zh="打赢禁毒之战 守护鹰城平安", title_en="Winning the war on drugs, keeping Pingdingshan safe", publisher="", author="卢拥军、王军辉、黄静",
               doc_date="2019-06-01", doc_date_basis="approximate: published as the 6·26 International Day of 2019 approached (2019 assessments, 今年5月6日); day not given", city_adcode=PDS, note="newspaper report on the city narcotics brigade; 鹰城 is Pingdingshan's nickname")]
out = {"figures": figures, "seizures": seizures, "cases": cases, "routes": routes, "route_waypoints": waypoints}
check_quotes(text, out)
write_extract(Path(__file__).resolve().parent, out, source)
