"""The timeline chart (geo/charts/timeline.py) on the curated data: one span per figure, values never aggregated,
spans on their own periods, open periods marked, no line between figures that are not comparable."""
import pandas as pd
import pytest

from geo import fmt
from geo.charts import timeline
from geo.data.filters import Filter
from geo.data.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.mark.parametrize("indicator", ["drug_cases", "outflow_traffickers", "drug_users_found", "target_cases"])
def test_no_timeline_value_is_an_aggregate(ds, indicator):
    """Every bar is exactly one figure of figures.csv, and every label's number is that figure's own value: a sum,
    mean or bin of several figures would have no row of its own and fail here."""
    rows, missing = timeline.timeline_view(ds, Filter(), indicator)
    fig = timeline.chart(ds, rows, missing, indicator, "zh")
    source = ds["figures"].set_index("figure_id")
    assert rows["figure_id"].is_unique and set(rows["figure_id"]) <= set(source.index)
    spanned = rows[rows["span_start"].notna()]
    bars = [b for tr in fig.data if tr.type == "bar" for b in tr.base]
    assert len(bars) == len(spanned)  # one bar per figure with a period, never one per bin
    texts = " ".join(t for tr in fig.data if tr.type == "scatter" and tr.mode == "text" for t in tr.text)
    for fid, row in rows.iterrows():
        mine, theirs = row["value"], source.at[fid, "value"]
        assert (pd.isna(mine) and pd.isna(theirs)) or float(mine) == float(theirs)
        if pd.notna(row["value"]):
            assert fmt.quantity(source.at[fid, "value"], row["qualifier"], row["unit"], "zh") in texts
    total = pd.to_numeric(rows["value"], errors="coerce").sum()
    if len(rows.dropna(subset=["value"])) > 1:
        assert fmt.quantity(total, "exact", rows["unit"].iloc[0], "zh") not in texts


def test_spans_follow_their_stated_periods_and_open_ones_end_on_the_document_date(ds):
    rows, _ = timeline.timeline_view(ds, Filter(), "drug_cases")
    pds = rows.loc["pds-fig-008"]  # 今年以来 in a report of 2019-06-01
    assert (str(pds["span_start"]), str(pds["span_end"]), pds["span_open"]) == ("2019-01-01", "2019-06-01", True)
    assert pd.isna(rows.loc["yz-fig-007", "span_start"])  # 近年来 names no calendar period
    fig = timeline.chart(ds, *timeline.timeline_view(ds, Filter(), "drug_cases"), "drug_cases", "zh")
    arrows = [tr for tr in fig.data if tr.type == "scatter" and tr.mode == "markers"]
    assert arrows and len(arrows[0].x) == int(rows["span_open"].sum())


def test_curated_figures_are_never_joined(ds):
    for indicator in ("drug_cases", "outflow_traffickers"):
        rows, _ = timeline.timeline_view(ds, Filter(), indicator)
        assert timeline.links(rows, "zh") == []



def test_a_headline_states_the_computed_or_the_reported_change(ds, tmp_path):
    from geo.charts import slides
    from tests.timeline_data import two_years

    test_ds = load_dataset(two_years(tmp_path / "data"))  # test text: two consecutive years of one county
    message = slides.message(test_ds, slides.Slide("overview"), Filter(("431100",), ("431126",)), "zh")
    assert message.text("zh") == "宁远县 2018年 破获毒品案件 112起（较上年 +12%）"
    assert "2017年宁远县破获毒品案件100起" in message.quote  # the earlier figure's words go with it
    assert timeline.headline_change(ds, "pds-fig-011", "zh") == ("（同比+170.34%）", ds["figures"].set_index(
        "figure_id").at["pds-fig-011", "quote"])
    assert timeline.headline_change(ds, "hy-fig-001", "zh") == ("", "")  # no period, no stated change
