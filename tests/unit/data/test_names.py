"""Names of jurisdictions: official English forms, short names and aliases, against a hand-checked list."""
import pandas as pd
import pytest

from geo.data import load as data
from geo.data import names

# (adcode, Chinese name, English as officially written, short name reports use), checked by hand: every kind of
# unit, full ethnic designations, apostrophes, readings that differ from a character's commonest one.
CHECKED = [
    ("100000", "中国", "China", "中国"),
    ("430000", "湖南省", "Hunan", "湖南"),
    ("610000", "陕西省", "Shaanxi", "陕西"),
    ("450000", "广西壮族自治区", "Guangxi Zhuang Autonomous Region", "广西"),
    ("650000", "新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region", "新疆"),
    ("640000", "宁夏回族自治区", "Ningxia Hui Autonomous Region", "宁夏"),
    ("150000", "内蒙古自治区", "Inner Mongolia Autonomous Region", "内蒙古"),
    ("500000", "重庆市", "Chongqing", "重庆"),
    ("430400", "衡阳市", "Hengyang", "衡阳"),
    ("410400", "平顶山市", "Pingdingshan", "平顶山"),
    ("610100", "西安市", "Xi'an", "西安"),
    ("530800", "普洱市", "Pu'er", "普洱"),
    ("610600", "延安市", "Yan'an", "延安"),
    ("341500", "六安市", "Lu'an", "六安"),
    ("141100", "吕梁市", "Lüliang", "吕梁"),
    ("150100", "呼和浩特市", "Hohhot", "呼和浩特"),
    ("522600", "黔东南苗族侗族自治州", "Qiandongnan Miao and Dong Autonomous Prefecture", "黔东南州"),
    ("532800", "西双版纳傣族自治州", "Xishuangbanna Dai Autonomous Prefecture", "西双版纳州"),
    ("533100", "德宏傣族景颇族自治州", "Dehong Dai and Jingpo Autonomous Prefecture", "德宏州"),
    ("433100", "湘西土家族苗族自治州", "Xiangxi Tujia and Miao Autonomous Prefecture", "湘西州"),
    ("422800", "恩施土家族苗族自治州", "Enshi Tujia and Miao Autonomous Prefecture", "恩施州"),
    ("654000", "伊犁哈萨克自治州", "Ili Kazak Autonomous Prefecture", "伊犁州"),
    ("542500", "阿里地区", "Ngari Prefecture", "阿里"),
    ("152200", "兴安盟", "Xing'an League", "兴安"),
    ("431102", "零陵区", "Lingling District", "零陵"),
    ("421202", "咸安区", "Xian'an District", "咸安"),
    ("410304", "瀍河回族区", "Chanhe Hui District", "瀍河回族区"),
    ("110105", "朝阳区", "Chaoyang District", "朝阳"),
    ("430421", "衡阳县", "Hengyang County", "衡阳县"),  # 衡阳 alone is the city
    ("431122", "东安县", "Dong'an County", "东安"),
    ("621124", "临洮县", "Lintao County", "临洮"),
    ("410425", "郏县", "Jia County", "郏县"),
    ("410422", "叶县", "Ye County", "叶县"),
    ("140426", "黎城县", "Licheng County", "黎城"),
    ("140428", "长子县", "Zhangzi County", "长子"),
    ("371524", "东阿县", "Dong'e County", "东阿"),
    ("430481", "耒阳市", "Leiyang City", "耒阳"),
    ("410482", "汝州市", "Ruzhou City", "汝州"),
    ("150621", "达拉特旗", "Dalate Banner", "达拉特"),
    ("152222", "科尔沁右翼中旗", "Horqin Right Middle Banner", "科尔沁右翼中"),
    ("530128", "禄劝彝族苗族自治县", "Luquan Yi and Miao Autonomous County", "禄劝县"),
    ("431129", "江华瑶族自治县", "Jianghua Yao Autonomous County", "江华县"),
    ("622926", "东乡族自治县", "Dongxiang Autonomous County", "东乡县"),
    ("530925", "双江拉祜族佤族布朗族傣族自治县", "Shuangjiang Lahu, Va, Blang and Dai Autonomous County", "双江县"),
    ("622927", "积石山保安族东乡族撒拉族自治县", "Jishishan Bonan, Dongxiang and Salar Autonomous County",
     "积石山县"),
    ("450328", "龙胜各族自治县", "Longsheng Various Ethnic Groups Autonomous County", "龙胜县"),
    ("220623", "长白朝鲜族自治县", "Changbai Korean Autonomous County", "长白县"),
    ("530821", "宁洱哈尼族彝族自治县", "Ning'er Hani and Yi Autonomous County", "宁洱县"),
    ("150723", "鄂伦春自治旗", "Oroqen Autonomous Banner", "鄂伦春旗"),
    ("429021", "神农架林区", "Shennongjia Forestry District", "神农架"),
    ("520203", "六枝特区", "Liuzhi Special District", "六枝"),
    ("150206", "白云鄂博矿区", "Bayan Obo Mining District", "白云鄂博"),
]


@pytest.fixture(scope="module")
def jurisdictions() -> pd.DataFrame:
    return data.load_dataset()["jurisdictions"].set_index("adcode")


@pytest.mark.parametrize(("adcode", "zh", "en", "short"), CHECKED)
def test_rules_give_the_checked_names(jurisdictions, adcode, zh, en, short):
    level = jurisdictions.at[adcode, "level"]
    assert names.english_name(zh, level) == en
    assert names.short_names([{"adcode": adcode, "name_zh": zh, "level": level, "parent_adcode": ""}]) \
        == {adcode: short} or short.endswith("县") and short == zh


@pytest.mark.parametrize(("adcode", "zh", "en", "short"), CHECKED)
def test_shipped_jurisdictions_carry_the_checked_names(jurisdictions, adcode, zh, en, short):
    row = jurisdictions.loc[adcode]
    assert (row["name_zh"], row["name_en"], row["short_zh"]) == (zh, en, short)


def test_at_least_forty_names_of_every_kind():
    kinds = {next((s for s, *_ in names.SUFFIXES if zh.endswith(s)), zh) for _, zh, _, _ in CHECKED}
    assert len(CHECKED) >= 40 and {"自治州", "自治县", "自治旗", "自治区", "地区", "盟", "旗", "区", "县", "市",
                                   "省", "林区", "特区", "矿区"} <= kinds


def test_aliases_for_place_matching(jurisdictions):
    assert jurisdictions.at["410400", "aliases"] == "鹰城"
    assert names.aliases("410400", "平顶山市", "平顶山") == ["鹰城"]
    assert names.clean_pinyin("Pu'er") == names.clean_pinyin("PU ER") == "puer"


def test_no_truncated_autonomous_names(jurisdictions):
    """Every autonomous area names its ethnic groups in English ('Luquan Yi and Miao …', never 'Luquan …')."""
    short = [(zh, en) for zh, en in zip(jurisdictions["name_zh"], jurisdictions["name_en"])
             if "族自治" in zh and not zh.startswith(("东乡族", "鄂温克族"))
             and not any(group in en for group in names.ETHNIC_GROUPS.values())]
    assert short == []


def test_national_figures_belong_to_the_country():
    figures = data.load_dataset()["figures"].set_index("figure_id")
    assert figures.at["hyx-fig-005", "adcode"] == "100000"
