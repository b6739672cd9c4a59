"""Marks a slide puts on its map: key figures at their places, the highlighted route, and the legend for clusters."""
from geo.charts import slides
from geo.data.filters import Filter
from geo.data.load import load_dataset
from geo.maps import pages


def test_city_map_writes_its_key_figures_at_their_places():
    ds = load_dataset()
    flt = Filter(cities=("431100",))
    figures = slides.map_figures(ds, flt, "zh", 4)
    assert ("431100", "侦破毒品刑事案件 1,588起") in figures and ("431102", "移送起诉 261人") in figures
    html = pages.overview_map(ds, flt, "zh", figures).get_root().render()
    assert "侦破毒品刑事案件 1,588起" in html and "零陵区\\n移送起诉 261人" in html
    assert "1,588起" not in pages.overview_map(ds, flt, "zh").get_root().render()  # the desk map is unchanged


def test_routes_map_picks_out_the_route_of_the_case_the_slide_names_and_says_so():
    ds = load_dataset()
    row, route = slides.route_case(ds, Filter())
    assert row["quantity"] == 74.7 and route == "xn-route-02"
    html = pages.routes_map(ds, Filter(), "zh", route).get_root().render()
    assert "#FFD400" in html and "本页所述案件的通道" in html
    assert "#FFD400" not in pages.routes_map(ds, Filter(), "zh").get_root().render()


def test_legend_explains_cluster_bubbles():
    ds = load_dataset()
    assert "附近检查站的个数" in pages.overview_map(ds, Filter(), "zh").get_root().render()
    assert "checkpoints close together" in pages.checkpoints_map(ds, Filter(), "en").get_root().render()
