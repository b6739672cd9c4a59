import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from curation import ROOT, check_quotes, source_text, write_extract  # noqa: E402
SRC = "004_73e93df3497aca9b.txt"
text = source_text(SRC)
NOP = ("", "", "", "")
XN, XA, JY = "421200", "421202", "421221"
SINCE18 = ("2018-01-01", "2021-05-07", "2018年以来", "since 2018")
n = {"fig": 0, "sz": 0, "demo": 0}
def nid(k):
    n[k] += 1
    return f"xn-{k}-{n[k]:03d}"
def F(ad, cat, metric, val, q, unit, zh, en, quote, period=NOP, note=""):
    return dict(figure_id=nid("fig"), adcode=ad, category=cat, metric=metric, value=val, qualifier=q, unit=unit,
                period_start=period[0], period_end=period[1], period_label=period[2], period_label_en=period[3],
                label_zh=zh, label_en=en, source_file=SRC, quote=quote, note=note)
def S(ad, case, drug, written, qty, q, unit, quote, period=NOP, alt=("", "", ""), note=""):
    return dict(seizure_id=nid("sz"), adcode=ad, case_id=case, drug_type=drug, drug_as_written=written, quantity=qty, qualifier=q, unit=unit,
                alt_quantity=alt[0], alt_qualifier=alt[1], alt_unit=alt[2], period_start=period[0], period_end=period[1],
                period_label=period[2], period_label_en=period[3], source_file=SRC, quote=quote, note=note)
q_org = "全市6个县(市、区)和1个高新区、70个街道乡镇、1048个社区(村),相继调整成立了创建工作领导小组和工作专班,全市8991个综治网格员同时兼任禁毒社工"
q_int = "通过情报导侦,先后侦破公安部目标案件6起,抓获犯罪嫌疑人41人,缴获毒品17公斤,端掉本地贩毒窝点21处,斩断四条通往广东、云南等地的贩毒通道;向外省外市移交贩毒情报33条,端掉上层贩毒团伙27个"
q_rehab = "咸宁率先在全省建成70个中心戒毒社区(全覆盖),486个戒毒工作站"
INT_NOTE = "period not stated (intelligence-led operations of the synthetic combat centre)"
figures = [
 F(XN, "enforcement", "police_testing_positive", 4, "exact", "person", "检出吸毒的民警（开除）", "Police officers testing positive (dismissed)", "对检出吸毒的4名民警12名辅警,全部依法依纪先行政拘留后予以开除", note="before the 2020-04-17 plenum tests"),
 F(XN, "enforcement", "auxiliary_police_testing_positive", 12, "exact", "person", "检出吸毒的辅警（开除）", "Auxiliary officers testing positive (dismissed)", "对检出吸毒的4名民警12名辅警,全部依法依纪先行政拘留后予以开除", note="before the 2020-04-17 plenum tests"),
 F(XN, "other", "townships_with_leading_groups", 70, "exact", "other", "成立创建领导小组的街道乡镇", "Townships with demonstration-city leading groups", q_org),
 F(XN, "other", "communities_with_leading_groups", 1048, "exact", "other", "成立创建领导小组的社区(村)", "Communities with demonstration-city leading groups", q_org),
 F(XN, "other", "grid_workers_as_drug_social_workers", 8991, "exact", "person", "兼任禁毒社工的综治网格员", "Grid workers doubling as drug social workers", q_org),
 F(XN, "enforcement", "transnational_and_ministry_cases_solved", 6, "exact", "case", "破获跨国贩毒案、部督目标案", "Transnational and ministry target cases solved", "2018年以来,咸宁警方连续破获6起跨国贩毒案、部督目标案", SINCE18),
 F(XN, "enforcement", "records_analysed", 210000000, "exact", "other", "研判信息（条）", "Records analysed", "深度研判2.1亿条信息,梳理出贩毒情报线索121条", note=INT_NOTE),
 F(XN, "enforcement", "trafficking_leads", 121, "exact", "other", "梳理出贩毒情报线索（条）", "Trafficking leads found", "深度研判2.1亿条信息,梳理出贩毒情报线索121条", note=INT_NOTE),
 F(XN, "enforcement", "ministry_target_cases_solved", 6, "exact", "case", "侦破公安部目标案件", "Ministry target cases solved", q_int, note=INT_NOTE),
 F(XN, "enforcement", "suspects_arrested", 41, "exact", "person", "抓获犯罪嫌疑人", "Suspects arrested", q_int, note=INT_NOTE),
 F(XN, "enforcement", "drug_dens_destroyed", 21, "exact", "site", "端掉本地贩毒窝点", "Local dealing dens destroyed", q_int, note=INT_NOTE),
 F(XN, "enforcement", "trafficking_channels_cut", 4, "exact", "other", "斩断通往广东、云南等地的贩毒通道", "Trafficking channels to Guangdong, Yunnan etc. cut", q_int, note=INT_NOTE + "; the channels are not described one by one, so they are not drawn as routes"),
 F(XN, "enforcement", "leads_transferred", 33, "exact", "other", "向外省外市移交贩毒情报（条）", "Leads passed to other provinces and cities", q_int, note=INT_NOTE),
 F(XN, "enforcement", "upstream_gangs_broken", 27, "exact", "other", "端掉上层贩毒团伙", "Upstream trafficking gangs broken up", q_int, note=INT_NOTE),
 F(XA, "rehab", "registered_drug_users", 316, "exact", "person", "永安街道在册吸毒人员（曾经）", "Registered drug users in Yong'an subdistrict (formerly)", "在册吸毒人员高达316人", note="'曾经' (formerly); Yong'an subdistrict of 咸安区, population about 100,000"),
 F(XA, "rehab", "community_rehab_execution_rate", 100, "exact", "percent", "永安街道社区戒毒(康复)执行率", "Community rehab execution rate, Yong'an", "社区戒毒(康复)执行率已达100%"),
 F(XA, "rehab", "rehab_centre_staff", 6, "exact", "person", "永安街道中心戒毒社区专职工作人员", "Full-time staff of the Yong'an rehab community", "社区有包括一名民警在内的6个专职工作人员"),
 F(XA, "rehab", "families_helped", 260, "exact", "other", "挽救家庭", "Families helped", "“共挽救了260个家庭。”", note="since the Yong'an central rehab community opened in 2015"),
 F(XN, "rehab", "years_without_incidents", 5, "exact", "other", "吸毒人员无肇事肇祸（连续年数）", "Years in a row without incidents by drug users", "连续5年无吸毒人员肇事肇祸,近千名吸毒少女戒断后婚嫁生儿育女"),
 F(XN, "rehab", "young_women_recovered", 1000, "about", "person", "戒断后婚嫁生儿育女的吸毒少女", "Young women who quit and started families", "连续5年无吸毒人员肇事肇祸,近千名吸毒少女戒断后婚嫁生儿育女", note="近千 read as about 1000"),
 F(XN, "rehab", "special_centre_capacity", 60, "exact", "person", "特殊监管中心最多容纳病残涉毒人员", "Capacity of the special supervision centre", "最多可容纳60名病残涉毒人员", ("2021-05-07", "2021-05-07", "5月7日", "7 May 2021"), note="opened 5月7日 at the 2nd affiliated hospital of Hubei University of Science and Technology"),
 F(XN, "rehab", "special_centre_investment", 10000000, "about", "yuan", "特殊监管中心投入", "Investment in the special supervision centre",
   "这个监管中心投入近千万元", note="近千万元 read as about 10,000,000 yuan; the centre opened 5月7日 (7 May 2021)"),
]
M2019 = ("2019-08-26", "2019-08-26", "8月26日", "26 August 2019")
M2020 = ("2020-01-01", "2020-12-31", "2020年疫情期间", "2020, during the epidemic")
M2021 = ("2021-01-29", "2021-01-30", "1月29日", "29-30 January 2021")
q_c1 = "缴获毒品麻果40.4公斤,创咸宁市个案缴毒数历史之最,抓获犯罪嫌疑人6名,斩断了一条从缅甸佤邦向境内贩运毒品的通道"
q_c2 = "成功抓获涉毒违法犯罪嫌疑人38名,捣毁位于武汉某区的吸毒窝点一处,缴获冰毒2.1公斤、海洛因109克、麻果975颗"
q_c3 = "成功破获“2021.1.29”特大贩运毒品案,抓获犯罪嫌疑人4人、缴获毒品麻果100包,总重量共计74.7公斤,扣押涉案车辆2台"
seizures = [
 S(JY, "xn-case-2019-ma", "magu", "麻果", 40.4, "exact", "kg", q_c1, M2019),
 S(XA, "xn-case-2020-li", "methamphetamine", "冰毒", 2.1, "exact", "kg", q_c2, M2020),
 S(XA, "xn-case-2020-li", "heroin", "海洛因", 109, "exact", "g", q_c2, M2020),
 S(XA, "xn-case-2020-li", "magu", "麻果", 975, "exact", "tablet", q_c2, M2020),
 S(XN, "", "unspecified", "毒品", 17, "exact", "kg", q_int, note=INT_NOTE),
 S(XA, "xn-case-2021-129", "magu", "麻果", 74.7, "exact", "kg", q_c3, M2021, (600000, "exact", "tablet"), note="100 packs, 总计60万颗 (600,000 tablets)"),
]
cases = [
 dict(case_id="xn-case-2019-ma", case_number="", level="other", name_zh="马某（佤邦）贩毒案", name_en="Ma (Wa State) trafficking case", adcode=JY,
      period_start=M2019[0], period_end=M2019[1], period_label=M2019[2], period_label_en=M2019[3], suspects=6, suspects_qualifier="exact",
      source_file=SRC, quote=q_c1, route_id="xn-route-01", note="嘉鱼县 narcotics brigade, 2019; controlled delivery of drugs hidden in 2 stone lions; then the largest single seizure in Xianning"),
 dict(case_id="xn-case-2020-li", case_number="", level="other", name_zh="李某（“七怪”）贩毒案", name_en="Li ('Qiguai') trafficking case", adcode=XA,
      period_start=M2020[0], period_end=M2020[1], period_label=M2020[2], period_label_en=M2020[3], suspects=38, suspects_qualifier="exact",
      source_file=SRC, quote=q_c2, note="温泉公安分局 (Wenquan branch, in 咸安区); one drug den in Wuhan destroyed"),
 dict(case_id="xn-case-2021-129", case_number="2021.1.29", level="other", name_zh="“2021.1.29”特大贩运毒品案", name_en="Major trafficking case 2021.1.29", adcode=XA,
      period_start=M2021[0], period_end=M2021[1], period_label=M2021[2], period_label_en=M2021[3], suspects=4, suspects_qualifier="exact", vehicles=2,
      source_file=SRC, quote=q_c3, route_id="xn-route-02", note="arrests at the 温泉 Walmart car park in Xianning and in 武汉市江岸区; drugs from abroad via Yunnan"),
]
routes = [
 dict(route_id="xn-route-01", name_zh="缅甸佤邦→湖北（马某案）", name_en="Wa State (Myanmar) → Hubei (Ma case)", drug_type="magu", case_id="xn-case-2019-ma", source_file=SRC,
      quote="发现嘉鱼籍涉毒逃犯马某长期潜藏缅甸佤邦,有向境内贩运毒品的重大嫌疑", note="shipped by logistics to Hubei (the text writes 发住湖北); no transit named"),
 dict(route_id="xn-route-02", name_zh="缅甸佤邦→云南→咸宁（“2021.1.29”案）", name_en="Wa State (Myanmar) → Yunnan → Xianning (case 2021.1.29)", drug_type="magu", case_id="xn-case-2021-129", source_file=SRC,
      quote="全案告破,成功斩断了一条从缅甸佤邦经云南向湖北贩运毒品的通道", note="the text names the channel 缅甸佤邦 → 云南 → 湖北; its end is drawn at 咸宁, where the deal and arrests took place (arrests also in 武汉市江岸区)"),
]
waypoints = [
 dict(route_id="xn-route-01", seq=1, place_ref="MMR-WA", role="origin", as_written="缅甸佤邦"),
 dict(route_id="xn-route-01", seq=2, place_ref="420000", role="destination", as_written="湖北", note="准备通过物流发住湖北"),
 dict(route_id="xn-route-02", seq=1, place_ref="MMR-WA", role="origin", as_written="缅甸佤邦"),
 dict(route_id="xn-route-02", seq=2, place_ref="530000", role="transit", as_written="云南省"),
 dict(route_id="xn-route-02", seq=3, place_ref=XN, role="destination", as_written="湖北", note="drawn at 咸宁, where the deal took place"),
]
demo = [
 dict(record_id=nid("demo"), adcode=XN, category="rehab_community", level="unspecified", count=70, qualifier="exact", label_zh="中心戒毒社区（全覆盖）", source_file=SRC, quote=q_rehab, note="first in Hubei; full coverage"),
 dict(record_id=nid("demo"), adcode=XN, category="rehab_workstation", level="unspecified", count=486, qualifier="exact", label_zh="戒毒工作站", source_file=SRC, quote=q_rehab),
 dict(record_id=nid("demo"), adcode=XN, category="city", level="national", count=1, qualifier="exact", period_label="4月30日", period_label_en="30 April 2021",
      label_zh="首批“全国禁毒示范城市”", source_file=SRC,
      quote="4月30日上午,国家禁毒委员会召开全国禁毒工作电视电话会议,会议宣读了《关于命名首批“全国禁毒示范城市”的决定》,按照从严把关、优中选优的原则,湖北咸宁等41个地区被正式命名为“全国禁毒示范城市”",
      note="one of 41 areas named in the first batch, the only one in Hubei (title: 湖北唯一); the text gives no year: 2021 is the document date's (2021-05-07), and the Yongzhou report dates the first batch 2021年4月"),
]
source = [dict(source_file=SRC, title_zh="湖北唯一!咸宁荣获全国首批禁毒示范城市", title_en="Xianning, Hubei's only city among the first national drug-control demonstration cities",
               publisher="极目新闻", author="蔡青", doc_date="2021-05-07", doc_date_basis="latest event reported (5月7日, the year the first demonstration cities were named, 2021 per the Yongzhou report); the page shows a repost time of 2022-09-28",
               city_adcode=XN, note="web repost with crypto-exchange advertisements at top and bottom, ignored")]
out = {"figures": figures, "seizures": seizures, "cases": cases, "routes": routes, "route_waypoints": waypoints, "demo_sites": demo}
check_quotes(text, out)
write_extract(Path(__file__).resolve().parent, out, source)
