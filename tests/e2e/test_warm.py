"""A freshly started server runs its first page before its health check answers (geo/ui/warm.py)."""
import os
import subprocess
import sys

from tests.conftest import ROOT
from tests.e2e.conftest import free_port, wait_until_up


def test_the_health_check_answers_once_the_first_page_has_run(tmp_path):
    port, log = free_port(), tmp_path / "server.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DASHBOARD_WARM_FIRST_PAGE": "1"}
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "scripts/serve.py", "--server.port", str(port),
                                 "--server.headless", "true"], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://localhost:{port}", proc, timeout=300)
        text = log.read_text(encoding="utf-8")
        assert "first page warmed" in text, text[-2000:]  # written before the gate opens
        assert "FINISHED_SUCCESSFULLY" in text
    finally:
        proc.terminate()
        proc.wait(timeout=30)
