"""Exports work with no network at all: the whole briefing pack is built in a network namespace of its own
(`unshare -n`: no interface but a downed loopback), where any fetch by kaleido, Chromium or matplotlib fails."""
import os
import shutil
import subprocess
import sys

import pytest
from kaleido._page_generator import PageGenerator

from tests.conftest import ROOT

SCRIPT = """
import io, socket, sys, zipfile
try:
    socket.create_connection(("151.101.1.69", 443), timeout=3)  # a CDN address: must be unreachable here
    sys.exit("network reachable: the sandbox proves nothing")
except OSError:
    pass
from datetime import date
from geo.data import load as data
from geo.exports import press as export
from geo.exports import pack
from geo.data.filters import Filter
p = pack.briefing(data.load_dataset(), Filter(("431100",)), "zh", date(2026, 11, 25))
names = zipfile.ZipFile(io.BytesIO(p.zip)).namelist()
export.stop_renderer()
print(len(p.pdf), len(names), sum(n.endswith(".png") for n in names), sum(n.endswith(".svg") for n in names))
"""


def _can_unshare() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False).returncode == 0


def test_renderer_page_loads_only_local_scripts():
    """What the warm renderer loads: plotly.js from the plotly package, MathJax off (export.start_renderer)."""
    page = PageGenerator(mathjax=False).generate_index()
    assert "http://" not in page and "https://" not in page and "file://" in page


@pytest.mark.slow
@pytest.mark.skipif(not _can_unshare(), reason="needs `unshare -n` (root or user namespaces)")
def test_briefing_pack_builds_with_networking_removed():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(["unshare", "-n", sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    pdf_bytes, files, pngs, svgs = map(int, run.stdout.split()[-4:])
    assert pdf_bytes > 100_000 and svgs >= 2 and pngs >= svgs + 4 and files >= 3 * svgs + 8
