import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from curation import ROOT, check_quotes, source_text, write_extract  # noqa: E402
from pypinyin import lazy_pinyin  # noqa: E402
SRC = "003_d1ccdd4e761ae446.txt"
text = source_text(SRC)
HYX = "430421"
Y2017 = ("2017-01-01", "2017-12-31", "2017年", "2017")
q133 = "2017年我县被通报抓获外流贩毒人员为133人，居全国第九、全省第一、全市第一"
def F(i, metric, val, q, unit, zh, en, quote, period=("", "", "", ""), cat="outflow", note=""):
    return dict(figure_id=f"hyx-fig-{i:03d}", adcode=HYX, category=cat, metric=metric, value=val, qualifier=q, unit=unit,
                period_start=period[0], period_end=period[1], period_label=period[2], period_label_en=period[3],
                label_zh=zh, label_en=en, source_file=SRC, quote=quote, note=note)
figures = [
 F(1, "outflow_traffickers_caught", 133, "exact", "person", "被通报抓获外流贩毒人员", "Outflow traffickers caught (national notice)", q133, Y2017, note="from the national notice of 2018-02-14 listing 130 counties"),
 F(2, "national_rank_outflow", 9, "exact", "rank", "外流贩毒人员数全国排名", "National rank by outflow traffickers caught", q133, Y2017, cat="ranking"),
 F(3, "province_rank_outflow", 1, "exact", "rank", "外流贩毒人员数全省排名", "Provincial rank by outflow traffickers caught", q133, Y2017, cat="ranking"),
 F(4, "city_rank_outflow", 1, "exact", "rank", "外流贩毒人员数全市排名", "City rank by outflow traffickers caught", q133, Y2017, cat="ranking"),
 F(5, "counties_in_national_notice", 130, "exact", "other", "国家禁毒办通报外流贩毒人员较多的县市区", "Counties in the national outflow notice", "公布了被抓获外流贩毒人员绝对数比较多的130个县市区", ("2018-02-14", "2018-02-14", "2018年2月14日", "14 February 2018"), cat="other", note="national figure quoted in the county plan"),
 F(6, "info_officers_per_township", 1, "plus", "person", "每个乡镇负责外流贩毒信息的专人", "Information officers per township (at least)", "每个乡镇要至少明确1名专人负责采集信息汇总", cat="other", note="至少 (at least) kept as 1+"),
]
towns = "洪市镇、大安乡、西渡镇、金兰镇、库宗桥镇、金溪镇、曲兰镇、三湖镇、集兵镇、关市镇、界牌镇、台源镇、岘山镇、井头镇、石市镇".split("、")
qt = "特别是洪市镇、大安乡、西渡镇、金兰镇、库宗桥镇、金溪镇、曲兰镇、三湖镇、集兵镇、关市镇、界牌镇、台源镇、岘山镇、井头镇、石市镇等外流贩毒问题比较突出的乡镇"
def en(name):
    stem, kind = name[:-1], {"镇": "Town", "乡": "Township"}[name[-1]]
    return "".join(lazy_pinyin(stem)).capitalize() + f" {kind}"
places = [dict(place_id=f"hyx-pl-{i:02d}", name_zh=t, name_en=en(t), kind="town", adcode=HYX, lon="", lat="", precision="county_centroid",
               coord_method="", source_file=SRC, quote=qt, note="key outflow-trafficking town named in the plan; no coordinate in the text, shown at the county centroid")
          for i, t in enumerate(towns, start=1)]
qd = "二是要在我县外出务工人员主要流向地（广东），外流贩毒人员流向比较集中的地区（广东、云南）"
routes = [
 dict(route_id="hyx-route-01", name_zh="衡阳县外流贩毒人员流向：广东", name_en="Hengyang County outflow traffickers → Guangdong", drug_type="unspecified", case_id="", source_file=SRC, quote=qd, note="where outflow traffickers concentrate, per the plan; not a single shipment"),
 dict(route_id="hyx-route-02", name_zh="衡阳县外流贩毒人员流向：云南", name_en="Hengyang County outflow traffickers → Yunnan", drug_type="unspecified", case_id="", source_file=SRC, quote=qd, note="where outflow traffickers concentrate, per the plan; not a single shipment"),
]
waypoints = [
 dict(route_id="hyx-route-01", seq=1, place_ref=HYX, role="origin", as_written="我县"), dict(route_id="hyx-route-01", seq=2, place_ref="440000", role="destination", as_written="广东"),
 dict(route_id="hyx-route-02", seq=1, place_ref=HYX, role="origin", as_written="我县"), dict(route_id="hyx-route-02", seq=2, place_ref="530000", role="destination", as_written="云南"),
]
source = [dict(source_file=SRC, title_zh="衡阳县禁毒委员会关于下发《衡阳县外流贩毒整治工作方案》的通知", title_en="Hengyang County work plan against outflow drug trafficking",
               publisher="衡阳县禁毒委员会", author="", doc_date="2018-04-04", doc_date_basis="date of the notice", city_adcode="430400",
               note="campaign from the notice date to the end of March 2019 (自即日起至2019年3月底)")]
out = {"figures": figures, "places": places, "routes": routes, "route_waypoints": waypoints}
check_quotes(text, out)
write_extract(Path(__file__).resolve().parent, out, source)
