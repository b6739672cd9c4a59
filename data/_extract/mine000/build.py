import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from curation import ROOT, check_quotes, source_text, write_extract  # noqa: E402
SRC = "000_7f621273446b80a9.txt"
text = source_text(SRC)
Y = ("2017-01-01", "2017-12-31", "2017年", "2017")
NOP = ("", "", "", "")
def fig(i, ad, cat, metric, val, q, unit, zh, en, quote, period=NOP, note="", change=("", "", "")):
    return dict(figure_id=f"hy-fig-{i:03d}", adcode=ad, category=cat, metric=metric, value=val, qualifier=q, unit=unit,
                period_start=period[0], period_end=period[1], period_label=period[2], period_label_en=period[3],
                change_value=change[0], change_unit=change[1], change_basis=change[2], label_zh=zh, label_en=en,
                source_file=SRC, quote=quote, note=note)
SPRING_NOTE = ("the body dates these to the Spring Festival travel season (春运期间, no year: presumably early 2017); "
               "the lead paragraph repeats them without a period")
CAMPAIGN_NOTE = "period not stated; results of the 禁毒风暴 campaign announced at the press conference of 2017-07-11"
figures = [
 fig(1, "430400", "enforcement", "drug_cases_solved", 340, "exact", "case", "破获毒品案件", "Drug cases solved", "破获毒品案件340起", note=CAMPAIGN_NOTE),
 fig(2, "430400", "enforcement", "target_cases_solved", 7, "exact", "case", "侦破部、省督毒品目标案件", "Ministry/provincial target cases solved", "其中侦破部、省督毒品目标案件7起", note=CAMPAIGN_NOTE),
 fig(3, "430400", "enforcement", "arrests_and_prosecutions", 646, "exact", "person", "逮捕、直诉", "Arrested or prosecuted directly", "逮捕、直诉646人", note=CAMPAIGN_NOTE),
 fig(4, "430400", "enforcement", "drug_users_found", 3518, "exact", "person", "查获吸毒人员", "Drug users found", "查获吸毒人员3518人", note=CAMPAIGN_NOTE),
 fig(5, "430400", "rehab", "compulsory_isolation_rehab", 1230, "exact", "person", "强制隔离戒毒", "Compulsory isolation rehab", "强制隔离戒毒1230人", note=CAMPAIGN_NOTE),
 fig(6, "430400", "ranking", "province_rank_cases_and_suspects", 1, "exact", "rank", "破案数、抓获犯罪嫌疑人数全省排名", "Provincial rank: cases solved and suspects caught", "缉毒执法破案数、抓获犯罪嫌疑人数量均名列全省第一", note=CAMPAIGN_NOTE),
 fig(7, "430400", "ranking", "province_rank_seizures", 2, "exact", "rank", "缴获毒品数量全省排名", "Provincial rank: quantity of drugs seized", "缴获毒品数量名列全省第二", note=CAMPAIGN_NOTE),
 fig(8, "430400", "education", "school_lecture_events", 300, "plus", "event", "送课进学校活动", "Lectures delivered in schools", "开展送课进学校活动300余场次"),
 fig(9, "430400", "education", "education_events", 498, "exact", "event", "各类禁毒宣传活动", "Drug-awareness events", "春运期间，以返乡农民工为重点，认真抓好禁毒宣传活动，共发放宣传资料30余万份，组织各类宣传活动498场，受教育群众达128万余人", period=("", "", "春运期间", "Spring Festival travel season"), note=SPRING_NOTE),
 fig(10, "430400", "education", "materials_distributed", 300000, "plus", "copy", "发放宣传资料", "Leaflets distributed", "春运期间，以返乡农民工为重点，认真抓好禁毒宣传活动，共发放宣传资料30余万份，组织各类宣传活动498场，受教育群众达128万余人", period=("", "", "春运期间", "Spring Festival travel season"), note=SPRING_NOTE),
 fig(11, "430400", "education", "people_educated", 1280000, "plus", "person", "受教育群众", "People reached", "春运期间，以返乡农民工为重点，认真抓好禁毒宣传活动，共发放宣传资料30余万份，组织各类宣传活动498场，受教育群众达128万余人", period=("", "", "春运期间", "Spring Festival travel season"), note=SPRING_NOTE),
 fig(12, "430426", "outflow", "offenders_caught_in_cooperation", 120, "plus", "person", "协作抓获涉毒人员", "Drug offenders caught with other provinces", "祁东县主动加强与云南、贵州、广东、广西、湖北等主要流入地禁毒部门的联系协作，在情报交流、案件协查、人员审讯及追捕毒贩等方面联动联动，协作抓获涉毒人员120余名", note="the same sentence also appears earlier in the article without the county name"),
 fig(13, "430426", "outflow", "outflow_decline_years", 3, "exact", "other", "外流贩毒人数连续下降年数", "Years in a row outflow trafficking fell", "全县外流贩毒人数连续三年下降，国家禁毒办正式取消了对祁东县的“外流贩毒通报警示”"),
 fig(14, "430400", "enforcement", "target_cases_solved", 13, "exact", "case", "破获部、省督目标案件", "Ministry/provincial target cases solved", "仅去年就破获部、省督目标案件13起", period=("2016-01-01", "2016-12-31", "去年", "last year (2016)")),
 fig(15, "430400", "enforcement", "special_team_officers", 20, "exact", "person", "禁毒特别行动队民警", "Officers in the special anti-drug team", "抽调20名精兵强将成立“禁毒特别行动队”"),
 fig(16, "430400", "enforcement", "drug_offenders_arrested", 145, "exact", "person", "特别行动队抓获涉毒人员", "Drug offenders caught by the special team", "已抓获涉毒人员145名", note="since the special team was set up"),
 fig(17, "430400", "enforcement", "venues_closed", 11, "exact", "venue", "查封关停涉毒娱乐场所", "Entertainment venues closed", "查封关停涉毒娱乐场所11家", note="since the special team was set up"),
 fig(18, "430400", "enforcement", "raid_arrests", 80, "plus", "person", "突击清查某夜总会当场抓获涉毒人员", "Caught in one nightclub raid", "当场抓获涉毒人员80余名"),
 fig(19, "430400", "other", "cooperation_agreements_provinces_cities", 11, "exact", "other", "签订禁毒协作协议的省市", "Provinces and cities with cooperation agreements", "与11个省市、24个县(市)区分别签订了《禁毒工作协作协议》"),
 fig(20, "430400", "other", "cooperation_agreements_counties", 24, "exact", "other", "签订禁毒协作协议的县(市)区", "Counties with cooperation agreements", "与11个省市、24个县(市)区分别签订了《禁毒工作协作协议》"),
 fig(21, "430481", "other", "meeting_participants", 2000, "plus", "person", "整治会参会党政干部", "Officials at the clean-up meeting", "耒阳市召开了2000余名党政干部参加的整治会"),
 fig(22, "430481", "ranking", "national_key_city_rank", 3, "exact", "rank", "整治战果在全国24个重点地市中排名", "Rank among 24 national key cities", "整治战果在全国24个重点地市中排名第三"),
 fig(23, "430400", "rehab", "severe_offenders_admitted", 500, "plus", "person", "公安监管医院收治重症违法犯罪人员", "Severely ill offenders admitted to the police hospital", "共收治重症违法犯罪人员500余人"),
 fig(24, "430400", "rehab", "aids_ward_beds", 160, "exact", "bed", "五病区床位（收治艾滋病违法犯罪人员）", "Beds in the new ward for offenders with AIDS", "今年6月15日，市公安监管中心又增设了一个五病区，设立160张床位", period=("2017-06-15", "2017-06-15", "今年6月15日", "15 June 2017")),
 fig(25, "430481", "rehab", "rehab_centre_capacity", 1000, "exact", "person", "强制隔离戒毒所容量", "Capacity of the compulsory rehab centre", "耒阳市可容纳1000人的强制隔离戒毒所已投入使用"),
 fig(26, "430400", "other", "criminal_cases_change", "", "exact", "percent", "刑事发案同比变化", "Change in criminal cases, year on year", "今年1-6月，全市刑事发案在去年下降30.95%的基础上同比下降10.61%", period=("2017-01-01", "2017-06-30", "今年1-6月", "January-June 2017"), change=(-10.61, "percent", "yoy"), note="the previous year had fallen by 30.95% (hy-fig-038)"),
 fig(27, "430406", "rehab", "users_helped_off_drugs", 121, "exact", "person", "帮助吸毒人员戒毒回归社会", "Drug users helped to quit and return", "成功帮助121名吸毒人员戒毒回归社会", note="雁峰街道 北回归线 community rehab studio"),
 fig(28, "430406", "rehab", "share_of_registered_users_helped", 90, "exact", "percent", "帮扶人数占在册在管人数", "Share of registered users helped", "帮扶人数达到街道在册在管人数的90%"),
 fig(29, "430406", "rehab", "employment_rate", 78.5, "exact", "percent", "就业率", "Employment rate", "就业率达到78.5%"),
 fig(30, "430406", "rehab", "relapse_rate", 10, "at_most", "percent", "复吸率", "Relapse rate", "将复吸率有效控制在10%以内"),
 fig(31, "430400", "education", "lecture_team_experts", 15, "exact", "person", "禁毒知识宣讲团专家", "Experts in the lecture team", "通过遴选的15名禁毒专家组成禁毒知识宣讲团，赴12个县(市)区重点中小学和高校巡回宣讲"),
 fig(32, "430400", "education", "counties_toured", 12, "exact", "other", "宣讲团巡回县(市)区", "Counties toured by the lecture team", "通过遴选的15名禁毒专家组成禁毒知识宣讲团，赴12个县(市)区重点中小学和高校巡回宣讲"),
 fig(33, "430400", "education", "officials_educated", 3000, "plus", "person", "在职干部到戒毒所接受禁毒教育", "Officials educated at the rehab centre", "市禁毒委组织成员单位3000余名在职干部到市强制隔离戒毒所接受禁毒教育"),
 fig(34, "430400", "education", "teachers_trained", 200, "exact", "person", "禁毒教师集中培训", "Teachers trained", "组织200名禁毒教师参加禁毒教育集中培训"),
 fig(35, "430400", "education", "event_participants", 1000, "exact", "person", "“唱响校园”活动师生", "Students and teachers at the school singing event", "6月10日，举办“禁毒之声·唱响健康”之唱响校园活动，1000名师生", period=("2017-06-10", "2017-06-10", "6月10日", "10 June 2017")),
 fig(36, "430400", "education", "event_participants", 1000, "plus", "person", "禁毒健康毅行志愿者", "Volunteers at the anti-drug walk", "来自社会各界1000多名志愿者齐声宣读“禁毒誓言”", period=("2017-06-19", "2017-06-19", "6月19日", "19 June 2017")),
 fig(37, "430400", "education", "event_participants", 10000, "about", "person", "集体诵读禁毒三字经中小学生", "Pupils reciting the anti-drug primer", "6月26日，举办全市万名中小学生“集体诵读禁毒三字经”主题活动", period=("2017-06-26", "2017-06-26", "6月26日", "26 June 2017"), note="万名 read as about ten thousand"),
 fig(38, "430400", "other", "criminal_cases_change", "", "exact", "percent", "刑事发案变化（去年）", "Change in criminal cases, previous year",
     "今年1-6月，全市刑事发案在去年下降30.95%的基础上同比下降10.61%", period=("2016-01-01", "2016-12-31", "去年", "last year (2016)"),
     change=(-30.95, "percent", "yoy"), note="the base of hy-fig-026's fall of 10.61% in January-June 2017; "
     "the text does not say whether the 30.95% is for the whole of 2016 or for its first half"),
]
def sz(i, ad, case, drug, written, qty, q, unit, quote, alt=("", "", ""), period=NOP, note=""):
    return dict(seizure_id=f"hy-sz-{i:03d}", adcode=ad, case_id=case, drug_type=drug, drug_as_written=written, quantity=qty,
                qualifier=q, unit=unit, alt_quantity=alt[0], alt_qualifier=alt[1], alt_unit=alt[2], period_start=period[0],
                period_end=period[1], period_label=period[2], period_label_en=period[3], source_file=SRC, quote=quote, note=note)
M361 = ("2017-03-01", "2017-03-31", "2017年3月", "March 2017")
M410 = ("2017-06-01", "2017-06-30", "2017年6月", "June 2017")
M406 = ("2017-05-15", "2017-05-15", "5月15日", "15 May 2017")
M401 = ("2017-01-01", "2017-01-31", "2017年1月", "January 2017")
seizures = [
 sz(1, "430400", "", "unspecified", "毒品", 143, "exact", "kg", "缴获毒品143公斤", note=CAMPAIGN_NOTE),
 sz(2, "430407", "hy-case-2016-361", "methamphetamine", "冰毒", 2.5, "exact", "kg", "缴获冰毒2.5公斤、麻古12万粒重11.389公斤、海洛因50克", period=M361),
 sz(3, "430407", "hy-case-2016-361", "magu", "麻古", 11.389, "exact", "kg", "缴获冰毒2.5公斤、麻古12万粒重11.389公斤、海洛因50克", alt=(120000, "exact", "tablet"), period=M361),
 sz(4, "430407", "hy-case-2016-361", "heroin", "海洛因", 50, "exact", "g", "缴获冰毒2.5公斤、麻古12万粒重11.389公斤、海洛因50克", period=M361),
 sz(5, "430421", "hy-case-2017-410", "mixed", "冰毒、麻古", 20, "exact", "kg", "现场缴获冰毒、麻古20公斤", period=M410),
 sz(6, "430407", "hy-case-2017-406", "magu", "麻古", 25, "exact", "kg", "缴获毒品麻古42包25万余粒，重25公斤", alt=(250000, "plus", "tablet"), period=M406, note="42 packs; trade value 200多万元"),
 sz(7, "430426", "hy-case-2017-226", "heroin", "海洛因", 21.7, "exact", "kg", "缴获毒品海洛因21.7公斤", note="date not stated; listed among the 2017 禁毒风暴 cases"),
 sz(8, "430482", "hy-case-2017-401", "mixed", "冰毒、麻古", 27, "exact", "kg", "现场缴获冰毒、麻古27公斤", period=M401),
]
def case(cid, num, level, zh, en, ad, period, sus, susq, veh, cash, cashq, cashw, route, quote, note=""):
    return dict(case_id=cid, case_number=num, level=level, name_zh=zh, name_en=en, adcode=ad, period_start=period[0],
                period_end=period[1], period_label=period[2], period_label_en=period[3], suspects=sus, suspects_qualifier=susq,
                vehicles=veh, cash_cny=cash, cash_qualifier=cashq, cash_as_written=cashw, route_id=route, source_file=SRC, quote=quote, note=note)
cases = [
 case("hy-case-2016-361", "2016-361", "ministry_target", "部督“2016-361”特大毒品目标案件", "Ministry target case 2016-361", "430407", M361, 20, "exact", 5, 38600, "exact", "缴获毒资人民币3.86万元、泰珠13.93万元，冻结毒资68万元", "", "该案共抓获犯罪嫌疑人20人，缴获冰毒2.5公斤、麻古12万粒重11.389公斤、海洛因50克。缴获毒资人民币3.86万元、泰珠13.93万元，冻结毒资68万元，扣押涉案车辆5台", note="city narcotics detachment with the Shigu (石鼓) branch; 泰珠 (Thai baht) and frozen funds kept as written"),
 case("hy-case-2017-410", "2017-410", "provincial_target", "省督“2017-410”特大毒品目标案件", "Provincial target case 2017-410", "430421", M410, 12, "exact", 5, 20000, "plus", "毒资2万余元", "hy-route-03", "该案共抓获涉案嫌疑人12名，现场缴获冰毒、麻古20公斤，毒资2万余元，运输毒品车辆5台", note="with the Hengyang County (衡阳县) police"),
 case("hy-case-2017-406", "2017-406", "provincial_target", "省督“2017-406”特大毒品目标案件", "Provincial target case 2017-406", "430407", M406, 5, "exact", 2, 60000, "plus", "毒资6万余元", "", "共抓获主要涉案人员5名，缴获毒品麻古42包25万余粒，重25公斤，交易价值200多万元，同时缴获毒资6万余元，作案小车2台", note="Shigu (石鼓) branch; suspects and goods brought back from Myanmar (从缅甸押回)"),
 case("hy-case-2017-226", "2017-226", "other", "“2017-226”特大贩卖运输毒品案", "Major trafficking case 2017-226", "430426", NOP, "", "", 1, 350000, "plus", "毒资35万余元", "hy-route-04", "缴获毒品海洛因21.7公斤、毒资35万余元、运输毒品车辆1台", note="network led by people from 祁东 (Qidong), with the Qidong police; number of suspects not stated"),
 case("hy-case-2017-401", "2017-401", "provincial_target", "省督“2017-401”易某贩毒案", "Provincial target case 2017-401", "430482", M401, 19, "exact", 5, 120000, "plus", "毒资12万余元", "hy-route-05", "该案共抓获涉案嫌疑人19名，现场缴获冰毒、麻古27公斤、毒资12万余元、运输毒品车辆5台", note="with the Changning (常宁市) police"),
]
routes = [
 dict(route_id="hy-route-01", name_zh="广东→湖南（2016-361案）", name_en="Guangdong → Hunan (case 2016-361)", drug_type="mixed", case_id="hy-case-2016-361", source_file=SRC, quote="斩断了从广东、云南往湖南输送毒品的通道", note="one channel with two origins in the text; drawn as two routes"),
 dict(route_id="hy-route-02", name_zh="云南→湖南（2016-361案）", name_en="Yunnan → Hunan (case 2016-361)", drug_type="mixed", case_id="hy-case-2016-361", source_file=SRC, quote="斩断了从广东、云南往湖南输送毒品的通道", note="one channel with two origins in the text; drawn as two routes"),
 dict(route_id="hy-route-03", name_zh="广东→深圳→衡阳（2017-410案）", name_en="Guangdong → Shenzhen → Hengyang (case 2017-410)", drug_type="mixed", case_id="hy-case-2017-410", source_file=SRC, quote="斩断一条从广东经深圳到湖南衡阳的运输、贩卖毒品通道", note=""),
 dict(route_id="hy-route-04", name_zh="缅甸→云南→衡阳（2017-226案）", name_en="Myanmar → Yunnan → Hengyang (case 2017-226)", drug_type="heroin", case_id="hy-case-2017-226", source_file=SRC, quote="斩断了一条从缅甸经云南到湖南衡阳的运输、贩卖毒品通道", note=""),
 dict(route_id="hy-route-05", name_zh="广州→祁东、衡阳（2017-401案）", name_en="Guangzhou → Qidong, Hengyang (case 2017-401)", drug_type="mixed", case_id="hy-case-2017-401", source_file=SRC, quote="斩断一条从广州到湖南祁东、衡阳贩卖毒品通道", note="the text names two destinations; drawn through Qidong to Hengyang city"),
]
def wp(r, seq, ref, role, written, note=""):
    return dict(route_id=r, seq=seq, place_ref=ref, role=role, as_written=written, note=note)
waypoints = [
 wp("hy-route-01", 1, "440000", "origin", "广东"), wp("hy-route-01", 2, "430000", "destination", "湖南", "province-level destination as written"),
 wp("hy-route-02", 1, "530000", "origin", "云南"), wp("hy-route-02", 2, "430000", "destination", "湖南", "province-level destination as written"),
 wp("hy-route-03", 1, "440000", "origin", "广东"), wp("hy-route-03", 2, "440300", "transit", "深圳"), wp("hy-route-03", 3, "430400", "destination", "湖南衡阳"),
 wp("hy-route-04", 1, "MMR", "origin", "缅甸"), wp("hy-route-04", 2, "530000", "transit", "云南"), wp("hy-route-04", 3, "430400", "destination", "湖南衡阳"),
 wp("hy-route-05", 1, "440100", "origin", "广州"), wp("hy-route-05", 2, "430426", "transit", "湖南祁东", "listed as a destination together with 衡阳"), wp("hy-route-05", 3, "430400", "destination", "衡阳"),
]
checkpoints = [
 dict(checkpoint_id="hy-cp-01", name_zh="衡阳驻广东缉毒工作站", name_en="Hengyang narcotics work station in Guangdong", kind="work_station_out_of_province", adcode="440000", lon="", lat="", precision="", coord_method="", period_label="", source_file=SRC, quote="采取在广东、云南等相关省市建立缉毒工作站", note="the text names the provinces only (等: there may be more); name describes, not quotes"),
 dict(checkpoint_id="hy-cp-02", name_zh="衡阳驻云南缉毒工作站", name_en="Hengyang narcotics work station in Yunnan", kind="work_station_out_of_province", adcode="530000", lon="", lat="", precision="", coord_method="", period_label="", source_file=SRC, quote="采取在广东、云南等相关省市建立缉毒工作站", note="the text names the provinces only (等: there may be more); name describes, not quotes"),
]
demo = [
 dict(record_id="hy-demo-01", adcode="430406", category="rehab_workstation", level="unspecified", count=7, qualifier="exact", period_label="", period_label_en="", label_zh="社区帮扶工作室", source_file=SRC, quote="在下辖的7个社区成立帮扶工作室", note="雁峰街道"),
]
source = [dict(source_file=SRC, title_zh="治安先治毒 查毒无禁区——衡阳“禁毒风暴”进行时", title_en="Hengyang's 'Anti-Drug Storm' campaign", publisher="", author="姚永军、王倩雯", doc_date="2017-07-11", doc_date_basis="press conference of 7月11日 reported in the article; year from the 2017 case numbers and the 2016 awards", city_adcode="430400", note="newspaper report")]
out = {"figures": figures, "seizures": seizures, "cases": cases, "routes": routes, "route_waypoints": waypoints,
       "checkpoints": checkpoints, "demo_sites": demo, "places": []}
check_quotes(text, out)
write_extract(Path(__file__).resolve().parent, out, source)
