"""The slideshow as data: slide specs, wrap-around stepping, per-slide filters and titles."""
import pytest

from geo import settings
from geo.charts import slides as briefing
from geo.data.filters import Filter


def test_default_deck_has_the_views_and_one_slide_per_city():
    deck = briefing.slides()
    assert [s.kind for s in deck[:4]] == ["overview", "routes", "seizures", "demo"]
    assert [s.city for s in deck if s.kind == "city"] == list(settings.FOCUS_CITIES)


@pytest.mark.parametrize("spec", ["map", "city", "city:", "routes:430400", ""])
def test_bad_slide_specs_are_refused_with_the_expected_forms(spec):
    with pytest.raises(ValueError, match="city:<adcode>"):
        briefing.parse(spec)


def test_step_wraps_both_ways():
    assert briefing.step(7, 8, 1) == 0 and briefing.step(0, 8, -1) == 7 and briefing.step(3, 8, 1) == 4
    assert briefing.step(0, 0, 1) == 0


def test_city_slide_shows_its_city_whatever_the_filter():
    flt = Filter(cities=("431100",), counties=("431126",))
    assert briefing.parse("city:430400").filter(flt) == Filter(cities=("430400",))
    assert briefing.parse("routes").filter(flt) is flt


def test_titles_in_both_languages():
    names = {"430400": "衡阳市"}
    assert briefing.title(briefing.parse("city:430400"), names, "zh") == "衡阳市"
    assert briefing.title(briefing.parse("routes"), names, "zh") == "贩毒通道"
    assert briefing.title(briefing.parse("routes"), names, "en") == "Trafficking routes"


def test_every_slide_has_a_message_with_number_period_and_sources():
    from geo.data.filters import Filter
    from geo.data.load import load_dataset

    ds = load_dataset()
    for lang in ("zh", "en"):
        for slide in briefing.slides():
            message = briefing.message(ds, slide, Filter(), lang)
            assert message and message.value and message.period and message.sources, (slide, lang)
            assert message.quote  # the sentence the key number comes from
    yongzhou = briefing.message(ds, briefing.parse("city:431100"), Filter(), "zh")
    assert yongzhou.text("zh") == "永州市 近年来 侦破毒品刑事案件 1,588起" and yongzhou.period == "近年来"
    assert yongzhou.sources == "健全毒品治理体系 筑牢全民禁毒防线"  # the full title, not cut with …
    seized = briefing.message(ds, briefing.parse("seizures"), Filter(), "en")
    assert seized.value == "360 kg" and seized.period == "from 2011-10-01"  # the largest total, not a sum; no label, so its date
    routes = briefing.message(ds, briefing.parse("routes"), Filter(), "zh")
    assert routes.value == "74.7公斤" and "缴获麻古" in routes.headline


def test_a_slide_without_records_has_no_message():
    from geo.data.filters import Filter
    from geo.data.load import load_dataset

    ds = load_dataset()
    empty = Filter(("421200",), ("421223",), ("heroin",))
    assert briefing.message(ds, briefing.parse("seizures"), empty, "zh") is None


def test_a_headline_names_its_own_period_and_document_and_lists_the_others_apart():
    from geo.data.load import load_dataset

    ds = load_dataset()
    first = briefing.message(ds, briefing.parse("overview"), Filter(), "zh")
    assert first.text("zh") == "衡阳市 破获毒品案件 340起" and first.period == "时期未注明"
    assert first.sources == "治安先治毒 查毒无禁区"  # the one document the 340 comes from
    assert "治安先治毒" not in first.also and first.also.count("；") == 2  # the three other documents, apart
    seized = briefing.message(ds, briefing.parse("seizures"), Filter(), "zh")
    assert seized.period == "2011-10-01起" and seized.sources == "打赢禁毒之战 守护鹰城平安"
    assert seized.sources not in seized.also


def test_headline_chart_and_tile_agree_on_the_period_of_one_record():
    from geo.charts import records, tiles
    from geo.data.load import load_dataset

    ds = load_dataset()
    seized = briefing.message(ds, briefing.parse("seizures"), Filter(), "zh")
    chart = records.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "zh")
    assert any(seized.period in y for bar in chart.data for y in bar.y)  # the chart names the same period
    for city in settings.FOCUS_CITIES:
        message = briefing.message(ds, briefing.parse(f"city:{city}"), Filter(), "zh")
        tile = tiles.tiles(ds, Filter(cities=(city,)), "zh", per_city=1)[0]
        assert (tile.period or "时期未注明") == message.period and tile.text == message.value


def test_comparison_headline_says_who_reports_the_most_and_that_periods_differ():
    from geo.charts import compare
    from geo.data.load import load_dataset

    ds = load_dataset()
    zh = briefing.message(ds, briefing.parse("compare"), Filter(), "zh")
    assert zh.text("zh") == "破获毒品案件：永州市 近年来 1,588起 最多（各市时期不同，不可直接比较）"
    assert zh.sources == "健全毒品治理体系 筑牢全民禁毒防线"
    en = briefing.message(ds, briefing.parse("compare"), Filter(), "en")
    assert en.text("en").startswith("Drug cases solved — Yongzhou, in recent years: 1,588 cases, the most")
    # computed from the data: the same slide for Hengyang alone names Hengyang's figure, with no warning
    one = briefing.message(ds, briefing.parse("compare"), Filter(cities=("430400",)), "zh")
    rows, _ = compare.compare_view(ds["figures"][ds["figures"]["adcode"].str.startswith("4304")],
                                   Filter(cities=("430400",)), "drug_cases")
    assert one.text("zh").startswith("破获毒品案件：衡阳市") and ("不可直接比较" in one.text("zh")) == \
        compare.periods_differ(rows)
