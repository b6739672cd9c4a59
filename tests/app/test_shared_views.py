"""A shared link opens exactly that view (place, drug type, years, language); charts and tiles follow the filter."""
import base64
import json
import re

import numpy as np
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import PAGES, all_text, run

CJK = re.compile(r"[\u4e00-\u9fff]")
LINK = {"city": "431100", "county": "431126", "drug": "heroin", "from": "2015", "to": "2021", "lang": "en"}


def open_link(page: str | None = None, **params) -> AppTest:
    return run(page, query=params)


def decoded(value):
    """Plotly sends number arrays as {'dtype', 'bdata'} (base64); turn them back into lists."""
    if isinstance(value, dict) and set(value) >= {"dtype", "bdata"}:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    if isinstance(value, dict):
        return {k: decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decoded(v) for v in value]
    return value


def charts(at: AppTest) -> list:
    """The plotly figures the page sent."""
    return [go.Figure(decoded(json.loads(c.proto.spec))) for c in at.get("plotly_chart")]


def xs(fig) -> list[list[float]]:
    return [[float(v) for v in trace.x] for trace in fig.data]


def test_link_sets_every_widget():
    at = open_link(**LINK)
    assert at.multiselect(key="city").value == ["431100"]
    assert at.multiselect(key="county").value == ["431126"]
    assert at.multiselect(key="drug").value == ["heroin"]
    assert at.select_slider(key="period").value == (2015, 2021)
    assert at.title[0].value == "Drug-Control Operations Dashboard"


def test_link_overview_tiles_are_that_county_in_english():
    at = open_link(**LINK)
    cards = "".join(m.value for m in at.markdown if "kf-tile" in m.value)
    assert "Ningyuan County" in cards and "105 people" in cards and "first 5 months of 2021" in cards
    assert "Qiyang" not in cards and "Yongzhou ·" not in cards
    assert not CJK.search(re.sub(r"title='[^']*'", "", cards))  # quotes (tooltips) stay Chinese, nothing else


def test_link_routes_chart_shows_only_that_county():
    at = open_link("pages/routes.py", **LINK)
    (fig,) = charts(at)
    assert xs(fig) == [[3.0, 105.0]]  # yz-fig-059, yz-fig-058 (Ningyuan)
    assert all("Ningyuan County · " in y.replace("<br>", " ") for y in fig.data[0].y)  # labels wrap to the width
    assert fig.layout.title.text.startswith("Outflow drug trafficking")


def test_link_seizures_page_explains_no_heroin_records():
    at = open_link("pages/seizures.py", **LINK)
    assert [i.value for i in at.main.info] == ["No heroin records for Ningyuan County in 2015–2021."]


def test_no_records_in_chinese_names_place_and_period():
    at = open_link("pages/enforcement.py", city="431100", county="431123", **{"from": "2019", "to": "2020"})
    # the county has none: its city's figures are shown, said to be the city's, naming place and years
    assert [i.value for i in at.main.info] == ["双牌县在2019—2020年暂无此类记录；以下为所属永州市的数据（市级数据，非双牌县）。"]


def test_enforcement_page_chart_for_pingdingshan():
    at = run("pages/enforcement.py", city=["410400"])
    first, second = charts(at)
    # 人 and 人次 in separate facets; the 矿工路 case (pds-fig-020 to 022) adds 2, 6 and 2
    assert xs(first) == [[50, 52], [78, 947], [2, 6, 65, 305], [88], [711], [2, 80, 225]]
    assert xs(second) == [[2.33, 20.32, 29.79, 42.86, 170.34]]


def test_filter_change_goes_to_url_and_reset_clears_it():
    at = run()
    at.multiselect(key="drug").set_value(["magu"]).run()
    at.select_slider(key="period").set_range(2019, 2021).run()
    assert at.query_params["drug"] in ("magu", ["magu"]) and at.query_params["from"] in ("2019", ["2019"])
    at.button(key="filter_reset").click().run()
    assert at.multiselect(key="drug").value == [] and at.select_slider(key="period").value == (2011, 2021)
    assert "drug" not in at.query_params and "from" not in at.query_params


@pytest.mark.parametrize("page", PAGES + ["pages/enforcement.py"])
def test_english_pages_have_no_chinese_ui_text(page):
    at = run(page, lang="en", city=["431100"])
    text = all_text(at).replace("语言 / Language", "")
    text = re.sub(r"title='[^']*'", "", text)  # tile tooltips carry the Chinese quote
    widgets = [w.label for w in at.multiselect] + [w.label for w in at.selectbox] + [at.button[0].label]
    headers = [str(c) for df in at.dataframe for c in df.value.columns]
    titles = [fig.layout.title.text for fig in charts(at)]
    assert not [s for s in [text, *widgets, *headers, *titles] if CJK.search(s)]
