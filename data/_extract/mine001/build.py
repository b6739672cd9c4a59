import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from curation import ROOT, check_quotes, source_text, write_extract  # noqa: E402
import shapely
from shapely.geometry import shape
SRC = "001_e1edde249d5ac0e5.txt"
text = source_text(SRC)
NOP = ("", "", "", "")
SINCE18 = ("2018-01-01", "2021-06-25", "2018年以来", "since 2018")
TO_NOW18 = ("2018-01-01", "2021-06-25", "2018年至今", "2018 to date")
RECENT = ("", "", "近年来", "in recent years")
Y2020 = ("2020-01-01", "2020-12-31", "2020年", "2020")
n = {"fig": 0, "sz": 0, "demo": 0}
def nid(kind):
    n[kind] += 1
    return f"yz-{kind}-{n[kind]:03d}"
def F(ad, cat, metric, val, q, unit, zh, en, quote, period=NOP, change=("", "", ""), note=""):
    return dict(figure_id=nid("fig"), adcode=ad, category=cat, metric=metric, value=val, qualifier=q, unit=unit,
                period_start=period[0], period_end=period[1], period_label=period[2], period_label_en=period[3],
                change_value=change[0], change_unit=change[1], change_basis=change[2], label_zh=zh, label_en=en,
                source_file=SRC, quote=quote, note=note)
def S(ad, drug, written, qty, q, unit, quote, period=NOP, note=""):
    return dict(seizure_id=nid("sz"), adcode=ad, case_id="", drug_type=drug, drug_as_written=written, quantity=qty, qualifier=q,
                unit=unit, period_start=period[0], period_end=period[1], period_label=period[2], period_label_en=period[3],
                source_file=SRC, quote=quote, note=note)
def D(ad, cat, level, count, q, zh, quote, period=NOP, note=""):
    return dict(record_id=nid("demo"), adcode=ad, category=cat, level=level, count=count, qualifier=q, period_label=period[2],
                period_label_en=period[3], label_zh=zh, source_file=SRC, quote=quote, note=note)
YZ, LL, LST, DA, QY, SP, NY = "431100", "431102", "431103", "431122", "431121", "431123", "431126"
q_enf = "永州公安共侦破毒品刑事案件1588起,其中,侦破毒品目标案件10起、省督毒品目标案件34起,刑事拘留毒品犯罪嫌疑人2387人,缴获各类毒品320.5公斤"
q_cp = "2018年至今,于家公安检查站通过公开查缉,堵源截流查处重大运输、贩卖毒品案2起,抓获毒品犯罪嫌疑人10人,缴获毒品冰毒30公斤,制毒物品邻酮"
q_demo = "2018年以来,永州共建成禁毒示范学校39所,禁毒示范乡镇(街道)35个,禁毒示范村(社区)38个,社区戒毒康复示范点22个,毒品预防教育示范中心19家,建设禁毒主题公园3个"
q_ll = "2018年至今,该区共办理涉毒刑事案件191起,刑事拘留247人,移送起诉261人,缴获各类毒品45公斤,制毒物品45公斤;办理涉毒行政案件427起,行政处罚496人,强戒171人,社区戒毒130人,社区康复68人"
ENF_NOTE = "period written only as 近年来 (in recent years)"
q_awards = "永州市9家单位获评全省禁毒工作先进集体,8名个人获评全省禁毒工作先进个人"
JUNE16 = ("2021-06-16", "2021-06-16", "6月16日", "16 June 2021")
AWARDS_NOTE = "awarded at the Hunan drug-control conference in Changsha (新时代湖南禁毒人民战争部署大会); 数量居全省前列 (among the most in the province)"
figures = [
 F(YZ, "other", "drugs_destroyed", 800, "plus", "kg", "公开销毁毒品", "Drugs destroyed in public", "集中销毁毒品800余公斤", ("2021-06-25", "2021-06-25", "2021年6月25日", "25 June 2021")),
 F(YZ, "other", "drug_control_staff_per_township", 2, "plus", "person", "乡镇(街道)禁毒专干", "Drug-control officers per township", "乡镇(街道)均配备2名以上禁毒专干"),
 F(YZ, "other", "drug_control_funding", 250000000, "exact", "yuan", "市、县两级财政禁毒工作经费", "Drug-control funding (city and county budgets)", "2018年以来,市、县两级财政先后投入禁毒工作经费2.5亿元", SINCE18),
 F(YZ, "other", "counties_under_remediation", 6, "exact", "other", "分类挂牌整治县", "Counties placed under remediation", "2018年以来,永州市先后对6个县、76个乡镇(街道)分类挂牌整治", SINCE18),
 F(YZ, "other", "townships_under_remediation", 76, "exact", "other", "分类挂牌整治乡镇(街道)", "Townships placed under remediation", "2018年以来,永州市先后对6个县、76个乡镇(街道)分类挂牌整治", SINCE18),
 F(YZ, "other", "officials_held_accountable", 22, "exact", "person", "追究禁毒工作责任", "Officials held accountable", "对22人追究禁毒工作责任,其中,撤职5人、降级2人、诫勉谈话15人", SINCE18, note="撤职5人、降级2人、诫勉谈话15人"),
 F(YZ, "enforcement", "drug_criminal_cases_solved", 1588, "exact", "case", "侦破毒品刑事案件", "Drug criminal cases solved", q_enf, RECENT, note=ENF_NOTE),
 F(YZ, "enforcement", "target_cases_solved", 10, "exact", "case", "侦破毒品目标案件", "Drug target cases solved", q_enf, RECENT, note=ENF_NOTE + "; level not stated (listed beside the 34 provincial ones)"),
 F(YZ, "enforcement", "provincial_target_cases_solved", 34, "exact", "case", "侦破省督毒品目标案件", "Provincial target cases solved", q_enf, RECENT, note=ENF_NOTE),
 F(YZ, "enforcement", "criminal_detentions", 2387, "exact", "person", "刑事拘留毒品犯罪嫌疑人", "Suspects in criminal detention", q_enf, RECENT, note=ENF_NOTE),
 F(YZ, "ranking", "province_rank_enforcement_years_top2", 3, "exact", "other", "缉毒执法连续稳居全省前2名（年数）", "Years in a row in the province's top 2 for enforcement", "全市缉毒执法工作连续3年稳居湖南省前2名"),
 F(YZ, "enforcement", "share_of_seizures_traced_to_source", 30, "about", "percent", "追溯至源头的缴获毒品占比", "Share of seizures traced back to the source", "2020年以来,全市公安机关累计缴获的毒品总量当中,有近30%是永州公安追溯至源头的打击成果", ("2020-01-01", "2021-06-25", "2020年以来", "since 2020")),
 F(YZ, "other", "cooperation_agreement_cities", 36, "exact", "other", "签署禁毒警务合作协议的地级市", "Prefecture cities with police cooperation agreements", "与广东、广西、云南等省、自治区36个地级市签署禁毒警务合作协议"),
 F(YZ, "outflow", "outflow_traffickers_caught_elsewhere", "", "exact", "person", "被外省公安机关抓获的外流贩毒人员", "Outflow traffickers caught by other provinces", "全市被外省公安机关抓获的外流贩毒人员连续3年大幅下降,其中,2020年较上年同比下降64.3%", Y2020, ("-64.3", "percent", "yoy"), note="fell sharply three years in a row"),
 F(YZ, "checkpoint", "checkpoints", 23, "exact", "site", "新建和改建公安检查站", "Police checkpoints built or rebuilt", "新建和改建23个公安检查站", RECENT),
 F(LL, "checkpoint", "checkpoint_major_cases", 2, "exact", "case", "于家（千家）公安检查站查处重大运输、贩卖毒品案", "Major trafficking cases at the Yujia (Qianjia) checkpoint", q_cp, TO_NOW18),
 F(LL, "checkpoint", "checkpoint_suspects", 10, "exact", "person", "于家（千家）公安检查站抓获毒品犯罪嫌疑人", "Suspects caught at the Yujia (Qianjia) checkpoint", q_cp, TO_NOW18),
 F(LL, "checkpoint", "checkpoint_vehicles_checked", 500, "exact", "other", "检查站检查车辆（台次）", "Vehicles checked at the checkpoint", "共检查各类车辆500台次,各类人员1000余人次", TO_NOW18),
 F(LL, "checkpoint", "checkpoint_people_checked", 1000, "plus", "person", "检查站检查人员（人次）", "People checked at the checkpoint", "共检查各类车辆500台次,各类人员1000余人次", TO_NOW18),
 F(LL, "checkpoint", "checkpoint_cash_seized", 3000000, "plus", "yuan", "检查站拦截车辆缴获毒资", "Cash seized with the intercepted vehicle", "2018年8月14日,一辆运有30公斤冰毒的车辆在此被成功拦截,公安人员缴获毒资300余万元", ("2018-08-14", "2018-08-14", "2018年8月14日", "14 August 2018")),
 F(YZ, "education", "training_sessions", 1500, "plus", "event", "禁毒专题培训", "Drug-control training sessions", "开展禁毒专题培训1500余场次,举办各类禁毒宣传活动3000余场次,发放各类禁毒宣传资料300余万份", SINCE18),
 F(YZ, "education", "education_events", 3000, "plus", "event", "各类禁毒宣传活动", "Drug-awareness events", "开展禁毒专题培训1500余场次,举办各类禁毒宣传活动3000余场次,发放各类禁毒宣传资料300余万份", SINCE18),
 F(YZ, "education", "materials_distributed", 3000000, "plus", "copy", "发放禁毒宣传资料", "Leaflets distributed", "开展禁毒专题培训1500余场次,举办各类禁毒宣传活动3000余场次,发放各类禁毒宣传资料300余万份", SINCE18),
 F(YZ, "education", "digital_platform_rates", 100, "exact", "percent", "中小学接入率、注册率、课时完成率、参考率", "School take-up of the national drug-education platform", "接入率、注册率、课时完成率、参考率均达到100%"),
 F(YZ, "rehab", "abstinent_3y_annual_growth", 36.1, "exact", "percent", "戒断3年未复吸人员年均增幅", "Average yearly growth of people abstinent 3 years", "2018年以来,永州戒断3年未复吸人员年均增幅达36.1%", SINCE18),
 F(YZ, "rehab", "community_rehab_execution_rate", 99.9, "exact", "percent", "社区戒毒康复执行率", "Community rehab execution rate", "全市社区戒毒康复执行率达99.9%"),
 F(YZ, "rehab", "ill_users_admission_rate", 100, "exact", "percent", "病残戒毒人员收治率", "Admission rate of ill or disabled users", "病残戒毒人员收治率100%"),
 F(YZ, "rehab", "grid_management_rate", 100, "exact", "percent", "社区戒毒人员纳入城乡网格管控率", "Community-rehab users under grid management", "社区戒毒人员纳入城乡网格管控率100%"),
 F(YZ, "rehab", "voluntary_rehab_departments", 4, "exact", "site", "自愿戒毒医疗科室", "Voluntary rehab medical departments", "建立自愿戒毒医疗科室4个、美沙酮维持治疗门诊3家,涉毒特殊人群救治中心1个"),
 F(YZ, "rehab", "methadone_clinics", 3, "exact", "site", "美沙酮维持治疗门诊", "Methadone maintenance clinics", "建立自愿戒毒医疗科室4个、美沙酮维持治疗门诊3家,涉毒特殊人群救治中心1个"),
 F(YZ, "rehab", "special_treatment_centres", 1, "exact", "site", "涉毒特殊人群救治中心", "Treatment centre for special groups", "建立自愿戒毒医疗科室4个、美沙酮维持治疗门诊3家,涉毒特殊人群救治中心1个"),
 F(LST, "rehab", "grid_management_rate", 100, "exact", "percent", "社会面吸毒人员纳入网格管控率", "Drug users under grid management", "该区社会面吸毒人员纳入网格管控率100%"),
 F(LST, "rehab", "community_rehab_execution_rate", 99, "exact", "percent", "社区戒毒社区康复人员报到率、执行率", "Reporting and execution rate of community rehab", "社区戒毒社区康复人员报到率、执行率达99%"),
 F(LST, "other", "drug_control_staff", 107, "exact", "person", "禁毒专(兼)人员", "Drug-control staff (full or part time)", "全区20个乡镇(街道)明确了107名禁毒专(兼)人员、210名社区(村)联络员"),
 F(LST, "other", "community_liaisons", 210, "exact", "person", "社区(村)联络员", "Community liaisons", "全区20个乡镇(街道)明确了107名禁毒专(兼)人员、210名社区(村)联络员"),
 F(LST, "rehab", "rehab_people_employed", 27, "exact", "person", "帮助社区戒毒(康复)人员就业", "Community-rehab people helped into work", "累计帮助27名社区戒毒(康复)人员就业,鼓励7位社区戒毒人员进行创业", SINCE18),
 F(LST, "rehab", "rehab_people_started_business", 7, "exact", "person", "社区戒毒人员创业", "Community-rehab people who started a business", "累计帮助27名社区戒毒(康复)人员就业,鼓励7位社区戒毒人员进行创业", SINCE18),
 F(LST, "rehab", "poor_drug_affected_lifted", 109, "exact", "person", "建档立卡涉毒贫困人口脱贫", "Registered poor drug-affected people lifted out of poverty", "2020年全区109名建档立卡涉毒贫困人口全部脱贫", Y2020),
 F(LL, "enforcement", "drug_criminal_cases", 191, "exact", "case", "涉毒刑事案件", "Drug criminal cases", q_ll, TO_NOW18),
 F(LL, "enforcement", "criminal_detentions", 247, "exact", "person", "刑事拘留", "Criminal detentions", q_ll, TO_NOW18),
 F(LL, "enforcement", "referred_for_prosecution", 261, "exact", "person", "移送起诉", "Referred for prosecution", q_ll, TO_NOW18),
 F(LL, "enforcement", "administrative_cases", 427, "exact", "case", "涉毒行政案件", "Drug administrative cases", q_ll, TO_NOW18),
 F(LL, "enforcement", "administrative_penalties", 496, "exact", "person", "行政处罚", "Administrative penalties", q_ll, TO_NOW18),
 F(LL, "rehab", "compulsory_isolation_rehab", 171, "exact", "person", "强戒", "Compulsory isolation rehab", q_ll, TO_NOW18),
 F(LL, "rehab", "community_rehab", 130, "exact", "person", "社区戒毒", "Community rehab", q_ll, TO_NOW18),
 F(LL, "rehab", "community_recovery", 68, "exact", "person", "社区康复", "Community recovery", q_ll, TO_NOW18),
 F(DA, "education", "education_base_investment", 2000000, "plus", "yuan", "科技禁毒教育基地投入", "Investment in the drug-education base", "东安县财政投入200多万元打造科技禁毒教育基地,建成8间主题宣教室"),
 F(DA, "education", "school_broadcast_stations", 32, "exact", "site", "设立禁毒广播站的中、小学校", "Schools with anti-drug radio stations", "32所中、小学校设立共青团(红领巾)禁毒广播站"),
 F(DA, "education", "schools_visited_base", 69, "exact", "site", "参观禁毒教育基地的学校（100%）", "Schools that visited the education base (100%)", "全县69所学校100%参观禁毒教育基地"),
 F(DA, "rehab", "new_users_decline_years", 5, "exact", "other", "新发现吸毒人员连续下降年数", "Years in a row newly found users fell", "东安县新发现吸毒人员连续5年下降"),
 F(DA, "rehab", "abstinent_3y", "", "exact", "person", "戒断3年未复吸人员", "People abstinent 3 years", "2020年戒断3年未复吸人员同比上升16.8%", Y2020, ("16.8", "percent", "yoy")),
 F(DA, "education", "satisfaction_and_awareness", 98, "exact", "percent", "群众禁毒工作满意度和禁毒知识知晓率", "Public satisfaction and drug awareness", "群众禁毒工作满意度和禁毒知识知晓率达98%"),
 F(DA, "education", "event_participants", 1000, "plus", "person", "禁毒主题游戏活动参与群众", "People at the anti-drug games evening", "东安县一场禁毒主题游戏活动在和谐广场举行,参与群众上千人", ("2021-06-20", "2021-06-20", "6月20日", "20 June 2021"), note="上千人 read as 1000+"),
 F(QY, "outflow", "outflow_propaganda_teams", 22, "exact", "other", "赴云南、广东等省打击外流贩毒宣传小分队", "Teams sent to Yunnan, Guangdong etc. against outflow trafficking", "我们组建了22支赴云南、广东等省打击外流贩毒宣传小分队", SINCE18),
 F(QY, "outflow", "outflow_traffickers", "", "exact", "person", "外流贩毒人数", "Outflow traffickers", "2020年,祁阳外流贩毒人数较2018年下降75.4%", Y2020, ("-75.4", "percent", "vs_earlier"), note="compared with 2018"),
 F(QY, "enforcement", "precursor_companies_controlled", 46, "exact", "other", "落实管控的易制毒化学品企业", "Precursor-chemical companies under control", "全县46家易制毒化学品企业悉数落实管控举措"),
 F(SP, "rehab", "app_adoption", 90, "exact", "percent", "吸毒人员安装使用洮泊家园APP", "Drug users using the Taobo Home app", "全县90%吸毒人员已经安装并使用APP"),
 F(NY, "outflow", "outflow_traffickers", 105, "exact", "person", "外流贩毒人数", "Outflow traffickers", "2015年105人,2021年前5个月仅3人", ("2015-01-01", "2015-12-31", "2015年", "2015")),
 F(NY, "outflow", "outflow_traffickers", 3, "exact", "person", "外流贩毒人数", "Outflow traffickers", "2015年105人,2021年前5个月仅3人", ("2021-01-01", "2021-05-31", "2021年前5个月", "first 5 months of 2021")),
 F(NY, "other", "migrant_workers", 300000, "plus", "person", "常年外出务工人员", "People working away from home", "常年外出务工人员多达30余万"),
 F(NY, "ranking", "city_rank_demo_creation", 1, "exact", "rank", "创建禁毒示范城市暨“三年禁毒大行动”考核全市排名", "City rank in the demonstration-city assessment", "2020年宁远县创建禁毒示范城市暨“三年禁毒大行动”考核排名全市第一", Y2020),
 F(YZ, "ranking", "province_rank_satisfaction_years_top2", 6, "exact", "other", "禁毒工作群众满意度调查连续排名全省前两位（年数）",
   "Years in a row in the province's top 2 for public satisfaction", "永州的禁毒工作群众满意度调查已连续6年排名全省前两位"),
 F(YZ, "ranking", "province_advanced_city_years", 5, "exact", "other", "连续获评湖南省禁毒工作先进市州（年数）",
   "Years in a row named an advanced city in Hunan's drug control", "永州已连续5年获评湖南省禁毒\n\n工作先进市州", note="the quote spans a page break"),
 F(YZ, "ranking", "province_advanced_collectives", 9, "exact", "other", "获评全省禁毒工作先进集体的单位",
   "Units named provincial advanced collectives", q_awards, JUNE16, note=AWARDS_NOTE),
 F(YZ, "ranking", "province_advanced_individuals", 8, "exact", "person", "获评全省禁毒工作先进个人",
   "People named provincial advanced individuals", q_awards, JUNE16, note=AWARDS_NOTE),
]
seizures = [
 S(YZ, "unspecified", "各类毒品", 320.5, "exact", "kg", q_enf, RECENT, ENF_NOTE),
 S(LL, "methamphetamine", "冰毒", 30, "exact", "kg", q_cp, TO_NOW18, "at the Yujia (于家, also written 千家) G322 checkpoint"),
 S(LL, "precursor", "制毒物品邻酮", 22.5, "exact", "kg", "制毒物品邻酮\n\n22.5公斤", TO_NOW18, "at the Yujia (于家, also written 千家) G322 checkpoint; the quote spans a page break"),
 S(LL, "methamphetamine", "冰毒", 30, "exact", "kg", "2018年8月14日,一辆运有30公斤冰毒的车辆在此被成功拦截", ("2018-08-14", "2018-08-14", "2018年8月14日", "14 August 2018"), "one interception at the Qianjia checkpoint; probably part of the 2018年至今 total of 30 kg"),
 S(LL, "precursor", "毒品原料", 20, "plus", "kg", "2019年7月25日,据柳州警方提供线索,该站成功拦截一辆装有20余公斤毒品原料的小车", ("2019-07-25", "2019-07-25", "2019年7月25日", "25 July 2019"), "毒品原料 (drug raw material)"),
 S(LL, "unspecified", "各类毒品", 45, "exact", "kg", q_ll, TO_NOW18),
 S(LL, "precursor", "制毒物品", 45, "exact", "kg", q_ll, TO_NOW18),
]
demo = [
 D(YZ, "school", "unspecified", 39, "exact", "禁毒示范学校", q_demo, SINCE18),
 D(YZ, "town", "unspecified", 35, "exact", "禁毒示范乡镇(街道)", q_demo, SINCE18),
 D(YZ, "village", "unspecified", 38, "exact", "禁毒示范村(社区)", q_demo, SINCE18),
 D(YZ, "rehab_point", "unspecified", 22, "exact", "社区戒毒康复示范点", q_demo, SINCE18),
 D(YZ, "education_centre", "unspecified", 19, "exact", "毒品预防教育示范中心", q_demo, SINCE18),
 D(YZ, "theme_park", "unspecified", 3, "exact", "禁毒主题公园", q_demo, SINCE18),
 D(YZ, "rehab_workstation", "unspecified", 185, "exact", "社区戒毒康复工作站", "在全市各乡镇(街道)建立社区戒毒康复工作站185个", RECENT, "workstations in every township; not designated demonstration sites"),
 D(DA, "unit", "city", 17, "exact", "市级禁毒示范点", "17家单位成功创建市级禁毒示范点"),
 D(DA, "education_centre", "unspecified", 1, "exact", "禁毒教育基地（崇德学校）", "东安县禁毒教育基地就设在该县崇德学校内"),
 D(SP, "education_centre", "unspecified", 1, "exact", "村级禁毒教育基地", "在双牌,率先成立全市首个村级禁毒教育基地", note="the city's first village-level base"),
 D(LL, "theme_park", "unspecified", 1, "exact", "禁毒主题公园（沙湾湾社区）", "一个设有禁毒精神堡垒、禁毒主题标识牌、禁毒花草牌等元素的禁毒主题公园在沙湾湾社区建成"),
 D(YZ, "city", "national", 1, "exact", "首批“全国禁毒示范城市”", "2021年4月成功创建首批“全国禁毒示范城市”", ("", "", "2021年4月", "April 2021"),
   "named in the first batch of national drug-control demonstration cities; the lead also says 时间再往前推两个月,永州市被命名为首批“全国禁毒示范城市”"),
]
# The G322 checkpoint: the text puts it on the Hunan–Guangxi border in 零陵区; no coordinate is given.
counties = {f["properties"]["adcode"]: shape(f["geometry"]) for f in json.load(open(ROOT / "data/boundaries/counties.geojson"))["features"]}
provinces = {f["properties"]["adcode"]: shape(f["geometry"]) for f in json.load(open(ROOT / "data/boundaries/provinces.geojson"))["features"]}
border = counties[LL].boundary.intersection(provinces["450000"].buffer(0.01))
pt = shapely.line_interpolate_point(shapely.line_merge(border) if border.geom_type == "MultiLineString" else border, 0.5, normalized=True) if not border.is_empty else counties[LL].centroid
checkpoints = [
 dict(checkpoint_id="yz-cp-01", name_zh="千家（于家）省际公安检查站", name_en="Qianjia (Yujia) interprovincial police checkpoint", kind="interprovincial_checkpoint", adcode=LL,
      lon=round(pt.x, 4), lat=round(pt.y, 4), precision="approximate",
      coord_method="approximate: midpoint of the 零陵区–Guangxi boundary in the bundled boundaries; the text places the checkpoint on National Road 322 where Hunan meets Guangxi",
      period_label="2018年至今", source_file=SRC, quote="在湖南连接广西的322国道上,有一个打击违法犯罪、维护社会治安的“桥头堡”“过滤器”——千家公安检查站",
      note="the report calls it 千家 in the 零陵区 section and 于家 (also 省际于家公安检查站) elsewhere; kept as one checkpoint. Results: 2 major cases, 10 suspects, 30 kg ice, 22.5 kg precursor since 2018"),
 dict(checkpoint_id="yz-cp-02", name_zh="文富市镇市级毒品查缉站", name_en="Wenfushi town drug inspection station", kind="inspection_station", adcode=QY,
      lon="", lat="", precision="approximate", coord_method="", period_label="", source_file=SRC,
      quote="在祁阳与衡阳交界的文富市镇,建有一个市级毒品查缉站", note="town on the Qiyang–Hengyang border; shown at the county centroid"),
 dict(checkpoint_id="yz-cp-03", name_zh="永州驻滇工作站", name_en="Yongzhou work station in Yunnan", kind="work_station_out_of_province", adcode="530000",
      lon="", lat="", precision="", coord_method="", period_label="", source_file=SRC, quote="并建立驻滇、驻粤工作站", note="province only"),
 dict(checkpoint_id="yz-cp-04", name_zh="永州驻粤工作站", name_en="Yongzhou work station in Guangdong", kind="work_station_out_of_province", adcode="440000",
      lon="", lat="", precision="", coord_method="", period_label="", source_file=SRC, quote="并建立驻滇、驻粤工作站", note="province only"),
]
source = [dict(source_file=SRC, title_zh="健全毒品治理体系 筑牢全民禁毒防线——解码永州市创建全国禁毒示范城市工作", title_en="Yongzhou: building the first national drug-control demonstration city", publisher="", author="朱庆军", doc_date="2021-06-25", doc_date_basis="latest event reported (2021年6月25日上午 public destruction of drugs); figures up to 2021年前5个月", city_adcode=YZ, note="newspaper feature with per-county sections")]
out = {"figures": figures, "seizures": seizures, "demo_sites": demo, "checkpoints": checkpoints}
check_quotes(text, out)
write_extract(Path(__file__).resolve().parent, out, source)
