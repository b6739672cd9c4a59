"""Charts as figure dicts: data equal to the tables, titles, units and source lines present."""
import pytest

from geo.charts import common as chart_layout
from geo import settings
from geo.charts import records as record_charts
from geo.data import load as data


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


def flat(labels) -> list[str]:
    return [str(x).replace("<br>", "") for x in labels]


def test_seizure_totals_are_not_summed(ds):
    fig = record_charts.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "zh")
    totals = ds["seizures"][ds["seizures"]["case_id"].isna() & (ds["seizures"]["unit"] == "kg")]
    plotted = sorted(float(v) for trace in fig.data for v in trace.x)
    assert plotted == sorted(totals["quantity"].astype(float))
    assert "来源" in fig.layout.annotations[0].text
    assert "公斤" in fig.layout.title.text


def test_cases_ranked_matches_case_seizures(ds):
    fig = record_charts.cases_ranked(ds["seizures"], ds["cases"], ds["sources"], "en")
    per_case = ds["seizures"][ds["seizures"]["case_id"].notna() & (ds["seizures"]["unit"] == "kg")]
    assert sum(float(sum(t.x)) for t in fig.data) == pytest.approx(float(per_case["quantity"].sum()))
    assert "Source" in fig.layout.annotations[0].text


def test_seizure_totals_keep_the_largest_bars_and_say_how_many_are_left_out(ds):
    full = record_charts.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "zh")
    largest: dict[str, float] = {}
    for trace in full.data:
        for y, x in zip(trace.y, trace.x):
            largest[y] = max(largest.get(y, 0.0), float(x))
    expected = sorted(largest, key=largest.get, reverse=True)[:3]
    fig = record_charts.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "zh", limit=3)
    assert sorted({y for trace in fig.data for y in trace.y}) == sorted(expected)
    assert f"显示数值最大的3项，另有{len(largest) - 3}项见下表" in fig.layout.title.text.replace("<br>", "")
    assert "见下表" not in full.layout.title.text


def test_cases_ranked_keeps_the_largest_cases(ds):
    per_case = ds["seizures"][ds["seizures"]["case_id"].notna() & (ds["seizures"]["unit"] == "kg")]
    sums = per_case.groupby("case_id")["quantity"].sum().astype(float).sort_values(ascending=False)
    fig = record_charts.cases_ranked(ds["seizures"], ds["cases"], ds["sources"], "en", limit=2)
    assert sum(float(sum(t.x)) for t in fig.data) == pytest.approx(sums.iloc[:2].sum())
    assert f"{len(sums) - 2} more in the table below" in fig.layout.title.text.replace("<br>", " ")
    full = record_charts.cases_ranked(ds["seizures"], ds["cases"], ds["sources"], "en")
    assert "more in the table" not in full.layout.title.text  # the curated cases fit under the default limit


def test_demo_chart_counts(ds):
    fig = record_charts.demo_by_category(ds["demo_sites"], ds["jurisdictions"], ds["sources"], "zh")
    assert sum(float(sum(t.x)) for t in fig.data) == pytest.approx(float(ds["demo_sites"]["count"].sum()))


def test_markup_in_data_is_escaped_in_chart_labels():
    from geo.data.load import load_dataset

    ds = load_dataset()
    cases = ds["cases"].copy()
    case_id = ds["seizures"].dropna(subset=["case_id"]).query("unit == 'kg'")["case_id"].iloc[0]
    cases.loc[cases["case_id"] == case_id, "name_zh"] = "<b>案</b>"
    sources = ds["sources"].assign(title_zh="<img src=x>")
    fig = record_charts.cases_ranked(ds["seizures"], cases, sources, "zh")
    labels = [y for bar in fig.data for y in bar.y]
    assert "&lt;b&gt;案&lt;/b&gt;" in labels and "<b>案</b>" not in labels
    source = next(a.text for a in fig.layout.annotations if a.name == "source")
    assert "&lt;img src=x&gt;" in source and "<img" not in source


def test_projector_chart_is_larger_and_keeps_its_data(ds):
    fig = record_charts.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "zh")
    big = chart_layout.for_projector(fig, width=480, scale=1.5)
    assert big.layout.font.size == 22 and big.layout.height > fig.layout.height  # rows grow with the type
    (source,) = [a for a in big.layout.annotations if a.name == "source"]
    def words(text: str) -> str:  # a line break may replace a space
        return text.replace("<br>", "").replace(" ", "")

    assert source.font.size == 20 and words(source.text) == words(fig.layout.annotations[0].text)
    assert [list(tr.x) for tr in big.data] == [list(tr.x) for tr in fig.data]
    assert [flat(tr.y) for tr in big.data] == [flat(tr.y) for tr in fig.data]
    assert fig.layout.font.size == 15  # the desk chart is not changed


def test_every_demo_category_has_its_own_colour_whatever_is_shown(ds):
    fig = record_charts.demo_by_category(ds["demo_sites"], ds["jurisdictions"], ds["sources"], "zh")
    colours = [trace.marker.color for trace in fig.data]
    assert len(colours) == ds["demo_sites"]["category"].nunique() == len(set(colours))
    one = ds["demo_sites"][ds["demo_sites"]["category"] == "village"]
    alone = record_charts.demo_by_category(one, ds["jurisdictions"], ds["sources"], "zh")
    assert alone.data[0].marker.color == record_charts.DEMO_COLOURS["village"]  # not the first colour of a list
    assert len(set(record_charts.DEMO_COLOURS.values())) == len(record_charts.DEMO_COLOURS) == 12


def test_drug_bars_have_a_dark_edge_so_pale_colours_show_on_white(ds):
    fig = record_charts.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "zh")
    assert fig.data and all(trace.marker.line.color == "#333333" and trace.marker.line.width == 1
                            for trace in fig.data)
    assert {trace.marker.color for trace in fig.data} <= set(settings.DRUG_COLORS.values()) | {"#555"}


def test_a_slide_chart_keeps_as_many_largest_bars_as_fit_its_height(ds):
    def build(limit):
        return record_charts.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "zh", limit,
                                            "largest_bars_slide")
    heights = {n: chart_layout.for_projector(build(n), 480).layout.height for n in (6, 5, 4, 3)}
    assert heights[6] > heights[3]  # fewer bars, a lower chart: what the choice relies on
    budget = heights[4] + 1
    fig = chart_layout.for_slide(build, 480, max_px=budget, most=6, fewest=3)
    assert fig.layout.height <= budget
    kept = {y for trace in fig.data for y in trace.y}
    assert len(kept) == max(n for n in (6, 5, 4, 3) if heights[n] <= budget)
    assert "显示数值最大的" in fig.layout.title.text.replace("<br>", "")  # the slide says more bars exist
    # nothing fits: the fewest bars, taller than asked rather than fewer than `fewest`
    assert len({y for t in chart_layout.for_slide(build, 480, max_px=10).data for y in t.y}) == 3
