"""Upload checks before decoding: the name, the declared type and the first bytes, and the row limit."""
import pytest

from geo.data import uploads
from tests.conftest import DATA

CSV = (DATA / "checkpoints.csv").read_bytes()


def test_a_real_csv_passes_with_the_types_browsers_send():
    for content_type in ("text/csv", "application/vnd.ms-excel", "text/plain", ""):
        assert uploads.check("checkpoints.csv", content_type, CSV) is None
    assert uploads.check("检查站.CSV", "text/csv", CSV.decode("utf-8").encode("gb18030")) is None


@pytest.mark.parametrize("data, kind", [
    (b"PK\x03\x04\x14\x00\x06\x00", "XLSX/ZIP"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "XLS"),
    (b"%PDF-1.7\n", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"name,value\n\x00\x01\x02", "binary"),
])
def test_content_that_is_not_csv_is_refused_with_what_it_is(data, kind):
    refusal = uploads.check("checkpoints.csv", "text/csv", data)
    assert refusal == uploads.Refusal("upload_type_mismatch", {"file": "checkpoints.csv", "kind": kind})


def test_a_declared_type_that_is_not_csv_is_refused():
    refusal = uploads.check("checkpoints.csv", "application/pdf", CSV)
    assert refusal.key == "upload_type_mismatch" and refusal.values["kind"] == "application/pdf"


def test_a_name_that_is_not_csv_is_refused():
    assert uploads.check("checkpoints.xlsx", "text/csv", CSV).key == "upload_not_csv_name"


def test_utf16_is_left_to_the_decoder_which_explains_the_fix():
    assert uploads.check("checkpoints.csv", "text/csv", "\ufeffa,b\n1,2\n".encode("utf-16")) is None


def test_rows_over_the_limit_are_refused_without_parsing():
    text = b"id,name\n" + b"".join(b"%d,x\n" % i for i in range(10))
    assert uploads.check("t.csv", "text/csv", text, max_rows=10) is None
    assert uploads.check("t.csv", "text/csv", text + b"10,x", max_rows=10) == uploads.Refusal(
        "upload_too_many_rows", {"file": "t.csv", "limit": "10"})


def test_counting_stops_past_the_limit():
    assert uploads.count_lines(b"a\n" * 1000, 5) == 6 and uploads.count_lines(b"a\nb", 5) == 2
    assert uploads.count_lines(b"", 5) == 0
