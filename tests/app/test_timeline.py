"""The 时间线 / Timeline page under AppTest: the compare page's indicators, each figure with its period as written,
no change where periods differ, and the computed change where two consecutive years are given (test data)."""
import json

from geo.data import snapshot
from tests.app.test_pages import run
from tests.timeline_data import two_years


def chart_json(at) -> str:
    """The page's chart as JSON text with its characters decoded (plotly writes CJK as \\u escapes)."""
    return json.dumps(json.loads(next(c.proto.spec for c in at.get("plotly_chart"))), ensure_ascii=False)


def test_timeline_opens_on_drug_cases_with_every_figure_and_its_period():
    at = run("pages/timeline.py")
    assert at.title[0].value == "时间线"
    assert at.selectbox(key="timeline_indicator").value == "drug_cases"
    table = next(df.value for df in at.dataframe if "日历时期" in df.value.columns)
    assert table["地区"].tolist() == ["衡阳市", "永州市", "零陵区", "平顶山市", "平顶山市"]
    assert {"近年来", "2018年至今", "今年以来"} <= set(table["时期"])
    assert not table["变化"].str.contains("→").any()  # no two of these periods are comparable
    spec = chart_json(at)
    assert "咸宁市" in spec and "未报告此项" in spec  # a city without the figure says so
    assert '"lines+markers"' not in spec  # no line joins figures of different periods


def test_outflow_traffickers_show_the_changes_the_reports_state(monkeypatch):
    at = run("pages/timeline.py", lang="en")
    at.selectbox(key="timeline_indicator").set_value("outflow_traffickers").run()
    table = next(df.value for df in at.dataframe if "Calendar period" in df.value.columns)
    assert at.title[0].value == "Timeline"
    assert set(table["Period"]) >= {"2017", "2020", "2015", "first 5 months of 2021"}
    changes = " ".join(table["Change"])
    assert "−64.3% year on year" in changes and "−75.4% vs. 2018" in changes and "→" not in changes
    assert "value not reported" in set(table["Value"])  # a stated change without a value is never 0


def test_two_consecutive_years_of_a_county_show_the_computed_change(tmp_path, monkeypatch):
    folder = two_years(tmp_path / "data")
    assert snapshot.load_safely(folder).problems == ()
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    at = run("pages/timeline.py", city=["431100"], county=["431126"])
    table = next(df.value for df in at.dataframe if "日历时期" in df.value.columns)
    assert table["数值"].tolist() == ["100起", "112起"]
    assert table["变化"].tolist() == ["", "+12%（2017→2018）"]
    assert "+12%（2017→2018）" in chart_json(at)


def test_the_briefing_slide_headline_says_what_changed(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(two_years(tmp_path / "data")))
    at = run("pages/briefing.py", city=["431100"], county=["431126"])
    headline = at.title[-1].value.replace("\\", "")  # the slide's title, markdown escapes removed
    assert headline.endswith("112起（较上年 +12%）"), headline
