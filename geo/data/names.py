"""English, short and alternative names of Chinese jurisdictions, from small data tables and a few rules.

English follows the official forms: the stem in pinyin with an apostrophe before a syllable that starts with a, o
or e (西安 Xi'an, 普洱 Pu'er), every ethnic group of an autonomous area named (黔东南苗族侗族自治州 Qiandongnan
Miao and Dong Autonomous Prefecture), and the suffix of the unit's kind (District, County, City, Banner …).
Short names and aliases are what reports write (西双版纳州, 临洮, 鹰城); report intake matches places on them.
Romanisation needs pypinyin (pinned in requirements.txt); nothing here reads files.
"""
from __future__ import annotations

import re

# Ethnic groups as written in names, longest first where one contains another (土家族 before 土族).
ETHNIC_GROUPS: dict[str, str] = {
    "蒙古族": "Mongol", "蒙古": "Mongol", "回族": "Hui", "藏族": "Tibetan", "维吾尔族": "Uygur", "维吾尔": "Uygur",
    "苗族": "Miao", "彝族": "Yi", "壮族": "Zhuang", "布依族": "Bouyei", "朝鲜族": "Korean", "满族": "Manchu",
    "侗族": "Dong", "瑶族": "Yao", "白族": "Bai", "土家族": "Tujia", "哈尼族": "Hani", "哈萨克族": "Kazak",
    "哈萨克": "Kazak", "傣族": "Dai", "黎族": "Li", "傈僳族": "Lisu", "佤族": "Va", "畲族": "She", "拉祜族": "Lahu",
    "水族": "Shui", "东乡族": "Dongxiang", "纳西族": "Naxi", "景颇族": "Jingpo", "柯尔克孜族": "Kirgiz",
    "柯尔克孜": "Kirgiz", "土族": "Tu", "达斡尔族": "Daur", "仫佬族": "Mulao", "羌族": "Qiang", "布朗族": "Blang",
    "撒拉族": "Salar", "毛南族": "Maonan", "仡佬族": "Gelao", "锡伯族": "Xibe", "锡伯": "Xibe", "阿昌族": "Achang",
    "普米族": "Pumi", "塔吉克族": "Tajik", "塔吉克": "Tajik", "怒族": "Nu", "乌孜别克族": "Uzbek",
    "俄罗斯族": "Russian", "鄂温克族": "Ewenki", "德昂族": "De'ang", "保安族": "Bonan", "裕固族": "Yugur",
    "京族": "Gin", "塔塔尔族": "Tatar", "独龙族": "Derung", "鄂伦春族": "Oroqen", "鄂伦春": "Oroqen",
    "赫哲族": "Hezhen", "门巴族": "Monba", "珞巴族": "Lhoba", "基诺族": "Jino", "各族": "Various Ethnic Groups",
}
_ETHNIC_ORDER = sorted(ETHNIC_GROUPS, key=len, reverse=True)

# Name endings, longest first: (Chinese, English suffix, short-name ending). The short name keeps 州/县 for
# autonomous areas, as reports write them (西双版纳州, 禄劝县).
SUFFIXES: tuple[tuple[str, str, str], ...] = (
    ("特别行政区", " Special Administrative Region", ""), ("自治区", " Autonomous Region", ""),
    ("自治州", " Autonomous Prefecture", "州"), ("自治县", " Autonomous County", "县"),
    ("自治旗", " Autonomous Banner", "旗"), ("地区", " Prefecture", ""), ("林区", " Forestry District", ""),
    ("矿区", " Mining District", ""), ("特区", " Special District", ""), ("新区", " New Area", ""),
    ("省", "", ""), ("盟", " League", ""), ("旗", " Banner", ""), ("县", " County", ""), ("区", " District", ""),
    ("市", " City", ""),
)

# Official forms that pinyin rules do not give (names from Mongolian, Tibetan, Uygur…; conventional spellings).
EN_OVERRIDES: dict[str, str] = {
    "内蒙古自治区": "Inner Mongolia Autonomous Region", "西藏自治区": "Tibet Autonomous Region",
    "陕西省": "Shaanxi", "香港特别行政区": "Hong Kong Special Administrative Region",
    "澳门特别行政区": "Macao Special Administrative Region", "呼和浩特市": "Hohhot", "乌鲁木齐市": "Urumqi",
    "拉萨市": "Lhasa", "包头市": "Baotou", "喀什地区": "Kashgar Prefecture", "阿里地区": "Ngari Prefecture",
    "日喀则市": "Shigatse", "伊犁哈萨克自治州": "Ili Kazak Autonomous Prefecture",
    "巴音郭楞蒙古自治州": "Bayingolin Mongol Autonomous Prefecture",
    "博尔塔拉蒙古自治州": "Bortala Mongol Autonomous Prefecture",
    "克孜勒苏柯尔克孜自治州": "Kizilsu Kirgiz Autonomous Prefecture",
    "莫力达瓦达斡尔族自治旗": "Morin Dawa Daur Autonomous Banner", "白云鄂博矿区": "Bayan Obo Mining District",
    "巴里坤哈萨克自治县": "Barkol Kazak Autonomous County", "科尔沁右翼中旗": "Horqin Right Middle Banner",
    "科尔沁右翼前旗": "Horqin Right Front Banner", "科尔沁左翼中旗": "Horqin Left Middle Banner",
    "科尔沁左翼后旗": "Horqin Left Rear Banner", "科尔沁区": "Horqin District", "鄂尔多斯市": "Ordos",
    "锡林郭勒盟": "Xilingol League", "阿拉善盟": "Alxa League", "呼伦贝尔市": "Hulunbuir",
    "中国": "China", "县": "County",
}

# Stems whose place-name reading differs from the commonest reading of a character (pypinyin reads per word).
STEM_READINGS: dict[str, str] = {
    "长白": "chang bai", "朝阳": "chao yang", "长子": "zhang zi", "长垣": "chang yuan", "长葛": "chang ge",
    "长沙": "chang sha", "长宁": "chang ning", "长寿": "chang shou", "长岭": "chang ling", "长阳": "chang yang",
    "长泰": "chang tai", "长汀": "chang ting", "长乐": "chang le", "长清": "chang qing", "长治": "chang zhi",
}

# What reports call a place besides its name (adcode → aliases), each attested in a source document.
ALIASES: dict[str, tuple[str, ...]] = {
    "410400": ("鹰城",),  # 002: 守护鹰城平安 (鹰城 is Pingdingshan's nickname)
}

PROVINCE_SHORT = {"内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏", "宁夏回族自治区": "宁夏",
                  "新疆维吾尔自治区": "新疆", "香港特别行政区": "香港", "澳门特别行政区": "澳门"}


def split_name(name: str) -> tuple[str, list[str], tuple[str, str, str]]:
    """(stem, ethnic groups, suffix entry): 黔东南苗族侗族自治州 → ('黔东南', ['苗族', '侗族'], 自治州 entry)."""
    suffix = next((s for s in SUFFIXES if name.endswith(s[0]) and len(name) > len(s[0])), ("", "", ""))
    stem = name[: len(name) - len(suffix[0])]
    groups: list[str] = []
    while "自治" in suffix[0] or suffix[0] == "区":
        group = next((g for g in _ETHNIC_ORDER if stem.endswith(g) and (len(stem) > len(g) or not groups)), None)
        if group is None or (suffix[0] == "区" and not stem[: -len(group)]):
            break
        groups.insert(0, group)
        stem = stem[: -len(group)]
        if not stem:
            break
    return stem, groups, suffix


def romanise(stem: str) -> str:
    """Pinyin of a stem as one capitalised word, with an apostrophe where a syllable starts with a, o or e."""
    from pypinyin import Style, lazy_pinyin

    reading = STEM_READINGS.get(stem)
    syllables = reading.split() if reading else lazy_pinyin(stem, style=Style.NORMAL, v_to_u=True)
    if not reading and stem.startswith("长") and syllables[0] == "zhang":  # 长 opens place names as cháng
        syllables[0] = "chang"
    word = syllables[0] if syllables else ""
    for syl in syllables[1:]:
        word += ("'" if syl[:1] in "aoe" else "") + syl
    return word[:1].upper() + word[1:]


def ethnic_phrase(groups: list[str]) -> str:
    """'Miao', 'Miao and Dong', 'Lahu, Va, Blang and Dai'."""
    names = [ETHNIC_GROUPS[g] for g in groups]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def english_name(name: str, level: str) -> str:
    """Official English form: 西双版纳傣族自治州 → Xishuangbanna Dai Autonomous Prefecture, 耒阳市 → Leiyang City."""
    if name in EN_OVERRIDES:
        return EN_OVERRIDES[name]
    if name.endswith("直辖") and len(name) > 2:  # 海西蒙古族藏族自治州直辖: the areas the prefecture runs itself
        return f"Areas directly under {english_name(name[:-2], 'prefecture')}"
    stem, groups, (zh, en, _) = split_name(name)
    if zh in ("市", "省") and level in ("province", "prefecture"):
        en = ""  # provinces and prefecture-level cities go by their name alone (Hunan, Hengyang)
    if not stem and groups:  # 东乡族自治县: the group is the stem
        return f"{ETHNIC_GROUPS[groups[0]]}{en}"
    head = romanise(stem) if stem else ""
    words = " ".join(w for w in (head, ethnic_phrase(groups)) if w)
    return f"{words}{en}"


def short_name(name: str, level: str) -> str:
    """What reports write for short: 西双版纳州, 黔东南州, 禄劝县, 临洮, 衡阳, 湖南, 广西; single-character stems keep
    their suffix (隰县, 郏县), as the bare character would not name the place."""
    if name in PROVINCE_SHORT:
        return PROVINCE_SHORT[name]
    stem, groups, (zh, _, short_end) = split_name(name)
    if short_end:  # 东乡族自治县 → 东乡县: a group standing for the stem drops its 族
        return (stem or groups[0].removesuffix("族")) + short_end
    if not zh or len(stem) < 2 or groups:
        return name
    return stem


def short_names(rows: list[dict[str, str]]) -> dict[str, str]:
    """Short name of each jurisdiction (adcode → name); a county whose short name is its parent's (衡阳县 under
    衡阳市) keeps its full name, so 衡阳 names the city alone."""
    short = {r["adcode"]: short_name(r["name_zh"], r["level"]) for r in rows}
    return {a: (r["name_zh"] if r.get("parent_adcode") and short.get(r["parent_adcode"]) == short[a] else short[a])
            for a, r in ((r["adcode"], r) for r in rows)}


def aliases(adcode: str, name: str, short: str) -> list[str]:
    """Other names a report may use for a jurisdiction besides its name and short name (attested nicknames)."""
    return [a for a in dict.fromkeys(ALIASES.get(adcode, ())) if a and a not in (name, short)]


def clean_pinyin(text: str) -> str:
    """Lower-case ASCII key of an English name (for matching 'Pu'er', 'Puer' and 'PU ER' alike)."""
    return re.sub(r"[^a-z]", "", text.lower().replace("ü", "u"))
