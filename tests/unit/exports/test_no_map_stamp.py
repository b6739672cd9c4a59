"""The internal stamp belongs to maps drawn on an unapproved basemap: charts and tables never carry it."""
from geo.charts import records
from geo.data.load import load_dataset
from geo.exports import press as export


def chart_texts(fig) -> str:
    """Every text a chart prints: title, annotations (source line, export date), labels, values, legend."""
    parts = [fig.layout.title.text or ""] + [a.text or "" for a in fig.layout.annotations or []]
    for trace in fig.data:
        values = [v for v in (trace.y, trace.text) if v is not None]
        parts += [str(trace.name or "")] + [str(x) for v in values for x in list(v)]
    return " ".join(parts)


def test_press_charts_and_tables_carry_no_map_stamp():
    from geo import settings

    assert settings.MAP_APPROVAL_NO is None  # the stamp is on: maps exported now would carry it
    ds = load_dataset()
    for lang in ("zh", "en"):
        fig = records.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], lang)
        text = chart_texts(export.press_figure(fig, lang))
        assert "内部资料" not in text and "未经审图" not in text and "INTERNAL" not in text.upper()
        assert ("来源" if lang == "zh" else "Source") in text  # the texts were read
    table = export.csv_bytes(ds["seizures"].head(20)).decode("utf-8-sig")
    assert "内部资料" not in table and "quote" in table
