"""Briefing mode and the slideshow in AppTest: switched on by URL and sidebar, slides step and pause."""
import json

from streamlit.testing.v1 import AppTest

from tests.app.test_pages import APP, run


def counter(at: AppTest) -> str:
    return next(h.proto.body for h in at.get("html") if "brief-counter" in h.proto.body)


def headline(at: AppTest) -> str:
    """The slide's topic, headline with its key number, period and sources, as the heading block shows them."""
    kicker = next(h.proto.body for h in at.get("html") if "brief-kicker" in h.proto.body)
    meta = [h.proto.body for h in at.get("html") if "brief-meta" in h.proto.body]
    return " ".join([kicker, at.title[0].value.replace("\\", ""), *meta])


def test_url_switches_briefing_mode_on_and_keeps_it_in_the_url():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["mode"] = "briefing"
    at.run()
    assert not at.exception
    assert at.session_state["briefing"] is True
    assert at.button(key="briefing_exit") is not None
    assert at.query_params.get("mode") in ("briefing", ["briefing"])
    at.button(key="briefing_exit").click().run()
    assert at.session_state["briefing"] is False and "mode" not in at.query_params


def test_slideshow_steps_and_pauses():
    at = run("pages/briefing.py", briefing=True)
    assert "1 / 9" in counter(at) and "主要数据" in headline(at)
    at.button(key="brief_next").click().run()
    assert "2 / 9" in counter(at) and "贩毒通道" in headline(at)
    # the routes slide's message: the largest seizure on a route shown (xn-sz: "2021.1.29" case, 74.7 kg magu)
    assert "缴获麻古" in headline(at) and "74.7公斤" in headline(at) and "来源" in headline(at)
    at.button(key="brief_prev").click().run()
    at.button(key="brief_prev").click().run()
    assert "9 / 9" in counter(at) and "城市对比" in headline(at)  # the comparison slide comes last
    at.button(key="brief_prev").click().run()
    assert "8 / 9" in counter(at) and "咸宁市" in headline(at) and "时期" in headline(at)
    at.button(key="brief_pause").click().run()
    assert "已暂停" in counter(at)


def test_slideshow_in_english():
    at = run("pages/briefing.py", briefing=True, lang="en")
    assert "Key figures" in headline(at) and "every 20 s" in counter(at)
    assert "Hengyang — Drug cases solved" in headline(at) and "340 cases" in headline(at)


def test_sidebar_toggle_is_there_outside_briefing_mode():
    at = run()
    assert at.toggle(key="briefing").value is False
    at.toggle(key="briefing").set_value(True).run()
    assert at.session_state["briefing"] is True


def chart_font_sizes(at: AppTest) -> list[int]:
    return [json.loads(c.proto.spec)["layout"]["font"]["size"] for c in at.get("plotly_chart")]


def test_charts_are_enlarged_in_briefing_mode_only():
    assert set(chart_font_sizes(run("pages/seizures.py"))) == {15}
    assert set(chart_font_sizes(run("pages/seizures.py", briefing=True))) == {22}
